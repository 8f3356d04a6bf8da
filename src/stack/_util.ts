/**
 * Internal helpers shared by the preprocessing verbs (not part of the public API).
 * @internal
 * @module
 */
import { makeStack, type Stack } from "../types/stack";

/**
 * A pixel rectangle in image coordinates: columns `x0 ≤ x < x1`, rows `y0 ≤ y < y1`
 * (start inclusive, end exclusive, integer pixel indices).
 */
export interface Rect {
  /** First column (inclusive). */
  x0: number;
  /** First row (inclusive). */
  y0: number;
  /** End column (exclusive). */
  x1: number;
  /** End row (exclusive). */
  y1: number;
}

/** An energy range `[lo, hi]` in eV, both ends inclusive. */
export type EnergyRange = readonly [number, number];

export { checkOptions } from "../util/checkOptions";

/** Below this many bytes a plain (zeroed) typed array is allocated. */
const UNSAFE_MIN_BYTES = 1 << 16;

/**
 * A new Float64Array of `n` values whose contents are unspecified (not zero-filled): for outputs
 * that the caller writes completely before returning them. Large arrays get their own
 * non-pooled ArrayBuffer (`Buffer.allocUnsafeSlow`), so the result is an ordinary Float64Array
 * (`byteOffset` 0, `buffer.byteLength` = 8·n) without the memset of `new Float64Array(n)`.
 */
export function allocF64(n: number): Float64Array {
  if (n * 8 < UNSAFE_MIN_BYTES) return new Float64Array(n);
  return new Float64Array(Buffer.allocUnsafeSlow(n * 8).buffer, 0, n);
}

/** As {@link allocF64}, a Float32Array of `n` values with unspecified contents. */
export function allocF32(n: number): Float32Array {
  if (n * 4 < UNSAFE_MIN_BYTES) return new Float32Array(n);
  return new Float32Array(Buffer.allocUnsafeSlow(n * 4).buffer, 0, n);
}

/** Throw unless `v` is a finite number (optionally within bounds). */
export function checkNumber(fn: string, name: string, v: unknown, min = -Infinity, max = Infinity): number {
  if (typeof v !== "number" || !Number.isFinite(v) || v < min || v > max) {
    const bounds = min > -Infinity || max < Infinity ? ` in [${min}, ${max}]` : "";
    throw new RangeError(`${fn}: option "${name}" must be a finite number${bounds}, got ${String(v)}`);
  }
  return v;
}

/** Throw unless `r` is a valid `[lo, hi]` range with lo ≤ hi. */
export function checkRange(fn: string, name: string, r: unknown): EnergyRange {
  if (!Array.isArray(r) || r.length !== 2 || !r.every((v) => typeof v === "number" && Number.isFinite(v)) || r[0] > r[1]) {
    throw new RangeError(`${fn}: option "${name}" must be an energy range [lo, hi] in eV with lo ≤ hi, got ${JSON.stringify(r)}`);
  }
  return [r[0], r[1]];
}

/** Indices of the energies inside `[lo, hi]`, throwing a clear error when there are none. */
export function rangeIndices(fn: string, name: string, energies: ArrayLike<number>, r: EnergyRange): number[] {
  const out: number[] = [];
  for (let i = 0; i < energies.length; i++) if (energies[i] >= r[0] && energies[i] <= r[1]) out.push(i);
  if (out.length === 0) {
    let lo = Infinity;
    let hi = -Infinity;
    for (let i = 0; i < energies.length; i++) {
      lo = Math.min(lo, energies[i]);
      hi = Math.max(hi, energies[i]);
    }
    throw new RangeError(
      `${fn}: ${name} range [${r[0]}, ${r[1]}] eV contains no energy of the stack (energies span ${lo} … ${hi} eV); expected a range overlapping the data`,
    );
  }
  return out;
}

/** Throw unless the energies are strictly increasing. */
export function checkIncreasing(fn: string, energies: ArrayLike<number>): void {
  for (let i = 1; i < energies.length; i++) {
    if (!(energies[i] > energies[i - 1])) {
      throw new RangeError(
        `${fn}: energies must be strictly increasing, but energy ${i} (${energies[i]} eV) follows ${energies[i - 1]} eV; sort the stack first`,
      );
    }
  }
}

/** Check a rectangle against an image of `ny × nx`, throwing when it holds no pixel. */
export function checkRect(fn: string, name: string, r: Rect, ny: number, nx: number): Rect {
  const ok =
    r && [r.x0, r.x1, r.y0, r.y1].every((v) => Number.isInteger(v)) && r.x0 >= 0 && r.y0 >= 0 && r.x1 <= nx && r.y1 <= ny;
  if (!ok) {
    throw new RangeError(
      `${fn}: option "${name}" ${JSON.stringify(r)} is not an integer rectangle inside the ${ny}×${nx} (ny×nx) image; expected 0 ≤ x0 < x1 ≤ ${nx}, 0 ≤ y0 < y1 ≤ ${ny}`,
    );
  }
  if (r.x1 <= r.x0 || r.y1 <= r.y0) {
    throw new RangeError(`${fn}: option "${name}" ${JSON.stringify(r)} is empty (no pixel); expected x0 < x1 and y0 < y1`);
  }
  return r;
}

