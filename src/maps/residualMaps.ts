/**
 * Per-sample maps of the fit residual (Gent 2017 S17a).
 * @module
 */
import type { PixelTable } from "../types/pixel-table";
import { toImages } from "../types/pixel-table";
import { checkLength } from "../charts/util";
import { checkTable } from "./checkTable";

/** The residual map of one sample, from {@link residualMaps}. */
export interface SampleResidualMap {
  /** The sample's name. */
  name: string;
  /** Rows. */
  ny: number;
  /** Columns. */
  nx: number;
  /** Residual per pixel, shape `[ny, nx]`, index `y·nx + x`; NaN where the table has no pixel. */
  image: Float64Array;
}

/**
 * Put a per-pixel residual (e.g. `NnlsPixelsResult.residualNorm`) back into one image per sample.
 *
 * @param table - the {@link PixelTable} the residuals belong to.
 * @param residualNorm - one value per table row, length nPixels (NaN allowed, kept).
 * @returns one {@link SampleResidualMap} per sample, in sample order.
 * @throws RangeError when `residualNorm.length ≠ nPixels`.
 * @example
 * const maps = residualMaps(table, nn.residualNorm);
 * const spec = mapsGridSpec(maps.map((m) => ({ title: m.name, image: m.image, ny: m.ny, nx: m.nx })), { legendTitle: "Residual" });
 */
export function residualMaps(table: PixelTable, residualNorm: ArrayLike<number>): SampleResidualMap[] {
  const fn = "residualMaps";
  const t = checkTable(fn, table);
  checkLength(fn, "residualNorm", residualNorm, t.nPixels, `[nPixels=${t.nPixels}]`);
  return toImages(t, residualNorm).map((img) => ({ name: img.name, ny: img.ny, nx: img.nx, image: img.data }));
}
