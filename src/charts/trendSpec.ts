/**
 * Trend plots of refined values with error bars: lattice parameters, occupancies or phase
 * fractions against state of charge or sample.
 * @module
 */
import type { Measured } from "../diffraction/measured";
import { checkColors, colorScale, type ChartColors } from "./palette";
import { checkOptions, VL_SCHEMA } from "./util";

/** One named series of a {@link trendSpec}. */
export interface TrendSeries {
  /** Legend name. */
  name: string;
  /** One value per x, with its esd (NaN: no bar). */
  values: readonly Measured[];
}

/** Options of {@link trendSpec}. */
export interface TrendSpecOptions {
  /** Axis titles. @default "x", "value" */
  xLabel?: string;
  yLabel?: string;
  /** Chart title. @default none */
  title?: string;
  /** Half-length of the error bars in esds (1 = ±1σ, 3 = ±3σ). @default 1 */
  esdScale?: number;
  /** Join the points of each series in x order. @default true */
  line?: boolean;
  /** Include 0 in the y scale. @default false */
  zero?: boolean;
  /** Colours by series name (or a list in order). @default palette order */
  colors?: ChartColors;
  /** Plot size in px. @default 360 × 260 */
  width?: number;
  height?: number;
}

const OPTIONS = ["xLabel", "yLabel", "title", "esdScale", "line", "zero", "colors", "width", "height"] as const;

/**
 * A vega-lite 5 chart of values with error bars (value ± `esdScale`·esd) against x — e.g. the
 * TM in the Li layer (%) against the sample along the first cycle (Gent 2017 Tables S2/S3), or
 * the lattice parameters against state of charge (Li et al. S11). Numeric x gives a
 * quantitative axis (padded so end points are not cut); string x (sample names) an ordinal axis
 * in the order given. Points whose value is not finite are left out; points without an esd are
 * drawn without a bar, and the subtitle counts both (or says that no esds were given).
 *
 * @param x - x per point, length n: numbers (capacity, x in Li_x) or sample names.
 * @param y - one series of n {@link Measured} values, or several {@link TrendSeries}.
 * @param options - {@link TrendSpecOptions}.
 * @returns a vega-lite spec (fields `x`, `value`, `lo`, `hi`, `esd`, `series`).
 * @throws RangeError when a series' length differs from x; TypeError for malformed values; Error for an unknown option.
 * @example
 * trendSpec(["Pristine", "c1_4.35V", "c1_4.60V"], [{ value: 3.10, esd: 0.10 }, { value: 2.8, esd: 0.17 }, { value: 9.0, esd: 0.18 }],
 *   { xLabel: "sample", yLabel: "TM in Li layer (%)" });
 */
export function trendSpec(x: readonly (number | string)[], y: readonly Measured[] | readonly TrendSeries[], options: TrendSpecOptions = {}): Record<string, unknown> {
  const fn = "trendSpec";
  checkOptions(fn, options, OPTIONS);
  if (!Array.isArray(x)) throw new TypeError(`${fn}: x must be an array of numbers or strings, got ${x === null ? "null" : typeof x}`);
  if (!Array.isArray(y) || y.length === 0) throw new TypeError(`${fn}: y must be a non-empty array of { value, esd } or of { name, values }`);
  const numeric = x.every((v) => typeof v === "number");
  if (!numeric && !x.every((v) => typeof v === "string")) throw new TypeError(`${fn}: x must be all numbers or all strings`);
  const series: TrendSeries[] = "values" in (y[0] as object) ? (y as TrendSeries[]) : [{ name: "", values: y as Measured[] }];
  const k = options.esdScale ?? 1;
  if (typeof k !== "number" || !(k > 0) || !Number.isFinite(k)) throw new RangeError(`${fn}: option esdScale must be a finite number > 0, got ${String(k)}`);
  const rows: Record<string, unknown>[] = [];
  let skipped = 0;
  let noEsd = 0;
  for (const s of series) {
    if (!s || typeof s.name !== "string" || !Array.isArray(s.values)) throw new TypeError(`${fn}: a series must be { name, values }, got ${JSON.stringify(s)}`);
    if (s.values.length !== x.length) throw new RangeError(`${fn}: series "${s.name}" has ${s.values.length} values, expected ${x.length} (one per x)`);
    s.values.forEach((m, i) => {
      if (m === null || typeof m !== "object" || typeof m.value !== "number" || typeof m.esd !== "number") throw new TypeError(`${fn}: series "${s.name}" value ${i} must be { value, esd }, got ${JSON.stringify(m)}`);
      if (!Number.isFinite(m.value) || (numeric && !Number.isFinite(x[i] as number))) return void skipped++;
      const has = Number.isFinite(m.esd);
      if (!has) noEsd++;
      rows.push({ x: x[i], i, series: s.name, value: m.value, esd: has ? m.esd : null, lo: has ? m.value - k * m.esd : null, hi: has ? m.value + k * m.esd : null });
    });
  }
  const names = series.map((s) => s.name);
  const colors = checkColors(fn, options.colors);
  const multi = series.length > 1;
  const xEnc = numeric
    ? { field: "x", type: "quantitative", title: options.xLabel ?? "x", scale: { zero: false, padding: 14 } }
    : { field: "x", type: "ordinal", title: options.xLabel ?? "x", sort: [...new Set(x as string[])], axis: { labelAngle: -40 } };
  const color = multi ? { color: { field: "series", type: "nominal", title: "", scale: colorScale(names, colors), sort: names } } : {};
  const single = multi ? {} : { color: { value: colorScale(names, colors).range[0] } };
  const yTitle = options.yLabel ?? "value";
  const allWithout = rows.length > 0 && noEsd === rows.length;
  const notes = [allWithout ? "no esds given (points only)" : `error bars ±${k === 1 ? "" : k}σ`, skipped ? `${skipped} points without a value left out` : "", noEsd && !allWithout ? `${noEsd} without an esd (no bar)` : ""].filter(Boolean);
  return {
    $schema: VL_SCHEMA,
    title: { text: options.title ?? "", subtitle: notes.join("; ") },
    width: options.width ?? 360,
    height: options.height ?? 260,
    data: { values: rows },
    encoding: { x: xEnc },
    layer: [
      { mark: { type: "rule", strokeWidth: 1.5 }, encoding: { y: { field: "lo", type: "quantitative", title: yTitle, scale: { zero: options.zero ?? false, padding: 8 } }, y2: { field: "hi" }, ...color, ...single } },
      { mark: { type: "tick", thickness: 1.5, size: 8, orient: "horizontal" }, encoding: { y: { field: "lo", type: "quantitative" }, ...color, ...single } },
      { mark: { type: "tick", thickness: 1.5, size: 8, orient: "horizontal" }, encoding: { y: { field: "hi", type: "quantitative" }, ...color, ...single } },
      {
        mark: options.line === false ? { type: "point", filled: true, size: 40 } : { type: "line", point: { filled: true, size: 40 }, strokeWidth: 1.5 },
        encoding: {
          y: { field: "value", type: "quantitative", title: yTitle, scale: { zero: options.zero ?? false, padding: 8 } },
          ...color, ...single,
          ...(options.line === false ? {} : { order: { field: "i", type: "quantitative" } }),
          tooltip: [
            ...(multi ? [{ field: "series", type: "nominal", title: "series" }] : []),
            { field: "x", type: numeric ? "quantitative" : "nominal", title: options.xLabel ?? "x" },
            { field: "value", type: "quantitative", title: yTitle, format: ".5g" },
            { field: "esd", type: "quantitative", title: "esd", format: ".2g" },
          ],
        },
      },
    ],
  };
}
