/**
 * dQ/dV curves (charge above zero, discharge below) with their peaks marked.
 * @module
 */
import type { DqdvCurve } from "../electrochem/dqdv";
import type { DqdvPeak } from "../electrochem/dqdvPeaks";
import { checkColors, colorScale, type ChartColors } from "./palette";
import { checkOptions, VL_SCHEMA } from "./util";

/** Options of {@link dqdvSpec}. */
export interface DqdvSpecOptions {
  /** Legend label of each curve. @default "cycle <n>" */
  labels?: readonly string[];
  /** Peaks to mark per curve (same order as the curves), drawn as points labelled with their voltage. @default none */
  peaks?: readonly (readonly DqdvPeak[])[];
  /** Colours by label. @default the palette */
  colors?: ChartColors;
  /** Voltage range shown, V. @default the data */
  xDomain?: readonly [number, number];
  title?: string;
  /** Plot size, px. @default 420 × 300 */
  width?: number;
  height?: number;
}

const OPTIONS = ["labels", "peaks", "colors", "xDomain", "title", "width", "height"] as const;

/**
 * A vega-lite chart of dQ/dV against voltage, one line per half-cycle (positive on charge,
 * negative on discharge, as Xu 2018 Fig. 2c–d), a zero line, and optional peak markers with
 * their voltages.
 *
 * @param curves - from `dqdv` (edgeworks/electrochem).
 * @param options - {@link DqdvSpecOptions}.
 * @returns a vega-lite 5 spec (layers: zero rule, lines, peak points and labels).
 * @throws RangeError for an empty list or labels/peaks of the wrong length; Error for an unknown option.
 * @example
 * const curves = dqdv(data, { cycles: [0], fwhm: 0.02 });
 * show(dqdvSpec(curves, { peaks: curves.map((c) => dqdvPeaks(c, { minProminence: 0.1 })) }));
 */
export function dqdvSpec(curves: readonly DqdvCurve[], options: DqdvSpecOptions = {}): Record<string, unknown> {
  const fn = "dqdvSpec";
  checkOptions(fn, options, OPTIONS);
  if (!Array.isArray(curves) || curves.length === 0) throw new RangeError(`${fn}: expected a non-empty list of dQ/dV curves (dqdv(…))`);
  for (const key of ["labels", "peaks"] as const) {
    const v = options[key];
    if (v && v.length !== curves.length) throw new RangeError(`${fn}: option ${key} has ${v.length} entries, expected ${curves.length} (one per curve)`);
  }
  const colors = checkColors(fn, options.colors);
  const labels = curves.map((c, k) => options.labels?.[k] ?? `cycle ${c.cycle}`);
  const names = [...new Set(labels)];
  const values: Record<string, unknown>[] = [];
  curves.forEach((c, k) => { for (let i = 0; i < c.voltage.length; i++) values.push({ voltage: c.voltage[i], dqdv: c.dqdv[i], label: labels[k], part: k }); });
  const peakValues = (options.peaks ?? []).flatMap((ps, k) => ps.map((p) => ({ voltage: p.voltage, dqdv: p.height, label: labels[k], text: p.voltage.toFixed(2), dy: p.height >= 0 ? -8 : 12 })));
  const unit = curves[0].unit === "mAh/g/V" ? "mAh g⁻¹ V⁻¹" : "mAh V⁻¹";
  // room above the highest and below the lowest point for the peak labels
  let lo = 0, hi = 0;
  for (const c of curves) for (const y of c.dqdv) { if (y < lo) lo = y; if (y > hi) hi = y; }
  const pad = 0.1 * (hi - lo || 1);
  const yScale = { domain: [lo < 0 ? lo - pad : 0, hi > 0 ? hi + pad : 0], nice: false };
  const color = { field: "label", type: "nominal", title: "", scale: colorScale(names, colors), sort: names };
  const x = { field: "voltage", type: "quantitative", title: "Voltage (V)", scale: { zero: false, ...(options.xDomain ? { domain: [...options.xDomain] } : {}) } };
  const layers: Record<string, unknown>[] = [
    { data: { values: [{ y: 0 }] }, mark: { type: "rule", color: "#999", strokeDash: [3, 3] }, encoding: { y: { field: "y", type: "quantitative" } } },
    { data: { values }, mark: { type: "line", strokeWidth: 1.5, clip: true }, encoding: { x, y: { field: "dqdv", type: "quantitative", title: `dQ/dV (${unit})`, scale: yScale }, color, detail: { field: "part", type: "nominal" } } },
  ];
  if (peakValues.length) {
    layers.push({ data: { values: peakValues }, mark: { type: "point", filled: true, size: 40, clip: true }, encoding: { x, y: { field: "dqdv", type: "quantitative" }, color } });
    layers.push({ data: { values: peakValues.filter((p) => p.dy < 0) }, mark: { type: "text", dy: -9, fontSize: 10, clip: true }, encoding: { x, y: { field: "dqdv", type: "quantitative" }, text: { field: "text" } } });
    layers.push({ data: { values: peakValues.filter((p) => p.dy > 0) }, mark: { type: "text", dy: 12, fontSize: 10, clip: true }, encoding: { x, y: { field: "dqdv", type: "quantitative" }, text: { field: "text" } } });
  }
  return { $schema: VL_SCHEMA, ...(options.title ? { title: options.title } : {}), width: options.width ?? 420, height: options.height ?? 300, layer: layers };
}
