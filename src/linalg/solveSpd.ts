/**
 * Small dense symmetric positive-definite solve (Cholesky).
 * @module
 */

/**
 * Solve `A X = B` for a small symmetric positive-definite `A` by Cholesky factorisation.
 *
 * @param A - row-major `[n, n]`, symmetric positive definite (only the lower triangle is read).
 * @param n - order of `A`.
 * @param B - row-major `[n, m]` right-hand sides.
 * @param m - number of right-hand sides. Default 1.
 * @returns `X`, row-major `[n, m]`, or `null` when `A` is not (numerically) positive definite.
 * @example
 * ```ts
 * solveSpd(new Float64Array([4, 2, 2, 3]), 2, new Float64Array([2, 1])); // [0.5, 0]
 * ```
 */
export function solveSpd(A: Float64Array, n: number, B: Float64Array, m = 1): Float64Array | null {
  const L = new Float64Array(n * n);
  let dmax = 0;
  for (let i = 0; i < n; i++) dmax = Math.max(dmax, Math.abs(A[i * n + i]));
  for (let a = 0; a < n; a++) {
    for (let b = 0; b <= a; b++) {
      let s = A[a * n + b];
      for (let c = 0; c < b; c++) s -= L[a * n + c] * L[b * n + c];
      if (a === b) {
        if (!(s > dmax * 1e-15)) return null;
        L[a * n + a] = Math.sqrt(s);
      } else {
        L[a * n + b] = s / L[b * n + b];
      }
    }
  }
  const X = Float64Array.from(B);
  for (let col = 0; col < m; col++) {
    for (let a = 0; a < n; a++) {
      let s = X[a * m + col];
      for (let c = 0; c < a; c++) s -= L[a * n + c] * X[c * m + col];
      X[a * m + col] = s / L[a * n + a];
    }
    for (let a = n - 1; a >= 0; a--) {
      let s = X[a * m + col];
      for (let c = a + 1; c < n; c++) s -= L[c * n + a] * X[c * m + col];
      X[a * m + col] = s / L[a * n + a];
    }
  }
  return X;
}
