/**
 * The WebAssembly modules of the stack kernels (`_normalizeWasm`, `_odWasm`): assembled,
 * validated and instantiated on a memory of their own (not shared, grown by the caller), or
 * nothing when WebAssembly SIMD is unavailable or turned off (`EDGEWORKS_NO_WASM=1`).
 * @internal
 * @module
 */
import { assemble, type Fn } from "../linalg/wasmAsm";
import type { WasmMemory } from "../linalg/wasmKernels";

/** The part of the WebAssembly API used here (the project's TypeScript libs do not declare it). */
interface WasmApi {
  Memory: new (d: { initial: number }) => WasmMemory;
  Module: new (b: Uint8Array) => object;
  Instance: new (m: object, imports: object) => { exports: Record<string, unknown> };
  validate(b: Uint8Array): boolean;
}

/**
 * The functions `fns` as one module on a new memory of `initialPages` pages (64 KiB each).
 *
 * @returns its exports (by function name) and its memory, or null when WebAssembly or its SIMD
 *   instructions are unavailable here, or EDGEWORKS_NO_WASM=1.
 */
export function privateModule<E>(fns: Fn[], initialPages: number): { exports: E; memory: WasmMemory } | null {
  try {
    const WA = (globalThis as unknown as { WebAssembly?: WasmApi }).WebAssembly;
    if (!WA || process.env.EDGEWORKS_NO_WASM === "1") return null;
    const bytes = assemble(fns, { shared: false });
    if (!WA.validate(bytes)) return null;
    const memory = new WA.Memory({ initial: initialPages });
    const exports = new WA.Instance(new WA.Module(bytes), { env: { mem: memory } }).exports as unknown as E;
    return { exports, memory };
  } catch {
    return null;
  }
}
