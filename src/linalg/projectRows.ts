/**
 * Project every row of a tall matrix onto a few basis vectors (scores = (X − c) Bᵀ).
 * @module
 */
import { projectRowsInto } from "./projectKernels";

/**
 * Scores `S = (X − 1cᵀ) Bᵀ` of each row of `X` on `k` basis vectors (rows of `B`).
 * Rows of `X` are read once, centred exactly (no `x·b − c·b` cancellation); each score is the
 * plain sequential sum over the energies, computed with WebAssembly SIMD (several basis vectors
 * in the lanes, worker threads for large inputs) when available, else with plain loops — the
 * same numbers either way.
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
  return projectRowsInto(new Float64Array(nRows * k), X, nRows, nCols, B, k, center);
}
