/**
 * The NMF iteration engine shared by `nmf` and `nmfAsync` (internal; not re-exported).
 * One fused pass over the pixel matrix per iteration: for each pixel row, `x·Hᵀ`, the
 * coordinate-descent (or multiplicative) update of that row of W, and — chunk by chunk,
 * register-tiled — the accumulation of `XᵀW` and `WᵀW` with the new W for the H update.
 * Rows of W are independent within one W update, so this visits the same iterates as
 * scikit-learn's column-by-column sweep.
 * @module
 */
import { gramWithSums } from "../linalg/gramKernels";
import { symmetricEigen } from "../linalg/symmetricEigen";
import { thinSvd } from "../linalg/thinSvd";
import { projectRows } from "../linalg/projectRows";
import { createRng } from "../linalg/createRng";
import { createNmfEngine, MU_CHUNK } from "./nmfEngine";
import type { NmfEngine } from "./nmfEngine";
import { checkArray, checkBool, checkEnum, checkInt, checkMatrix, checkNumber, checkOptions } from "./validate";

/** What {@link NmfOptions.onIteration} receives after each iteration. */
export interface NmfIterationInfo {
  /** Iteration number, from 1. */
  iter: number;
  /** Frobenius reconstruction error ‖X − WH‖_F after this iteration. */
  error: number;
  /** cd: projected-gradient violation divided by that of iteration 1; mu: relative error decrease. */
  criterion: number;
}

/** Options of `nmf` (and `nmfAsync`). */
export interface NmfOptions {
  /** Number of components, 1 ≤ k ≤ min(nRows, nCols). Required. */
  k: number;
  /** `"cd"`: HALS coordinate descent (scikit-learn `solver="cd"`); `"mu"`: multiplicative updates (Lee & Seung). Default `"cd"`. */
  solver?: "cd" | "mu";
  /** Initialisation when `W0`/`H0` are not given: `"nndsvd"`, `"nndsvda"` (zeros filled with the mean of X) or `"random"`. Default `"nndsvda"`. */
  init?: "nndsvd" | "nndsvda" | "random";
  /** Seed for `"random"` initialisation. Default 0. */
  seed?: number;
  /** Stopping tolerance (scikit-learn's rule, see `nmf`). Default 1e-4. `0` runs `maxIter` iterations. */
  tol?: number;
  /** Maximum number of iterations. Default 200. */
  maxIter?: number;
  /** Initial W, shape `[nRows, k]`, ≥ 0 (with `H0`; overrides `init`). Not modified. */
  W0?: Float64Array;
  /** Initial H, shape `[k, nCols]`, ≥ 0 (with `W0`). Not modified. */
  H0?: Float64Array;
  /** Called after every iteration; return `false` to stop early. */
  onIteration?: (info: NmfIterationInfo) => boolean | void;
  /** Record the error after every iteration in `errorHistory`. Default true. */
  history?: boolean;
}

/** Result of `nmf`. */
export interface NmfResult {
  /** Abundances (maps), shape `[nRows, k]`, row-major, ≥ 0. */
  W: Float64Array;
  /** Component spectra, shape `[k, nCols]`, row-major, ≥ 0. */
  H: Float64Array;
  /** Number of components. */
  k: number;
  /** Number of pixels. */
  nRows: number;
  /** Number of energies. */
  nCols: number;
  /** Iterations run. */
  nIter: number;
  /** True when the stopping rule was met before `maxIter`. */
  converged: boolean;
  /** Why iteration stopped. */
  stopReason: "converged" | "maxIter" | "callback";
  /** ‖X − WH‖_F of the returned factors, computed directly (scikit-learn's `reconstruction_err_`). */
  reconstructionError: number;
  /** ‖X − W₀H₀‖_F of the initial factors. */
  initialError: number;
  /**
   * ‖X − WH‖_F after each iteration, length `nIter`; empty when `history: false`. From the Gram
   * identity ‖X‖² − 2⟨XᵀW, Hᵀ⟩ + ⟨WᵀW, HHᵀ⟩ while that is above 1e-4·‖X‖², else (and at mu's
   * stopping checks, every 10th iteration) by a direct pass over X, so cancellation on a large
   * ‖X‖² (e.g. one energy 10⁶ times the others) neither zeroes the history nor stops mu early.
   */
  errorHistory: Float64Array;
  /** The options actually used. */
  solver: "cd" | "mu";
  init: "nndsvd" | "nndsvda" | "random" | "custom";
  seed: number;
  tol: number;
  maxIter: number;
}

