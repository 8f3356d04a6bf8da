/**
 * WebAssembly SIMD kernel of {@link toPixelTable}'s transposition: a block of pixels of a
 * Float64 energy-major stack, copied image by image into a WebAssembly memory of this module's
 * own, turned into pixel rows there (two energies × four pixels per iteration: four 16-byte loads,
 * four shuffles, four 16-byte stores), with each pixel's finiteness flag (Σ v·0: ±0 while every
 * value is finite, NaN once one is NaN or ±Infinity) summed on the way; the rows whose flag is
 * zero are copied out into the table a run of consecutive rows at a time. The values are moved,
 * never computed, so the table holds the same bits as with the JavaScript loops. Internal to
 * edgeworks/stack.
 * @internal
 * @module
 */
import { Fn, I32, V128 } from "../linalg/wasmAsm";
import type { WasmMemory } from "../linalg/wasmKernels";
import { privateModule } from "./_wasmModule";

/** transpose(pSrc, pDst, pFlags, stride, nb, nE): see {@link transposeFn}. */
type Kernel = (pSrc: number, pDst: number, pFlags: number, stride: number, nb: number, nE: number) => void;

/**
 * transpose(pSrc, pDst, pFlags, stride, nb, nE): the nE images at pSrc, `stride` bytes apart,
 * each holding the block's pixels side by side (nb bytes, a multiple of 32: four pixels per
 * iteration) → row p (nE values) at pDst + 8·nE·p, flag of pixel p at pFlags + 8p. An odd last
 * energy is stored a lane at a time.
 */
function transposeFn(): Fn {
  const f = new Fn("transpose", ["pSrc", "pDst", "pFlags", "stride", "nb", "nE"]);
  f.local("i", I32).local("j", I32).local("s", I32).local("w", I32).local("rb", I32).local("e2", I32).local("s2", I32).local("q", I32);
  f.local("a", V128).local("b", V128).local("c", V128).local("d", V128).local("f0", V128).local("f1", V128);
  f.get("nE").i32(3).op(0x74).set("rb"); // bytes per row
  f.get("nE").i32(-2).op(0x71).set("e2"); // energies in pairs
  f.get("stride").i32(1).op(0x74).set("s2"); // two images
  f.forLt("i", 0, "nb", 32, () => {
    f.vzero().set("f0").vzero().set("f1");
    f.get("pSrc").get("i").op(0x6a).set("s");
    f.get("pDst").get("i").get("nE").op(0x6c).op(0x6a).set("w"); // 8·nE·(i / 8)
    f.forLt("j", 0, "e2", 2, () => {
      // a, c: pixels p..p+1, p+2..p+3 of image j; b, d: the same of image j + 1
      f.get("s").vload().set("a");
      f.get("s").vload(16).set("c");
      f.get("s").get("stride").op(0x6a).tee("q").vload().set("b");
      f.get("q").vload(16).set("d");
      f.get("w").get("a").get("b").lows().vstore();
      f.get("w").get("rb").op(0x6a).get("a").get("b").highs().vstore();
      f.get("w").get("rb").i32(1).op(0x74).op(0x6a).get("c").get("d").lows().vstore();
      f.get("w").get("rb").i32(3).op(0x6c).op(0x6a).get("c").get("d").highs().vstore();
      // v·0 each (a sum first could overflow two finite values to ±Infinity)
      f.get("f0").get("a").vzero().fmul().get("b").vzero().fmul().fadd().fadd().set("f0");
      f.get("f1").get("c").vzero().fmul().get("d").vzero().fmul().fadd().fadd().set("f1");
      f.inc("s", "s2");
      f.inc("w", 16);
    });
    f.get("nE").get("e2").op(0x47 /* i32.ne */).ifThen(() => {
      f.get("s").vload().set("a");
      f.get("s").vload(16).set("c");
      f.get("w").get("a").vstoreLane(0);
      f.get("w").get("rb").op(0x6a).get("a").vstoreLane(1);
      f.get("w").get("rb").i32(1).op(0x74).op(0x6a).get("c").vstoreLane(0);
      f.get("w").get("rb").i32(3).op(0x6c).op(0x6a).get("c").vstoreLane(1);
      f.get("f0").get("a").vzero().fmul().fadd().set("f0");
      f.get("f1").get("c").vzero().fmul().fadd().set("f1");
    });
    f.get("pFlags").get("i").op(0x6a).get("f0").vstore();
    f.get("pFlags").get("i").op(0x6a).get("f1").vstore(16);
  });
  return f;
}

