import type { Stack } from "../types/stack";
import { checkFinite, checkMask, checkNumber, checkOptions, checkRect, checkStack, type Rect } from "./_util";

/** Options of {@link extractI0}. Give at most one of `region` and `mask`; with neither, I0 is found automatically. */
export interface ExtractI0Options {
  /** A sample-free rectangle (pixel indices, end exclusive). */
  region?: Rect;
  /** A sample-free mask `[ny, nx]` (index `y·nx + x`, non-zero = use). */
  mask?: ArrayLike<number | boolean>;
  /** Automatic mode: the share of pixels whose mean flux defines "brightest" (default 0.02, as MANTiS). */
  brightFraction?: number;
  /**
   * Automatic mode: pixels whose mean flux is at least `(1 − tolerance)` × the mean flux of the
   * brightest `brightFraction` pixels are taken as sample-free (default 0.01).
   */
  tolerance?: number;
}

/** Result of {@link extractI0}. */
export interface I0Result {
  /** The incident-flux spectrum, length `nE`, in the stack's units (counts at the stack's dwell). */
  i0: Float64Array;
  /** Dwell time per energy in ms (copied from the stack), length `nE`. */
  dwell: Float64Array;
  /** The pixels averaged, `[ny, nx]`, 1 = used. */
  mask: Uint8Array;
  /** How many pixels were averaged. */
  pixelCount: number;
  /** Which way the pixels were chosen. */
  method: "region" | "mask" | "auto";
}

/**
 * The incident flux I0(E): the mean spectrum of sample-free pixels, chosen by a rectangle, a mask,
 * or automatically as the brightest pixels (after MANTiS' flux histogram, `i0_from_histogram`:
 * pixels whose energy-averaged flux is within `tolerance` of the mean of the brightest
 * `brightFraction` of pixels).
 *
 * @param stack - raw counts, shape `[nE, ny, nx]`.
 * @param options - {@link ExtractI0Options}.
 * @returns a new {@link I0Result}; the stack is not changed.
 * @throws Error for unknown options, an empty region or mask, both region and mask, or non-finite
 *   values among those it reads (the region's, the mask's, or all for the automatic choice).
 * @example
 * const { i0, pixelCount } = extractI0(stack, { region: { x0: 130, y0: 0, x1: 150, y1: 83 } });
 */
export function extractI0(stack: Stack, options: ExtractI0Options = {}): I0Result {
  const fn = "extractI0";
  checkOptions(fn, options, ["region", "mask", "brightFraction", "tolerance"]);
  checkStack(fn, stack);
  const { nE, ny, nx } = stack;
  const n = ny * nx;
  if (options.region !== undefined && options.mask !== undefined) {
    throw new Error(`${fn}: give either option "region" or option "mask", not both`);
  }
  let mask: Uint8Array;
  let count: number;
  let method: I0Result["method"];
  if (options.region !== undefined) {
    const r = checkRect(fn, "region", options.region, ny, nx);
    mask = new Uint8Array(n);
    for (let y = r.y0; y < r.y1; y++) for (let x = r.x0; x < r.x1; x++) mask[y * nx + x] = 1;
    count = (r.x1 - r.x0) * (r.y1 - r.y0);
    method = "region";
  } else if (options.mask !== undefined) {
    ({ mask, count } = checkMask(fn, "mask", options.mask, ny, nx));
    if (count === 0) throw new RangeError(`${fn}: option "mask" selects no pixel; expected at least one sample-free pixel`);
    method = "mask";
  } else {
    const frac = checkNumber(fn, "brightFraction", options.brightFraction ?? 0.02, 1e-9, 1);
    const tol = checkNumber(fn, "tolerance", options.tolerance ?? 0.01, 0, 1);
    const flux = new Float64Array(n);
    const d = stack.data;
    for (let e = 0; e < nE; e++) {
      const off = e * n;
      for (let i = 0; i < n; i++) flux[i] += d[off + i];
    }
    let all = 0;
    for (let i = 0; i < n; i++) all += flux[i] * 0;
    if (all !== 0) checkFinite(fn, stack); // a NaN or ±Infinity somewhere: named
    const sorted = Float64Array.from(flux).sort();
    const k = Math.max(1, Math.round(frac * n));
    let top = 0;
    for (let i = n - k; i < n; i++) top += sorted[i];
    top /= k;
    const lower = (1 - tol) * top;
    mask = new Uint8Array(n);
    count = 0;
    for (let i = 0; i < n; i++) {
      if (flux[i] >= lower) {
        mask[i] = 1;
        count++;
      }
    }
    method = "auto";
  }
  const i0 = new Float64Array(nE);
  const d = stack.data;
  if (options.region !== undefined) {
    const r = options.region;
    for (let e = 0; e < nE; e++) {
      let s = 0;
      for (let y = r.y0; y < r.y1; y++) {
        const off = e * n + y * nx;
        for (let x = r.x0; x < r.x1; x++) s += d[off + x];
      }
      i0[e] = s / count;
    }
  } else {
    for (let e = 0; e < nE; e++) {
      const off = e * n;
      let s = 0;
      for (let i = 0; i < n; i++) if (mask[i]) s += d[off + i];
      i0[e] = s / count;
    }
  }
  // The values read are checked through their sums: a non-finite one makes its sum non-finite
  // (then the whole stack's check names the first); the rest of the stack is not read here.
  let sum = 0;
  for (let e = 0; e < nE; e++) sum += i0[e] * 0;
  if (sum !== 0) checkFinite(fn, stack);
  return { i0, dwell: Float64Array.from(stack.dwell), mask, pixelCount: count, method };
}
