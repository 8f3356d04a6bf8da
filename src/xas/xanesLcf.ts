/**
 * XANES linear combination fitting over a window relative to E0, through the shared {@link lcf}.
 * @module
 */
import { lcf, type LcfOptions, type LcfResult } from "../decompose/lcf";
import { makeSpectra, type Spectra } from "../types/spectra";
import type { Spectrum } from "../types/spectrum";
import { checkOptions } from "../util/checkOptions";
import { checkFinite, checkMu } from "./checkMu";

/** Options of {@link xanesLcf}. */
export interface XanesLcfOptions extends LcfOptions {
  /** E0 of the sample in eV (the fit window is relative to it). Required. */
  e0: number;
  /** Fit window relative to E0, eV. Default [−20, 30] (Larix: [−40, 100]). */
  range?: [number, number];
}

/** Result of {@link xanesLcf}: the {@link LcfResult} plus the window used. */
export interface XanesLcfResult extends LcfResult {
  /** Absolute fit window in eV. */
  window: [number, number];
}

/**
 * Fit a normalised XANES spectrum as a combination of normalised references over
 * [E0 + range[0], E0 + range[1]]: the references are interpolated (linear) onto the sample's
 * energies in the window; weights, their sum, R-factor Σr²/Σy² and χ² come from {@link lcf}
 * (non-negative by default; `sumToOne` as larch's API default is **not** set here — pass it).
 *
 * @param sample - normalised μ(E) of the sample (e.g. `preEdge(mu).norm`), eV.
 * @param references - normalised references, each a Spectrum covering the window.
 * @param options - {@link XanesLcfOptions}: e0 (required), range, and the {@link lcf} options.
 * @returns {@link XanesLcfResult}: weights by reference name, sum, rFactor, chi2, fit, window.
 * @throws RangeError when a reference does not cover the window or the window has < 3 points.
 * @example
 * const fit = xanesLcf(norm, [ruO2.norm, ruCl3.norm], { e0: 22126.8, range: [-20, 30], sumToOne: true });
 * fit.weights; fit.rFactor;
 */
export function xanesLcf(sample: Spectrum, references: readonly Spectrum[], options: XanesLcfOptions): XanesLcfResult {
  const fn = "xanesLcf";
  checkOptions(fn, options, ["e0", "range", "sumToOne", "nonNegative", "sigma", "energyShift"]);
  if (options === undefined) throw new Error(`${fn}: options { e0 } are required (the sample's E0 in eV)`);
  const e0 = checkFinite(fn, "option e0", options.e0);
  const range = options.range ?? [-20, 30];
  if (!Array.isArray(range) || range.length !== 2 || !(range[1] > range[0])) throw new RangeError(`${fn}: option range must be [low, high] in eV relative to E0 with low < high, got ${JSON.stringify(range)}`);
  checkMu(fn, "sample", sample, 3);
  if (!Array.isArray(references) || references.length < 1) throw new RangeError(`${fn}: references must be a non-empty array of Spectrum`);
  const lo = e0 + range[0], hi = e0 + range[1];
  const idx: number[] = [];
  sample.energies.forEach((x, i) => { if (x >= lo && x <= hi) idx.push(i); });
  if (idx.length < 3) throw new RangeError(`${fn}: the window ${lo} … ${hi} eV holds ${idx.length} points of the sample; expected at least 3`);
  const en = Float64Array.from(idx, (i) => sample.energies[i]);
  const names = references.map((r, i) => {
    checkMu(fn, `references[${i}]`, r, 2);
    if (r.energies[0] > lo || r.energies[r.energies.length - 1] < hi) throw new RangeError(`${fn}: references[${i}]${r.name ? ` ("${r.name}")` : ""} covers ${r.energies[0]} … ${r.energies[r.energies.length - 1]} eV, not the fit window ${lo} … ${hi} eV`);
    return r.name || `ref${i}`;
  });
  const spectra = onGrid(references, names, en);
  const rest: LcfOptions = {};
  for (const k of ["sumToOne", "nonNegative", "sigma", "energyShift"] as const) if (options[k] !== undefined) (rest as Record<string, unknown>)[k] = options[k];
  const fit = lcf({ energies: en, values: Float64Array.from(idx, (i) => sample.values[i]), name: sample.name ?? "", unit: sample.unit ?? "" }, spectra, rest);
  return { ...fit, window: [lo, hi] };
}

function onGrid(list: readonly Spectrum[], names: string[], grid: Float64Array): Spectra<"reference"> {
  const rows = list.map((r) => {
    const out = new Float64Array(grid.length);
    let j = 0;
    for (let i = 0; i < grid.length; i++) {
      const x = grid[i];
      while (j < r.energies.length - 2 && r.energies[j + 1] <= x) j++;
      const t = (x - r.energies[j]) / (r.energies[j + 1] - r.energies[j]);
      out[i] = r.values[j] + t * (r.values[j + 1] - r.values[j]);
    }
    return out;
  });
  return makeSpectra({ energies: grid, values: rows, names, dim: "reference" });
}
