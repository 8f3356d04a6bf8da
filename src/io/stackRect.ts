/**
 * The rectangle of a stack that a {@link StackSource} read asks for, and its checks. @module
 */
import { describe } from "../types/matrix";

/** Rows `[y0, y1)` and columns `[x0, x1)` of a stack (0-based; omitted = all). */
export interface StackRect {
  rows?: readonly [number, number];
  columns?: readonly [number, number];
}

/** @internal Check `readInto`'s layout against `out` and return the rectangle. */
export function checkInto(fn: string, rect: StackRect, ny: number, nx: number, nE: number, out: Float32Array | Float64Array, rowStride?: number, rowAt?: number) {
  const r = checkRect(fn, rect, ny, nx);
  const h = r.y1 - r.y0, w = r.x1 - r.x0;
  const stride = rowStride ?? h, at = rowAt ?? 0;
  if (!(out instanceof Float32Array || out instanceof Float64Array)) throw new TypeError(`${fn}: out must be a Float32Array or Float64Array`);
  if (!Number.isInteger(stride) || !Number.isInteger(at) || at < 0 || at + h > stride) throw new RangeError(`${fn}: rows ${h} at row ${at} do not fit a row stride of ${stride}`);
  if (out.length < nE * stride * w) throw new RangeError(`${fn}: out has ${out.length} values, expected at least nE·rowStride·w = ${nE * stride * w}`);
  return { ...r, h, w, stride, at };
}

/** @internal Check a rectangle against the image and return it as numbers. */
export function checkRect(fn: string, rect: StackRect, ny: number, nx: number): { y0: number; y1: number; x0: number; x1: number } {
  const one = (name: string, r: readonly [number, number] | undefined, n: number): [number, number] => {
    if (r === undefined) return [0, n];
    if (!Array.isArray(r) || r.length !== 2 || !Number.isInteger(r[0]) || !Number.isInteger(r[1]) || r[0] < 0 || r[1] > n || r[0] >= r[1]) {
      throw new RangeError(`${fn}: ${name} must be [start, end) with 0 ≤ start < end ≤ ${n}, got ${describe(r)}${Array.isArray(r) ? ` [${r.join(", ")}]` : ""}`);
    }
    return [r[0], r[1]];
  };
  for (const k of Object.keys(rect ?? {})) if (k !== "rows" && k !== "columns") throw new Error(`${fn}: unknown key "${k}" in the rectangle; expected rows, columns`);
  const [y0, y1] = one("rows", rect?.rows, ny);
  const [x0, x1] = one("columns", rect?.columns, nx);
  return { y0, y1, x0, x1 };
}

