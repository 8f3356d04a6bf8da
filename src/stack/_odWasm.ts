/**
 * WebAssembly SIMD kernel of {@link opticalDensity}'s table pass: one energy image of integer
 * counts, copied chunk by chunk into a WebAssembly memory of this module's own, turned into
 * OD = ln I0 − ln k four counts per iteration (the truncation to k and the checks that every
 * count is an integer in [1, M) are vector instructions; the four ln k are table loads) and
 * copied out. It computes the same single subtraction, `lnI0 − table[k & (M − 1)]`, as the
 * JavaScript pass, so the results are the same bits; an image with any count off the table is
 * reported, and opticalDensity then does it again value by value, as it does after its
 * JavaScript pass. Internal to edgeworks/stack.
 * @internal
 * @module
 */
import { Fn, I32, V128 } from "../linalg/wasmAsm";
import type { WasmMemory } from "../linalg/wasmKernels";
import { privateModule } from "./_wasmModule";

/** kernel(pSrc, pDst, nb, pTable, pConst, pFlags): `nb` bytes of counts at pSrc → OD at pDst. */
type Kernel = (pSrc: number, pDst: number, nb: number, pTable: number, pConst: number, pFlags: number) => void;

// SIMD opcodes (after the 0xfd prefix) beyond those wasmAsm names
const I32X4_SPLAT = 0x11, I32X4_EXTRACT = 0x1b, F32X4_NE = 0x42, V128_AND = 0x4e, V128_OR = 0x50;
const I32X4_SHL = 0xab, I32X4_ADD = 0xae, I32X4_SUB = 0xb1;
const I32X4_TRUNC_SAT_F32X4_S = 0xf8, F32X4_CONVERT_I32X4_S = 0xfa;
const I32X4_TRUNC_SAT_F64X2_S_ZERO = 0xfc, F64X2_CONVERT_LOW_I32X4_S = 0xfe;

/**
 * One kernel per input type. Per four counts: k = trunc_sat(count) (int32); `fr` collects the
 * lanes where count ≠ k (a fraction, NaN, or a count beyond int32), `low` ORs k − 1 and k (bits
 * above M − 1 set exactly when k ∉ [1, M)); the four OD values are ln I0 − table[k & (M − 1)].
 * At the end `fr` and `low` are stored at pFlags and pFlags + 16. Constants at pConst: i32x4 of 1,
 * i32x4 of M − 1, f64x2 of ln I0.
 */
function odKernel(f64: boolean): Fn {
  const f = new Fn(f64 ? "odF64" : "odF32", ["pSrc", "pDst", "nb", "pTable", "pConst", "pFlags"]);
  f.local("i", I32).local("a", I32).local("d", I32);
  for (const v of ["v", "k", "k1", "ad", "fr", "low", "ones", "mask", "tab", "ln", "x"]) f.local(v, V128);
  f.get("pConst").vload(0).set("ones");
  f.get("pConst").vload(16).set("mask");
  f.get("pConst").vload(32).set("ln");
  f.get("pTable").simd(I32X4_SPLAT).set("tab");
  f.vzero().set("fr").vzero().set("low");
  f.forLt("i", 0, "nb", f64 ? 32 : 16, () => {
    f.get("pSrc").get("i").op(0x6a).set("a");
    if (f64) {
      // two f64x2 → two int32 pairs, checked each against its count, then packed into one i32x4
      f.get("a").vload(0).tee("v").simd(I32X4_TRUNC_SAT_F64X2_S_ZERO).set("k");
      f.get("fr").get("v").get("k").simd(F64X2_CONVERT_LOW_I32X4_S).fne().simd(V128_OR).set("fr");
      f.get("a").vload(16).tee("v").simd(I32X4_TRUNC_SAT_F64X2_S_ZERO).set("k1");
      f.get("fr").get("v").get("k1").simd(F64X2_CONVERT_LOW_I32X4_S).fne().simd(V128_OR).set("fr");
      f.get("k").get("k1").lows().set("k");
      f.get("pDst").get("i").op(0x6a).set("d");
    } else {
      f.get("a").vload(0).tee("v").simd(I32X4_TRUNC_SAT_F32X4_S).set("k");
      f.get("fr").get("v").get("k").simd(F32X4_CONVERT_I32X4_S).simd(F32X4_NE).simd(V128_OR).set("fr");
      f.get("pDst").get("i").i32(1).op(0x74).op(0x6a).set("d"); // 8 output bytes per 4 input bytes
    }
    f.get("low").get("k").simd(V128_OR).get("k").get("ones").simd(I32X4_SUB).simd(V128_OR).set("low");
    // byte addresses of table[k & m]
    f.get("k").get("mask").simd(V128_AND).i32(3).simd(I32X4_SHL).get("tab").simd(I32X4_ADD).set("ad");
    for (const half of [0, 1]) {
      f.get("d").get("ln");
      f.get("ad").simd(I32X4_EXTRACT, 2 * half).get("ln").vloadLane(0).set("x");
      f.get("ad").simd(I32X4_EXTRACT, 2 * half + 1).get("x").vloadLane(1);
      f.fsub().vstore(16 * half);
    }
  });
  f.get("pFlags").get("fr").vstore(0);
  f.get("pFlags").get("low").vstore(16);
  return f;
}

