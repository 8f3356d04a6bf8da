/**
 * Cubic splines for the autobk background (internal): the B-spline basis on FITPACK's
 * interpolation knots, and not-a-knot interpolation as a linear operator.
 * @module
 */

/**
 * @internal
 * FITPACK's knots for cubic interpolation through nodes x (as `splrep(x, y, k=3, s=0)`):
 * x₀ four times, the interior nodes x₂ … x_{n−3}, x_{n−1} four times (n + 4 knots, n coefficients).
 */
export function interpolationKnots(x: ArrayLike<number>): Float64Array {
  const n = x.length;
  const t = new Float64Array(n + 4);
  for (let i = 0; i < 4; i++) { t[i] = x[0]; t[n + i] = x[n - 1]; }
  for (let i = 2; i < n - 2; i++) t[i + 2] = x[i];
  return t;
}

/**
 * @internal
 * The four non-zero cubic B-spline basis values at x (Cox–de Boor), written to `out`; returns the
 * index of the first of them. Outside [t₃, t_{n}] the end polynomial pieces are continued (splev ext=0).
 */
export function bsplineBasis(t: Float64Array, nCoef: number, x: number, out: Float64Array): number {
  let span = 3;
  if (x >= t[nCoef]) span = nCoef - 1;
  else if (x > t[3]) {
    let lo = 3, hi = nCoef;
    while (hi - lo > 1) { const m = (lo + hi) >> 1; if (t[m] <= x) lo = m; else hi = m; }
    span = lo;
  }
  const left = [0, 0, 0, 0], right = [0, 0, 0, 0];
  out[0] = 1;
  for (let j = 1; j <= 3; j++) {
    left[j] = x - t[span + 1 - j];
    right[j] = t[span + j] - x;
    let saved = 0;
    for (let r = 0; r < j; r++) {
      const tmp = out[r] / (right[r + 1] + left[j - r]);
      out[r] = saved + right[r + 1] * tmp;
      saved = left[j - r] * tmp;
    }
    out[j] = saved;
  }
  return span - 3;
}

/**
 * @internal
 * Not-a-knot cubic interpolation through nodes x (n ≥ 4, increasing) evaluated at xs: the same
 * function as FITPACK's interpolating spline (`UnivariateSpline(x, y, s=0)`). Linear in y, so it is
 * prepared once and applied to many y.
 */
export class NotAKnot {
  private readonly n: number;
  private readonly dx: Float64Array;
  private readonly cp: Float64Array; // Thomas: modified upper diagonal
  private readonly den: Float64Array; // Thomas: pivots
  private readonly lower: Float64Array;
  private readonly idx: Int32Array;
  private readonly ts: Float64Array;
  private readonly s: Float64Array;
  private readonly m: number;
  constructor(private readonly x: Float64Array, xs: Float64Array) {
    const n = x.length;
    if (n < 4) throw new RangeError(`spline: ${n} nodes; expected at least 4`);
    this.n = n;
    this.m = xs.length;
    const dx = new Float64Array(n - 1);
    for (let i = 0; i < n - 1; i++) dx[i] = x[i + 1] - x[i];
    this.dx = dx;
    const diag = new Float64Array(n), up = new Float64Array(n), low = new Float64Array(n);
    diag[0] = dx[1]; up[0] = x[2] - x[0];
    for (let i = 1; i < n - 1; i++) { low[i] = dx[i]; diag[i] = 2 * (dx[i - 1] + dx[i]); up[i] = dx[i - 1]; }
    diag[n - 1] = dx[n - 3]; low[n - 1] = x[n - 1] - x[n - 3];
    // Thomas factorisation (the not-a-knot rows are diagonally weak but the system is well posed;
    // eliminate the first two rows exactly first to keep it stable)
    const cp = new Float64Array(n), den = new Float64Array(n);
    den[0] = diag[0]; cp[0] = up[0] / den[0];
    for (let i = 1; i < n; i++) { den[i] = diag[i] - low[i] * cp[i - 1]; cp[i] = up[i] / den[i]; }
    this.cp = cp; this.den = den; this.lower = low;
    this.idx = new Int32Array(this.m);
    this.ts = new Float64Array(this.m);
    for (let j = 0; j < this.m; j++) {
      const v = xs[j];
      let i: number;
      if (v <= x[0]) i = 0;
      else if (v >= x[n - 1]) i = n - 2;
      else { let lo = 0, hi = n - 1; while (hi - lo > 1) { const mm = (lo + hi) >> 1; if (x[mm] <= v) lo = mm; else hi = mm; } i = lo; }
      this.idx[j] = i;
      this.ts[j] = v - x[i];
    }
    this.s = new Float64Array(n);
  }
  /** Values of the interpolant of y (length n) at xs, written to out (length m). */
  apply(y: ArrayLike<number>, out: Float64Array): Float64Array {
    const { n, dx, x, cp, den, lower, s } = this;
    const slope = (i: number): number => (y[i + 1] - y[i]) / dx[i];
    // right-hand side, then forward sweep in place in s
    const d0 = x[2] - x[0];
    s[0] = ((dx[0] + 2 * d0) * dx[1] * slope(0) + dx[0] * dx[0] * slope(1)) / d0 / den[0];
    for (let i = 1; i < n; i++) {
      let b: number;
      if (i < n - 1) b = 3 * (dx[i] * slope(i - 1) + dx[i - 1] * slope(i));
      else { const d = x[n - 1] - x[n - 3]; b = (dx[n - 2] * dx[n - 2] * slope(n - 3) + (2 * d + dx[n - 2]) * dx[n - 3] * slope(n - 2)) / d; }
      s[i] = (b - lower[i] * s[i - 1]) / den[i];
    }
    for (let i = n - 2; i >= 0; i--) s[i] -= cp[i] * s[i + 1];
    for (let j = 0; j < this.m; j++) {
      const i = this.idx[j], t = this.ts[j], h = dx[i];
      const sl = slope(i);
      const c2 = (3 * sl - 2 * s[i] - s[i + 1]) / h;
      const c3 = (s[i] + s[i + 1] - 2 * sl) / (h * h);
      out[j] = y[i] + t * (s[i] + t * (c2 + t * c3));
    }
    return out;
  }
}
