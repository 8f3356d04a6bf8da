/**
 * Pixels in PCA or NMF space, with optional end-member regions (Gent 2017 S16, S18).
 * @module
 */
import type { Matrix } from "../types/matrix";
import type { PcaResult } from "../decompose/pca";
import type { NmfResult } from "../decompose/nmf";
import type { Endmembers } from "../decompose/suggestEndmembers";
import { checkColors, colorAt, type ChartColors } from "./palette";
import { legendWidth, NOTEBOOK_WIDTH, PADDING, Y_AXIS } from "./layout";
import { checkArrayLike, checkInt, checkLength, checkOptions, strideFor, strideNote, VL_SCHEMA } from "./util";

/** A named set of pixel rows (an end-member region) for {@link scoreScatterSpec}. */
export interface ScoreRegion {
  /** Legend name, e.g. "1 reduced". */
  name: string;
  /** Row indices into the score matrix, each in [0, nRows). */
  indices: ArrayLike<number>;
}

/** Options of {@link scoreScatterSpec}. */
export interface ScoreScatterSpecOptions {
  /** Component (0-based column of `scores`) on the x axis. @default 0 */
  x?: number;
  /** Component (0-based column of `scores`) on the y axis. @default 1 */
  y?: number;
  /** A group label per row (e.g. the sample of each pixel, `PixelTable.sample`), length nRows; colours the background points. */
  groups?: Int32Array | ArrayLike<number> | readonly string[];
  /** Largest number of background points drawn; beyond it every s-th row is kept (deterministic stride, starting at row 0) and the title says so. @default 20000 */
  maxPoints?: number;
  /**
   * End-member regions drawn on top in their own colours (all their rows, strided the same way if
   * together they exceed `maxPoints`): an {@link Endmembers} (`em.clusters`, named by
   * `em.members.names`) or a list of `{ name, indices }`.
   */
  regions?: Endmembers | readonly ScoreRegion[];
  /** Colours by region (or group) name, or a list in region order. @default {@link PALETTE} by region order — the colours `spectraSpec(em.members)` draws */
  colors?: ChartColors;
  /** Axis title prefix: "PC" gives "PC1", "PC2"; "NMF " gives "NMF 1". @default "NMF " for an NmfResult, else "PC" */
  axisPrefix?: string;
  /** Scale each row to sum 1 before plotting (the paper's NMF space). @default true for an NmfResult, else false */
  normalizeRows?: boolean;
  /** Chart title. @default "<x> vs <y>" */
  title?: string;
  /** Plot width in px. @default 360, less when the legend would push the figure past 900 px */
  width?: number;
  /** Plot height in px. @default 320 */
  height?: number;
  /** Point area of background points in px² (region points are 4× larger, outlined). @default 6 */
  size?: number;
}

const OPTIONS = ["x", "y", "groups", "maxPoints", "regions", "colors", "axisPrefix", "normalizeRows", "title", "width", "height", "size"] as const;

/** Greys for the background groups when regions are drawn, so that hue means one thing: the end member. */
const GROUP_GREYS = ["#9a9a9a", "#c4c4c4", "#6f6f6f", "#dadada", "#848484", "#b0b0b0"];

function kindOf(v: unknown): string | undefined {
  return v != null && typeof v === "object" ? ((v as { kind?: unknown }).kind as string | undefined) : undefined;
}

/** The score matrix of a result, row-normalised when asked. */
function scoreMatrix(fn: string, scores: Matrix | PcaResult | NmfResult, normalize: boolean | undefined): { data: Float64Array | ArrayLike<number>; nRows: number; k: number; prefix: string } {
  let m: Matrix;
  let prefix = "PC";
  let norm = normalize ?? false;
  const kind = kindOf(scores);
  if (kind === "pca") {
    const p = scores as PcaResult;
    if (!p.scores) throw new TypeError(`${fn}: this PcaResult has no scores; run pca(T, { scores: true })`);
    m = p.scores;
  } else if (kind === "nmf") {
    m = (scores as NmfResult).W;
    prefix = "NMF ";
    norm = normalize ?? true;
  } else {
    m = scores as Matrix;
    if (m == null || typeof m !== "object" || !(m.data instanceof Float64Array)) {
      throw new TypeError(`${fn}: scores must be a Matrix { data, nRows, nCols }, a PcaResult or an NmfResult, got ${m === null ? "null" : typeof m}`);
    }
  }
  checkInt(fn, "scores.nRows", m.nRows, 1);
  checkInt(fn, "scores.nCols", m.nCols, 1);
  checkLength(fn, "scores.data", m.data, m.nRows * m.nCols, `[nRows=${m.nRows}, k=${m.nCols}]`);
  if (!norm) return { data: m.data, nRows: m.nRows, k: m.nCols, prefix };
  const k = m.nCols;
  const out = new Float64Array(m.data.length);
  for (let r = 0; r < m.nRows; r++) {
    let s = 0;
    for (let c = 0; c < k; c++) s += m.data[r * k + c];
    for (let c = 0; c < k; c++) out[r * k + c] = s !== 0 ? m.data[r * k + c] / s : NaN;
  }
  return { data: out, nRows: m.nRows, k, prefix };
}

