import type { Stack } from "../types/stack";
import { RealFft2, fourierShiftImageReal, nextPow2 } from "./_fft2";
import { checkOptions, checkStack, derive } from "./_util";
import { outView, overlaps } from "./_outBuffer";

/** Shifts to apply: per-energy displacements in pixels, as returned by `computeShifts`. */
export interface Shifts {
  /** Displacement of each image's content along x (columns), px, length `nE`. */
  dx: ArrayLike<number>;
  /** Displacement along y (rows), px, length `nE`. */
  dy: ArrayLike<number>;
}

/** The resampling kernels of {@link applyShifts}. */
export type ShiftMethod = "lanczos" | "fourier" | "bilinear";

/** Default {@link ApplyShiftsOptions.smoothing} of "lanczos": the cubic B-spline [1/6, 2/3, 1/6] per axis. */
export const DEFAULT_SMOOTHING = 1 / 3;

/** Lobes of the "lanczos" kernel: taps at −3 … +4 around the source position (8 per axis). */
export const LANCZOS_RADIUS = 4;

/**
 * Rows beyond a band that the shift of that band reads (the y support of the kernel), for a
 * shift of `dy` px: rows `y + dy − 3 … y + dy + 4` for "lanczos", `y + dy … y + dy + 1` for
 * "bilinear"; "fourier" needs whole columns (Infinity).
 * @internal
 */
export function shiftSupportRows(method: ShiftMethod, dy: number): number {
  if (method === "fourier") return Infinity;
  return Math.ceil(Math.abs(dy)) + (method === "lanczos" ? LANCZOS_RADIUS + 1 : 1) + 1;
}

/** Lanczos weights for a source position `t` ∈ [0, 1) past a tap: taps k = −a+1 … a, normalised to sum 1. */
function lanczosWeights(t: number, a: number): Float64Array {
  const w = new Float64Array(2 * a);
  if (t < 1e-12) {
    w[a - 1] = 1;
    return w;
  }
  let s = 0;
  for (let k = -a + 1; k <= a; k++) {
    const u = t - k;
    const pu = Math.PI * u;
    const v = (a * Math.sin(pu) * Math.sin(pu / a)) / (pu * pu);
    w[k + a - 1] = v;
    s += v;
  }
  for (let i = 0; i < w.length; i++) w[i] /= s;
  return w;
}

/**
 * The taps of one axis: the Lanczos weights at fractional position t (taps −a+1 … a) convolved with
 * the common smoothing [s/2, 1 − s, s/2]; taps −a … a+1 (2a + 2 of them).
 */
function axisWeights(t: number, a: number, s: number): Float64Array {
  const l = lanczosWeights(t, a);
  const w = new Float64Array(2 * a + 2);
  for (let i = 0; i < l.length; i++) {
    w[i] += (s / 2) * l[i];
    w[i + 1] += (1 - s) * l[i];
    w[i + 2] += (s / 2) * l[i];
  }
  return w;
}

/**
 * The nonzero taps of one axis: offsets (relative to the output index) and weights, in tap order.
 * Zero taps are left out, as the sums skip them (a NaN beside an integer shift stays out).
 */
function nonzeroTaps(w: Float64Array, first: number): { off: Int32Array; wt: Float64Array } {
  const off: number[] = [];
  const wt: number[] = [];
  for (let k = 0; k < w.length; k++) {
    if (w[k] !== 0) {
      off.push(first + k);
      wt.push(w[k]);
    }
  }
  return { off: Int32Array.from(off), wt: Float64Array.from(wt) };
}

/** `i` clamped to 0 … n − 1 (the edge replicated). */
function clampIndex(i: number, n: number): number {
  return i < 0 ? 0 : i >= n ? n - 1 : i;
}

/** One x-pass value at an edge column: the taps' indices clamped to the row. */
function clampedTaps(src: ArrayLike<number>, row: number, x: number, nx: number, xo: Int32Array, xw: Float64Array): number {
  let v = 0;
  for (let k = 0; k < xo.length; k++) v += xw[k] * src[row + clampIndex(x + xo[k], nx)];
  return v;
}

