import type { Stack } from "../types/stack";
import { makePixelTable, type PixelTable } from "../types/pixel-table";
import { checkMask, checkOptions, checkRange, checkStack, rangeIndices, type EnergyRange } from "./_util";

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
 * dropped and counted. The energy-major stacks are transposed in blocks of 4096 pixels;
 * memory is the table, 8·nPixels·nE bytes (about 30 MB for the 74,700 × 50 plateau matrix,
 * 800 MB for 10⁶ × 100).
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
  let total = 0;
  for (const m of masks) total += m.count;
  const full = new Float64Array(total * nE);
  const sample = new Int32Array(total);
  const xs = new Int32Array(total);
  const ys = new Int32Array(total);
  const bright = new Float64Array(total);
  const dropped: number[] = [];
  let row = 0;
  for (let s = 0; s < inputs.length; s++) {
    const inp = inputs[s];
    const r = fillRows(full, nE, row, inp.stack, masks[s].mask, Int32Array.from(colsOf[s]), inp.brightness, s, sample, xs, ys, bright);
    dropped.push(r.dropped);
    row = r.row;
  }
  const data = row < total ? full.slice(0, row * nE) : full;
  const table = makePixelTable({
    data,
    nPixels: row,
    nE,
    energies,
    sample: sample.subarray(0, row),
    x: xs.subarray(0, row),
    y: ys.subarray(0, row),
    brightness: bright.subarray(0, row),
    samples: inputs.map((inp, s) => ({ name: inp.name ?? (inp.stack.source || `sample ${s}`), ny: inp.stack.ny, nx: inp.stack.nx, pixelSize: stagePixelSize(inp.stack) })),
  });
  return { table, dropped };
}

/** Copy the masked pixels of one stack into rows starting at `row0`, dropping rows with a non-finite value (transposes in blocks of 4096 pixels). */
function fillRows(
  data: Float64Array,
  nE: number,
  row0: number,
  st: Stack,
  mask: Uint8Array,
  c: Int32Array,
  brightness: ArrayLike<number> | undefined,
  s: number,
  sample: Int32Array,
  xs: Int32Array,
  ys: Int32Array,
  bright: Float64Array,
): { row: number; dropped: number } {
  const BLOCK = 4096;
  const n = st.ny * st.nx;
  const nx = st.nx;
  const d = st.data;
  const pix = new Int32Array(BLOCK);
  let row = row0;
  let drop = 0;
  for (let b0 = 0; b0 < n; b0 += BLOCK) {
    const b1 = Math.min(n, b0 + BLOCK);
    let np = 0;
    for (let i = b0; i < b1; i++) if (mask[i]) pix[np++] = i;
    for (let j = 0; j < nE; j++) {
      const off = c[j] * n;
      for (let k = 0; k < np; k++) data[(row + k) * nE + j] = d[off + pix[k]];
    }
    let w = row;
    for (let k = 0; k < np; k++) {
      const r = row + k;
      let ok = true;
      for (let j = 0; j < nE; j++) {
        const v = data[r * nE + j];
        if (v - v !== 0) {
          ok = false;
          break;
        }
      }
      if (!ok) {
        drop++;
        continue;
      }
      if (w !== r) data.copyWithin(w * nE, r * nE, (r + 1) * nE);
      const p = pix[k];
      sample[w] = s;
      const y = (p / nx) | 0;
      ys[w] = y;
      xs[w] = p - y * nx;
      bright[w] = brightness ? brightness[p] : NaN;
      w++;
    }
    row = w;
  }
  return { row, dropped: drop };
}

/**
 * The pixel size (µm) along x and y from a stack's stage axes: the median spacing, when both
 * axes have more than one point and look like stage positions (not the 0, 1, 2 … pixel ramp
 * that readers use when the file has no axes); else undefined.
 */
function stagePixelSize(stack: Stack): [number, number] | undefined {
  const step = (a: Float64Array): number => {
    if (a.length < 2) return NaN;
    const d = Array.from({ length: a.length - 1 }, (_, i) => Math.abs(a[i + 1] - a[i])).sort((p, q) => p - q);
    return d[d.length >> 1];
  };
  const isRamp = (a: Float64Array): boolean => a.every((v, i) => v === i);
  if (isRamp(stack.x) && isRamp(stack.y)) return undefined;
  const sx = step(stack.x), sy = step(stack.y);
  const px = Number.isFinite(sx) && sx > 0 ? sx : sy;
  const py = Number.isFinite(sy) && sy > 0 ? sy : sx;
  return Number.isFinite(px) && px > 0 && Number.isFinite(py) && py > 0 ? [px, py] : undefined;
}
