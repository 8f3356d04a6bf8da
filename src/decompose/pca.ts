/**
 * Principal component analysis of a pixel matrix via the E×E Gram matrix.
 * @module
 */
import { centeredGram } from "../linalg/centeredGram";
import { gram } from "../linalg/gram";
import { symmetricEigen } from "../linalg/symmetricEigen";
import { projectRowsInto } from "../linalg/projectKernels";
import { withSideWork } from "../linalg/chunkStream";
import { thinSvd } from "../linalg/thinSvd";
import { columnMeans } from "../linalg/columnMeans";
import { checkBool, checkEnum, checkFinite, checkInt, checkMatrix, checkOptions } from "./validate";

/** Options of {@link pca}. */
export interface PcaOptions {
  /** Subtract the mean spectrum first (the paper's choice, as scikit-learn). `false` = MANTiS' un-centred PCA. Default `true`. */
  center?: boolean;
  /** Number of components kept in `components` and `scores`. Default `min(20, nCols, nRows)`. Eigenvalues are always returned for all `nCols`. */
  nComponents?: number;
  /** Compute the scores `[nRows, nComponents]`. Default `true`. */
  scores?: boolean;
  /**
   * `"gram"` (default): eigen-decomposition of the E×E Gram matrix — one pass over X, fast.
   * `"svd"`: thin SVD of the (centred) data (Householder QR + one-sided Jacobi, `linalg/thinSvd`)
   * — slower and one copy of X, but keeps the relative accuracy of components whose variance is
   * below ~1e-16 of the largest (which the Gram route cannot resolve); for checking.
   */
  method?: "gram" | "svd";
}

/** How many components look significant, and why (see {@link pca}). */
export interface PcaSuggestion {
  /** The suggested number of components: the smaller of `elbow` and `ind`. */
  nComponents: number;
  /** Number of components before the elbow of the log-scree curve. */
  elbow: number;
  /** Perpendicular distance of each log-eigenvalue below the chord (index 0 … `elbowPoints`). */
  elbowDistances: Float64Array;
  /** Number of scree points used for the chord (`min(25, nCols − 1)`, as MANTiS). */
  elbowPoints: number;
  /** Number of factors minimising Malinowski's indicator function. */
  ind: number;
  /** Malinowski's IND(n) for n = 1 … nCols − 1 (entry n − 1). */
  indValues: Float64Array;
  /** A sentence saying how the suggestion was reached. */
  reasoning: string;
}

/** Result of {@link pca}. */
export interface PcaResult {
  /** Number of pixels (rows) fitted. */
  nSamples: number;
  /** Number of energies (columns). */
  nFeatures: number;
  /** Number of components in `components` and `scores`. */
  nComponents: number;
  /** Whether the mean spectrum was subtracted. */
  center: boolean;
  /** Mean spectrum, length `nFeatures` (all zeros when `center` is false). */
  mean: Float64Array;
  /** Principal axes (eigen-spectra), shape `[nComponents, nFeatures]`, row-major, unit length, signs fixed by `signRule`. */
  components: Float64Array;
  /** All eigenvalues of the (centred) Gram matrix XᵀX, descending, length `nFeatures` (negatives from rounding clipped to 0). */
  eigenvalues: Float64Array;
  /** Singular values of the (centred) data, `sqrt(eigenvalues)`. */
  singularValues: Float64Array;
  /** `eigenvalues / (nSamples − 1)` (scikit-learn's convention), length `nFeatures`. */
  explainedVariance: Float64Array;
  /** `eigenvalues / Σ eigenvalues`, length `nFeatures`. */
  explainedVarianceRatio: Float64Array;
  /** Running sum of `explainedVarianceRatio`. */
  cumulativeVarianceRatio: Float64Array;
  /** Scores (eigen-images), shape `[nSamples, nComponents]`, row-major; `null` when `scores: false`. */
  scores: Float64Array | null;
  /** The sign convention applied to each component. */
  signRule: string;
  /** Suggested number of components with the reasoning. */
  suggestion: PcaSuggestion;
}

const SIGN_RULE = "each component's entry of largest absolute value (first one on ties) is positive";

