/**
 * Maps laid out as a paper's panels: samples × maps (e.g. end-member fractions), one shared
 * colour key, a scale bar in µm on every panel.
 * @module
 */
import type { PixelMaps } from "../types/pixelMaps";
import { checkPixelSize } from "./mapSpec";
import { mapView } from "./mapView";
import { checkColors, colorAt, type ChartColors } from "./palette";
import { gradientLegendWidth, NOTEBOOK_WIDTH, PADDING, wrapText } from "./layout";
import { checkEnum, checkInt, checkOptions, checkRange, finiteExtent, VL_SCHEMA } from "./util";

/** One panel of {@link mapsGridSpec} in the list form. */
export interface MapPanel {
  /** Panel title, e.g. the sample name. */
  title: string;
  /** Values, shape `[ny, nx]`, row-major; NaN = no pixel. */
  image: ArrayLike<number>;
  /** Rows. */
  ny: number;
  /** Columns. */
  nx: number;
  /** Pixel size `[x, y]` in µm, for a scale bar. @default none */
  pixelSize?: readonly [number, number];
}

/** Options of {@link mapsGridSpec}. */
export interface MapsGridSpecOptions {
  /** PixelMaps: `"samples"` puts one sample per row and one map per column (the paper's layout); `"maps"` the transpose. @default "samples" */
  rows?: "samples" | "maps";
  /** PixelMaps: the maps drawn, by name or index, in this order (e.g. leave out an extraneous member). @default all */
  maps?: readonly (string | number)[];
  /** PixelMaps: the samples drawn, by name or index, in this order. @default all */
  samples?: readonly (string | number)[];
  /** Panel list: panels per row. @default 3 (fewer when there are fewer panels) */
  columns?: number;
  /** One colour scale (and one colour bar) for all panels; its domain is `domain` or the finite extent over all images. @default true */
  sharedDomain?: boolean;
  /** Colour scale domain `[lo, hi]` (all panels). @default [0, 1] for fraction maps, else the finite extent (per panel when `sharedDomain` is false) */
  domain?: [number, number];
  /** A vega colour scheme name. @default "viridis" */
  colorScheme?: string;
  /** Reverse the colour scheme (e.g. dark = high with "greys"). @default false */
  reverse?: boolean;
  /** Colour of pixels without a value (NaN: masked, thresholded out, outside the sample), a CSS colour such as "#dddddd". @default none (the page shows through) */
  nanColor?: string;
  /** Colour bar title. @default the maps' `quantity` (PixelMaps), "" (list) */
  legendTitle?: string;
  /** Colours of the map names (column headers), by name or in order — the members' colours. @default {@link PALETTE} by map order */
  colors?: ChartColors;
  /** Overall title. @default none */
  title?: string;
  /** Longest side of a panel in px, at most: panels shrink so that the figure fits `maxWidth`. @default 200 */
  size?: number;
  /** Width the whole figure must fit, in px (a notebook column). @default 900 */
  maxWidth?: number;
  /** Largest side in cells before block averaging (see `mapSpec`). @default 128 */
  maxSize?: number;
  /** Draw a scale bar in µm on each panel whose pixel size is known. @default true */
  scaleBar?: boolean;
}

const OPTIONS = ["rows", "maps", "samples", "columns", "sharedDomain", "domain", "colorScheme", "reverse", "nanColor", "legendTitle", "colors", "title", "size", "maxWidth", "maxSize", "scaleBar"] as const;

/** Space between panels, px. */
const GAP = 8;
/** Width of one line of a row label (a bare rotated y-axis title), px. */
const ROW_LABEL_LINE = 14;

function isPixelMaps(v: unknown): v is PixelMaps {
  const m = v as Partial<PixelMaps> | null;
  return m != null && typeof m === "object" && !Array.isArray(m) && m.kind === "maps" && Array.isArray(m.samples) && Array.isArray(m.names);
}

function pick(fn: string, what: string, names: readonly string[], which: readonly (string | number)[] | undefined): number[] {
  if (which === undefined) return names.map((_, i) => i);
  if (!Array.isArray(which) || which.length === 0) throw new RangeError(`${fn}: option ${what} must be a non-empty list of names or indices`);
  return which.map((w) => {
    const i = typeof w === "string" ? names.indexOf(w) : w;
    if (!Number.isInteger(i) || i < 0 || i >= names.length) {
      throw new RangeError(`${fn}: option ${what} has ${JSON.stringify(w)}; the ${what} are ${names.map((n) => `"${n}"`).join(", ")}`);
    }
    return i;
  });
}

