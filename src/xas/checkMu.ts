/**
 * The input check every XAS function runs on μ(E) (internal).
 * @module
 */
import { describe } from "../types/matrix";
import type { Spectrum } from "../types/spectrum";

/**
 * @internal
 * Check that `s` is a spectrum with finite, strictly increasing energies (eV), finite values of
 * the same length and at least `minPoints` points.
 * @throws Error naming the function, the argument and the first bad index.
 */
export function checkMu(fn: string, name: string, s: unknown, minPoints: number): Spectrum {
  if (s === null || typeof s !== "object") throw new TypeError(`${fn}: ${name} must be a Spectrum { energies, values } (μ(E), energies in eV), got ${describe(s)}`);
  const { energies: e, values: v } = s as Spectrum;
  if (!(e instanceof Float64Array) || !(v instanceof Float64Array)) throw new TypeError(`${fn}: ${name}.energies and ${name}.values must be Float64Arrays (use makeSpectrum), got ${describe(e)} and ${describe(v)}`);
  if (e.length !== v.length) throw new RangeError(`${fn}: ${name} has ${e.length} energies but ${v.length} values; expected the same length`);
  if (e.length < minPoints) throw new RangeError(`${fn}: ${name} has ${e.length} points; expected at least ${minPoints}`);
  for (let i = 0; i < e.length; i++) {
    if (!Number.isFinite(e[i])) throw new RangeError(`${fn}: ${name}.energies[${i}] is ${e[i]}; expected finite energies in eV`);
    if (i > 0 && !(e[i] > e[i - 1])) {
      const what = e[i] === e[i - 1] ? "duplicated" : "decreasing";
      throw new RangeError(`${fn}: ${name}.energies must increase strictly, but energies[${i - 1}] = ${e[i - 1]} eV and energies[${i}] = ${e[i]} eV (${what}); sort the scan and merge or drop repeated points first`);
    }
    if (!Number.isFinite(v[i])) throw new RangeError(`${fn}: ${name}.values[${i}] (at ${e[i]} eV) is ${v[i]}; expected finite μ(E) (drop or interpolate NaN rows first)`);
  }
  return s as Spectrum;
}

/** @internal Throw unless `x` is a finite number. */
export function checkFinite(fn: string, name: string, x: unknown): number {
  if (typeof x !== "number" || !Number.isFinite(x)) throw new TypeError(`${fn}: ${name} must be a finite number, got ${describe(x)}`);
  return x;
}

/** @internal Python's round(): half to even (larch rounds its default ranges with it). */
export function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/** @internal Last index with energies[i] ≤ value; 0 below the range (larch's index_of). */
export function indexOf(energies: Float64Array, value: number): number {
  if (value < energies[0]) return 0;
  let lo = 0, hi = energies.length - 1;
  if (energies[hi] <= value) return hi;
  while (hi - lo > 1) { const m = (lo + hi) >> 1; if (energies[m] <= value) lo = m; else hi = m; }
  return lo;
}

/** @internal Index of the energy nearest to value (first on ties, like numpy argmin). */
export function indexNearest(energies: Float64Array, value: number): number {
  const i = indexOf(energies, value);
  if (i + 1 < energies.length && Math.abs(energies[i + 1] - value) < Math.abs(energies[i] - value)) return i + 1;
  return i;
}
