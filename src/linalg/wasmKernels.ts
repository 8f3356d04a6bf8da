/**
 * WebAssembly SIMD (f64x2) kernels, assembled at run time (see wasmAsm) — no toolchain, no
 * binary blobs in the repository. Internal to edgeworks/linalg (not re-exported): `gram`,
 * `projectRows`, `nmf` and `nnlsPixels` use them when `WebAssembly` with SIMD is available
 * (Node ≥ 16.4) and fall back to plain Float64Array loops otherwise (or when
 * `EDGEWORKS_NO_WASM=1`).
 *
 * Kernels work on byte offsets into one imported `WebAssembly.Memory`. The same kernels are
 * compiled twice: against a private growable memory, and against a shared memory that worker
 * threads can run them on too (see workerPool).
 * @module
 */
import { assemble } from "./wasmAsm";
import type { Fn } from "./wasmAsm";
import { addUpper, centerPack, gramPanels } from "./wasmGram";
import { subRows, project } from "./wasmProject";
import { xht, atb } from "./wasmDots";
import { cdRows, nmfBlock, nmfQueue, resid, residQueue } from "./wasmNmf";

/** The few WebAssembly JS-API members used (the project's `lib` has no DOM/WebAssembly types). */
export interface WasmMemory { readonly buffer: ArrayBuffer; grow(pages: number): number }
interface WasmApi {
  Memory: new (d: { initial: number; maximum?: number; shared?: boolean }) => WasmMemory;
  Module: new (b: Uint8Array) => object;
  Instance: new (m: object, imports: object) => { exports: Record<string, unknown> };
  validate(b: Uint8Array): boolean;
}

type K = (...args: number[]) => void;

/** The kernels of one instance (byte offsets into `memory`). */
export interface WasmKernels {
  memory: WasmMemory;
  /** Float64 view of the whole memory (refreshed by `ensure`). */
  f64: Float64Array;
  /** Grow the memory to at least `bytes`; refreshes `f64`. Throws if a shared memory's maximum is too small. */
  ensure(bytes: number): void;
  /** centerPack(pA, m, E, pc, psum, pP): shift rows by c and pack into 4-column panels (see wasmGram). */
  centerPack(pA: number, m: number, E: number, pc: number, psum: number, pP: number): void;
  /** gramPanels(pP, m, Ep, pG): G += packed chunkᵀ chunk, upper 4×4 tiles. */
  gramPanels(pP: number, m: number, Ep: number, pG: number): void;
  /** addUpper(pDst, pSrc, Ep): Dst += Src on the upper tiles of [Ep, Ep] and the Ep sums after them. */
  addUpper(pDst: number, pSrc: number, Ep: number): void;
  /** subRows(pA, m, E, pc): A[i, :] −= c. */
  subRows(pA: number, m: number, E: number, pc: number): void;
  /** project(C)(pA, m, E, pBt, pS, sk) for C ≤ 8 components (see wasmProject). */
  project(C: number): (pA: number, m: number, E: number, pBt: number, pS: number, sk: number) => void;
  xht(k: number): (pX: number, m: number, E: number, pH: number, pOut: number, pNorm: number) => void;
  atb(k: number): (pX: number, m: number, E: number, pW: number, pOut: number) => void;
  /** cdRows(k)(pX, m, E, pH, pHHt, pW, pAcc, pZero) (see wasmNmf). */
  cdRows(k: number): (pX: number, m: number, E: number, pH: number, pHHt: number, pW: number, pAcc: number, pZero: number) => void;
  /** nmfBlock(k)(pX, n, E, pH, pHHt, pW, pAcc, pZero, pXtW, pWtW, ch) (see wasmNmf). */
  nmfBlock(k: number): K;
  /** resid(k)(pX, m, E, pW, wStride, pH, pOut): pOut[0] += ‖X − WH‖² over m rows (see wasmNmf). */
  resid(k: number): (pX: number, m: number, E: number, pW: number, wStride: number, pH: number, pOut: number) => void;
  /** nmfQueue(k)(pCounter, pTable, nBlocks) (see wasmNmf; shared memories only). */
  nmfQueue(k: number): (pCounter: number, pTable: number, nBlocks: number) => void;
  /** residQueue(k)(pCounter, pTable, nBlocks, zeroW) (see wasmNmf; shared memories only). */
  residQueue(k: number): (pCounter: number, pTable: number, nBlocks: number, zeroW: number) => void;
}

