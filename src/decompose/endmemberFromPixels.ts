/**
 * Average spectrum of a selection of pixels.
 * @module
 */
import { checkInt, checkMatrix } from "./validate";

/** Result of {@link endmemberFromPixels}. */
export interface Endmember {
  /** Mean spectrum of the selected pixels, length `nCols`. */
  spectrum: Float64Array;
  /** Sample standard deviation per energy (n − 1 in the denominator; 0 for a single pixel), length `nCols`. */
  std: Float64Array;
  /** Number of distinct pixels averaged. */
  count: number;
  /** The pixel indices used (sorted, duplicates removed). */
  indices: Int32Array;
}

/**
 * End-member spectrum from a group of pixels (e.g. a lasso selection at an extreme of the
 * PCA/NMF score cloud): the average spectrum, the number of pixels and the per-energy spread.
 *
 * @param X - pixel matrix, shape `[nRows, nCols]`, row-major.
 * @param nRows - number of pixels.
 * @param nCols - number of energies.
 * @param indices - pixel (row) indices, each in [0, nRows); duplicates are ignored.
 * @returns {@link Endmember}.
 * @example
 * ```ts
 * const em = endmemberFromPixels(X, n, 50, [10, 11, 12]);
 * em.spectrum; // mean of rows 10–12
 * ```
 */
export function endmemberFromPixels(X: Float64Array, nRows: number, nCols: number, indices: ArrayLike<number>): Endmember {
  const fn = "endmemberFromPixels";
  checkMatrix(fn, "X", X, nRows, nCols);
  if (indices === null || typeof indices !== "object" || typeof indices.length !== "number") {
    throw new TypeError(`${fn}: indices must be an array of pixel indices`);
  }
  if (indices.length === 0) throw new RangeError(`${fn}: indices is empty; select at least one pixel`);
  const set = new Set<number>();
  for (let p = 0; p < indices.length; p++) set.add(checkInt(fn, `indices[${p}]`, indices[p], 0, nRows - 1));
  const idx = Int32Array.from([...set].sort((a, b) => a - b));
  const E = nCols;
  const mean = new Float64Array(E);
  const m2 = new Float64Array(E);
  let n = 0;
  for (const i of idx) {
    n++;
    const o = i * E;
    for (let j = 0; j < E; j++) {
      const d = X[o + j] - mean[j];
      mean[j] += d / n;
      m2[j] += d * (X[o + j] - mean[j]);
    }
  }
  const std = new Float64Array(E);
  if (n > 1) for (let j = 0; j < E; j++) std[j] = Math.sqrt(m2[j] / (n - 1));
  return { spectrum: mean, std, count: n, indices: idx };
}
