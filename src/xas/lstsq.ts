/**
 * Small dense least squares by Householder QR (internal to the XAS numerics): polynomial fits of
 * the pre-/post-edge and the linear autobk background solve. Never the normal equations.
 * @module
 */

/**
 * @internal
 * Minimise ‖A x − b‖₂ for a row-major m × n matrix A (m ≥ n) by Householder QR with column
 * scaling (each column divided by its 2-norm first, so badly scaled columns do not lose digits).
 * A and b are not modified. Rank-deficient columns (|R_jj| ≤ 1e-13·max|R|) get x_j = 0.
 *
 * @returns x, length n.
 */
export function lstsqQr(A: Float64Array, b: Float64Array, m: number, n: number): Float64Array {
  if (m < n) throw new RangeError(`lstsq: ${m} equations for ${n} unknowns; expected at least as many equations as unknowns`);
  const R = Float64Array.from(A);
  const y = Float64Array.from(b);
  const scale = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    let s = 0;
    for (let i = 0; i < m; i++) s += R[i * n + j] * R[i * n + j];
    scale[j] = s > 0 ? Math.sqrt(s) : 1;
    for (let i = 0; i < m; i++) R[i * n + j] /= scale[j];
  }
  const v = new Float64Array(m);
  for (let j = 0; j < n; j++) {
    let norm = 0;
    for (let i = j; i < m; i++) norm += R[i * n + j] * R[i * n + j];
    norm = Math.sqrt(norm);
    if (norm === 0) continue;
    const alpha = R[j * n + j] > 0 ? -norm : norm;
    let vnorm2 = 0;
    for (let i = j; i < m; i++) { v[i] = R[i * n + j] - (i === j ? alpha : 0); vnorm2 += v[i] * v[i]; }
    if (vnorm2 === 0) continue;
    for (let c = j; c < n; c++) {
      let d = 0;
      for (let i = j; i < m; i++) d += v[i] * R[i * n + c];
      const f = (2 * d) / vnorm2;
      for (let i = j; i < m; i++) R[i * n + c] -= f * v[i];
    }
    let d = 0;
    for (let i = j; i < m; i++) d += v[i] * y[i];
    const f = (2 * d) / vnorm2;
    for (let i = j; i < m; i++) y[i] -= f * v[i];
  }
  let rmax = 0;
  for (let j = 0; j < n; j++) rmax = Math.max(rmax, Math.abs(R[j * n + j]));
  const x = new Float64Array(n);
  for (let j = n - 1; j >= 0; j--) {
    const d = R[j * n + j];
    if (!(Math.abs(d) > 1e-13 * rmax)) { x[j] = 0; continue; }
    let s = y[j];
    for (let c = j + 1; c < n; c++) s -= R[j * n + c] * x[c];
    x[j] = s / d;
  }
  for (let j = 0; j < n; j++) x[j] /= scale[j];
  return x;
}

/**
 * @internal
 * Least-squares polynomial of degree `deg` through (x[i], y[i]) for i in [i0, i1), in the variable
 * u = (x − centre)/half-width of the window (as numpy's Polynomial.fit maps to its domain), so the fit
 * is well conditioned at 22 keV. Returns an evaluator and the coefficients in powers of (x − origin).
 */
export function polyfitWindow(x: Float64Array, y: ArrayLike<number>, i0: number, i1: number, deg: number, origin: number): { at: (e: number) => number; coefs: number[] } {
  const m = i1 - i0;
  const n = deg + 1;
  const lo = x[i0], hi = x[i1 - 1];
  const c = 0.5 * (lo + hi);
  const h = hi > lo ? 0.5 * (hi - lo) : 1;
  const A = new Float64Array(m * n);
  const b = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    const u = (x[i0 + i] - c) / h;
    let p = 1;
    for (let j = 0; j < n; j++) { A[i * n + j] = p; p *= u; }
    b[i] = y[i0 + i];
  }
  const a = lstsqQr(A, b, m, n);
  const at = (e: number): number => {
    const u = (e - c) / h;
    let s = 0;
    for (let j = n - 1; j >= 0; j--) s = s * u + a[j];
    return s;
  };
  // coefficients in powers of t = x − origin: u = (t + origin − c)/h = α t + β
  const alpha = 1 / h, beta = (origin - c) / h;
  let out = [0];
  let pow = [1]; // (αt + β)^j as coefficients in t
  for (let j = 0; j < n; j++) {
    const next = out.length < pow.length ? [...out, ...new Array(pow.length - out.length).fill(0)] : out.slice();
    for (let q = 0; q < pow.length; q++) next[q] += a[j] * pow[q];
    out = next;
    const np = new Array(pow.length + 1).fill(0);
    for (let q = 0; q < pow.length; q++) { np[q] += beta * pow[q]; np[q + 1] += alpha * pow[q]; }
    pow = np;
  }
  return { at, coefs: out.slice(0, n) };
}