const EPSILON = 1.1920928955078125e-7; // np.finfo(np.float32).eps, scikit-learn's MU guard
const CHUNK = 64;
/**
 * The Gram identity ‖X‖² − 2⟨XᵀW, Hᵀ⟩ + ⟨WᵀW, HHᵀ⟩ loses ~1e-16·‖X‖² to rounding: below this
 * fraction of ‖X‖² (fits better than 1 % RMS, or a badly scaled X) the error is computed directly.
 */
const GRAM_RELIABLE = 1e-4;
/** NNDSVD takes the SVD of X (thinSvd) instead of eig(XᵀX) when λₖ < this fraction of λ₁ (σₖ/σ₁ < 1 %). */
const GRAM_SVD = 1e-4;

/** @internal Mutable iteration state. */
export interface NmfState {
  X: Float64Array; n: number; E: number; k: number;
  W: Float64Array; H: Float64Array;
  HHt: Float64Array; XtW: Float64Array; WtW: Float64Array; xh: Float64Array; den: Float64Array;
  normX2: number;
  solver: "cd" | "mu"; init: NmfResult["init"]; seed: number; tol: number; maxIter: number;
  iter: number; violationInit: number; errorInit: number; previousError: number;
  history: number[] | null; lastError: number; done: boolean; converged: boolean; stopReason: NmfResult["stopReason"];
  onIteration?: (info: NmfIterationInfo) => boolean | void;
  /** WebAssembly path: the engine holding X, W, H resident (null = plain loops). */
  eng: NmfEngine | null;
}

function computeHHt(H: Float64Array, k: number, E: number, out: Float64Array): void {
  for (let s = 0; s < k; s++) {
    for (let t = s; t < k; t++) {
      let a = 0;
      for (let j = 0, ps = s * E, pt = t * E; j < E; j++) a += H[ps + j] * H[pt + j];
      out[s * k + t] = a;
      out[t * k + s] = a;
    }
  }
}

/** xh[t] = X[o..o+E) · H[t] for all t. */
function rowDots(X: Float64Array, o: number, E: number, H: Float64Array, k: number, xh: Float64Array): void {
  let t = 0;
  for (; t + 3 <= k; t += 3) {
    const b0 = t * E, b1 = b0 + E, b2 = b1 + E;
    let s0 = 0, s1 = 0, s2 = 0;
    for (let j = 0; j < E; j++) {
      const x = X[o + j];
      s0 += x * H[b0 + j]; s1 += x * H[b1 + j]; s2 += x * H[b2 + j];
    }
    xh[t] = s0; xh[t + 1] = s1; xh[t + 2] = s2;
  }
  for (; t < k; t++) {
    const b0 = t * E;
    let s0 = 0;
    for (let j = 0; j < E; j++) s0 += X[o + j] * H[b0 + j];
    xh[t] = s0;
  }
}

/** XtW[t*E + j] += Σ_{i in chunk} X[i, j] W[i, t]; WtW += W_chunkᵀ W_chunk. Register tiles of 4 energies × 2 components. */
function accumulateChunk(X: Float64Array, r0: number, m: number, E: number, W: Float64Array, k: number, XtW: Float64Array, WtW: Float64Array): void {
  const E4 = E - (E % 4);
  for (let t = 0; t < k; t += 2) {
    const two = t + 1 < k;
    for (let j = 0; j < E4; j += 4) {
      let a0 = 0, a1 = 0, a2 = 0, a3 = 0, b0 = 0, b1 = 0, b2 = 0, b3 = 0;
      for (let i = r0, o = r0 * E + j, w = r0 * k + t; i < r0 + m; i++, o += E, w += k) {
        const x0 = X[o], x1 = X[o + 1], x2 = X[o + 2], x3 = X[o + 3];
        const u = W[w];
        const v = two ? W[w + 1] : 0;
        a0 += x0 * u; a1 += x1 * u; a2 += x2 * u; a3 += x3 * u;
        b0 += x0 * v; b1 += x1 * v; b2 += x2 * v; b3 += x3 * v;
      }
      const p = t * E + j;
      XtW[p] += a0; XtW[p + 1] += a1; XtW[p + 2] += a2; XtW[p + 3] += a3;
      if (two) { const q = p + E; XtW[q] += b0; XtW[q + 1] += b1; XtW[q + 2] += b2; XtW[q + 3] += b3; }
    }
    for (let j = E4; j < E; j++) {
      let a = 0, b = 0;
      for (let i = r0, o = r0 * E + j, w = r0 * k + t; i < r0 + m; i++, o += E, w += k) {
        a += X[o] * W[w];
        if (two) b += X[o] * W[w + 1];
      }
      XtW[t * E + j] += a;
      if (two) XtW[(t + 1) * E + j] += b;
    }
  }
  for (let s = 0; s < k; s++) {
    for (let t = s; t < k; t++) {
      let a = 0;
      for (let i = r0, w = r0 * k; i < r0 + m; i++, w += k) a += W[w + s] * W[w + t];
      WtW[s * k + t] += a;
    }
  }
}

