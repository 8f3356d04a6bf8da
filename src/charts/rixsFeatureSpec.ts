/**
 * The intensity of a RIXS feature against state of charge, one line per material.
 * @module
 */
import { checkColors, colorScale, type ChartColors } from "./palette";
import { checkOptions, VL_SCHEMA } from "./util";

/** One point of {@link rixsFeatureSpec}. */
export interface RixsFeaturePoint {
  /** Material (one line each), e.g. "LNMO". */
  readonly material: string;
  /** State of charge, e.g. "4.8 V" (x axis, in the order first seen). */
  readonly state: string;
  /** Feature intensity (e.g. `featureIntensity(map, …).mean`). */
  readonly intensity: number;
  /** Optional error bar half-width. */
  readonly error?: number;
}

/** Options of {@link rixsFeatureSpec}. */
export interface RixsFeatureSpecOptions {
  /** Axis titles. @default "State of charge", "Feature intensity" */
  xLabel?: string;
  yLabel?: string;
  /** Chart title. @default none */
  title?: string;
  /** Colours by material. @default the palette */
  colors?: ChartColors;
  /** Plot size. @default 360 × 240 */
  width?: number;
  height?: number;
}

/**
 * Feature intensity (e.g. 530.8 / 523.75 eV) against state of charge, points joined per material,
 * states in the order given, with optional error bars.
 *
 * @param points - {@link RixsFeaturePoint}s.
 * @param options - {@link RixsFeatureSpecOptions}.
 * @returns a vega-lite spec (`$schema` v5); fields `material`, `state`, `intensity`, `lo`, `hi`.
 * @example
 * rixsFeatureSpec([{ material: "LNMO", state: "pristine", intensity: 12 }, { material: "LNMO", state: "4.8 V", intensity: 40 }]);
 */
export function rixsFeatureSpec(points: readonly RixsFeaturePoint[], options: RixsFeatureSpecOptions = {}): Record<string, unknown> {
  const fn = "rixsFeatureSpec";
  checkOptions(fn, options, ["xLabel", "yLabel", "title", "colors", "width", "height"]);
  if (!Array.isArray(points) || points.length === 0) throw new RangeError(`${fn}: expected at least one point`);
  points.forEach((p, i) => { if (typeof p.material !== "string" || typeof p.state !== "string" || !Number.isFinite(p.intensity)) throw new RangeError(`${fn}: points[${i}] must have a material, a state and a finite intensity, got ${JSON.stringify(p)}`); });
  const colors = checkColors(fn, options.colors);
  const states = [...new Set(points.map((p) => p.state))];
  const materials = [...new Set(points.map((p) => p.material))];
  const values = points.map((p) => ({ material: p.material, state: p.state, intensity: p.intensity, lo: p.intensity - (p.error ?? 0), hi: p.intensity + (p.error ?? 0) }));
  const x = { field: "state", type: "ordinal", sort: states, axis: { title: options.xLabel ?? "State of charge", labelAngle: 0 } };
  const color = { field: "material", type: "nominal", scale: colorScale(materials, colors), legend: { title: null } };
  const layers: Record<string, unknown>[] = [
    { mark: { type: "line", point: { size: 60, filled: true } }, encoding: { x, y: { field: "intensity", type: "quantitative", axis: { title: options.yLabel ?? "Feature intensity" } }, color } },
  ];
  if (points.some((p) => p.error !== undefined)) layers.push({ mark: "rule", encoding: { x, y: { field: "lo", type: "quantitative" }, y2: { field: "hi" }, color } });
  return { $schema: VL_SCHEMA, ...(options.title ? { title: options.title } : {}), width: options.width ?? 360, height: options.height ?? 240, data: { values }, layer: layers };
}
