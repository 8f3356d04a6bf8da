/**
 * A small pool of worker threads that run WebAssembly kernels on shared memories (internal to
 * edgeworks). Started lazily on first use, `unref`'d (they never keep the process alive), one
 * fewer than the available cores (at most 7). Disable with `EDGEWORKS_THREADS=1`.
 *
 * A caller binds a compiled module to a shared `WebAssembly.Memory` ({@link WorkerPool.bind});
 * every worker instantiates it once. Jobs are short lists of kernel calls with i32 arguments,
 * written into a per-worker control block (two job slots, so a worker can start its next job
 * without waiting to be woken) and signalled with `Atomics.notify`; workers spin briefly before
 * sleeping in `Atomics.wait`. The calling thread waits the same way, so everything here is
 * synchronous from the caller's point of view.
 * @module
 */
import { Worker } from "node:worker_threads";
import { availableParallelism } from "node:os";

/** Int32 words per job slot: binding id, number of calls, then (function, argc, args…) per call. */
const SLOT_INTS = 124;
const HEAD = 8;
const CTRL_INTS = HEAD + 2 * SLOT_INTS;
/** control words */
const PENDING = 0, ERROR = 1, READY = 2;
/** Seconds without a finished job after which a worker counts as dead. */
const STALL_S = 60;
/** Spin iterations before sleeping (some µs: long enough for back-to-back jobs, short enough not to starve other threads). */
const SPIN = 4000;

const WORKER_SRC = `
const { workerData, parentPort, receiveMessageOnPort } = require("node:worker_threads");
const ctrl = new Int32Array(workerData.ctrl);
const bound = new Map();
function drain() {
  for (let m; (m = receiveMessageOnPort(parentPort)) !== undefined; ) {
    const d = m.message;
    if (d.bind !== undefined) {
      const ex = new WebAssembly.Instance(d.module, { env: { mem: d.memory } }).exports;
      bound.set(d.bind, d.names.map((n) => ex[n]));
    } else if (d.release !== undefined) bound.delete(d.release);
  }
}
drain();
Atomics.store(ctrl, ${READY}, 1);
Atomics.notify(ctrl, ${READY});
let slot = 0;
const a = new Array(16).fill(0);
for (;;) {
  for (let s = 0; Atomics.load(ctrl, ${PENDING}) === 0; ) {
    if (++s > ${SPIN}) { Atomics.wait(ctrl, ${PENDING}, 0); s = 0; }
  }
  drain();
  let p = ${HEAD} + slot * ${SLOT_INTS};
  try {
    const fns = bound.get(ctrl[p]);
    const n = ctrl[p + 1];
    if (n > 0 && fns === undefined) throw new Error("unknown binding " + ctrl[p]);
    p += 2;
    for (let c = 0; c < n; c++) {
      const f = fns[ctrl[p]], argc = ctrl[p + 1];
      for (let i = 0; i < argc; i++) a[i] = ctrl[p + 2 + i];
      f(a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8], a[9], a[10], a[11], a[12], a[13], a[14], a[15]);
      p += 2 + argc;
    }
  } catch (e) {
    Atomics.store(ctrl, ${ERROR}, 1);
  }
  slot ^= 1;
  Atomics.sub(ctrl, ${PENDING}, 1);
  Atomics.notify(ctrl, ${PENDING});
}
`;

/** One kernel call of a job: the function's index in the binding's `names`, then its i32 arguments (≤ 16). */
export type Call = number[];

interface Slave {
  worker: Worker;
  ctrl: Int32Array;
  /** next job slot to fill (0/1) */
  next: number;
}

/** The pool (see the module description). */
export interface WorkerPool {
  /** Number of worker threads (besides the calling thread). */
  readonly size: number;
  /** Jobs posted so far (for tests: did the workers take part?). */
  readonly posted: number;
  /** Whether worker `w` has started (jobs posted before run when it starts). */
  ready(w: number): boolean;
  /** Jobs posted to worker `w` and not yet finished (0–2). */
  pending(w: number): number;
  /** Instantiate `module` on `memory` in every worker; returns the binding id for {@link post}. */
  bind(module: object, memory: object, names: readonly string[]): number;
  /** Let the workers drop a binding (and so their reference to its memory). */
  release(id: number): void;
  /** Release binding `id` once `owner` is garbage-collected, unless {@link untrack}ed before. */
  track(owner: object, id: number): void;
  /** Cancel {@link track} for `owner`. */
  untrack(owner: object): void;
  /** Post a job (kernel calls run in order) to worker `w` (first waiting for a free job slot if both are taken). */
  post(w: number, binding: number, calls: readonly Call[]): void;
  /** Wait until worker `w` has at most `upTo` (default 0) unfinished jobs; throws if one of them failed. */
  wait(w: number, upTo?: number): void;
}

let pool: WorkerPool | null | undefined;
let threadsOn = true;
let nextId = 1;

