/**
 * The paper's HSV chemical maps as one figure: samples side by side (one row per edge), each
 * panel the HSV map as a PNG in a vega-lite image mark with a scale bar in µm, and the 2-D key.
 * @module
 */
import type { PixelTable } from "../types/pixel-table";
import { toImages } from "../types/pixel-table";
import type { PixelMaps } from "../types/pixelMaps";
import { encodePng } from "../charts/encode-png";
import { NOTEBOOK_WIDTH, PADDING, textWidth, wrapText, Y_AXIS } from "../charts/layout";
import { scaleBarFor, scaleBarLayers } from "../charts/mapView";
import { checkInt, checkOptions, checkRange, finitePercentile, VL_SCHEMA } from "../charts/util";
import { hsvColorMap } from "./hsvColorMap";
import { hsvLegendPng } from "./hsvLegendPng";
import { checkColor, upscaleRgba } from "./rgba";

/** One row of {@link hsvMapsGridSpec}: the maps of one edge (or one fit), the brightness, and which member sets the hue. */
export interface HsvMapsRow {
  /** Fraction maps (`fit.maps()`, `fractionMaps(T, fit)`). */
  maps: PixelMaps;
  /** Brightness per pixel: the {@link PixelTable} (its `brightness`, e.g. post-edge area) or one-map {@link PixelMaps} with the same samples. */
  brightness: PixelTable | PixelMaps;
  /** The member whose fraction sets the hue (fraction 0 → red, 1 → green), by name or index. */
  member: string | number;
  /** Row label (e.g. the edge). @default none (one row) or the member name */
  label?: string;
}

/** Options of {@link hsvMapsGridSpec}. */
export interface HsvMapsGridSpecOptions {
  /** The member whose fraction sets the hue (first form). */
  member?: string | number;
  /** Hues (turns) for fraction 0 and 1, as `hsvColorMap`. @default [0, 1/3] (red → green) */
  hueRange?: [number, number];
  /** Brightness mapped to value 0 … 1 for every panel of a row. @default the 1st and 99th percentiles of the drawn pixels of the row (all its samples together) */
  brightnessRange?: [number, number];
  /** RGBA bytes of pixels with no data. @default [0, 0, 0, 255] (black, as zero brightness) */
  nanColor?: [number, number, number, number];
  /** Longest side of a panel in px, at most (panels shrink to fit `maxWidth`). @default 200 */
  size?: number;
  /** Width the figure must fit, px. @default 900 */
  maxWidth?: number;
  /** Draw a scale bar in µm on panels whose sample knows its pixel size. @default true */
  scaleBar?: boolean;
  /** Overall title. @default none */
  title?: string;
}

const OPTIONS = ["member", "hueRange", "brightnessRange", "nanColor", "size", "maxWidth", "scaleBar", "title"] as const;
const GAP = 8;
const ROW_LABEL = 36;
/** Plot size of the key, px. */
const KEY = 90;

function isPixelMaps(v: unknown): v is PixelMaps {
  return v != null && typeof v === "object" && (v as { kind?: unknown }).kind === "maps";
}

function dataUrl(png: Uint8Array): string {
  return `data:image/png;base64,${Buffer.from(png.buffer, png.byteOffset, png.byteLength).toString("base64")}`;
}

/** The image panel: one image mark filling `[0, nx] × [0, ny]`, plus a scale bar. */
function imageView(url: string, ny: number, nx: number, width: number, height: number, pixelSize: readonly [number, number] | undefined, title: string | undefined, rowLabel: string | undefined): Record<string, unknown> {
  const xScale = { domain: [0, nx], nice: false, zero: false };
  const yScale = { domain: [0, ny], nice: false, zero: false, reverse: true };
  const image = {
    data: { values: [{ x: 0, x2: nx, y: 0, y2: ny, url }] },
    mark: { type: "image", aspect: false },
    encoding: {
      x: { field: "x", type: "quantitative", scale: xScale, axis: null },
      x2: { field: "x2" },
      y: rowLabel === undefined
        ? { field: "y", type: "quantitative", scale: yScale, axis: null }
        : { field: "y", type: "quantitative", scale: yScale, title: wrapText(rowLabel, height, 11), axis: { labels: false, ticks: false, domain: false, grid: false, titlePadding: 4 } },
      y2: { field: "y2" },
      url: { field: "url", type: "nominal" },
    },
  };
  const bar = pixelSize ? scaleBarFor(nx, pixelSize[0]) : undefined;
  return {
    ...(title ? { title } : {}),
    width,
    height,
    layer: [image, ...(bar ? scaleBarLayers(nx, ny, bar) : [])],
  };
}

