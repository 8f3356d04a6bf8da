import type { Stack } from "../types/stack";
import type { Shifts } from "./applyShifts";
import { checkOptions, checkStack, derive, type Rect } from "./_util";

/** Options of {@link cropToCommon}. */
export interface CropToCommonOptions {
  /**
   * Crop in place, as numpy's view of the common area costs no copy: the kept rows are moved to
   * the front of the stack's own data array (each goes to an index at or before where it was, so
   * nothing is overwritten before it is read) and the result's data are a view of that array
   * (same type as the input), whose values after the cropped ones are then stale. The input stack
   * must not be used afterwards. Default false: a new Float64 array, the input untouched.
   */
  inPlace?: boolean;
}

/** Result of {@link cropToCommon}. */
export interface CropResult {
  /** The cropped stack, shape `[nE, y1 − y0, x1 − x0]`; its `x`/`y` positions are the kept ones. */
  stack: Stack;
  /** The kept rectangle in the input's pixel indices (end exclusive). */
  rect: Rect;
}

/**
 * The rectangle every image covers after `applyShifts` with these shifts (pixel indices, end
 * exclusive), without touching any data.
 * @throws RangeError when the shifts leave no common pixel.
 */
export function commonRect(ny: number, nx: number, shifts: Shifts, fn = "commonRect"): { x0: number; y0: number; x1: number; y1: number } {
  let minX = Infinity;
  let maxX = -Infinity;
  let minY = Infinity;
  let maxY = -Infinity;
  for (let e = 0; e < shifts.dx.length; e++) {
    minX = Math.min(minX, shifts.dx[e]);
    maxX = Math.max(maxX, shifts.dx[e]);
    minY = Math.min(minY, shifts.dy[e]);
    maxY = Math.max(maxY, shifts.dy[e]);
  }
  const eps = 1e-9;
  const x0 = Math.max(0, Math.ceil(-minX - eps));
  const x1 = Math.min(nx, Math.floor(nx - 1 - maxX + eps) + 1);
  const y0 = Math.max(0, Math.ceil(-minY - eps));
  const y1 = Math.min(ny, Math.floor(ny - 1 - maxY + eps) + 1);
  if (x1 <= x0 || y1 <= y0) {
    throw new RangeError(`${fn}: the shifts (x ${minX} … ${maxX}, y ${minY} … ${maxY} px) leave no pixel common to all ${shifts.dx.length} images of ${ny}×${nx}`);
  }
  return { x0, y0, x1, y1 };
}

/**
 * Crop an aligned stack to the area every image covered: after `applyShifts`, pixel (y, x)
 * of image e came from (y + dy[e], x + dx[e]), so only pixels whose source lies inside the
 * recorded image at every energy are kept.
 *
 * @param stack - aligned stack, shape `[nE, ny, nx]`.
 * @param shifts - the shifts that were applied (px), length `nE` each.
 * @param options - {@link CropToCommonOptions} (`inPlace`).
 * @returns the cropped stack and the rectangle kept (values the same with or without `inPlace`).
 * @throws RangeError when the shifts leave no common pixel; TypeError when `inPlace` is not a boolean.
 * @example
 * const { stack: common, rect } = cropToCommon(applyShifts(od, s), s);
 */
export function cropToCommon(stack: Stack, shifts: Shifts, options: CropToCommonOptions = {}): CropResult {
  const fn = "cropToCommon";
  checkOptions(fn, options, ["inPlace"]);
  const inPlace = options.inPlace ?? false;
  if (typeof inPlace !== "boolean") throw new TypeError(`${fn}: option "inPlace" must be true or false, got ${JSON.stringify(inPlace)}`);
  checkStack(fn, stack);
  const { nE, ny, nx } = stack;
  if (!shifts || shifts.dx.length !== nE || shifts.dy.length !== nE) {
    throw new RangeError(`${fn}: shifts must have dx and dy of length nE = ${nE}`);
  }
  const { x0, y0, x1, y1 } = commonRect(ny, nx, shifts, fn);
  const w = x1 - x0;
  const h = y1 - y0;
  const d = stack.data;
  let out: Float64Array | Float32Array;
  if (inPlace) {
    // row k goes from s_k to t_k = k·w ≤ s_k, in increasing k: t_k + w = t_{k+1} ≤ s_{k+1}, so a
    // row's destination never reaches a later row's source (copyWithin copies overlapping ranges correctly)
    for (let e = 0; e < nE; e++) {
      for (let y = 0; y < h; y++) {
        const src = (e * ny + y + y0) * nx + x0;
        const dst = (e * h + y) * w;
        if (src !== dst) d.copyWithin(dst, src, src + w);
      }
    }
    out = d.subarray(0, nE * h * w);
  } else {
    out = new Float64Array(nE * h * w);
    for (let e = 0; e < nE; e++) {
      for (let y = 0; y < h; y++) {
        const src = (e * ny + y + y0) * nx + x0;
        out.set(d.subarray(src, src + w), (e * h + y) * w);
      }
    }
  }
  const rect = { x0, y0, x1, y1 };
  return {
    stack: derive(stack, { data: out, ny: h, nx: w, x: stack.x.slice(x0, x1), y: stack.y.slice(y0, y1), metadata: { crop: rect } }),
    rect,
  };
}
