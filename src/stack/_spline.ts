/**
 * Natural cubic spline through (x, y), x strictly increasing. Internal.
 * @internal
 * @module
 */

/** Returns an evaluator; outside [x0, xn] it returns NaN. */
export function naturalSpline(x: ArrayLike<number>, y: ArrayLike<number>): (t: number) => number {
  const n = x.length;
  const m = new Float64Array(n); // second derivatives
  if (n > 2) {
    const c = new Float64Array(n);
    const dd = new Float64Array(n);
    for (let i = 1; i < n - 1; i++) {
      const h0 = x[i] - x[i - 1];
      const h1 = x[i + 1] - x[i];
      const a = h0;
      const b = 2 * (h0 + h1);
      const r = 6 * ((y[i + 1] - y[i]) / h1 - (y[i] - y[i - 1]) / h0);
      const den = b - a * c[i - 1];
      c[i] = h1 / den;
      dd[i] = (r - a * dd[i - 1]) / den;
    }
    for (let i = n - 2; i >= 1; i--) m[i] = dd[i] - c[i] * m[i + 1];
  }
  return (t: number): number => {
    if (!(t >= x[0] && t <= x[n - 1])) return NaN;
    let lo = 0;
    let hi = n - 1;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (x[mid] > t) hi = mid;
      else lo = mid;
    }
    const h = x[hi] - x[lo];
    if (h === 0) return y[lo];
    const a = (x[hi] - t) / h;
    const b = (t - x[lo]) / h;
    return a * y[lo] + b * y[hi] + (((a * a * a - a) * m[lo] + (b * b * b - b) * m[hi]) * h * h) / 6;
  };
}
