/**
 * Multi-threaded Gram accumulation: the main thread and a small pool of worker threads run the
 * WebAssembly Gram kernels on alternate row chunks in one shared memory (internal; used by
 * `centeredGram` / `gram` for large inputs). Workers are started once, lazily, and `unref`'d.
 * Disable with `EDGEWORKS_THREADS=1`.
 * @module
 */
import { Worker } from "node:worker_threads";
import { availableParallelism } from "node:os";
import { instantiate, sharedGramModule, SHARED_PAGES } from "./wasmKernels";

/** Worker source (plain JS; the worker only runs the two kernels on request). */
const WORKER_SRC = `
const { workerData } = require("node:worker_threads");
const ex = new WebAssembly.Instance(workerData.module, { env: { mem: workerData.memory } }).exports;
const ctrl = new Int32Array(workerData.memory.buffer, workerData.ctrl, 16);
for (;;) {
  Atomics.wait(ctrl, 0, 0);
  if (Atomics.load(ctrl, 0) === 2) break;
  // [state, m, E, Ep, pA, pT, pG, pc, ps]
  ex.centerPad(ctrl[4], ctrl[1], ctrl[2], ctrl[3], ctrl[7], ctrl[8], ctrl[5]);
  ex.gramTiles(ctrl[5], ctrl[1], ctrl[3], ctrl[6]);
  Atomics.store(ctrl, 0, 0);
  Atomics.notify(ctrl, 0);
}
`;

interface Pool {
  memory: { buffer: ArrayBuffer };
  exports: { centerPad: (...a: number[]) => void; gramTiles: (...a: number[]) => void };
  /** control blocks (Int32Array of 16) per worker, at byte offsets 0, 64, … */
  ctrl: Int32Array[];
  workers: Worker[];
}

let pool: Pool | null | undefined;
const CTRL_BYTES = 64 * 8;

function getPool(): Pool | null {
  if (pool !== undefined) return pool;
  pool = null;
  if (process.env.EDGEWORKS_THREADS === "1") return null;
  const nWorkers = Math.min(7, Math.max(0, availableParallelism() - 1));
  if (nWorkers === 0) return null;
  const sm = sharedGramModule();
  if (!sm) return null;
  try {
    const exports = instantiate(sm.module, sm.memory) as unknown as Pool["exports"];
    const ctrl: Int32Array[] = [];
    const workers: Worker[] = [];
    for (let w = 0; w < nWorkers; w++) {
      ctrl.push(new Int32Array(sm.memory.buffer, w * 64, 16));
      const worker = new Worker(WORKER_SRC, { eval: true, workerData: { module: sm.module, memory: sm.memory, ctrl: w * 64 } });
      worker.unref();
      workers.push(worker);
    }
    pool = { memory: sm.memory, exports, ctrl, workers };
  } catch {
    pool = null;
  }
  return pool;
}

/**
 * Accumulate the Gram matrix of `X − c` (padded to Ep columns) and the column sums of `X − c`
 * with all threads. Returns null when threads are unavailable or the problem does not fit the
 * shared memory (the caller then uses the single-thread kernels).
 */
export function gramThreaded(X: Float64Array, nRows: number, nCols: number, c: Float64Array | null): { G: Float64Array; sums: Float64Array } | null {
  const p = getPool();
  if (!p) return null;
  const E = nCols;
  const Ep = (E + 3) & ~3;
  const ch = Math.max(1, Math.min(nRows, Math.floor(131072 / (8 * Ep))));
  const nAgents = p.workers.length + 1;
  // per agent: A [ch×E], T [ch×Ep], G [Ep×Ep], c [E], sums [E]
  const per = (ch * E + ch * Ep + Ep * Ep + 2 * E) * 8;
  const base = CTRL_BYTES;
  if (base + nAgents * per > SHARED_PAGES * 65536) return null;
  const f = new Float64Array(p.memory.buffer);
  const region = (a: number): { pA: number; pT: number; pG: number; pc: number; ps: number } => {
    const pA = base + a * per, pT = pA + ch * E * 8, pG = pT + ch * Ep * 8, pc = pG + Ep * Ep * 8, ps = pc + E * 8;
    return { pA, pT, pG, pc, ps };
  };
  for (let a = 0; a < nAgents; a++) {
    const r = region(a);
    f.fill(0, r.pG / 8, r.ps / 8 + E);
    if (c) f.set(c, r.pc / 8);
  }
  const main = region(nAgents - 1);
  for (let r0 = 0; r0 < nRows; r0 += ch) {
    const m = Math.min(nRows, r0 + ch) - r0;
    const src = X.subarray(r0 * E, (r0 + m) * E);
    let given = false;
    for (let w = 0; w < p.workers.length && !given; w++) {
      const ctrl = p.ctrl[w];
      if (Atomics.load(ctrl, 0) !== 0) continue;
      const r = region(w);
      f.set(src, r.pA / 8);
      ctrl[1] = m; ctrl[2] = E; ctrl[3] = Ep; ctrl[4] = r.pA; ctrl[5] = r.pT; ctrl[6] = r.pG; ctrl[7] = r.pc; ctrl[8] = r.ps;
      Atomics.store(ctrl, 0, 1);
      Atomics.notify(ctrl, 0);
      given = true;
    }
    if (!given) {
      f.set(src, main.pA / 8);
      p.exports.centerPad(main.pA, m, E, Ep, main.pc, main.ps, main.pT);
      p.exports.gramTiles(main.pT, m, Ep, main.pG);
    }
  }
  for (const ctrl of p.ctrl) while (Atomics.load(ctrl, 0) !== 0) Atomics.wait(ctrl, 0, 1, 1000);
  const G = new Float64Array(E * E);
  const sums = new Float64Array(E);
  for (let a = 0; a < nAgents; a++) {
    const r = region(a);
    for (let i = 0; i < E; i++) for (let j = i; j < E; j++) G[i * E + j] += f[r.pG / 8 + i * Ep + j];
    for (let j = 0; j < E; j++) sums[j] += f[r.ps / 8 + j];
  }
  for (let i = 0; i < E; i++) for (let j = i + 1; j < E; j++) G[j * E + i] = G[i * E + j];
  return { G, sums };
}