/**
 * One image resampled along x then y with the separable kernel of {@link axisWeights}:
 * `out(y, x) = Σ wy Σ wx in(y + iy + j, x + ix + k)`, indices clamped to the image (edge replicated).
 * Columns whose taps all fall inside the row skip the clamping; sums run over the nonzero taps in
 * tap order either way, so every value is the same.
 */
function lanczosShiftImage(src: ArrayLike<number>, off: number, ny: number, nx: number, sx: number, sy: number, smoothing: number, out: Float64Array, tmp: Float64Array): void {
  const a = LANCZOS_RADIUS;
  const ix = Math.floor(sx);
  const iy = Math.floor(sy);
  const tx = nonzeroTaps(axisWeights(sx - ix, a, smoothing), ix - a);
  const ty = nonzeroTaps(axisWeights(sy - iy, a, smoothing), iy - a);
  const xo = tx.off;
  const xw = tx.wt;
  const m = xo.length;
  // x in [xa, xb): every tap x + xo[k] inside 0 … nx − 1
  const xa = Math.min(nx, Math.max(0, -xo[0]));
  const xb = Math.max(xa, Math.min(nx, nx - xo[m - 1]));
  // x pass into tmp: clamped taps at the left and right edges, direct ones in between
  for (let y = 0; y < ny; y++) {
    const row = off + y * nx;
    const t = y * nx;
    for (let x = 0; x < xa; x++) tmp[t + x] = clampedTaps(src, row, x, nx, xo, xw);
    for (let x = xa; x < xb; x++) {
      let v = 0;
      const r = row + x;
      for (let k = 0; k < m; k++) v += xw[k] * src[r + xo[k]];
      tmp[t + x] = v;
    }
    for (let x = xb; x < nx; x++) tmp[t + x] = clampedTaps(src, row, x, nx, xo, xw);
  }
  // y pass into out
  const yo = ty.off;
  const yw = ty.wt;
  const my = yo.length;
  const rows = new Int32Array(my);
  for (let y = 0; y < ny; y++) {
    const o = off + y * nx;
    for (let k = 0; k < my; k++) rows[k] = clampIndex(y + yo[k], ny) * nx;
    for (let x = 0; x < nx; x++) {
      let v = 0;
      for (let k = 0; k < my; k++) v += yw[k] * tmp[rows[k] + x];
      out[o + x] = v;
    }
  }
}

/** Options of {@link applyShifts}. */
export interface ApplyShiftsOptions {
  /**
   * The resampling kernel:
   * - "lanczos" (default): separable Lanczos-windowed sinc with {@link LANCZOS_RADIUS} lobes (8 taps
   *   per axis, weights normalised to sum 1, edges replicated), convolved with the common
   *   `smoothing` kernel (10 taps). The interpolation itself does not blur (a fractional shift keeps
   *   detail up to ~0.35 cycles/px), and the smoothing is the same for every image whatever its
   *   shift, the reference's zero included, so particle edges look the same at every energy. Local
   *   (reads rows y + dy − 4 … y + dy + 5), so it gives the same result in bands of rows
   *   (`preprocessSeriesInBands`).
   * - "fourier": phase ramp on an edge-padded image (exact for band-limited images); needs whole images.
   * - "bilinear": local, no ringing, but it blurs every image with a fractional shift (by up to a
   *   [¼ ½ ¼] smoothing at half a pixel) while the reference stays sharp, which puts a spike at the
   *   reference energy into the spectra of pixels at particle edges.
   */
  method?: ShiftMethod;
  /**
   * "lanczos" only: the variance (px², per axis) of a smoothing [s/2, 1 − s, s/2] applied with the
   * shift to *every* image, the unshifted reference included, so all images get the same kernel.
   * Default 1/3, the cubic B-spline [1/6, 2/3, 1/6]: about what bilinear interpolation smooths
   * at its worst (¼-px variance at half a pixel) — it halves the pixel noise as bilinear does
   * for shifted images — but identical for every image. 0 = pure Lanczos interpolation (the
   * reference then stays untouched and a shift there and back returns the image).
   */
  smoothing?: number;
  /** Value of pixels that come from outside the recorded image: a number, or NaN (default). Crop them with `cropToCommon`. */
  fill?: number;
  /**
   * Where to write the shifted stack (Float64, at least `nE·ny·nx` values; the result's data are
   * a view of its first `nE·ny·nx` values): a separate buffer (e.g. one reused from stack to
   * stack), or the input's own data array (Float64, same offset) to shift in place, one image at
   * a time — every image depends only on the same image of the input, so the values are bit for
   * bit those of a separate output. Default: a new array.
   */
  out?: Float64Array;
}

