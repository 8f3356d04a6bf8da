/**
 * Energy calibration on a reference foil: its first-derivative peak put at the tabulated edge.
 * @module
 */
import { checkOptions } from "../util/checkOptions";
import type { Spectrum } from "../types/spectrum";
import { checkFinite, checkMu } from "./checkMu";
import { edgeEnergy, type EdgeName } from "./edges";
import { findE0 } from "./findE0";
import { lstsqQr } from "./lstsq";

/** Vertex of a least-squares parabola through dμ/dE (central differences) within ±half eV of e0; e0 itself when the vertex is not a maximum inside the window. */
function refinePeak(s: Spectrum, e0: number, half: number): number {
  const { energies: e, values: v } = s;
  const n = e.length;
  let i0 = 1, i1 = n - 2;
  while (i0 < n - 2 && e[i0] < e0 - half) i0++;
  while (i1 > 1 && e[i1] > e0 + half) i1--;
  const ic = e.indexOf(e0);
  i0 = Math.max(1, Math.min(i0, ic - 3));
  i1 = Math.min(n - 2, Math.max(i1, ic + 3));
  const m = i1 - i0 + 1;
  if (m < 5) return e0;
  const A = new Float64Array(m * 3), b = new Float64Array(m);
  const w = Math.max(e[i1] - e0, e0 - e[i0]);
  for (let i = i0; i <= i1; i++) {
    const x = (e[i] - e0) / w;
    A.set([1, x, x * x], (i - i0) * 3);
    b[i - i0] = (v[i + 1] - v[i - 1]) / (e[i + 1] - e[i - 1]);
  }
  const [, c1, c2] = lstsqQr(A, b, m, 3);
  if (!(c2 < 0)) return e0;
  const x = -c1 / (2 * c2);
  return Math.abs(x) <= 1 ? e0 + x * w : e0;
}

/** Options of {@link calibrate}: the element and edge of the foil, or the energy directly. */
export interface CalibrateOptions {
  /** Element symbol of the foil, e.g. "Ru". */
  element?: string;
  /** Edge, default "K". */
  edge?: EdgeName;
  /** Tabulated energy in eV instead of element/edge. */
  energy?: number;
  /**
   * Half width (eV) of the window in which a parabola is fitted (least squares, QR) to dμ/dE around
   * larch's grid-point E0, to place the peak between grid points and average the noise; 0 keeps
   * larch's grid point. Default 1.5 eV (at least 3 points each side).
   */
  refine?: number;
}

/** Result of {@link calibrate}. */
export interface Calibration {
  /** Add this to the measured energies (eV). */
  shift: number;
  /** The foil's derivative peak as measured (eV), refined by the parabola unless refine is 0. */
  measured: number;
  /** larch's find_e0 on the foil (a measured energy, eV). */
  e0Grid: number;
  /** The tabulated energy it is put at (eV). */
  tabulated: number;
  /** The foil spectrum on the calibrated axis. */
  foil: Spectrum;
}

/**
 * The energy shift that puts a reference foil's first-derivative maximum (found as larch's
 * `find_e0` does: smoothed derivative, glitch-robust; then refined between grid points by a
 * least-squares parabola through dμ/dE within ±`refine` eV) at the tabulated edge energy —
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
  checkOptions(fn, options, ["element", "edge", "energy", "refine"]);
  if (options === undefined) throw new Error(`${fn}: give { element, edge } or { energy } (the tabulated edge energy in eV)`);
  checkMu(fn, "foil", foil, 10);
  let tab: number;
  if (options.energy !== undefined) {
    if (options.element !== undefined) throw new Error(`${fn}: give either option element (with edge) or option energy, not both`);
    tab = checkFinite(fn, "option energy", options.energy);
  } else if (options.element !== undefined) tab = edgeEnergy(options.element, options.edge ?? "K");
  else throw new Error(`${fn}: give { element, edge } or { energy } (the tabulated edge energy in eV)`);
  const e0Grid = findE0(foil);
  const refine = checkFinite(fn, "option refine", options.refine ?? 1.5);
  if (refine < 0) throw new RangeError(`${fn}: option refine must be ≥ 0 eV, got ${refine}`);
  const measured = refine > 0 ? refinePeak(foil, e0Grid, refine) : e0Grid;
  const shift = tab - measured;
  return { shift, measured, e0Grid, tabulated: tab, foil: { energies: Float64Array.from(foil.energies, (e) => e + shift), values: Float64Array.from(foil.values), name: foil.name ?? "", unit: foil.unit ?? "" } };
}
