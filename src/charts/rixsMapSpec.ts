/**
 * A RIXS map as a raster image (PNG inside a vega-lite image mark): excitation energy vertical,
 * emission energy horizontal, adjustable colour scale, elastic line and feature markers.
 * @module
 */
import type { RixsMap } from "../rixs/rixsMap";
import { encodePng } from "./encode-png";
import { checkOptions, VL_SCHEMA } from "./util";

/** Options of {@link rixsMapSpec}. */
export interface RixsMapSpecOptions {
  /** Chart title. @default the map's name */
  title?: string;
  /** Colour scheme: "magma", "viridis", "inferno" or "greys" (drawn here and in the legend with vega's scheme of that name). @default "magma" */
  colorScheme?: "magma" | "viridis" | "inferno" | "greys";
  /** Colour scale `[lo, hi]` in map units; values outside are clamped. @default the `percentiles` of the map's values */
  domain?: readonly [number, number];
  /** Percentiles `[lo, hi]` of the values used as the colour scale when `domain` is not given. @default [1, 99.5] */
  percentiles?: readonly [number, number];
  /** Gamma of the colour scale (< 1 brightens weak features, as papers "tune the colour scale"). @default 1 */
  gamma?: number;
  /** Emission range drawn `[lo, hi]` eV. @default the whole map */
  emissionRange?: readonly [number, number];
  /** Points marked by a circle and a label, e.g. the oxidised-oxygen feature. @default none */
  markers?: readonly { excitation: number; emission: number; label?: string }[];
  /** Draw the elastic line (emission = excitation) as a dashed guide. @default false */
  elasticLine?: boolean;
  /** Plot size in px. @default 420 × 300 */
  width?: number;
  height?: number;
  /** Colour legend title. @default the map's unit */
  legendTitle?: string;
  /** Show the colour legend. @default true */
  legend?: boolean;
  /** Axis titles ("" = none). @default "Emission energy (eV)", "Excitation energy (eV)" */
  xLabel?: string;
  yLabel?: string;
}

const OPTIONS = ["title", "colorScheme", "domain", "percentiles", "gamma", "emissionRange", "markers", "elasticLine", "width", "height", "legendTitle", "legend", "xLabel", "yLabel"] as const;

/** Colour stops (matplotlib's, 9 per scheme), as vega's schemes of the same names. */
const STOPS: Record<string, string[]> = {
  magma: ["#000004", "#1c1044", "#4f127b", "#812581", "#b5367a", "#e55064", "#fb8761", "#fec287", "#fcfdbf"],
  viridis: ["#440154", "#472c7a", "#3b518b", "#2c718e", "#21908d", "#27ad81", "#5cc863", "#aadc32", "#fde725"],
  inferno: ["#000004", "#1f0c48", "#550f6d", "#88226a", "#ba3655", "#e35933", "#f98c0a", "#f9c932", "#fcffa4"],
  greys: ["#ffffff", "#f0f0f0", "#d9d9d9", "#bdbdbd", "#969696", "#737373", "#525252", "#252525", "#000000"],
};

function rgb(hex: string): [number, number, number] {
  return [parseInt(hex.slice(1, 3), 16), parseInt(hex.slice(3, 5), 16), parseInt(hex.slice(5, 7), 16)];
}

/** @internal Percentile (linear, NaN ignored) of values. */
export function percentileOf(values: ArrayLike<number>, p: number): number {
  const a: number[] = [];
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i])) a.push(values[i]);
  if (a.length === 0) return NaN;
  a.sort((x, y) => x - y);
  const t = (p / 100) * (a.length - 1), k = Math.floor(t);
  return k + 1 < a.length ? a[k] + (t - k) * (a[k + 1] - a[k]) : a[k];
}

/**
 * @internal The colour domain of a map from options.
 */
