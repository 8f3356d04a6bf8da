/**
 * Operando DEMS figure: cell voltage and gas evolution rates on one time axis (stacked panels).
 * @module
 */
import type { DemsAnalysis } from "../electrochem/analyzeDems";
import { checkColors, colorScale, type ChartColors } from "./palette";
import { checkInt, checkOptions, VL_SCHEMA } from "./util";

/** Options of {@link demsSpec}. */
export interface DemsSpecOptions {
  /** Species to draw. @default all */
  species?: readonly string[];
  /** Rate unit on the axis: "µmol/min" or "nmol/min" (per mg when the rates are per mg). @default "µmol/min" */
  unit?: "µmol/min" | "nmol/min";
  /** Colours by species. @default the palette */
  colors?: ChartColors;
  title?: string;
  /** Plot width and the heights of the voltage and rate panels, px. @default 560, 150, 220 */
  width?: number;
  voltageHeight?: number;
  rateHeight?: number;
  /** Points per series at most. @default 3000 */
  maxPoints?: number;
}

const OPTIONS = ["species", "unit", "colors", "title", "width", "voltageHeight", "rateHeight", "maxPoints"] as const;

/**
 * The operando DEMS figure of Xu 2018 Fig. 3: the cell voltage against time (h) on top and
 * the background-corrected gas evolution rates below, on the same time axis, with each gas's
 * onset marked by a dashed rule.
 *
 * @param analysis - from `analyzeDems` (edgeworks/electrochem).
 * @param options - {@link DemsSpecOptions}.
 * @returns a vega-lite 5 spec (`vconcat` of the two panels, shared x).
 * @throws RangeError for an unknown species; Error for an unknown option.
 * @example
 * show(demsSpec(analyzeDems(gas, cycler), { species: ["O2", "CO2"] }));
 */
export function demsSpec(analysis: DemsAnalysis, options: DemsSpecOptions = {}): Record<string, unknown> {
  const fn = "demsSpec";
  checkOptions(fn, options, OPTIONS);
  const all = analysis.gases.map((g) => g.species);
  const species = options.species ?? all;
  for (const s of species) if (!all.includes(s)) throw new RangeError(`${fn}: option species names "${s}", expected one of: ${all.join(", ")}`);
  const unit = options.unit ?? "µmol/min";
  if (unit !== "µmol/min" && unit !== "nmol/min") throw new RangeError(`${fn}: option unit must be "µmol/min" or "nmol/min", got ${JSON.stringify(unit)}`);
  const k = unit === "µmol/min" ? 1e-3 : 1;
  const maxPoints = checkInt(fn, "option maxPoints", options.maxPoints ?? 3000, 2);
  const colors = checkColors(fn, options.colors);
  const n = analysis.time.length;
  const s = Math.max(1, Math.ceil(n / maxPoints));
  const volts: Record<string, unknown>[] = [];
  for (let i = 0; i < n; i += s) if (Number.isFinite(analysis.voltage[i])) volts.push({ h: analysis.time[i] / 3600, voltage: analysis.voltage[i] });
  const rates: Record<string, unknown>[] = [];
  const onsets: Record<string, unknown>[] = [];
  for (const g of analysis.gases) {
    if (!species.includes(g.species)) continue;
    for (let i = 0; i < n; i += s) rates.push({ h: analysis.time[i] / 3600, rate: g.rate[i] * k, species: g.species });
    if (g.onset) onsets.push({ h: g.onset.time / 3600, species: g.species, text: `${g.species} onset ${g.onset.voltage.toFixed(2)} V` });
  }
  const width = options.width ?? 560;
  const x = { field: "h", type: "quantitative", title: "Time (h)" };
  const color = { field: "species", type: "nominal", title: "", scale: colorScale([...species], colors), sort: [...species] };
  const perMg = analysis.perMg ? " mg⁻¹" : "";
  return {
    $schema: VL_SCHEMA,
    ...(options.title ? { title: options.title } : {}),
    vconcat: [
      { width, height: options.voltageHeight ?? 150, data: { values: volts }, mark: { type: "line", color: "#333", strokeWidth: 1.4 }, encoding: { x: { ...x, axis: { title: null, labels: false } }, y: { field: "voltage", type: "quantitative", title: "Voltage (V)", scale: { zero: false } } } },
      {
        width, height: options.rateHeight ?? 220,
        layer: [
          { data: { values: rates }, mark: { type: "line", strokeWidth: 1.3 }, encoding: { x, y: { field: "rate", type: "quantitative", title: `Gas evolution (${unit.replace("/min", "")} min⁻¹${perMg})` }, color } },
          ...(onsets.length ? [{ data: { values: onsets }, mark: { type: "rule", strokeDash: [4, 3] }, encoding: { x, color, tooltip: [{ field: "text", type: "nominal" }] } }] : []),
        ],
      },
    ],
    resolve: { scale: { x: "shared" } },
  };
}
