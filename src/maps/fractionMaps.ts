/**
 * Per-sample maps of each end member's fraction.
 * @module
 */
import type { PixelTable } from "../types/pixel-table";
import { toImages } from "../types/pixel-table";
import { checkInt, checkLength } from "../charts/util";
import { checkTable } from "./checkTable";

/** The end-member maps of one sample, from {@link fractionMaps}. */
export interface SampleFractionMaps {
  /** The sample's name. */
  name: string;
  /** Rows. */
  ny: number;
  /** Columns. */
  nx: number;
  /** One image per end member (length k), each shape `[ny, nx]`, index `y·nx + x`; NaN where the table has no pixel. */
  images: Float64Array[];
}

/**
 * Put per-pixel fractions (e.g. `NnlsPixelsResult.fractions` or `.weights`) back into images:
 * for every sample of the table, one image per end member. Pixels not in the table (filtered
 * out, background) are NaN; fraction values are copied as they are (NaN stays NaN).
 *
 * @param table - the {@link PixelTable} the fractions belong to.
 * @param fractions - shape `[nPixels, k]`, row-major.
 * @param k - number of end members, ≥ 1.
 * @returns one {@link SampleFractionMaps} per sample, in sample order.
 * @throws RangeError when k is not a positive integer or `fractions.length ≠ nPixels·k`.
 * @example
 * const nn = nnlsPixels(table.data, table.nPixels, table.nE, members, 3, { extraneous: [2] });
 * const maps = fractionMaps(table, nn.fractions, 3); // maps[s].images[0] = reduced fraction of sample s
 */
export function fractionMaps(table: PixelTable, fractions: ArrayLike<number>, k: number): SampleFractionMaps[] {
  const fn = "fractionMaps";
  const t = checkTable(fn, table);
  checkInt(fn, "k", k, 1);
  checkLength(fn, "fractions", fractions, t.nPixels * k, `[nPixels=${t.nPixels}, k=${k}]`);
  return toImages(t, fractions, { columns: k }).map((img) => {
    const plane = img.ny * img.nx;
    const images: Float64Array[] = [];
    for (let c = 0; c < k; c++) images.push(img.data.slice(c * plane, (c + 1) * plane));
    return { name: img.name, ny: img.ny, nx: img.nx, images };
  });
}
