import type { Stack } from "../types/stack";
import { outView, overlaps } from "./_outBuffer";
import { normalizeWasm } from "./_normalizeWasm";
import { allocF64, checkIncreasing, checkOptions, checkRange, checkStack, derive, rangeIndices, type EnergyRange } from "./_util";

/** Options of {@link normalizePixels}. With no range given, the paper's O K ranges are used. */
export interface NormalizePixelsOptions {
  /** Background range (eV) whose mean is subtracted from every pixel spectrum (default O K: [520, 526]). */
  background?: EnergyRange;
  /** Range (eV) whose trapezoid area of the background-subtracted spectrum divides it (default O K: [525, 535]). */
  area?: EnergyRange;
  /**
   * Range (eV) whose trapezoid area of the background-subtracted spectrum is the pixel's
   * brightness (O 535–560, Ni 851–857, Co 776–784, Mn 638–647 eV). Default: [535, 560] when
   * neither `background` nor `area` is given, else the `area` range.
   */
  brightness?: EnergyRange;
  /**
   * Where to write the normalised spectra (optional): a Float64Array of at least `nE·ny·nx`
   * values, either separate from the stack's data or that very array (then the OD is replaced by
   * the normalised values, in place). The result stack's `data` is a view of its first
   * `nE·ny·nx` values; values after them are not touched.
   */
  out?: Float64Array;
}

/** Result of {@link normalizePixels}. */
export interface NormalizePixelsResult {
  /** Normalised spectra `(OD − background) / area`, shape `[nE, ny, nx]`; NaN for invalid pixels. */
  stack: Stack;
  /** Per-pixel background mean (OD), `[ny, nx]`. */
  background: Float64Array;
  /** Per-pixel area of the area range (OD·eV), `[ny, nx]`. */
  area: Float64Array;
  /** Per-pixel brightness (OD·eV), `[ny, nx]`. */
  brightness: Float64Array;
  /** Pixels whose area was ≤ 0 or not finite (set to NaN in `stack`). */
  invalid: number;
  /** The ranges used (eV). */
  ranges: { background: EnergyRange; area: EnergyRange; brightness: EnergyRange };
}

/**
 * Per-pixel normalisation of Gent et al. 2017 (Supplementary Methods): subtract each pixel's
 * mean over the background range, divide by the trapezoid area over the area range, and
 * report the brightness (area of a post-edge or L3 range, background subtracted). Pixels whose
 * area is not positive become NaN and are counted. Blocks of pixels are copied into a
 * WebAssembly memory (about 1 MiB, kept for the next call) where the maps and the output are
 * computed two pixels per SIMD instruction; without WebAssembly the same operations run in
 * JavaScript loops. Memory is the output (8·nE·ny·nx bytes) plus 32·ny·nx bytes.
 *
 * @param stack - OD stack `[nE, ny, nx]`, energies increasing.
 * @param options - {@link NormalizePixelsOptions}.
 * @returns the normalised stack (its data are `options.out` when given) and the per-pixel maps.
 * @throws RangeError when `options.out` is shorter than `nE·ny·nx` or partly overlaps the input; TypeError when it is not a Float64Array.
 * @example
 * const { stack: norm, brightness } = normalizePixels(od, { background: [520, 526], area: [525, 535], brightness: [535, 560] });
 */
