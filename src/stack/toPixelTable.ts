import type { Stack } from "../types/stack";
import { stagePixelSize } from "./stagePixelSize";
import { PIXEL_DIMS, type PixelTable } from "../types/pixel-table";
import { allocWasmF64, mallocHugePagesOnly } from "../linalg/wasmArrays";
import { transposeBlockPixels, transposeBlockWasm, transposeWasmAvailable } from "./_transposeWasm";
import { allocF64, checkMask, checkOptions, checkRange, checkStack, rangeIndices, type EnergyRange } from "./_util";

/** One sample given to {@link toPixelTable}. */
export interface PixelTableInput {
  /** The (normalised) stack `[nE, ny, nx]`; all inputs must share the selected energies. */
  stack: Stack;
  /** Pixels to include, `[ny, nx]` (default: all). */
  mask?: ArrayLike<number | boolean>;
  /** Per-pixel brightness `[ny, nx]` (e.g. `normalizePixels(...).brightness`); default NaN. */
  brightness?: ArrayLike<number>;
  /** Sample name (default: the stack's source, else "sample i"). */
  name?: string;
}

/** Options of {@link toPixelTable}. */
export interface ToPixelTableOptions {
  /** Keep only the energies inside this range (eV), e.g. the O K pre-edge [520, 535]. Default: all. */
  energyRange?: EnergyRange;
  /** Largest allowed disagreement of the samples' energies (eV, default 1e-6). */
  energyTolerance?: number;
}

/** Result of {@link toPixelTable}. */
export interface ToPixelTableResult {
  /** The combined table. */
  table: PixelTable;
  /** Masked pixels left out because a value was NaN or infinite (e.g. area ≤ 0), per sample. */
  dropped: number[];
}

/**
 * Combine several samples into one {@link PixelTable} (rows = masked pixels of sample 0, then
 * sample 1, …, each in y-then-x order; columns = energies). Rows holding a non-finite value are
 * dropped and counted. One pass over the selected images: the energy-major stacks are
 * transposed in blocks of pixels straight into the table, and rows with a non-finite value are
 * squeezed out of each block while it is in cache (Float64 stacks: by a WebAssembly SIMD kernel
 * on a copy of the block, see `_transposeWasm.ts`; Float32 stacks and masks with gaps inside a
 * block: by JavaScript loops; the same bits either way). The table is allocated once, for all
 * masked pixels (its `data` is a view of the rows kept; from 1 MiB on, in a WebAssembly memory
 * of its own that the PCA/NMF kernels read in place — unless ordinary arrays get transparent
 * huge pages and WebAssembly memory does not, see {@link mallocHugePagesOnly}: then in an
 * ordinary array, whose pages cost about 4× less to fill than the kernels save by reading in
 * place). Memory is the table, 8·nPixels·nE bytes
 * (about 30 MB for the 74,700 × 50 plateau matrix, 800 MB for 10⁶ × 100, plus 8·nE bytes per
 * dropped row), and 4 bytes per masked pixel while it runs.
 *
 * @param inputs - the samples.
 * @param options - {@link ToPixelTableOptions}.
 * @returns the table and the dropped counts.
 * @example
 * const { table } = toPixelTable(samples.map((s) => ({ stack: s.norm, mask: s.mask, brightness: s.brightness })), { energyRange: [520, 535] });
 */
