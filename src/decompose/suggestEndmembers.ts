/**
 * A first suggestion of end members: VCA extremes, averaged with their neighbours, then refined
 * towards the purest, best-determined pixels.
 * @module
 */
import { vca } from "./vca";
import type { VcaResult } from "./vca";
import { endmemberFromPixels } from "./endmemberFromPixels";
import { projectRows } from "../linalg/projectRows";
import { solveSpd } from "../linalg/solveSpd";
import { kthSmallest } from "../util/kthSmallest";
import { checkInt, checkMatrix, checkNumber, checkOptions } from "./validate";

/** Options of {@link suggestEndmembers}. */
export interface SuggestEndmembersOptions {
  /** Number of end members. Required. */
  k: number;
  /** Seed for VCA. Default 0. */
  seed?: number;
  /** Pixels averaged per end member. Default 1 % of the pixels (at least 10). */
  clusterSize?: number;
  /**
   * Refinement rounds at most (default 10; 0 = plain VCA neighbourhoods). Each round unmixes every pixel
   * with the current end members and re-picks each cluster as the `clusterSize` pixels with the
   * highest lower confidence bound on that member's abundance (see {@link suggestEndmembers}).
   */
  refine?: number;
}

/** Result of {@link suggestEndmembers}. */
export interface SuggestedEndmembers {
  /** Average spectra, shape `[k, nCols]`, row-major. */
  spectra: Float64Array;
  /** Per-energy standard deviation of each cluster, shape `[k, nCols]`. */
  std: Float64Array;
  /** Pixel indices of each cluster, ascending. */
  clusters: Int32Array[];
  /** Mean least-squares abundance of its own member over each cluster in the last refinement round (≈ 1 when pure; NaN without refinement), length k. */
  purity: Float64Array;
  /** Refinement rounds run (fewer than asked when a round changed no cluster or the members became linearly dependent). */
  refined: number;
  /** The underlying VCA result (its `indices` are the extreme pixels the search started from). */
  vca: VcaResult;
}

/** Standard errors subtracted in the lower confidence bound used to rank pixels (see suggestEndmembers). */
const Z = 4;

/** Indices of the `m` largest entries of `score` (ties broken by index), ascending. */
function topIndices(score: Float64Array, m: number): Int32Array {
  const n = score.length;
  if (m >= n) return Int32Array.from({ length: n }, (_, i) => i);
  const thr = kthSmallest(Float64Array.from(score), n - m);
  const out = new Int32Array(m);
  let c = 0;
  for (let i = 0; i < n && c < m; i++) if (score[i] > thr) out[c++] = i;
  for (let i = 0; i < n && c < m; i++) if (score[i] === thr) out[c++] = i;
  return out.sort();
}