export function rixsDomain(fn: string, values: ArrayLike<number>, domain?: readonly [number, number], percentiles?: readonly [number, number]): [number, number] {
  if (domain !== undefined) {
    if (!Array.isArray(domain) || domain.length !== 2 || !(domain[0] < domain[1])) throw new RangeError(`${fn}: option domain must be [lo, hi] with lo < hi, got ${JSON.stringify(domain)}`);
    return [domain[0], domain[1]];
  }
  const [p0, p1] = percentiles ?? [1, 99.5];
  if (!(p0 >= 0 && p1 <= 100 && p0 < p1)) throw new RangeError(`${fn}: option percentiles must be [lo, hi] in [0, 100] with lo < hi, got ${JSON.stringify(percentiles)}`);
  const lo = percentileOf(values, p0), hi = percentileOf(values, p1);
  return Number.isFinite(lo) && Number.isFinite(hi) && hi > lo ? [lo, hi] : [0, 1];
}

/**
 * A vega-lite 5 chart of a RIXS map: the map drawn as a PNG image (one image pixel per map
 * point, excitation increasing upwards, emission to the right) in an `image` mark on linear axes
 * in eV, a gradient colour legend with the same scheme and domain, optionally the elastic line
 * (emission = excitation) dashed, and labelled markers (dashed rings). NaN points are transparent.
 *
 * @param map - a calibrated {@link RixsMap} (excitation × emission).
 * @param options - {@link RixsMapSpecOptions}.
 * @returns a vega-lite spec object (`$schema` v5), at most ~560 px wide with the legend.
 * @throws RangeError for a bad domain, percentiles, gamma or size.
 * @example
 * const spec = rixsMapSpec(r.map, { markers: [{ excitation: 530.8, emission: 523.75, label: "523.75 eV" }], gamma: 0.7 });
 */