interface State {
  k: Kernel;
  memory: WasmMemory;
  F: Float64Array;
}

let state: State | null | undefined;

/** The kernel and its memory (made on first use), or null when WebAssembly SIMD is unavailable or EDGEWORKS_NO_WASM=1. */
function kernel(): State | null {
  if (state !== undefined) return state;
  const m = privateModule<{ transpose: Kernel }>([transposeFn()], 16);
  state = m && { k: m.exports.transpose, memory: m.memory, F: new Float64Array(m.memory.buffer) };
  return state;
}

/** Bytes of one block's images (its rows take as many again): about a third of a core's L2. */
let blockBudget = 1 << 19;

/** For tests: set the block budget in bytes (returns the previous one). @internal */
export function setTransposeBlockBudget(bytes: number): number {
  const prev = blockBudget;
  blockBudget = bytes;
  return prev;
}

let disabled = false;

/** For tests: turn the WebAssembly path off (true) or on again (false). @internal */
export function disableTransposeWasm(off: boolean): void {
  disabled = off;
}

/** Whether the WebAssembly path is used (false when WebAssembly SIMD is unavailable or turned off). @internal */
export function transposeWasmAvailable(): boolean {
  return !disabled && kernel() !== null;
}

/**
 * Pixels per block for `nE` energies: a multiple of 4 between 64 and 2048, the block's images
 * within the budget.
 */
export function transposeBlockPixels(nE: number): number {
  return Math.max(64, Math.min(2048, Math.floor(blockBudget / (8 * nE)) & ~3));
}

/** Bytes of this module's memory a block of `nE` energies needs: its images, its rows and its flags. */
function blockBytes(nE: number): number {
  const bp = transposeBlockPixels(nE);
  return (nE * (bp + 8) + bp * nE + bp) * 8;
}

/** Largest memory the module grows to (64 MiB; it keeps what it grew to). */
const MAX_MODULE_BYTES = 1 << 26;

/**
 * Whether a table of `nE` energies goes through the kernel: WebAssembly available and its block
 * (at least 64 pixels) within 64 MiB of module memory, i.e. up to about 60,000 energies. Wider
 * tables take the JavaScript loops rather than grow a memory that is never given back.
 */
export function transposeWasmFits(nE: number): boolean {
  return transposeWasmAvailable() && blockBytes(nE) <= MAX_MODULE_BYTES;
}

/**
 * Pixels `p0 … p0 + m − 1` of the images at offsets `offs` (nE of them) of `d` as rows of `data`
 * (`[*, nE]`) from row `w0` on, leaving out the rows with a non-finite value; the pixel index
 * (`p0 + i`) of every written row goes into `kept` from `nk0` on. `m` ≤
 * {@link transposeBlockPixels}(nE). Call only when {@link transposeWasmFits}(nE).
 *
 * @returns the next free row of `data` and the next free index of `kept`.
 */
export function transposeBlockWasm(
  d: Float64Array, offs: Int32Array, nE: number, p0: number, m: number, data: Float64Array, w0: number, kept: Int32Array, nk0: number,
): { w: number; nk: number } {
  const s = kernel() as State;
  const bp = transposeBlockPixels(nE);
  // images 8 values (a cache line) more than the block apart: at a power-of-two stride the images'
  // lines would share the L1 sets the kernel reads them through
  const stride = bp + 8;
  const dstAt = nE * stride;
  const flAt = dstAt + bp * nE;
  const need = blockBytes(nE);
  if (s.memory.buffer.byteLength < need) {
    s.memory.grow(Math.ceil((need - s.memory.buffer.byteLength) / 65536));
    s.F = new Float64Array(s.memory.buffer);
  }
  const F = s.F;
  for (let j = 0; j < nE; j++) F.set(d.subarray(offs[j] + p0, offs[j] + p0 + m), j * stride);
  // whole fours of pixels: the last one's extra lanes read and write this memory's own slack
  s.k(0, dstAt * 8, flAt * 8, stride * 8, ((m + 3) & ~3) * 8, nE);
  let w = w0;
  let nk = nk0;
  for (let i = 0; i < m; ) {
    if (F[flAt + i] !== 0) {
      i++;
      continue;
    }
    let e = i + 1;
    while (e < m && F[flAt + e] === 0) e++;
    data.set(F.subarray(dstAt + i * nE, dstAt + e * nE), w * nE);
    w += e - i;
    for (let k = p0 + i, ke = p0 + e; k < ke; k++) kept[nk++] = k;
    i = e;
  }
  return { w, nk };
}
