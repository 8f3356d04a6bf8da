/**
 * Reconstruct spectra from principal-component scores.
 * @module
 */
import type { PcaResult } from "./pca";
import { checkInt, checkMatrix } from "./validate";

/**
 * Back-project scores to spectra: `S C + 1μᵀ` using the first `nComponents` components —
 * the denoised model of the data; `X − pcaInverse(model, model.scores, n)` is the residual.
 *
 * @param model - result of `pca`.
 * @param scores - shape `[nRows, nComponents]`, row-major.
 * @param nRows - number of pixels.
 * @param nComponents - number of score columns. Default `model.nComponents`.
 * @returns spectra, shape `[nRows, model.nFeatures]`, row-major.
 * @example
 * ```ts
 * const model = pca(X, n, 50, { nComponents: 3 });
 * const denoised = pcaInverse(model, model.scores!, n);
 * ```
 */
export function pcaInverse(model: PcaResult, scores: Float64Array, nRows: number, nComponents: number = model.nComponents): Float64Array {
  const k = checkInt("pcaInverse", "nComponents", nComponents, 1, model.nComponents);
  checkMatrix("pcaInverse", "scores", scores, nRows, k);
  const E = model.nFeatures;
  const C = model.components;
  const out = new Float64Array(nRows * E);
  for (let i = 0; i < nRows; i++) {
    const o = i * E;
    for (let j = 0; j < E; j++) out[o + j] = model.mean[j];
    for (let t = 0; t < k; t++) {
      const s = scores[i * k + t];
      const c = t * E;
      for (let j = 0; j < E; j++) out[o + j] += s * C[c + j];
    }
  }
  return out;
}
