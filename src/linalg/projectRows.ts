/**
 * Project every row of a tall matrix onto a few basis vectors (scores = (X − c) Bᵀ).
 * @module
 */
import { wasmKernels, WASM_MAX_K } from "./wasmKernels";

/** Basis vectors per kernel pass: 8 f64x2 accumulators stay in registers. */
const BLOCK = Math.min(8, WASM_MAX_K);

/**
 * Scores `S = (X − 1cᵀ) Bᵀ` of each row of `X` on `k` basis vectors (rows of `B`).
 * Rows of `X` are read once, centred exactly (no `x·b − c·b` cancellation), with WebAssembly
 * SIMD dot products when available (else plain loops, 4 basis vectors at a time).
 *
 * @param X - shape `[nRows, nCols]`, row-major.
 * @param nRows - number of rows (pixels).
 * @param nCols - number of columns (energies).
 * @param B - shape `[k, nCols]`, row-major (e.g. PCA components).
 * @param k - number of basis vectors.
 * @param center - optional length-`nCols` vector subtracted from each row first.
 * @returns shape `[nRows, k]`, row-major.
 * @example
 * ```ts
 * projectRows(new Float64Array([1, 2, 3, 4]), 2, 2, new Float64Array([1, 0]), 1); // [1, 3]
 * ```
 */
export function projectRows(
  X: Float64Array, nRows: number, nCols: number, B: Float64Array, k: number, center?: Float64Array,
): Float64Array {
  const E = nCols;
  const S = new Float64Array(nRows * k);
  const wk = wasmKernels();
  if (wk && nRows > 0) {
    // chunks copied into wasm memory, centred there, then x·B for blocks of ≤ 16 basis vectors
    const ch = Math.max(1, Math.min(nRows, Math.floor(131072 / (8 * E))));
    const pA = 0, pT = pA + ch * E * 8, pB = pT + ch * E * 8, pc = pB + k * E * 8, ps = pc + E * 8;
    const pO = ps + E * 8, pN = pO + ch * WASM_MAX_K * 8;
    wk.ensure(pN + ch * 8);
    const f = wk.f64;
    f.set(B.subarray(0, k * E), pB / 8);
    if (center) f.set(center, pc / 8);
    for (let r0 = 0; r0 < nRows; r0 += ch) {
      const m = Math.min(nRows, r0 + ch) - r0;
      f.set(X.subarray(r0 * E, (r0 + m) * E), pA / 8);
      if (center) wk.centerPad(pA, m, E, E, pc, ps, pT);
      const src = center ? pT : pA;
      for (let t0 = 0; t0 < k; t0 += BLOCK) {
        const kb = Math.min(BLOCK, k - t0);
        wk.xht(kb)(src, m, E, pB + t0 * E * 8, pO, pN);
        for (let i = 0, q = pO / 8; i < m; i++) {
          const so = (r0 + i) * k + t0;
          for (let t = 0; t < kb; t++) S[so + t] = f[q++];
        }
      }
    }
    return S;
  }
  const k4 = k - (k % 4);
  const row = new Float64Array(E);
  for (let i = 0, o0 = 0; i < nRows; i++, o0 += E) {
    const so = i * k;
    let R = X;
    let o = o0;
    if (center) {
      // centre the row into a small buffer: exact, no x·b − c·b cancellation
      for (let j = 0; j < E; j++) row[j] = X[o0 + j] - center[j];
      R = row;
      o = 0;
    }
    for (let t = 0; t < k4; t += 4) {
      const b0 = t * E, b1 = b0 + E, b2 = b1 + E, b3 = b2 + E;
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
      for (let j = 0; j < E; j++) {
        const x = R[o + j];
        s0 += x * B[b0 + j]; s1 += x * B[b1 + j]; s2 += x * B[b2 + j]; s3 += x * B[b3 + j];
      }
      S[so + t] = s0; S[so + t + 1] = s1; S[so + t + 2] = s2; S[so + t + 3] = s3;
    }
    for (let t = k4; t < k; t++) {
      const b0 = t * E;
      let s0 = 0;
      for (let j = 0; j < E; j++) s0 += R[o + j] * B[b0 + j];
      S[so + t] = s0;
    }
  }
  return S;
}
