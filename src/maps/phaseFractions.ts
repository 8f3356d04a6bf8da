/**
 * Per-sample mean phase fractions — the numbers of "phase fraction vs capacity" (Gent 2017 S4).
 * @module
 */
import type { Matrix } from "../types/matrix";
import type { PixelTable } from "../types/pixel-table";
import type { NnlsPixelsResult } from "../decompose/nnlsPixels";
import { checkEnum, checkOptions } from "../charts/util";
import { checkTable } from "./checkTable";
import { perPixelColumns } from "./perPixelArg";

/** Options of {@link phaseFractions}. */
export interface PhaseFractionsOptions {
  /** `"brightness"`: weight each pixel by `table.brightness` (amount of material); `"none"`: plain mean over pixels. @default "brightness" */
  weights?: "brightness" | "none";
  /** Names of the columns. @default the fit's member names; "1" … "k" for a matrix */
  names?: readonly string[];
}

/** The mean fractions of one sample, from {@link phaseFractions}. */
export interface SamplePhaseFractions {
  /** The sample's name. */
  name: string;
  /** The end members' names, length k (in the order of `fractions`). */
  names: string[];
  /** Weighted mean fraction of each end member, length k; NaN when no pixel was used. */
  fractions: Float64Array;
  /** Pixels used. */
  nPixels: number;
  /** Pixels of the sample left out: a non-finite fraction, fractions summing to 0 (no phase), or (with brightness weights) a non-finite or negative brightness. */
  nSkipped: number;
  /** Σ weights of the pixels used (Σ brightness, or the pixel count with `weights: "none"`). */
  weightSum: number;
}

/**
 * For every sample, the (brightness-)weighted mean of each end member's per-pixel fraction:
 * `F_j = Σ_i w_i f_ij / Σ_i w_i` over the sample's pixels, `w_i` = brightness (default) or 1.
 * Pixels whose k fractions sum to 0 (`nnlsPixels` marks pixels with no non-extraneous weight
 * that way), with any non-finite fraction, or with non-finite or negative brightness are left
 * out and counted in `nSkipped`. With fractions that sum to 1 per pixel the result sums to 1.
 *
 * @param table - the {@link PixelTable} (its `sample` and `brightness` are used).
 * @param fit - an `NnlsPixelsResult` (its `fractions`, named by its members) or a
 *   `Matrix<"pixel", "member">` of fractions, shape `[nPixels, k]`.
 * @param options - {@link PhaseFractionsOptions}.
 * @returns one {@link SamplePhaseFractions} per sample, in sample order.
 * @throws RangeError for a matrix without one row per table pixel or an unknown weights value; Error for an unknown option.
 * @example
 * const pf = phaseFractions(T, fit);
 * const spec = xySpec([131, 179, 230, 257, 280, 311], pf.map((s) => s.fractions[0]),
 *   { xLabel: "Capacity (mAh/g)", yLabel: `${pf[0].names[0]} fraction`, line: true });
 */
export function phaseFractions(table: PixelTable, fit: NnlsPixelsResult | Matrix<"pixel", "member">, options: PhaseFractionsOptions = {}): SamplePhaseFractions[] {
  const fn = "phaseFractions";
  checkOptions(fn, options, ["weights", "names"]);
  const t = checkTable(fn, table);
  const { m, names } = perPixelColumns(fn, t, fit, "fractions", options.names);
  const k = m.nCols;
  const fractions = m.data;
  const byBrightness = checkEnum(fn, "option weights", options.weights ?? "brightness", ["brightness", "none"] as const) === "brightness";
  const nS = t.samples.length;
  const sums = new Float64Array(nS * k);
  const wsum = new Float64Array(nS);
  const used = new Float64Array(nS);
  const skipped = new Float64Array(nS);
  for (let r = 0; r < t.nPixels; r++) {
    const s = t.sample[r];
    const w = byBrightness ? t.brightness[r] : 1;
    let total = 0;
    let ok = Number.isFinite(w) && w >= 0;
    for (let j = 0; ok && j < k; j++) {
      const f = fractions[r * k + j];
      if (!Number.isFinite(f)) ok = false;
      else total += f;
    }
    if (!ok || total === 0) {
      skipped[s]++;
      continue;
    }
    used[s]++;
    wsum[s] += w;
    for (let j = 0; j < k; j++) sums[s * k + j] += w * fractions[r * k + j];
  }
  return t.samples.map((smp, s) => {
    const out = new Float64Array(k);
    for (let j = 0; j < k; j++) out[j] = wsum[s] > 0 ? sums[s * k + j] / wsum[s] : NaN;
    return { name: smp.name, names: [...names], fractions: out, nPixels: used[s], nSkipped: skipped[s], weightSum: wsum[s] };
  });
}
