/**
 * Spectra at many excitation energies stacked into a map.
 * @module
 */
import { checkOptions } from "../util/checkOptions";
import { makeRixsMap, type RixsMap } from "./rixsMap";

/** Options of {@link stackRixsMap}. */
export interface StackRixsMapOptions {
  /** Emission axis (length of each spectrum). @default detector pixels 0, 1, … (unit "pixel") */
  emission?: ArrayLike<number>;
  /** Unit of `emission`. @default "pixel" without `emission`, else "eV" */
  emissionUnit?: "eV" | "pixel";
  /** Unit of the values. @default "counts / s / I₀" */
  unit?: string;
  /** Map name. @default "" */
  name?: string;
}

/**
 * Stack spectra (one per excitation energy) into a {@link RixsMap}, rows sorted by increasing
 * excitation energy.
 *
 * @param spectra - one spectrum per excitation energy, all of the same length.
 * @param excitation - their excitation energies (eV), all different.
 * @param options - {@link StackRixsMapOptions}.
 * @returns the map, excitation × emission.
 * @throws RangeError naming the spectrum whose length differs, or two spectra at the same excitation energy.
 * @example
 * const map = stackRixsMap([s0, s1, s2], [530.6, 530.8, 531.0]);
 */
export function stackRixsMap(spectra: readonly ArrayLike<number>[], excitation: ArrayLike<number>, options: StackRixsMapOptions = {}): RixsMap {
  const fn = "stackRixsMap";
  checkOptions(fn, options, ["emission", "emissionUnit", "unit", "name"]);
  if (spectra.length === 0) throw new RangeError(`${fn}: expected at least one spectrum`);
  if (spectra.length !== excitation.length) throw new RangeError(`${fn}: ${spectra.length} spectra but ${excitation.length} excitation energies; expected one energy per spectrum`);
  const n = spectra[0].length;
  spectra.forEach((s, i) => { if (s.length !== n) throw new RangeError(`${fn}: spectrum ${i} (excitation ${excitation[i]} eV) has ${s.length} points, spectrum 0 has ${n}; expected the same`); });
  const order = Array.from({ length: spectra.length }, (_, i) => i).sort((a, b) => excitation[a] - excitation[b]);
  for (let k = 0; k < order.length; k++) {
    const e = excitation[order[k]];
    if (!Number.isFinite(e)) throw new RangeError(`${fn}: excitation[${order[k]}] is ${e}; expected finite energies in eV`);
    if (k > 0 && e === excitation[order[k - 1]]) throw new RangeError(`${fn}: spectra ${order[k - 1]} and ${order[k]} are both at excitation ${e} eV; expected one spectrum per energy (sum or average them first)`);
  }
  const data = new Float64Array(order.length * n);
  order.forEach((i, k) => { const s = spectra[i]; for (let j = 0; j < n; j++) data[k * n + j] = s[j]; });
  const emission = options.emission === undefined ? Float64Array.from({ length: n }, (_, j) => j) : Float64Array.from(options.emission);
  if (emission.length !== n) throw new RangeError(`${fn}: option emission has ${emission.length} values, expected ${n} (one per spectrum point)`);
  return makeRixsMap(data, Float64Array.from(order, (i) => excitation[i]), emission, options.emissionUnit ?? (options.emission === undefined ? "pixel" : "eV"), options.unit ?? "counts / s / I₀", options.name ?? "");
}