function symmetrize(A: Float64Array, k: number): void {
  for (let s = 0; s < k; s++) for (let t = s + 1; t < k; t++) A[t * k + s] = A[s * k + t];
}

/** ‖X − WH‖² from the Gram identity (uses XtW = WᵀX, WtW, HHt of the current factors). */
function gramError2(st: NmfState): number {
  const { k, E, XtW, H, WtW, HHt } = st;
  let cross = 0;
  for (let p = 0; p < k * E; p++) cross += XtW[p] * H[p];
  let quad = 0;
  for (let p = 0; p < k * k; p++) quad += WtW[p] * HHt[p];
  return Math.max(st.normX2 - 2 * cross + quad, 0);
}

/** ‖X − WH‖² of the current factors by a direct pass (on the engine's threads when there is one). */
function directError2(st: NmfState): number {
  if (st.eng) return st.eng.error2(false);
  const e = frobeniusError(st.X, st.n, st.E, st.W, st.H, st.k);
  return e * e;
}

/** Exact ‖X − WH‖_F by a direct pass. */
export function frobeniusError(X: Float64Array, n: number, E: number, W: Float64Array, H: Float64Array, k: number): number {
  let s = 0;
  for (let i = 0, o = 0; i < n; i++, o += E) {
    const w = i * k;
    for (let j = 0; j < E; j++) {
      let v = X[o + j];
      for (let t = 0; t < k; t++) v -= W[w + t] * H[t * E + j];
      s += v * v;
    }
  }
  return Math.sqrt(s);
}

/** The mu W half on the engine (calling thread): x·Hᵀ in wasm, the row update here, XᵀW in wasm (block 0). */
function muWasm(st: NmfState, eng: NmfEngine): void {
  const { n, E, k, W, HHt, xh, den, WtW } = st;
  const { L, kernels } = eng;
  const xhtK = kernels.xht(k), atbK = kernels.atb(k);
  eng.zeroPartials();
  for (let r0 = 0; r0 < n; r0 += MU_CHUNK) {
    const m = Math.min(n, r0 + MU_CHUNK) - r0;
    xhtK(L.pX + r0 * E * 8, m, E, L.pH, L.pOut, L.pN);
    const out = kernels.f64;
    for (let i = r0; i < r0 + m; i++) {
      const b = L.pOut / 8 + (i - r0) * k;
      for (let t = 0; t < k; t++) xh[t] = out[b + t];
      const w = i * k;
      for (let t = 0; t < k; t++) {
        let d = 0;
        for (let r = 0; r < k; r++) d += W[w + r] * HHt[r * k + t];
        den[t] = d === 0 ? EPSILON : d;
      }
      for (let t = 0; t < k; t++) W[w + t] *= xh[t] / den[t];
    }
    atbK(L.pX + r0 * E * 8, m, E, L.pW + r0 * k * 8, L.pXtW[0]);
    atbK(L.pW + r0 * k * 8, m, k, L.pW + r0 * k * 8, L.pWtW[0]);
  }
  eng.reduce(st.XtW, WtW);
}

