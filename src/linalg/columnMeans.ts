/**
 * Column means of a row-major matrix.
 * @module
 */

/**
 * Mean of each column of a row-major matrix.
 *
 * @param X - shape `[nRows, nCols]`, row-major.
 * @param nRows - number of rows (pixels).
 * @param nCols - number of columns (energies).
 * @returns length `nCols`.
 * @example
 * ```ts
 * columnMeans(new Float64Array([1, 2, 3, 4]), 2, 2); // Float64Array [2, 3]
 * ```
 */
export function columnMeans(X: Float64Array, nRows: number, nCols: number): Float64Array {
  const m = new Float64Array(nCols);
  for (let i = 0, o = 0; i < nRows; i++, o += nCols) {
    for (let j = 0; j < nCols; j++) m[j] += X[o + j];
  }
  if (nRows > 0) for (let j = 0; j < nCols; j++) m[j] /= nRows;
  return m;
}