/**
 * A vega-lite 5 figure of the paper's HSV chemical maps (Gent et al. 2017): for every sample the
 * hue is the chosen member's fraction (0 → red, 1 → green by default) and the value the pixel's
 * brightness (amount of material), as `hsvColorMap`; one row per edge (or fit), one column per
 * sample (names on top), a scale bar in µm on every panel whose sample has a `pixelSize`, and the
 * 2-D key at the right, titled with the member (x: its fraction 0 … 1; y: brightness, in the
 * row's units for one row, relative 0 … 1 for several). Within a row, all panels share one brightness range, so
 * equal colours mean equal fraction and brightness across samples; panels share one physical
 * scale per row.
 *
 * **How**: each map is coloured here (`hsvColorMap`), upscaled with nearest neighbours so the
 * browser does not blur it, encoded as PNG (`encodePng`) and placed in a vega-lite `image` mark
 * as a `data:image/png;base64` URL; the scale bar is a rule + text layer on top, the key is
 * `hsvLegendPng` in an image mark with real axes. So the figure is one vega-lite spec (shown,
 * saved and rendered to SVG like any chart) rather than separate PNGs with printed captions.
 *
 * @param maps - fraction {@link PixelMaps} (first form), or the rows ({@link HsvMapsRow}[]).
 * @param brightness - first form: the {@link PixelTable} (its `brightness`) or brightness PixelMaps.
 * @param options - {@link HsvMapsGridSpecOptions}; `member` is required in the first form.
 * @returns a vega-lite spec object (`$schema` v5): `hconcat: [vconcat of rows of image panels, key]`;
 *   `usermeta.brightnessRanges` (one `[lo, hi]` per row), `usermeta.panelSize` (px), `usermeta.scaleBars` (µm or null per panel).
 * @throws RangeError when the brightness does not match the samples, the member is unknown, or the panels cannot fit.
 * @example
 * const spec = hsvMapsGridSpec(fit.maps(), T, { member: "reduced" });
 * hsvMapsGridSpec([{ maps: fitNi.maps(), brightness: T.Ni, member: "Ni2+", label: "Ni L3" },
 *                  { maps: fitCo.maps(), brightness: T.Co, member: "Co3+", label: "Co L3" }]);
 * @see Gent et al., Nat. Commun. 8, 2091 (2017), Supplementary Methods ("HSV color scale").
 */