export function normalizePixels(stack: Stack, options: NormalizePixelsOptions = {}): NormalizePixelsResult {
  const fn = "normalizePixels";
  checkOptions(fn, options, ["background", "area", "brightness", "out"]);
  checkStack(fn, stack);
  checkIncreasing(fn, stack.energies);
  const oxygen = options.background === undefined && options.area === undefined;
  const bgR = checkRange(fn, "background", options.background ?? [520, 526]);
  const arR = checkRange(fn, "area", options.area ?? [525, 535]);
  const brR = checkRange(fn, "brightness", options.brightness ?? (oxygen ? [535, 560] : arR));
  const e = stack.energies;
  const bgI = rangeIndices(fn, "background", e, bgR);
  const arI = rangeIndices(fn, "area", e, arR);
  const brI = rangeIndices(fn, "brightness", e, brR);
  if (arI.length < 2) throw new RangeError(`${fn}: area range [${arR[0]}, ${arR[1]}] eV holds ${arI.length} energy; expected at least 2 to integrate`);
  if (brI.length < 2) throw new RangeError(`${fn}: brightness range [${brR[0]}, ${brR[1]}] eV holds ${brI.length} energy; expected at least 2 to integrate`);
  const { nE, ny, nx } = stack;
  const n = ny * nx;
  const d = stack.data;
  const bg = new Float64Array(n);
  const area = new Float64Array(n);
  const brightness = new Float64Array(n);
  const given = outView(fn, options.out, nE * n, Float64Array);
  if (given && overlaps(given, d) && !(d instanceof Float64Array && given.buffer === d.buffer && given.byteOffset === d.byteOffset)) {
    throw new RangeError(`${fn}: option "out" overlaps the stack's data at a different offset; expected a separate buffer or the stack's own data array`);
  }
  const out = given ?? allocF64(nE * n); // every value is written
  const bgK = Int32Array.from(bgI);
  const arK = Int32Array.from(arI);
  const brK = Int32Array.from(brI);
  const arH = Float64Array.from({ length: arI.length }, (_, j) => (j === 0 ? 0 : e[arI[j]] - e[arI[j - 1]]));
  const brH = Float64Array.from({ length: brI.length }, (_, j) => (j === 0 ? 0 : e[brI[j]] - e[brI[j - 1]]));
  // WebAssembly SIMD where available (the same operations in the same order, two pixels per
  // instruction, on blocks copied into its memory): on the plateau (6 × 11,400 px × 57 E, Zen 5
  // VM, 2026-12-02) 5.0–5.9 ms against 8.3–8.9 ms for the JavaScript loops below (11.2–13.1 ms
  // before their blocking); at 10⁶ px × 100 E, memory-bound, about the same. Else the JavaScript loops.
  let invalid = normalizeWasm(d, nE, n, bgK, arK, arH, brK, brH, bg, area, brightness, out);
  if (invalid < 0) invalid = normalizeJs(d, nE, n, bgK, arK, arH, brK, brH, bg, area, brightness, out);
  return {
    stack: derive(stack, { data: out, metadata: { normalized: { background: bgR, area: arR, brightness: brR } } }),
    background: bg,
    area,
    brightness,
    invalid,
    ranges: { background: bgR, area: arR, brightness: brR },
  };
}

/**
 * The maps and the output of {@link normalizePixels} in JavaScript (without WebAssembly):
 * `bg`, `area`, `brightness` (length n, zero on entry) and `out` (nE·n, may be `d`) are
 * written; returns the number of invalid pixels.
 */
function normalizeJs(
  d: Float64Array | Float32Array, nE: number, n: number, bgK: Int32Array, arK: Int32Array, arH: Float64Array, brK: Int32Array, brH: Float64Array,
  bg: Float64Array, area: Float64Array, brightness: Float64Array, out: Float64Array,
): number {
  // The maps in blocks of 4096 pixels: the per-pixel sums (32 KiB each) stay in L1/L2 while
  // 32 KiB runs of the images stream through (blocks of ≤ 256 KiB of spectra, sized for reuse
  // between the ranges, read each image in runs too short for the prefetcher: 13 % slower from
  // memory on the plateau, 2026-12-02). Each pass over a block adds up to eight images
  // (`sumBlock`) or integrates four steps (`integrateBlock`), loading and storing the per-pixel
  // sum once per pass rather than once per image (about 30 % of the step); per pixel, the same
  // operations in the same order as one image at a time.
  const B = Math.min(n, 4096);
  const div = new Float64Array(n); // area, or NaN for invalid pixels
  let invalid = 0;
  for (let p0 = 0; p0 < n; p0 += B) {
    const p1 = Math.min(n, p0 + B);
    sumBlock(d, n, bgK, bg, p0, p1);
    for (let i = p0; i < p1; i++) bg[i] /= bgK.length;
    integrateBlock(d, n, bg, arK, arH, area, p0, p1);
    integrateBlock(d, n, bg, brK, brH, brightness, p0, p1);
    for (let i = p0; i < p1; i++) {
      const a = area[i];
      if (a > 0 && a < Infinity) div[i] = a;
      else {
        div[i] = NaN; // a pixel whose area is ≤ 0 or not finite becomes NaN
        invalid++;
      }
    }
  }
  // The output image by image (eight at a time, sharing the loads of bg and the divisor): the new
  // array is first touched in address order, which costs the kernel far less than touching
  // nE pages at once per block (page faults dominate for stacks of hundreds of MB).
  let k = 0;
  for (; k + 8 <= nE; k += 8) {
    const o0 = k * n, o1 = o0 + n, o2 = o1 + n, o3 = o2 + n, o4 = o3 + n, o5 = o4 + n, o6 = o5 + n, o7 = o6 + n;
    for (let i = 0; i < n; i++) {
      const g = bg[i];
      const q = div[i];
      out[o0 + i] = (d[o0 + i] - g) / q;
      out[o1 + i] = (d[o1 + i] - g) / q;
      out[o2 + i] = (d[o2 + i] - g) / q;
      out[o3 + i] = (d[o3 + i] - g) / q;
      out[o4 + i] = (d[o4 + i] - g) / q;
      out[o5 + i] = (d[o5 + i] - g) / q;
      out[o6 + i] = (d[o6 + i] - g) / q;
      out[o7 + i] = (d[o7 + i] - g) / q;
    }
  }
  for (; k + 4 <= nE; k += 4) {
    const o0 = k * n, o1 = o0 + n, o2 = o1 + n, o3 = o2 + n;
    for (let i = 0; i < n; i++) {
      const g = bg[i];
      const q = div[i];
      out[o0 + i] = (d[o0 + i] - g) / q;
      out[o1 + i] = (d[o1 + i] - g) / q;
      out[o2 + i] = (d[o2 + i] - g) / q;
      out[o3 + i] = (d[o3 + i] - g) / q;
    }
  }
  for (; k < nE; k++) {
    const off = k * n;
    for (let i = 0; i < n; i++) out[off + i] = (d[off + i] - bg[i]) / div[i];
  }
  return invalid;
}

