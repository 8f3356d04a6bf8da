import type { Stack } from "../types/stack";
import { Registrar } from "./_register";
import { registerAll } from "./_registerThreads";
import { checkNumber, checkOptions, checkRect, checkStack, type Rect } from "./_util";

/** Options of {@link computeShifts}. */
export interface ComputeShiftsOptions {
  /**
   * The reference: an energy index (every image is registered to that image), or "neighbour"
   * (each image to the previous one, shifts accumulated from image 0; errors then add up like
   * a random walk). Default: the index of the image with the largest standard deviation (most contrast).
   */
  reference?: number | "neighbour";
  /** Use only this rectangle of each image (pixel indices, end exclusive). Default: the whole image. */
  region?: Rect;
  /** Largest shift searched, in pixels along each axis (default: a quarter of the image size). */
  maxShift?: number;
  /**
   * Sub-pixel peak fit through the 3 points around the integer peak along each axis:
   * "gaussian" (a parabola through the logarithms; exact for a Gaussian peak — default),
   * "parabolic" (a parabola through the values), or "centroid" (3×3 centre of mass).
   */
  subpixel?: "gaussian" | "parabolic" | "centroid";
  /**
   * "phase" (default): the normalised cross-power spectrum (phase correlation); "cross": plain
   * cross-correlation.
   */
  normalization?: "phase" | "cross";
  /**
   * Width (px) of the Gaussian that shapes the correlation peak: the cross-power spectrum is
   * multiplied by exp(−2π²σ²|f|²). Suppresses noise and makes the peak Gaussian (default 1.5).
   */
  sigma?: number;
  /** Apodisation before the FFT: "tukey" (flat centre, cosine edges over `taper` of each side — default) or "none". */
  window?: "tukey" | "none";
  /** Fraction of each side tapered by the Tukey window (default 0.2). */
  taper?: number;
  /** Moving-average window (odd number of energies) applied to the shift series; 1 = none (default). */
  smooth?: number;
  /**
   * Refinement passes (default 1): the moving image is Fourier-shifted by the current estimate and
   * registered again, removing the pull towards zero that the fixed apodisation window causes
   * (about 2 % of the shift). 0 = a single registration.
   */
  refine?: number;
}

/** Result of {@link computeShifts}: the drift of every image. */
export interface ShiftResult {
  /**
   * Displacement of each image's content along x relative to the reference, in pixels, length `nE`:
   * image e shows at pixel `p + d` what the reference shows at `p`. {@link applyShifts} moves it back.
   */
  dx: Float64Array;
  /** Displacement along y (rows) in pixels, length `nE`; see `dx`. */
  dy: Float64Array;
  /** Height of each correlation peak (1 = perfect match for "phase"), length `nE`; low values flag doubtful shifts. */
  peak: Float64Array;
  /** The reference used (an energy index or "neighbour"). */
  reference: number | "neighbour";
  /** The unsmoothed shifts (equal to dx/dy when `smooth` is 1). */
  raw: { dx: Float64Array; dy: Float64Array };
}

function tukey(n: number, alpha: number): Float64Array {
  const w = new Float64Array(n).fill(1);
  if (alpha <= 0 || n < 3) return w;
  const m = alpha * (n - 1) / 2;
  for (let i = 0; i < n; i++) {
    const t = Math.min(i, n - 1 - i);
    if (t < m) w[i] = 0.5 * (1 - Math.cos((Math.PI * t) / m));
  }
  return w;
}

function movingAverage(v: Float64Array, win: number): Float64Array {
  const h = (win - 1) / 2;
  const out = new Float64Array(v.length);
  for (let i = 0; i < v.length; i++) {
    const a = Math.max(0, i - h);
    const b = Math.min(v.length - 1, i + h);
    let s = 0;
    for (let j = a; j <= b; j++) s += v[j];
    out[i] = s / (b - a + 1);
  }
  return out;
}

/**
 * Drift between the images of a stack by phase correlation (Kuglin & Hines 1975), with a
 * Gaussian-shaped peak and a 3-point sub-pixel fit. Images are mean-subtracted, apodised and
 * zero-padded to powers of two; real-input FFTs keep half spectra, and the inverse computes only
 * the correlation rows within `maxShift`. Images are processed one at a time: memory is a few
 * padded spectra (8·py·(px + 2) bytes each; py, px = padded sizes) beside the stack.
 *
 * @param stack - shape `[nE, ny, nx]` (OD or counts; NaN pixels count as the image mean).
 * @param options - {@link ComputeShiftsOptions}.
 * @returns shifts in pixels (see {@link ShiftResult}); apply them with `applyShifts`.
 * @example
 * const shifts = computeShifts(od, { reference: 25, smooth: 1 });
 * const aligned = applyShifts(od, shifts);
 */