function sameSet(a: Int32Array, b: Int32Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Suggest end members automatically, as the paper does by hand, in two steps.
 *
 * 1. **Extremes**: VCA finds the extreme points of the pixel cloud; each is averaged with the
 *    `clusterSize − 1` pixels nearest to it in the reduced VCA space.
 * 2. **Refinement** (`refine` rounds): the extreme pixels of a noisy cloud are partly noise, and
 *    their neighbours are mixtures, so averages taken there are not pure. Each round fits every
 *    pixel with the current members by unconstrained least squares (so a pixel beyond a member
 *    has abundance > 1 and the members can move outwards), and for member t ranks the pixels by
 *    the lower confidence bound `a_t − 4·σ_t`, where `a_t = w_t / Σw` is the pixel's abundance of
 *    t and `σ_t = ‖r‖ / √(nCols − k) · √[(SᵀS)⁻¹]_tt / Σw` its standard error from the fit
 *    residual `r`. The top `clusterSize` pixels — nearly pure *and* well determined, so dim,
 *    noisy pixels do not win by their noise — are averaged into the new member. Rounds stop
 *    when no cluster changes. Use clusters of ~1–2 % of the pixels: the average must beat the
 *    noise down, and pure regions hold many pixels. (On the simulated O K plateau, 74,700 pixels,
 *    clusters of 2 %: members correlate > 0.999 with the planted spectra.) Cost: VCA ~3 s and
 *    ~0.65 s per round for 10⁶ pixels × 100 energies (5 rounds there).
 *
 * A starting point for interactive selection, not a final answer.
 *
 * @param X - pixel matrix, shape `[nRows, nCols]`, row-major, finite.
 * @param nRows - number of pixels.
 * @param nCols - number of energies.
 * @param options - {@link SuggestEndmembersOptions}.
 * @returns {@link SuggestedEndmembers}.
 * @example
 * ```ts
 * const s = suggestEndmembers(X, n, 50, { k: 3, seed: 0, clusterSize: 300 });
 * const fits = nnlsPixels(X, n, 50, s.spectra, 3);
 * ```
 * @see Nascimento & Bioucas-Dias, IEEE TGRS 43, 898 (2005).
 */
export function suggestEndmembers(X: Float64Array, nRows: number, nCols: number, options: SuggestEndmembersOptions): SuggestedEndmembers {
  const fn = "suggestEndmembers";
  checkOptions(fn, options, ["k", "seed", "clusterSize", "refine"]);
  if (options === undefined || options.k === undefined) throw new Error(`${fn}: options.k (number of end members) is required`);
  checkMatrix(fn, "X", X, nRows, nCols);
  const size = options.clusterSize === undefined ? Math.min(nRows, Math.max(10, Math.round(0.01 * nRows))) : checkInt(fn, "clusterSize", options.clusterSize, 1, nRows);
  const seed = options.seed === undefined ? 0 : checkNumber(fn, "seed", options.seed);
  const rounds = options.refine === undefined ? 10 : checkInt(fn, "refine", options.refine, 0, 100);
  const v = vca(X, nRows, nCols, { k: options.k, seed });
  const k = v.indices.length;
  const d = v.dim;
  const C = v.coordinates;
  const E = nCols;
  let clusters: Int32Array[] = [];
  const dist = new Float64Array(nRows);
  for (let e = 0; e < k; e++) {
    const c = v.indices[e];
    for (let n = 0; n < nRows; n++) {
      let s = 0;
      for (let t = 0; t < d; t++) { const z = C[n * d + t] - C[c * d + t]; s += z * z; }
      dist[n] = -s;
    }
    dist[c] = Infinity;
    clusters.push(topIndices(dist, size));
  }
  const average = (cls: Int32Array[]): { spectra: Float64Array; std: Float64Array } => {
    const spectra = new Float64Array(k * E);
    const std = new Float64Array(k * E);
    cls.forEach((cl, e) => {
      const em = endmemberFromPixels(X, nRows, E, cl);
      spectra.set(em.spectrum, e * E);
      std.set(em.std, e * E);
    });
    return { spectra, std };
  };
  let cur = average(clusters);
  const purity = new Float64Array(k).fill(NaN);
  let refined = 0;
  // ‖x‖² of every pixel, for the least-squares residuals of every round
  const xx = rounds > 0 && k > 1 && E > k ? new Float64Array(nRows) : null;
  if (xx) for (let i = 0, o = 0; i < nRows; i++) { let s = 0; for (let j = 0; j < E; j++, o++) s += X[o] * X[o]; xx[i] = s; }
  for (let round = 0; round < rounds && xx; round++) {
    const S = cur.spectra;
    const G = new Float64Array(k * k);
    for (let a = 0; a < k; a++) for (let b = 0; b < k; b++) { let s = 0; for (let j = 0; j < E; j++) s += S[a * E + j] * S[b * E + j]; G[a * k + b] = s; }
    const eye = new Float64Array(k * k);
    for (let a = 0; a < k; a++) eye[a * k + a] = 1;
    const Ginv = solveSpd(G, k, eye, k);
    if (!Ginv) break;
    // unconstrained least-squares abundances: pixels beyond the current vertex get a_t > 1, so
    // the members can move outwards (non-negative fits would saturate at a_t = 1 there)
    const Sx = projectRows(X, nRows, E, S, k);
    const A = new Float64Array(nRows * k);
    const resid = new Float64Array(nRows);
    const total = new Float64Array(nRows);
    for (let i = 0; i < nRows; i++) {
      let fitted = 0;
      let tot = 0;
      for (let t = 0; t < k; t++) {
        let a = 0;
        for (let u = 0; u < k; u++) a += Ginv[t * k + u] * Sx[i * k + u];
        A[i * k + t] = a;
        fitted += a * Sx[i * k + t];
        tot += a;
      }
      resid[i] = Math.sqrt(Math.max(xx[i] - fitted, 0));
      total[i] = tot;
    }
    const next: Int32Array[] = [];
    const score = new Float64Array(nRows);
    const abundance = new Float64Array(nRows);
    for (let t = 0; t < k; t++) {
      const g = Math.sqrt(Math.max(Ginv[t * k + t], 0)) / Math.sqrt(E - k);
      for (let i = 0; i < nRows; i++) {
        const tot = total[i];
        if (!(tot > 0)) { score[i] = -Infinity; abundance[i] = 0; continue; }
        abundance[i] = A[i * k + t] / tot;
        score[i] = abundance[i] - (Z * resid[i] * g) / tot;
      }
      const cl = topIndices(score, size);
      let p = 0;
      for (const i of cl) p += abundance[i];
      purity[t] = p / cl.length;
      next.push(cl);
    }
    refined++;
    const changed = next.some((cl, t) => !sameSet(cl, clusters[t]));
    clusters = next;
    if (!changed) break;
    cur = average(clusters);
  }
  return { spectra: cur.spectra, std: cur.std, clusters, purity, refined, vca: v };
}
