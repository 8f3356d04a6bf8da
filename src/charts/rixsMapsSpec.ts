/**
 * Several RIXS maps in a grid (materials × states), on one colour scale or each on its own.
 * @module
 */
import type { RixsMap } from "../rixs/rixsMap";
import { rixsDomain, rixsMapSpec, type RixsMapSpecOptions } from "./rixsMapSpec";
import { checkOptions, VL_SCHEMA } from "./util";

/** Options of {@link rixsMapsSpec}. */
export interface RixsMapsSpecOptions extends Omit<RixsMapSpecOptions, "title" | "width" | "height" | "legend"> {
  /** Panels per row. @default 4 */
  columns?: number;
  /** One colour scale for all panels (from the percentiles of all maps) or each map its own. @default "shared" */
  scale?: "shared" | "each";
  /** Title over the grid. @default none */
  title?: string;
  /** Panel titles. @default the maps' names */
  titles?: readonly string[];
}

/**
 * A grid of RIXS map panels (e.g. LNMO and LNRO at pristine, 4.5 V, 4.8 V and 2.0 V, Xu et al.
 * 2018 Fig. 5), fitted into 900 px: panel width = (900 − legend − axes) / columns.
 *
 * @param maps - calibrated maps, in reading order.
 * @param options - {@link RixsMapsSpecOptions} (plus every {@link RixsMapSpecOptions} but size).
 * @returns a vega-lite spec (`vconcat` of `hconcat` rows).
 * @example
 * const spec = rixsMapsSpec(results.map((r) => r.map), { columns: 4, markers: [{ excitation: 530.8, emission: 523.75 }] });
 */
export function rixsMapsSpec(maps: readonly RixsMap[], options: RixsMapsSpecOptions = {}): Record<string, unknown> {
  const fn = "rixsMapsSpec";
  const { columns = 4, scale = "shared", title, titles, ...panel } = options;
  checkOptions(fn, options, ["columns", "scale", "title", "titles", "colorScheme", "domain", "percentiles", "gamma", "emissionRange", "markers", "elasticLine", "legendTitle", "xLabel", "yLabel"]);
  if (!Array.isArray(maps) || maps.length === 0) throw new RangeError(`${fn}: expected at least one map`);
  if (!Number.isInteger(columns) || columns < 1 || columns > 6) throw new RangeError(`${fn}: option columns must be 1 … 6, got ${columns}`);
  if (scale !== "shared" && scale !== "each") throw new RangeError(`${fn}: option scale must be "shared" or "each", got ${JSON.stringify(scale)}`);
  if (titles && titles.length !== maps.length) throw new RangeError(`${fn}: option titles has ${titles.length} names for ${maps.length} maps`);
  let domain = panel.domain;
  if (scale === "shared" && domain === undefined) {
    const all: number[] = [];
    for (const m of maps) {
      const [lo, hi] = panel.emissionRange ?? [-Infinity, Infinity];
      for (let i = 0; i < m.nRows; i++) for (let j = 0; j < m.nCols; j++) if (m.emission[j] >= lo && m.emission[j] <= hi) all.push(m.data[i * m.nCols + j]);
    }
    domain = rixsDomain(fn, all, undefined, panel.percentiles);
  }
  const n = Math.min(columns, maps.length);
  // 900 px: the first column's y axis with its title (~95 px), the others' labels (~75 px) and
  // spacing (12 px); the colour legend goes below the grid
  const w = Math.floor((900 - 95 - (n - 1) * 87) / n);
  const h = Math.max(Math.round(w * 0.8), 120);
  const panels = maps.map((m, i) => {
    const s = rixsMapSpec(m, { ...panel, ...(domain ? { domain } : {}), title: titles?.[i] ?? m.name, width: w, height: h, legend: scale === "each" || i === maps.length - 1, yLabel: i % n > 0 ? "" : panel.yLabel ?? "Excitation (eV)" });
    delete s.$schema;
    delete s.config;
    return s;
  });
  const rows: Record<string, unknown>[] = [];
  for (let k = 0; k < panels.length; k += n) rows.push({ hconcat: panels.slice(k, k + n), spacing: 12 });
  return { $schema: VL_SCHEMA, ...(title ? { title } : {}), vconcat: rows, spacing: 16, config: { view: { stroke: null }, legend: { orient: "bottom", direction: "horizontal", gradientLength: 240 } }, resolve: { scale: { color: scale === "shared" ? "shared" : "independent" } } };
}
