/**
 * The worker-thread side of `_registerThreads.ts`: loaded in a worker started by it, registers
 * the images it is sent with the same {@link Registrar} code as the calling thread and writes
 * each result into shared memory. Internal to the stack module; does nothing when imported
 * elsewhere.
 * @internal
 * @module
 */
import { isMainThread, parentPort, workerData } from "node:worker_threads";
import { Registrar, type RegisterParams } from "./_register";

/** Words of a helper's control block (Int32, shared): started, images answered (ever), failures. */
export const READY = 0, DONE = 1, FAILED = 2;

/** A job: the parameters, the reference spectrum and where results go (3 doubles and a flag per energy). */
export interface RegisterJob {
  type: "job";
  params: RegisterParams;
  fRef: Float64Array;
  results: SharedArrayBuffer;
  flags: SharedArrayBuffer;
}

/** One image of the current job: energy index and its region (h × w values). */
export interface RegisterImage {
  type: "image";
  e: number;
  img: Float64Array;
}

/** The job is over: drop its buffers (a 1024² registration holds ~60 MB). */
export interface RegisterEnd {
  type: "end";
}

if (!isMainThread && parentPort && (workerData as { role?: unknown } | null)?.role === "edgeworks-register") {
  const ctrl = new Int32Array((workerData as { ctrl: SharedArrayBuffer }).ctrl);
  let reg: Registrar | null = null;
  let fRef: Float64Array | null = null;
  let results: Float64Array<ArrayBufferLike> = new Float64Array(0);
  let flags: Int32Array<ArrayBufferLike> = new Int32Array(0);
  parentPort.on("message", (m: RegisterJob | RegisterImage | RegisterEnd) => {
    if (m.type === "end") {
      reg = null;
      fRef = null;
      results = new Float64Array(0);
      flags = new Int32Array(0);
      return;
    }
    if (m.type === "job") {
      results = new Float64Array(m.results);
      flags = new Int32Array(m.flags);
      fRef = m.fRef;
      try {
        reg = new Registrar(m.params);
      } catch {
        reg = null; // every image of this job is answered unregistered: the calling thread redoes it (and reports the error)
      }
      return;
    }
    try {
      if (!reg || !fRef) throw new Error("no job");
      const [sx, sy, pk] = reg.registerImage(m.img, fRef);
      results[3 * m.e] = sx;
      results[3 * m.e + 1] = sy;
      results[3 * m.e + 2] = pk;
      Atomics.store(flags, m.e, 1);
    } catch {
      Atomics.add(ctrl, FAILED, 1);
    }
    Atomics.add(ctrl, DONE, 1);
    Atomics.notify(ctrl, DONE);
  });
  Atomics.store(ctrl, READY, 1);
}