function sharedExtent(images: readonly ArrayLike<number>[]): [number, number] | undefined {
  let lo = Infinity;
  let hi = -Infinity;
  for (const im of images) {
    const e = finiteExtent(im);
    if (e) [lo, hi] = [Math.min(lo, e[0]), Math.max(hi, e[1])];
  }
  if (lo < hi) return [lo, hi];
  if (lo === hi) return [lo - 0.5, hi + 0.5];
  return undefined;
}

function rethrow(fn: string, where: string, err: unknown): never {
  const e = err as Error;
  const Ctor = e instanceof RangeError ? RangeError : e instanceof TypeError ? TypeError : Error;
  throw new Ctor(`${fn}: ${where}: ${e.message}`);
}

/**
 * A vega-lite 5 figure of maps laid out as a paper's panels, sized to fit a notebook column.
 *
 * **From {@link PixelMaps}** (`fit.maps()`, `fractionMaps(T, fit)`, `p.maps()`): a grid with one
 * row per sample (row label on the left) and one column per map (the map names on top, in the
 * colours the members have in every other chart), one shared colour key, no axes, and a scale
 * bar in µm on every panel whose sample has a `pixelSize` (a nice length ≈ 1/4 of the panel).
 * All panels share one physical scale (µm per screen pixel; pixels when a size is unknown), so
 * particles of different samples compare by size. Panels shrink from `size` until the figure
 * (panels + gaps + row labels + colour bar + padding) fits `maxWidth`.
 *
 * **From a list of panels** (the former form): `concat` with `columns`, each panel's longer side
 * `size` (shrunk to fit), titles on top.
 *
 * With `sharedDomain` (default) every panel uses the same colour domain and the views resolve
 * one shared colour scale, so equal colours mean equal values across samples.
 *
 * @param maps - a {@link PixelMaps}, or a non-empty list of {@link MapPanel}.
 * @param options - {@link MapsGridSpecOptions}.
 * @returns a vega-lite spec object (`$schema` v5): PixelMaps → `vconcat` of rows, each an `hconcat`
 *   of panels; list → `concat` with `columns`. Panel data fields as `mapSpec`. `usermeta` has
 *   `panelSize` (px of the longest side) and `scaleBars` (µm per panel, null without pixel size).
 * @throws RangeError naming the panel whose image has the wrong length, an unknown map or sample, or an empty list.
 * @example
 * const spec = mapsGridSpec(fit.maps(), { maps: ["reduced", "oxidised"] });
 * mapsGridSpec(fit.residualMaps(), { rows: "maps", legendTitle: "‖r‖" });
 */
