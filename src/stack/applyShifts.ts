import type { Stack } from "../types/stack";
import { RealFft2, fourierShiftImageReal, nextPow2 } from "./_fft2";
import { checkOptions, checkStack, derive } from "./_util";
import { LANCZOS_RADIUS, lanczosPlan, lanczosShiftImage, lanczosXPassRow, lanczosYPassInto } from "./_lanczos";
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
    for (let e = 0; e < nE; e++) lanczosShiftImage(d, e * n, ny, nx, lanczosPlan(shifts.dx[e], shifts.dy[e], smoothing, nx, fill), out, tmp);
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
    const clamp = (i: number): number => (i < 0 ? 0 : i >= ny ? ny - 1 : i);
    const s0 = clamp(r0 + p.yo[0]), s1 = clamp(r1 - 1 + p.yo[p.yo.length - 1]);
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
