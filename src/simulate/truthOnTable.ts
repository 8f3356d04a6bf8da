/**
 * The simulator's ground truth, resampled onto the pixels of a preprocessed table.
 * @module
 */
import { fromImages, type PixelTable } from "../types/pixel-table";
import type { PreprocessStackResult } from "../stack/preprocessStack";
import type { SeriesTruth } from "./types";

/**
 * A truth map of every sample (`fraction`, `activeThickness` or `binderThickness`), one value per
 * row of a table made by `preprocessSeries` from the simulated raw stacks, so the recovered
 * per-pixel values can be compared with what was planted.
 *
 * The aligned stack is in the frame of the alignment's reference image, which shows the truth
 * at `p − drift(reference)`; the table's pixels are offset by the crop. Values are interpolated
 * bilinearly at that sub-pixel position; `fraction` is weighted by the active thickness of the
 * four neighbours (as a pixel would see it). Needs the alignment (`shifts`, `crop`) of each sample.
 *
 * @param truth - `SimulatedSeries.truth` (or the parsed `truth.json`).
 * @param preprocessed - `preprocessSeries(...).preprocessed`, one per sample, in the table's sample order.
 * @param table - the table (`preprocessSeries(...).table`, filtered or not).
 * @param key - which truth map.
 * @returns length `table.nPixels`.
 * @throws Error when a sample was not aligned, RangeError when the sample counts differ.
 * @example
 * const tf = truthOnTable(series.truth, pre.preprocessed, pre.table, "fraction");
 */
export function truthOnTable(
  truth: SeriesTruth, preprocessed: readonly PreprocessStackResult[], table: PixelTable, key: "fraction" | "activeThickness" | "binderThickness",
): Float64Array {
  const fn = "truthOnTable";
  if (truth.samples.length !== table.samples.length || preprocessed.length !== table.samples.length) {
    throw new RangeError(`${fn}: the truth has ${truth.samples.length} samples, preprocessed ${preprocessed.length} and the table ${table.samples.length}; expected the same series`);
  }
  return fromImages(table, truth.samples.map((tr, s) => {
    const p = preprocessed[s];
    if (!p.shifts || !p.crop) throw new Error(`${fn}: sample ${s} ("${table.samples[s].name}") was not aligned; its frame is unknown`);
    const ref = typeof p.shifts.reference === "number" ? p.shifts.reference : 0;
    const { ny, nx } = table.samples[s];
    const img = new Float64Array(ny * nx);
    const map = tr[key];
    for (let y = 0; y < ny; y++) {
      for (let x = 0; x < nx; x++) {
        const X = x + p.crop.x0 - tr.shifts.dx[ref];
        const Y = y + p.crop.y0 - tr.shifts.dy[ref];
        const x0 = Math.min(tr.nx - 2, Math.max(0, Math.floor(X)));
        const y0 = Math.min(tr.ny - 2, Math.max(0, Math.floor(Y)));
        const u = Math.min(1, Math.max(0, X - x0));
        const v = Math.min(1, Math.max(0, Y - y0));
        const q = y0 * tr.nx + x0;
        const at = [q, q + 1, q + tr.nx, q + tr.nx + 1];
        const w = [(1 - u) * (1 - v), u * (1 - v), (1 - u) * v, u * v];
        let num = 0;
        let den = 0;
        for (let c = 0; c < 4; c++) {
          const wt = w[c] * (key === "fraction" ? tr.activeThickness[at[c]] : 1);
          num += wt * map[at[c]];
          den += wt;
        }
        img[y * nx + x] = den > 0 ? num / den : 0;
      }
    }
    return img;
  }));
}
