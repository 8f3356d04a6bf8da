/**
 * Average spectrum of a selection of pixels.
 * @module
 */
import { checkInt } from "./validate";
import { checkMatrixArg, type Dim, type Matrix } from "../types/matrix";
import type { Spectrum } from "../types/spectrum";
import { energiesOf } from "./shapes";

/** Result of {@link endmemberFromPixels}. */
export interface Endmember {
  /** Mean spectrum of the selected pixels, on the input's energies. */
  spectrum: Spectrum;
  /** Sample standard deviation per energy (n − 1 in the denominator; 0 for a single pixel). */
  std: Spectrum;
  /** Number of distinct pixels averaged. */
  count: number;
  /** The pixel indices used (sorted, duplicates removed). */
  indices: Int32Array;
}

/** @internal Mean and sample standard deviation of the given rows of a flat matrix (indices checked by the caller). */
export function rowsMeanStd(X: Float64Array, E: number, idx: Int32Array): { mean: Float64Array; std: Float64Array } {
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
  return { mean, std };
}

/**
 * End-member spectrum from a group of pixels (e.g. a lasso selection at an extreme of the
 * PCA/NMF score cloud): the average spectrum, the number of pixels and the per-energy spread.
 *
 * @param input - pixels × energies (a PixelTable or any matrix).
 * @param indices - pixel (row) indices, each in [0, nRows); duplicates are ignored.
 * @param options - `name` of the end member (default "").
 * @returns {@link Endmember}.
 * @example
 * ```ts
 * const em = endmemberFromPixels(T, w.selection, { name: "oxidised" });
 * em.spectrum; // mean of the selected pixels
 * ```
 */
export function endmemberFromPixels(input: Matrix<Dim, "energy">, indices: ArrayLike<number>, options: { name?: string } = {}): Endmember {
  const fn = "endmemberFromPixels";
  const { data: X, nRows, nCols } = checkMatrixArg(fn, "X", input);
  for (const k of Object.keys(options ?? {})) if (k !== "name") throw new Error(`${fn}: unknown option "${k}"; expected one of: name`);
  if (indices === null || typeof indices !== "object" || typeof indices.length !== "number") {
    throw new TypeError(`${fn}: indices must be an array of pixel indices`);
  }
  if (indices.length === 0) throw new RangeError(`${fn}: indices is empty; select at least one pixel`);
  const set = new Set<number>();
  for (let p = 0; p < indices.length; p++) set.add(checkInt(fn, `indices[${p}]`, indices[p], 0, nRows - 1));
  const idx = Int32Array.from([...set].sort((a, b) => a - b));
  for (let p = 0; p < idx.length; p++) {
    const o = idx[p] * nCols;
    for (let j = 0; j < nCols; j++) if (!Number.isFinite(X[o + j])) throw new RangeError(`${fn}: X[${idx[p]}, ${j}] is ${X[o + j]}; expected finite values`);
  }
  const { mean, std } = rowsMeanStd(X, nCols, idx);
  const { energies } = energiesOf(input);
  const name = options.name ?? "";
  return { spectrum: { energies, values: mean, name, unit: "" }, std: { energies, values: std, name: `${name} std`.trim(), unit: "" }, count: idx.length, indices: idx };
}