/** One full iteration (W then H). Returns the W+H projected-gradient violation (cd) or 0 (mu). */
function iterate(st: NmfState): number {
  const { X, n, E, k, W, H, HHt, XtW, WtW, xh, den } = st;
  let viol = 0;
  const cd = st.solver === "cd";
  const eng = st.eng;
  if (eng) {
    if (cd) viol += eng.cdW(HHt, XtW, WtW);
    else muWasm(st, eng);
  } else {
    XtW.fill(0);
    WtW.fill(0);
    for (let r0 = 0; r0 < n; r0 += CHUNK) {
      const m = Math.min(n, r0 + CHUNK) - r0;
      for (let i = r0; i < r0 + m; i++) {
        rowDots(X, i * E, E, H, k, xh);
        const w = i * k;
        if (cd) {
          for (let t = 0; t < k; t++) {
            let grad = -xh[t];
            for (let r = 0; r < k; r++) grad += HHt[t * k + r] * W[w + r];
            const cur = W[w + t];
            viol += Math.abs(cur === 0 ? Math.min(0, grad) : grad);
            const hess = HHt[t * k + t];
            if (hess !== 0) W[w + t] = Math.max(cur - grad / hess, 0);
          }
        } else {
          for (let t = 0; t < k; t++) {
            let d = 0;
            for (let r = 0; r < k; r++) d += W[w + r] * HHt[r * k + t];
            den[t] = d === 0 ? EPSILON : d;
          }
          for (let t = 0; t < k; t++) W[w + t] *= xh[t] / den[t];
        }
      }
      accumulateChunk(X, r0, m, E, W, k, XtW, WtW);
    }
    symmetrize(WtW, k);
  }
  if (cd) {
    for (let j = 0; j < E; j++) {
      for (let t = 0; t < k; t++) {
        let grad = -XtW[t * E + j];
        for (let r = 0; r < k; r++) grad += WtW[t * k + r] * H[r * E + j];
        const cur = H[t * E + j];
        viol += Math.abs(cur === 0 ? Math.min(0, grad) : grad);
        const hess = WtW[t * k + t];
        if (hess !== 0) H[t * E + j] = Math.max(cur - grad / hess, 0);
      }
    }
  } else {
    for (let j = 0; j < E; j++) {
      for (let t = 0; t < k; t++) {
        let d = 0;
        for (let r = 0; r < k; r++) d += WtW[t * k + r] * H[r * E + j];
        den[t] = d === 0 ? EPSILON : d;
      }
      for (let t = 0; t < k; t++) H[t * E + j] *= XtW[t * E + j] / den[t];
    }
  }
  computeHHt(H, k, E, HHt);
  return viol;
}

/** Run one iteration and apply the stopping rules; sets st.done. */
export function nmfStep(st: NmfState): void {
  if (st.done) return;
  const viol = iterate(st);
  st.iter++;
  // mu's stopping check uses the direct error, as scikit-learn does; elsewhere the Gram identity,
  // unless it has cancelled below 1e-4·‖X‖² (then its rounding, ~1e-16·‖X‖², would show)
  const check = st.solver === "mu" && st.tol > 0 && st.iter % 10 === 0;
  let err2 = gramError2(st);
  if (check || !(err2 >= GRAM_RELIABLE * st.normX2)) err2 = directError2(st);
  const err = Math.sqrt(err2);
  st.lastError = err;
  if (st.history) st.history.push(err);
  let criterion = NaN;
  if (st.solver === "cd") {
    if (st.iter === 1) st.violationInit = viol;
    criterion = st.violationInit === 0 ? 0 : viol / st.violationInit;
    if (st.violationInit === 0 || criterion <= st.tol) { st.done = true; st.converged = true; st.stopReason = "converged"; }
  } else if (check) {
    criterion = (st.previousError - err) / st.errorInit;
    if (criterion < st.tol) { st.done = true; st.converged = true; st.stopReason = "converged"; }
    st.previousError = err;
  }
  if (st.onIteration && st.onIteration({ iter: st.iter, error: err, criterion }) === false && !st.done) {
    st.done = true;
    st.stopReason = "callback";
  }
  if (!st.done && st.iter >= st.maxIter) { st.done = true; st.stopReason = "maxIter"; }
}

