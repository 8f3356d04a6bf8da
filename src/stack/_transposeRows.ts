/**
 * The transposition at the heart of {@link toPixelTable} and of `preprocessSeriesInBands`' table
 * rows: an energy-major stack's pixels (all, or a mask's) at chosen energies, written as rows of
 * a pixel-major table, rows holding a non-finite value left out. Internal to edgeworks/stack.
 * @internal
 * @module
 */
import type { Stack } from "../types/stack";
import { transposeBlockPixels, transposeBlockWasm, transposeWasmFits } from "./_transposeWasm";

/** Pixels per block of the JavaScript loops. */
const BLOCK = 512;
/** Per pixel of a block of the JavaScript loops: Σ v·0 over its values, NaN once one is NaN or ±Infinity. */
const blockFlags = new Float64Array(BLOCK);

/**
 * Write the pixels of `st` (all, or those listed in `pix`, ascending) at the energy indices `c` as
 * rows `row0, row0 + 1, …` of `data` (`[*, nE]`, row-major), leaving out the pixels with a
 * non-finite value there; the index of every written pixel goes into `kept`. Returns how many were
 * written. A Float64 stack's blocks of consecutive pixels go through the WebAssembly kernel
 * ({@link transposeBlockWasm}, blocks of about 512 KiB of images: 1,308 pixels at 50 energies);
 * on the plateau table (62,661 rows × 50, 2-core Xeon VM, 2026-12-03) 11–13 ms against 16–17 ms
 * for the loops below, which read and write the values where they are instead of copying the
 * block in and its rows out, but spend about 4 ns per value to the kernel's 0.5. Other blocks
 * (Float32 stacks, a mask's pixels with gaps) go through the JavaScript loops, in blocks of 512
 * pixels: each selected image is read along a contiguous run (sixteen, then
 * eight images at a time, adjacent values of each row written: a cache line or two; four at a time
 * through a mask's pixel list), and each pixel's finiteness flag (Σ v·0: ±0 while every value is
 * finite, NaN after a NaN or ±Infinity) is summed on the way, independently for the block's pixels
 * (a sum over a row after the copy was one dependent chain of nE additions per row, about a third
 * of the step); then the block's kept rows, still in cache, are moved up over the dropped ones a
 * run of consecutive kept rows at a time (`copyWithin`: in blocks of empty background about every
 * other pixel is dropped). On the simulated plateau (62,661 rows × 50) this is 20–35 % faster than
 * four images at a time with a row-by-row move and check. Blocks of 512 rather than 128 pixels (4
 * KiB runs of each image; the block's rows, 4 KiB per energy, stay in L2 up to a few hundred
 * energies) made the transposition 7–12 % faster there, and sixteen images at a time another 4–7 %
 * (2026-12-02, 2-core Zen 5 VM; toPixelTable 5.4–6.0 → 4.8–5.0 ms).
 */
