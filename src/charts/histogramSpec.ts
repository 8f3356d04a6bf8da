/**
 * Histogram with an optional cutoff rule — the noise histogram of Gent 2017 S15a.
 * @module
 */
import { histogramBins } from "./histogramBins";
import { checkArrayLike, checkFinite, checkOptions, VL_SCHEMA } from "./util";

/** Options of {@link histogramSpec}. */
export interface HistogramSpecOptions {
  /** Number of equal-width bins (computed here, not by vega). @default 60 */
  bins?: number;
  /** `[lo, hi]` covered by the bins. @default the finite extent of the values (and the cutoff) */
  range?: [number, number];
  /** Draw a red vertical rule here and put the fraction of finite values `> cutoff` in the title. */
  cutoff?: number;
  /** How the cutoff is named in the title. @default "cutoff <value>" */
  cutoffLabel?: string;
  /** x-axis title. @default "Value" */
  xLabel?: string;
  /** y-axis title. @default "Count" */
  yLabel?: string;
  /** Title (the cutoff fraction is appended). @default "Histogram" */
  title?: string;
  /** Log (symlog) scale for the counts. @default false */
  logY?: boolean;
  /** Plot size in pixels. @default 360 × 240 */
  width?: number;
  height?: number;
}

const OPTIONS = ["bins", "range", "cutoff", "cutoffLabel", "xLabel", "yLabel", "title", "logY", "width", "height"] as const;

function fmt(v: number): string {
  return Number(v.toPrecision(4)).toString();
}

/**
 * A vega-lite 5 histogram of `values` with the bins computed in TypeScript (so a million values
 * become `bins` rows of data), and, with `cutoff`, a red vertical rule at the cutoff and
 * "— 10.2 % above cutoff 0.05" in the title (the fraction of the finite values strictly above
 * it). Non-finite values are skipped and counted in the subtitle. The numbers are also in
 * `usermeta` (`fractionAbove`, `nFinite`, `nNonFinite`, `nOutside`).
 *
 * @param values - the values (e.g. per-pixel background standard deviation), any length.
 * @param options - {@link HistogramSpecOptions}.
 * @returns a vega-lite spec object (`$schema` v5): a layer of bars (fields `x0`, `x1`, `count`)
 *   and, with a cutoff, a rule (field `cutoff`).
 * @throws RangeError for a non-finite cutoff or bad bins/range; Error for an unknown option.
 * @example
 * const spec = histogramSpec(noise, { cutoff: 0.05, xLabel: "Background std. dev. (OD)", title: "Pre-edge noise" });
 */
export function histogramSpec(values: ArrayLike<number>, options: HistogramSpecOptions = {}): Record<string, unknown> {
  const fn = "histogramSpec";
  checkOptions(fn, options, OPTIONS);
  const v = checkArrayLike(fn, "values", values);
  const cutoff = options.cutoff === undefined ? undefined : checkFinite(fn, "option cutoff", options.cutoff);
  let range = options.range;
  if (range === undefined && cutoff !== undefined) {
    // Keep the cutoff inside the plotted range.
    let lo = cutoff;
    let hi = cutoff;
    for (let i = 0; i < v.length; i++) {
      const x = v[i];
      if (!Number.isFinite(x)) continue;
      if (x < lo) lo = x;
      if (x > hi) hi = x;
    }
    range = lo < hi ? [lo, hi] : undefined;
  }
  const h = histogramBins(v, { bins: options.bins ?? 60, ...(range ? { range } : {}) });
  const rows: Record<string, number>[] = [];
  for (let i = 0; i < h.counts.length; i++) rows.push({ x0: h.edges[i], x1: h.edges[i + 1], count: h.counts[i] });
  let fractionAbove: number | null = null;
  let text = options.title ?? "Histogram";
  if (cutoff !== undefined) {
    let above = 0;
    for (let i = 0; i < v.length; i++) if (Number.isFinite(v[i]) && v[i] > cutoff) above++;
    fractionAbove = h.nFinite > 0 ? above / h.nFinite : 0;
    text += ` — ${(100 * fractionAbove).toFixed(1)} % above ${options.cutoffLabel ?? `cutoff ${fmt(cutoff)}`}`;
  }
  const notes: string[] = [`${h.nFinite.toLocaleString("en-US")} values`];
  if (h.nNonFinite > 0) notes.push(`${h.nNonFinite.toLocaleString("en-US")} non-finite skipped`);
  if (h.nOutside > 0) notes.push(`${h.nOutside.toLocaleString("en-US")} outside the range`);
  const xLabel = options.xLabel ?? "Value";
  const bars = {
    data: { values: rows },
    mark: { type: "bar", color: "#4c78a8", orient: "vertical" },
    encoding: {
      x: { field: "x0", type: "quantitative", title: xLabel, scale: { zero: false, nice: false } },
      x2: { field: "x1" },
      y: { field: "count", type: "quantitative", title: options.yLabel ?? "Count", ...(options.logY ? { scale: { type: "symlog" } } : {}) },
      y2: { datum: 0 },
      tooltip: [
        { field: "x0", type: "quantitative", title: "from", format: ".4g" },
        { field: "x1", type: "quantitative", title: "to", format: ".4g" },
        { field: "count", type: "quantitative" },
      ],
    },
  };
  const layer: Record<string, unknown>[] = [bars];
  if (cutoff !== undefined) {
    layer.push({
      data: { values: [{ cutoff }] },
      mark: { type: "rule", color: "#d62728", strokeWidth: 2 },
      encoding: { x: { field: "cutoff", type: "quantitative" } },
    });
  }
  return {
    $schema: VL_SCHEMA,
    title: { text, subtitle: notes.join("; ") },
    width: options.width ?? 360,
    height: options.height ?? 240,
    layer,
    usermeta: { fractionAbove, nFinite: h.nFinite, nNonFinite: h.nNonFinite, nOutside: h.nOutside },
  };
}
