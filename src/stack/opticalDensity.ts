import type { Stack } from "../types/stack";
import { allocF32, allocF64, checkFinite, checkNumber, checkOptions, checkStack, derive } from "./_util";
import type { I0Result } from "./extractI0";
import { outView, overlaps } from "./_outBuffer";
import { odImageWasm, odWasmAvailable } from "./_odWasm";

/** Options of {@link opticalDensity}. */
export interface OpticalDensityOptions {
  /** The incident flux: an {@link I0Result} (its dwell is used) or a spectrum of length `nE` in counts. Required. */
  i0: I0Result | ArrayLike<number>;
  /**
   * Dwell time(s) in ms at which `i0` was measured (scalar or length `nE`); I0 is scaled by
   * `stack.dwell[e] / i0Dwell[e]` (dwell-time scaling). Default: the I0Result's dwell, else the stack's dwell (no scaling).
   */
  i0Dwell?: number | ArrayLike<number>;
  /** What to do with counts ≤ 0: "floor" replaces them by `floor` counts (default), "nan" gives NaN. Either way they are counted. */
  nonPositive?: "floor" | "nan";
  /** The replacement count for "floor" (default 1, the smallest non-zero photon count; MANTiS uses 0.01). */
  floor?: number;
  /** Output array type (default "float64"; "float32" halves memory for very large stacks). */
  output?: "float64" | "float32";
  /**
   * Where to write the OD values (optional): a Float64Array (a Float32Array with `output:
   * "float32"`) of at least `nE·ny·nx` values that does not overlap the stack's data. The result
   * stack's `data` is then a view of its first `nE·ny·nx` values (no new array is allocated);
   * values after them are not touched. Lets a caller reuse one buffer, e.g. band after band.
   */
  out?: Float64Array | Float32Array;
}

/** Result of {@link opticalDensity}. */
export interface OpticalDensityResult {
  /** Optical density −ln(I/I0), shape `[nE, ny, nx]`, `quantity: "od"`. */
  stack: Stack;
  /** The I0 actually divided by (after dwell scaling), length `nE`, counts. */
  i0: Float64Array;
  /** How many counts were ≤ 0 (floored or set to NaN). */
  nonPositive: number;
}

/**
 * Optical density OD = −ln(I / I0) of every pixel, with I0 scaled by the dwell-time ratio.
 * Counts ≤ 0 are handled explicitly (floored or NaN) and counted; NaN/Inf counts are an error.
 * Elementwise, so memory is the input plus one output array (8 bytes per value, 4 with `output: "float32"`).
 *
 * @param stack - raw counts, shape `[nE, ny, nx]`.
 * @param options - {@link OpticalDensityOptions}; `i0` is required.
 * @returns a new stack (the input is not changed; its data are `options.out` when given) and the count of non-positive values.
 * @throws RangeError when `options.out` is shorter than `nE·ny·nx` or overlaps the input; TypeError when it is not of the output type.
 * @example
 * const od = opticalDensity(stack, { i0: extractI0(stack, { region }) }).stack;
 */
