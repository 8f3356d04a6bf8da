/**
 * Float64Arrays that live in a WebAssembly memory, so that the kernels (Gram matrix, score
 * projection) read them where they are instead of copying them in chunk by chunk. Internal to
 * edgeworks: `toPixelTable` and `noiseFilter` allocate the pixel table's `data` here.
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
