/**
 * Shapes shared by the decomposition results: the energy axis of the input, per-pixel result
 * matrices, and mapping per-pixel results back to images (internal; not re-exported).
 * @module
 */
import { matrix, type Dim, type Matrix } from "../types/matrix";
import { isPixelTable, type PixelTable } from "../types/pixel-table";
import { pixelMaps, type PixelMaps } from "../types/pixelMaps";

/** The energies of an input matrix (a PixelTable's or Spectra's), or 0, 1, … when it has none. */
export function energiesOf(X: Matrix): { energies: Float64Array; known: boolean } {
  const e = (X as { energies?: unknown }).energies;
  if (e instanceof Float64Array && e.length === X.nCols) return { energies: e, known: true };
  return { energies: Float64Array.from({ length: X.nCols }, (_, i) => i), known: false };
}

/** The input as a PixelTable, or null. */
export function tableOf(X: Matrix): PixelTable | null {
  return isPixelTable(X) && X.nPixels === X.nRows ? X : null;
}

/** A `maps()` function for a per-pixel result of `X`, which throws a clear error when X is not a PixelTable. */
export function mapsFor(fn: string, X: Matrix, quantity: string): (values: Matrix, names: readonly string[]) => PixelMaps {
  const table = tableOf(X);
  return (values, names) => {
    if (!table) {
      throw new Error(`${fn}(…).maps(): the input was a plain matrix, not a PixelTable, so its rows have no image positions; ` +
        `run ${fn} on the table from preprocessSeries / toPixelTable, or use pixelMaps(table, values, names)`);
    }
    return pixelMaps(table, values, names, quantity);
  };
}

/** Wrap a per-pixel result array. */
export function perPixel<C extends Dim>(data: Float64Array, nPixels: number, k: number, col: C): Matrix<"pixel", C> {
  return matrix(data, nPixels, k, ["pixel", col] as const);
}