export function mapsGridSpec(maps: PixelMaps | readonly MapPanel[], options: MapsGridSpecOptions = {}): Record<string, unknown> {
  const fn = "mapsGridSpec";
  checkOptions(fn, options, OPTIONS);
  const shared = options.sharedDomain ?? true;
  const scheme = options.colorScheme ?? "viridis";
  if (typeof scheme !== "string" || scheme === "") throw new TypeError(`${fn}: option colorScheme must be a vega scheme name such as "viridis", got ${String(scheme)}`);
  const maxWidth = checkInt(fn, "option maxWidth", options.maxWidth ?? NOTEBOOK_WIDTH, 100);
  const sizeMax = checkInt(fn, "option size", options.size ?? 200, 10);
  const maxSize = checkInt(fn, "option maxSize", options.maxSize ?? 128, 1);
  const scaleBar = options.scaleBar ?? true;
  const colors = checkColors(fn, options.colors);
  const given = options.domain === undefined ? undefined : checkRange(fn, "option domain", options.domain);
  const reverse = options.reverse ?? false;
  if (typeof reverse !== "boolean") throw new TypeError(`${fn}: option reverse must be true or false, got ${String(reverse)}`);
  const nanColor = options.nanColor;
  if (nanColor !== undefined && (typeof nanColor !== "string" || nanColor.trim() === "")) {
    throw new TypeError(`${fn}: option nanColor must be a CSS colour such as "#dddddd" or "lightgrey", got ${JSON.stringify(nanColor)}`);
  }
  // An image with no finite pixel and no domain gets a nominal [0, 1] (vega warns on an empty extent).
  const colorScaleFor = (domain: [number, number] | undefined, image: ArrayLike<number>) =>
    ({ scheme, ...(reverse ? { reverse: true } : {}), ...(domain ? { domain, clamp: true } : finiteExtent(image) ? {} : { domain: [0, 1] }) });
  // NaN pixels are not drawn; the panel's own background (its plot area is the image) shows them.
  const withBackground = (view: Record<string, unknown>) => (nanColor ? { ...view, view: { fill: nanColor } } : view);
  // Title and subtitle lines no wider than the figure (a long note such as "block-averaged 2×2: …" wraps).
  const titleFor = (text: string, subtitle: string, figureWidth: number) => {
    const w = Math.max(60, figureWidth - PADDING);
    const t = text ? wrapText(text, w, 13) : "";
    return subtitle ? { title: { text: t, subtitle: wrapText(subtitle, w, 11) } } : text ? { title: t } : {};
  };

  if (isPixelMaps(maps)) {
    const m = maps;
    const byRow = checkEnum(fn, "option rows", options.rows ?? "samples", ["samples", "maps"] as const) === "samples";
    const mi = pick(fn, "maps", m.names, options.maps);
    const si = pick(fn, "samples", m.samples.map((s) => s.name), options.samples);
    si.forEach((s) => {
      const smp = m.samples[s];
      if (smp.images.length !== m.names.length) throw new RangeError(`${fn}: sample "${smp.name}" has ${smp.images.length} images for ${m.names.length} map names`);
      smp.images.forEach((im, j) => {
        if (im.length !== smp.ny * smp.nx) throw new RangeError(`${fn}: sample "${smp.name}", map "${m.names[j]}": image has length ${im.length}, expected ny·nx = ${smp.ny}·${smp.nx}`);
      });
    });
    const legendTitle = options.legendTitle ?? m.quantity;
    const images = si.flatMap((s) => mi.map((j) => m.samples[s].images[j]));
    const domain = given ?? (m.quantity === "fraction" ? [0, 1] as [number, number] : shared ? sharedExtent(images) : undefined);
    // One physical scale for all panels: µm when every drawn sample knows its pixel size, else pixels.
    const physical = si.every((s) => m.samples[s].pixelSize);
    const extent = (s: number): [number, number] => {
      const smp = m.samples[s];
      return physical ? [smp.nx * smp.pixelSize![0], smp.ny * smp.pixelSize![1]] : [smp.nx, smp.ny];
    };
    const longest = Math.max(...si.map((s) => Math.max(...extent(s))));
    const nRowsG = byRow ? si.length : mi.length;
    const nColsG = byRow ? mi.length : si.length;
    // Widest row: the sum of the widest panel of each column.
    const colWidthUnits = Array.from({ length: nColsG }, (_, c) => (byRow ? Math.max(...si.map((s) => extent(s)[0])) : extent(si[c])[0]));
    const sumUnits = colWidthUnits.reduce((a, b) => a + b, 0);
    // Row labels longer than a panel is high wrap onto lines, and each line takes width: find the
    // panel size and the number of label lines together (a few rounds settle it).
    const labels = byRow ? si.map((s) => m.samples[s].name) : mi.map((j) => m.names[j]);
    const rowUnits = byRow ? si.map((s) => extent(s)[1]) : mi.map(() => Math.max(...si.map((s) => extent(s)[1])));
    let lines = 1;
    let pxPerUnit = 0;
    for (let round = 0; round < 4; round++) {
      const fixed = PADDING + ROW_LABEL_LINE * lines + 8 + GAP * (nColsG - 1) + gradientLegendWidth(legendTitle);
      pxPerUnit = Math.min(sizeMax / longest, (maxWidth - fixed) / sumUnits);
      const need = Math.max(...labels.map((l, r) => [wrapText(l, Math.floor(rowUnits[r] * pxPerUnit), 11)].flat().length));
      if (need <= lines) break;
      lines = need;
    }
    if (!(pxPerUnit * longest >= 10)) throw new RangeError(`${fn}: ${nColsG} columns do not fit ${maxWidth} px (panels would be ${Math.floor(pxPerUnit * longest)} px); draw fewer maps or samples per figure, or raise maxWidth`);
    const notes = new Set<string>();
    const bars: (number | null)[] = [];
    const rows = Array.from({ length: nRowsG }, (_, r) => {
      const panels = Array.from({ length: nColsG }, (_, c) => {
        const s = byRow ? si[r] : si[c];
        const j = byRow ? mi[c] : mi[r];
        const smp = m.samples[s];
        const [ux, uy] = extent(s);
        const mapColor = colorAt(m.names, j, colors);
        const title = r === 0 ? (byRow ? m.names[j] : smp.name) : undefined;
        try {
          const { view, note, bar } = mapView(smp.images[j], smp.ny, smp.nx, {
            width: Math.max(10, Math.floor(ux * pxPerUnit)),
            height: Math.max(10, Math.floor(uy * pxPerUnit)),
            colorScale: colorScaleFor(shared ? domain : given, smp.images[j]),
            legendTitle,
            maxSize,
            axes: c === 0 ? { kind: "rowLabel", label: byRow ? smp.name : m.names[j], ...(byRow ? {} : { color: mapColor }) } : { kind: "none" },
            ...(scaleBar && smp.pixelSize ? { pixelSize: smp.pixelSize } : {}),
            ...(title ? { title, ...(byRow ? { titleColor: mapColor } : {}) } : {}),
            tooltip: { sample: smp.name, map: m.names[j] },
          });
          if (note) notes.add(note);
          bars.push(bar ? bar.um : null);
          return withBackground(view);
        } catch (err) {
          return rethrow(fn, `sample "${smp.name}", map "${m.names[j]}"`, err);
        }
      });
      return { hconcat: panels, spacing: GAP };
    });
    const text = options.title ?? "";
    const subtitle = [...notes].join("; ");
    const panelsWidth = colWidthUnits.reduce((a, u) => a + Math.max(10, Math.floor(u * pxPerUnit)), 0) + GAP * (nColsG - 1);
    return {
      $schema: VL_SCHEMA,
      ...titleFor(text, subtitle, PADDING + ROW_LABEL_LINE * lines + 8 + panelsWidth + gradientLegendWidth(legendTitle)),
      vconcat: rows,
      spacing: GAP,
      resolve: { scale: { color: shared ? "shared" : "independent", x: "independent", y: "independent" } },
      usermeta: { panelSize: Math.floor(pxPerUnit * longest), scaleBars: bars },
    };
  }

  const images = maps;
  if (!Array.isArray(images) || images.length === 0) throw new RangeError(`${fn}: expected PixelMaps (e.g. fit.maps()) or a non-empty array of {title, image, ny, nx}`);
  const columns = checkInt(fn, "option columns", options.columns ?? Math.min(3, images.length), 1);
  images.forEach((p, i) => {
    if (!p || typeof p !== "object") throw new TypeError(`${fn}: images[${i}] must be {title, image, ny, nx}, got ${String(p)}`);
  });
  const domain = given ?? (shared ? sharedExtent(images.map((p) => p.image ?? [])) : undefined);
  const legendTitle = options.legendTitle ?? "";
  const cols = Math.min(columns, images.length);
  const size = Math.min(sizeMax, Math.floor((maxWidth - PADDING - GAP * (cols - 1) - gradientLegendWidth(legendTitle)) / cols));
  if (size < 10) throw new RangeError(`${fn}: ${cols} columns do not fit ${maxWidth} px; use fewer columns`);
  const notes = new Set<string>();
  const bars: (number | null)[] = [];
  const concat = images.map((p, i) => {
    try {
      checkInt(fn, "ny", p.ny, 1);
      checkInt(fn, "nx", p.nx, 1);
      if (p.image == null || p.image.length !== p.ny * p.nx) throw new RangeError(`mapSpec: image has length ${p.image?.length}, expected ${p.ny * p.nx} (shape [ny=${p.ny}, nx=${p.nx}])`);
      const pixelSize = checkPixelSize(fn, "pixelSize", p.pixelSize);
      const longer = Math.max(p.nx, p.ny);
      const { view, note, bar } = mapView(p.image, p.ny, p.nx, {
        width: Math.max(10, Math.round((size * p.nx) / longer)),
        height: Math.max(10, Math.round((size * p.ny) / longer)),
        colorScale: colorScaleFor(shared ? domain : given, p.image),
        legendTitle,
        maxSize,
        axes: { kind: "none" },
        ...(scaleBar && pixelSize ? { pixelSize } : {}),
        title: p.title ?? "",
      });
      if (note) notes.add(note);
      bars.push(bar ? bar.um : null);
      return withBackground(view);
    } catch (err) {
      return rethrow(fn, `images[${i}] ("${p.title}")`, err);
    }
  });
  const text = options.title ?? "";
  const subtitle = [...notes].join("; ");
  return {
    $schema: VL_SCHEMA,
    ...titleFor(text, subtitle, PADDING + cols * size + GAP * (cols - 1) + gradientLegendWidth(legendTitle)),
    columns,
    concat,
    spacing: GAP,
    resolve: { scale: { color: shared ? "shared" : "independent", x: "independent", y: "independent" } },
    usermeta: { panelSize: size, scaleBars: bars },
  };
}