/**
 * acc[i] += Σ_q d[idx[q]·n + i] for pixels p0 ≤ i < p1 of a stack `[nE, n]`, the images added in
 * the order of `idx`. Eight (then four) images per pass over the block, one load and store of
 * acc[i] per pass instead of per value; the same additions in the same order as one at a time.
 */
function sumBlock(d: Float64Array | Float32Array, n: number, idx: Int32Array, acc: Float64Array, p0: number, p1: number): void {
  let q = 0;
  for (; q + 8 <= idx.length; q += 8) {
    const o0 = idx[q] * n, o1 = idx[q + 1] * n, o2 = idx[q + 2] * n, o3 = idx[q + 3] * n;
    const o4 = idx[q + 4] * n, o5 = idx[q + 5] * n, o6 = idx[q + 6] * n, o7 = idx[q + 7] * n;
    for (let i = p0; i < p1; i++) {
      let s = acc[i] + d[o0 + i];
      s += d[o1 + i];
      s += d[o2 + i];
      s += d[o3 + i];
      s += d[o4 + i];
      s += d[o5 + i];
      s += d[o6 + i];
      acc[i] = s + d[o7 + i];
    }
  }
  for (; q + 4 <= idx.length; q += 4) {
    const o0 = idx[q] * n, o1 = idx[q + 1] * n, o2 = idx[q + 2] * n, o3 = idx[q + 3] * n;
    for (let i = p0; i < p1; i++) {
      let s = acc[i] + d[o0 + i];
      s += d[o1 + i];
      s += d[o2 + i];
      acc[i] = s + d[o3 + i];
    }
  }
  for (; q < idx.length; q++) {
    const off = idx[q] * n;
    for (let i = p0; i < p1; i++) acc[i] += d[off + i];
  }
}

/**
 * acc[i] += trapezoid area of (d − bg) over the energy indices `idx` (steps `h[j]` in eV between
 * idx[j − 1] and idx[j]) for pixels p0 ≤ i < p1 of a stack `[nE, n]`.
 */
function integrateBlock(d: Float64Array | Float32Array, n: number, bg: Float64Array, idx: Int32Array, h: Float64Array, acc: Float64Array, p0: number, p1: number): void {
  // acc += h_j·((d_j − bg) + (d_{j−1} − bg))·0.5 per step j (× 0.5 ≡ ÷ 2 exactly), four steps per
  // pass sharing each image's d − bg with the next step (x + y ≡ y + x); the same operations in
  // the same order as step by step
  let j = 1;
  for (; j + 4 <= idx.length; j += 4) {
    const a = idx[j - 1] * n, b = idx[j] * n, c = idx[j + 1] * n, e = idx[j + 2] * n, f = idx[j + 3] * n;
    const h1 = h[j], h2 = h[j + 1], h3 = h[j + 2], h4 = h[j + 3];
    for (let i = p0; i < p1; i++) {
      const g = bg[i];
      const ta = d[a + i] - g;
      const tb = d[b + i] - g;
      const tc = d[c + i] - g;
      const te = d[e + i] - g;
      const tf = d[f + i] - g;
      let s = acc[i] + h1 * (tb + ta) * 0.5;
      s += h2 * (tc + tb) * 0.5;
      s += h3 * (te + tc) * 0.5;
      acc[i] = s + h4 * (tf + te) * 0.5;
    }
  }
  for (; j < idx.length; j++) {
    const a = idx[j - 1] * n;
    const b = idx[j] * n;
    const hj = h[j];
    for (let i = p0; i < p1; i++) acc[i] += hj * (d[b + i] - bg[i] + (d[a + i] - bg[i])) * 0.5;
  }
}
