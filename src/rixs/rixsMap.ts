/**
 * A RIXS map: intensity over excitation energy (rows) × emission (columns).
 * @module
 */
import { matrix, type Matrix } from "../types/matrix";

/**
 * A RIXS map: `data[i · nCols + j]` = intensity at excitation `excitation[i]` (eV) and emission
 * `emission[j]` (eV once calibrated; detector pixel before, see `emissionUnit`). Rows are sorted
 * by increasing excitation; a calibrated emission axis increases.
 *
 * @example
 * const cut = map.data.subarray(i * map.nCols, (i + 1) * map.nCols); // the spectrum at excitation[i]
 */
export interface RixsMap extends Matrix<"excitation", "emission"> {
  /** Excitation energies, eV, increasing, length nRows. */
  readonly excitation: Float64Array;
  /** Emission axis, length nCols: eV (calibrated) or detector pixel (row of the CCD). */
  readonly emission: Float64Array;
  /** "eV" or "pixel". */
  readonly emissionUnit: "eV" | "pixel";
  /** Unit of the values, e.g. "counts / s / I₀" . */
  readonly unit: string;
  /** Name (sample, state). */
  readonly name: string;
}

/**
 * @internal Make a {@link RixsMap}, checking lengths.
 */
export function makeRixsMap(data: Float64Array, excitation: Float64Array, emission: Float64Array, emissionUnit: "eV" | "pixel", unit: string, name: string): RixsMap {
  const m = matrix(data, excitation.length, emission.length, ["excitation", "emission"] as const);
  return { ...m, excitation, emission, emissionUnit, unit, name };
}

/**
 * @internal Check a map argument.
 */
export function checkMap(fn: string, name: string, m: unknown): RixsMap {
  const r = m as RixsMap;
  if (r == null || typeof r !== "object" || !(r.data instanceof Float64Array) || !(r.excitation instanceof Float64Array) || !(r.emission instanceof Float64Array)) {
    throw new TypeError(`${fn}: ${name} must be a RixsMap { data, excitation, emission, … } (from stackRixsMap or processRixsScan)`);
  }
  if (r.data.length !== r.excitation.length * r.emission.length || r.nRows !== r.excitation.length || r.nCols !== r.emission.length) {
    throw new RangeError(`${fn}: ${name} has ${r.data.length} values for ${r.excitation.length} excitation × ${r.emission.length} emission points`);
  }
  return r;
}