/**
 * A static vega-lite 5 scatter of two score columns — the pixels of a pixel table projected into
 * PCA space (`PcaResult.scores`) or NMF space (`NmfResult.W`) — with optional groups and
 * end-member regions coloured on top. Large tables are subsampled by a fixed stride
 * (every s-th row from row 0), never at random, so the figure is reproducible; the title says
 * how many points are shown. Rows with a non-finite coordinate are skipped.
 *
 * Region colours come from the {@link PALETTE} in region order (or `colors`), so regions given
 * as `em` match `spectraSpec(em.members)`; with regions drawn, background groups are greys.
 *
 * @param scores - a {@link PcaResult} (its `scores`, axes "PC1" …), an {@link NmfResult} (its `W`,
 *   rows scaled to sum 1 by default, axes "NMF 1" …) or any score {@link Matrix} `[nRows, k]`.
 * @param options - {@link ScoreScatterSpecOptions}.
 * @returns a vega-lite spec object (`$schema` v5); fields `x`, `y`, `row` and `group` (the group
 *   label, or the region name in the region layer).
 * @throws RangeError when the matrix sizes disagree, `x`/`y` are outside [0, k), `groups` has the
 *   wrong length, or a region index is outside [0, nRows); Error for an unknown option.
 * @example
 * const spec = scoreScatterSpec(pca(T, { k: 3 }), { regions: em, groups: Array.from(T.sample, (i) => T.samples[i].name) });
 * scoreScatterSpec(nmf(T, { k: 3 }), { regions: [{ name: "1 reduced", indices: reducedRows }] });
 */
export function scoreScatterSpec(scores: Matrix | PcaResult | NmfResult, options?: ScoreScatterSpecOptions): Record<string, unknown>;
/**
 * The former form: a flat score array with its sizes.
 * @deprecated pass the PcaResult, NmfResult or a Matrix (`matrix(scores, nRows, k)`) instead.
 * @param scores - `[nRows, k]`, row-major.
 * @param nRows - rows (pixels).
 * @param k - columns (components).
 * @param options - {@link ScoreScatterSpecOptions}.
 * @returns a vega-lite spec object, as the main form.
 */
