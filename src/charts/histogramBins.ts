/**
 * Equal-width histogram counts, computed in TypeScript (fast for millions of values).
 * @module
 */
import { checkArrayLike, checkInt, checkOptions, checkRange, finiteExtent } from "./util";

/** Options of {@link histogramBins}. */
export interface HistogramBinsOptions {
  /** Number of equal-width bins. @default 60 */
  bins?: number;
  /** `[lo, hi]` covered by the bins; values outside are counted in `nOutside`. @default the finite extent of the values */
  range?: [number, number];
}

/** Result of {@link histogramBins}. */
export interface HistogramBins {
  /** Bin edges, length `bins + 1`; bin i is `[edges[i], edges[i+1])`, the last bin also holds `edges[bins]`. */
  edges: Float64Array;
  /** Count per bin, length `bins`. */
  counts: Float64Array;
  /** Number of finite values (in and outside the range). */
  nFinite: number;
  /** Number of NaN / ±Infinity values skipped. */
  nNonFinite: number;
  /** Finite values outside `range` (not in any bin). */
  nOutside: number;
}

/**
 * Count values in equal-width bins. Non-finite values are skipped and counted in `nNonFinite`.
 * When all finite values are equal (or there are none) and no range is given, the bins span
 * `[v − 0.5, v + 0.5]` (`[0, 1]` with no values).
 *
 * @param values - the values, any length.
 * @param options - {@link HistogramBinsOptions}.
 * @returns {@link HistogramBins}.
 * @throws RangeError for `bins` < 1 or a bad range; Error for an unknown option.
 * @example
 * histogramBins([0, 1, 1, 2, 3], { bins: 3 }).counts; // Float64Array [1, 2, 2] (edges 0, 1, 2, 3)
 */
export function histogramBins(values: ArrayLike<number>, options: HistogramBinsOptions = {}): HistogramBins {
  const fn = "histogramBins";
  checkOptions(fn, options, ["bins", "range"]);
  const v = checkArrayLike(fn, "values", values);
  const bins = checkInt(fn, "option bins", options.bins ?? 60, 1);
  let lo: number;
  let hi: number;
  if (options.range !== undefined) {
    [lo, hi] = checkRange(fn, "option range", options.range);
  } else {
    const ext = finiteExtent(v);
    [lo, hi] = ext ?? [0, 1];
    if (lo === hi) [lo, hi] = [lo - 0.5, hi + 0.5];
  }
  const edges = new Float64Array(bins + 1);
  for (let i = 0; i <= bins; i++) edges[i] = lo + ((hi - lo) * i) / bins;
  edges[bins] = hi;
  const counts = new Float64Array(bins);
  const scale = bins / (hi - lo);
  let nFinite = 0;
  let nOutside = 0;
  for (let i = 0; i < v.length; i++) {
    const x = v[i];
    if (!Number.isFinite(x)) continue;
    nFinite++;
    if (x < lo || x > hi) {
      nOutside++;
      continue;
    }
    let b = Math.floor((x - lo) * scale);
    if (b >= bins) b = bins - 1;
    // Rounding in (x − lo)·scale can put a value on an edge into the neighbour bin; fix with the edges.
    if (b > 0 && x < edges[b]) b--;
    else if (b < bins - 1 && x >= edges[b + 1]) b++;
    counts[b]++;
  }
  return { edges, counts, nFinite, nNonFinite: v.length - nFinite, nOutside };
}
