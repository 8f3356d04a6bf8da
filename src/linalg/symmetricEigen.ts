/**
 * Eigen-decomposition of a small dense symmetric matrix.
 * @module
 */

/** Result of {@link symmetricEigen}. */
export interface SymmetricEigenResult {
  /** Eigenvalues in descending order, length n. */
  values: Float64Array;
  /** Eigenvectors, row-major `[n, n]`: column j (`vectors[i * n + j]`) is the unit eigenvector of `values[j]` (as numpy's `eigh`). */
  vectors: Float64Array;
}

/**
 * Eigenvalues and eigenvectors of a real symmetric matrix by Householder reduction to
 * tridiagonal form followed by the implicit QL algorithm with Wilkinson-type shifts
 * (`tred2` + `tql2` of EISPACK, as in JAMA). O(n³); intended for n ≲ 500
 * (the E×E Gram matrix of a spectrum stack). Only the lower triangle is read.
 *
 * @param A - row-major `[n, n]` symmetric matrix (not modified).
 * @param n - order of the matrix.
 * @returns eigenvalues sorted descending and the matching eigenvectors as columns.
 * @throws Error if the QL iteration does not converge within 30·n sweeps (does not happen for finite input).
 * @example
 * ```ts
 * const { values, vectors } = symmetricEigen(new Float64Array([2, 1, 1, 2]), 2);
 * // values = [3, 1]; vectors[0..1] ≈ ±[0.707, ±0.707]
 * ```
 * @see Bowdler, Martin, Reinsch & Wilkinson, Numer. Math. 11, 293 (1968) (tql2);
 * Martin, Reinsch & Wilkinson, Numer. Math. 11, 181 (1968) (tred2); JAMA (NIST).
 */
export function symmetricEigen(A: Float64Array, n: number): SymmetricEigenResult {
  if (A.length !== n * n) throw new RangeError(`symmetricEigen: A has length ${A.length}, expected n² = ${n * n}`);
  // W = Vᵀ of JAMA's V (row j of W is column j of V), so that every inner loop runs along a
  // row: the same operations in the same order as JAMA, with contiguous memory access. After
  // the reduction W is already the Z = Vᵀ that the QL rotations below work on.
  const W = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) { W[i * n + j] = A[i * n + j]; W[j * n + i] = A[i * n + j]; }
  const d = new Float64Array(n);
  const e = new Float64Array(n);
  if (n === 0) return { values: d, vectors: W };
  // ---- tred2 ----
  for (let j = 0; j < n; j++) d[j] = W[j * n + n - 1];
  for (let i = n - 1; i > 0; i--) {
    let scale = 0;
    let h = 0;
    for (let k = 0; k < i; k++) scale += Math.abs(d[k]);
    if (scale === 0) {
      e[i] = d[i - 1];
      for (let j = 0; j < i; j++) {
        d[j] = W[j * n + i - 1];
        W[j * n + i] = 0;
        W[i * n + j] = 0;
      }
    } else {
      for (let k = 0; k < i; k++) { d[k] /= scale; h += d[k] * d[k]; }
      let f = d[i - 1];
      let g = Math.sqrt(h);
      if (f > 0) g = -g;
      e[i] = scale * g;
      h -= f * g;
      d[i - 1] = f - g;
      for (let j = 0; j < i; j++) e[j] = 0;
      for (let j = 0; j < i; j++) {
        f = d[j];
        W[i * n + j] = f;
        const r = j * n;
        g = e[j] + W[r + j] * f;
        for (let k = j + 1; k <= i - 1; k++) {
          const w = W[r + k];
          g += w * d[k];
          e[k] += w * f;
        }
        e[j] = g;
      }
      f = 0;
      for (let j = 0; j < i; j++) { e[j] /= h; f += e[j] * d[j]; }
      const hh = f / (h + h);
      for (let j = 0; j < i; j++) e[j] -= hh * d[j];
      for (let j = 0; j < i; j++) {
        f = d[j];
        g = e[j];
        const r = j * n;
        for (let k = j; k <= i - 1; k++) W[r + k] -= f * e[k] + g * d[k];
        d[j] = W[r + i - 1];
        W[r + i] = 0;
      }
    }
    d[i] = h;
  }
  for (let i = 0; i < n - 1; i++) {
    W[i * n + n - 1] = W[i * n + i];
    W[i * n + i] = 1;
    const h = d[i + 1];
    const r1 = (i + 1) * n;
    if (h !== 0) {
      for (let k = 0; k <= i; k++) d[k] = W[r1 + k] / h;
      for (let j = 0; j <= i; j++) {
        const r = j * n;
        let g = 0;
        for (let k = 0; k <= i; k++) g += W[r1 + k] * W[r + k];
        for (let k = 0; k <= i; k++) W[r + k] -= g * d[k];
      }
    }
    for (let k = 0; k <= i; k++) W[r1 + k] = 0;
  }
  for (let j = 0; j < n; j++) { d[j] = W[j * n + n - 1]; W[j * n + n - 1] = 0; }
  W[(n - 1) * n + n - 1] = 1;
  e[0] = 0;
  const Z = W;
  // ---- tql2 ----
  for (let i = 1; i < n; i++) e[i - 1] = e[i];
  e[n - 1] = 0;
  let f = 0;
  let tst1 = 0;
  const eps = Math.pow(2, -52);
  for (let l = 0; l < n; l++) {
    tst1 = Math.max(tst1, Math.abs(d[l]) + Math.abs(e[l]));
    let m = l;
    while (m < n) {
      if (Math.abs(e[m]) <= eps * tst1) break;
      m++;
    }
    if (m > l) {
      let iter = 0;
      do {
        if (++iter > 30 * n) throw new Error("symmetricEigen: QL iteration did not converge");
        let g = d[l];
        let p = (d[l + 1] - g) / (2 * e[l]);
        let r = Math.hypot(p, 1);
        if (p < 0) r = -r;
        d[l] = e[l] / (p + r);
        d[l + 1] = e[l] * (p + r);
        const dl1 = d[l + 1];
        let h = g - d[l];
        for (let i = l + 2; i < n; i++) d[i] -= h;
        f += h;
        p = d[m];
        let c = 1, c2 = c, c3 = c;
        const el1 = e[l + 1];
        let s = 0, s2 = 0;
        for (let i = m - 1; i >= l; i--) {
          c3 = c2;
          c2 = c;
          s2 = s;
          g = c * e[i];
          h = c * p;
          r = Math.hypot(p, e[i]);
          e[i + 1] = s * r;
          s = e[i] / r;
          c = p / r;
          p = c * d[i] - s * g;
          d[i + 1] = h + s * (c * g + s * d[i]);
          // rotate rows i, i+1 of Z = Vᵀ (contiguous)
          const ri = i * n, ri1 = ri + n;
          for (let k = 0; k < n; k++) {
            h = Z[ri1 + k];
            const zi = Z[ri + k];
            Z[ri1 + k] = s * zi + c * h;
            Z[ri + k] = c * zi - s * h;
          }
        }
        p = (-s * s2 * c3 * el1 * e[l]) / dl1;
        e[l] = s * p;
        d[l] = c * p;
      } while (Math.abs(e[l]) > eps * tst1);
    }
    d[l] = d[l] + f;
    e[l] = 0;
  }
  // sort descending
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => d[b] - d[a]);
  const values = new Float64Array(n);
  const vectors = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    const src = order[j];
    values[j] = d[src];
    for (let i = 0; i < n; i++) vectors[i * n + j] = Z[src * n + i];
  }
  return { values, vectors };
}