function suggest(eig: Float64Array, nRows: number): PcaSuggestion {
  const c = eig.length;
  const lmax = eig[0] > 0 ? eig[0] : 1;
  const floor = lmax * 1e-300;
  // Elbow: log-eigenvalue scree (MANTiS: points 0..min(25, c-1)); point of largest perpendicular
  // distance below the chord from the first to the last point. Components before it are signal.
  const m = Math.max(1, Math.min(25, c - 1));
  const y = new Float64Array(m + 1);
  for (let i = 0; i <= m; i++) y[i] = Math.log(Math.max(eig[Math.min(i, c - 1)], floor));
  const dist = new Float64Array(m + 1);
  const dx = m, dy = y[m] - y[0];
  const norm = Math.hypot(dx, dy);
  let elbow = 1;
  let best = -Infinity;
  for (let i = 0; i <= m; i++) {
    // signed distance, positive below the chord
    const d = (dx * (y[0] - y[i]) + dy * i) / norm;
    dist[i] = d;
    if (i >= 1 && d > best) { best = d; elbow = i; }
  }
  if (c === 1) elbow = 1;
  // Malinowski IND(n) = RE(n)/(c-n)^2, RE(n) = sqrt(sum_{j>n} λ_j / (r (c-n)))
  const r = Math.max(nRows, c);
  const ind = new Float64Array(Math.max(0, c - 1));
  let indBest = 1;
  let tail = 0;
  for (let j = 0; j < c; j++) tail += Math.max(eig[j], 0);
  let indMin = Infinity;
  for (let n = 1; n < c; n++) {
    tail -= Math.max(eig[n - 1], 0);
    const re = Math.sqrt(Math.max(tail, 0) / (r * (c - n)));
    const v = re / ((c - n) * (c - n));
    ind[n - 1] = v;
    if (v < indMin) { indMin = v; indBest = n; }
  }
  if (c === 1) indBest = 1;
  const k = Math.min(elbow, indBest);
  const reasoning =
    `Scree elbow (largest distance of log-eigenvalue below the chord over the first ${m + 1} points) ` +
    `at component ${elbow + 1} → ${elbow} component(s) before the noise floor; Malinowski's IND is minimal at ${indBest} factor(s). ` +
    (elbow === indBest ? `Both agree: ${k}.` : `They differ; suggesting the smaller, ${k} (try more with NMF to confirm, as the paper does).`);
  return { nComponents: k, elbow, elbowDistances: dist, elbowPoints: m, ind: indBest, indValues: ind, reasoning };
}

/**
 * Principal component analysis of a pixel matrix (pixels × energies) via the E×E Gram
 * matrix `G = (X − 1μᵀ)ᵀ(X − 1μᵀ)` and a symmetric eigensolver (Householder + QL) — the
 * same numbers as an SVD of the centred data (`σᵢ² = λᵢ`) at a fraction of the memory,
 * since only E×E is decomposed. The mean and the centred Gram matrix come from one chunked
 * pass (`linalg/centeredGram`; WebAssembly SIMD kernels when available); X is never copied whole.
 * `method: "svd"` instead takes a thin SVD of the centred data (Householder QR + one-sided Jacobi;
 * ~8× slower, one copy of X) to check the Gram route or to resolve components whose variance is
 * below ~1e-16 of the largest (σ below 1e-8·σ₁), which squaring into XᵀX loses.
 *
 * Signs: each component is flipped so that its entry of largest absolute value is positive
 * (the first one on ties); scores follow. Suggested number of components: the elbow of the
 * log-scree curve (MANTiS/hyperspy style) and the minimum of Malinowski's indicator
 * function; the smaller is suggested and the reasoning recorded in `suggestion`.
 *
 * @param X - pixel matrix, shape `[nRows, nCols]` (pixels × energies), row-major, finite.
 * @param nRows - number of pixels.
 * @param nCols - number of energies.
 * @param options - {@link PcaOptions}.
 * @returns a {@link PcaResult}.
 * @example
 * ```ts
 * const res = pca(X, 74700, 50, { nComponents: 5 });
 * res.cumulativeVarianceRatio[2]; // e.g. 0.87: three components explain 87 %
 * res.suggestion.reasoning;
 * ```
 * @see Jolliffe, Principal Component Analysis (2002); Lerotic et al., J. Synchrotron Rad. 21,
 * 1206 (2014) (MANTiS); Malinowski, Anal. Chem. 49, 612 (1977) (IND); Cattell, Multivariate
 * Behav. Res. 1, 245 (1966) (scree).
 */