export function computeShifts(stack: Stack, options: ComputeShiftsOptions = {}): ShiftResult {
  const fn = "computeShifts";
  checkOptions(fn, options, ["reference", "region", "maxShift", "subpixel", "normalization", "sigma", "window", "taper", "smooth", "refine"]);
  checkStack(fn, stack);
  const { nE, ny, nx } = stack;
  const r: Rect = options.region ? checkRect(fn, "region", options.region, ny, nx) : { x0: 0, y0: 0, x1: nx, y1: ny };
  const h = r.y1 - r.y0;
  const w = r.x1 - r.x0;
  if (h < 4 || w < 4) throw new RangeError(`${fn}: the region is ${h}×${w} pixels; expected at least 4×4`);
  const subpixel = options.subpixel ?? "gaussian";
  if (!["gaussian", "parabolic", "centroid"].includes(subpixel)) {
    throw new Error(`${fn}: option "subpixel" must be "gaussian", "parabolic" or "centroid", got ${JSON.stringify(subpixel)}`);
  }
  const norm = options.normalization ?? "phase";
  if (norm !== "phase" && norm !== "cross") throw new Error(`${fn}: option "normalization" must be "phase" or "cross", got ${JSON.stringify(norm)}`);
  const sigma = checkNumber(fn, "sigma", options.sigma ?? 1.5, 0);
  const winKind = options.window ?? "tukey";
  if (winKind !== "tukey" && winKind !== "none") throw new Error(`${fn}: option "window" must be "tukey" or "none", got ${JSON.stringify(winKind)}`);
  const taper = checkNumber(fn, "taper", options.taper ?? 0.2, 0, 1);
  const smooth = options.smooth ?? 1;
  if (!Number.isInteger(smooth) || smooth < 1 || smooth % 2 === 0) {
    throw new RangeError(`${fn}: option "smooth" must be an odd positive integer (moving-average window), got ${smooth}`);
  }
  const refine = options.refine ?? 1;
  if (!Number.isInteger(refine) || refine < 0 || refine > 10) throw new RangeError(`${fn}: option "refine" must be an integer in [0, 10], got ${refine}`);
  const maxShift = checkNumber(fn, "maxShift", options.maxShift ?? Math.max(1, Math.floor(Math.min(h, w) / 4)), 0);
  const n = ny * nx;
  const d = stack.data;

  let reference: number | "neighbour";
  if (options.reference === "neighbour") reference = "neighbour";
  else if (options.reference === undefined) {
    let best = -1;
    let bestV = -Infinity;
    for (let e = 0; e < nE; e++) {
      let s = 0;
      let s2 = 0;
      let c = 0;
      for (let y = r.y0; y < r.y1; y++) {
        for (let x = r.x0; x < r.x1; x++) {
          const v = d[e * n + y * nx + x];
          if (Number.isFinite(v)) {
            s += v;
            s2 += v * v;
            c++;
          }
        }
      }
      const varv = c > 0 ? s2 / c - (s / c) ** 2 : -Infinity;
      if (varv > bestV) {
        bestV = varv;
        best = e;
      }
    }
    reference = best;
  } else {
    const ref = options.reference;
    if (!Number.isInteger(ref) || ref < 0 || ref >= nE) {
      throw new RangeError(`${fn}: option "reference" must be an energy index in [0, ${nE}) or "neighbour", got ${JSON.stringify(ref)}`);
    }
    reference = ref;
  }

  const wy = winKind === "tukey" ? tukey(h, taper) : new Float64Array(h).fill(1);
  const wx = winKind === "tukey" ? tukey(w, taper) : new Float64Array(w).fill(1);
  const reg = new Registrar({ h, w, wy, wx, sigma, phase: norm === "phase", subpixel, maxShift, refine });
  const regionOf = (e: number, out: Float64Array): Float64Array => {
    for (let y = 0; y < h; y++) {
      const src = e * n + (y + r.y0) * nx + r.x0;
      for (let x = 0; x < w; x++) out[y * w + x] = d[src + x];
    }
    return out;
  };
  const img = new Float64Array(h * w);
  const dx = new Float64Array(nE);
  const dy = new Float64Array(nE);
  const peak = new Float64Array(nE);
  if (reference === "neighbour") {
    let prev = reg.spectrum(regionOf(0, img), reg.newSpectrum());
    let cur = reg.newSpectrum();
    peak[0] = 1;
    for (let e = 1; e < nE; e++) {
      regionOf(e, img);
      const [sx, sy, pk] = reg.register(img, reg.spectrum(img, cur), prev);
      dx[e] = dx[e - 1] + sx;
      dy[e] = dy[e - 1] + sy;
      peak[e] = pk;
      [prev, cur] = [cur, prev];
    }
  } else {
    const fRef = reg.spectrum(regionOf(reference, img), reg.newSpectrum());
    peak[reference] = 1;
    const list: number[] = [];
    for (let e = 0; e < nE; e++) if (e !== reference) list.push(e);
    registerAll(reg, fRef, list, regionOf, dx, dy, peak);
  }
  const raw = { dx: Float64Array.from(dx), dy: Float64Array.from(dy) };
  const outX = smooth > 1 ? movingAverage(dx, smooth) : dx;
  const outY = smooth > 1 ? movingAverage(dy, smooth) : dy;
  return { dx: outX, dy: outY, peak, reference, raw };
}
