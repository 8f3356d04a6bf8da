/**
 * Cuts through a RIXS map: the emission spectrum at a fixed excitation energy, or the
 * excitation profile at a fixed emission energy.
 * @module
 */
import type { Spectrum } from "../types/spectrum";
import { checkOptions } from "../util/checkOptions";
import { checkMap, type RixsMap } from "./rixsMap";

/** Options of {@link rixsCut}: exactly one of `excitation` and `emission`. */
export interface RixsCutOptions {
  /** Excitation energy (eV): the cut is an emission spectrum. */
  excitation?: number;
  /** Emission energy (eV, or pixel on an uncalibrated map): the cut is an excitation profile. */
  emission?: number;
  /** Average over this full width (eV) around the energy instead of interpolating between the two nearest rows / columns. @default 0 (linear interpolation) */
  width?: number;
}

/**
 * A cut through a map at a fixed excitation energy (emission spectrum, e.g. at 531 eV as in Li et
 * al. Supplementary Fig. 17) or at a fixed emission energy (excitation profile). Without `width` the
 * values are interpolated linearly between the two nearest rows (columns); with `width` the rows
 * (columns) whose energy lies within ± width/2 are averaged.
 *
 * @param map - a {@link RixsMap}.
 * @param options - {@link RixsCutOptions}.
 * @returns a Spectrum on the other axis (energies increasing), named after the map and the cut.
 * @throws RangeError when the energy is outside the map or no row lies within the width.
 * @example
 * const s = rixsCut(map, { excitation: 531 }); // emission spectrum
 * const p = rixsCut(map, { emission: 523.75, width: 0.2 }); // excitation profile of the feature
 */
export function rixsCut(map: RixsMap, options: RixsCutOptions): Spectrum {
  const fn = "rixsCut";
  checkOptions(fn, options, ["excitation", "emission", "width"]);
  checkMap(fn, "map", map);
  if (!options || (options.excitation === undefined) === (options.emission === undefined)) throw new Error(`${fn}: expected exactly one of the options excitation and emission (eV)`);
  const width = options.width ?? 0;
  if (!(width >= 0) || !Number.isFinite(width)) throw new RangeError(`${fn}: option width must be a non-negative number of eV, got ${width}`);
  const byRow = options.excitation !== undefined;
  const at = (byRow ? options.excitation : options.emission) as number;
  const axis = byRow ? map.excitation : map.emission;
  const other = byRow ? map.emission : map.excitation;
  const n = axis.length, m = other.length;
  const get = (k: number, j: number): number => (byRow ? map.data[k * map.nCols + j] : map.data[j * map.nCols + k]);
  const unit = byRow ? "eV" : map.emissionUnit;
  const lo = Math.min(axis[0], axis[n - 1]), hi = Math.max(axis[0], axis[n - 1]);
  if (!(at >= lo - 1e-9 && at <= hi + 1e-9)) throw new RangeError(`${fn}: ${byRow ? "excitation" : "emission"} ${at} ${unit} is outside the map's range [${lo}, ${hi}] ${unit}`);
  const values = new Float64Array(m);
  if (width > 0) {
    const ks: number[] = [];
    for (let k = 0; k < n; k++) if (Math.abs(axis[k] - at) <= width / 2 + 1e-9) ks.push(k);
    if (ks.length === 0) throw new RangeError(`${fn}: no ${byRow ? "row" : "column"} of the map within ± ${width / 2} around ${at} ${unit}`);
    for (let j = 0; j < m; j++) { let s = 0; for (const k of ks) s += get(k, j); values[j] = s / ks.length; }
  } else {
    let k = 0;
    while (k < n - 2 && !((axis[k] <= at && at <= axis[k + 1]) || (axis[k] >= at && at >= axis[k + 1]))) k++;
    const t = n === 1 ? 0 : (at - axis[k]) / (axis[k + 1] - axis[k]);
    for (let j = 0; j < m; j++) values[j] = n === 1 ? get(0, j) : (1 - t) * get(k, j) + t * get(k + 1, j);
  }
  // energies increasing
  const inc = other[m - 1] >= other[0];
  const energies = inc ? Float64Array.from(other) : Float64Array.from(other).reverse();
  if (!inc) values.reverse();
  return { energies, values, name: `${map.name}${map.name ? " " : ""}${byRow ? `at ${at} eV excitation` : `at ${at} ${unit} emission`}${width > 0 ? ` (± ${width / 2})` : ""}`, unit: map.unit };
}
