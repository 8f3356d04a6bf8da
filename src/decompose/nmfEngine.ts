/**
 * The WebAssembly engine of an NMF fit (internal): X, W and H resident in one WebAssembly memory
 * for the whole fit, and the W half of each `cd` iteration run on the calling thread and the
 * worker pool together.
 *
 * The rows are cut into {@link BLOCKS} fixed blocks; each block accumulates its own partial XᵀW,
 * WᵀW and violation (the `nmfBlock` kernel), and the partials are summed in block order. The
 * threads take blocks from a shared counter (so a thread slowed down by other load simply takes
 * fewer), and which thread runs which block changes no operation: the iterates are bit for bit
 * the same with any number of threads, or none, and from one run to the next.
 * @module
 */
import { createSharedKernels, createWasmKernels, WASM_MAX_K } from "../linalg/wasmKernels";
import type { WasmKernels } from "../linalg/wasmKernels";
import { readyWorkers, workerPool } from "../linalg/workerPool";
import type { WorkerPool } from "../linalg/workerPool";
import { BLOCK_ARGS } from "../linalg/wasmNmf";

/** Fixed row blocks (partial sums added in this order). */
export const BLOCKS = 16;
/** Rows per `mu` chunk (the multiplicative update runs on the calling thread). */
export const MU_CHUNK = 64;
/** Elements of X (rows · columns) from which worker threads help. */
const THREAD_MIN = 1 << 18;
/** A released memory up to this size is kept for the next fit (fresh pages cost ~2 µs each to touch). */
const KEEP_BYTES = 256 * 1048576;

const align = (b: number): number => Math.ceil(b / 64) * 64;

/** Memory layout (byte offsets) of an engine. */
export interface NmfLayout {
  pX: number; pW: number; pH: number; pHHt: number; pZero: number;
  /** per block: partial XᵀW [k, E], WᵀW [k, k], violation / squared error [1] */
  pXtW: number[]; pWtW: number[]; pAcc: number[];
  /** block argument table (i32) and the shared block counter */
  pTable: number; pCounter: number;
  /** mu scratch: x·Hᵀ [MU_CHUNK, k] and ‖x‖² [MU_CHUNK] */
  pOut: number; pN: number;
  bytes: number;
}

function layout(n: number, E: number, k: number): NmfLayout {
  let p = 0;
  const take = (b: number): number => { const q = p; p += align(b); return q; };
  const pX = take(n * E * 8), pW = take(n * k * 8), pH = take(k * E * 8), pHHt = take(k * k * 8), pZero = take((E + k) * 8);
  const pXtW: number[] = [], pWtW: number[] = [], pAcc: number[] = [];
  for (let b = 0; b < BLOCKS; b++) { pXtW.push(take(k * E * 8)); pWtW.push(take(k * k * 8)); pAcc.push(take(8)); }
  const pTable = take(BLOCKS * BLOCK_ARGS * 4), pCounter = take(4);
  const pOut = take(MU_CHUNK * k * 8), pN = take(MU_CHUNK * 8);
  return { pX, pW, pH, pHHt, pZero, pXtW, pWtW, pAcc, pTable, pCounter, pOut, pN, bytes: p };
}

/** A memory with kernels, and (shared memories) the module and pool for the workers. */
interface Memory { kernels: WasmKernels; capacity: number; pool: WorkerPool | null; module: object | null }
let kept: Memory | null = null;

function acquire(bytes: number, threads: boolean): Memory | null {
  const pool = threads ? workerPool() : null;
  if (kept && kept.capacity >= bytes && (kept.pool !== null) === (pool !== null)) {
    const m = kept;
    kept = null;
    return m;
  }
  if (pool) {
    const s = createSharedKernels(bytes);
    if (s) return { kernels: s.kernels, capacity: s.kernels.memory.buffer.byteLength, pool, module: s.module };
  }
  const kernels = createWasmKernels(bytes);
  return kernels ? { kernels, capacity: kernels.memory.buffer.byteLength, pool: null, module: null } : null;
}

/** An engine (see the module description). */
export interface NmfEngine {
  kernels: WasmKernels;
  L: NmfLayout;
  /** W [n, k] and H [k, E] as views of the wasm memory. */
  W: Float64Array;
  H: Float64Array;
  /**
   * The W half of a cd iteration with HHᵀ = `HHt`: updates W, writes XᵀW into `XtW` and the
   * full WᵀW into `WtW`, returns the violation of the W half.
   */
  cdW(HHt: Float64Array, XtW: Float64Array, WtW: Float64Array): number;
  /** ‖X − WH‖² of the current factors (`zeroW`: ‖X‖²), summed block by block. */
  error2(zeroW: boolean): number;
  /** Zero the per-block partials (the mu path accumulates into block 0). */
  zeroPartials(): void;
  /** Sum the per-block partials into XtW, WtW (block order); returns the summed violation. */
  reduce(XtW: Float64Array, WtW: Float64Array): number;
  /** Give the memory back (kept for the next fit if small, else dropped, worker threads included). Idempotent. */
  release(): void;
}

