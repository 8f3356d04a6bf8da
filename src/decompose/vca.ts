/**
 * Vertex component analysis: automatic end-member candidates from the extremes of the data cloud.
 * @module
 */
import { columnMeans } from "../linalg/columnMeans";
import { gram } from "../linalg/gram";
import { symmetricEigen } from "../linalg/symmetricEigen";
import { projectRows } from "../linalg/projectRows";
import { createRng } from "../linalg/createRng";
import { checkInt, checkNumber, checkOptions } from "./validate";
import { checkMatrixArg, matrix, type Dim, type Matrix } from "../types/matrix";
import { makeSpectra, type Spectra } from "../types/spectra";
import { energiesOf } from "./shapes";

/** Options of {@link vca}. */
export interface VcaOptions {
  /** Number of end members, 1 ≤ k ≤ min(nRows, nCols). Required. */
  k: number;
  /** Seed of the random projection directions. Default 0. */
  seed?: number;
}

/** Result of {@link vca}. */
export interface VcaResult {
  /** Pixel index of each extreme point found, length k. */
  indices: Int32Array;
  /** The (subspace-projected) spectra of those pixels `[k, nE]`. */
  endmembers: Spectra<"member">;
  /** Coordinates of every pixel in the reduced space used for the search `[nPixels, dim]`. */
  coordinates: Matrix<"pixel", "coordinate">;
  /** Dimension of `coordinates` (k, or k − 1 for the low-SNR subspace projection). */
  dim: number;
  /** Projection used: "projective" (SNR above threshold) or "subspace" (mean-centred, k − 1 PCs). */
  projection: "projective" | "subspace";
  /** Estimated signal-to-noise ratio in dB and the threshold 15 + 10·log10(k). */
  snr: number;
  snrThreshold: number;
  seed: number;
}

/**
 * Vertex Component Analysis (Nascimento & Bioucas-Dias 2005): project the pixels onto the
 * k-dimensional signal subspace, then k times pick the pixel with the largest |projection|
 * onto a random direction orthogonal to the end members already found. Assumes some nearly
 * pure pixels exist (the extremes of the point cloud). Directions come from the seeded PRNG.
 *
 * @param input - pixels × energies (a PixelTable or any matrix), finite.
 * @param options - {@link VcaOptions}.
 * @returns {@link VcaResult}.
 * @example
 * ```ts
 * const { indices } = vca(T, { k: 3, seed: 1 });
 * ```
 * @see Nascimento & Bioucas-Dias, IEEE TGRS 43, 898 (2005).
 */
