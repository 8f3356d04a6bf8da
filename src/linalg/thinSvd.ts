/**
 * Singular values and right singular vectors of a tall matrix, without forming XᵀX.
 * @module
 */

/** Result of {@link thinSvd}. */
export interface ThinSvdResult {
  /** Singular values, descending, length `nCols` (zeros beyond `min(nRows, nCols)`). */
  singularValues: Float64Array;
  /** Right singular vectors, row-major `[nCols, nCols]`: column j (`V[i * nCols + j]`) belongs to `singularValues[j]`. */
  V: Float64Array;
  /** Jacobi sweeps used on R. */
  sweeps: number;
}

/**
 * Thin SVD of a tall row-major matrix `X − 1cᵀ` (c = optional centre): Householder QR
 * (`X − 1cᵀ = QR`, row-oriented passes over a copy), then one-sided Jacobi (Hestenes) on the
 * small `R` until every pair of columns is orthogonal to machine precision. Singular values
 * keep high relative accuracy, including those below `√ε·σ_max` that the Gram route
 * (`eig(XᵀX)`) loses; cost ~`4·nRows·nCols²` flops and one copy of X — a check, not the fast path.
 *
 * @param X - shape `[nRows, nCols]`, row-major, finite.
 * @param nRows - rows.
 * @param nCols - columns.
 * @param center - optional length-`nCols` vector subtracted from every row first.
 * @returns {@link ThinSvdResult}.
 * @throws Error if Jacobi does not converge within 60 sweeps (not seen for finite input).
 * @example
 * ```ts
 * thinSvd(new Float64Array([3, 0, 0, 4]), 2, 2).singularValues; // [4, 3]
 * ```
 * @see Golub & Van Loan, Matrix Computations, 4th ed., §5.2 (Householder QR), §8.6.3 (one-sided Jacobi);
 * Demmel & Veselić, SIAM J. Matrix Anal. Appl. 13, 1204 (1992).
 */
export function thinSvd(X: Float64Array, nRows: number, nCols: number, center?: Float64Array): ThinSvdResult {
  const n = nRows, E = nCols;
  const A = Float64Array.from(X.subarray(0, n * E));
  if (center) for (let i = 0, o = 0; i < n; i++) for (let j = 0; j < E; j++, o++) A[o] -= center[j];
  const m = Math.min(n, E);
  const w = new Float64Array(E);
  // Householder QR, column by column; the trailing block is updated row by row (contiguous)
  for (let j = 0; j < m; j++) {
    let norm2 = 0;
    for (let i = j; i < n; i++) norm2 += A[i * E + j] * A[i * E + j];
    const norm = Math.sqrt(norm2);
    if (norm === 0) continue;
    const x0 = A[j * E + j];
    const alpha = x0 >= 0 ? -norm : norm;
    // v = x − alpha·e1 stored in place of column j (rows j…n−1); beta = 2 / vᵀv
    A[j * E + j] = x0 - alpha;
    const vtv = norm2 - x0 * x0 + (x0 - alpha) * (x0 - alpha);
    const beta = 2 / vtv;
    w.fill(0, j + 1, E);
    for (let i = j; i < n; i++) {
      const v = A[i * E + j];
      if (v === 0) continue;
      for (let c = j + 1, o = i * E + j + 1; c < E; c++, o++) w[c] += v * A[o];
    }
    for (let c = j + 1; c < E; c++) w[c] *= beta;
    for (let i = j; i < n; i++) {
      const v = A[i * E + j];
      if (v === 0) continue;
      for (let c = j + 1, o = i * E + j + 1; c < E; c++, o++) A[o] -= v * w[c];
    }
    A[j * E + j] = alpha; // R_jj (rows below hold v; not needed further)
  }
  // R: m × E upper triangular
  const R = new Float64Array(m * E);
  for (let i = 0; i < m; i++) for (let c = i; c < E; c++) R[i * E + c] = A[i * E + c];
  const V = new Float64Array(E * E);
  for (let i = 0; i < E; i++) V[i * E + i] = 1;
  // one-sided Jacobi on the columns of R
  const eps = 2.220446049250313e-16;
  let sweeps = 0;
  for (let rotated = true; rotated; sweeps++) {
    if (sweeps >= 60) throw new Error("thinSvd: one-sided Jacobi did not converge in 60 sweeps");
    rotated = false;
    for (let p = 0; p < E - 1; p++) {
      for (let q = p + 1; q < E; q++) {
        let a = 0, b = 0, g = 0;
        for (let i = 0; i < m; i++) {
          const rp = R[i * E + p], rq = R[i * E + q];
          a += rp * rp; b += rq * rq; g += rp * rq;
        }
        if (g === 0 || Math.abs(g) <= eps * Math.sqrt(a * b)) continue;
        rotated = true;
        const zeta = (b - a) / (2 * g);
        const t = (zeta >= 0 ? 1 : -1) / (Math.abs(zeta) + Math.sqrt(1 + zeta * zeta));
        const cs = 1 / Math.sqrt(1 + t * t);
        const sn = cs * t;
        for (let i = 0; i < m; i++) {
          const rp = R[i * E + p], rq = R[i * E + q];
          R[i * E + p] = cs * rp - sn * rq;
          R[i * E + q] = sn * rp + cs * rq;
        }
        for (let i = 0; i < E; i++) {
          const vp = V[i * E + p], vq = V[i * E + q];
          V[i * E + p] = cs * vp - sn * vq;
          V[i * E + q] = sn * vp + cs * vq;
        }
      }
    }
  }
  const sv = new Float64Array(E);
  for (let c = 0; c < E; c++) {
    let s = 0;
    for (let i = 0; i < m; i++) s += R[i * E + c] * R[i * E + c];
    sv[c] = Math.sqrt(s);
  }
  const order = Array.from({ length: E }, (_, c) => c).sort((x, y) => sv[y] - sv[x] || x - y);
  const singularValues = Float64Array.from(order, (c) => sv[c]);
  const Vs = new Float64Array(E * E);
  for (let i = 0; i < E; i++) for (let j = 0; j < E; j++) Vs[i * E + j] = V[i * E + order[j]];
  return { singularValues, V: Vs, sweeps };
}