export function transposeRows(data: Float64Array, nE: number, row0: number, st: Stack, pix: Int32Array | null, c: Int32Array, kept: Int32Array): number {
  const n = st.ny * st.nx;
  const d = st.data;
  const count = pix ? pix.length : n;
  const flag = blockFlags;
  let w0 = row0;
  let nk = 0;
  const wasm = d instanceof Float64Array && transposeWasmFits(nE);
  const block = wasm ? transposeBlockPixels(nE) : BLOCK;
  const offs = wasm ? Int32Array.from(c, (cj) => cj * n) : null;
  // a contiguous run of pixels reads image p at offset p; otherwise through pix
  const shiftOf = (k0: number, k1: number): number => (pix === null ? 0 : pix[k1 - 1] - pix[k0] === k1 - 1 - k0 ? pix[k0] - k0 : -1);
  for (let k0 = 0, k1 = 0; k0 < count; k0 = k1) {
    k1 = Math.min(count, k0 + block);
    let shift = shiftOf(k0, k1);
    if (wasm && shift >= 0) {
      const r = transposeBlockWasm(d as Float64Array, offs as Int32Array, nE, k0 + shift, k1 - k0, data, w0, kept, nk);
      w0 = r.w;
      nk = r.nk;
      continue;
    }
    if (k1 - k0 > BLOCK) {
      k1 = k0 + BLOCK; // the loops' own block size
      shift = shiftOf(k0, k1);
    }
    const base = w0 * nE;
    flag.fill(0, 0, k1 - k0);
    let j = 0;
    if (shift >= 0) {
      // sixteen images at a time (one load and store of the flag per sixteen values), then eight
      for (; j + 16 <= nE; j += 16) {
        const o0 = c[j] * n, o1 = c[j + 1] * n, o2 = c[j + 2] * n, o3 = c[j + 3] * n;
        const o4 = c[j + 4] * n, o5 = c[j + 5] * n, o6 = c[j + 6] * n, o7 = c[j + 7] * n;
        const q0 = c[j + 8] * n, q1 = c[j + 9] * n, q2 = c[j + 10] * n, q3 = c[j + 11] * n;
        const q4 = c[j + 12] * n, q5 = c[j + 13] * n, q6 = c[j + 14] * n, q7 = c[j + 15] * n;
        let w = base + j;
        for (let p = k0 + shift, pe = k1 + shift, i = 0; p < pe; p++, i++, w += nE) {
          const a = d[o0 + p], b = d[o1 + p], e = d[o2 + p], f = d[o3 + p];
          data[w] = a;
          data[w + 1] = b;
          data[w + 2] = e;
          data[w + 3] = f;
          const g = d[o4 + p], h = d[o5 + p], u = d[o6 + p], v = d[o7 + p];
          data[w + 4] = g;
          data[w + 5] = h;
          data[w + 6] = u;
          data[w + 7] = v;
          let fl = a * 0 + b * 0 + e * 0 + f * 0 + (g * 0 + h * 0 + u * 0 + v * 0);
          const a2 = d[q0 + p], b2 = d[q1 + p], e2 = d[q2 + p], f2 = d[q3 + p];
          data[w + 8] = a2;
          data[w + 9] = b2;
          data[w + 10] = e2;
          data[w + 11] = f2;
          const g2 = d[q4 + p], h2 = d[q5 + p], u2 = d[q6 + p], v2 = d[q7 + p];
          data[w + 12] = g2;
          data[w + 13] = h2;
          data[w + 14] = u2;
          data[w + 15] = v2;
          fl += a2 * 0 + b2 * 0 + e2 * 0 + f2 * 0 + (g2 * 0 + h2 * 0 + u2 * 0 + v2 * 0);
          flag[i] += fl;
        }
      }
      for (; j + 8 <= nE; j += 8) {
        const o0 = c[j] * n, o1 = c[j + 1] * n, o2 = c[j + 2] * n, o3 = c[j + 3] * n;
        const o4 = c[j + 4] * n, o5 = c[j + 5] * n, o6 = c[j + 6] * n, o7 = c[j + 7] * n;
        let w = base + j;
        for (let p = k0 + shift, pe = k1 + shift, i = 0; p < pe; p++, i++, w += nE) {
          const a = d[o0 + p], b = d[o1 + p], e = d[o2 + p], f = d[o3 + p];
          const g = d[o4 + p], h = d[o5 + p], u = d[o6 + p], v = d[o7 + p];
          data[w] = a;
          data[w + 1] = b;
          data[w + 2] = e;
          data[w + 3] = f;
          data[w + 4] = g;
          data[w + 5] = h;
          data[w + 6] = u;
          data[w + 7] = v;
          flag[i] += a * 0 + b * 0 + e * 0 + f * 0 + (g * 0 + h * 0 + u * 0 + v * 0);
        }
      }
    }
    for (; j + 4 <= nE; j += 4) {
      const o0 = c[j] * n, o1 = c[j + 1] * n, o2 = c[j + 2] * n, o3 = c[j + 3] * n;
      let w = base + j;
      if (shift >= 0) {
        for (let p = k0 + shift, pe = k1 + shift, i = 0; p < pe; p++, i++, w += nE) {
          const a = d[o0 + p], b = d[o1 + p], e = d[o2 + p], f = d[o3 + p];
          data[w] = a;
          data[w + 1] = b;
          data[w + 2] = e;
          data[w + 3] = f;
          flag[i] += a * 0 + b * 0 + e * 0 + f * 0;
        }
      } else {
        const px = pix as Int32Array;
        for (let k = k0, i = 0; k < k1; k++, i++, w += nE) {
          const p = px[k];
          const a = d[o0 + p], b = d[o1 + p], e = d[o2 + p], f = d[o3 + p];
          data[w] = a;
          data[w + 1] = b;
          data[w + 2] = e;
          data[w + 3] = f;
          flag[i] += a * 0 + b * 0 + e * 0 + f * 0;
        }
      }
    }
    for (; j < nE; j++) {
      const off = c[j] * n;
      let w = base + j;
      if (shift >= 0) {
        for (let p = k0 + shift, pe = k1 + shift, i = 0; p < pe; p++, i++, w += nE) {
          const a = d[off + p];
          data[w] = a;
          flag[i] += a * 0;
        }
      } else {
        for (let k = k0, i = 0; k < k1; k++, i++, w += nE) {
          const a = d[off + (pix as Int32Array)[k]];
          data[w] = a;
          flag[i] += a * 0;
        }
      }
    }
    // the kept rows, a run at a time, up over the dropped ones (flag NaN)
    const m = k1 - k0;
    let dst = base;
    for (let i = 0; i < m; ) {
      if (flag[i] !== 0) {
        i++;
        continue;
      }
      let e = i + 1;
      while (e < m && flag[e] === 0) e++;
      const src = base + i * nE;
      if (dst !== src) data.copyWithin(dst, src, base + e * nE);
      dst += (e - i) * nE;
      if (pix === null) for (let k = k0 + i; k < k0 + e; k++) kept[nk++] = k;
      else for (let k = k0 + i; k < k0 + e; k++) kept[nk++] = pix[k];
      i = e;
    }
    w0 = dst / nE;
  }
  return nk;
}
