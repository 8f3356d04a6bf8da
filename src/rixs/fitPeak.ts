/**
 * A Gaussian peak on a linear background, fitted by Levenberg–Marquardt: the elastic line in a
 * column bin or a map row, the 523.75 eV feature in a cut.
 * @module
 */
import { checkOptions } from "../util/checkOptions";

/** Options of {@link fitPeak}. */
export interface FitPeakOptions {
  /** Starting centre (x units). @default the x of the largest value above the straight background through the ends */
  centre?: number;
  /** Starting FWHM (x units). @default a quarter of the window */
  fwhm?: number;
  /** Allowed FWHM range `[lo, hi]` (x units). @default [2 × the x step, the window width] */
  fwhmRange?: readonly [number, number];
  /** Largest number of iterations. @default 200 */
  maxIterations?: number;
  /** Degree of the background polynomial in (x − x̄): 0 constant, 1 linear, 2 quadratic. @default 1 */
  backgroundDegree?: number;
}

/** A fitted peak. */
export interface PeakFit {
  /** Centre (x units). */
  readonly centre: number;
  /** Full width at half maximum (x units). */
  readonly fwhm: number;
  /** Height above the background at the centre. */
  readonly amplitude: number;
  /** Background at the centre and its slope there. */
  readonly background: readonly [number, number];
  /** Standard errors of the centre and of the amplitude (from the covariance, scaled by the residual variance). */
  readonly centreError: number;
  readonly amplitudeError: number;
  /** RMS of the residual (y units). */
  readonly residualRms: number;
  /** Number of points fitted. */
  readonly points: number;
  /** Iterations used; `converged` false when the limit was reached. */
  readonly iterations: number;
  readonly converged: boolean;
  /** True when the centre or FWHM ended at a bound of the allowed range. */
  readonly atBound: boolean;
}

const SIG = 2 * Math.sqrt(2 * Math.LN2);

/** @internal Solve the small dense system A x = b (Gaussian elimination, partial pivoting); null when singular. */
export function solveSmall(A: Float64Array, b: Float64Array, n: number): Float64Array | null {
  const M = Float64Array.from(A), x = Float64Array.from(b);
  for (let k = 0; k < n; k++) {
    let p = k;
    for (let i = k + 1; i < n; i++) if (Math.abs(M[i * n + k]) > Math.abs(M[p * n + k])) p = i;
    if (!(Math.abs(M[p * n + k]) > 1e-300)) return null;
    if (p !== k) {
      for (let j = 0; j < n; j++) { const t = M[k * n + j]; M[k * n + j] = M[p * n + j]; M[p * n + j] = t; }
      const t = x[k]; x[k] = x[p]; x[p] = t;
    }
    for (let i = k + 1; i < n; i++) {
      const f = M[i * n + k] / M[k * n + k];
      if (f === 0) continue;
      for (let j = k; j < n; j++) M[i * n + j] -= f * M[k * n + j];
      x[i] -= f * x[k];
    }
  }
  for (let k = n - 1; k >= 0; k--) {
    let s = x[k];
    for (let j = k + 1; j < n; j++) s -= M[k * n + j] * x[j];
    x[k] = s / M[k * n + k];
  }
  return x;
}

/**
 * Fit `y = A · exp(−(x − x₀)² / 2σ²) + b₀ + b₁ (x − x̄) [+ b₂ (x − x̄)²]` to points `(x, y)` (NaN points skipped)
 * by Levenberg–Marquardt with an analytic Jacobian; x₀ is kept inside the x range and the FWHM
 * inside `fwhmRange`.
 *
 * @param x - positions (pixels or eV), length n ≥ 5.
 * @param y - values, length n.
 * @param options - {@link FitPeakOptions}.
 * @returns the {@link PeakFit}.
 * @throws RangeError when fewer than 5 finite points remain or lengths differ.
 * @example
 * const p = fitPeak([0, 1, 2, 3, 4, 5, 6], [1, 1.2, 3, 5, 3, 1.2, 1]);
 * p.centre; // 3
 */
