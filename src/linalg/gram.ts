/**
 * The Gram matrix XᵀX of a tall, thin row-major matrix (the PCA hot kernel).
 * @module
 */

import { wasmKernels } from "./wasmKernels";
import { gramJs, gramWasm } from "./gramKernels";

/** Options of {@link gram}. */
export interface GramOptions {
  /** Subtract this vector (length nCols) from every row first, e.g. the column means. Default: none. */
  center?: Float64Array;
}

/**
 * Gram matrix `G = (X − 1cᵀ)ᵀ (X − 1cᵀ)` of a row-major matrix, shape `[nCols, nCols]`,
 * symmetric, returned in full row-major form.
 *
 * Rows are processed in cache-sized chunks of 256 (centred into a small buffer when
 * `center` is given, which is exact — no `XᵀX − n·ccᵀ` cancellation); within a chunk the
 * upper triangle is computed in 4×4 register tiles (16 accumulators). Cost `nRows·nCols²/2`
 * multiply–adds, memory `O(256·nCols)` besides the result.
 *
 * @param X - shape `[nRows, nCols]`, row-major.
 * @param nRows - number of rows.
 * @param nCols - number of columns.
 * @param options - {@link GramOptions}.
 * @returns `Float64Array` of length `nCols²`, row-major.
 * @example
 * ```ts
 * gram(new Float64Array([1, 2, 3, 4]), 2, 2); // [10, 14, 14, 20]
 * ```
 */
export function gram(X: Float64Array, nRows: number, nCols: number, options: GramOptions = {}): Float64Array {
  const wk = wasmKernels();
  if (wk) return gramWasm(X, nRows, nCols, options.center ?? null, null).G;
  return gramJs(X, nRows, nCols, options.center);
}