/** Check a `[ny, nx]` mask and return it as 0/1 bytes together with its count. */
export function checkMask(fn: string, name: string, m: ArrayLike<number | boolean>, ny: number, nx: number): { mask: Uint8Array; count: number } {
  if (!m || typeof (m as ArrayLike<number>).length !== "number" || m.length !== ny * nx) {
    throw new RangeError(`${fn}: option "${name}" must be a mask of length ny·nx = ${ny * nx} (index y·nx + x), got length ${m ? m.length : m}`);
  }
  const mask = new Uint8Array(ny * nx);
  let count = 0;
  for (let i = 0; i < mask.length; i++) {
    if (m[i]) {
      mask[i] = 1;
      count++;
    }
  }
  return { mask, count };
}

/** Throw when the data hold NaN or ±Infinity, naming the first bad element. */
export function checkFinite(fn: string, stack: Stack): void {
  const d = stack.data;
  if (allFinite(d)) return;
  const n = stack.ny * stack.nx;
  for (let i = 0; i < d.length; i++) {
    if (!Number.isFinite(d[i])) {
      const e = Math.floor(i / n);
      const y = Math.floor((i % n) / stack.nx);
      const x = i % stack.nx;
      let bad = 0;
      for (let j = i; j < d.length; j++) if (!Number.isFinite(d[j])) bad++;
      // whole energy frames of NaN: energies never measured (an aborted scan)
      const frames: number[] = [];
      for (let f = e; f < stack.nE; f++) {
        let all = true;
        for (let j = f * n; j < (f + 1) * n && all; j++) all = Number.isNaN(d[j]);
        if (all) frames.push(f);
      }
      const hint =
        frames.length > 0 && frames.length < stack.nE
          ? `; energy frame${frames.length === 1 ? "" : "s"} ${frames.join(", ")} of ${stack.nE} ${frames.length === 1 ? "is" : "are"} all NaN, ` +
            "energies never measured (an aborted scan?): read the measured ones alone (readStxm's select option; its warning names them) or leave those energies out"
          : "";
      throw new RangeError(
        `${fn}: stack data hold ${bad} non-finite value(s) (first ${d[i]} at energy index ${e}, y ${y}, x ${x}); expected finite numbers${hint}`,
      );
    }
  }
}

/**
 * Whether every value is finite: `v·0` is ±0 for finite `v` and NaN for ±Infinity and NaN, so
 * four running sums of `v·0` stay 0 exactly when all values are finite (no branch per value).
 */
export function allFinite(d: Float64Array | Float32Array): boolean {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  const m = d.length & ~3;
  let i = 0;
  for (; i < m; i += 4) {
    s0 += d[i] * 0;
    s1 += d[i + 1] * 0;
    s2 += d[i + 2] * 0;
    s3 += d[i + 3] * 0;
  }
  for (; i < d.length; i++) s0 += d[i] * 0;
  return s0 + s1 + s2 + s3 === 0;
}

/** Trapezoid integral of `v` over the energies `e` at the given (sorted) indices. */
export function trapz(e: ArrayLike<number>, v: ArrayLike<number>, idx: readonly number[]): number {
  let s = 0;
  for (let k = 1; k < idx.length; k++) s += 0.5 * (e[idx[k]] - e[idx[k - 1]]) * (v[idx[k]] + v[idx[k - 1]]);
  return s;
}

/** A new stack like `base` with new data (and optionally other fields). */
export function derive(base: Stack, patch: Partial<Parameters<typeof makeStack>[0]> & { data: Float64Array | Float32Array }): Stack {
  return makeStack({
    data: patch.data,
    nE: patch.nE ?? base.nE,
    ny: patch.ny ?? base.ny,
    nx: patch.nx ?? base.nx,
    energies: patch.energies ?? base.energies,
    x: patch.x ?? base.x,
    y: patch.y ?? base.y,
    dwell: patch.dwell ?? base.dwell,
    quantity: patch.quantity ?? base.quantity,
    channel: patch.channel ?? base.channel,
    scanType: patch.scanType ?? base.scanType,
    source: patch.source ?? base.source,
    metadata: { ...base.metadata, ...(patch.metadata ?? {}) },
  });
}

/** Index of the energy nearest `e`. */
export function nearestIndex(energies: ArrayLike<number>, e: number): number {
  let best = 0;
  for (let i = 1; i < energies.length; i++) if (Math.abs(energies[i] - e) < Math.abs(energies[best] - e)) best = i;
  return best;
}

/** Check that `stack` looks like a Stack. */
export function checkStack(fn: string, stack: Stack, name = "stack"): void {
  if (!stack || !(stack.data instanceof Float64Array || stack.data instanceof Float32Array) || stack.data.length !== stack.nE * stack.ny * stack.nx) {
    throw new TypeError(`${fn}: ${name} must be a Stack made by makeStack (data of length nE·ny·nx)`);
  }
}
