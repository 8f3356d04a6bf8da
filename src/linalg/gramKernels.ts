/**
 * The two Gram implementations behind `gram` and `centeredGram` (internal; not re-exported).
 * @module
 */
import { gramStreamed } from "./gramThreads";

const CHUNK = 256;

/** Accumulate the upper triangle (4×4-tiled) of TᵀT for a row-major chunk T [m, E] into G. */
function accumulate(T: Float64Array, m: number, E: number, G: Float64Array): void {
  const Eb = E - (E % 4);
  for (let a = 0; a < Eb; a += 4) {
    for (let b = a; b < Eb; b += 4) {
      let s00 = 0, s01 = 0, s02 = 0, s03 = 0, s10 = 0, s11 = 0, s12 = 0, s13 = 0;
      let s20 = 0, s21 = 0, s22 = 0, s23 = 0, s30 = 0, s31 = 0, s32 = 0, s33 = 0;
      for (let i = 0, o = 0; i < m; i++, o += E) {
        const x0 = T[o + a], x1 = T[o + a + 1], x2 = T[o + a + 2], x3 = T[o + a + 3];
        const y0 = T[o + b], y1 = T[o + b + 1], y2 = T[o + b + 2], y3 = T[o + b + 3];
        s00 += x0 * y0; s01 += x0 * y1; s02 += x0 * y2; s03 += x0 * y3;
        s10 += x1 * y0; s11 += x1 * y1; s12 += x1 * y2; s13 += x1 * y3;
        s20 += x2 * y0; s21 += x2 * y1; s22 += x2 * y2; s23 += x2 * y3;
        s30 += x3 * y0; s31 += x3 * y1; s32 += x3 * y2; s33 += x3 * y3;
      }
      let g = a * E + b;
      G[g] += s00; G[g + 1] += s01; G[g + 2] += s02; G[g + 3] += s03; g += E;
      G[g] += s10; G[g + 1] += s11; G[g + 2] += s12; G[g + 3] += s13; g += E;
      G[g] += s20; G[g + 1] += s21; G[g + 2] += s22; G[g + 3] += s23; g += E;
      G[g] += s30; G[g + 1] += s31; G[g + 2] += s32; G[g + 3] += s33;
    }
  }
  // Remainder columns (E not a multiple of 4): plain dot products.
  for (let p = 0; p < E; p++) {
    for (let q = Math.max(p, Eb); q < E; q++) {
      let s = 0;
      for (let i = 0, o = 0; i < m; i++, o += E) s += T[o + p] * T[o + q];
      G[p * E + q] += s;
    }
  }
}

/** @internal Plain-loop Gram (the fallback without WebAssembly). */
export function gramJs(X: Float64Array, nRows: number, nCols: number, c?: Float64Array): Float64Array {
  const E = nCols;
  const G = new Float64Array(E * E);
  const T = c ? new Float64Array(Math.min(CHUNK, nRows) * E) : X;
  for (let r0 = 0; r0 < nRows; r0 += CHUNK) {
    const m = Math.min(nRows, r0 + CHUNK) - r0;
    if (c) {
      for (let i = 0, o = r0 * E, t = 0; i < m; i++) {
        for (let j = 0; j < E; j++, o++, t++) T[t] = X[o] - c[j];
      }
      accumulate(T, m, E, G);
    } else {
      accumulate(X.subarray(r0 * E, (r0 + m) * E), m, E, G);
    }
  }
  for (let p = 0; p < E; p++) for (let q = p + 1; q < E; q++) G[q * E + p] = G[p * E + q];
  return G;
}

/**
 * @internal WebAssembly SIMD Gram (see gramThreads: chunks of X copied into wasm memory, shifted
 * by `c` (zeros when null), packed into 4-column panels, 4×4 f64x2 tiles; worker threads help
 * for large inputs), with the column sums of the shifted data in `sums` (length nCols) when given.
 */
export function gramWasm(X: Float64Array, nRows: number, nCols: number, c: Float64Array | null, sums: Float64Array | null): { G: Float64Array } {
  const G = gramStreamed(X, nRows, nCols, c, sums);
  if (!G) throw new Error("gramWasm: WebAssembly unavailable");
  return { G };
}

/**
 * @internal XᵀX and the column sums of X (into `sums`), from one pass with WebAssembly (two
 * without). For the NNDSVD initialisation of NMF.
 */
export function gramWithSums(X: Float64Array, nRows: number, nCols: number, sums: Float64Array): Float64Array {
  const G = gramStreamed(X, nRows, nCols, null, sums);
  if (G) return G;
  sums.fill(0);
  for (let i = 0, o = 0; i < nRows; i++) for (let j = 0; j < nCols; j++, o++) sums[j] += X[o];
  return gramJs(X, nRows, nCols);
}