/**
 * Move every image back by its drift: `out[e](y, x) = in[e](y + dy[e], x + dx[e])`, interpolated.
 * Every image goes through the same kernel: with the default "lanczos" (windowed sinc with a
 * common cubic B-spline smoothing) shifted images and the reference, which is smoothed as well,
 * agree at particle edges; "bilinear" blurs each image by its fractional shift and the reference not
 * at all, which puts a spike at the reference energy into the spectra of rim pixels.
 * Pixels whose source lies outside the image get `fill` (NaN by default).
 * Memory: one output array the size of the input (Float64), or none with `out` (in place: one
 * image of scratch).
 *
 * @param stack - shape `[nE, ny, nx]`.
 * @param shifts - {@link Shifts} in pixels (e.g. a `ShiftResult`).
 * @param options - {@link ApplyShiftsOptions}.
 * @returns a new aligned stack (the input is not changed unless its data are `options.out`; the
 *   data are `options.out` when given); `metadata.shifts` records the shifts used.
 * @throws RangeError when `options.out` is shorter than `nE·ny·nx` or overlaps the input at a
 *   different offset; TypeError when it is not a Float64Array.
 * @example
 * const aligned = cropToCommon(applyShifts(od, computeShifts(od)), shifts).stack;
 */
export function applyShifts(stack: Stack, shifts: Shifts, options: ApplyShiftsOptions = {}): Stack {
  const fn = "applyShifts";
  checkOptions(fn, options, ["method", "fill", "smoothing", "out"]);
  checkStack(fn, stack);
  const { nE, ny, nx } = stack;
  if (!shifts || !shifts.dx || !shifts.dy || shifts.dx.length !== nE || shifts.dy.length !== nE) {
    throw new RangeError(`${fn}: shifts must have dx and dy of length nE = ${nE}, got ${shifts?.dx?.length} and ${shifts?.dy?.length}`);
  }
  for (let e = 0; e < nE; e++) {
    if (!Number.isFinite(shifts.dx[e]) || !Number.isFinite(shifts.dy[e])) {
      throw new RangeError(`${fn}: shift at energy index ${e} is (${shifts.dx[e]}, ${shifts.dy[e]}); expected finite numbers`);
    }
  }
  const { method, smoothing, fill } = resolveShiftOptions(fn, options);
  const n = ny * nx;
  const d = stack.data;
  const given = outView(fn, options.out, d.length, Float64Array);
  const inPlace = given !== undefined && d instanceof Float64Array && given.buffer === d.buffer && given.byteOffset === d.byteOffset;
  if (given && !inPlace && overlaps(given, d)) {
    throw new RangeError(`${fn}: option "out" overlaps the stack's data at a different offset; expected a separate buffer or the stack's own (Float64) data array`);
  }
  const out = given ?? new Float64Array(d.length);
  const inside = (y: number, x: number): boolean => y >= -1e-9 && y <= ny - 1 + 1e-9 && x >= -1e-9 && x <= nx - 1 + 1e-9;
  if (method === "lanczos") {
    const tmp = new Float64Array(n);
    for (let e = 0; e < nE; e++) {
      const off = e * n;
      const sx = shifts.dx[e];
      const sy = shifts.dy[e];
      lanczosShiftImage(d, off, ny, nx, sx, sy, smoothing, out, tmp);
      fillOutside(out, off, ny, nx, sy, sx, fill);
    }
  } else if (method === "bilinear") {
    // in place: each image is read from a copy of itself, as its output overwrites it
    const img = inPlace ? new Float64Array(n) : null;
    for (let e = 0; e < nE; e++) {
      let off = e * n;
      const o0 = off;
      let src: ArrayLike<number> = d;
      if (img) {
        img.set(d.subarray(off, off + n));
        src = img;
        off = 0;
      }
      const sx = shifts.dx[e];
      const sy = shifts.dy[e];
      for (let y = 0; y < ny; y++) {
        const fy = y + sy;
        const y0 = Math.min(Math.max(Math.floor(fy), 0), Math.max(ny - 2, 0));
        const ty = fy - y0;
        for (let x = 0; x < nx; x++) {
          const fx = x + sx;
          if (!inside(fy, fx)) {
            out[o0 + y * nx + x] = fill;
            continue;
          }
          const x0 = Math.min(Math.max(Math.floor(fx), 0), Math.max(nx - 2, 0));
          const tx = fx - x0;
          const x1 = Math.min(x0 + 1, nx - 1);
          const y1 = Math.min(y0 + 1, ny - 1);
          const a = src[off + y0 * nx + x0];
          const b = src[off + y0 * nx + x1];
          const c = src[off + y1 * nx + x0];
          const dd = src[off + y1 * nx + x1];
          out[o0 + y * nx + x] = (1 - ty) * ((1 - tx) * a + tx * b) + ty * ((1 - tx) * c + tx * dd);
        }
      }
    }
  } else {
    const fft = new RealFft2(nextPow2(ny + 8), nextPow2(nx + 8));
    for (let e = 0; e < nE; e++) {
      const off = e * n;
      const sx = shifts.dx[e];
      const sy = shifts.dy[e];
      out.set(fourierShiftImageReal(d.subarray(off, off + n), ny, nx, sx, sy, fft), off);
      fillOutside(out, off, ny, nx, sy, sx, fill);
    }
  }
  return derive(stack, { data: out, metadata: { shifts: { dx: Array.from(shifts.dx), dy: Array.from(shifts.dy) } } });
}

