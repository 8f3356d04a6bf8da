/**
 * Streaming a tall matrix through WebAssembly kernels chunk by chunk, on the calling thread and
 * the worker pool together (internal to edgeworks/linalg; used by the Gram matrix and the score
 * projection). The calling thread copies each chunk of rows into a slot of a shared scratch
 * memory for a worker (two slots each, so a worker never waits for its next chunk) or processes
 * it itself.
 *
 * Chunks are grouped into lanes: fixed, contiguous ranges of chunks processed in order, so that a
 * lane may accumulate into its own sums (the Gram matrix). A thread takes a whole lane at a time;
 * when none are left, the calling thread takes over the rest of a worker's lane, so a worker
 * slowed down by other load never holds up the end by more than the two chunks it has. Which
 * thread runs which lane changes no operation: results are the same with any number of threads.
 * @module
 */
import { createSharedKernels, wasmKernels } from "./wasmKernels";
import type { WasmKernels } from "./wasmKernels";
import { readyWorkers, workerPool } from "./workerPool";
import { wasmHome } from "./wasmArrays";
import type { Call, WorkerPool } from "./workerPool";

/** Kernels callable in a job, by index (the `Call` function numbers). */
export const STREAM_KERNELS = ["centerPack", "gramPanels", "addUpper", "subRows", "project1", "project2", "project3", "project4", "project5", "project6", "project7", "project8"] as const;
/** Index of a kernel in {@link STREAM_KERNELS}. */
export const fnIndex = (name: (typeof STREAM_KERNELS)[number]): number => STREAM_KERNELS.indexOf(name);

interface Scratch { kernels: WasmKernels; pool: WorkerPool; binding: number }
let scratch: Scratch | null | undefined;

/** The shared scratch memory (grown on demand) bound to the pool, or null without threads. */
function sharedScratch(bytes: number): Scratch | null {
  const pool = workerPool();
  if (!pool) return null;
  if (scratch === undefined) {
    scratch = null;
    const s = createSharedKernels(Math.max(bytes, 1 << 22), 4294901760);
    if (s) scratch = { kernels: s.kernels, pool, binding: pool.bind(s.module, s.kernels.memory, STREAM_KERNELS) };
  }
  if (scratch) {
    try {
      scratch.kernels.ensure(bytes);
    } catch {
      return null;
    }
  }
  return scratch;
}

/** What the calling thread needs to run one streamed computation. */
export interface StreamContext {
  /** Kernels on the memory the slots live in. */
  kernels: WasmKernels;
  /** Threads taking part (the calling thread and the workers). */
  agents: number;
  /** Byte offset of the common data (0, or after the input when it lives in the kernels' memory). */
  base: number;
  /** Whether the spec's `input` lives in the kernels' memory (at byte offset `input.byteOffset`): read it there, no copy. */
  inPlace: boolean;
}

/** A streamed computation (see {@link runStream}). */
export interface StreamSpec {
  /** Number of chunks. */
  nChunks: number;
  /** First chunk of each lane, ascending from 0 (lane ℓ is chunks laneStart[ℓ] … laneStart[ℓ+1] − 1). */
  laneStart: number[];
  /** Bytes of the data common to all chunks (at byte offset `ctx.base`, laid out by the caller). */
  commonBytes: number;
  /**
   * The matrix the chunks are read from. When it lives in a WebAssembly memory of its own (see
   * wasmArrays), the stream runs on that memory and `ctx.inPlace` is true.
   */
  input?: Float64Array;
  /** Bytes of one slot (the input and output of one chunk), a multiple of 64. */
  slotBytes: number;
  /** Set up the common data once the memory exists. */
  init(ctx: StreamContext): void;
  /**
   * Copy chunk `c` of lane `lane` into the slot at byte offset `at` (or, with `ctx.inPlace`, point
   * the calls at the input where it is); return the kernel calls that process it. `here`: the
   * calling thread runs them (else a worker thread).
   */
  fill(ctx: StreamContext, c: number, lane: number, at: number, here: boolean): Call[];
  /** After chunk `c` in the slot at `at` has been processed (any order), before the slot is reused. */
  drain?(ctx: StreamContext, c: number, at: number): void;
}

let sideWork: (() => boolean) | null = null;

/**
 * @internal Run `fn`, and in the streams it runs let the calling thread do a slice of `work`
 * after each chunk it processes itself (the workers then take more chunks), until `work`
 * returns false. E.g. touching the pages of an output array that a later step fills: page
 * faults cost ~2 µs per 4 KiB page on some virtual machines.
 */
export function withSideWork<T>(work: () => boolean, fn: () => T): T {
  const was = sideWork;
  sideWork = work;
  try {
    return fn();
  } finally {
    sideWork = was;
  }
}

const tables = new WeakMap<WasmKernels, ((...a: number[]) => void)[]>();

/** Run the calls on the calling thread. */
function runHere(k: WasmKernels, calls: Call[]): void {
  let fns = tables.get(k);
  if (!fns) {
    fns = STREAM_KERNELS.map((name) => (name.startsWith("project") ? k.project(Number(name.slice(7))) : (k[name as "centerPack"] as (...a: number[]) => void)));
    tables.set(k, fns);
  }
  for (const call of calls) fns[call[0]](call[1], call[2], call[3], call[4], call[5], call[6], call[7]);
}

