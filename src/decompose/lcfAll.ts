/**
 * Linear combination fits with every combination of references, ranked.
 * @module
 */
import { lcf } from "./lcf";
import type { LcfOptions, LcfResult } from "./lcf";
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
  /** The fit with those references (weights in the order of `indices`). */
  result: LcfResult;
}

/**
 * Fit the spectrum with every combination of `minComponents … maxComponents` references and
 * return all fits ranked by reduced χ² (best first; ties by fewer references), like larch's
 * `lincombo_fitall`.
 *
 * @param spectrum - measured spectrum, length nPoints.
 * @param references - reference spectra, each length nPoints.
 * @param options - {@link LcfAllOptions}.
 * @returns combinations sorted by `result.reducedChi2` ascending.
 * @example
 * ```ts
 * const ranked = lcfAll(avg, [ni2, ni3, ni4, carbon], { sumToOne: true, maxComponents: 3 });
 * ranked[0].indices; ranked[0].result.weights;
 * ```
 * @see larch `lincombo_fitall` (xraylarch.github.io/xasdocs/xas_lincombo.html).
 */
export function lcfAll(spectrum: Float64Array, references: ReadonlyArray<Float64Array>, options: LcfAllOptions = {}): LcfCombination[] {
  const fn = "lcfAll";
  checkOptions(fn, options, ["sumToOne", "nonNegative", "sigma", "energyShift", "minComponents", "maxComponents"]);
  if (!Array.isArray(references) || references.length < 1) throw new TypeError(`${fn}: references must be a non-empty array of Float64Array spectra`);
  const k = references.length;
  const { minComponents, maxComponents, ...rest } = options;
  const lo = minComponents === undefined ? 1 : checkInt(fn, "minComponents", minComponents, 1, k);
  const hi = maxComponents === undefined ? k : checkInt(fn, "maxComponents", maxComponents, lo, k);
  const out: LcfCombination[] = [];
  const combo: number[] = [];
  const rec = (start: number): void => {
    if (combo.length >= lo) out.push({ indices: [...combo], result: lcf(spectrum, combo.map((i) => references[i]), rest) });
    if (combo.length === hi) return;
    for (let i = start; i < k; i++) { combo.push(i); rec(i + 1); combo.pop(); }
  };
  rec(0);
  const key = (c: LcfCombination): number => (Number.isNaN(c.result.reducedChi2) ? Infinity : c.result.reducedChi2);
  out.sort((a, b) => key(a) - key(b) || a.indices.length - b.indices.length);
  return out;
}
