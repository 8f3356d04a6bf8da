/**
 * The pixel table: the pixels of one or more samples (stacks) as one matrix, pixels × energies,
 * ready for PCA, NMF and per-pixel fits; every row remembers its sample and position so that
 * any per-pixel result maps back to images.
 *
 * Layout: `data[row * nE + e]` (row-major, shape `[nPixels, nE]`). Positions are pixel indices
 * `x` (column) and `y` (row) in the sample's image of `ny × nx`; maps are `[ny, nx]`, index `y·nx + x`.
 *
 * @module
 */
import type { Matrix } from "./matrix";

/** One sample (stack) contributing rows to a {@link PixelTable}. */
export interface PixelTableSample {
  /** Display name (e.g. "131 mAh/g"). */
  readonly name: string;
  /** Rows of the sample's image. */
  readonly ny: number;
  /** Columns of the sample's image. */
  readonly nx: number;
  /** Pixel size in µm along x and y (from the stack's stage axes), when known; maps use it for scale bars. */
  readonly pixelSize?: readonly [number, number];
}

/**
 * Pixels × energies matrix of several samples. It is a {@link Matrix}`<"pixel", "energy">`
 * (`nRows = nPixels`, `nCols = nE`), so it goes straight into `pca(T)`, `nmf(T)`,
 * `suggestEndmembers(T, …)` and `nnlsPixels(T, …)`, which then map their per-pixel results back
 * to images of the samples (`maps()`).
 */
export interface PixelTable extends Matrix<"pixel", "energy"> {
  /**
   * Values, shape `[nPixels, nE]`, index `row * nE + e`. Tables of 1 MiB or more made by
   * `toPixelTable` hold it in a WebAssembly memory of their own (a view of a SharedArrayBuffer),
   * where the PCA/NMF kernels and their worker threads read it without copying it.
   */
  readonly data: Float64Array;
  /** Number of rows (pixels). */
  readonly nPixels: number;
  /** Number of columns (energies). */
  readonly nE: number;
  /** The same as `nPixels` (the {@link Matrix} view). */
  readonly nRows: number;
  /** The same as `nE` (the {@link Matrix} view). */
  readonly nCols: number;
  /** `["pixel", "energy"]`. */
  readonly dims: readonly ["pixel", "energy"];
  /** Energies in eV, length `nE`. */
  readonly energies: Float64Array;
  /** Sample index of every row (into `samples`), length `nPixels`. */
  readonly sample: Int32Array;
  /** Column index x of every row in its sample's image, length `nPixels`. */
  readonly x: Int32Array;
  /** Row index y of every row in its sample's image, length `nPixels`. */
  readonly y: Int32Array;
  /** Brightness of every row (e.g. post-edge area, OD·eV), length `nPixels`; NaN when unknown. */
  readonly brightness: Float64Array;
  /** The samples, in order. */
  readonly samples: readonly PixelTableSample[];
}

/** Fields of {@link makePixelTable}. */
export interface PixelTableInit {
  data: Float64Array;
  nPixels: number;
  nE: number;
  energies: ArrayLike<number>;
  sample: ArrayLike<number>;
  x: ArrayLike<number>;
  y: ArrayLike<number>;
  /** Default: NaN for every row. */
  brightness?: ArrayLike<number>;
  samples: readonly PixelTableSample[];
}

/**
 * Make a {@link PixelTable}, checking every length and that each row's sample and position exist.
 * `data` is kept (not copied).
 *
 * @example
 * const t = makePixelTable({ data: new Float64Array(4), nPixels: 2, nE: 2, energies: [530, 531],
 *   sample: [0, 0], x: [0, 1], y: [0, 0], samples: [{ name: "a", ny: 1, nx: 2 }] });
 * @throws RangeError naming the field that disagrees.
 */
