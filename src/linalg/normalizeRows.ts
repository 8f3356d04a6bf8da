/**
 * Scale every row of a matrix to sum 1 — e.g. NMF weights W as barycentric coordinates, so the
 * pixels of an NMF-space scatter plot lie in a simplex with the end members at its corners.
 * @module
 */

/**
 * @param M - matrix, shape `[nRows, nCols]`, row-major.
 * @param nRows - rows.
 * @param nCols - columns.
 * @returns a new matrix of the same shape; a row summing to 0 is left as zeros.
 * @throws RangeError when `M.length` is not `nRows · nCols`.
 * @example
 * const Wn = normalizeRows(nmfResult.W, nPixels, k);
 */
export function normalizeRows(M: ArrayLike<number>, nRows: number, nCols: number): Float64Array {
  if (M.length !== nRows * nCols) throw new RangeError(`normalizeRows: M has length ${M.length}, expected nRows × nCols = ${nRows * nCols}`);
  const out = new Float64Array(M.length);
  for (let i = 0; i < nRows; i++) {
    let s = 0;
    for (let j = 0; j < nCols; j++) s += M[i * nCols + j];
    if (s === 0) continue;
    for (let j = 0; j < nCols; j++) out[i * nCols + j] = M[i * nCols + j] / s;
  }
  return out;
}
