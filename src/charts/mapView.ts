/**
 * One map panel as a vega-lite view (heat rects + optional scale bar), shared by `mapSpec` and
 * `mapsGridSpec` (internal; not re-exported).
 * @module
 */
import { blockAverage } from "./blockAverage";
import { wrapText } from "./layout";

/** @internal A scale bar: its length in µm and in image pixels, and its label. */
export interface ScaleBar {
  /** Length in µm (a nice number: 1, 2 or 5 × 10ⁿ). */
  um: number;
  /** Length in image pixels (columns). */
  px: number;
  /** "2 µm", "0.5 µm". */
  label: string;
}

/**
 * @internal
 * The scale bar for an image `nx` pixels wide of `pixelSizeX` µm: the 1, 2 or 5 × 10ⁿ µm closest
 * (by ratio) to `fraction` of the image width, at most 40 % of it.
 */
export function scaleBarFor(nx: number, pixelSizeX: number, fraction = 0.25): ScaleBar | undefined {
  if (!(pixelSizeX > 0) || !Number.isFinite(pixelSizeX)) return undefined;
  const target = nx * pixelSizeX * fraction;
  // The 1, 2 or 5 × 10ⁿ closest to the target (by ratio) that stays within 40 % of the width.
  const p = Math.pow(10, Math.floor(Math.log10(target)));
  const candidates = [0.5, 1, 2, 5, 10].map((m) => m * p).filter((c) => c <= nx * pixelSizeX * 0.4);
  if (candidates.length === 0) return undefined;
  let um = candidates[0];
  for (const c of candidates) if (Math.abs(Math.log(c / target)) < Math.abs(Math.log(um / target))) um = c;
  um = Number(um.toPrecision(6));
  return { um, px: um / pixelSizeX, label: `${um} µm` };
}

/**
 * @internal
 * The vega-lite layers of a scale bar at the bottom right of an image `nx × ny` pixels (x right,
 * y down, scales with domains `[0, nx]` and `[0, ny]` reversed): a black rule with its label
 * above, both on a white halo so they read on dark pixels and on the empty background.
 */
export function scaleBarLayers(nx: number, ny: number, bar: ScaleBar): Record<string, unknown>[] {
  const margin = 0.05 * nx;
  const yBar = ny - 0.07 * ny;
  const row = { x: nx - margin - bar.px, x2: nx - margin, y: yBar, label: bar.label };
  const xe = { field: "x", type: "quantitative", scale: { domain: [0, nx], nice: false, zero: false } };
  const ye = { field: "y", type: "quantitative", scale: { domain: [0, ny], nice: false, zero: false, reverse: true } };
  const text = { field: "label", type: "nominal" };
  return [
    { data: { values: [row] }, mark: { type: "rule", color: "white", strokeWidth: 5, strokeCap: "butt" }, encoding: { x: xe, x2: { field: "x2" }, y: ye } },
    { data: { values: [row] }, mark: { type: "rule", color: "black", strokeWidth: 2.5, strokeCap: "butt" }, encoding: { x: xe, x2: { field: "x2" }, y: ye } },
    // The label ends where the bar ends, so it never reaches past the panel's right edge.
    { data: { values: [row] }, mark: { type: "text", align: "right", baseline: "bottom", dy: -4, fontSize: 10, stroke: "white", strokeWidth: 2.5, strokeOpacity: 0.85 }, encoding: { x: { ...xe, field: "x2" }, y: ye, text } },
    { data: { values: [row] }, mark: { type: "text", align: "right", baseline: "bottom", dy: -4, fontSize: 10, color: "black" }, encoding: { x: { ...xe, field: "x2" }, y: ye, text } },
  ];
}

/** @internal Options of {@link mapView}. */
export interface MapViewOptions {
  /** Plot width and height in px. */
  width: number;
  height: number;
  /** Colour scale of the heat rects (vega-lite `scale`). */
  colorScale: Record<string, unknown>;
  /** Colour legend title. */
  legendTitle: string;
  /** Largest side in cells before block averaging. */
  maxSize: number;
  /** Axes: "pixels" (titled x/y axes in pixels), "none", or a row label drawn as a bare y-axis title. */
  axes: { kind: "pixels"; xLabel: string; yLabel: string } | { kind: "none" } | { kind: "rowLabel"; label: string; color?: string };
  /** Pixel size [x, y] in µm for a scale bar. */
  pixelSize?: readonly [number, number];
  /** Panel title (and its colour). */
  title?: string;
  titleColor?: string;
  /** Name of the sample and the map, for tooltips. */
  tooltip?: { sample?: string; map?: string };
}