export function toPixelTable(inputs: readonly PixelTableInput[], options: ToPixelTableOptions = {}): ToPixelTableResult {
  const fn = "toPixelTable";
  checkOptions(fn, options, ["energyRange", "energyTolerance"]);
  if (!Array.isArray(inputs) || inputs.length === 0) throw new RangeError(`${fn}: expected a non-empty array of samples`);
  const tol = options.energyTolerance ?? 1e-6;
  inputs.forEach((inp, s) => checkStack(fn, inp?.stack, `inputs[${s}].stack`));
  const range = options.energyRange !== undefined ? checkRange(fn, "energyRange", options.energyRange) : null;
  const first = inputs[0].stack;
  const cols = range ? rangeIndices(fn, "energyRange", first.energies, range) : Array.from({ length: first.nE }, (_, i) => i);
  const energies = cols.map((i) => first.energies[i]);
  const colsOf = inputs.map((inp, s) => {
    const c = range ? rangeIndices(fn, "energyRange", inp.stack.energies, range) : Array.from({ length: inp.stack.nE }, (_, i) => i);
    const bad = c.length !== cols.length || c.some((k, j) => Math.abs(inp.stack.energies[k] - energies[j]) > tol);
    if (bad) {
      throw new RangeError(
        `${fn}: sample ${s} has different energies from sample 0 in the selected range; resample with applyEnergyOffset(stack, offset, { grid }) first`,
      );
    }
    return c;
  });
  const masks = inputs.map((inp, s) => {
    const n = inp.stack.ny * inp.stack.nx;
    if (inp.mask === undefined) return { mask: new Uint8Array(n).fill(1), count: n };
    const m = checkMask(fn, `inputs[${s}].mask`, inp.mask, inp.stack.ny, inp.stack.nx);
    return m;
  });
  inputs.forEach((inp, s) => {
    if (inp.brightness !== undefined && inp.brightness.length !== inp.stack.ny * inp.stack.nx) {
      throw new RangeError(`${fn}: inputs[${s}].brightness has length ${inp.brightness.length}, expected ny·nx = ${inp.stack.ny * inp.stack.nx}`);
    }
  });
  const nE = cols.length;
  // One pass: the masked pixels of every sample are transposed block by block into the table,
  // and a block's rows holding a non-finite value are squeezed out while they are in cache.
  let masked = 0;
  for (const m of masks) masked += m.count;
  // Where the table lives. In a WebAssembly memory of its own (when ≥ 1 MiB) pca, nmf … read it
  // without a copy, but V8 maps that memory without MADV_HUGEPAGE: with THP in `madvise` mode
  // every 4 KiB page then faults on its own. Where glibc advises malloc's chunks (the kernelspec's
  // GLIBC_TUNABLES=glibc.malloc.hugetlb=1) an ordinary array faults 2 MiB at a time, and the
  // table plus the PCA that follows is faster there (measured on the 2-core VM, 2026-12-02: at
  // 62,661 × 50 filling the table took ~3 ms against ~24 ms and the PCA (k = 5) 31–32 ms against
  // 39–56 ms; at 760,000 × 80 filling took 0.12–0.45 s against 0.55–0.65 s, the PCA the same
  // within the noise). Without huge pages for either, both fault alike and the WebAssembly
  // memory keeps its copy-free reads. No way was found to give V8's mapping huge pages or to
  // fault it in more cheaply from JavaScript: it is reserved and mprotect'ed by V8 (growing a
  // memory only mprotects more of the reservation), and madvise needs the address.
  // Caveat: on a VM that reports free 2 MiB blocks to its host (virtio-balloon free page
  // reporting, as the development VM does), a huge page not freed in the last seconds faults in
  // the host as well and costs more than 4 KiB pages taken from the guest's warm small blocks
  // (a one-shot table of 807,906 × 80 there: 0.99–1.16 s against 0.68–0.72 s); repeated steps, and hosts
  // without such reporting, gain as above. numpy's arrays meet the same.
  const buf = mallocHugePagesOnly() ? allocF64(masked * nE) : allocWasmF64(masked * nE); // every value up to the last kept row is written below
  const pixOf: Int32Array[] = [];
  const dropped: number[] = [];
  let total = 0;
  for (let s = 0; s < inputs.length; s++) {
    const st = inputs[s].stack;
    const m = masks[s];
    const all = inputs[s].mask === undefined || m.count === st.ny * st.nx;
    const pix = new Int32Array(m.count);
    const kept = transposeRows(buf, nE, total, st, all ? null : maskedPixels(m.mask, m.count), Int32Array.from(colsOf[s]), pix);
    pixOf.push(kept === pix.length ? pix : pix.subarray(0, kept));
    dropped.push(m.count - kept);
    total += kept;
  }
  const data = total === masked ? buf : buf.subarray(0, total * nE);
  const sample = new Int32Array(total);
  const xs = new Int32Array(total);
  const ys = new Int32Array(total);
  const bright = new Float64Array(total);
  let row = 0;
  for (let s = 0; s < inputs.length; s++) {
    const pix = pixOf[s];
    const nx = inputs[s].stack.nx;
    const br = inputs[s].brightness;
    sample.fill(s, row, row + pix.length);
    if (br === undefined) bright.fill(NaN, row, row + pix.length);
    // the pixels ascend: y and the start of its image row follow without a division per pixel
    let y = 0;
    let start = 0;
    for (let k = 0; k < pix.length; k++, row++) {
      const p = pix[k];
      while (p >= start + nx) {
        start += nx;
        y++;
      }
      ys[row] = y;
      xs[row] = p - start;
    }
    if (br !== undefined) {
      const r0 = row - pix.length;
      if (br instanceof Float64Array) for (let k = 0; k < pix.length; k++) bright[r0 + k] = br[pix[k]];
      else for (let k = 0; k < pix.length; k++) bright[r0 + k] = br[pix[k]];
    }
  }
  // every row's sample and position are valid by construction: no makePixelTable checks and copies
  const table: PixelTable = {
    data, nPixels: total, nE, nRows: total, nCols: nE, dims: PIXEL_DIMS, energies: Float64Array.from(energies), sample, x: xs, y: ys, brightness: bright,
    samples: inputs.map((inp, s) => {
      const name = inp.name ?? (inp.stack.source || `sample ${s}`);
      const ps = stagePixelSize(inp.stack.x, inp.stack.y);
      return ps ? { name, ny: inp.stack.ny, nx: inp.stack.nx, pixelSize: [ps[0], ps[1]] as const } : { name, ny: inp.stack.ny, nx: inp.stack.nx };
    }),
  };
  return { table, dropped };
}

/** The indices of the `count` non-zero entries of `mask`, ascending. */
function maskedPixels(mask: Uint8Array, count: number): Int32Array {
  const pix = new Int32Array(count);
  for (let i = 0, m = 0; m < count; i++) if (mask[i]) pix[m++] = i;
  return pix;
}

/** Per pixel of a block: Σ v·0 over its values, NaN once one is NaN or ±Infinity. */
const BLOCK = 512;
const blockFlags = new Float64Array(2048); // room for the WebAssembly path's blocks too

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
function transposeRows(data: Float64Array, nE: number, row0: number, st: Stack, pix: Int32Array | null, c: Int32Array, kept: Int32Array): number {
  const n = st.ny * st.nx;
  const d = st.data;
  const count = pix ? pix.length : n;
  const flag = blockFlags;
  let w0 = row0;
  let nk = 0;
  const wasm = d instanceof Float64Array && transposeWasmAvailable();
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