export function rixsMapSpec(map: RixsMap, options: RixsMapSpecOptions = {}): Record<string, unknown> {
  const fn = "rixsMapSpec";
  checkOptions(fn, options, OPTIONS);
  if (!map || !(map.data instanceof Float64Array) || !(map.excitation instanceof Float64Array) || !(map.emission instanceof Float64Array)) throw new TypeError(`${fn}: map must be a RixsMap (from processRixsScan)`);
  const scheme = options.colorScheme ?? "magma";
  const stops = STOPS[scheme];
  if (!stops) throw new RangeError(`${fn}: option colorScheme must be one of ${Object.keys(STOPS).join(", ")}, got ${JSON.stringify(scheme)}`);
  const gamma = options.gamma ?? 1;
  if (!(gamma > 0) || !Number.isFinite(gamma)) throw new RangeError(`${fn}: option gamma must be a positive number, got ${gamma}`);
  const width = options.width ?? 420, height = options.height ?? 300;
  if (!(width >= 50 && width <= 900 && height >= 50 && height <= 900)) throw new RangeError(`${fn}: options width and height must be 50 … 900 px, got ${width} × ${height}`);
  const { nRows, nCols, excitation: ex, emission: em } = map;
  const [e0, e1] = options.emissionRange ?? [em[0], em[nCols - 1]];
  if (!(e0 < e1)) throw new RangeError(`${fn}: option emissionRange must be [lo, hi] with lo < hi, got [${e0}, ${e1}]`);
  const cols: number[] = [];
  for (let j = 0; j < nCols; j++) if (em[j] >= e0 && em[j] <= e1) cols.push(j);
  if (cols.length < 2) throw new RangeError(`${fn}: option emissionRange [${e0}, ${e1}] eV holds fewer than 2 emission points of the map`);
  const vals: number[] = [];
  for (let i = 0; i < nRows; i++) for (const j of cols) vals.push(map.data[i * nCols + j]);
  const [lo, hi] = rixsDomain(fn, vals, options.domain, options.percentiles);
  const rgbStops = stops.map(rgb);
  const w = cols.length, h = nRows;
  const px = new Uint8Array(w * h * 4);
  for (let i = 0; i < h; i++) {
    const row = nRows - 1 - i; // top of the image = highest excitation
    for (let k = 0; k < w; k++) {
      const v = map.data[row * nCols + cols[k]];
      const o = (i * w + k) * 4;
      if (!Number.isFinite(v)) continue; // transparent
      const t = Math.min(1, Math.max(0, (v - lo) / (hi - lo))) ** gamma;
      const s = t * (rgbStops.length - 1), a = Math.min(Math.floor(s), rgbStops.length - 2), f = s - a;
      for (let q = 0; q < 3; q++) px[o + q] = Math.round(rgbStops[a][q] * (1 - f) + rgbStops[a + 1][q] * f);
      px[o + 3] = 255;
    }
  }
  const url = `data:image/png;base64,${Buffer.from(encodePng(px, w, h)).toString("base64")}`;
  // pixel edges: half a step beyond the first and last points
  const dx = (em[cols[w - 1]] - em[cols[0]]) / (w - 1), dy = nRows > 1 ? (ex[nRows - 1] - ex[0]) / (nRows - 1) : 0.1;
  const xd: [number, number] = [em[cols[0]] - dx / 2, em[cols[w - 1]] + dx / 2];
  const yd: [number, number] = [ex[0] - dy / 2, ex[nRows - 1] + dy / 2];
  const x = { scale: { domain: xd, nice: false, zero: false }, axis: { title: options.xLabel === "" ? null : options.xLabel ?? "Emission energy (eV)" } };
  const y = { scale: { domain: yd, nice: false, zero: false }, axis: { title: options.yLabel === "" ? null : options.yLabel ?? "Excitation energy (eV)" } };
  const layers: Record<string, unknown>[] = [
    {
      data: { values: [{ x: xd[0], y: yd[1], url }] },
      mark: { type: "image", width, height, aspect: false, align: "left", baseline: "top" },
      encoding: { x: { field: "x", type: "quantitative", ...x }, y: { field: "y", type: "quantitative", ...y }, url: { field: "url", type: "nominal" } },
    },
  ];
  if (options.legend ?? true) {
    layers.push({
      data: { values: [{ x: xd[0], y: yd[0], v: lo }, { x: xd[0], y: yd[0], v: hi }] },
      mark: { type: "point", opacity: 0 },
      encoding: {
        x: { field: "x", type: "quantitative", ...x }, y: { field: "y", type: "quantitative", ...y },
        color: { field: "v", type: "quantitative", scale: { scheme, domain: [lo, hi], ...(gamma !== 1 ? { type: "pow", exponent: gamma } : {}) }, legend: { title: options.legendTitle ?? map.unit, gradientLength: Math.min(height - 20, 200) } },
      },
    });
  }
  if (options.elasticLine ?? false) {
    const a = Math.max(xd[0], yd[0]), b = Math.min(xd[1], yd[1]);
    if (b > a) {
      layers.push({
        data: { values: [{ x: a, y: a }, { x: b, y: b }] },
        mark: { type: "line", color: "white", strokeDash: [4, 3], strokeWidth: 1, opacity: 0.8, clip: true },
        encoding: { x: { field: "x", type: "quantitative", ...x }, y: { field: "y", type: "quantitative", ...y } },
      });
    }
  }
  if (options.markers && options.markers.length) {
    const pts = options.markers.map((m) => ({ x: m.emission, y: m.excitation, label: m.label ?? "" }));
    layers.push({
      data: { values: pts },
      layer: [
        { mark: { type: "point", shape: "circle", size: 700, stroke: "#00e5ff", strokeWidth: 1, strokeDash: [3, 2], filled: false, clip: true } },
        { mark: { type: "text", align: "left", dx: 16, dy: -12, color: "#00e5ff", fontSize: 11, clip: true }, encoding: { text: { field: "label" } } },
      ],
      encoding: { x: { field: "x", type: "quantitative", ...x }, y: { field: "y", type: "quantitative", ...y } },
    });
  }
  return {
    $schema: VL_SCHEMA,
    title: options.title ?? map.name,
    width, height,
    layer: layers,
    config: { view: { stroke: null } },
  };
}
