/**
 * Per-sample maps of each end member's fraction.
 * @module
 */
import type { Matrix } from "../types/matrix";
import type { PixelTable } from "../types/pixel-table";
import { pixelMaps, type PixelMaps } from "../types/pixelMaps";
import type { NnlsPixelsResult } from "../decompose/nnlsPixels";
import { checkEnum, checkOptions } from "../charts/util";
import { checkTable } from "./checkTable";
import { perPixelColumns } from "./perPixelArg";

/** Options of {@link fractionMaps}. */
export interface FractionMapsOptions {
  /** From an NnlsPixelsResult: map its phase `"fractions"` or its raw non-negative `"weights"` (e.g. thickness-like). @default "fractions" */
  values?: "fractions" | "weights";
  /** Names of the columns. @default the fit's member names; "1" … "k" for a matrix */
  names?: readonly string[];
}

/**
 * Put per-pixel fractions back into images: for every sample of the table, one image per end
 * member, as a {@link PixelMaps} (ready for `mapsGridSpec`). Pixels not in the table (filtered
 * out, background) are NaN; values are copied as they are (NaN stays NaN). For a fit on the
 * table itself, `fit.maps()` gives the same; this takes the table explicitly, so it also works
 * for a fit made on a plain matrix of the table's rows, or for any per-pixel matrix.
 *
 * @param table - the {@link PixelTable} the rows belong to.
 * @param fractions - an `NnlsPixelsResult` (its `fractions` or `weights`, named by its members)
 *   or a `Matrix<"pixel", "member">` of shape `[nPixels, k]`.
 * @param options - {@link FractionMapsOptions}.
 * @returns {@link PixelMaps} with quantity "fraction" (or "weight"): `samples[s].images[j]` is member j of sample s, `[ny, nx]`.
 * @throws RangeError when the matrix has not one row per table pixel or the names the wrong length.
 * @example
 * const fit = nnlsPixels(T, em.members, { extraneous: ["carbon/binder"] });
 * const maps = fractionMaps(T, fit);           // maps.samples[s].images[0] = reduced fraction of sample s
 * mapsGridSpec(fractionMaps(T, fit, { values: "weights" }));
 */
export function fractionMaps(table: PixelTable, fractions: NnlsPixelsResult | Matrix<"pixel", "member">, options: FractionMapsOptions = {}): PixelMaps {
  const fn = "fractionMaps";
  checkOptions(fn, options, ["values", "names"]);
  const t = checkTable(fn, table);
  const which = checkEnum(fn, "option values", options.values ?? "fractions", ["fractions", "weights"] as const);
  const { m, names } = perPixelColumns(fn, t, fractions, which, options.names);
  return pixelMaps(t, m, names, which === "fractions" ? "fraction" : "weight");
}
