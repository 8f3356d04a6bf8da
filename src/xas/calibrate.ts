/**
 * Energy calibration on a reference foil: its first-derivative peak put at the tabulated edge.
 * @module
 */
import { checkOptions } from "../util/checkOptions";
import type { Spectrum } from "../types/spectrum";
import { checkFinite, checkMu } from "./checkMu";
import { edgeEnergy, type EdgeName } from "./edges";
import { findE0 } from "./findE0";

/** Options of {@link calibrate}: the element and edge of the foil, or the energy directly. */
export interface CalibrateOptions {
  /** Element symbol of the foil, e.g. "Ru". */
  element?: string;
  /** Edge, default "K". */
  edge?: EdgeName;
  /** Tabulated energy in eV instead of element/edge. */
  energy?: number;
}

/** Result of {@link calibrate}. */
export interface Calibration {
  /** Add this to the measured energies (eV). */
  shift: number;
  /** The foil's derivative peak as measured (eV). */
  measured: number;
  /** The tabulated energy it is put at (eV). */
  tabulated: number;
  /** The foil spectrum on the calibrated axis. */
  foil: Spectrum;
}

/**
 * The energy shift that puts a reference foil's first-derivative maximum (found as larch's
 * `find_e0` does: smoothed derivative, glitch-robust) at the tabulated edge energy —
 * the calibration of Xu 2018 (Ru foil, 22117 eV). Apply it to the samples measured with the foil
 * with {@link shiftEnergy}.
 *
 * @param foil - μ(E) of the foil (eV).
 * @param options - `{ element, edge }` (edge default "K") or `{ energy }`.
 * @returns {@link Calibration}: shift = tabulated − measured, both in eV.
 * @throws Error for an unknown element/edge or when neither element nor energy is given.
 * @example
 * const cal = calibrate(ruFoil, { element: "Ru", edge: "K" }); // cal.shift in eV
 */
export function calibrate(foil: Spectrum, options: CalibrateOptions): Calibration {
  const fn = "calibrate";
  checkOptions(fn, options, ["element", "edge", "energy"]);
  if (options === undefined) throw new Error(`${fn}: give { element, edge } or { energy } (the tabulated edge energy in eV)`);
  checkMu(fn, "foil", foil, 10);
  let tab: number;
  if (options.energy !== undefined) {
    if (options.element !== undefined) throw new Error(`${fn}: give either option element (with edge) or option energy, not both`);
    tab = checkFinite(fn, "option energy", options.energy);
  } else if (options.element !== undefined) tab = edgeEnergy(options.element, options.edge ?? "K");
  else throw new Error(`${fn}: give { element, edge } or { energy } (the tabulated edge energy in eV)`);
  const measured = findE0(foil);
  const shift = tab - measured;
  return { shift, measured, tabulated: tab, foil: { energies: Float64Array.from(foil.energies, (e) => e + shift), values: Float64Array.from(foil.values), name: foil.name ?? "", unit: foil.unit ?? "" } };
}