export function scoreScatterSpec(scores: ArrayLike<number>, nRows: number, k: number, options?: ScoreScatterSpecOptions): Record<string, unknown>;
export function scoreScatterSpec(a: unknown, b?: unknown, c?: unknown, d?: unknown): Record<string, unknown> {
  const fn = "scoreScatterSpec";
  let scores: ArrayLike<number>;
  let nRows: number;
  let k: number;
  let prefixDefault = "PC";
  let options: ScoreScatterSpecOptions;
  if (typeof b === "number") {
    options = (d ?? {}) as ScoreScatterSpecOptions;
    checkOptions(fn, options, OPTIONS);
    nRows = checkInt(fn, "nRows", b, 1);
    k = checkInt(fn, "k", c, 1);
    scores = checkLength(fn, "scores", a, nRows * k, `[nRows=${nRows}, k=${k}]`);
  } else {
    options = (b ?? {}) as ScoreScatterSpecOptions;
    checkOptions(fn, options, OPTIONS);
    const m = scoreMatrix(fn, a as Matrix, options.normalizeRows);
    ({ data: scores, nRows, k, prefix: prefixDefault } = m);
  }
  const cx = checkInt(fn, "option x", options.x ?? 0, 0, k - 1);
  const cy = checkInt(fn, "option y", options.y ?? (k > 1 ? 1 : 0), 0, k - 1);
  const maxPoints = checkInt(fn, "option maxPoints", options.maxPoints ?? 20000, 1);
  const groups = options.groups === undefined ? undefined : checkLength(fn, "option groups", options.groups, nRows, `[nRows=${nRows}]`);
  const given = options.regions ?? [];
  const regions: readonly ScoreRegion[] = kindOf(given) === "endmembers"
    ? (given as Endmembers).members.names.map((name, i) => ({ name, indices: (given as Endmembers).clusters[i] }))
    : (given as readonly ScoreRegion[]);
  if (!Array.isArray(regions)) throw new TypeError(`${fn}: option regions must be an Endmembers or an array of {name, indices}, got ${typeof regions}`);
  const colors = checkColors(fn, options.colors);
  const prefix = options.axisPrefix ?? prefixDefault;
  const xTitle = `${prefix}${cx + 1}`;
  const yTitle = `${prefix}${cy + 1}`;

  const stride = strideFor(nRows, maxPoints);
  const values: Record<string, unknown>[] = [];
  for (let r = 0; r < nRows; r += stride) {
    const xv = scores[r * k + cx];
    const yv = scores[r * k + cy];
    if (!Number.isFinite(xv) || !Number.isFinite(yv)) continue;
    values.push(groups ? { x: xv, y: yv, row: r, group: String(groups[r]) } : { x: xv, y: yv, row: r });
  }
  let nRegion = 0;
  regions.forEach((reg, i) => {
    if (!reg || typeof reg.name !== "string") throw new TypeError(`${fn}: regions[${i}] must be {name: string, indices}, got ${JSON.stringify(reg)}`);
    const idx = checkArrayLike(fn, `regions[${i}].indices`, reg.indices);
    for (let j = 0; j < idx.length; j++) {
      const r = idx[j];
      if (!Number.isInteger(r) || r < 0 || r >= nRows) throw new RangeError(`${fn}: regions[${i}] ("${reg.name}") index ${j} is ${r}, expected an integer in [0, ${nRows})`);
    }
    nRegion += idx.length;
  });
  const rStride = strideFor(nRegion, maxPoints);
  const regionValues: Record<string, unknown>[] = [];
  let seen = 0;
  for (const reg of regions) {
    for (let j = 0; j < reg.indices.length; j++, seen++) {
      if (seen % rStride !== 0) continue;
      const r = reg.indices[j];
      const xv = scores[r * k + cx];
      const yv = scores[r * k + cy];
      if (Number.isFinite(xv) && Number.isFinite(yv)) regionValues.push({ x: xv, y: yv, row: r, group: reg.name });
    }
  }

  const notes = [strideNote(stride, nRows, "pixels"), rStride > 1 ? strideNote(rStride, nRegion, "region pixels") : ""].filter(Boolean);
  const text = options.title ?? `${xTitle} vs ${yTitle}`;
  const size = options.size ?? 6;
  const enc = (t: string, f: string) => ({ field: f, type: "quantitative", title: t, scale: { zero: false } });
  const tooltip = [{ field: "row", type: "quantitative", title: "row" }, { field: "x", type: "quantitative", title: xTitle, format: ".4g" }, { field: "y", type: "quantitative", title: yTitle, format: ".4g" }];
  // One colour scale for regions and groups: regions take the palette by region order (the
  // members' colours), groups the palette when alone and greys under regions.
  const regionNames = regions.map((r) => r.name);
  const groupNames = groups ? [...new Set(values.map((v) => v.group as string))].filter((g) => !regionNames.includes(g)) : [];
  const domain = [...regionNames, ...groupNames];
  const range = [
    ...regionNames.map((_, i) => colorAt(regionNames, i, colors)),
    ...groupNames.map((g, i) => (colors && !Array.isArray(colors) && (colors as Record<string, string>)[g]) || (regions.length > 0 ? GROUP_GREYS[i % GROUP_GREYS.length] : colorAt(groupNames, i))),
  ];
  const color = { field: "group", type: "nominal", title: "", scale: { domain, range }, sort: domain };
  const background: Record<string, unknown> = {
    data: { values },
    mark: { type: "circle", size, opacity: regions.length > 0 ? 0.35 : 0.6, ...(groups ? {} : { color: "#9a9a9a" }) },
    encoding: { x: enc(xTitle, "x"), y: enc(yTitle, "y"), ...(groups ? { color } : {}), tooltip },
  };
  const layer: Record<string, unknown>[] = [background];
  if (regions.length > 0) {
    layer.push({
      data: { values: regionValues },
      mark: { type: "circle", size: size * 4, opacity: 1, stroke: "#222", strokeWidth: 0.5 },
      encoding: { x: enc(xTitle, "x"), y: enc(yTitle, "y"), color, tooltip: [{ field: "group", type: "nominal", title: "region" }, ...tooltip] },
    });
  }
  const fit = NOTEBOOK_WIDTH - Y_AXIS - (domain.length > 0 ? legendWidth(domain) : 0) - PADDING;
  return {
    $schema: VL_SCHEMA,
    title: notes.length ? { text, subtitle: notes.join("; ") } : text,
    width: options.width === undefined ? Math.max(200, Math.min(360, fit)) : checkInt(fn, "option width", options.width, 10),
    height: options.height === undefined ? 320 : checkInt(fn, "option height", options.height, 10),
    layer,
  };
}
