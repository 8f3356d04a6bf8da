/**
 * WebAssembly SIMD (f64x2) kernels of {@link normalizePixels}: the per-pixel maps and the
 * normalised output of a block of pixels, copied into a WebAssembly memory of this module's own
 * (the stack's images side by side, `[nE, Bp]`), computed there two pixels per instruction and
 * copied out. Every value is computed with the same IEEE operations in the same order as the
 * JavaScript loops of normalizePixels (wasm has no fused multiply-add), so the results are the
 * same bits. Internal to edgeworks/stack.
 * @internal
 * @module
 */
import { Fn, I32, V128 } from "../linalg/wasmAsm";
import type { WasmMemory } from "../linalg/wasmKernels";
import { privateModule } from "./_wasmModule";

interface Kernels {
  bgMap: (pOffs: number, cnt: number, pBg: number, nb: number, pCnt: number) => void;
  integ: (pOffs: number, pH: number, cnt: number, pBg: number, pAcc: number, nb: number, pHalf: number) => void;
  outImages: (pD: number, nE: number, stride: number, pBg: number, pDiv: number, nb: number) => void;
}

/** bgMap(pOffs, cnt, pBg, nb, pCnt): bg[i] = (((0 + d_0[i]) + d_1[i]) + …) / cnt over the `cnt` images at byte offsets offs[q], for the nb bytes of a block. */
function bgMapFn(): Fn {
  const f = new Fn("bgMap", ["pOffs", "cnt", "pBg", "nb", "pCnt"]);
  f.local("i", I32).local("q", I32).local("s", V128);
  f.forLt("i", 0, "nb", 16, () => {
    f.vzero().set("s");
    f.forLt("q", 0, "cnt", 1, () => {
      // s = s + d[offs[q] + i]
      f.get("s").get("pOffs").get("q").i32(2).op(0x74).op(0x6a).i32load().get("i").op(0x6a).vload().fadd().set("s");
    });
    f.get("pBg").get("i").op(0x6a).get("s").get("pCnt").vsplat().fdiv().vstore();
  });
  return f;
}

/**
 * integ(pOffs, pH, cnt, pBg, pAcc, nb, pHalf): acc[i] = Σ_{j ≥ 1} h_j·((d_j[i] − bg[i]) + (d_{j−1}[i] − bg[i]))·0.5,
 * added from +0 in the order of j, over the nb bytes of a block.
 */
function integFn(): Fn {
  const f = new Fn("integ", ["pOffs", "pH", "cnt", "pBg", "pAcc", "nb", "pHalf"]);
  f.local("i", I32).local("j", I32).local("g", V128).local("t", V128).local("tp", V128).local("acc", V128);
  const load = (): void => {
    // d[offs[j] + i] − g
    f.get("pOffs").get("j").i32(2).op(0x74).op(0x6a).i32load().get("i").op(0x6a).vload().get("g").fsub();
  };
  f.forLt("i", 0, "nb", 16, () => {
    f.get("pBg").get("i").op(0x6a).vload().set("g");
    f.i32(0).set("j");
    load();
    f.set("tp");
    f.vzero().set("acc");
    f.forLt("j", 1, "cnt", 1, () => {
      load();
      f.set("t");
      // acc = acc + (h_j · (t + tp)) · 0.5
      f.get("acc").get("pH").get("j").i32(3).op(0x74).op(0x6a).vsplat().get("t").get("tp").fadd().fmul().get("pHalf").vsplat().fmul().fadd().set("acc");
      f.get("t").set("tp");
    });
    f.get("pAcc").get("i").op(0x6a).get("acc").vstore();
  });
  return f;
}

/** outImages(pD, nE, stride, pBg, pDiv, nb): d_k[i] = (d_k[i] − bg[i]) / div[i] in place, for the nE images `stride` bytes apart. */
function outImagesFn(): Fn {
  const f = new Fn("outImages", ["pD", "nE", "stride", "pBg", "pDiv", "nb"]);
  f.local("k", I32).local("i", I32).local("p", I32).local("p2", I32).local("g", V128).local("q", V128);
  // two images per pass, sharing the loads of bg and div
  f.get("nE").i32(-2).op(0x71).set("p2"); // images in pairs
  f.forLt("k", 0, "p2", 2, () => {
    f.forLt("i", 0, "nb", 16, () => {
      f.get("pBg").get("i").op(0x6a).vload().set("g");
      f.get("pDiv").get("i").op(0x6a).vload().set("q");
      f.get("pD").get("k").get("stride").op(0x6c).op(0x6a).get("i").op(0x6a).set("p");
      f.get("p").get("p").vload().get("g").fsub().get("q").fdiv().vstore();
      f.get("p").get("stride").op(0x6a).set("p");
      f.get("p").get("p").vload().get("g").fsub().get("q").fdiv().vstore();
    });
  });
  f.forLt("k", "p2", "nE", 1, () => {
    f.forLt("i", 0, "nb", 16, () => {
      f.get("pD").get("k").get("stride").op(0x6c).op(0x6a).get("i").op(0x6a).set("p");
      f.get("p").get("p").vload().get("pBg").get("i").op(0x6a).vload().fsub().get("pDiv").get("i").op(0x6a).vload().fdiv().vstore();
    });
  });
  return f;
}

interface State {
  k: Kernels;
  memory: WasmMemory;
  F: Float64Array;
  I: Int32Array;
}

let state: State | null | undefined;

