/**
 * Several charts side by side in rows that fit a notebook column (the multi-panel figures:
 * one spectrum panel per edge, a 3 × 3 grid of scree, scatter and spectra).
 * @module
 */
import { gradientLegendWidth, legendWidth, NOTEBOOK_WIDTH, PADDING, SPACING, wrapText, Y_AXIS, Y_AXIS_RIGHT } from "./layout";
import { checkInt, checkOptions, VL_SCHEMA } from "./util";

type Spec = Record<string, unknown>;

/** Options of {@link panelsSpec}. */
export interface PanelsSpecOptions {
  /** Panels per row for a flat list. @default as many as fit `maxWidth` with panels at least `minWidth` wide */
  columns?: number;
  /** Width the whole figure must fit, in px. @default 900 */
  maxWidth?: number;
  /** Narrowest plot width a panel is given before a row wraps, px. @default 180 */
  minWidth?: number;
  /**
   * `"auto"`: panels whose colour scales are the same (same names, same colours) share one legend
   * at the right of the figure, others keep their own; `"independent"`: every panel its own. @default "auto"
   */
  colorLegend?: "auto" | "independent";
  /** Overall title. @default none */
  title?: string;
}

const OPTIONS = ["columns", "maxWidth", "minWidth", "colorLegend", "title"] as const;

/** Every view of a spec that has an encoding (the spec itself, its layers, its concatenated views). */
function views(s: Spec): Spec[] {
  const out: Spec[] = [];
  const walk = (v: Spec) => {
    if (v.encoding) out.push(v);
    for (const key of ["layer", "vconcat", "hconcat", "concat"]) if (Array.isArray(v[key])) (v[key] as Spec[]).forEach(walk);
  };
  walk(s);
  return out;
}

/** The colour scales of a spec as JSON (to compare panels) and the legend width they need. */
function colorOf(s: Spec): { key: string; legend: number } {
  const keys: string[] = [];
  let legend = 0;
  for (const v of views(s)) {
    const c = (v.encoding as Record<string, Spec | undefined>).color;
    if (!c || !c.field) continue;
    const scale = (c.scale ?? {}) as Spec;
    keys.push(JSON.stringify([c.type, scale.domain ?? null, scale.range ?? null, scale.scheme ?? null]));
    const title = typeof c.title === "string" ? c.title : "";
    legend = Math.max(legend, c.type === "quantitative" ? gradientLegendWidth(title) : legendWidth(Array.isArray(scale.domain) ? (scale.domain as unknown[]).map(String) : ["category"], title));
  }
  return { key: [...new Set(keys)].join("|"), legend };
}

/** Space of the axes beside the plot: a left y axis, and a right one for independent y scales (scree). */
function axesOf(s: Spec): number {
  const resolve = s.resolve as { scale?: { y?: string } } | undefined;
  return Y_AXIS + (Array.isArray(s.layer) && resolve?.scale?.y === "independent" ? Y_AXIS_RIGHT : 0);
}

/** Plot width of a panel (its own, or its first concatenated view's). */
function widthOf(s: Spec): number {
  if (typeof s.width === "number") return s.width;
  for (const key of ["vconcat", "hconcat", "concat"]) {
    const sub = s[key] as Spec[] | undefined;
    if (Array.isArray(sub) && typeof sub[0]?.width === "number") return sub[0].width as number;
  }
  return 300;
}

/** A copy of the panel with plot width `w` (also on the views of a vconcat, as lcfSpec's). */
function withWidth(s: Spec, w: number): Spec {
  const out: Spec = { ...s };
  delete out.$schema;
  if (typeof s.width === "number" || !Array.isArray(s.vconcat)) out.width = w;
  if (Array.isArray(s.vconcat)) out.vconcat = (s.vconcat as Spec[]).map((v) => (typeof v.width === "number" ? { ...v, width: w } : v));
  return out;
}

/** A copy of the panel whose colour legends sit below the plot, one entry per line. */
function legendBelow(s: Spec): Spec {
  const walk = (v: Spec): Spec => {
    const out: Spec = { ...v };
    const enc = v.encoding as Record<string, Spec | undefined> | undefined;
    if (enc?.color?.field) out.encoding = { ...enc, color: { ...enc.color, legend: { ...((enc.color.legend as Spec | undefined) ?? {}), orient: "bottom", direction: "vertical" } } };
    for (const key of ["layer", "vconcat", "hconcat", "concat"]) if (Array.isArray(v[key])) out[key] = (v[key] as Spec[]).map(walk);
    return out;
  };
  return walk(s);
}

/** Split a title (and a long subtitle) into lines no wider than `px`. */
function wrapTitle(title: unknown, px: number): unknown {
  if (typeof title === "string") return wrapText(title, px, 13);
  if (title && typeof title === "object" && typeof (title as Spec).text === "string") {
    const t = title as Spec;
    return { ...t, text: wrapText(t.text as string, px, 13), ...(typeof t.subtitle === "string" ? { subtitle: wrapText(t.subtitle, px, 11) } : {}) };
  }
  return title;
}

