/**
 * `computeShifts` on several threads: the images to register are shared between the calling
 * thread and helper worker threads (one fewer than the cores, as the linalg pool; none with
 * `EDGEWORKS_THREADS=1`). Synchronous for the caller: helpers are sent copies of image regions
 * (at most two waiting each) and write their results into shared memory; the calling thread
 * registers images from the other end of the list meanwhile, then waits. Every thread runs the
 * same {@link Registrar} code, so the shifts are the same bit for bit whichever thread computed
 * them; an image a helper did not answer (failure, a helper that stopped) is redone by the
 * calling thread. Internal to the stack module.
 * @internal
 * @module
 */
import { Worker } from "node:worker_threads";
import { extname, join } from "node:path";
import { threadsAllowed } from "../linalg/workerPool";
import type { Registrar } from "./_register";
import { DONE, READY, type RegisterEnd, type RegisterImage, type RegisterJob } from "./_registerWorker";

/** Milliseconds without an answer after which a helper counts as stopped. */
const STALL_MS = 60_000;

/** Loads the worker module: the compiled .js, or the .ts source through tsx (tests, benches). */
const BOOT = `
const { workerData } = require("node:worker_threads");
if (workerData.file.endsWith(".ts")) require(require.resolve("tsx/cjs", { paths: [workerData.file] }));
require(workerData.file);
`;

interface Helper {
  worker: Worker;
  ctrl: Int32Array;
  dead: boolean;
}

let helpers: Helper[] | undefined;
/** images registered by helper threads since the process started (for tests) */
let helped = 0;

function startHelpers(): Helper[] {
  if (helpers) return helpers.filter((h) => !h.dead);
  helpers = [];
  const file = join(__dirname, `_registerWorker${extname(__filename)}`);
  for (let i = 0; i < threadsAllowed(); i++) {
    try {
      const ctrl = new Int32Array(new SharedArrayBuffer(16));
      const worker = new Worker(BOOT, { eval: true, workerData: { role: "edgeworks-register", file, ctrl: ctrl.buffer } });
      worker.unref();
      const h: Helper = { worker, ctrl, dead: false };
      worker.on("error", () => (h.dead = true));
      worker.on("exit", () => (h.dead = true));
      helpers.push(h);
    } catch {
      break;
    }
  }
  return helpers;
}

/**
 * @internal Start the helper threads and block until they run (at most `timeoutMs`); returns
 * how many are ready. For tests, so that the threaded path really runs.
 */
export function startRegisterHelpers(timeoutMs = 10_000): number {
  if (threadsAllowed() === 0) return 0;
  const hs = startHelpers();
  const t0 = Date.now();
  const probe = new Int32Array(new SharedArrayBuffer(4));
  while (hs.some((h) => !h.dead && Atomics.load(h.ctrl, READY) === 0) && Date.now() - t0 < timeoutMs) Atomics.wait(probe, 0, 0, 5);
  return hs.filter((h) => !h.dead && Atomics.load(h.ctrl, READY) === 1).length;
}

/** @internal Images registered by helper threads so far (for tests). */
export function imagesRegisteredByHelpers(): number {
  return helped;
}

/**
 * Register the images `list` (energy indices) to `fRef`, writing dx, dy and peak at each index.
 * `regionOf(e, out)` copies image e's region (h × w) into `out` and returns it.
 */
export function registerAll(
  reg: Registrar,
  fRef: Float64Array,
  list: readonly number[],
  regionOf: (e: number, out: Float64Array) => Float64Array,
  dx: Float64Array,
  dy: Float64Array,
  peak: Float64Array,
): void {
  const size = reg.p.h * reg.p.w;
  const img = new Float64Array(size);
  const own = (e: number): void => {
    const [sx, sy, pk] = reg.registerImage(regionOf(e, img), fRef);
    dx[e] = sx;
    dy[e] = sy;
    peak[e] = pk;
  };
  // threads pay off from a few images on (a helper's first use also loads its code)
  const hs = list.length >= 4 && threadsAllowed() > 0 ? startHelpers() : [];
  if (hs.length === 0) {
    for (const e of list) own(e);
    return;
  }
  const nE = dx.length;
  const results = new SharedArrayBuffer(24 * nE);
  const flags = new SharedArrayBuffer(4 * nE);
  const state = hs.map(() => ({ joined: false, base: 0, posted: [] as number[] }));
  let lo = 0;
  let hi = list.length;
  const answered = (k: number): number => Atomics.load(hs[k].ctrl, DONE) - state[k].base;
  const feed = (): void => {
    hs.forEach((h, k) => {
      const s = state[k];
      if (h.dead || Atomics.load(h.ctrl, READY) === 0) return;
      if (!s.joined) {
        s.base = Atomics.load(h.ctrl, DONE);
        const job: RegisterJob = { type: "job", params: reg.p, fRef, results, flags };
        h.worker.postMessage(job);
        s.joined = true;
      }
      while (lo < hi && s.posted.length - answered(k) < 2) {
        const e = list[lo++];
        const copy = new Float64Array(size);
        const msg: RegisterImage = { type: "image", e, img: regionOf(e, copy) };
        h.worker.postMessage(msg, [copy.buffer]);
        s.posted.push(e);
      }
    });
  };
  for (;;) {
    feed();
    if (lo >= hi) break;
    own(list[--hi]);
  }
  // wait for the helpers' answers (a helper silent for STALL_MS is given up)
  hs.forEach((h, k) => {
    const s = state[k];
    let last = Date.now();
    let seen = answered(k);
    while (!h.dead && seen < s.posted.length) {
      Atomics.wait(h.ctrl, DONE, s.base + seen, 50);
      const now = answered(k);
      if (now !== seen) {
        seen = now;
        last = Date.now();
      } else if (Date.now() - last > STALL_MS) {
        h.dead = true;
        void h.worker.terminate();
      }
    }
  });
  hs.forEach((h, k) => {
    if (state[k].joined && !h.dead) h.worker.postMessage({ type: "end" } satisfies RegisterEnd);
  });
  const res = new Float64Array(results);
  const ok = new Int32Array(flags);
  for (const s of state) {
    for (const e of s.posted) {
      if (Atomics.load(ok, e) === 1) {
        dx[e] = res[3 * e];
        dy[e] = res[3 * e + 1];
        peak[e] = res[3 * e + 2];
        helped++;
      } else own(e);
    }
  }
}
