/**
 * A first suggestion of end members: VCA extremes, each averaged with its nearest neighbours.
 * @module
 */
import { vca } from "./vca";
import type { VcaResult } from "./vca";
import { endmemberFromPixels } from "./endmemberFromPixels";
import { checkInt, checkMatrix, checkNumber, checkOptions } from "./validate";

/** Options of {@link suggestEndmembers}. */
export interface SuggestEndmembersOptions {
  /** Number of end members. Required. */
  k: number;
  /** Seed for VCA. Default 0. */
  seed?: number;
  /** Pixels averaged per end member: the extreme pixel and its nearest neighbours in the VCA coordinates. Default 10. */
  clusterSize?: number;
}

/** Result of {@link suggestEndmembers}. */
export interface SuggestedEndmembers {
  /** Average spectra, shape `[k, nCols]`, row-major. */
  spectra: Float64Array;
  /** Per-energy standard deviation of each cluster, shape `[k, nCols]`. */
  std: Float64Array;
  /** Pixel indices of each cluster (first = the extreme pixel found by VCA). */
  clusters: Int32Array[];
  /** The underlying VCA result. */
  vca: VcaResult;
}

/**
 * Suggest end members automatically, as the paper does by hand: find the extreme points of the
 * pixel cloud (VCA) and average a small cluster of single-pixel spectra at each extreme
 * (the `clusterSize` pixels nearest to it in the reduced VCA space) to beat down noise.
 * A starting point for interactive selection, not a final answer.
 *
 * @param X - pixel matrix, shape `[nRows, nCols]`, row-major, finite.
 * @param nRows - number of pixels.
 * @param nCols - number of energies.
 * @param options - {@link SuggestEndmembersOptions}.
 * @returns {@link SuggestedEndmembers}.
 * @example
 * ```ts
 * const s = suggestEndmembers(X, n, 50, { k: 3, seed: 0 });
 * const fits = nnlsPixels(X, n, 50, s.spectra, 3);
 * ```
 * @see Nascimento & Bioucas-Dias, IEEE TGRS 43, 898 (2005).
 */
export function suggestEndmembers(X: Float64Array, nRows: number, nCols: number, options: SuggestEndmembersOptions): SuggestedEndmembers {
  const fn = "suggestEndmembers";
  checkOptions(fn, options, ["k", "seed", "clusterSize"]);
  if (options === undefined || options.k === undefined) throw new Error(`${fn}: options.k (number of end members) is required`);
  checkMatrix(fn, "X", X, nRows, nCols);
  const size = options.clusterSize === undefined ? 10 : checkInt(fn, "clusterSize", options.clusterSize, 1, nRows);
  const seed = options.seed === undefined ? 0 : checkNumber(fn, "seed", options.seed);
  const v = vca(X, nRows, nCols, { k: options.k, seed });
  const k = v.indices.length;
  const d = v.dim;
  const C = v.coordinates;
  const spectra = new Float64Array(k * nCols);
  const std = new Float64Array(k * nCols);
  const clusters: Int32Array[] = [];
  const dist = new Float64Array(nRows);
  for (let e = 0; e < k; e++) {
    const c = v.indices[e];
    for (let n = 0; n < nRows; n++) {
      let s = 0;
      for (let t = 0; t < d; t++) { const z = C[n * d + t] - C[c * d + t]; s += z * z; }
      dist[n] = s;
    }
    dist[c] = -1;
    const order = Int32Array.from({ length: nRows }, (_, i) => i).sort((a, b) => dist[a] - dist[b]);
    const cl = order.slice(0, size);
    clusters.push(cl);
    const em = endmemberFromPixels(X, nRows, nCols, cl);
    spectra.set(em.spectrum, e * nCols);
    std.set(em.std, e * nCols);
  }
  return { spectra, std, clusters, vca: v };
}