/**
 * NNDSVD(a) initialisation (Boutsidis & Gallopoulos 2008) from the exact top-k SVD: via the Gram
 * matrix, or via the thin SVD of X when σₖ < 1 % of σ₁ (the Gram route would lose σₖ's digits).
 */
function nndsvd(X: Float64Array, n: number, E: number, k: number, fill: boolean): { W: Float64Array; H: Float64Array } {
  const sums = new Float64Array(E);
  let { values, vectors } = symmetricEigen(gramWithSums(X, n, E, sums), E);
  // eig(XᵀX) gives σₜ to ~ε·σ₁²/σₜ²: when the k-th component is that far below the first (a badly
  // scaled energy), take the SVD of X itself, as scikit-learn does
  if (n >= E && !(values[k - 1] >= GRAM_SVD * values[0])) {
    const s = thinSvd(X, n, E);
    values = s.singularValues.map((v) => v * v);
    vectors = s.V;
  }
  const V = new Float64Array(k * E);
  for (let t = 0; t < k; t++) for (let j = 0; j < E; j++) V[t * E + j] = vectors[j * E + t];
  const XV = projectRows(X, n, E, V, k);
  const W = new Float64Array(n * k);
  const H = new Float64Array(k * E);
  const xp = new Float64Array(n);
  for (let t = 0; t < k; t++) {
    const S = Math.sqrt(Math.max(values[t], 0));
    const u = (i: number): number => (S > 0 ? XV[i * k + t] / S : 0);
    if (t === 0) {
      const r = Math.sqrt(S);
      for (let i = 0; i < n; i++) W[i * k] = r * Math.abs(u(i));
      for (let j = 0; j < E; j++) H[j] = r * Math.abs(V[j]);
      continue;
    }
    let xpn = 0, xnn = 0, ypn = 0, ynn = 0;
    for (let i = 0; i < n; i++) { const v = u(i); xp[i] = v; if (v > 0) xpn += v * v; else xnn += v * v; }
    for (let j = 0; j < E; j++) { const v = V[t * E + j]; if (v > 0) ypn += v * v; else ynn += v * v; }
    xpn = Math.sqrt(xpn); xnn = Math.sqrt(xnn); ypn = Math.sqrt(ypn); ynn = Math.sqrt(ynn);
    const mp = xpn * ypn, mn = xnn * ynn;
    const pos = mp > mn;
    const sigma = pos ? mp : mn;
    const lbd = Math.sqrt(S * sigma);
    const xnorm = pos ? xpn : xnn, ynorm = pos ? ypn : ynn;
    for (let i = 0; i < n; i++) { const v = pos ? Math.max(xp[i], 0) : Math.max(-xp[i], 0); W[i * k + t] = xnorm > 0 ? (lbd * v) / xnorm : 0; }
    for (let j = 0; j < E; j++) { const c = V[t * E + j]; const v = pos ? Math.max(c, 0) : Math.max(-c, 0); H[t * E + j] = ynorm > 0 ? (lbd * v) / ynorm : 0; }
  }
  const eps = 1e-6;
  let avg = 0;
  if (fill) { for (let j = 0; j < E; j++) avg += sums[j]; avg /= X.length; }
  for (let p = 0; p < W.length; p++) if (W[p] < eps) W[p] = fill ? avg : 0;
  for (let p = 0; p < H.length; p++) if (H[p] < eps) H[p] = fill ? avg : 0;
  return { W, H };
}

