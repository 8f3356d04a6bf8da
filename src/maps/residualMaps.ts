/**
 * Per-sample maps of the fit residual (Gent 2017 S17a).
 * @module
 */
import { matrix } from "../types/matrix";
import type { PixelTable } from "../types/pixel-table";
import { pixelMaps, type PixelMaps } from "../types/pixelMaps";
import type { NnlsPixelsResult } from "../decompose/nnlsPixels";
import { checkLength } from "../charts/util";
import { checkTable } from "./checkTable";
import { isNnlsPixels } from "./perPixelArg";

/**
 * Put a per-pixel residual back into one image per sample, as a {@link PixelMaps} with one map
 * named "residual" (ready for `mapsGridSpec`; `fit.residualMaps()` gives the same for a fit on
 * the table itself).
 *
 * @param table - the {@link PixelTable} the residuals belong to.
 * @param residual - an `NnlsPixelsResult` (its `residualNorm`) or one value per table row, length nPixels (NaN allowed, kept).
 * @returns {@link PixelMaps} with quantity "residual": `samples[s].images[0]`, `[ny, nx]`, NaN where the table has no pixel.
 * @throws RangeError when the residual has not one value per table pixel.
 * @example
 * const spec = mapsGridSpec(residualMaps(T, fit), { legendTitle: "‖x − Ew‖" });
 */
export function residualMaps(table: PixelTable, residual: NnlsPixelsResult | ArrayLike<number>): PixelMaps {
  const fn = "residualMaps";
  const t = checkTable(fn, table);
  const r = isNnlsPixels(residual) ? residual.residualNorm : residual;
  checkLength(fn, isNnlsPixels(residual) ? "fit.residualNorm" : "residualNorm", r, t.nPixels, `[nPixels=${t.nPixels}]`);
  return pixelMaps(t, matrix(Float64Array.from(r), t.nPixels, 1, ["pixel", "residual"] as const), ["residual"], "residual");
}