export function fitPeak(x: ArrayLike<number>, y: ArrayLike<number>, options: FitPeakOptions = {}): PeakFit {
  const fn = "fitPeak";
  checkOptions(fn, options, ["centre", "fwhm", "fwhmRange", "maxIterations", "backgroundDegree"]);
  const deg = options.backgroundDegree ?? 1;
  if (!Number.isInteger(deg) || deg < 0 || deg > 2) throw new RangeError(`${fn}: option backgroundDegree must be 0, 1 or 2, got ${deg}`);
  const np = 4 + deg;
  if (x.length !== y.length) throw new RangeError(`${fn}: x has ${x.length} values but y ${y.length}; expected the same`);
  const xs: number[] = [], ys: number[] = [];
  for (let i = 0; i < x.length; i++) if (Number.isFinite(x[i]) && Number.isFinite(y[i])) { xs.push(x[i]); ys.push(y[i]); }
  const n = xs.length;
  if (n < np + 1) throw new RangeError(`${fn}: expected at least ${np + 1} finite points, got ${n}`);
  let xmin = Infinity, xmax = -Infinity;
  for (const v of xs) { if (v < xmin) xmin = v; if (v > xmax) xmax = v; }
  const width = xmax - xmin;
  const step = width / (n - 1);
  const [wlo, whi] = options.fwhmRange ?? [2 * step, width];
  const xm = 0.5 * (xmin + xmax);
  // Starting values: straight background through the ends (3 points each), peak at the largest excess.
  const k = Math.min(3, Math.floor(n / 3));
  let e0 = 0, e1 = 0, x0s = 0, x1s = 0;
  const order = xs.map((_, i) => i).sort((a, b) => xs[a] - xs[b]);
  for (let i = 0; i < k; i++) { e0 += ys[order[i]]; x0s += xs[order[i]]; e1 += ys[order[n - 1 - i]]; x1s += xs[order[n - 1 - i]]; }
  e0 /= k; e1 /= k; x0s /= k; x1s /= k;
  const slope0 = x1s > x0s ? (e1 - e0) / (x1s - x0s) : 0;
  let best = -Infinity, at = xm;
  for (let i = 0; i < n; i++) {
    const ex = ys[i] - (e0 + slope0 * (xs[i] - x0s));
    if (ex > best) { best = ex; at = xs[i]; }
  }
  const clampC = (c: number): number => Math.min(xmax, Math.max(xmin, c));
  const clampS = (s: number): number => Math.min(whi / SIG, Math.max(wlo / SIG, s));
  const p = new Float64Array(np);
  p[0] = Math.max(best, 1e-12);
  p[1] = clampC(options.centre ?? at);
  p[2] = clampS((options.fwhm ?? width / 4) / SIG);
  p[3] = e0 + slope0 * (xm - x0s);
  if (deg >= 1) p[4] = slope0;
  const bg = (q: Float64Array, x: number): number => { const t = x - xm; let v = q[3]; if (deg >= 1) v += q[4] * t; if (deg >= 2) v += q[5] * t * t; return v; };
  const maxIt = options.maxIterations ?? 200;
  const J = new Float64Array(n * np), r = new Float64Array(n);
  const residuals = (q: Float64Array, out: Float64Array): number => {
    let s = 0;
    for (let i = 0; i < n; i++) {
      const d = xs[i] - q[1];
      const g = Math.exp(-(d * d) / (2 * q[2] * q[2]));
      out[i] = ys[i] - (q[0] * g + bg(q, xs[i]));
      s += out[i] * out[i];
    }
    return s;
  };
  let cost = residuals(p, r);
  let lambda = 1e-3, it = 0, converged = false;
  const A = new Float64Array(np * np), g = new Float64Array(np), trial = new Float64Array(np), rt = new Float64Array(n);
  const jac = (): void => {
    for (let i = 0; i < n; i++) {
      const d = xs[i] - p[1];
      const e = Math.exp(-(d * d) / (2 * p[2] * p[2]));
      const o = i * np, t = xs[i] - xm;
      J[o] = e;
      J[o + 1] = (p[0] * e * d) / (p[2] * p[2]);
      J[o + 2] = (p[0] * e * d * d) / (p[2] * p[2] * p[2]);
      J[o + 3] = 1;
      if (deg >= 1) J[o + 4] = t;
      if (deg >= 2) J[o + 5] = t * t;
    }
  };
  for (; it < maxIt; it++) {
    jac();
    A.fill(0); g.fill(0);
    for (let i = 0; i < n; i++) for (let a = 0; a < np; a++) {
      g[a] += J[i * np + a] * r[i];
      for (let b = 0; b <= a; b++) A[a * np + b] += J[i * np + a] * J[i * np + b];
    }
    for (let a = 0; a < np; a++) for (let b = a + 1; b < np; b++) A[a * np + b] = A[b * np + a];
    let improved = false;
    for (let tries = 0; tries < 20 && !improved; tries++) {
      const D = Float64Array.from(A);
      for (let a = 0; a < np; a++) D[a * np + a] = A[a * np + a] * (1 + lambda) + 1e-300;
      const step5 = solveSmall(D, g, np);
      if (!step5) { lambda *= 10; continue; }
      for (let a = 0; a < np; a++) trial[a] = p[a] + step5[a];
      trial[1] = clampC(trial[1]);
      trial[2] = clampS(Math.abs(trial[2]));
      const c2 = residuals(trial, rt);
      if (c2 <= cost) {
        const rel = (cost - c2) / Math.max(cost, 1e-300);
        p.set(trial); r.set(rt); cost = c2; improved = true;
        lambda = Math.max(lambda / 10, 1e-12);
        if (rel < 1e-12) converged = true;
      } else lambda *= 10;
    }
    if (!improved || converged) { converged = true; break; }
  }
  const dof = Math.max(n - np, 1);
  const s2 = cost / dof;
  // Covariance from the final Jacobian.
  jac();
  A.fill(0);
  for (let i = 0; i < n; i++) for (let a = 0; a < np; a++) for (let b = 0; b < np; b++) A[a * np + b] += J[i * np + a] * J[i * np + b];
  const e0v = new Float64Array(np); e0v[0] = 1;
  const e1v = new Float64Array(np); e1v[1] = 1;
  const c0 = solveSmall(A, e0v, np), c1 = solveSmall(A, e1v, np);
  const amplitudeError = c0 ? Math.sqrt(Math.max(c0[0], 0) * s2) : NaN;
  const centreError = c1 ? Math.sqrt(Math.max(c1[1], 0) * s2) : NaN;
  const fw = p[2] * SIG;
  const atBound = p[1] <= xmin || p[1] >= xmax || fw <= wlo * (1 + 1e-9) || fw >= whi * (1 - 1e-9);
  return {
    centre: p[1], fwhm: fw, amplitude: p[0], background: [bg(p, p[1]), deg >= 1 ? p[4] + (deg >= 2 ? 2 * p[5] * (p[1] - xm) : 0) : 0],
    centreError, amplitudeError, residualRms: Math.sqrt(cost / n), points: n, iterations: it, converged, atBound,
  };
}