/**
 * @internal The checked options of {@link applyShifts} with their defaults.
 * @throws Error naming `fn` and the option when one is invalid.
 */
export function resolveShiftOptions(fn: string, options: ApplyShiftsOptions): { method: ShiftMethod; smoothing: number; fill: number } {
  const method = options.method ?? "lanczos";
  if (method !== "lanczos" && method !== "bilinear" && method !== "fourier") {
    throw new Error(`${fn}: option "method" must be "lanczos", "fourier" or "bilinear", got ${JSON.stringify(method)}`);
  }
  const smoothing = options.smoothing ?? (method === "lanczos" ? DEFAULT_SMOOTHING : 0);
  if (typeof smoothing !== "number" || !(smoothing >= 0 && smoothing <= 0.5)) {
    throw new RangeError(`${fn}: option "smoothing" must be a number in [0, 0.5] (variance in px² of the common [s/2, 1 − s, s/2] kernel), got ${smoothing}`);
  }
  if (smoothing !== 0 && method !== "lanczos") throw new Error(`${fn}: option "smoothing" applies to method "lanczos" only`);
  const fill = options.fill ?? NaN;
  if (typeof fill !== "number") throw new TypeError(`${fn}: option "fill" must be a number (NaN allowed), got ${typeof fill}`);
  return { method, smoothing, fill };
}

