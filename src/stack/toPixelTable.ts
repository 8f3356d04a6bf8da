import type { Stack } from "../types/stack";
import { stagePixelSize } from "./stagePixelSize";
import { PIXEL_DIMS, type PixelTable } from "../types/pixel-table";
import { allocWasmF64, mallocHugePagesOnly } from "../linalg/wasmArrays";
import { transposeRows } from "./_transposeRows";
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
