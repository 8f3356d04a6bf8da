/**
 * Float64Arrays that live in a WebAssembly memory, so that the kernels (Gram matrix, score
 * projection) read them where they are instead of copying them in chunk by chunk. Internal to
 * edgeworks: `toPixelTable` allocates the pixel table's `data` here, unless ordinary arrays get
 * transparent huge pages and these do not ({@link mallocHugePagesOnly}).
 *
 * Every such array gets its own shared `WebAssembly.Memory` (a SharedArrayBuffer: growing it
 * never detaches the array, and worker threads see the same bytes), holding the array at byte
 * offset 0 and, after it, the scratch space of the streamed kernels (grown on demand). The
 * memory lives as long as any view of it: there is nothing to free, and a `subarray` of the
 * table is as safe as the table. Arrays smaller than {@link WASM_ARRAY_MIN_BYTES} (copying them
 * costs nothing) and arrays beyond the wasm32 limit are ordinary Float64Arrays, as is every array
 * without shared WebAssembly memory; the kernels then copy as before.
 * @module
 */
import { readFileSync } from "node:fs";
import { createSharedMemory, sharedKernelsOn, MAX_PAGES } from "./wasmKernels";
import type { WasmKernels, WasmMemory } from "./wasmKernels";

/** Smallest array (bytes) given a WebAssembly memory of its own: 1 MiB. */
export const WASM_ARRAY_MIN_BYTES = 1 << 20;
/** Scratch room reserved after the array when the memory is made (grown later if a stream needs more). */
const SCRATCH_BYTES = 4 << 20;

/** The memory an array lives in. */
export interface WasmHome {
  /** The memory. */
  memory: WasmMemory;
  /** First byte after the array, rounded up to 64: where scratch space may start. */
  scratch: number;
  /** Kernels on this memory for the calling thread, made on first use. */
  kernels?: WasmKernels;
  /** The compiled module (for binding the worker threads). */
  module?: object;
  /** The worker pool's binding of this memory, made on first threaded use. */
  binding?: number;
}

/** Buffers (every SharedArrayBuffer object handed out) → their memory. */
const homes = new WeakMap<object, WasmHome>();

/**
 * A Float64Array of `n` values in a WebAssembly memory of its own (all zero), or an ordinary
 * Float64Array (contents unspecified: the caller writes every value) when `n` values are fewer
 * than {@link WASM_ARRAY_MIN_BYTES} bytes, exceed the wasm32 limit, or no shared WebAssembly memory
 * is available (`EDGEWORKS_NO_WASM=1`, no SharedArrayBuffer).
 *
 * @param n - number of values.
 * @returns a Float64Array of length `n`, `byteOffset` 0.
 * @example
 * const data = allocWasmF64(nPixels * nE); // then fill it; pca(table) reads it in place
 */
export function allocWasmF64(n: number): Float64Array {
  const bytes = n * 8;
  const scratch = Math.ceil(bytes / 64) * 64;
  if (bytes >= WASM_ARRAY_MIN_BYTES && scratch + SCRATCH_BYTES <= MAX_PAGES * 65536) {
    const memory = createSharedMemory(scratch + SCRATCH_BYTES);
    if (memory) {
      const buf = memory.buffer;
      homes.set(buf, { memory, scratch });
      return new Float64Array(buf, 0, n);
    }
  }
  return bytes < 1 << 16 ? new Float64Array(n) : new Float64Array(Buffer.allocUnsafeSlow(bytes).buffer, 0, n);
}

let mallocHuge: boolean | undefined;

/**
 * Whether a large ordinary typed array gets transparent huge pages while a WebAssembly memory
 * does not: Linux with `/sys/kernel/mm/transparent_hugepage/enabled` set to `madvise` (only
 * advised ranges get them) and glibc's malloc advising the chunks it maps
 * (`GLIBC_TUNABLES=glibc.malloc.hugetlb=1`, as the edgeworks kernelspec and benches set; read at
 * process start). ArrayBuffers come from malloc/calloc; V8 maps a WebAssembly memory itself,
 * without the advice, so every 4 KiB page of a fresh one faults on its own. Filling an array
 * then costs about 4× less in ordinary memory (800 MB: ~0.12–0.45 s against ~0.55–0.65 s on the
 * 2-core development VM; 25 MB: ~3 ms against ~15–25 ms), more than the PCA/NMF kernels gain
 * by reading a table in place (see `toPixelTable`). With `always` a WebAssembly memory gets huge
 * pages too, with `never` neither does: then false. Read once.
 *
 * @returns true when a table should rather live in ordinary memory.
 */
export function mallocHugePagesOnly(): boolean {
  if (mallocHuge !== undefined) return mallocHuge;
  mallocHuge = false;
  if (process.platform !== "linux") return mallocHuge;
  // the tunable's last setting wins (glibc applies them in order); 1 = madvise, 2 = hugetlbfs pages
  const tun = /(?:^|:)glibc\.malloc\.hugetlb=(\d+)/g;
  let v = "";
  for (let m = tun.exec(process.env.GLIBC_TUNABLES ?? ""); m; m = tun.exec(process.env.GLIBC_TUNABLES ?? "")) v = m[1];
  if (v !== "1") return mallocHuge;
  try {
    mallocHuge = /\[madvise\]/.test(readFileSync("/sys/kernel/mm/transparent_hugepage/enabled", "utf8"));
  } catch {
    mallocHuge = false; // no THP (or no /sys): neither gets huge pages
  }
  return mallocHuge;
}

/**
 * The memory `X` lives in when it was made by {@link allocWasmF64} (or is a view of such an
 * array), with kernels instantiated on it; `null` otherwise. `X.byteOffset` is then its address
 * in that memory.
 */
export function wasmHome(X: ArrayBufferView): (WasmHome & { kernels: WasmKernels; module: object }) | null {
  const h = homes.get(X.buffer);
  if (!h) return null;
  if (!h.kernels) {
    const k = sharedKernelsOn(h.memory);
    if (!k) return null;
    h.kernels = k.kernels;
    h.module = k.module;
  }
  return h as WasmHome & { kernels: WasmKernels; module: object };
}
