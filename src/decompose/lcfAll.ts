/**
 * Linear combination fits with every combination of references, ranked.
 * @module
 */
import { lcf, checkSpectrumArg } from "./lcf";
import type { LcfOptions, LcfResult } from "./lcf";
import { checkSpectraArg, selectSpectra, type Spectra } from "../types/spectra";
import type { Spectrum } from "../types/spectrum";
import { checkInt, checkOptions } from "./validate";

/** Options of {@link lcfAll}: those of `lcf` plus the combination sizes. */
export interface LcfAllOptions extends LcfOptions {
  /** Smallest number of references in a combination. Default 1. */
  minComponents?: number;
  /** Largest number of references in a combination. Default: all references. */
  maxComponents?: number;
}

/** One fit of {@link lcfAll}. */
export interface LcfCombination {
  /** Indices (into `references`) of the references used, ascending. */
  indices: number[];
  /** Names of the references used, in the order of `indices`. */
  names: string[];
  /** The fit with those references (weights in the order of `indices`). */
  result: LcfResult;
}

/**
 * Fit the spectrum with every combination of `minComponents … maxComponents` references and
 * return all fits ranked by reduced χ² (best first; ties by fewer references), like larch's
 * `lincombo_fitall`.
 *
 * @param spectrum - the measured {@link Spectrum}.
 * @param references - the references ({@link Spectra}); resampled onto the spectrum's energies when needed.
 * @param options - {@link LcfAllOptions}.
 * @returns combinations sorted by `result.reducedChi2` ascending.
 * @example
 * ```ts
 * const ranked = lcfAll(average, references, { sumToOne: true, maxComponents: 3 });
 * ranked[0].names; ranked[0].result.weights;
 * ```
 * @see larch `lincombo_fitall` (xraylarch.github.io/xasdocs/xas_lincombo.html).
 */
export function lcfAll(spectrum: Spectrum, references: Spectra, options: LcfAllOptions = {}): LcfCombination[] {
  const fn = "lcfAll";
  checkOptions(fn, options, ["sumToOne", "nonNegative", "sigma", "energyShift", "minComponents", "maxComponents"]);
  checkSpectrumArg(fn, "spectrum", spectrum);
  checkSpectraArg(fn, "references", references);
  const k = references.nRows;
  const { minComponents, maxComponents, ...rest } = options;
  const lo = minComponents === undefined ? 1 : checkInt(fn, "minComponents", minComponents, 1, k);
  const hi = maxComponents === undefined ? k : checkInt(fn, "maxComponents", maxComponents, lo, k);
  const out: LcfCombination[] = [];
  const combo: number[] = [];
  const rec = (start: number): void => {
    if (combo.length >= lo) out.push({ indices: [...combo], names: combo.map((i) => references.names[i]), result: lcf(spectrum, selectSpectra(references, combo), rest) });
    if (combo.length === hi) return;
    for (let i = start; i < k; i++) { combo.push(i); rec(i + 1); combo.pop(); }
  };
  rec(0);
  const key = (c: LcfCombination): number => (Number.isNaN(c.result.reducedChi2) ? Infinity : c.result.reducedChi2);
  out.sort((a, b) => key(a) - key(b) || a.indices.length - b.indices.length);
  return out;
}
