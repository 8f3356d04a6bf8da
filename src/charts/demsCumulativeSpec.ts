/**
 * Cumulative gas evolved against time.
 * @module
 */
import type { DemsAnalysis } from "../electrochem/analyzeDems";
import { checkColors, colorScale, type ChartColors } from "./palette";
import { checkInt, checkOptions, VL_SCHEMA } from "./util";

/** Options of {@link demsCumulativeSpec}. */
export interface DemsCumulativeSpecOptions {
  /** Species to draw. @default all */
  species?: readonly string[];
  colors?: ChartColors;
  title?: string;
  /** Plot size, px. @default 420 × 260 */
  width?: number;
  height?: number;
  /** Points per series at most. @default 2000 */
  maxPoints?: number;
}

const OPTIONS = ["species", "colors", "title", "width", "height", "maxPoints"] as const;

/**
 * A vega-lite chart of the cumulative amount of each gas (µmol, or µmol/mg) against time (h),
 * with the total written at the end of each line.
 *
 * @param analysis - from `analyzeDems`.
 * @param options - {@link DemsCumulativeSpecOptions}.
 * @returns a vega-lite 5 spec.
 * @throws RangeError for an unknown species; Error for an unknown option.
 * @example
 * show(demsCumulativeSpec(analyzeDems(gas, cycler)));
 */
export function demsCumulativeSpec(analysis: DemsAnalysis, options: DemsCumulativeSpecOptions = {}): Record<string, unknown> {
  const fn = "demsCumulativeSpec";
  checkOptions(fn, options, OPTIONS);
  const all = analysis.gases.map((g) => g.species);
  const species = options.species ?? all;
  for (const s of species) if (!all.includes(s)) throw new RangeError(`${fn}: option species names "${s}", expected one of: ${all.join(", ")}`);
  const maxPoints = checkInt(fn, "option maxPoints", options.maxPoints ?? 2000, 2);
  const colors = checkColors(fn, options.colors);
  const n = analysis.time.length;
  const s = Math.max(1, Math.ceil(n / maxPoints));
  const unit = analysis.perMg ? "µmol/mg" : "µmol";
  const values: Record<string, unknown>[] = [];
  const ends: Record<string, unknown>[] = [];
  for (const g of analysis.gases) {
    if (!species.includes(g.species)) continue;
    for (let i = 0; i < n; i += s) values.push({ h: analysis.time[i] / 3600, amount: g.cumulative[i], species: g.species });
    values.push({ h: analysis.time[n - 1] / 3600, amount: g.total, species: g.species });
    ends.push({ h: analysis.time[n - 1] / 3600, amount: g.total, species: g.species, text: `${g.total.toPrecision(3)} ${unit}` });
  }
  const x = { field: "h", type: "quantitative", title: "Time (h)" };
  const y = { field: "amount", type: "quantitative", title: `Cumulative gas (${unit})` };
  const color = { field: "species", type: "nominal", title: "", scale: colorScale([...species], colors), sort: [...species] };
  return {
    $schema: VL_SCHEMA,
    ...(options.title ? { title: options.title } : {}),
    width: options.width ?? 420,
    height: options.height ?? 260,
    layer: [
      { data: { values }, mark: { type: "line", strokeWidth: 1.6 }, encoding: { x, y, color } },
      { data: { values: ends }, mark: { type: "text", align: "right", dx: -4, dy: -8, fontSize: 11 }, encoding: { x, y, color, text: { field: "text" } } },
    ],
  };
}