const MAX_K = 16;
/** Largest k with specialised xht/atb/cdRows kernels. */
export const WASM_MAX_K = MAX_K;
/** Most components per projection kernel call. */
export const PROJECT_MAX = 8;
/** Maximum pages (64 KiB) of a shared memory (4 GiB − 64 KiB, the wasm32 limit). */
export const MAX_PAGES = 65535;

function kernelFns(shared: boolean): Fn[] {
  const fns: Fn[] = [centerPack(), gramPanels(), addUpper(), subRows()];
  for (let c = 1; c <= PROJECT_MAX; c++) fns.push(project(c));
  for (let k = 1; k <= MAX_K; k++) fns.push(xht(k), atb(k), cdRows(k), nmfBlock(k), resid(k));
  if (shared) for (let k = 1; k <= MAX_K; k++) fns.push(nmfQueue(k), residQueue(k));
  return fns;
}

let compiled: { WA: WasmApi; module: object; shared?: object | null } | null | undefined;

function compile(): { WA: WasmApi; module: object; shared?: object | null } | null {
  if (compiled !== undefined) return compiled;
  compiled = null;
  try {
    const WA = (globalThis as unknown as { WebAssembly?: WasmApi }).WebAssembly;
    if (!WA || process.env.EDGEWORKS_NO_WASM === "1") return null;
    const bytes = assemble(kernelFns(false), { shared: false });
    if (!WA.validate(bytes)) return null;
    compiled = { WA, module: new WA.Module(bytes) };
  } catch {
    compiled = null;
  }
  return compiled;
}

/** The kernels compiled against a shared memory (assembled on first use), or null. */
function compileShared(): { WA: WasmApi; module: object } | null {
  const c = compile();
  if (!c) return null;
  if (c.shared === undefined) {
    c.shared = null;
    try {
      const sb = assemble(kernelFns(true), { shared: true, maxPages: MAX_PAGES });
      if (c.WA.validate(sb)) c.shared = new c.WA.Module(sb);
    } catch {
      c.shared = null;
    }
  }
  return c.shared ? { WA: c.WA, module: c.shared } : null;
}

function checkK(name: string, k: number, max: number): void {
  if (!(k >= 1 && k <= max)) throw new RangeError(`${name}: k=${k}`);
}

/** Wrap an instance's exports. */
function wrap(memory: WasmMemory, exports: Record<string, unknown>, maxBytes: number): WasmKernels {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const ex = exports as any;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const queue = (name: string, kk: number): any => {
    checkK(name, kk, MAX_K);
    if (!ex[`${name}${kk}`]) throw new Error(`${name}: shared memories only`);
    return ex[`${name}${kk}`];
  };
  const k: WasmKernels = {
    memory,
    f64: new Float64Array(memory.buffer),
    ensure(need: number): void {
      const have = memory.buffer.byteLength;
      if (need > have) {
        if (need > maxBytes) throw new RangeError(`wasm memory: ${need} bytes exceed the maximum ${maxBytes}`);
        memory.grow(Math.ceil((need - have) / 65536));
      }
      if (k.f64.buffer !== memory.buffer || k.f64.length * 8 !== memory.buffer.byteLength) k.f64 = new Float64Array(memory.buffer);
    },
    centerPack: ex.centerPack,
    gramPanels: ex.gramPanels,
    addUpper: ex.addUpper,
    subRows: ex.subRows,
    project: (c: number) => { checkK("project", c, PROJECT_MAX); return ex[`project${c}`]; },
    xht: (kk: number) => { checkK("xht", kk, MAX_K); return ex[`xht${kk}`]; },
    atb: (kk: number) => { checkK("atb", kk, MAX_K); return ex[`atb${kk}`]; },
    cdRows: (kk: number) => { checkK("cdRows", kk, MAX_K); return ex[`cdRows${kk}`]; },
    nmfBlock: (kk: number) => { checkK("nmfBlock", kk, MAX_K); return ex[`nmfBlock${kk}`]; },
    resid: (kk: number) => { checkK("resid", kk, MAX_K); return ex[`resid${kk}`]; },
    nmfQueue: (kk: number) => queue("nmfQueue", kk),
    residQueue: (kk: number) => queue("residQueue", kk),
  };
  return k;
}