export function hsvMapsGridSpec(maps: PixelMaps, brightness: PixelTable | PixelMaps, options: HsvMapsGridSpecOptions & { member: string | number }): Record<string, unknown>;
export function hsvMapsGridSpec(rows: readonly HsvMapsRow[], options?: HsvMapsGridSpecOptions): Record<string, unknown>;
export function hsvMapsGridSpec(a: PixelMaps | readonly HsvMapsRow[], b?: unknown, c?: unknown): Record<string, unknown> {
  const fn = "hsvMapsGridSpec";
  let rows: HsvMapsRow[];
  let options: HsvMapsGridSpecOptions;
  if (isPixelMaps(a)) {
    options = (c ?? {}) as HsvMapsGridSpecOptions;
    checkOptions(fn, options, OPTIONS);
    if (options.member === undefined) throw new TypeError(`${fn}: option member (the member whose fraction sets the hue, e.g. "reduced") is required`);
    rows = [{ maps: a, brightness: b as PixelTable | PixelMaps, member: options.member }];
  } else if (Array.isArray(a) && a.length > 0) {
    options = (b ?? {}) as HsvMapsGridSpecOptions;
    checkOptions(fn, options, OPTIONS);
    rows = [...a];
  } else {
    throw new TypeError(`${fn}: expected fraction PixelMaps (fit.maps()) with the brightness, or a non-empty list of rows { maps, brightness, member }`);
  }
  const hueRange = options.hueRange ?? [0, 1 / 3];
  const nanColor = checkColor(fn, "option nanColor", options.nanColor ?? [0, 0, 0, 255]);
  const given = options.brightnessRange === undefined ? undefined : checkRange(fn, "option brightnessRange", options.brightnessRange);
  const maxWidth = checkInt(fn, "option maxWidth", options.maxWidth ?? NOTEBOOK_WIDTH, 100);
  const sizeMax = checkInt(fn, "option size", options.size ?? 200, 10);
  const scaleBar = options.scaleBar ?? true;

  const prepared = rows.map((row, r) => {
    const m = row.maps;
    if (!isPixelMaps(m)) throw new TypeError(`${fn}: rows[${r}].maps must be PixelMaps (fit.maps())`);
    const j = typeof row.member === "string" ? m.names.indexOf(row.member) : row.member;
    if (!Number.isInteger(j) || j < 0 || j >= m.names.length) throw new RangeError(`${fn}: member ${JSON.stringify(row.member)} is not one of the maps ${m.names.map((n) => `"${n}"`).join(", ")}`);
    const br = row.brightness;
    const bright: ArrayLike<number>[] = isPixelMaps(br)
      ? br.samples.map((s) => s.images[0])
      : br != null && typeof br === "object" && (br as PixelTable).brightness instanceof Float64Array
        ? toImages(br as PixelTable, (br as PixelTable).brightness).map((im) => im.data)
        : (() => { throw new TypeError(`${fn}: brightness must be the PixelTable or brightness PixelMaps`); })();
    if (bright.length !== m.samples.length) throw new RangeError(`${fn}: the brightness has ${bright.length} samples, the maps ${m.samples.length}`);
    m.samples.forEach((s, i) => {
      if (bright[i]?.length !== s.ny * s.nx) throw new RangeError(`${fn}: brightness of sample "${s.name}" has ${bright[i]?.length} pixels, expected ny·nx = ${s.ny}·${s.nx}`);
    });
    let range = given;
    if (!range) {
      const drawn: number[] = [];
      m.samples.forEach((s, i) => {
        const f = s.images[j];
        for (let p = 0; p < f.length; p++) if (Number.isFinite(f[p]) && Number.isFinite(bright[i][p])) drawn.push(bright[i][p]);
      });
      const lo = finitePercentile(drawn, 1);
      const hi = finitePercentile(drawn, 99);
      range = hi > lo ? [lo, hi] : [Number.isFinite(lo) ? lo : 0, Number.isFinite(lo) ? lo + 1 : 1];
    }
    return { m, j, bright, range, label: row.label ?? (rows.length > 1 ? m.names[j] : undefined) };
  });

  const nCols = Math.max(...prepared.map((p) => p.m.samples.length));
  const anyLabel = prepared.some((p) => p.label !== undefined);
  const member = prepared.map((p) => p.m.names[p.j]);
  const keyTitle = new Set(member).size === 1 ? `key: ${member[0]}` : "key";
  const keyWidth = Math.max(KEY, textWidth(keyTitle, 13)) + Y_AXIS + GAP * 2;
  const fixed = PADDING + (anyLabel ? ROW_LABEL : 0) + GAP * (nCols - 1) + keyWidth;
  const bars: (number | null)[] = [];
  const panelSizes: number[] = [];
  const gridRows = prepared.map(({ m, j, bright, range, label }, r) => {
    const physical = m.samples.every((s) => s.pixelSize);
    const ext = m.samples.map((s) => (physical ? [s.nx * s.pixelSize![0], s.ny * s.pixelSize![1]] : [s.nx, s.ny]));
    const longest = Math.max(...ext.map(([x, y]) => Math.max(x, y)));
    const sumX = ext.reduce((t, [x]) => t + x, 0);
    const pxPerUnit = Math.min(sizeMax / longest, (maxWidth - fixed - GAP * (nCols - m.samples.length)) / sumX);
    if (!(pxPerUnit * longest >= 20)) throw new RangeError(`${fn}: ${m.samples.length} panels do not fit ${maxWidth} px; raise maxWidth or show fewer samples per figure`);
    panelSizes.push(Math.floor(pxPerUnit * longest));
    const panels = m.samples.map((s, i) => {
      const w = Math.max(10, Math.floor(ext[i][0] * pxPerUnit));
      const h = Math.max(10, Math.floor(ext[i][1] * pxPerUnit));
      const colored = hsvColorMap(s.images[j], bright[i], s.ny, s.nx, { hueRange, brightnessRange: range, nanColor });
      const up = upscaleRgba(fn, colored.rgba, s.nx, s.ny, Math.min(8, Math.max(1, Math.ceil(w / s.nx))));
      const bar = scaleBar && s.pixelSize ? scaleBarFor(s.nx, s.pixelSize[0]) : undefined;
      bars.push(bar ? bar.um : null);
      return imageView(dataUrl(encodePng(up.rgba, up.width, up.height)), s.ny, s.nx, w, h, scaleBar ? s.pixelSize : undefined,
        r === 0 || prepared.length > 1 ? s.name : undefined, i === 0 ? label : undefined);
    });
    return { hconcat: panels, spacing: GAP };
  });

  const one = prepared.length === 1;
  const [ylo, yhi] = one ? prepared[0].range : [0, 1];
  const key = {
    title: keyTitle,
    width: KEY,
    height: KEY,
    data: { values: [{ x: 0, x2: 1, y: ylo, y2: yhi, url: dataUrl(hsvLegendPng({ width: 64, height: 64, hueRange })) }] },
    mark: { type: "image", aspect: false },
    encoding: {
      x: { field: "x", type: "quantitative", title: "fraction", scale: { domain: [0, 1], nice: false }, axis: { values: [0, 0.5, 1], format: ".1f", grid: false } },
      x2: { field: "x2" },
      y: { field: "y", type: "quantitative", title: one ? "brightness" : "brightness (relative)", scale: { domain: [ylo, yhi], nice: false, zero: false }, axis: { tickCount: 3, format: ".2~g", grid: false } },
      y2: { field: "y2" },
      url: { field: "url", type: "nominal" },
    },
  };
  return {
    $schema: VL_SCHEMA,
    ...(options.title ? { title: options.title } : {}),
    hconcat: [{ vconcat: gridRows, spacing: GAP }, key],
    spacing: GAP * 2,
    usermeta: { brightnessRanges: prepared.map((p) => p.range), panelSize: Math.min(...panelSizes), scaleBars: bars },
  };
}
