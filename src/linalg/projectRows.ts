/**
 * Project every row of a tall matrix onto a few basis vectors (scores = (X − c) Bᵀ).
 * @module
 */

/**
 * Scores `S = (X − 1cᵀ) Bᵀ` of each row of `X` on `k` basis vectors (rows of `B`).
 * Rows of `X` are read once (centred into a row buffer when `center` is given); `k` dot
 * products per row, 4 basis vectors at a time.
 *
 * @param X - shape `[nRows, nCols]`, row-major.
 * @param nRows - number of rows (pixels).
 * @param nCols - number of columns (energies).
 * @param B - shape `[k, nCols]`, row-major (e.g. PCA components).
 * @param k - number of basis vectors.
 * @param center - optional length-`nCols` vector subtracted from each row first.
 * @returns shape `[nRows, k]`, row-major.
 * @example
 * ```ts
 * projectRows(new Float64Array([1, 2, 3, 4]), 2, 2, new Float64Array([1, 0]), 1); // [1, 3]
 * ```
 */
export function projectRows(
  X: Float64Array, nRows: number, nCols: number, B: Float64Array, k: number, center?: Float64Array,
): Float64Array {
  const E = nCols;
  const S = new Float64Array(nRows * k);
  const k4 = k - (k % 4);
  const row = new Float64Array(E);
  for (let i = 0, o0 = 0; i < nRows; i++, o0 += E) {
    const so = i * k;
    let R = X;
    let o = o0;
    if (center) {
      // centre the row into a small buffer: exact, no x·b − c·b cancellation
      for (let j = 0; j < E; j++) row[j] = X[o0 + j] - center[j];
      R = row;
      o = 0;
    }
    for (let t = 0; t < k4; t += 4) {
      const b0 = t * E, b1 = b0 + E, b2 = b1 + E, b3 = b2 + E;
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
      for (let j = 0; j < E; j++) {
        const x = R[o + j];
        s0 += x * B[b0 + j]; s1 += x * B[b1 + j]; s2 += x * B[b2 + j]; s3 += x * B[b3 + j];
      }
      S[so + t] = s0; S[so + t + 1] = s1; S[so + t + 2] = s2; S[so + t + 3] = s3;
    }
    for (let t = k4; t < k; t++) {
      const b0 = t * E;
      let s0 = 0;
      for (let j = 0; j < E; j++) s0 += R[o + j] * B[b0 + j];
      S[so + t] = s0;
    }
  }
  return S;
}
