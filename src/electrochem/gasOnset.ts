/**
 * Onset of gas evolution: the first sustained rise above the background noise.
 * @module
 */
import { checkOptions } from "../util/checkOptions";

/** Options of {@link gasOnset}. */
export interface GasOnsetOptions {
  /** Noise level of the background (σ), same unit as the rate (e.g. {@link BaselineResult}.sigma). */
  sigma: number;
  /** The rate must exceed `k` × σ … @default 5 */
  k?: number;
  /** … at every point for at least this long, s. @default 600 */
  sustain?: number;
  /** Ignore points before this time, s (e.g. the end of the baseline window). @default the first point */
  from?: number;
}

/**
 * The onset of gas evolution in a background-corrected rate: the first point from which the
 * rate stays above `k`·σ for at least `sustain` seconds (a criterion that a single noise spike
 * cannot meet). Returns its index and time, or `undefined` when the rate never rises.
 *
 * @param time - s, shape (n).
 * @param corrected - background-corrected rate, shape (n).
 * @param options - {@link GasOnsetOptions}.
 * @returns `{ index, time }` or undefined.
 * @throws RangeError for lengths that differ or σ not finite and > 0; Error for an unknown option.
 * @example
 * const on = gasOnset(gas.time, b.corrected, { sigma: b.sigma, k: 5, sustain: 600 });
 */
export function gasOnset(time: ArrayLike<number>, corrected: ArrayLike<number>, options: GasOnsetOptions): { index: number; time: number } | undefined {
  const fn = "gasOnset";
  checkOptions(fn, options, ["sigma", "k", "sustain", "from"]);
  const n = time.length;
  if (corrected.length !== n) throw new RangeError(`${fn}: corrected has ${corrected.length} points, expected ${n} like time`);
  const sigma = options?.sigma;
  if (!(typeof sigma === "number" && Number.isFinite(sigma) && sigma > 0)) throw new RangeError(`${fn}: option sigma must be the background noise level, a finite number > 0, got ${String(sigma)}`);
  const k = options.k ?? 5;
  const sustain = options.sustain ?? 600;
  if (!(k > 0) || !(sustain >= 0)) throw new RangeError(`${fn}: options k (> 0) and sustain (≥ 0 s) got ${k}, ${sustain}`);
  const from = options.from ?? -Infinity;
  const level = k * sigma;
  let start = -1;
  for (let i = 0; i < n; i++) {
    if (time[i] < from) continue;
    if (corrected[i] > level) {
      if (start < 0) start = i;
      if (time[i] - time[start] >= sustain) return { index: start, time: time[start] };
    } else start = -1;
  }
  return undefined;
}