export function vca(input: Matrix<Dim, "energy">, options: VcaOptions): VcaResult {
  const fn = "vca";
  checkOptions(fn, options, ["k", "seed"]);
  if (options === undefined || options.k === undefined) throw new Error(`${fn}: options.k (number of end members) is required`);
  const { data: X, nRows, nCols } = checkMatrixArg(fn, "X", input);
  for (let i = 0; i < X.length; i++) if (!Number.isFinite(X[i])) throw new RangeError(`${fn}: X[${Math.floor(i / nCols)}, ${i % nCols}] is ${X[i]}; expected finite values`);
  const R = checkInt(fn, "k", options.k, 1, Math.min(nRows, nCols));
  const seed = options.seed === undefined ? 0 : checkNumber(fn, "seed", options.seed);
  const L = nCols, N = nRows;
  const ym = columnMeans(X, N, L);
  const ec = symmetricEigen(gram(X, N, L, { center: ym }), L);
  const Ud = new Float64Array(R * L);
  for (let t = 0; t < R; t++) for (let j = 0; j < L; j++) Ud[t * L + j] = ec.vectors[j * L + t];
  const xp = projectRows(X, N, L, Ud, R, ym);
  // SNR estimate
  let Py = 0;
  for (let p = 0; p < X.length; p++) Py += X[p] * X[p];
  Py /= N;
  let Px = 0;
  for (let p = 0; p < xp.length; p++) Px += xp[p] * xp[p];
  Px /= N;
  for (let j = 0; j < L; j++) Px += ym[j] * ym[j];
  const snr = 10 * Math.log10(Math.max((Px - (R / L) * Py) / Math.max(Py - Px, 1e-300), 1e-300));
  const snrThreshold = 15 + 10 * Math.log10(R);
  let d: number;
  let Y: Float64Array; // [N, R] search coordinates (the rows of y in the paper, transposed)
  let basis: Float64Array; // [d, L]
  let offset: Float64Array | null;
  let projection: VcaResult["projection"];
  if (snr < snrThreshold || R === 1) {
    projection = "subspace";
    d = R - 1;
    Y = new Float64Array(N * R);
    let c = 0;
    for (let i = 0; i < N; i++) {
      let s = 0;
      for (let t = 0; t < d; t++) { const v = xp[i * R + t]; Y[i * R + t] = v; s += v * v; }
      c = Math.max(c, Math.sqrt(s));
    }
    for (let i = 0; i < N; i++) Y[i * R + d] = c;
    basis = Ud.subarray(0, d * L);
    offset = ym;
  } else {
    projection = "projective";
    d = R;
    const eu = symmetricEigen(gram(X, N, L), L);
    basis = new Float64Array(R * L);
    for (let t = 0; t < R; t++) for (let j = 0; j < L; j++) basis[t * L + j] = eu.vectors[j * L + t];
    const x2 = projectRows(X, N, L, basis, R);
    const u = new Float64Array(R);
    for (let i = 0; i < N; i++) for (let t = 0; t < R; t++) u[t] += x2[i * R + t] / N;
    Y = new Float64Array(N * R);
    for (let i = 0; i < N; i++) {
      let s = 0;
      for (let t = 0; t < R; t++) s += u[t] * x2[i * R + t];
      for (let t = 0; t < R; t++) Y[i * R + t] = s !== 0 ? x2[i * R + t] / s : 0;
    }
    offset = null;
  }
  const rng = createRng(seed);
  const Q: Float64Array[] = [];
  const e = new Float64Array(R);
  e[R - 1] = 1;
  const orthoAdd = (v: Float64Array): void => {
    const w = Float64Array.from(v);
    for (let rep = 0; rep < 2; rep++) for (const q of Q) { let s = 0; for (let t = 0; t < R; t++) s += q[t] * w[t]; for (let t = 0; t < R; t++) w[t] -= s * q[t]; }
    let nrm = 0;
    for (let t = 0; t < R; t++) nrm += w[t] * w[t];
    nrm = Math.sqrt(nrm);
    if (nrm > 1e-12) { for (let t = 0; t < R; t++) w[t] /= nrm; Q.push(w); }
  };
  const indices = new Int32Array(R);
  const f = new Float64Array(R);
  for (let i = 0; i < R; i++) {
    Q.length = 0;
    if (i === 0) orthoAdd(e);
    for (let p = 0; p < i; p++) orthoAdd(Y.subarray(indices[p] * R, indices[p] * R + R));
    let nrm = 0;
    for (let tries = 0; tries < 10 && nrm < 1e-12; tries++) {
      for (let t = 0; t < R; t++) f[t] = rng.uniform();
      for (let rep = 0; rep < 2; rep++) for (const q of Q) { let s = 0; for (let t = 0; t < R; t++) s += q[t] * f[t]; for (let t = 0; t < R; t++) f[t] -= s * q[t]; }
      nrm = 0;
      for (let t = 0; t < R; t++) nrm += f[t] * f[t];
      nrm = Math.sqrt(nrm);
    }
    let best = 0;
    let bestV = -1;
    for (let n = 0; n < N; n++) {
      let s = 0;
      for (let t = 0; t < R; t++) s += f[t] * Y[n * R + t];
      const a = Math.abs(s);
      if (a > bestV) { bestV = a; best = n; }
    }
    indices[i] = best;
  }
  // end members = the subspace projection of the chosen pixels
  const endmembers = new Float64Array(R * L);
  const coords = projection === "subspace" ? xp : projectRows(X, N, L, basis, d);
  const cd = projection === "subspace" ? R : d;
  for (let i = 0; i < R; i++) {
    const n = indices[i];
    for (let j = 0; j < L; j++) {
      let s = offset ? offset[j] : 0;
      for (let t = 0; t < d; t++) s += coords[n * cd + t] * basis[t * L + j];
      endmembers[i * L + j] = s;
    }
  }
  let coordinates: Float64Array;
  if (projection === "subspace") {
    coordinates = new Float64Array(N * d);
    for (let n = 0; n < N; n++) for (let t = 0; t < d; t++) coordinates[n * d + t] = xp[n * R + t];
  } else coordinates = Y;
  const { energies } = energiesOf(input);
  return {
    indices,
    endmembers: makeSpectra({ energies, values: endmembers, names: Array.from(indices, (i) => `pixel ${i}`), dim: "member" as const }),
    coordinates: matrix(coordinates, nRows, d, ["pixel", "coordinate"] as const),
    dim: d, projection, snr, snrThreshold, seed,
  };
}
