/**
 * A generic x–y chart of points and optional lines ("residual vs brightness", "phase fraction vs capacity").
 * @module
 */
import { checkColors, colorScale, type ChartColors } from "./palette";
import { legendWidth, NOTEBOOK_WIDTH, PADDING, Y_AXIS } from "./layout";
import { checkInt, checkLength, checkArrayLike, checkOptions, strideFor, strideNote, VL_SCHEMA } from "./util";

/** Options of {@link xySpec}. */
export interface XySpecOptions {
  /** Axis titles. @default "x", "y" */
  xLabel?: string;
  yLabel?: string;
  /** A group label per point, length n (one colour and, with `line`, one line per group). */
  groups?: Int32Array | ArrayLike<number> | readonly string[];
  /** Colours by group label (or a list in order of first appearance). @default {@link PALETTE} by order of first appearance */
  colors?: ChartColors;
  /** Log scale on x / y; points with a value ≤ 0 on a log axis are left out and counted in the subtitle. @default false */
  logX?: boolean;
  logY?: boolean;
  /** Chart title. @default none */
  title?: string;
  /** Largest number of points drawn; beyond it every s-th point is kept (deterministic stride) and the subtitle says so. @default 20000 */
  maxPoints?: number;
  /** Join the points of each group by a line, in the given order. @default false */
  line?: boolean;
  /** Point area in px². @default 30 (line) or 6 (points only) */
  size?: number;
  /** Legend title (with `groups` or named series). @default none */
  legendTitle?: string;
  /** Plot size in pixels. @default 360 × 280 */
  width?: number;
  height?: number;
}

const OPTIONS = ["xLabel", "yLabel", "groups", "colors", "logX", "logY", "title", "maxPoints", "line", "size", "width", "height", "legendTitle"] as const;

/** Named y series on one x axis for {@link xySpec}: `{ "18650 cell": y1, "coin cell": y2 }`, each of length n like x. */
export type XySeries = Readonly<Record<string, ArrayLike<number>>>;

function isSeries(y: unknown): y is XySeries {
  return y != null && typeof y === "object" && typeof (y as ArrayLike<number>).length !== "number";
}

/**
 * A vega-lite 5 chart of (x[i], y[i]) as points, optionally joined by lines per group, with
 * optional log axes — e.g. NNLS residual vs brightness for every pixel (Gent 2017 S17b) or the
 * phase fraction of each end member vs capacity (S4). Non-finite points are skipped.
 *
 * With named series (`y` an object of arrays, one per name, each of length n like `x`) every
 * series is one group named by its key — one colour, one line with `line`, one legend entry
 * with the series' name — in the order of the keys. Legend labels are shown whole (below the plot
 * when they are too long to sit beside it within 900 px).
 *
 * @param x - x values, length n.
 * @param y - y values, length n; or named series `{ name: values }`, each of length n.
 * @param options - {@link XySpecOptions}.
 * @returns a vega-lite spec object (`$schema` v5); fields `x`, `y`, `i` (index) and `group`.
 * @throws RangeError when lengths differ; Error for an unknown option.
 * @example
 * const spec = xySpec(table.brightness, nn.residualNorm, { xLabel: "Brightness", yLabel: "Residual", logY: true });
 * const pf = xySpec([131, 179, 230], [0.8, 0.6, 0.4], { xLabel: "Capacity (mAh/g)", yLabel: "Reduced fraction", line: true });
 * const two = xySpec(energies, { "18650 cell": a, "coin cell": b }, { line: true, yLabel: "Absorbance" });
 */