/**
 * Put chart specs (from `spectraSpec`, `screeSpec`, `scoreScatterSpec`, `lcfSpec`, `xySpec`,
 * `histogramSpec` …) side by side in rows so that the whole figure fits a notebook column
 * (`maxWidth`, 900 px): each panel's plot width is reduced (never enlarged) until the row —
 * plot widths, axes, legends, spacing and padding — fits, long panel titles wrap onto several
 * lines, and panels that draw the same colour scale (e.g. the same voltages at four edges)
 * share one legend at the right instead of repeating it. When the panels' own legends would
 * leave less than `minWidth` for the plots, they go below the plots. A flat list wraps into
 * rows of `columns` (default: as many as fit); a list of lists gives the rows.
 *
 * @param panels - chart specs (each a builder's output; not changed), as one list or as rows.
 * @param options - {@link PanelsSpecOptions}.
 * @returns a vega-lite spec object (`$schema` v5): `vconcat` of rows, each an `hconcat` of the
 *   panels (without their `$schema`). `usermeta.widths` lists the plot width given to each panel, row
 *   by row, `usermeta.legendsBelow` whether each row's legends were moved below the plots.
 * @throws RangeError for an empty list, a row that cannot fit `maxWidth`, or bad options.
 * @example
 * const fig = panelsSpec(EDGES.map((e) => spectraSpec(averages[e], { title: `${e} L3` })));
 * panelsSpec([screes, scatters, spectra]); // three rows of three
 */
export function panelsSpec(panels: readonly Spec[] | readonly (readonly Spec[])[], options: PanelsSpecOptions = {}): Spec {
  const fn = "panelsSpec";
  checkOptions(fn, options, OPTIONS);
  if (!Array.isArray(panels) || panels.length === 0) throw new RangeError(`${fn}: expected a non-empty list of chart specs (or of rows of specs)`);
  const maxWidth = checkInt(fn, "option maxWidth", options.maxWidth ?? NOTEBOOK_WIDTH, 100);
  const minWidth = checkInt(fn, "option minWidth", options.minWidth ?? 180, 10);
  const mode = options.colorLegend ?? "auto";
  if (mode !== "auto" && mode !== "independent") throw new RangeError(`${fn}: option colorLegend must be "auto" or "independent", got ${JSON.stringify(mode)}`);
  const nested = panels.every((p) => Array.isArray(p));
  const flat: Spec[] = nested ? (panels as Spec[][]).flat() : (panels as Spec[]);
  flat.forEach((p, i) => {
    if (p == null || typeof p !== "object" || Array.isArray(p)) throw new TypeError(`${fn}: panel ${i} must be a vega-lite spec object, got ${p === null ? "null" : typeof p}`);
  });
  const colors = flat.map(colorOf);
  const keys = colors.map((c) => c.key).filter(Boolean);
  const shared = mode === "auto" && keys.length > 0 && keys.length === flat.length && new Set(keys).size === 1;
  const sharedLegend = shared ? Math.max(...colors.map((c) => c.legend)) : 0;
  // Space beside panel i's plot: its axes, and its own legend unless legends are shared or moved below.
  const own = (i: number, below: boolean) => axesOf(flat[i]) + (shared || below ? 0 : colors[i].legend);
  const need = (row: number[], w: number, below: boolean) => row.reduce((a, i) => a + w + own(i, below), 0) + SPACING * (row.length - 1) + sharedLegend + PADDING;

  let rows: number[][];
  if (nested) {
    let i = 0;
    rows = (panels as Spec[][]).map((r) => r.map(() => i++));
  } else {
    let columns = options.columns === undefined ? undefined : checkInt(fn, "option columns", options.columns, 1);
    if (columns === undefined) {
      columns = 1;
      for (let c = flat.length; c >= 1; c--) {
        const first = Array.from({ length: c }, (_, i) => i);
        if (need(first, minWidth, false) <= maxWidth || need(first, minWidth, true) <= maxWidth) { columns = c; break; }
      }
    }
    rows = [];
    for (let i = 0; i < flat.length; i += columns) rows.push(Array.from({ length: Math.min(columns, flat.length - i) }, (_, j) => i + j));
  }
  const widths: number[][] = [];
  const legendsBelow: boolean[] = [];
  const out = rows.map((row, r) => {
    // Legends beside the plots when the panels keep at least minWidth; else below them (when not shared).
    const eachFor = (below: boolean) => Math.floor((maxWidth - need(row, 0, below)) / row.length);
    const below = !shared && eachFor(false) < minWidth && colors.some((c, i) => row.includes(i) && c.legend > 0);
    const each = eachFor(below);
    if (each < 10) throw new RangeError(`${fn}: row ${r} has ${row.length} panels that cannot fit ${maxWidth} px; use fewer columns`);
    legendsBelow.push(below);
    widths.push(row.map((i) => Math.min(widthOf(flat[i]), each)));
    return {
      hconcat: row.map((i, j) => {
        const w = widths[r][j];
        let p = withWidth(flat[i], w);
        if (below) p = legendBelow(p);
        // Titles are centred on the plot: let them reach 30 px into the axes on each side, no further.
        if (p.title !== undefined) p.title = wrapTitle(p.title, w + 60);
        return p;
      }),
      ...(shared ? {} : { resolve: { scale: { color: "independent" } } }),
    };
  });
  return {
    $schema: VL_SCHEMA,
    ...(options.title ? { title: options.title } : {}),
    vconcat: out,
    resolve: { scale: { color: shared ? "shared" : "independent" } },
    usermeta: { widths, legendsBelow },
  };
}