export function makePixelTable(init: PixelTableInit): PixelTable {
  const { nPixels, nE } = init;
  if (!Number.isInteger(nPixels) || nPixels < 0) throw new RangeError(`PixelTable: nPixels must be a non-negative integer, got ${nPixels}`);
  if (!Number.isInteger(nE) || nE < 1) throw new RangeError(`PixelTable: nE must be a positive integer, got ${nE}`);
  const want = (what: string, got: number, exp: number): void => {
    if (got !== exp) throw new RangeError(`PixelTable: ${what} has length ${got}, expected ${exp}`);
  };
  want("data", init.data.length, nPixels * nE);
  want("energies", init.energies.length, nE);
  want("sample", init.sample.length, nPixels);
  want("x", init.x.length, nPixels);
  want("y", init.y.length, nPixels);
  const brightness = init.brightness ? Float64Array.from(init.brightness) : new Float64Array(nPixels).fill(NaN);
  want("brightness", brightness.length, nPixels);
  const sample = Int32Array.from(init.sample);
  const x = Int32Array.from(init.x);
  const y = Int32Array.from(init.y);
  const samples = init.samples.map((s) => (s.pixelSize ? { name: s.name, ny: s.ny, nx: s.nx, pixelSize: [s.pixelSize[0], s.pixelSize[1]] as const } : { name: s.name, ny: s.ny, nx: s.nx }));
  for (let r = 0; r < nPixels; r++) {
    const s = samples[sample[r]];
    if (!s) throw new RangeError(`PixelTable: row ${r} has sample index ${sample[r]}, expected 0 … ${samples.length - 1}`);
    if (x[r] < 0 || x[r] >= s.nx || y[r] < 0 || y[r] >= s.ny) {
      throw new RangeError(`PixelTable: row ${r} is at (x ${x[r]}, y ${y[r]}), outside sample "${s.name}" of ${s.ny}×${s.nx}`);
    }
  }
  return { data: init.data, nPixels, nE, nRows: nPixels, nCols: nE, dims: PIXEL_DIMS, energies: Float64Array.from(init.energies), sample, x, y, brightness, samples };
}

/** @internal The dimension names of every PixelTable. */
export const PIXEL_DIMS: readonly ["pixel", "energy"] = ["pixel", "energy"];

/**
 * Whether a value is a {@link PixelTable} (a matrix whose rows know their sample and position).
 * @example
 * if (isPixelTable(X)) fit.maps();
 */
export function isPixelTable(v: unknown): v is PixelTable {
  const t = v as Partial<PixelTable> | null;
  return t != null && typeof t === "object" && t.data instanceof Float64Array && t.sample instanceof Int32Array && t.x instanceof Int32Array && t.y instanceof Int32Array && Array.isArray(t.samples) && t.energies instanceof Float64Array;
}

/** One per-sample image produced by {@link toImages}. */
export interface SampleImage {
  /** The sample's name. */
  name: string;
  /** Rows. */
  ny: number;
  /** Columns. */
  nx: number;
  /** Number of values per pixel (the `columns` option). */
  columns: number;
  /** Values, shape `[columns, ny, nx]`, index `(c·ny + y)·nx + x`; NaN where the table has no pixel. */
  data: Float64Array;
}

/**
 * Map per-pixel values (scores, fractions, residuals — one row per table row) back to one image
 * per sample, NaN where the table has no pixel.
 *
 * @param table - the {@link PixelTable} the values belong to.
 * @param values - length `nPixels · columns`, row-major `[nPixels, columns]`.
 * @param options - `columns` (default 1): values per pixel, e.g. the number of end members.
 * @returns one {@link SampleImage} per sample, in sample order.
 * @example
 * const [first] = toImages(table, residuals); // first.data[y * first.nx + x]
 */