function createPool(n: number): WorkerPool | null {
  const slaves: Slave[] = [];
  try {
    for (let w = 0; w < n; w++) {
      const sab = new SharedArrayBuffer(CTRL_INTS * 4);
      const worker = new Worker(WORKER_SRC, { eval: true, workerData: { ctrl: sab } });
      worker.unref();
      worker.on("error", () => { /* reported through the control block or a stuck `ready` */ });
      slaves.push({ worker, ctrl: new Int32Array(sab), next: 0 });
    }
  } catch {
    for (const s of slaves) void s.worker.terminate();
    return null;
  }
  let posted = 0;
  const registry = new FinalizationRegistry<number>((id) => release(id));
  const release = (id: number): void => {
    for (const s of slaves) s.worker.postMessage({ release: id });
    // wake idle workers so they drop the memory now; busy ones see the message before their next job
    for (let w = 0; w < slaves.length; w++) if (Atomics.load(slaves[w].ctrl, PENDING) === 0) post(w, 0, []);
  };
  const post = (w: number, binding: number, calls: readonly Call[]): void => {
    const s = slaves[w];
    const c = s.ctrl;
    if (Atomics.load(c, PENDING) >= 2) wait(w, 1);
    let p = HEAD + s.next * SLOT_INTS;
    const end = p + SLOT_INTS;
    c[p] = binding;
    c[p + 1] = calls.length;
    p += 2;
    for (const call of calls) {
      if (p + 1 + call.length > end || call.length > 17) throw new RangeError("workerPool: job too long");
      c[p] = call[0];
      c[p + 1] = call.length - 1;
      for (let i = 1; i < call.length; i++) c[p + 1 + i] = call[i];
      p += 1 + call.length;
    }
    s.next ^= 1;
    if (calls.length > 0) posted++;
    Atomics.add(c, PENDING, 1);
    Atomics.notify(c, PENDING);
  };
  return {
    size: n,
    get posted() { return posted; },
    ready: (w) => Atomics.load(slaves[w].ctrl, READY) === 1,
    pending: (w) => Atomics.load(slaves[w].ctrl, PENDING),
    bind(module, memory, names) {
      const id = nextId++;
      for (const s of slaves) s.worker.postMessage({ bind: id, module, memory, names });
      return id;
    },
    release,
    track: (owner, id) => registry.register(owner, id, owner),
    untrack: (owner) => { registry.unregister(owner); },
    post,
    wait,
  };
  function wait(w: number, upTo = 0): void {
    const c = slaves[w].ctrl;
    let last = Atomics.load(c, PENDING), since = 0;
    for (let s = 0; ; s++) {
      const v = Atomics.load(c, PENDING);
      if (v <= upTo) break;
      if (v !== last) { last = v; since = 0; }
      if (s > SPIN && Atomics.wait(c, PENDING, v, 1000) === "timed-out" && ++since >= STALL_S) {
        // no job finished for a minute: the thread is gone (a job takes milliseconds); run everything here from now on
        pool = null;
        throw new Error("workerPool: a worker thread stopped responding");
      }
    }
    if (Atomics.load(c, ERROR) !== 0) {
      Atomics.store(c, ERROR, 0);
      throw new Error("workerPool: a kernel failed in a worker thread");
    }
  }
}

/**
 * @internal The worker pool, started on first call; `null` when threads are disabled
 * (`EDGEWORKS_THREADS=1` or {@link setThreadsEnabled}), there is a single core, or workers
 * cannot be created.
 */
export function workerPool(): WorkerPool | null {
  if (!threadsOn) return null;
  if (pool !== undefined) return pool;
  pool = null;
  if (process.env.EDGEWORKS_THREADS === "1") return null;
  const n = Math.min(7, Math.max(0, availableParallelism() - 1));
  if (n === 0 || typeof SharedArrayBuffer === "undefined") return null;
  pool = createPool(n);
  return pool;
}

/**
 * @internal How many threads edgeworks may run beside the calling one: 0 when threads are
 * disabled (`EDGEWORKS_THREADS=1`, {@link setThreadsEnabled}) or SharedArrayBuffer is missing,
 * else one fewer than the available cores, at most 7 (the rule of this pool, for other workers).
 */
export function threadsAllowed(): number {
  if (!threadsOn || process.env.EDGEWORKS_THREADS === "1" || typeof SharedArrayBuffer === "undefined") return 0;
  return Math.min(7, Math.max(0, availableParallelism() - 1));
}

/** @internal Workers that have started (the calling thread does the work of the others). */
export function readyWorkers(p: WorkerPool): number[] {
  const out: number[] = [];
  for (let w = 0; w < p.size; w++) if (p.ready(w)) out.push(w);
  return out;
}

/**
 * @internal Start the pool and block until its workers are running (at most `timeoutMs`);
 * returns the number of workers ready. For tests, so that the threaded paths really run.
 */
export function startWorkers(timeoutMs = 5000): number {
  const p = workerPool();
  if (!p) return 0;
  const t0 = Date.now();
  while (readyWorkers(p).length < p.size && Date.now() - t0 < timeoutMs) {
    const probe = new Int32Array(new SharedArrayBuffer(4));
    Atomics.wait(probe, 0, 0, 5);
  }
  return readyWorkers(p).length;
}

/**
 * @internal Switch the worker threads off (everything runs on the calling thread) or back on;
 * returns the previous setting. For tests comparing both paths.
 */
export function setThreadsEnabled(on: boolean): boolean {
  const was = threadsOn;
  threadsOn = on;
  return was;
}