export function pca(X: Float64Array, nRows: number, nCols: number, options: PcaOptions = {}): PcaResult {
  const fn = "pca";
  checkOptions(fn, options, ["center", "nComponents", "scores", "method"]);
  // NaN/Inf are detected for free from the Gram pass (non-finite mean or diagonal), see below
  checkMatrix(fn, "X", X, nRows, nCols, false, false);
  const center = options.center === undefined ? true : checkBool(fn, "center", options.center);
  const wantScores = options.scores === undefined ? true : checkBool(fn, "scores", options.scores);
  const kMax = Math.min(nCols, nRows);
  const k = options.nComponents === undefined ? Math.min(20, kMax) : checkInt(fn, "nComponents", options.nComponents, 1, kMax);
  const method = options.method === undefined ? "gram" : checkEnum(fn, "method", options.method, ["gram", "svd"] as const);
  const S = wantScores ? new Float64Array(nRows * k) : null;
  let touched = 0;
  let mean: Float64Array;
  let values: Float64Array;
  let vectors: Float64Array;
  if (method === "svd") {
    mean = center ? columnMeans(X, nRows, nCols) : new Float64Array(nCols);
    checkFinite(fn, "X", X, mean);
    const s = thinSvd(X, nRows, nCols, center ? mean : undefined);
    checkFinite(fn, "X", X, s.singularValues);
    values = s.singularValues.map((v) => v * v);
    vectors = s.V;
  } else {
    let G: Float64Array;
    // while worker threads compute the Gram matrix, this thread touches the score array's pages
    // (first-touch page faults are a large part of a big projection's time)
    const touch = (): boolean => {
      if (!S) return false;
      S.fill(0, touched, touched + 8192);
      touched += 8192;
      return touched < S.length;
    };
    if (center) ({ gram: G, mean } = withSideWork(touch, () => centeredGram(X, nRows, nCols)));
    else { mean = new Float64Array(nCols); G = withSideWork(touch, () => gram(X, nRows, nCols)); }
    checkFinite(fn, "X", X, mean);
    checkFinite(fn, "X", X, G);
    ({ values, vectors } = symmetricEigen(G, nCols));
  }
  const eig = new Float64Array(nCols);
  let total = 0;
  for (let j = 0; j < nCols; j++) { eig[j] = Math.max(values[j], 0); total += eig[j]; }
  const components = new Float64Array(k * nCols);
  for (let t = 0; t < k; t++) {
    let big = 0;
    let bigAbs = -1;
    for (let j = 0; j < nCols; j++) {
      const v = vectors[j * nCols + t];
      if (Math.abs(v) > bigAbs) { bigAbs = Math.abs(v); big = v; }
    }
    const s = big < 0 ? -1 : 1;
    for (let j = 0; j < nCols; j++) components[t * nCols + j] = s * vectors[j * nCols + t];
  }
  const ev = new Float64Array(nCols);
  const ratio = new Float64Array(nCols);
  const cum = new Float64Array(nCols);
  const sv = new Float64Array(nCols);
  let acc = 0;
  for (let j = 0; j < nCols; j++) {
    ev[j] = eig[j] / Math.max(nRows - 1, 1);
    ratio[j] = total > 0 ? eig[j] / total : 0;
    acc += ratio[j];
    cum[j] = acc;
    sv[j] = Math.sqrt(eig[j]);
  }
  const scores = S ? projectRowsInto(S, X, nRows, nCols, components, k, center ? mean : undefined) : null;
  return {
    nSamples: nRows, nFeatures: nCols, nComponents: k, center, mean, components,
    eigenvalues: eig, singularValues: sv, explainedVariance: ev, explainedVarianceRatio: ratio,
    cumulativeVarianceRatio: cum, scores, signRule: SIGN_RULE, suggestion: suggest(eig, nRows),
  };
}