export function opticalDensity(stack: Stack, options: OpticalDensityOptions): OpticalDensityResult {
  const fn = "opticalDensity";
  checkOptions(fn, options, ["i0", "i0Dwell", "nonPositive", "floor", "output", "out"]);
  checkStack(fn, stack);
  if (!options || options.i0 === undefined) {
    throw new Error(`${fn}: option "i0" is required (an I0Result from extractI0, or an I0 spectrum of length nE = ${stack.nE})`);
  }
  if (stack.quantity !== "counts") {
    throw new Error(`${fn}: the stack holds "${stack.quantity}", expected "counts"`);
  }
  const { nE, ny, nx } = stack;
  // Non-finite counts are found by the (single) pass below or by checkFinite before the
  // logarithm pass; an error found later is reported after that one, as it always was.
  const fail = (err: Error): never => {
    checkFinite(fn, stack);
    throw err;
  };
  const isResult = !ArrayBuffer.isView(options.i0) && !Array.isArray(options.i0) && typeof (options.i0 as I0Result).i0 === "object";
  const i0src: ArrayLike<number> = isResult ? (options.i0 as I0Result).i0 : (options.i0 as ArrayLike<number>);
  if (i0src.length !== nE) fail(new RangeError(`${fn}: option "i0" has length ${i0src.length}, expected nE = ${nE}`));
  let i0dw: ArrayLike<number>;
  if (options.i0Dwell !== undefined) {
    if (typeof options.i0Dwell === "number") {
      try {
        checkNumber(fn, "i0Dwell", options.i0Dwell, Number.MIN_VALUE);
      } catch (err) {
        fail(err as Error);
      }
      i0dw = new Float64Array(nE).fill(options.i0Dwell);
    } else i0dw = options.i0Dwell;
  } else if (isResult) i0dw = (options.i0 as I0Result).dwell;
  else i0dw = stack.dwell;
  if (i0dw.length !== nE) fail(new RangeError(`${fn}: option "i0Dwell" has length ${i0dw.length}, expected nE = ${nE}`));
  const i0 = new Float64Array(nE);
  for (let e = 0; e < nE; e++) {
    const v = (i0src[e] * stack.dwell[e]) / i0dw[e];
    if (!(v > 0) || !Number.isFinite(v)) {
      fail(new RangeError(`${fn}: I0 at energy index ${e} (${stack.energies[e]} eV) is ${v} after dwell scaling; expected a positive finite flux`));
    }
    i0[e] = v;
  }
  const mode = options.nonPositive ?? "floor";
  if (mode !== "floor" && mode !== "nan") fail(new Error(`${fn}: option "nonPositive" must be "floor" or "nan", got ${JSON.stringify(mode)}`));
  let floor = 1;
  try {
    floor = checkNumber(fn, "floor", options.floor ?? 1, Number.MIN_VALUE);
  } catch (err) {
    fail(err as Error);
  }
  const outType = options.output ?? "float64";
  if (outType !== "float64" && outType !== "float32") fail(new Error(`${fn}: option "output" must be "float64" or "float32", got ${JSON.stringify(outType)}`));
  const n = ny * nx;
  const d = stack.data;
  const given = outType === "float32" ? outView(fn, options.out, d.length, Float32Array) : outView(fn, options.out, d.length, Float64Array);
  if (given && overlaps(given, d)) fail(new RangeError(`${fn}: option "out" overlaps the stack's data; expected a separate buffer`));
  const out = given ?? (outType === "float32" ? allocF32(d.length) : allocF64(d.length)); // every value is written
  // Raw detector counts are small integers: then ln(count) comes from a table (one lookup per
  // value instead of a logarithm) and OD = ln(I0) − ln(I), equal to −ln(I/I0) within an ulp or two.
  // The table is used when every count is an integer ≤ 2²² and the largest is at most a quarter
  // of the number of values (else the table costs more than it saves), in stacks of more than
  // 2¹⁶ values; otherwise (or when the data are not finite) OD is −ln(I/I0) with Math.log.
  let bad = d.length > 1 << 16 ? odFromTable(d, out, i0, n, nE, mode === "nan", floor, d.length / 4) : -1;
  if (bad < 0) {
    checkFinite(fn, stack);
    bad = 0;
    for (let e = 0; e < nE; e++) {
      const off = e * n;
      const ie = i0[e];
      for (let i = off; i < off + n; i++) {
        let v = d[i];
        if (v <= 0) {
          bad++;
          if (mode === "nan") {
            out[i] = NaN;
            continue;
          }
          v = floor;
        }
        out[i] = 0 - Math.log(v / ie); // "0 −" gives +0 rather than −0 when v = I0
      }
    }
  }
  return { stack: derive(stack, { data: out, quantity: "od", metadata: { i0: Array.from(i0) } }), i0, nonPositive: bad };
}

/**
 * OD = ln(I0[e]) − ln(count) for integer counts, with ln(k) from a table grown on demand, in one
 * pass over `d` (`[nE, n]`) writing every value of `out`. Counts ≤ 0 give NaN (`nan`) or
 * ln(I0) − ln(floor). Returns how many counts were ≤ 0, or −1 (nothing to be used) as soon as a
 * value is not an integer (NaN, ±Infinity included), exceeds 2²², or exceeds `maxTable`.
 */