/** @internal A map panel: a layer of rects (one per pixel or block) and, with a pixel size, a scale bar at the bottom right. */
export function mapView(image: ArrayLike<number>, ny: number, nx: number, o: MapViewOptions): { view: Record<string, unknown>; note: string; bar?: ScaleBar; factor: number } {
  const factor = Math.max(1, Math.ceil(Math.max(ny, nx) / o.maxSize));
  const b = factor > 1 ? blockAverage(image, ny, nx, { factor }) : { image, ny, nx, factor: 1 };
  const values: Record<string, number>[] = [];
  for (let y = 0; y < b.ny; y++) {
    for (let x = 0; x < b.nx; x++) {
      const v = b.image[y * b.nx + x];
      if (!Number.isFinite(v)) continue;
      values.push({ x: x * factor, x2: Math.min((x + 1) * factor, nx), y: y * factor, y2: Math.min((y + 1) * factor, ny), value: v });
    }
  }
  const xScale = { domain: [0, nx], nice: false, zero: false };
  const yScale = { domain: [0, ny], nice: false, zero: false, reverse: true };
  const ax = o.axes;
  const xEnc = ax.kind === "pixels"
    ? { field: "x", type: "quantitative", title: ax.xLabel, scale: xScale, axis: { grid: false } }
    : { field: "x", type: "quantitative", scale: xScale, axis: null };
  const yEnc = ax.kind === "pixels"
    ? { field: "y", type: "quantitative", title: ax.yLabel, scale: yScale, axis: { grid: false } }
    : ax.kind === "rowLabel"
      // a label longer than the panel is high wraps onto lines (rotated), so it does not stretch the row
      ? { field: "y", type: "quantitative", title: wrapText(ax.label, o.height, 11), scale: yScale, axis: { labels: false, ticks: false, domain: false, grid: false, titlePadding: 4, ...(ax.color ? { titleColor: ax.color } : {}) } }
      : { field: "y", type: "quantitative", scale: yScale, axis: null };
  const heat = {
    data: { values },
    // Each rect is drawn 0.3 pixel wider and taller (x2o, y2o) so that anti-aliasing leaves no
    // seams between neighbours; the data keep the true pixel edges.
    transform: [
      { calculate: "datum.x2 + 0.3", as: "x2o" }, { calculate: "datum.y2 + 0.3", as: "y2o" },
      ...(o.tooltip?.sample !== undefined ? [{ calculate: JSON.stringify(o.tooltip.sample), as: "sample" }] : []),
      ...(o.tooltip?.map !== undefined ? [{ calculate: JSON.stringify(o.tooltip.map), as: "map" }] : []),
    ],
    mark: { type: "rect", strokeWidth: 0, clip: true },
    encoding: {
      x: xEnc,
      x2: { field: "x2o" },
      y: yEnc,
      y2: { field: "y2o" },
      color: { field: "value", type: "quantitative", title: o.legendTitle, scale: o.colorScale, legend: { type: "gradient" } },
      tooltip: [
        ...(o.tooltip?.sample !== undefined ? [{ field: "sample", type: "nominal", title: "sample" }] : []),
        ...(o.tooltip?.map !== undefined ? [{ field: "map", type: "nominal", title: "map" }] : []),
        { field: "x", type: "quantitative", title: "x" },
        { field: "y", type: "quantitative", title: "y" },
        { field: "value", type: "quantitative", title: o.legendTitle || "value", format: ".4g" },
      ],
    },
  };
  const layer: Record<string, unknown>[] = [heat];
  const bar = o.pixelSize ? scaleBarFor(nx, o.pixelSize[0]) : undefined;
  if (bar) layer.push(...scaleBarLayers(nx, ny, bar));
  const note = factor > 1 ? `block-averaged ${factor}×${factor}: ${ny}×${nx} → ${b.ny}×${b.nx}` : "";
  const view: Record<string, unknown> = {
    ...(o.title ? { title: o.titleColor ? { text: o.title, color: o.titleColor } : o.title } : {}),
    width: o.width,
    height: o.height,
    ...(bar ? { layer } : { data: heat.data, transform: heat.transform, mark: heat.mark, encoding: heat.encoding }),
  };
  return { view, note, bar, factor };
}