/**
 * An engine holding copies of X, W0, H0, or null when WebAssembly is unavailable, k is too large
 * or the memory cannot be allocated (the caller then uses plain loops).
 */
export function createNmfEngine(X: Float64Array, n: number, E: number, k: number, W0: Float64Array, H0: Float64Array, threads = true): NmfEngine | null {
  if (k > WASM_MAX_K) return null;
  const L = layout(n, E, k);
  const mem = acquire(L.bytes, threads && n * E >= THREAD_MIN);
  if (!mem) return null;
  const { kernels } = mem;
  kernels.ensure(L.bytes);
  const f = kernels.f64;
  f.set(X, L.pX / 8);
  f.set(W0, L.pW / 8);
  f.set(H0, L.pH / 8);
  f.fill(0, L.pZero / 8, L.pZero / 8 + E + k);
  const ch = Math.max(8, Math.min(256, Math.floor(4096 / E)));
  const table = new Int32Array(kernels.memory.buffer, L.pTable, BLOCKS * BLOCK_ARGS);
  const args: number[][] = [];
  for (let b = 0; b < BLOCKS; b++) {
    const r0 = Math.floor((b * n) / BLOCKS), r1 = Math.floor(((b + 1) * n) / BLOCKS);
    const a = [L.pX + r0 * E * 8, r1 - r0, E, L.pH, L.pHHt, L.pW + r0 * k * 8, L.pAcc[b], L.pZero, L.pXtW[b], L.pWtW[b], ch];
    table.set(a, b * BLOCK_ARGS);
    args.push(a);
  }
  const counter = new Int32Array(kernels.memory.buffer, L.pCounter, 1);
  const pool = mem.pool;
  // worker-side function numbers: 0 = nmfQueue{k}, 1 = residQueue{k}
  let binding = 0;
  if (pool && mem.module) binding = pool.bind(mem.module, kernels.memory, [`nmfQueue${k}`, `residQueue${k}`]);
  /** run `here` on every block: with the pool, the threads take blocks from the shared counter */
  const everyBlock = (fn: number, extra: number[], here: () => void, alone: (b: number) => void): void => {
    const ws = pool ? readyWorkers(pool) : [];
    if (ws.length === 0 || !pool) {
      for (let b = 0; b < BLOCKS; b++) alone(b);
      return;
    }
    Atomics.store(counter, 0, 0);
    for (const w of ws) pool.post(w, binding, [[fn, L.pCounter, L.pTable, BLOCKS, ...extra]]);
    here();
    for (const w of ws) pool.wait(w);
  };
  const run = kernels.nmfBlock(k);
  const res = kernels.resid(k);
  let live = true;
  const eng: NmfEngine = {
    kernels, L,
    W: f.subarray(L.pW / 8, L.pW / 8 + n * k),
    H: f.subarray(L.pH / 8, L.pH / 8 + k * E),
    zeroPartials() {
      kernels.f64.fill(0, L.pXtW[0] / 8, L.pTable / 8);
    },
    cdW(HHt, XtW, WtW) {
      kernels.f64.set(HHt, L.pHHt / 8);
      eng.zeroPartials();
      everyBlock(0, [], () => kernels.nmfQueue(k)(L.pCounter, L.pTable, BLOCKS), (b) => run(...args[b]));
      return eng.reduce(XtW, WtW);
    },
    error2(zeroW) {
      eng.zeroPartials();
      everyBlock(1, [zeroW ? 1 : 0], () => kernels.residQueue(k)(L.pCounter, L.pTable, BLOCKS, zeroW ? 1 : 0), (b) => {
        const a = args[b];
        res(a[0], a[1], a[2], zeroW ? L.pZero : a[5], zeroW ? 0 : 8 * k, a[3], a[6]);
      });
      let s = 0;
      for (let b = 0; b < BLOCKS; b++) s += kernels.f64[L.pAcc[b] / 8];
      return s;
    },
    reduce(XtW, WtW) {
      const g = kernels.f64;
      XtW.fill(0);
      WtW.fill(0);
      let viol = 0;
      for (let b = 0; b < BLOCKS; b++) {
        const x = L.pXtW[b] / 8, w = L.pWtW[b] / 8;
        for (let p = 0; p < k * E; p++) XtW[p] += g[x + p];
        for (let p = 0; p < k * k; p++) WtW[p] += g[w + p];
        viol += g[L.pAcc[b] / 8];
      }
      return viol;
    },
    release() {
      if (!live) return;
      live = false;
      if (pool) { pool.untrack(eng); pool.release(binding); }
      if (mem.capacity <= KEEP_BYTES) kept = mem;
    },
  };
  if (pool) pool.track(eng, binding);
  return eng;
}
