import { PIXEL_DIMS, type PixelTable } from "../types/pixel-table";
import { allocF64, checkNumber, checkOptions, checkRange, rangeIndices, type EnergyRange } from "./_util";
import { kthSmallest } from "../util/kthSmallest";

/** Options of {@link noiseFilter}. Give at most one of `cutoff` and `fraction`. */
export interface NoiseFilterOptions {
  /** Background range (eV) whose per-pixel standard deviation measures noise (default O K: [520, 526]). */
  range?: EnergyRange;
  /** Remove rows whose noise exceeds this value (in the table's units). */
  cutoff?: number;
  /** Remove this fraction of rows, the noisiest first (default 0.1, as in the paper, when `cutoff` is not given). */
  fraction?: number;
  /** Number of histogram bins between the smallest and largest noise (default 100). */
  bins?: number;
}

/** Result of {@link noiseFilter}. */
export interface NoiseFilterResult {
  /** The kept rows. */
  table: PixelTable;
  /** Noise (population standard deviation, ddof 0, over the range) of every input row, length `nPixels`. */
  noise: Float64Array;
  /** 1 = kept, per input row. */
  kept: Uint8Array;
  /** The cutoff used: rows with noise > cutoff were removed. */
  cutoff: number;
  /** Number of rows removed. */
  removed: number;
  /** Histogram of `noise`: `edges` (length bins + 1) and `counts` (length bins); the last bin includes its right edge. */
  histogram: { edges: Float64Array; counts: Float64Array };
}

/**
 * Noise filter of Gent et al. 2017 (Supplementary Fig. 15a): the standard deviation of every
 * normalised pixel spectrum over the background range; rows noisier than a cutoff are removed.
 * The cutoff is given or set so that `fraction` of the rows go (ties at the cutoff are kept).
 *
 * @param table - normalised pixels × energies.
 * @param options - {@link NoiseFilterOptions}.
 * @returns the filtered table, the noise of every row, its histogram and the count removed.
 * @example
 * const { table: clean, removed, histogram } = noiseFilter(table, { range: [520, 526], fraction: 0.1 });
 */
export function noiseFilter(table: PixelTable, options: NoiseFilterOptions = {}): NoiseFilterResult {
  const fn = "noiseFilter";
  checkOptions(fn, options, ["range", "cutoff", "fraction", "bins"]);
  if (options.cutoff !== undefined && options.fraction !== undefined) throw new Error(`${fn}: give either option "cutoff" or option "fraction", not both`);
  const noise = rowNoise(fn, table, options.range ?? [520, 526]);
  return filterByNoise(fn, table, noise, options);
}

/**
 * The noise of every row: population standard deviation (ddof 0) over the energies of `range`.
 * Shape (nPixels). @internal
 */
export function rowNoise(fn: string, table: PixelTable, range0: EnergyRange): Float64Array {
  if (!table || !(table.data instanceof Float64Array) || table.data.length !== table.nPixels * table.nE) {
    throw new TypeError(`${fn}: table must be a PixelTable (data of length nPixels·nE)`);
  }
  const range = checkRange(fn, "range", range0);
  const idx = rangeIndices(fn, "noise", table.energies, range);
  if (idx.length < 2) throw new RangeError(`${fn}: range [${range[0]}, ${range[1]}] eV holds ${idx.length} energy; expected at least 2 for a standard deviation`);
  const { nPixels, nE, data } = table;
  if (nPixels === 0) throw new RangeError(`${fn}: the table has no rows`);
  const noise = new Float64Array(nPixels);
  const cols = Int32Array.from(idx);
  const m = cols.length;
  // the range is usually a contiguous run of columns: then no index lookups
  const c0 = cols[0];
  let contiguous = true;
  for (let k = 1; k < m; k++) if (cols[k] !== c0 + k) contiguous = false;
  let r0 = 0;
  if (contiguous) {
    // Four rows at a time: each row's sum and sum of squares are one chain of dependent additions
    // (m of them, each waiting for the last); four independent chains keep the adder busy. Every
    // row still adds its own values in the same order as below, so the σ are bit for bit the same.
    for (; r0 + 4 <= nPixels; r0 += 4) {
      const a0 = r0 * nE + c0, a1 = a0 + nE, a2 = a1 + nE, a3 = a2 + nE;
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
      for (let i = 0; i < m; i++) {
        s0 += data[a0 + i];
        s1 += data[a1 + i];
        s2 += data[a2 + i];
        s3 += data[a3 + i];
      }
      const m0 = s0 / m, m1 = s1 / m, m2 = s2 / m, m3 = s3 / m;
      let v0 = 0, v1 = 0, v2 = 0, v3 = 0;
      for (let i = 0; i < m; i++) {
        const d0 = data[a0 + i] - m0;
        const d1 = data[a1 + i] - m1;
        const d2 = data[a2 + i] - m2;
        const d3 = data[a3 + i] - m3;
        v0 += d0 * d0;
        v1 += d1 * d1;
        v2 += d2 * d2;
        v3 += d3 * d3;
      }
      noise[r0] = Math.sqrt(v0 / m);
      noise[r0 + 1] = Math.sqrt(v1 / m);
      noise[r0 + 2] = Math.sqrt(v2 / m);
      noise[r0 + 3] = Math.sqrt(v3 / m);
    }
    // a non-finite σ is looked for once, after the loop (and named by the row loop below)
    let bad = 0;
    for (let r = 0; r < r0; r++) bad += noise[r] * 0;
    if (bad !== 0) r0 = 0;
  }
  for (let r = r0; r < nPixels; r++) {
    const base = r * nE;
    let s = 0;
    let v = 0;
    if (contiguous) {
      const a = base + c0;
      const b = a + m;
      for (let i = a; i < b; i++) s += data[i];
      const mean = s / m;
      for (let i = a; i < b; i++) {
        const d = data[i] - mean;
        v += d * d;
      }
    } else {
      for (let k = 0; k < m; k++) s += data[base + cols[k]];
      const mean = s / m;
      for (let k = 0; k < m; k++) {
        const d = data[base + cols[k]] - mean;
        v += d * d;
      }
    }
    const sd = Math.sqrt(v / m);
    if (!(sd <= Infinity)) {
      throw new RangeError(`${fn}: row ${r} (sample ${table.sample[r]}, x ${table.x[r]}, y ${table.y[r]}) has a non-finite value in the range; expected finite normalised values`);
    }
    noise[r] = sd;
  }
  return noise;
}

