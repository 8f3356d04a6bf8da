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
import { checkBool, checkEnum, checkFinite, checkInt, checkOptions } from "./validate";
import { checkMatrixArg, matrix, type Dim, type Matrix } from "../types/matrix";
import { makeSpectra, type Spectra } from "../types/spectra";
import type { Spectrum } from "../types/spectrum";
import type { PixelMaps } from "../types/pixelMaps";
import { energiesOf, mapsFor } from "./shapes";
import { projectRows } from "../linalg/projectRows";

/** Options of {@link pca}. */
export interface PcaOptions {
  /** Subtract the mean spectrum first (the paper's choice, as scikit-learn). `false` = MANTiS' un-centred PCA. Default `true`. */
  center?: boolean;
  /** Number of components kept in `components` and `scores`. Default `min(20, nE, nPixels)`. Eigenvalues are always returned for all `nE`. */
  k?: number;
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

/** Result of {@link pca}. Arrays over energies have length `nE`; "pixels" are the rows of the input. */
export interface PcaResult {
  /** Always "pca" (for display). */
  readonly kind: "pca";
  /** Number of pixels (rows) fitted. */
  readonly nPixels: number;
  /** Number of energies (columns). */
  readonly nE: number;
  /** Number of components in `components` and `scores`. */
  readonly k: number;
  /** Whether the mean spectrum was subtracted. */
  readonly center: boolean;
  /** Energies of the columns in eV (0, 1, … when the input had none), length `nE`. */
  readonly energies: Float64Array;
  /** Mean spectrum (all zeros when `center` is false). */
  readonly mean: Spectrum;
  /** Principal axes (eigen-spectra) `[k, nE]`, named "PC1" …, unit length, signs fixed by `signRule`. */
  readonly components: Spectra<"component">;
  /** All eigenvalues of the (centred) Gram matrix XᵀX, descending, length `nE` (negatives from rounding clipped to 0). */
  readonly eigenvalues: Float64Array;
  /** Singular values of the (centred) data, `sqrt(eigenvalues)`. */
  readonly singularValues: Float64Array;
  /** `eigenvalues / (nPixels − 1)` (scikit-learn's convention), length `nE`. */
  readonly explainedVariance: Float64Array;
  /** `eigenvalues / Σ eigenvalues`, length `nE`. */
  readonly explainedVarianceRatio: Float64Array;
  /** Running sum of `explainedVarianceRatio`. */
  readonly cumulativeVarianceRatio: Float64Array;
  /** Scores (eigen-images) `[nPixels, k]`; `null` when `scores: false`. */
  readonly scores: Matrix<"pixel", "component"> | null;
  /** The sign convention applied to each component. */
  readonly signRule: string;
  /** Suggested number of components with the reasoning. */
  readonly suggestion: PcaSuggestion;
  /**
   * Scores of new pixels on the first `k` components (default all): `(Y − 1μᵀ) Cᵀ`, `[nRows, k]`.
   * `transform(X)` equals `scores`.
   */
  transform(Y: Matrix<Dim, "energy">, k?: number): Matrix<"pixel", "component">;
  /** Back-project scores `[n, k']` (k' ≤ k) to spectra `S C + 1μᵀ`, `[n, nE]`: the denoised model of the data. */
  inverseTransform(scores: Matrix<Dim, "component">): Matrix<"pixel", "energy">;
  /** The score images of each sample (first `k` components, default all), when the input was a PixelTable. */
  maps(k?: number): PixelMaps;
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
 * @param input - pixels × energies (a {@link PixelTable}, or any `{ data, nRows, nCols }`), finite; not copied.
 * @param options - {@link PcaOptions}.
 * @returns a {@link PcaResult}: components as {@link Spectra}, scores as a matrix, `maps()` for a PixelTable.
 * @example
 * ```ts
 * const p = pca(T, { k: 5 });
 * p.cumulativeVarianceRatio[2]; // e.g. 0.87: three components explain 87 %
 * p.suggestion.reasoning;
 * p.maps(3);                    // score images of every sample
 * ```
 * @see Jolliffe, Principal Component Analysis (2002); Lerotic et al., J. Synchrotron Rad. 21,
 * 1206 (2014) (MANTiS); Malinowski, Anal. Chem. 49, 612 (1977) (IND); Cattell, Multivariate
 * Behav. Res. 1, 245 (1966) (scree).
 */
export function pca(input: Matrix<Dim, "energy">, options: PcaOptions = {}): PcaResult {
  const fn = "pca";
  checkOptions(fn, options, ["center", "k", "scores", "method"]);
  // NaN/Inf are detected for free from the Gram pass (non-finite mean or diagonal), see below
  const { data: X, nRows, nCols } = checkMatrixArg(fn, "X", input);
  const center = options.center === undefined ? true : checkBool(fn, "center", options.center);
  const wantScores = options.scores === undefined ? true : checkBool(fn, "scores", options.scores);
  const kMax = Math.min(nCols, nRows);
  const k = options.k === undefined ? Math.min(20, kMax) : checkInt(fn, "k", options.k, 1, kMax);
  const method = options.method === undefined ? "gram" : checkEnum(fn, "method", options.method, ["gram", "svd"] as const);
  const S = wantScores ? new Float64Array(nRows * k) : null;
  let touched = 0;
  let mean: Float64Array;
  let values: Float64Array;
  let vectors: Float64Array;
  if (method === "svd") {
    mean = center ? columnMeans(X, nRows, nCols) : new Float64Array(nCols);
    checkFinite(fn, "X", X, mean, nCols);
    const s = thinSvd(X, nRows, nCols, center ? mean : undefined);
    checkFinite(fn, "X", X, s.singularValues, nCols);
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
    checkFinite(fn, "X", X, mean, nCols);
    checkFinite(fn, "X", X, G, nCols);
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
  const scores = S ? matrix(projectRowsInto(S, X, nRows, nCols, components, k, center ? mean : undefined), nRows, k, ["pixel", "component"] as const) : null;
  const { energies } = energiesOf(input);
  const names = Array.from({ length: k }, (_, t) => `PC${t + 1}`);
  const comps = makeSpectra({ energies, values: components, names, dim: "component" as const });
  const toMaps = mapsFor(fn, input, "score");
  const result: PcaResult = {
    kind: "pca", nPixels: nRows, nE: nCols, k, center, energies,
    mean: { energies, values: mean, name: "mean", unit: "" },
    components: comps,
    eigenvalues: eig, singularValues: sv, explainedVariance: ev, explainedVarianceRatio: ratio,
    cumulativeVarianceRatio: cum, scores, signRule: SIGN_RULE, suggestion: suggest(eig, nRows),
    transform: (Y, kk = k) => pcaTransform(result, Y, kk),
    inverseTransform: (sc) => pcaInverse(result, sc),
    maps: (kk = k) => {
      const kUse = checkInt(`${fn}(…).maps`, "k", kk, 1, k);
      // the first kUse score columns: taken from the fitted scores, projected only when they were not kept
      const cols = !scores ? pcaTransform(result, input, kUse)
        : kUse === k ? scores
        : matrix(Float64Array.from({ length: nRows * kUse }, (_, i) => scores.data[Math.floor(i / kUse) * k + (i % kUse)]), nRows, kUse, ["pixel", "component"] as const);
      return toMaps(cols, names.slice(0, kUse));
    },
  };
  return result;
}

/**
 * Scores of pixels on the first `k` components of a fitted PCA: `(Y − 1μᵀ) Cᵀ` (μ = 0 for
 * un-centred PCA). `pcaTransform(p, X)` equals `p.scores`; also available as `p.transform(Y)`.
 *
 * @param model - result of {@link pca}.
 * @param Y - pixels × energies, `[n, model.nE]`.
 * @param k - number of leading components (default `model.k`).
 * @returns scores `[n, k]`.
 * @example
 * const s = pcaTransform(p, otherTable, 3);
 */
export function pcaTransform(model: PcaResult, Y: Matrix<Dim, "energy">, k: number = model.k): Matrix<"pixel", "component"> {
  const fn = "pcaTransform";
  const y = checkMatrixArg(fn, "Y", Y, 0);
  if (y.nCols !== model.nE) throw new RangeError(`${fn}: Y has ${y.nCols} energies, the model ${model.nE}`);
  const kk = checkInt(fn, "k", k, 1, model.k);
  const out = projectRows(y.data, y.nRows, model.nE, model.components.data, kk, model.center ? model.mean.values : undefined);
  return matrix(out, y.nRows, kk, ["pixel", "component"] as const);
}

/**
 * Back-project scores to spectra, `S C + 1μᵀ` with the first `k'` components (k' = the scores'
 * columns): the denoised model; `X − pcaInverse(p, p.scores)` is the residual. Also `p.inverseTransform(S)`.
 *
 * @param model - result of {@link pca}.
 * @param scores - `[n, k']`, k' ≤ `model.k`.
 * @returns spectra `[n, model.nE]`.
 * @example
 * const denoised = pcaInverse(p, p.scores!);
 */
export function pcaInverse(model: PcaResult, scores: Matrix<Dim, "component">): Matrix<"pixel", "energy"> {
  const fn = "pcaInverse";
  const sc = checkMatrixArg(fn, "scores", scores, 0);
  const k = checkInt(fn, "scores.nCols", sc.nCols, 1, model.k);
  const E = model.nE;
  const C = model.components.data;
  const mu = model.mean.values;
  const n = sc.nRows;
  const out = new Float64Array(n * E);
  for (let i = 0; i < n; i++) {
    const o = i * E;
    for (let j = 0; j < E; j++) out[o + j] = mu[j];
    for (let t = 0; t < k; t++) {
      const s = sc.data[i * k + t];
      const c = t * E;
      for (let j = 0; j < E; j++) out[o + j] += s * C[c + j];
    }
  }
  return matrix(out, n, E, ["pixel", "energy"] as const);
}
