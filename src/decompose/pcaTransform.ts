/**
 * Project new pixels onto fitted principal components.
 * @module
 */
import { projectRows } from "../linalg/projectRows";
import type { PcaResult } from "./pca";
import { checkInt, checkMatrix } from "./validate";

/**
 * Scores of new pixels on the components of a fitted {@link PcaResult}:
 * `(Y − 1μᵀ) Cᵀ` (μ = 0 for un-centred PCA). `pcaTransform(model, X, n)` equals `model.scores`.
 *
 * @param model - result of `pca`.
 * @param Y - shape `[nRows, model.nFeatures]`, row-major.
 * @param nRows - number of pixels in `Y`.
 * @param nComponents - number of leading components to use. Default `model.nComponents`.
 * @returns scores, shape `[nRows, nComponents]`, row-major.
 * @example
 * ```ts
 * const model = pca(X, n, 50, { nComponents: 3 });
 * const s = pcaTransform(model, Xnew, nNew); // [nNew, 3]
 * ```
 */
export function pcaTransform(model: PcaResult, Y: Float64Array, nRows: number, nComponents: number = model.nComponents): Float64Array {
  checkMatrix("pcaTransform", "Y", Y, nRows, model.nFeatures);
  checkInt("pcaTransform", "nComponents", nComponents, 1, model.nComponents);
  return projectRows(Y, nRows, model.nFeatures, model.components, nComponents, model.center ? model.mean : undefined);
}