function odFromTable(d: Float64Array | Float32Array, out: Float64Array | Float32Array, i0: Float64Array, n: number, nE: number, nan: boolean, floor: number, maxTable: number): number {
  const limit = Math.floor(maxTable) + 1; // counts must stay below this
  let table = lnTable(Math.max(2, Math.min(4096, limit)));
  let cap = Math.min(table.length, limit); // table[k] holds ln k for 1 ≤ k < cap
  const lnFloor = Math.log(floor);
  const wasm = odWasmAvailable();
  let bad = 0;
  for (let e = 0; e < nE; e++) {
    const off = e * n;
    const end = off + n;
    const lnI0 = Math.log(i0[e]);
    // First the image as if every count were an integer in [1, M) (M the largest power of two
    // ≤ cap): no branch per value, four at a time. Two accumulators see every count that is not:
    // `low` ORs k − 1 and k = trunc(count) (int32), whose bits above M − 1 are all clear exactly
    // when 1 ≤ k < M; `frac` sums (count − k)², zero exactly when every count equals its k (NaN
    // or a positive square otherwise: squares cannot cancel, and a count beyond 2³¹ whose k wrapped
    // into range leaves a square ≥ 1). An image with either flag is done again below, value by
    // value. (One comparison per value cost about a quarter more.)
    const M = 2 ** Math.floor(Math.log2(cap));
    const m = M - 1;
    // The pass runs in WebAssembly SIMD when available (the same bits, about 1.3–2× faster with
    // its copies in and out; its memory keeps a copy of the table, so only tables up to the
    // cached 2²⁰ entries), else in JavaScript.
    // (the kernel takes four counts at a time: the last n mod 4 go through the JavaScript pass)
    const n4 = n & ~3;
    const flag = wasm && M <= 1 << 20 ? +odImageWasm(d, out, off, n4, lnI0, table, M) | odImageJs(d, out, off + n4, n - n4, lnI0, table, m) : odImageJs(d, out, off, n, lnI0, table, m);
    if (flag === 0) continue;
    for (let i = off; i < end; i++) {
      const v = d[i];
      const k = v | 0;
      if (k === v && k > 0 && k < cap) {
        out[i] = lnI0 - table[k];
        continue;
      }
      if (v - v !== 0 || v !== Math.floor(v) || v > 1 << 22) return -1; // −Infinity too
      if (v <= 0) {
        bad++;
        out[i] = nan ? NaN : lnI0 - lnFloor;
        continue;
      }
      if (v > maxTable) return -1;
      table = lnTable(Math.min(Math.max(2 * cap, v + 1), limit));
      cap = Math.min(table.length, limit);
      out[i] = lnI0 - table[v];
    }
  }
  return bad;
}

/**
 * The table pass over one image in JavaScript: `out[off + i] = lnI0 − table[trunc(d[off + i]) & m]`
 * for i < n, and whether any count there is not an integer in [1, m + 1) (nonzero: redo the image).
 */
function odImageJs(d: Float64Array | Float32Array, out: Float64Array | Float32Array, off: number, n: number, lnI0: number, table: Float64Array, m: number): number {
  // (The image as views of its own: indices from 0 below their common length let V8 drop
  // some bounds checks: a plateau sample 2.09 → 1.90 ms.)
  const di = d.subarray(off, off + n);
  const oi = out.subarray(off, off + n);
  const n4 = n & ~3;
  let low = 0;
  let frac = 0;
  for (let j = 0; j < n4; j += 4) {
    const v0 = di[j], v1 = di[j + 1], v2 = di[j + 2], v3 = di[j + 3];
    const k0 = v0 | 0, k1 = v1 | 0, k2 = v2 | 0, k3 = v3 | 0;
    oi[j] = lnI0 - table[k0 & m];
    oi[j + 1] = lnI0 - table[k1 & m];
    oi[j + 2] = lnI0 - table[k2 & m];
    oi[j + 3] = lnI0 - table[k3 & m];
    const f0 = v0 - k0, f1 = v1 - k1, f2 = v2 - k2, f3 = v3 - k3;
    frac += f0 * f0 + f1 * f1 + (f2 * f2 + f3 * f3);
    low |= (k0 - 1) | k0 | (k1 - 1) | k1 | (k2 - 1) | k2 | (k3 - 1) | k3;
  }
  for (let j = n4; j < n; j++) {
    const v = di[j];
    const k = v | 0;
    oi[j] = lnI0 - table[k & m];
    frac += (v - k) * (v - k);
    low |= (k - 1) | k;
  }
  return (low & ~m) | +(frac !== 0);
}

/** ln k for k < the cached length (index 0 unused), kept between calls up to 2²⁰ entries (8 MiB). */
let lnCache = new Float64Array(0);

/** A table with ln k at index k for 1 ≤ k < at least `size` (Math.log values, the same in every call); its length is a power of two. */
function lnTable(size: number): Float64Array {
  if (lnCache.length >= size) return lnCache;
  const t = new Float64Array(2 ** Math.ceil(Math.log2(Math.max(2, size)))); // a power of two (see odFromTable)
  t.set(lnCache);
  for (let k = Math.max(1, lnCache.length); k < t.length; k++) t[k] = Math.log(k);
  if (t.length <= 1 << 20) lnCache = t;
  return t;
}
