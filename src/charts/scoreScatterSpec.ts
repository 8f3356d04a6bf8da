/**
 * Pixels in PCA or NMF space, with optional end-member regions (Gent 2017 S16, S18).
 * @module
 */
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
  /** End-member regions drawn on top in their own colours (all their rows, strided the same way if together they exceed `maxPoints`). */
  regions?: readonly ScoreRegion[];
  /** Axis title prefix: "PC" gives "PC1", "PC2"; "NMF " gives "NMF 1". @default "PC" */
  axisPrefix?: string;
  /** Chart title. @default "<x> vs <y>" */
  title?: string;
  /** Plot size in pixels. @default 360 × 320 */
  width?: number;
  height?: number;
  /** Point area of background points in px² (region points are 4× larger, outlined). @default 6 */
  size?: number;
}

const OPTIONS = ["x", "y", "groups", "maxPoints", "regions", "axisPrefix", "title", "width", "height", "size"] as const;

/**
 * A static vega-lite 5 scatter of two score columns — the pixels of a pixel table projected into
 * PCA space (`PcaResult.scores`) or NMF space (`NmfResult.W`) — with optional groups and
 * end-member regions coloured on top. Large tables are subsampled by a fixed stride
 * (every s-th row from row 0), never at random, so the figure is reproducible; the title says
 * how many points are shown. Rows with a non-finite coordinate are skipped.
 *
 * @param scores - score matrix, shape `[nRows, k]`, row-major.
 * @param nRows - number of rows (pixels).
 * @param k - number of columns (components).
 * @param options - {@link ScoreScatterSpecOptions}.
 * @returns a vega-lite spec object (`$schema` v5); fields `x`, `y`, `row` and `group` (the group
 *   label, or the region name in the region layer).
 * @throws RangeError when `scores.length ≠ nRows·k`, `x`/`y` are outside [0, k), `groups` has the
 *   wrong length, or a region index is outside [0, nRows); Error for an unknown option.
 * @example
 * const spec = scoreScatterSpec(p.scores!, p.nSamples, p.nComponents, {
 *   groups: Array.from(table.sample, (i) => table.samples[i].name),
 *   regions: [{ name: "1 reduced", indices: reducedRows }, { name: "2 oxidised", indices: oxidisedRows }] });
 */
export function scoreScatterSpec(scores: ArrayLike<number>, nRows: number, k: number, options: ScoreScatterSpecOptions = {}): Record<string, unknown> {
  const fn = "scoreScatterSpec";
  checkOptions(fn, options, OPTIONS);
  checkInt(fn, "nRows", nRows, 1);
  checkInt(fn, "k", k, 1);
  checkLength(fn, "scores", scores, nRows * k, `[nRows=${nRows}, k=${k}]`);
  const cx = checkInt(fn, "option x", options.x ?? 0, 0, k - 1);
  const cy = checkInt(fn, "option y", options.y ?? (k > 1 ? 1 : 0), 0, k - 1);
  const maxPoints = checkInt(fn, "option maxPoints", options.maxPoints ?? 20000, 1);
  const groups = options.groups === undefined ? undefined : checkLength(fn, "option groups", options.groups, nRows, `[nRows=${nRows}]`);
  const regions = options.regions ?? [];
  if (!Array.isArray(regions)) throw new TypeError(`${fn}: option regions must be an array of {name, indices}, got ${typeof regions}`);
  const prefix = options.axisPrefix ?? "PC";
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
  const background: Record<string, unknown> = {
    data: { values },
    mark: { type: "circle", size, opacity: regions.length > 0 ? 0.35 : 0.6, ...(groups ? {} : { color: "#9a9a9a" }) },
    encoding: { x: enc(xTitle, "x"), y: enc(yTitle, "y"), ...(groups ? { color: { field: "group", type: "nominal", title: "" } } : {}), tooltip },
  };
  const layer: Record<string, unknown>[] = [background];
  if (regions.length > 0) {
    layer.push({
      data: { values: regionValues },
      mark: { type: "circle", size: size * 4, opacity: 1, stroke: "#222", strokeWidth: 0.5 },
      encoding: { x: enc(xTitle, "x"), y: enc(yTitle, "y"), color: { field: "group", type: "nominal", title: "" }, tooltip: [{ field: "group", type: "nominal", title: "region" }, ...tooltip] },
    });
  }
  return {
    $schema: VL_SCHEMA,
    title: notes.length ? { text, subtitle: notes.join("; ") } : text,
    width: options.width ?? 360,
    height: options.height ?? 320,
    layer,
  };
}