export function toImages(table: PixelTable, values: ArrayLike<number>, options: { columns?: number } = {}): SampleImage[] {
  for (const k of Object.keys(options)) {
    if (k !== "columns") throw new Error(`toImages: unknown option "${k}"; expected one of: columns`);
  }
  const columns = options.columns ?? 1;
  if (!Number.isInteger(columns) || columns < 1) throw new RangeError(`toImages: option "columns" must be a positive integer, got ${columns}`);
  if (values.length !== table.nPixels * columns) {
    throw new RangeError(`toImages: values have length ${values.length}, expected nPixels · columns = ${table.nPixels} · ${columns} = ${table.nPixels * columns}`);
  }
  const out = table.samples.map((s) => ({ name: s.name, ny: s.ny, nx: s.nx, columns, data: new Float64Array(columns * s.ny * s.nx).fill(NaN) }));
  for (let r = 0; r < table.nPixels; r++) {
    const img = out[table.sample[r]];
    const p = table.y[r] * img.nx + table.x[r];
    const plane = img.ny * img.nx;
    for (let c = 0; c < columns; c++) img.data[c * plane + p] = values[r * columns + c];
  }
  return out;
}

/**
 * The inverse of {@link toImages}: read one value per table row from one image per sample
 * (e.g. the per-pixel normalisation area `preprocessSeries(...).normalized[s].area`, or a truth map).
 *
 * @param table - the {@link PixelTable}; its `sample`, `x`, `y` index the images.
 * @param images - one image per sample, in sample order, each of length `ny·nx` (index `y·nx + x`).
 * @returns length `nPixels`: `images[sample[r]][y[r]·nx + x[r]]`.
 * @throws RangeError when the number of images or an image's length does not match the samples.
 * @example
 * const area = fromImages(pre.table, pre.normalized.map((n) => n.area)); // per row, OD·eV
 */
export function fromImages(table: PixelTable, images: readonly ArrayLike<number>[]): Float64Array {
  if (!Array.isArray(images) || images.length !== table.samples.length) {
    throw new RangeError(`fromImages: expected ${table.samples.length} images (one per sample), got ${Array.isArray(images) ? images.length : typeof images}`);
  }
  images.forEach((img, s) => {
    const { ny, nx, name } = table.samples[s];
    if (img?.length !== ny * nx) throw new RangeError(`fromImages: images[${s}] ("${name}") has length ${img?.length}, expected ny·nx = ${ny}·${nx} = ${ny * nx}`);
  });
  const out = new Float64Array(table.nPixels);
  for (let r = 0; r < table.nPixels; r++) {
    const s = table.sample[r];
    out[r] = images[s][table.y[r] * table.samples[s].nx + table.x[r]];
  }
  return out;
}

/**
 * The rows of a table where `keep[row]` is non-zero, as a new table (same samples and energies).
 *
 * @param table - the input table (not changed).
 * @param keep - length `nPixels`.
 * @example
 * const bright = selectRows(table, Array.from(table.brightness, (b) => (b > 0.25 ? 1 : 0)));
 */
export function selectRows(table: PixelTable, keep: ArrayLike<number | boolean>): PixelTable {
  if (keep.length !== table.nPixels) throw new RangeError(`selectRows: keep has length ${keep.length}, expected nPixels = ${table.nPixels}`);
  let m = 0;
  for (let r = 0; r < table.nPixels; r++) if (keep[r]) m++;
  const { nE } = table;
  const data = new Float64Array(m * nE);
  const sample = new Int32Array(m);
  const x = new Int32Array(m);
  const y = new Int32Array(m);
  const brightness = new Float64Array(m);
  let j = 0;
  for (let r = 0; r < table.nPixels; r++) {
    if (!keep[r]) continue;
    data.set(table.data.subarray(r * nE, (r + 1) * nE), j * nE);
    sample[j] = table.sample[r];
    x[j] = table.x[r];
    y[j] = table.y[r];
    brightness[j] = table.brightness[r];
    j++;
  }
  return { data, nPixels: m, nE, nRows: m, nCols: nE, dims: PIXEL_DIMS, energies: Float64Array.from(table.energies), sample, x, y, brightness, samples: table.samples.map((s) => ({ ...s })) };
}
