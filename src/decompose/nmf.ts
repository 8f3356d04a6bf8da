/**
 * Non-negative matrix factorisation of a pixel matrix.
 * @module
 */
import { nmfRelease, nmfResult, nmfSetup, nmfStep } from "./nmfCore";
import type { NmfOptions, NmfResult } from "./nmfCore";
export type { NmfOptions, NmfResult, NmfIterationInfo } from "./nmfCore";

/**
 * Non-negative matrix factorisation `X ≈ W H` (W ≥ 0 abundances `[nRows, k]`, H ≥ 0 spectra
 * `[k, nCols]`) minimising the Frobenius error ‖X − WH‖_F.
 *
 * - `solver: "cd"` — HALS / coordinate descent exactly as scikit-learn's `solver="cd"`
 *   (`_fit_coordinate_descent`, no shuffle, no regularisation): per iteration one sweep over
 *   the columns of W, then of H; stops when the summed projected-gradient violation of the
 *   iteration divided by that of the first iteration is ≤ `tol`.
 * - `solver: "mu"` — Lee–Seung multiplicative updates as scikit-learn's `solver="mu"`
 *   (β = 2, zero denominators replaced by float32 eps); every 10 iterations stops when
 *   `(previousError − error) / initialError < tol`.
 *
 * Each iteration makes one fused, chunked pass over X (see `nmfCore`) with WebAssembly SIMD
 * kernels when available (for k ≤ 16), which keep a private copy of X, W and H in WebAssembly
 * memory while the fit runs (`8·nRows·(nCols + k)` bytes, released afterwards; plain loops are
 * used when that would exceed 4 GB). For large inputs the W half of each `cd` iteration runs on
 * worker threads too (`EDGEWORKS_THREADS=1` to disable), with the same iterates bit for bit (see
 * `nmfEngine`). Not converging is not an error: see `converged`, `stopReason`, `nIter`. X is not
 * modified.
 *
 * @param X - pixel matrix, shape `[nRows, nCols]`, row-major, finite and ≥ 0.
 * @param nRows - number of pixels.
 * @param nCols - number of energies.
 * @param options - {@link NmfOptions}; `k` is required.
 * @returns {@link NmfResult}.
 * @example
 * ```ts
 * const res = nmf(X, nPix, 50, { k: 3, maxIter: 500, tol: 1e-5 });
 * if (!res.converged) console.log(`stopped after ${res.nIter} iterations`);
 * res.H; // 3 spectra × 50 energies
 * ```
 * @see Cichocki & Phan, IEICE Trans. Fundam. E92-A, 708 (2009) (HALS); Hsieh & Dhillon,
 * KDD 2011 (coordinate descent); Lee & Seung, NIPS 13 (2001) (MU); Boutsidis & Gallopoulos,
 * Pattern Recognit. 41, 1350 (2008) (NNDSVD); scikit-learn `sklearn.decomposition.NMF`.
 */
export function nmf(X: Float64Array, nRows: number, nCols: number, options: NmfOptions): NmfResult {
  const st = nmfSetup("nmf", X, nRows, nCols, options);
  try {
    while (!st.done) nmfStep(st);
    return nmfResult(st);
  } finally {
    nmfRelease(st); // also when onIteration throws
  }
}
