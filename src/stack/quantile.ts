/**
 * Quantiles of per-pixel values (brightness, residuals), as numpy's default.
 * @module
 */

/**
 * The q-quantile of the finite values, with numpy's default (linear) interpolation between order
 * statistics: `quantile(T.brightness, 0.99)` is the 99th percentile of the pixel brightness.
 * NaN values are ignored (numpy.nanquantile).
 *
 * @param values - any numbers.
 * @param q - in [0, 1].
 * @returns the quantile; NaN when no value is finite.
 * @throws RangeError when q is outside [0, 1].
 * @example
 * const p99 = quantile(T.brightness, 0.99);
 * const visible = selectRows(T, Array.from(T.brightness, (b) => b >= 0.25 * p99));
 */
export function quantile(values: ArrayLike<number>, q: number): number {
  if (!(q >= 0 && q <= 1)) throw new RangeError(`quantile: q must be in [0, 1], got ${q}`);
  const v = Float64Array.from(Array.prototype.filter.call(values, (x: number) => Number.isFinite(x)) as number[]).sort();
  if (v.length === 0) return NaN;
  const h = (v.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, v.length - 1);
  return v[lo] + (h - lo) * (v[hi] - v[lo]);
}
