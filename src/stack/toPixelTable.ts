import type { Stack } from "../types/stack";
import { stagePixelSize } from "./stagePixelSize";
import { makePixelTable, type PixelTable } from "../types/pixel-table";
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
 * dropped and counted. One streaming pass over the selected images finds the rows, then the
 * energy-major stacks are transposed in cache-sized blocks of pixels straight into the table,
 * which is allocated once at its final size. Memory is the table, 8·nPixels·nE bytes (about
 * 30 MB for the 74,700 × 50 plateau matrix, 800 MB for 10⁶ × 100), plus 8 bytes per image pixel
 * while it runs.
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
  // which masked pixels become rows (all their selected values finite), per sample
  const rowsOf = inputs.map((inp, s) => keptPixels(inp.stack, masks[s].mask, Int32Array.from(colsOf[s])));
  let total = 0;
  for (const r of rowsOf) total += r.length;
  const data = allocF64(total * nE); // every value is written below
  const sample = new Int32Array(total);
  const xs = new Int32Array(total);
  const ys = new Int32Array(total);
  const bright = new Float64Array(total);
  const dropped: number[] = [];
  let row = 0;
  for (let s = 0; s < inputs.length; s++) {
    const inp = inputs[s];
    const pix = rowsOf[s];
    transposeRows(data, nE, row, inp.stack, pix, Int32Array.from(colsOf[s]));
    const nx = inp.stack.nx;
    const br = inp.brightness;
    for (let k = 0; k < pix.length; k++) {
      const p = pix[k];
      const y = (p / nx) | 0;
      sample[row + k] = s;
      ys[row + k] = y;
      xs[row + k] = p - y * nx;
      bright[row + k] = br ? br[p] : NaN;
    }
    dropped.push(masks[s].count - pix.length);
    row += pix.length;
  }
  const table = makePixelTable({
    data,
    nPixels: total,
    nE,
    energies,
    sample,
    x: xs,
    y: ys,
    brightness: bright,
    samples: inputs.map((inp, s) => ({ name: inp.name ?? (inp.stack.source || `sample ${s}`), ny: inp.stack.ny, nx: inp.stack.nx, pixelSize: stagePixelSize(inp.stack.x, inp.stack.y) })),
  });
  return { table, dropped };
}

/**
 * The masked pixels of `st` (indices `y·nx + x`, ascending) whose values at the energy indices
 * `c` are all finite. One streaming pass over the selected images: a pixel's flag becomes NaN
 * once `v·0` is NaN (v = ±Infinity or NaN).
 */
function keptPixels(st: Stack, mask: Uint8Array, c: Int32Array): Int32Array {
  const n = st.ny * st.nx;
  const d = st.data;
  const flag = new Float64Array(n);
  let j = 0;
  for (; j + 4 <= c.length; j += 4) {
    const o0 = c[j] * n, o1 = c[j + 1] * n, o2 = c[j + 2] * n, o3 = c[j + 3] * n;
    for (let i = 0; i < n; i++) flag[i] += d[o0 + i] * 0 + d[o1 + i] * 0 + d[o2 + i] * 0 + d[o3 + i] * 0;
  }
  for (; j < c.length; j++) {
    const off = c[j] * n;
    for (let i = 0; i < n; i++) flag[i] += d[off + i] * 0;
  }
  let m = 0;
  for (let i = 0; i < n; i++) if (mask[i] && flag[i] === 0) m++;
  const pix = new Int32Array(m);
  m = 0;
  for (let i = 0; i < n; i++) if (mask[i] && flag[i] === 0) pix[m++] = i;
  return pix;
}

/**
 * Write the pixels `pix` of `st` at the energy indices `c` as rows `row0, row0 + 1, …` of
 * `data` (`[*, nE]`, row-major). Blocks of pixels small enough that their rows (B·nE·8 bytes,
 * about 64 KiB) stay in cache while each selected image is read along a contiguous run.
 */
function transposeRows(data: Float64Array, nE: number, row0: number, st: Stack, pix: Int32Array, c: Int32Array): void {
  const n = st.ny * st.nx;
  const d = st.data;
  const B = Math.max(16, Math.min(1024, (8192 / nE) | 0));
  for (let k0 = 0; k0 < pix.length; k0 += B) {
    const k1 = Math.min(pix.length, k0 + B);
    const base = (row0 + k0) * nE;
    // a contiguous run of pixels reads image p at offset p; otherwise through pix
    const shift = pix[k1 - 1] - pix[k0] === k1 - 1 - k0 ? pix[k0] - k0 : -1;
    let j = 0;
    for (; j + 4 <= nE; j += 4) {
      // four images at a time: four adjacent values of each row
      const o0 = c[j] * n, o1 = c[j + 1] * n, o2 = c[j + 2] * n, o3 = c[j + 3] * n;
      let w = base + j;
      if (shift >= 0) {
        for (let k = k0; k < k1; k++, w += nE) {
          const p = k + shift;
          data[w] = d[o0 + p];
          data[w + 1] = d[o1 + p];
          data[w + 2] = d[o2 + p];
          data[w + 3] = d[o3 + p];
        }
      } else {
        for (let k = k0; k < k1; k++, w += nE) {
          const p = pix[k];
          data[w] = d[o0 + p];
          data[w + 1] = d[o1 + p];
          data[w + 2] = d[o2 + p];
          data[w + 3] = d[o3 + p];
        }
      }
    }
    for (; j < nE; j++) {
      const off = c[j] * n;
      let w = base + j;
      for (let k = k0; k < k1; k++, w += nE) data[w] = d[off + pix[k]];
    }
  }
}
