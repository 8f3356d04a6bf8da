/**
 * Per-sample means of a pixel table: average spectra, and per-sample summaries of any per-pixel
 * result (fractions, residuals, scores).
 * @module
 */
import { checkMatrixArg, describe, type Matrix } from "../types/matrix";
import type { PixelTable } from "../types/pixel-table";
import { makeSpectra, type Spectra } from "../types/spectra";

/**
 * The mean spectrum of each sample's pixels (e.g. to fit each sample's average with the end
 * members, as the paper does for total phase fractions).
 *
 * @param table - the pixel table.
 * @returns {@link Spectra} `[nSamples, nE]` named after the samples (NaN rows for a sample without pixels).
 * @example
 * const averages = sampleMeans(T);
 * const fits = spectraList(averages).map((a) => lcf(a, em.members));
 */
export function sampleMeans(table: PixelTable): Spectra<"sample"> {
  const { nE, nPixels } = table;
  const nS = table.samples.length;
  const sum = new Float64Array(nS * nE);
  const count = new Float64Array(nS);
  for (let r = 0; r < nPixels; r++) {
    const s = table.sample[r];
    count[s]++;
    const o = r * nE, b = s * nE;
    for (let e = 0; e < nE; e++) sum[b + e] += table.data[o + e];
  }
  for (let s = 0; s < nS; s++) for (let e = 0; e < nE; e++) sum[s * nE + e] = count[s] > 0 ? sum[s * nE + e] / count[s] : NaN;
  return makeSpectra({ energies: table.energies, values: sum, names: table.samples.map((s) => s.name), dim: "sample" as const });
}

/** One row of {@link summarizeBySample}: the sample, its pixel count, and one mean per named column. */
export type SampleSummaryRow<N extends string = string> = { sample: string; pixels: number } & { [K in N]: number };

/**
 * Per-sample means of per-pixel values, as rows for a table (one row per sample): e.g. the mean
 * fraction of each end member, the mean residual.
 *
 * @param table - the pixel table the values belong to.
 * @param values - `[nPixels, m]` (a Matrix such as `fit.fractions`) or one value per pixel.
 * @param options - `names` of the m columns (default the values' own names when it is a result's
 *   matrix, else "1" …); `weights` per pixel (default 1; e.g. `fit.phaseTotal` for
 *   thickness-weighted phase fractions); `skip` pixels whose weight is 0 (default true).
 * @returns one row per sample: `{ sample, pixels, [name]: mean }`.
 * @example
 * summarizeBySample(T, fit.fractions, { names: fit.names, weights: fit.phaseTotal });
 */
export function summarizeBySample<N extends string = string>(
  table: PixelTable,
  values: Matrix | ArrayLike<number>,
  options: { names?: readonly N[]; weights?: ArrayLike<number> } = {},
): SampleSummaryRow<N>[] {
  const fn = "summarizeBySample";
  for (const k of Object.keys(options)) if (k !== "names" && k !== "weights") throw new Error(`${fn}: unknown option "${k}"; expected one of: names, weights`);
  const m: Matrix = ArrayBuffer.isView(values) || Array.isArray(values)
    ? { data: Float64Array.from(values as ArrayLike<number>), nRows: (values as ArrayLike<number>).length, nCols: 1 }
    : checkMatrixArg(fn, "values", values, 0);
  if (m.nRows !== table.nPixels) throw new RangeError(`${fn}: values have ${m.nRows} rows, the table ${table.nPixels} pixels; expected one row per pixel`);
  const names: readonly string[] = options.names ?? (m.nCols === 1 ? ["mean"] : Array.from({ length: m.nCols }, (_, i) => String(i + 1)));
  if (names.length !== m.nCols) throw new RangeError(`${fn}: ${names.length} names for ${m.nCols} columns`);
  const w = options.weights;
  if (w !== undefined && w?.length !== table.nPixels) throw new RangeError(`${fn}: weights must have one value per pixel (${table.nPixels}), got ${describe(w)}`);
  const nS = table.samples.length, k = m.nCols;
  const sum = new Float64Array(nS * k), wsum = new Float64Array(nS), count = new Int32Array(nS);
  for (let r = 0; r < table.nPixels; r++) {
    const wr = w ? w[r] : 1;
    if (!(wr > 0)) continue;
    const s = table.sample[r];
    count[s]++;
    wsum[s] += wr;
    for (let c = 0; c < k; c++) sum[s * k + c] += wr * m.data[r * k + c];
  }
  return table.samples.map((smp, s) => {
    const row: Record<string, number | string> = { sample: smp.name, pixels: count[s] };
    names.forEach((n, c) => { row[n] = wsum[s] > 0 ? sum[s * k + c] / wsum[s] : NaN; });
    return row as SampleSummaryRow<N>;
  });
}
