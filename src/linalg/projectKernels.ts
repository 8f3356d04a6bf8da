/**
 * The two score-projection implementations behind `projectRows` (internal; not re-exported).
 * @module
 */
import { fnIndex, runStream } from "./chunkStream";
import type { StreamContext } from "./chunkStream";
import type { Call } from "./workerPool";
import { PROJECT_MAX } from "./wasmKernels";

/** Work (rows · columns · basis vectors) from which the worker threads help. */
const THREAD_WORK = 1 << 22;

const align = (b: number): number => Math.ceil(b / 64) * 64;

/**
 * The WebAssembly path: chunks of rows copied into wasm memory (centred in place there), then
 * blocks of ≤ 8 basis vectors with the transposed basis in the f64x2 lanes, two rows at a time
 * (the same products and sums, in the same order, as the plain loop below); worker threads
 * help for large inputs. Returns false without WebAssembly.
 */
function projectWasm(X: Float64Array, nRows: number, E: number, B: Float64Array, k: number, center: Float64Array | undefined, S: Float64Array): boolean {
  const ch = Math.max(8, Math.min(nRows, Math.floor(16384 / E)));
  const blocks: { t0: number; C: number; off: number }[] = [];
  let btBytes = 0;
  // blocks of ≤ 8 basis vectors, near-equal and even where possible (e.g. 20 = 8 + 6 + 6)
  for (let t0 = 0, left = Math.ceil(k / PROJECT_MAX); t0 < k; left--) {
    const C = Math.min(PROJECT_MAX, k - t0, (Math.ceil((k - t0) / left) + 1) & ~1), Cp = (C + 1) & ~1;
    blocks.push({ t0, C, off: btBytes });
    btBytes += E * Cp * 8;
    t0 += C;
  }
  const pc = 0, pBt = align(E * 8), base = pBt + align(btBytes);
  const slotBytes = align(ch * E * 8) + align(ch * k * 8);
  const nChunks = Math.ceil(nRows / ch);
  const ctx = runStream({
    nChunks,
    laneStart: Array.from({ length: nChunks }, (_, c) => c), // rows are independent: every chunk its own lane
    commonBytes: base,
    slotBytes,
    input: X,
    init(cx: StreamContext) {
      const f = cx.kernels.f64;
      if (center) f.set(center.subarray(0, E), (cx.base + pc) / 8);
      for (const { t0, C, off } of blocks) {
        const Cp = (C + 1) & ~1, o = (cx.base + pBt + off) / 8;
        for (let j = 0; j < E; j++) for (let c = 0; c < Cp; c++) f[o + j * Cp + c] = c < C ? B[(t0 + c) * E + j] : 0;
      }
    },
    fill(cx, ci, _lane, pA, here) {
      const r0 = ci * ch, m = Math.min(nRows, r0 + ch) - r0;
      const pS = pA + align(ch * E * 8);
      // centring works in place, on a copy in the slot; a worker reads uncentred rows where X
      // lives in the kernels' memory (the calling thread copies its own, as in gramThreads)
      let pX = pA;
      if (cx.inPlace && !center && !here) pX = X.byteOffset + r0 * E * 8;
      else cx.kernels.f64.set(X.subarray(r0 * E, (r0 + m) * E), pA / 8);
      const calls: Call[] = center ? [[fnIndex("subRows"), pA, m, E, cx.base + pc]] : [];
      for (const { t0, C, off } of blocks) calls.push([fnIndex(`project${C}` as "project1"), pX, m, E, cx.base + pBt + off, pS + t0 * 8, k]);
      return calls;
    },
    drain(cx, ci, pA) {
      const r0 = ci * ch, m = Math.min(nRows, r0 + ch) - r0;
      const pS = pA + align(ch * E * 8);
      S.set(cx.kernels.f64.subarray(pS / 8, pS / 8 + m * k), r0 * k);
    },
  }, nRows * E * k >= THREAD_WORK);
  return ctx !== null;
}

/**
 * @internal `projectRows` into a given array S (length nRows·k), which is returned: the
 * WebAssembly path when available, else plain loops (4 basis vectors at a time) — the same
 * numbers either way.
 */
export function projectRowsInto(
  S: Float64Array, X: Float64Array, nRows: number, nCols: number, B: Float64Array, k: number, center?: Float64Array,
): Float64Array {
  const E = nCols;
  if (nRows > 0 && k > 0 && projectWasm(X, nRows, E, B, k, center, S)) return S;
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