/**
 * A new kernel instance with its own memory (for long computations that keep data resident,
 * e.g. NMF, so that nothing else can move or overwrite it), or `null` without WebAssembly SIMD.
 * @param bytes - initial memory size in bytes.
 */
export function createWasmKernels(bytes = 1 << 22): WasmKernels | null {
  if (!enabled) return null;
  const c = compile();
  if (!c) return null;
  if (bytes > MAX_PAGES * 65536) return null;
  try {
    const memory = new c.WA.Memory({ initial: Math.max(1, Math.ceil(bytes / 65536)) });
    const inst = new c.WA.Instance(c.module, { env: { mem: memory } });
    return wrap(memory, inst.exports, MAX_PAGES * 65536);
  } catch {
    return null;
  }
}

/**
 * @internal A shared memory of at least `bytes` that may grow to `maxBytes`, with the kernels
 * instantiated on it (for this thread) and the compiled module (for worker threads); `null`
 * without shared WebAssembly memory (or when the allocation fails).
 */
export function createSharedKernels(bytes: number, maxBytes = bytes): { kernels: WasmKernels; module: object } | null {
  if (!enabled) return null;
  const c = compileShared();
  if (!c) return null;
  const initial = Math.max(1, Math.ceil(bytes / 65536));
  const maximum = Math.max(initial, Math.min(MAX_PAGES, Math.ceil(maxBytes / 65536)));
  if (initial > MAX_PAGES) return null;
  try {
    const memory = new c.WA.Memory({ initial, maximum, shared: true });
    const inst = new c.WA.Instance(c.module, { env: { mem: memory } });
    return { kernels: wrap(memory, inst.exports, maximum * 65536), module: c.module };
  } catch {
    return null;
  }
}

/**
 * @internal A new shared memory of `bytes` (rounded up to whole 64 KiB pages) that may grow to
 * the wasm32 limit, or `null` without shared WebAssembly memory (or when it cannot be had).
 * Growing a shared memory never detaches views of it.
 */
export function createSharedMemory(bytes: number): WasmMemory | null {
  if (!enabled) return null;
  const c = compileShared();
  if (!c) return null;
  const initial = Math.max(1, Math.ceil(bytes / 65536));
  if (initial > MAX_PAGES) return null;
  try {
    return new c.WA.Memory({ initial, maximum: MAX_PAGES, shared: true });
  } catch {
    return null;
  }
}

/**
 * @internal The kernels instantiated on an existing shared memory made by
 * {@link createSharedMemory} (for this thread) and the compiled module (for worker threads).
 */
export function sharedKernelsOn(memory: WasmMemory): { kernels: WasmKernels; module: object } | null {
  const c = compileShared();
  if (!c) return null;
  try {
    const inst = new c.WA.Instance(c.module, { env: { mem: memory } });
    return { kernels: wrap(memory, inst.exports, MAX_PAGES * 65536), module: c.module };
  } catch {
    return null;
  }
}

let cached: WasmKernels | null | undefined;

/**
 * The shared kernel instance for short synchronous calls (gram, nnlsPixels: they copy data in
 * chunk by chunk and never yield), or `null` when WebAssembly SIMD is unavailable or disabled
 * (`EDGEWORKS_NO_WASM=1`).
 */
export function wasmKernels(): WasmKernels | null {
  if (!enabled) return null;
  if (cached === undefined) cached = createWasmKernels();
  return cached;
}

let enabled = true;

/**
 * @internal Switch the WebAssembly kernels off (plain-loop fallback) or back on; returns the
 * previous setting. For tests that check both paths give the same numbers.
 */
export function setWasmEnabled(on: boolean): boolean {
  const was = enabled;
  enabled = on;
  return was;
}
