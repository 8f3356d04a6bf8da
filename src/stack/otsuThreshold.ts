/**
 * Otsu's threshold: the value that best splits a set of numbers into two classes (maximum
 * between-class variance of their histogram). With `log: true` it works on log10 of the values,
 * which separates the noise of well-exposed pixels from that of thin or empty ones.
 *
 * Reference: N. Otsu, "A threshold selection method from gray-level histograms",
 * IEEE Trans. Syst. Man Cybern. 9, 62–66 (1979).
 * @module
 */
import { checkOptions } from "./_util";

/** Options of {@link otsuThreshold}. */
export interface OtsuThresholdOptions {
  /** Work on log10 of the values (only positive values count). Default false. */
  log?: boolean;
  /** Histogram bins. Default 256. */
  bins?: number;
}

/**
 * @param values - any numbers; NaN and ±Infinity (and values ≤ 0 with `log`) are ignored.
 * @param options - {@link OtsuThresholdOptions}.
 * @returns the threshold, in the units of `values` (not log).
 * @throws RangeError when fewer than two distinct usable values remain.
 * @example
 * const cutoff = otsuThreshold(filtered.noise, { log: true });
 */
export function otsuThreshold(values: ArrayLike<number>, options: OtsuThresholdOptions = {}): number {
  checkOptions("otsuThreshold", options, ["log", "bins"]);
  const log = options.log ?? false;
  const bins = options.bins ?? 256;
  if (!Number.isInteger(bins) || bins < 2) throw new RangeError(`otsuThreshold: option "bins" must be an integer ≥ 2, got ${bins}`);
  // the usable values (log10 with `log`) in a typed array, and their range, in one pass
  const buf = new Float64Array(values.length);
  let nv = 0;
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const x = values[i];
    if (!Number.isFinite(x) || (log && x <= 0)) continue;
    const y = log ? Math.log10(x) : x;
    buf[nv++] = y;
    if (y < lo) lo = y;
    if (y > hi) hi = y;
  }
  const v = buf.subarray(0, nv);
  if (v.length < 2 || !(hi > lo)) {
    throw new RangeError(`otsuThreshold: need at least two distinct ${log ? "positive " : ""}finite values, got ${v.length} usable value(s)`);
  }
  const hist = new Float64Array(bins);
  const w = (hi - lo) / bins;
  for (let i = 0; i < nv; i++) hist[Math.min(bins - 1, Math.floor((v[i] - lo) / w))]++;
  let total = 0;
  for (let i = 0; i < bins; i++) total += i * hist[i];
  let n0 = 0;
  let sum0 = 0;
  let best = -1;
  let bestK = 0;
  for (let k = 0; k < bins - 1; k++) {
    n0 += hist[k];
    sum0 += k * hist[k];
    const n1 = v.length - n0;
    if (n0 === 0 || n1 === 0) continue;
    const m0 = sum0 / n0;
    const m1 = (total - sum0) / n1;
    const between = n0 * n1 * (m0 - m1) ** 2;
    if (between > best) {
      best = between;
      bestK = k;
    }
  }
  const t = lo + (bestK + 1) * w;
  return log ? 10 ** t : t;
}
