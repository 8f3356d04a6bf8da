/**
 * The WebAssembly Gram pass: chunks of rows shifted by a centre, packed into column panels and
 * multiplied in 4×4 register tiles, on the calling thread and the worker pool together (see
 * chunkStream). Each lane of chunks accumulates its own Gram matrix and column sums, added up
 * in lane order at the end, so the result is the same with any number of threads. Internal;
 * used by `gram` and `centeredGram`.
 * @module
 */
import { fnIndex, runStream } from "./chunkStream";

/** Work (rows · padded columns²) from which the worker threads help. */
const THREAD_WORK = 1 << 24;
/** Most lanes (fewer when the per-lane sums would take more than 64 MB). */
const LANES = 32;

const align = (b: number): number => Math.ceil(b / 64) * 64;

/**
 * Gram matrix of `X − 1cᵀ` (c = 0 when null), shape `[nCols, nCols]`, and the column sums of
 * `X − 1cᵀ` (into `sums` when given); `null` without WebAssembly.
 */
export function gramStreamed(X: Float64Array, nRows: number, nCols: number, c: Float64Array | null, sums: Float64Array | null): Float64Array | null {
  const E = nCols;
  const Ep = (E + 3) & ~3;
  const ch = Math.max(32, Math.min(nRows, Math.floor(16384 / Ep)));
  const nChunks = Math.ceil(nRows / ch);
  const gBytes = align((Ep * Ep + Ep) * 8); // a lane's Gram matrix, then its column sums
  const nLanes = Math.max(1, Math.min(LANES, nChunks, Math.floor((64 << 20) / gBytes)));
  const laneStart = Array.from({ length: nLanes }, (_, l) => Math.floor((l * nChunks) / nLanes));
  // common: centre [Ep], then the lanes' sums; per slot: A [ch, E], P [ch, Ep]
  const pc = 0, pL = align(Ep * 8), base = pL + nLanes * gBytes;
  const aBytes = align(ch * E * 8), slotBytes = aBytes + align(ch * Ep * 8);
  const ctx = runStream({
    nChunks, laneStart, commonBytes: base, slotBytes, input: X,
    init(cx) {
      const f = cx.kernels.f64;
      f.fill(0, (cx.base + pc) / 8, (cx.base + base) / 8);
      if (c) f.set(c, (cx.base + pc) / 8);
    },
    fill(cx, ci, lane, pA, here) {
      const r0 = ci * ch;
      const m = Math.min(nRows, r0 + ch) - r0;
      const pP = pA + aBytes, pG = cx.base + pL + lane * gBytes;
      // A worker reads the rows where X lives in the kernels' memory: the calling thread, which
      // feeds every worker, then copies nothing for them. The calling thread copies its own
      // chunks into its slot (a memcpy streams from memory faster than the kernel reads).
      let pX = pA;
      if (cx.inPlace && !here) pX = X.byteOffset + r0 * E * 8;
      else cx.kernels.f64.set(X.subarray(r0 * E, (r0 + m) * E), pA / 8);
      return [[fnIndex("centerPack"), pX, m, E, cx.base + pc, pG + Ep * Ep * 8, pP], [fnIndex("gramPanels"), pP, m, Ep, pG]];
    },
  }, nRows * Ep * Ep >= THREAD_WORK);
  if (!ctx) return null;
  const k = ctx.kernels;
  const pL0 = ctx.base + pL;
  for (let l = 1; l < nLanes; l++) k.addUpper(pL0, pL0 + l * gBytes, Ep);
  const f = k.f64;
  const G = new Float64Array(E * E);
  const o = pL0 / 8;
  for (let p = 0; p < E; p++) for (let q = p; q < E; q++) { const v = f[o + p * Ep + q]; G[p * E + q] = v; G[q * E + p] = v; }
  if (sums) for (let j = 0; j < E; j++) sums[j] = f[o + Ep * Ep + j];
  return G;
}