/**
 * @internal Part of one image shifted exactly as {@link applyShifts} shifts the whole image
 * ("lanczos" or "bilinear"): the image is `ny × nx` values at `src[srcOff + y·rowStride + x]`,
 * and only output rows `[r0, r1)` × columns `[c0, c1)` are computed, into
 * `out[outOff + (y − r0)·(c1 − c0) + (x − c0)]`. Every value equals applyShifts' at (y, x)
 * (same taps, same order, same clamping at the image's edges). `tmp` holds at least
 * `ny·(c1 − c0)` values (the x pass of the rows the y taps reach). For bands of a large image:
 * no array is allocated.
 */
export function shiftImagePartInto(
  src: Float64Array, srcOff: number, rowStride: number, ny: number, nx: number, sx: number, sy: number,
  opts: { method: ShiftMethod; smoothing: number; fill: number },
  r0: number, r1: number, c0: number, c1: number, out: Float64Array, outOff: number, tmp: Float64Array,
): void {
  const w = c1 - c0;
  if (opts.method === "lanczos") {
    const p = lanczosPlan(sx, sy, opts.smoothing, nx, opts.fill);
    // x pass of the source rows the y taps of rows r0 … r1 − 1 reach, columns c0 … c1 − 1, into tmp (row-indexed)
    const s0 = clampIndex(r0 + p.yo[0], ny), s1 = clampIndex(r1 - 1 + p.yo[p.yo.length - 1], ny);
    for (let y = s0; y <= s1; y++) lanczosXPassRow(src, srcOff + y * rowStride, p, c0, c1, tmp, y * w);
    lanczosYPassInto(tmp, 0, w, ny, p, r0, r1, c0, out, outOff);
    return;
  } else if (opts.method === "bilinear") {
    for (let y = r0; y < r1; y++) {
      const fy = y + sy;
      const y0 = Math.min(Math.max(Math.floor(fy), 0), Math.max(ny - 2, 0));
      const ty = fy - y0;
      const y1 = Math.min(y0 + 1, ny - 1);
      const o = outOff + (y - r0) * w - c0;
      for (let x = c0; x < c1; x++) {
        const fx = x + sx;
        if (!(fy >= -1e-9 && fy <= ny - 1 + 1e-9 && fx >= -1e-9 && fx <= nx - 1 + 1e-9)) {
          out[o + x] = opts.fill;
          continue;
        }
        const x0 = Math.min(Math.max(Math.floor(fx), 0), Math.max(nx - 2, 0));
        const tx = fx - x0;
        const x1 = Math.min(x0 + 1, nx - 1);
        const p = srcOff + y0 * rowStride, q = srcOff + y1 * rowStride;
        out[o + x] = (1 - ty) * ((1 - tx) * src[p + x0] + tx * src[p + x1]) + ty * ((1 - tx) * src[q + x0] + tx * src[q + x1]);
      }
    }
    return;
  } else {
    throw new Error(`shiftImagePartInto: method "${opts.method}" needs whole images; expected "lanczos" or "bilinear"`);
  }
}

/**
 * @internal The taps of the "lanczos" kernel for one image's shift (sx, sy), as
 * {@link applyShifts} uses them: x offsets and weights (`xa … xb − 1` are the columns whose taps
 * all fall inside a row of `nx`), y offsets and weights, and the fill of pixels from outside.
 */
export interface LanczosPlan {
  xo: Int32Array;
  xw: Float64Array;
  xa: number;
  xb: number;
  yo: Int32Array;
  yw: Float64Array;
  sx: number;
  sy: number;
  nx: number;
  fill: number;
}