/**
 * The filter given each row's noise (from {@link rowNoise}): the cutoff (given, or so that
 * `fraction` of the rows go), the kept rows and the histogram. With `inPlace` the kept rows are
 * moved to the front of the table's own arrays (which then hold them, and garbage after them)
 * instead of being copied: no second table in memory. @internal
 */
export function filterByNoise(fn: string, table: PixelTable, noise: Float64Array, options: { cutoff?: number; fraction?: number; bins?: number; inPlace?: boolean }): NoiseFilterResult {
  const bins = options.bins ?? 100;
  if (!Number.isInteger(bins) || bins < 1) throw new RangeError(`${fn}: option "bins" must be a positive integer, got ${bins}`);
  const nPixels = table.nPixels;
  let cutoff: number;
  if (options.cutoff !== undefined) cutoff = checkNumber(fn, "cutoff", options.cutoff, 0);
  else {
    const fraction = checkNumber(fn, "fraction", options.fraction ?? 0.1, 0, 1);
    const k = Math.round(fraction * nPixels);
    cutoff = k >= nPixels ? -Infinity : kthSmallest(noise.slice(), nPixels - 1 - Math.min(k, nPixels - 1));
  }
  // one pass: the kept rows and the range of the noise; a second one: the histogram
  const kept = new Uint8Array(nPixels);
  let removed = 0;
  let lo = Infinity;
  let hi = -Infinity;
  for (let r = 0; r < nPixels; r++) {
    const v = noise[r];
    if (v <= cutoff) kept[r] = 1;
    else removed++;
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  if (hi === lo) hi = lo + 1;
  const edges = new Float64Array(bins + 1);
  for (let b = 0; b <= bins; b++) edges[b] = lo + ((hi - lo) * b) / bins;
  const counts = new Float64Array(bins);
  const span = hi - lo;
  for (let r = 0; r < nPixels; r++) counts[Math.min(bins - 1, Math.floor(((noise[r] - lo) / span) * bins))]++;
  return { table: keepRows(table, kept, nPixels - removed, options.inPlace === true), noise, kept, cutoff, removed, histogram: { edges, counts } };
}

/**
 * The rows of `table` with `kept[r] = 1` (`count` of them), as a new table: the same result as
 * `selectRows(table, kept)`, copying runs of consecutive kept rows at once into an array that
 * is allocated without zero-filling (every value is written); or, `inPlace`, moved to the front
 * of the table's own arrays (views of their first `count` rows are returned).
 */
function keepRows(table: PixelTable, kept: Uint8Array, count: number, inPlace: boolean): PixelTable {
  const { nE, nPixels } = table;
  const src = table.data;
  // In place, row j ≤ r is written after row r was read: moving forward never overwrites unread rows.
  // an ordinary array: a new WebAssembly memory (as toPixelTable's) would cost a page fault per
  // 4 KiB here, where the copy is the whole step (about twice its time on the 2-core VM)
  const data = inPlace ? src : allocF64(count * nE);
  const sample = inPlace ? table.sample : new Int32Array(count);
  const x = inPlace ? table.x : new Int32Array(count);
  const y = inPlace ? table.y : new Int32Array(count);
  const brightness = inPlace ? table.brightness : new Float64Array(count);
  let j = 0;
  let r = 0;
  while (r < nPixels) {
    if (!kept[r]) {
      r++;
      continue;
    }
    let e = r + 1;
    while (e < nPixels && kept[e]) e++;
    if (inPlace) {
      if (j !== r) data.copyWithin(j * nE, r * nE, e * nE);
    } else data.set(src.subarray(r * nE, e * nE), j * nE);
    for (let q = r; q < e; q++, j++) {
      sample[j] = table.sample[q];
      x[j] = table.x[q];
      y[j] = table.y[q];
      brightness[j] = table.brightness[q];
    }
    r = e;
  }
  const cut = <T extends Float64Array | Int32Array>(a: T, n: number): T => (inPlace ? (a.subarray(0, n) as T) : a);
  return {
    data: cut(data, count * nE), nPixels: count, nE, nRows: count, nCols: nE, dims: PIXEL_DIMS, energies: Float64Array.from(table.energies),
    sample: cut(sample, count), x: cut(x, count), y: cut(y, count), brightness: cut(brightness, count), samples: table.samples.map((s) => ({ ...s })),
  };
}
