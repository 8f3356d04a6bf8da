/**
 * Mean and centred Gram matrix of a tall matrix in one pass.
 * @module
 */
import { columnMeans } from "./columnMeans";
import { gramJs, gramWasm } from "./gramKernels";
import { wasmKernels } from "./wasmKernels";

/**
 * Column means μ and the centred Gram matrix `(X − 1μᵀ)ᵀ(X − 1μᵀ)`, shape `[nCols, nCols]`.
 *
 * With WebAssembly this is one pass over X: the rows are shifted by a provisional centre `c`
 * (the mean of up to 256 rows spread over X) while the Gram matrix and the column sums of
 * `X − c` are accumulated, then `G = G_c − n·ddᵀ` with `d = mean(X − c)` (the shifted-data
 * algorithm; with `c` close to μ, `d` is small and the correction loses no significant digits;
 * if `n·d_j²` exceeds 10³·G_jj for some j, a second, exactly centred pass is made instead).
 * Without WebAssembly: an exact two-pass computation.
 *
 * @param X - shape `[nRows, nCols]`, row-major.
 * @param nRows - number of rows.
 * @param nCols - number of columns.
 * @returns `{ gram, mean }`.
 * @example
 * ```ts
 * const { gram, mean } = centeredGram(new Float64Array([1, 2, 3, 4]), 2, 2); // mean [2, 3], gram [2, 2, 2, 2]
 * ```
 * @see Chan, Golub & LeVeque, "Algorithms for computing the sample variance", Am. Stat. 37, 242 (1983).
 */
export function centeredGram(X: Float64Array, nRows: number, nCols: number): { gram: Float64Array; mean: Float64Array } {
  const E = nCols;
  if (!wasmKernels()) {
    const mean = columnMeans(X, nRows, E);
    return { gram: gramJs(X, nRows, E, mean), mean };
  }
  // provisional centre: the mean of up to 256 rows spread evenly over X
  const c = new Float64Array(E);
  const step = Math.max(1, Math.floor(nRows / 256));
  let cnt = 0;
  for (let i = 0; i < nRows; i += step, cnt++) for (let j = 0; j < E; j++) c[j] += X[i * E + j];
  for (let j = 0; j < E; j++) c[j] /= cnt;
  const sums = new Float64Array(E);
  const { G } = gramWasm(X, nRows, E, c, sums);
  const mean = new Float64Array(E);
  const d = new Float64Array(E);
  for (let j = 0; j < E; j++) { d[j] = sums[j] / nRows; mean[j] = c[j] + d[j]; }
  let risky = false;
  for (let p = 0; p < E; p++) {
    for (let q = 0; q < E; q++) G[p * E + q] -= nRows * d[p] * d[q];
    // the correction cancels digits when the sample centre was far off: then redo it exactly
    if (nRows * d[p] * d[p] > 1e3 * Math.abs(G[p * E + p])) risky = true;
  }
  if (risky) return { gram: gramWasm(X, nRows, E, columnMeans(X, nRows, E), null).G, mean: columnMeans(X, nRows, E) };
  return { gram: G, mean };
}