/** @internal The {@link LanczosPlan} of a shift (sx, sy) of images `nx` columns wide. */
export function lanczosPlan(sx: number, sy: number, smoothing: number, nx: number, fill: number): LanczosPlan {
  const a = LANCZOS_RADIUS;
  const ix = Math.floor(sx);
  const iy = Math.floor(sy);
  const tx = nonzeroTaps(axisWeights(sx - ix, a, smoothing), ix - a);
  const ty = nonzeroTaps(axisWeights(sy - iy, a, smoothing), iy - a);
  const xo = tx.off;
  const xa = Math.min(nx, Math.max(0, -xo[0]));
  const xb = Math.max(xa, Math.min(nx, nx - xo[xo.length - 1]));
  return { xo, xw: tx.wt, xa, xb, yo: ty.off, yw: ty.wt, sx, sy, nx, fill };
}

/**
 * @internal The x pass of the "lanczos" shift for one image row (`nx` values at `src[row]`),
 * columns `[c0, c1)`, into `dst[dstOff + x − c0]`: the values applyShifts' x pass computes.
 */
export function lanczosXPassRow(src: Float64Array, row: number, p: LanczosPlan, c0: number, c1: number, dst: Float64Array, dstOff: number): void {
  const { xo, xw, xa, xb, nx } = p;
  const m = xo.length;
  const t = dstOff - c0;
  for (let x = c0; x < c1; x++) {
    if (x < xa || x >= xb) {
      dst[t + x] = clampedTaps(src, row, x, nx, xo, xw);
      continue;
    }
    let v = 0;
    const r = row + x;
    for (let k = 0; k < m; k++) v += xw[k] * src[r + xo[k]];
    dst[t + x] = v;
  }
}

/**
 * @internal The y pass of the "lanczos" shift and the fill of pixels from outside: `xp` holds
 * the x pass of an image `ny` rows high (row y at `xp[xpOff + y·w]`, columns `c0 … c0 + w − 1`
 * of images `p.nx` wide); rows `[r0, r1)` go to `out[outOff + (y − r0)·w + (x − c0)]`, equal to
 * applyShifts' values (taps clamped to rows 0 … ny − 1).
 */
export function lanczosYPassInto(xp: Float64Array, xpOff: number, w: number, ny: number, p: LanczosPlan, r0: number, r1: number, c0: number, out: Float64Array, outOff: number): void {
  const { yo, yw, sx, sy, nx, fill } = p;
  const my = yo.length;
  const rows = new Int32Array(my);
  for (let y = r0; y < r1; y++) {
    const o = outOff + (y - r0) * w;
    for (let k = 0; k < my; k++) rows[k] = xpOff + clampIndex(y + yo[k], ny) * w;
    for (let x = 0; x < w; x++) {
      let v = 0;
      for (let k = 0; k < my; k++) v += yw[k] * xp[rows[k] + x];
      out[o + x] = v;
    }
  }
  // pixels whose source lies outside the image, as fillOutside
  const c1 = c0 + w;
  for (let y = r0; y < r1; y++) {
    const o = outOff + (y - r0) * w - c0;
    const fy = y + sy;
    if (!(fy >= -1e-9 && fy <= ny - 1 + 1e-9)) {
      for (let x = c0; x < c1; x++) out[o + x] = fill;
      continue;
    }
    for (let x = c0; x < c1; x++) {
      const fx = x + sx;
      if (!(fx >= -1e-9 && fx <= nx - 1 + 1e-9)) out[o + x] = fill;
    }
  }
}

/**
 * Set to `fill` the pixels of image `off` whose source (y + sy, x + sx) lies outside the image
 * (by more than 1e-9 px). The test is separable: one row test and one column test.
 */
function fillOutside(out: Float64Array, off: number, ny: number, nx: number, sy: number, sx: number, fill: number): void {
  const colOut: number[] = [];
  for (let x = 0; x < nx; x++) {
    const fx = x + sx;
    if (!(fx >= -1e-9 && fx <= nx - 1 + 1e-9)) colOut.push(x);
  }
  for (let y = 0; y < ny; y++) {
    const o = off + y * nx;
    const fy = y + sy;
    if (!(fy >= -1e-9 && fy <= ny - 1 + 1e-9)) out.fill(fill, o, o + nx);
    else for (const x of colOut) out[o + x] = fill;
  }
}
