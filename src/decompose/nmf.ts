/**
 * Non-negative matrix factorisation of a pixel matrix.
 * @module
 */
import { nmfRelease, nmfResult, nmfSetup, nmfStep } from "./nmfCore";
import type { NmfOptions as NmfCoreOptions, NmfResult as NmfCoreResult, NmfState } from "./nmfCore";
import { checkMatrixArg, matrix, type Dim, type Matrix } from "../types/matrix";
import { makeSpectra, type Spectra } from "../types/spectra";
import type { PixelMaps } from "../types/pixelMaps";
import { energiesOf, mapsFor } from "./shapes";
import { checkBool } from "./validate";
export type { NmfIterationInfo } from "./nmfCore";

/** Options of {@link nmf} (and `nmfAsync`). */
export interface NmfOptions extends NmfCoreOptions {
  /**
   * Set negative values to 0 before fitting (NMF needs X ≥ 0; background subtraction leaves small
   * negatives in the pre-edge). Makes one clipped copy of X. Default false: negatives are an error.
   */
  clipNegative?: boolean;
}

/** Result of {@link nmf}: `X ≈ W H` with W ≥ 0 `[nPixels, k]` and H ≥ 0 `[k, nE]`. */
export interface NmfResult extends Omit<NmfCoreResult, "W" | "H" | "nRows" | "nCols"> {
  /** Always "nmf" (for display). */
  readonly kind: "nmf";
  /** Number of pixels (rows). */
  readonly nPixels: number;
  /** Number of energies. */
  readonly nE: number;
  /** Energies of the columns in eV (0, 1, … when the input had none). */
  readonly energies: Float64Array;
  /** Abundances `[nPixels, k]`, ≥ 0. */
  readonly W: Matrix<"pixel", "component">;
  /** Component spectra `[k, nE]`, ≥ 0, named "NMF 1" …. */
  readonly H: Spectra<"component">;
  /** The abundance images of each sample (input a PixelTable). */
  maps(): PixelMaps;
}

/** @internal Validate the NMF input and options; clip a copy when asked. */
export function nmfInput(fn: string, input: Matrix, options: NmfOptions): { X: Float64Array; nRows: number; nCols: number; core: NmfCoreOptions } {
  const m = checkMatrixArg(fn, "X", input);
  const { clipNegative, ...core } = options ?? ({} as NmfOptions);
  const clip = clipNegative === undefined ? false : checkBool(fn, "clipNegative", clipNegative);
  const X = clip ? m.data.map((v) => (v < 0 ? 0 : v)) : m.data;
  return { X, nRows: m.nRows, nCols: m.nCols, core };
}

/** @internal Package the engine's result with the input's shapes. */
export function nmfPublicResult(fn: string, input: Matrix, st: NmfState): NmfResult {
  const r = nmfResult(st);
  const { energies } = energiesOf(input);
  const names = Array.from({ length: r.k }, (_, t) => `NMF ${t + 1}`);
  const { W, H, nRows, nCols, ...rest } = r;
  const Wm = matrix(W, nRows, r.k, ["pixel", "component"] as const);
  const toMaps = mapsFor(fn, input, "abundance");
  return {
    ...rest, kind: "nmf", nPixels: nRows, nE: nCols, energies,
    W: Wm,
    H: makeSpectra({ energies, values: H, names, dim: "component" as const }),
    maps: () => toMaps(Wm, names),
  };
}

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
 * @param input - pixels × energies (a PixelTable or any `{ data, nRows, nCols }`), finite and ≥ 0 (or `clipNegative`); not copied.
 * @param options - {@link NmfOptions}; `k` is required.
 * @returns {@link NmfResult}.
 * @example
 * ```ts
 * const res = nmf(T, { k: 3, maxIter: 500, tol: 1e-5, clipNegative: true });
 * if (!res.converged) console.log(`stopped after ${res.nIter} iterations`);
 * res.H;      // Spectra: 3 components × nE energies
 * res.maps(); // abundance images per sample
 * ```
 * @see Cichocki & Phan, IEICE Trans. Fundam. E92-A, 708 (2009) (HALS); Hsieh & Dhillon,
 * KDD 2011 (coordinate descent); Lee & Seung, NIPS 13 (2001) (MU); Boutsidis & Gallopoulos,
 * Pattern Recognit. 41, 1350 (2008) (NNDSVD); scikit-learn `sklearn.decomposition.NMF`.
 */
export function nmf(input: Matrix<Dim, "energy">, options: NmfOptions): NmfResult {
  const { X, nRows, nCols, core } = nmfInput("nmf", input, options);
  const st = nmfSetup("nmf", X, nRows, nCols, core, ["clipNegative"]);
  try {
    while (!st.done) nmfStep(st);
    return nmfPublicResult("nmf", input, st);
  } finally {
    nmfRelease(st); // also when onIteration throws
  }
}