/** The kernels and their memory (made on first use), or null when WebAssembly SIMD is unavailable or EDGEWORKS_NO_WASM=1. */
function kernels(): State | null {
  if (state !== undefined) return state;
  const m = privateModule<Kernels>([bgMapFn(), integFn(), outImagesFn()], 16);
  state = m && { k: { bgMap: m.exports.bgMap, integ: m.exports.integ, outImages: m.exports.outImages }, memory: m.memory, F: new Float64Array(m.memory.buffer), I: new Int32Array(m.memory.buffer) };
  return state;
}

/** Make the memory at least `bytes` long (growing detaches the old views). */
function reserve(s: State, bytes: number): void {
  if (s.memory.buffer.byteLength >= bytes) return;
  s.memory.grow(Math.ceil((bytes - s.memory.buffer.byteLength) / 65536));
  s.F = new Float64Array(s.memory.buffer);
  s.I = new Int32Array(s.memory.buffer);
}

/** Pixels per block: even, the block's images (8·nE·Bp bytes) ≤ `budget` bytes, between 64 and 4096. */
let blockBudget = 1 << 20;

/** For tests: set the block budget in bytes (returns the previous one). @internal */
export function setNormalizeBlockBudget(bytes: number): number {
  const prev = blockBudget;
  blockBudget = bytes;
  return prev;
}

/** For tests: whether the WebAssembly path is used (false when WebAssembly SIMD is unavailable). @internal */
export function normalizeWasmAvailable(): boolean {
  return kernels() !== null;
}

let disabled = false;

/** For tests: turn the WebAssembly path off (true) or on again (false). @internal */
export function disableNormalizeWasm(off: boolean): void {
  disabled = off;
}

/**
 * The maps and the output of normalizePixels through the WebAssembly kernels: `bg`, `area`,
 * `brightness` (length n, zero on entry) and `out` (nE·n; may be `d` itself) are written;
 * returns the number of invalid pixels (area ≤ 0 or not finite, NaN in `out`), or −1 when
 * WebAssembly is unavailable (nothing written).
 *
 * @param d - the stack's data `[nE, n]`.
 * @param bgK - background image indices; `arK`, `brK` the area and brightness indices, with
 *   `arH`, `brH` their steps in eV (index 0 unused).
 */
export function normalizeWasm(
  d: Float64Array | Float32Array, nE: number, n: number, bgK: Int32Array, arK: Int32Array, arH: Float64Array, brK: Int32Array, brH: Float64Array,
  bg: Float64Array, area: Float64Array, brightness: Float64Array, out: Float64Array,
): number {
  const s = disabled ? null : kernels();
  if (!s) return -1;
  const Bp = Math.max(64, Math.min(4096, Math.floor(blockBudget / (8 * nE)))) & ~1;
  const stride = 8 * Bp;
  // layout (bytes): constants 0.5 and the background count; image offsets (i32); steps (f64);
  // the maps bg, area, brightness, div of a block; the block's images
  const pHalf = 0, pCnt = 8;
  const pBgOffs = 16, pArOffs = pBgOffs + 4 * bgK.length, pBrOffs = pArOffs + 4 * arK.length;
  const pArH = (pBrOffs + 4 * brK.length + 7) & ~7, pBrH = pArH + 8 * arH.length;
  const pBg = (pBrH + 8 * brH.length + 15) & ~15, pArea = pBg + stride, pBright = pArea + stride, pDiv = pBright + stride;
  const pD = pDiv + stride;
  reserve(s, pD + nE * stride);
  const { F, I, k } = s;
  F[pHalf / 8] = 0.5;
  F[pCnt / 8] = bgK.length;
  for (let q = 0; q < bgK.length; q++) I[pBgOffs / 4 + q] = pD + bgK[q] * stride;
  for (let q = 0; q < arK.length; q++) I[pArOffs / 4 + q] = pD + arK[q] * stride;
  for (let q = 0; q < brK.length; q++) I[pBrOffs / 4 + q] = pD + brK[q] * stride;
  F.set(arH, pArH / 8);
  F.set(brH, pBrH / 8);
  const fD = pD / 8, fBg = pBg / 8, fArea = pArea / 8, fBright = pBright / 8, fDiv = pDiv / 8;
  let invalid = 0;
  for (let p0 = 0; p0 < n; p0 += Bp) {
    const p1 = Math.min(n, p0 + Bp);
    const m = p1 - p0;
    const nb = 8 * (m + (m & 1)); // an odd block's last pair computes one value that is not copied out
    for (let e = 0; e < nE; e++) F.set(d.subarray(e * n + p0, e * n + p1), fD + e * Bp);
    k.bgMap(pBgOffs, bgK.length, pBg, nb, pCnt);
    k.integ(pArOffs, pArH, arK.length, pBg, pArea, nb, pHalf);
    k.integ(pBrOffs, pBrH, brK.length, pBg, pBright, nb, pHalf);
    for (let i = 0; i < m; i++) {
      const a = F[fArea + i];
      if (a > 0 && a < Infinity) F[fDiv + i] = a;
      else {
        F[fDiv + i] = NaN; // a pixel whose area is ≤ 0 or not finite becomes NaN
        invalid++;
      }
    }
    bg.set(F.subarray(fBg, fBg + m), p0);
    area.set(F.subarray(fArea, fArea + m), p0);
    brightness.set(F.subarray(fBright, fBright + m), p0);
    k.outImages(pD, nE, stride, pBg, pDiv, nb);
    for (let e = 0; e < nE; e++) out.set(F.subarray(fD + e * Bp, fD + e * Bp + m), e * n + p0);
  }
  return invalid;
}