/**
 * Run a streamed computation. With `threads` (and a pool with running workers) the lanes are
 * shared between the calling thread and the workers; otherwise the calling thread runs them all
 * on the private kernel instance. Returns the context (read results from `kernels.f64`), or null
 * without WebAssembly.
 */
export function runStream(spec: StreamSpec, threads: boolean): StreamContext | null {
  if (!wasmKernels()) return null; // WebAssembly unavailable or switched off
  const pool = threads ? workerPool() : null;
  const ws = pool ? readyWorkers(pool) : [];
  let ctx: StreamContext | null = null;
  let sc: Scratch | null = null;
  const home = spec.input ? wasmHome(spec.input) : null;
  if (home) {
    // the input's own memory: scratch after it, the workers bound to it (released with it)
    try {
      home.kernels.ensure(home.scratch + spec.commonBytes + (1 + 2 * ws.length) * spec.slotBytes);
      ctx = { kernels: home.kernels, agents: 1 + ws.length, base: home.scratch, inPlace: true };
      if (pool && ws.length > 0) {
        if (home.binding === undefined) {
          home.binding = pool.bind(home.module, home.memory, STREAM_KERNELS);
          pool.track((spec.input as Float64Array).buffer, home.binding);
        }
        sc = { kernels: home.kernels, pool, binding: home.binding };
      }
    } catch {
      ctx = null; // the memory cannot grow: copy as below
    }
  }
  if (!ctx && ws.length > 0) {
    sc = sharedScratch(spec.commonBytes + (1 + 2 * ws.length) * spec.slotBytes);
    if (sc) ctx = { kernels: sc.kernels, agents: 1 + ws.length, base: 0, inPlace: false };
  }
  if (!ctx) {
    const k = wasmKernels();
    if (!k) return null;
    k.ensure(spec.commonBytes + spec.slotBytes);
    ctx = { kernels: k, agents: 1, base: 0, inPlace: false };
  }
  const cx = ctx;
  spec.init(cx);
  const at = (slot: number): number => cx.base + spec.commonBytes + slot * spec.slotBytes;
  const nLanes = spec.laneStart.length;
  const laneEnd = (l: number): number => (l + 1 < nLanes ? spec.laneStart[l + 1] : spec.nChunks);
  let nextLane = 0;
  // per worker: its lane (−1: none) and next chunk in it; jobs in flight [chunk, slot], oldest first
  const nw = cx.agents - 1;
  const wLane = new Array<number>(nw).fill(-1), wNext = new Array<number>(nw).fill(0);
  const inFlight: [number, number][][] = Array.from({ length: nw }, () => []);
  const wSlot = new Array<number>(nw).fill(0);
  /** drain worker i's finished jobs (all but `pending` of them) */
  const settle = (i: number, pending: number): void => {
    while (inFlight[i].length > pending) {
      const [c, slot] = inFlight[i].shift() as [number, number];
      spec.drain?.(cx, c, at(slot));
    }
  };
  let mLane = -1, mNext = 0;
  for (;;) {
    // keep every worker fed with the next chunks of its lane
    for (let i = 0; i < nw && sc; i++) {
      const pend = sc.pool.pending(ws[i]);
      settle(i, pend);
      for (let p = pend; p < 2; p++) {
        if (wLane[i] < 0 || wNext[i] >= laneEnd(wLane[i])) {
          if (nextLane >= nLanes) { wLane[i] = -1; break; }
          wLane[i] = nextLane++;
          wNext[i] = spec.laneStart[wLane[i]];
        }
        const slot = 1 + 2 * i + wSlot[i];
        wSlot[i] ^= 1;
        const c = wNext[i]++;
        sc.pool.post(ws[i], sc.binding, spec.fill(cx, c, wLane[i], at(slot), false));
        inFlight[i].push([c, slot]);
      }
    }
    // then one chunk here: of our lane, a new lane, or the rest of a worker's lane
    if (mLane < 0 || mNext >= laneEnd(mLane)) {
      mLane = -1;
      if (nextLane < nLanes) {
        mLane = nextLane++;
        mNext = spec.laneStart[mLane];
      } else {
        for (let i = 0; i < nw && sc; i++) {
          if (wLane[i] < 0 || wNext[i] >= laneEnd(wLane[i])) continue;
          // take over worker i's lane once its chunks in flight are done (its sums must be complete)
          sc.pool.wait(ws[i]);
          settle(i, 0);
          mLane = wLane[i];
          mNext = wNext[i];
          wLane[i] = -1;
          break;
        }
        if (mLane < 0) break; // every chunk is issued
      }
    }
    const c = mNext++;
    runHere(cx.kernels, spec.fill(cx, c, mLane, at(0), true));
    spec.drain?.(cx, c, at(0));
    if (sideWork && nw > 0 && !sideWork()) sideWork = null;
  }
  for (let i = 0; i < nw && sc; i++) {
    sc.pool.wait(ws[i]);
    settle(i, 0);
  }
  return cx;
}