export function xySpec(x: ArrayLike<number>, y: ArrayLike<number> | XySeries, options: XySpecOptions = {}): Record<string, unknown> {
  const fn = "xySpec";
  checkOptions(fn, options, OPTIONS);
  if (isSeries(y)) {
    if (options.groups !== undefined) throw new TypeError(`${fn}: option groups cannot be combined with named series (the series' names are the groups)`);
    const names = Object.keys(y);
    if (names.length === 0) throw new RangeError(`${fn}: named series y has no series; expected { name: values, … }`);
    const xs0 = checkArrayLike(fn, "x", x);
    const n0 = xs0.length;
    const xAll = new Float64Array(n0 * names.length);
    const yAll = new Float64Array(n0 * names.length);
    const gAll: string[] = [];
    names.forEach((name, k) => {
      const v = checkLength(fn, `y["${name}"]`, y[name], n0, `[n=${n0}] like x`);
      for (let i = 0; i < n0; i++) {
        xAll[k * n0 + i] = xs0[i];
        yAll[k * n0 + i] = v[i];
        gAll.push(name);
      }
    });
    return xySpec(xAll, yAll, { ...options, groups: gAll });
  }
  const xs = checkArrayLike(fn, "x", x);
  const n = xs.length;
  checkLength(fn, "y", y, n, `[n=${n}] like x`);
  const groups = options.groups === undefined ? undefined : checkLength(fn, "option groups", options.groups, n, `[n=${n}] like x`);
  const maxPoints = checkInt(fn, "option maxPoints", options.maxPoints ?? 20000, 1);
  const logX = options.logX ?? false;
  const logY = options.logY ?? false;
  const line = options.line ?? false;
  const stride = strideFor(n, maxPoints);
  const values: Record<string, unknown>[] = [];
  let nLog = 0;
  for (let i = 0; i < n; i += stride) {
    const xv = xs[i];
    const yv = y[i];
    if (!Number.isFinite(xv) || !Number.isFinite(yv)) continue;
    if ((logX && xv <= 0) || (logY && yv <= 0)) {
      nLog++;
      continue;
    }
    values.push(groups ? { x: xv, y: yv, i, group: String(groups[i]) } : { x: xv, y: yv, i });
  }
  const notes = [strideNote(stride, n, "points"), nLog > 0 ? `${nLog.toLocaleString("en-US")} points ≤ 0 left out on the log axis` : ""].filter(Boolean);
  const axis = (field: string, title: string, log: boolean) => ({ field, type: "quantitative", title, scale: log ? { type: "log" } : { zero: false } });
  const mark = line
    ? { type: "line", point: { filled: true, size: options.size ?? 30 }, strokeWidth: 1.5 }
    : { type: "circle", size: options.size ?? 6, opacity: 0.6 };
  const text = options.title ?? "";
  const colors = checkColors(fn, options.colors);
  const groupNames = groups ? [...new Set(Array.from({ length: n }, (_, i) => String(groups[i])))] : [];
  const width = options.width ?? 360;
  // Legend labels are never cut; the legend goes below the plot when beside it the figure would pass 900 px.
  const beside = Y_AXIS + width + legendWidth(groupNames, options.legendTitle ?? "") + PADDING <= NOTEBOOK_WIDTH;
  const legend = beside ? { labelLimit: 0 } : { labelLimit: 0, orient: "bottom", direction: "vertical", columns: 1 };
  return {
    $schema: VL_SCHEMA,
    ...(text || notes.length ? { title: notes.length ? { text, subtitle: notes.join("; ") } : text } : {}),
    width,
    height: options.height ?? 280,
    data: { values },
    mark,
    encoding: {
      x: axis("x", options.xLabel ?? "x", logX),
      y: axis("y", options.yLabel ?? "y", logY),
      ...(groups ? { color: { field: "group", type: "nominal", title: options.legendTitle ?? "", scale: colorScale(groupNames, colors), sort: groupNames, legend } } : {}),
      ...(line ? { order: { field: "i", type: "quantitative" } } : {}),
      tooltip: [
        ...(groups ? [{ field: "group", type: "nominal", title: "group" }] : []),
        { field: "x", type: "quantitative", title: options.xLabel ?? "x", format: ".4g" },
        { field: "y", type: "quantitative", title: options.yLabel ?? "y", format: ".4g" },
      ],
    },
  };
}