interface State {
  f64: Kernel;
  f32: Kernel;
  memory: WasmMemory;
  F64: Float64Array;
  F32: Float32Array;
  I: Int32Array;
  /** The ln table last copied in, and how many of its entries. */
  table: Float64Array | null;
  tableM: number;
  /** Where in the memory it was copied (bytes). */
  tableAt: number;
}

let state: State | null | undefined;

/** The kernels and their memory (made on first use), or null when WebAssembly SIMD is unavailable or EDGEWORKS_NO_WASM=1. */
function kernels(): State | null {
  if (state !== undefined) return state;
  const m = privateModule<{ odF64: Kernel; odF32: Kernel }>([odKernel(true), odKernel(false)], 8);
  state = m && { f64: m.exports.odF64, f32: m.exports.odF32, memory: m.memory, F64: new Float64Array(0), F32: new Float32Array(0), I: new Int32Array(0), table: null, tableM: 0, tableAt: 0 };
  if (state) views(state);
  return state;
}

function views(s: State): void {
  s.F64 = new Float64Array(s.memory.buffer);
  s.F32 = new Float32Array(s.memory.buffer);
  s.I = new Int32Array(s.memory.buffer);
}

/** Counts per chunk copied in at a time (input + output ≤ 128 KiB: they stay in the core's cache). */
let chunk = 8192;

/** For tests: set the chunk size in counts, a positive multiple of 4 (returns the previous one). @internal */
export function setOdChunk(counts: number): number {
  const prev = chunk;
  chunk = counts;
  return prev;
}

let disabled = false;

/** For tests: turn the WebAssembly pass off (true) or on again (false). @internal */
export function disableOdWasm(off: boolean): void {
  disabled = off;
}

/** Whether the WebAssembly pass is used (false when WebAssembly SIMD is unavailable or turned off). @internal */
export function odWasmAvailable(): boolean {
  return !disabled && kernels() !== null;
}

// layout (bytes): constants (48), flags (32), a chunk of counts (room for Float64 ones), a chunk
// of OD values, the table (at the same place for either input type: copied once per table)
const P_CONST = 0, P_FLAGS = 64, P_SRC = 128;

/**
 * The table pass over `n` counts of one image (n a multiple of 4; the caller does the rest as
 * the JavaScript pass does) through the WebAssembly kernel: `out[off + i] = lnI0 −
 * table[trunc(d[off + i]) & (M − 1)]` for i < n (every value written), and whether any of these
 * counts is not an integer in [1, M) (then the caller redoes the image). Call only when
 * {@link odWasmAvailable}.
 *
 * @param d - the counts, `[nE, n]` (Float64Array or Float32Array); `out` the OD (either type).
 * @param table - ln k at index k for k < M; M a power of two ≤ its length.
 * @returns true when some of the counts are off the table.
 */
export function odImageWasm(d: Float64Array | Float32Array, out: Float64Array | Float32Array, off: number, n: number, lnI0: number, table: Float64Array, M: number): boolean {
  const s = kernels() as State;
  const f64 = d instanceof Float64Array;
  const P_DST = P_SRC + chunk * 8;
  const P_TABLE = P_DST + chunk * 8;
  const need = P_TABLE + 8 * M;
  if (s.memory.buffer.byteLength < need) {
    s.memory.grow(Math.ceil((need - s.memory.buffer.byteLength) / 65536));
    views(s);
    s.table = null;
  }
  if (s.table !== table || s.tableM !== M || s.tableAt !== P_TABLE) {
    s.F64.set(table.subarray(0, M), P_TABLE / 8);
    s.table = table;
    s.tableM = M;
    s.tableAt = P_TABLE;
  }
  const { F64, I } = s;
  const m = M - 1;
  for (let q = 0; q < 4; q++) {
    I[P_CONST / 4 + q] = 1;
    I[P_CONST / 4 + 4 + q] = m;
  }
  F64[P_CONST / 8 + 4] = lnI0;
  F64[P_CONST / 8 + 5] = lnI0;
  const kernel = f64 ? s.f64 : s.f32;
  const src = f64 ? F64 : s.F32;
  const srcAt = P_SRC / (f64 ? 8 : 4);
  let fr = 0;
  let low = 0;
  for (let c0 = 0; c0 < n; c0 += chunk) {
    const c = Math.min(chunk, n - c0);
    src.set(d.subarray(off + c0, off + c0 + c), srcAt);
    kernel(P_SRC, P_DST, c * (f64 ? 8 : 4), P_TABLE, P_CONST, P_FLAGS);
    out.set(F64.subarray(P_DST / 8, P_DST / 8 + c), off + c0);
    fr |= I[P_FLAGS / 4] | I[P_FLAGS / 4 + 1] | I[P_FLAGS / 4 + 2] | I[P_FLAGS / 4 + 3];
    low |= I[P_FLAGS / 4 + 4] | I[P_FLAGS / 4 + 5] | I[P_FLAGS / 4 + 6] | I[P_FLAGS / 4 + 7];
  }
  return fr !== 0 || (low & ~m) !== 0;
}
