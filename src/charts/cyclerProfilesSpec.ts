/**
 * Voltage profiles (voltage against capacity) of several half-cycles or cells in one chart.
 * @module
 */
import type { VoltageProfile } from "../electrochem/voltageProfiles";
import { checkColors, colorScale, type ChartColors } from "./palette";
import { checkInt, checkOptions, VL_SCHEMA } from "./util";

/** Options of {@link cyclerProfilesSpec}. */
export interface CyclerProfilesSpecOptions {
  /** Legend label of each profile. @default "cycle <n>" (charge and discharge of a cycle share a colour) */
  labels?: readonly string[];
  /** Colours by label (or a list in order). @default the palette */
  colors?: ChartColors;
  /** Chart title. @default none */
  title?: string;
  /** Axis titles. @default "Capacity (mAh/g)" (or mAh), "Voltage (V)" */
  xLabel?: string;
  yLabel?: string;
  /** Points drawn per profile at most (every s-th kept, the last always). @default 1500 */
  maxPoints?: number;
  /** Plot size, px. @default 420 × 300 */
  width?: number;
  height?: number;
}

const OPTIONS = ["labels", "colors", "title", "xLabel", "yLabel", "maxPoints", "width", "height"] as const;

/**
 * A vega-lite chart of voltage against capacity, one line per half-cycle (charge rising,
 * discharge falling, each from 0 as in first-cycle figures), coloured by label.
 *
 * @param profiles - from `voltageProfiles` (edgeworks/electrochem).
 * @param options - {@link CyclerProfilesSpecOptions}.
 * @returns a vega-lite 5 spec; fields `capacity`, `voltage`, `label`, `part` (half-cycle index), `i`.
 * @throws RangeError for an empty list or labels of the wrong length; Error for an unknown option.
 * @example
 * show(cyclerProfilesSpec(voltageProfiles(data, { mass: 3.2, cycles: [0] }), { title: "LNRO, first cycle" }));
 */
export function cyclerProfilesSpec(profiles: readonly VoltageProfile[], options: CyclerProfilesSpecOptions = {}): Record<string, unknown> {
  const fn = "cyclerProfilesSpec";
  checkOptions(fn, options, OPTIONS);
  if (!Array.isArray(profiles) || profiles.length === 0) throw new RangeError(`${fn}: expected a non-empty list of voltage profiles (voltageProfiles(…))`);
  if (options.labels && options.labels.length !== profiles.length) throw new RangeError(`${fn}: option labels has ${options.labels.length} entries, expected ${profiles.length} (one per profile)`);
  const maxPoints = checkInt(fn, "option maxPoints", options.maxPoints ?? 1500, 2);
  const colors = checkColors(fn, options.colors);
  const labels = profiles.map((p, k) => options.labels?.[k] ?? `cycle ${p.cycle}`);
  const values: Record<string, unknown>[] = [];
  profiles.forEach((p, k) => {
    const n = p.capacity.length;
    const s = Math.max(1, Math.ceil(n / maxPoints));
    for (let i = 0; i < n; i += s) values.push({ capacity: p.capacity[i], voltage: p.voltage[i], label: labels[k], part: k, i });
    if ((n - 1) % s !== 0) values.push({ capacity: p.capacity[n - 1], voltage: p.voltage[n - 1], label: labels[k], part: k, i: n - 1 });
  });
  const names = [...new Set(labels)];
  const unit = profiles[0].unit;
  return {
    $schema: VL_SCHEMA,
    ...(options.title ? { title: options.title } : {}),
    width: options.width ?? 420,
    height: options.height ?? 300,
    data: { values },
    mark: { type: "line", strokeWidth: 1.6 },
    encoding: {
      x: { field: "capacity", type: "quantitative", title: options.xLabel ?? `Capacity (${unit})`, scale: { zero: true } },
      y: { field: "voltage", type: "quantitative", title: options.yLabel ?? "Voltage (V)", scale: { zero: false } },
      color: { field: "label", type: "nominal", title: "", scale: colorScale(names, colors), sort: names },
      detail: { field: "part", type: "nominal" },
      order: { field: "i", type: "quantitative" },
      tooltip: [{ field: "label", type: "nominal" }, { field: "capacity", type: "quantitative", format: ".1f" }, { field: "voltage", type: "quantitative", format: ".3f" }],
    },
  };
}
