/**
 * Per-pixel results put back into images: one image per sample and per column of the result
 * (component scores, end-member fractions, residuals), with the sample's stage coordinates.
 * @module
 */
import { checkMatrixArg, type Matrix } from "./matrix";
import { toImages, type PixelTable } from "./pixel-table";

/** The maps of one sample. */
export interface SampleMaps {
  /** The sample's name. */
  readonly name: string;
  /** Rows of the sample's image. */
  readonly ny: number;
  /** Columns of the sample's image. */
  readonly nx: number;
  /** One image per map (in the order of {@link PixelMaps.names}), each `[ny, nx]`, index `y·nx + x`; NaN where the table has no pixel. */
  readonly images: Float64Array[];
  /** Pixel size in µm along x and y, when the table knows it (for scale bars); else undefined. */
  readonly pixelSize?: readonly [number, number];
}

/** Per-sample images of a per-pixel result: `samples[s].images[m]` is map `names[m]` of sample `s`. */
export interface PixelMaps {
  /** Always "maps" (for display). */
  readonly kind: "maps";
  /** What the values are, e.g. "fraction", "score", "residual". */
  readonly quantity: string;
  /** The name of each map (e.g. the end members, "PC1" …). */
  readonly names: readonly string[];
  /** One entry per sample of the table, in sample order. */
  readonly samples: readonly SampleMaps[];
}

/**
 * Put a per-pixel matrix (one row per table row) back into images, one per sample and column.
 *
 * @param table - the {@link PixelTable} the rows belong to.
 * @param values - shape `[nPixels, m]` (e.g. `fit.fractions`, `p.scores`).
 * @param names - the name of each column, length m.
 * @param quantity - what the values are (default "value").
 * @throws RangeError when `values` has not one row per table row or `names` the wrong length.
 * @example
 * const m = pixelMaps(T, fit.fractions, em.members.names, "fraction"); // m.samples[0].images[1]
 */
export function pixelMaps(table: PixelTable, values: Matrix, names: readonly string[], quantity = "value"): PixelMaps {
  const fn = "pixelMaps";
  const v = checkMatrixArg(fn, "values", values, 0);
  if (v.nRows !== table.nPixels) throw new RangeError(`${fn}: values have ${v.nRows} rows, the table has ${table.nPixels} pixels; expected one row per pixel`);
  if (names.length !== v.nCols) throw new RangeError(`${fn}: ${names.length} names for ${v.nCols} columns`);
  const samples = toImages(table, v.data, { columns: v.nCols }).map((img, s) => {
    const plane = img.ny * img.nx;
    const images: Float64Array[] = [];
    for (let c = 0; c < v.nCols; c++) images.push(img.data.slice(c * plane, (c + 1) * plane));
    const px = table.samples[s]?.pixelSize;
    return px ? { name: img.name, ny: img.ny, nx: img.nx, images, pixelSize: px } : { name: img.name, ny: img.ny, nx: img.nx, images };
  });
  return { kind: "maps", quantity, names: [...names], samples };
}
