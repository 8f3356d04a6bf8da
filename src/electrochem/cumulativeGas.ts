/**
 * Cumulative amount of gas from its rate.
 * @module
 */

/**
 * The cumulative amount of gas, µmol (µmol/mg for per-mg rates), from a rate in nmol/min: the
 * trapezoid integral over time (s → min), starting at 0 at the first point. Non-finite rates
 * count as 0.
 *
 * @param time - s, non-decreasing, shape (n).
 * @param rate - nmol/min (or nmol min⁻¹ mg⁻¹), shape (n).
 * @returns µmol (or µmol/mg), shape (n); the last value is the total.
 * @throws RangeError for lengths that differ or time going backwards.
 * @example
 * const total = cumulativeGas(gas.time, corrected).at(-1); // e.g. 10.7 µmol O2
 */
export function cumulativeGas(time: ArrayLike<number>, rate: ArrayLike<number>): Float64Array {
  const fn = "cumulativeGas";
  const n = time.length;
  if (rate.length !== n) throw new RangeError(`${fn}: rate has ${rate.length} points, expected ${n} like time`);
  const out = new Float64Array(n);
  const f = (v: number) => (Number.isFinite(v) ? v : 0);
  for (let i = 1; i < n; i++) {
    const dt = time[i] - time[i - 1];
    if (!(dt >= 0)) throw new RangeError(`${fn}: time goes backwards at point ${i} (${time[i - 1]} → ${time[i]} s); expected non-decreasing time`);
    out[i] = out[i - 1] + (0.5 * (f(rate[i]) + f(rate[i - 1])) * dt) / 60 / 1000;
  }
  return out;
}
