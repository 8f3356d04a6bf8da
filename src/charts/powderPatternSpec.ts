/**
 * Calculated powder patterns as a chart: sticks (reflections) and a profile per pattern, hkl
 * labels on the strong peaks, several patterns stacked with an offset, marked 2θ regions.
 * @module
 */
import { powderProfile, type PowderProfile, type PowderProfileOptions } from "../diffraction/powderProfile";
import type { PowderPattern } from "../diffraction/powderPattern";
import { NOTEBOOK_WIDTH, PADDING, Y_AXIS, legendWidth, textWidth } from "./layout";
import { checkColors, colorScale, type ChartColors } from "./palette";
import { checkFinite, checkOptions, checkRange, VL_SCHEMA } from "./util";

/** One pattern to draw. */
export interface PowderPatternEntry {
  /** Legend name. @default the pattern's name */
  name?: string;
  pattern: PowderPattern;
  /** A profile computed beforehand (else one is computed with the chart's `profile` options). */
  profile?: PowderProfile;
}

/** A marked 2θ region. */
export interface PowderRegion {
  /** [lo, hi] in degrees 2θ. */
  range: [number, number];
  /** Text written at the top of the band. */
  label?: string;
}

/** Options of {@link powderPatternSpec}. */
export interface PowderPatternSpecOptions {
  /** Vertical offset between patterns, in units of the strongest peak = 100. @default 110 when several patterns, else 0 */
  offset?: number;
  /** Draw sticks (one per reflection family, height = relative intensity). @default true */
  sticks?: boolean;
  /** Draw a profile; `false` for sticks only, or options of {@link powderProfile}. @default { fwhm: 0.1, eta: 0.5 } */
  profile?: false | PowderProfileOptions;
  /** Label peaks at least this strong (relative, %) with their hkl. @default 8 */
  labelAbove?: number;
  /** At most this many labels per pattern (strongest first). @default 14 */
  maxLabels?: number;
  /** 2θ regions to mark with a band, e.g. `[{ range: [20, 23], label: "(020) superstructure" }]`. @default [] */
  regions?: readonly PowderRegion[];
  /** 2θ axis range in degrees. @default the patterns' range */
  twoThetaRange?: [number, number];
  /** x-axis title. @default "2θ (°), λ = <wavelength>" */
  xLabel?: string;
  /** y-axis title. @default "Intensity (strongest = 100)" */
  yLabel?: string;
  title?: string;
  colors?: ChartColors;
  /** Plot size in px. @default width 620 (less when the legend would pass 900 px), height 200 + 90 per extra pattern */
  width?: number;
  height?: number;
}

const OPTIONS = ["offset", "sticks", "profile", "labelAbove", "maxLabels", "regions", "twoThetaRange", "xLabel", "yLabel", "title", "colors", "width", "height"] as const;

/**
 * A vega-lite 5 chart of one or several calculated powder patterns: the profile as a line, the
 * reflections as sticks, hkl labels over the strong peaks, stacked with an offset, with marked
 * 2θ regions (e.g. the (020) superstructure region of a C2/m Li-rich oxide).
 *
 * @param patterns a {@link PowderPattern}, or a list of patterns or {@link PowderPatternEntry}.
 * @param options {@link PowderPatternSpecOptions}.
 * @returns a vega-lite spec; data fields `twoTheta`, `y`, `name`, `label`, `hkl`, `d`, `m`, `relative`.
 * @throws Error for an unknown option or a bad range.
 * @example
 * const p = powderPattern(readCifStructure("data/gent2017/table-s1-c2m.cif"));
 * powderPatternSpec(p, { regions: [{ range: [20, 23], label: "(020) superstructure" }] });
 * powderPatternSpec([{ name: "z = 0", pattern: a }, { name: "z = 0.2", pattern: b }]);
 */