/** Validate options, initialise, and return the state (fn = caller name for messages). */
export function nmfSetup(fn: string, X: Float64Array, nRows: number, nCols: number, options: NmfOptions, extra: readonly string[] = []): NmfState {
  checkOptions(fn, options, ["k", "solver", "init", "seed", "tol", "maxIter", "W0", "H0", "onIteration", "history", ...extra]);
  if (options === undefined || options.k === undefined) throw new Error(`${fn}: options.k (number of components) is required, e.g. { k: 3 }`);
  checkMatrix(fn, "X", X, nRows, nCols, true);
  const k = checkInt(fn, "k", options.k, 1, Math.min(nRows, nCols));
  const solver = options.solver === undefined ? "cd" : checkEnum(fn, "solver", options.solver, ["cd", "mu"] as const);
  const tol = options.tol === undefined ? 1e-4 : checkNumber(fn, "tol", options.tol, "nonnegative");
  const maxIter = options.maxIter === undefined ? 200 : checkInt(fn, "maxIter", options.maxIter, 1);
  const seed = options.seed === undefined ? 0 : checkNumber(fn, "seed", options.seed);
  const history = options.history === undefined ? true : checkBool(fn, "history", options.history);
  if (options.onIteration !== undefined && typeof options.onIteration !== "function") {
    throw new TypeError(`${fn}: onIteration must be a function (info) => boolean | void, got ${typeof options.onIteration}`);
  }
  let init: NmfResult["init"];
  let W: Float64Array;
  let H: Float64Array;
  if (options.W0 !== undefined || options.H0 !== undefined) {
    if (options.W0 === undefined || options.H0 === undefined) throw new Error(`${fn}: W0 and H0 must be given together (custom initialisation)`);
    if (options.init !== undefined) throw new Error(`${fn}: give either init or W0/H0, not both`);
    checkArray(fn, "W0", options.W0, nRows * k, `[nRows=${nRows}, k=${k}]`, true);
    checkArray(fn, "H0", options.H0, k * nCols, `[k=${k}, nCols=${nCols}]`, true);
    W = Float64Array.from(options.W0);
    H = Float64Array.from(options.H0);
    init = "custom";
  } else {
    init = options.init === undefined ? "nndsvda" : checkEnum(fn, "init", options.init, ["nndsvd", "nndsvda", "random"] as const);
    if (init === "random") {
      let mean = 0;
      for (let p = 0; p < X.length; p++) mean += X[p];
      mean /= X.length;
      const avg = Math.sqrt(mean / k);
      const rng = createRng(seed);
      H = new Float64Array(k * nCols);
      W = new Float64Array(nRows * k);
      for (let p = 0; p < H.length; p++) H[p] = Math.abs(avg * rng.normal());
      for (let p = 0; p < W.length; p++) W[p] = Math.abs(avg * rng.normal());
    } else {
      ({ W, H } = nndsvd(X, nRows, nCols, k, init === "nndsvda"));
    }
  }
  const eng = createNmfEngine(X, nRows, nCols, k, W, H);
  let normX2 = 0;
  let errorInit: number;
  if (eng) {
    ({ W, H } = eng);
    normX2 = eng.error2(true);
    errorInit = Math.sqrt(eng.error2(false));
  } else {
    for (let p = 0; p < X.length; p++) normX2 += X[p] * X[p];
    errorInit = frobeniusError(X, nRows, nCols, W, H, k);
  }
  const HHt = new Float64Array(k * k);
  computeHHt(H, k, nCols, HHt);
  return {
    eng,
    X, n: nRows, E: nCols, k, W, H, HHt, XtW: new Float64Array(k * nCols), WtW: new Float64Array(k * k),
    xh: new Float64Array(k), den: new Float64Array(k), normX2, solver, init, seed, tol, maxIter,
    iter: 0, violationInit: 0, errorInit, previousError: errorInit, history: history ? [] : null,
    lastError: errorInit, done: false, converged: false, stopReason: "maxIter", onIteration: options.onIteration,
  };
}

/**
 * Copy the factors out of the wasm memory and let it go (the worker threads too); the state
 * stays usable with plain loops. Idempotent; for a fit that ends early (e.g. interrupted).
 */
export function nmfRelease(st: NmfState): void {
  if (!st.eng) return;
  st.W = Float64Array.from(st.W);
  st.H = Float64Array.from(st.H);
  st.eng.release();
  st.eng = null;
}

/** Package the state as a result (and release the engine). */
export function nmfResult(st: NmfState): NmfResult {
  const reconstructionError = st.eng ? Math.sqrt(st.eng.error2(false)) : frobeniusError(st.X, st.n, st.E, st.W, st.H, st.k);
  nmfRelease(st);
  return {
    W: st.W, H: st.H, k: st.k, nRows: st.n, nCols: st.E, nIter: st.iter, converged: st.converged,
    stopReason: st.stopReason, reconstructionError,
    initialError: st.errorInit, errorHistory: Float64Array.from(st.history ?? []),
    solver: st.solver, init: st.init, seed: st.seed, tol: st.tol, maxIter: st.maxIter,
  };
}