export function powderPatternSpec(patterns: PowderPattern | readonly (PowderPattern | PowderPatternEntry)[], options: PowderPatternSpecOptions = {}): Record<string, unknown> {
  const fn = "powderPatternSpec";
  checkOptions(fn, options, OPTIONS);
  const list: PowderPatternEntry[] = (Array.isArray(patterns) ? patterns : [patterns]).map((p: PowderPattern | PowderPatternEntry) =>
    "pattern" in p ? p : { pattern: p as PowderPattern },
  );
  if (list.length === 0) throw new RangeError(`${fn}: expected at least one pattern`);
  for (const e of list) {
    if (!e.pattern || !Array.isArray(e.pattern.reflections)) throw new TypeError(`${fn}: expected PowderPattern objects (from powderPattern), got ${JSON.stringify(Object.keys(e))}`);
  }
  const names = list.map((e, i) => e.name ?? (list.filter((f) => f.pattern.name === e.pattern.name).length > 1 ? `${e.pattern.name} ${i + 1}` : e.pattern.name));
  const offset = checkFinite(fn, "option offset", options.offset ?? (list.length > 1 ? 110 : 0));
  const labelAbove = checkFinite(fn, "option labelAbove", options.labelAbove ?? 8);
  const maxLabels = options.maxLabels ?? 14;
  const range = options.twoThetaRange
    ? checkRange(fn, "option twoThetaRange", options.twoThetaRange)
    : ([Math.min(...list.map((e) => e.pattern.twoThetaRange[0])), Math.max(...list.map((e) => e.pattern.twoThetaRange[1]))] as [number, number]);
  const regions = (options.regions ?? []).map((r, i) => ({ ...r, range: checkRange(fn, `option regions[${i}].range`, r.range) }));
  const colors = checkColors(fn, options.colors);
  const profileOptions = options.profile ?? { fwhm: 0.1, eta: 0.5 };

  const legend = list.length > 1;
  const legendW = legend ? legendWidth(names) : 0;
  const width = options.width ?? Math.min(620, NOTEBOOK_WIDTH - Y_AXIS - PADDING - legendW);
  const pxPerDegree = width / (range[1] - range[0]);
  const lines: Record<string, unknown>[] = [];
  const sticks: Record<string, unknown>[] = [];
  const labels: Record<string, unknown>[] = [];
  list.forEach((e, i) => {
    const name = names[i];
    const base = i * offset;
    let prof: PowderProfile | undefined;
    if (profileOptions !== false) {
      prof = e.profile ?? powderProfile(e.pattern, { grid: { start: range[0], stop: range[1], step: Math.max(0.005, (range[1] - range[0]) / 6000) }, ...profileOptions });
      for (let k = 0; k < prof.twoTheta.length; k++) {
        const x = prof.twoTheta[k];
        if (x >= range[0] && x <= range[1]) lines.push({ name, twoTheta: x, y: base + prof.intensity[k] });
      }
    }
    /** Top of what is drawn at 2θ = t: the stick, or the profile within ±3 px. */
    const topAt = (t: number, stick: number) => {
      let m = stick;
      if (prof) {
        const half = 3 / pxPerDegree;
        for (let k = 0; k < prof.twoTheta.length; k++) if (Math.abs(prof.twoTheta[k] - t) <= half && prof.intensity[k] > m) m = prof.intensity[k];
      }
      return m;
    };
    if (options.sticks ?? true) {
      for (const r of e.pattern.reflections) {
        if (r.twoTheta < range[0] || r.twoTheta > range[1]) continue;
        sticks.push({ name, twoTheta: r.twoTheta, y0: base, y: base + r.relative, hkl: r.label, d: r.d, m: r.multiplicity, relative: r.relative });
      }
    }
    const strong = e.pattern.peaks.filter((p) => p.relative >= labelAbove && p.twoTheta >= range[0] && p.twoTheta <= range[1]);
    strong.sort((a, b) => b.relative - a.relative);
    // Strongest first; a label that would overlap a stronger one's (estimated text width) is left
    // out (the tooltip has it). Peaks of more than two coinciding families are labelled "(a)+(b)+…".
    const placed: { t: number; w: number }[] = [];
    for (const p of strong) {
      if (placed.length >= maxLabels) break;
      const parts = p.label.split("+");
      const text = parts.length > 2 ? `${parts.slice(0, 2).join("+")}+…` : p.label;
      // Browsers draw 9 px labels at about 0.6 of vega's canvas-free estimate (0.8 · size per character).
      const w = (0.75 * textWidth(text, 9)) / pxPerDegree;
      if (p.twoTheta - w / 2 < range[0] || p.twoTheta + w / 2 > range[1]) continue;
      if (placed.some((q) => Math.abs(q.t - p.twoTheta) < (q.w + w) / 2 + 1 / pxPerDegree)) continue;
      placed.push({ t: p.twoTheta, w });
      labels.push({ name, twoTheta: p.twoTheta, y: base + topAt(p.twoTheta, p.relative), label: text, hkl: p.label, relative: p.relative });
    }
  });

  const top = (list.length - 1) * offset + 100;
  const height = options.height ?? 200 + 90 * (list.length - 1);
  const wl = list[0].pattern.wavelengthName;
  const sameWl = list.every((e) => e.pattern.wavelengthName === wl);
  const x = { field: "twoTheta", type: "quantitative", title: options.xLabel ?? `2θ (°)${sameWl ? `, λ = ${wl}` : ""}`, scale: { domain: range, nice: false } };
  const y = { type: "quantitative", title: options.yLabel ?? "Intensity (strongest = 100)", scale: { domain: [0, top * 1.12], nice: false } };
  const color = { field: "name", type: "nominal", title: "", scale: colorScale(names, colors), sort: names, legend: legend ? {} : null };
  const layers: Record<string, unknown>[] = [];
  for (const r of regions) {
    layers.push({
      data: { values: [{ lo: r.range[0], hi: r.range[1], label: r.label ?? "" }] },
      layer: [
        { mark: { type: "rect", color: "#eeca3b", opacity: 0.25 }, encoding: { x: { ...x, field: "lo" }, x2: { field: "hi" } } },
        ...(r.label ? [{ mark: { type: "text", align: "left", baseline: "top", dx: 3, dy: 3, fontSize: 10, color: "#6b5b00" }, encoding: { x: { ...x, field: "lo" }, y: { value: 0 }, text: { field: "label" } } }] : []),
      ],
    });
  }
  if (lines.length > 0) layers.push({ data: { values: lines }, mark: { type: "line", strokeWidth: 1, clip: true }, encoding: { x, y: { ...y, field: "y" }, color, detail: { field: "name" } } });
  if (sticks.length > 0) {
    layers.push({
      data: { values: sticks },
      mark: { type: "rule", strokeWidth: 1, opacity: lines.length > 0 ? 0.55 : 1, clip: true },
      encoding: {
        x, y: { ...y, field: "y0" }, y2: { field: "y" }, color,
        tooltip: [{ field: "name", title: "pattern" }, { field: "hkl", title: "hkl" }, { field: "twoTheta", title: "2θ (°)", format: ".3f" }, { field: "d", title: "d (Å)", format: ".4f" }, { field: "m", title: "multiplicity" }, { field: "relative", title: "I (rel.)", format: ".1f" }],
      },
    });
  }
  if (labels.length > 0) layers.push({ data: { values: labels }, mark: { type: "text", dy: -6, fontSize: 9, angle: 0, clip: true }, encoding: { x, y: { ...y, field: "y" }, text: { field: "label" }, color } });
  return {
    $schema: VL_SCHEMA,
    ...(options.title ? { title: options.title } : {}),
    width,
    height,
    layer: layers,
    resolve: { scale: { color: "shared" } },
  };
}
