/**
 * The line chart the XAS builders share (internal): named x–y curves, optional markers and rules.
 * @module
 */
import { checkColors, colorScale, type ChartColors } from "./palette";
import { legendWidth, NOTEBOOK_WIDTH, PADDING, Y_AXIS } from "./layout";
import { checkInt, num, VL_SCHEMA } from "./util";

/** @internal One curve. */
export interface XasLine {
  name: string;
  x: ArrayLike<number>;
  y: ArrayLike<number>;
}

/** @internal Build the spec. */
export function xasLinesSpec(fn: string, lines: XasLine[], o: {
  xLabel: string; yLabel: string; xRange?: [number, number]; offset?: number; title?: string; colors?: ChartColors; width?: number; height?: number;
  points?: { name: string; x: number; y: number; label: string }[]; rules?: { x: number; label: string }[]; xFormat?: string;
}): Record<string, unknown> {
  const names = lines.map((l) => l.name);
  if (new Set(names).size !== names.length) throw new RangeError(`${fn}: names must be unique, got ${JSON.stringify(names)}`);
  const colors = checkColors(fn, o.colors);
  const [lo, hi] = o.xRange ?? [-Infinity, Infinity];
  const offset = o.offset ?? 0;
  const values: Record<string, unknown>[] = [];
  lines.forEach((l, i) => {
    if (l.x.length !== l.y.length) throw new RangeError(`${fn}: "${l.name}" has ${l.x.length} x values and ${l.y.length} y values; expected the same`);
    for (let j = 0; j < l.x.length; j++) {
      const x = l.x[j], y = l.y[j];
      if (!Number.isFinite(x) || !Number.isFinite(y) || x < lo || x > hi) continue;
      values.push({ x, y: y + i * offset, raw: y, name: l.name });
    }
  });
  const fmt = o.xFormat ?? ".2f";
  const xEnc = { field: "x", type: "quantitative", title: o.xLabel, scale: { zero: false, nice: false, ...(o.xRange ? { domain: o.xRange } : {}) } };
  const layer: Record<string, unknown>[] = [{
    data: { values },
    mark: { type: "line", strokeWidth: 1.5, clip: true },
    encoding: {
      x: xEnc,
      y: { field: "y", type: "quantitative", title: o.yLabel, scale: { zero: false } },
      color: { field: "name", type: "nominal", title: "", scale: colorScale(names, colors), sort: [...names] },
      tooltip: [{ field: "name", type: "nominal" }, { field: "x", type: "quantitative", title: o.xLabel, format: fmt }, { field: "raw", type: "quantitative", title: "value", format: ".4g" }],
    },
  }];
  if (o.rules && o.rules.length > 0) {
    layer.push({
      data: { values: o.rules.map((r) => ({ x: num(r.x), label: r.label })) },
      mark: { type: "rule", strokeDash: [4, 3], color: "#555" },
      encoding: { x: { field: "x", type: "quantitative" }, tooltip: [{ field: "label", type: "nominal", title: "" }] },
    });
    layer.push({
      data: { values: o.rules.map((r) => ({ x: num(r.x), label: r.label })) },
      mark: { type: "text", align: "left", baseline: "top", dx: 3, dy: 3, fontSize: 10, color: "#333" },
      encoding: { x: { field: "x", type: "quantitative" }, y: { value: 0 }, text: { field: "label" } },
    });
  }
  if (o.points && o.points.length > 0) {
    const idx = new Map(names.map((n, i) => [n, i]));
    layer.push({
      data: { values: o.points.map((p) => ({ x: num(p.x), y: num(p.y + (idx.get(p.name) ?? 0) * offset), name: p.name, label: p.label })) },
      mark: { type: "point", filled: true, size: 45, stroke: "#000", strokeWidth: 0.6 },
      encoding: {
        x: { field: "x", type: "quantitative" }, y: { field: "y", type: "quantitative" },
        color: { field: "name", type: "nominal", scale: colorScale(names, colors), sort: [...names] },
        tooltip: [{ field: "name", type: "nominal" }, { field: "label", type: "nominal", title: "" }],
      },
    });
  }
  const fit = NOTEBOOK_WIDTH - Y_AXIS - legendWidth(names) - PADDING;
  return {
    $schema: VL_SCHEMA,
    ...(o.title ? { title: o.title } : {}),
    width: o.width === undefined ? Math.max(200, Math.min(460, fit)) : checkInt(fn, "option width", o.width, 10, Math.max(10, fit)),
    height: o.height === undefined ? 300 : checkInt(fn, "option height", o.height, 10),
    layer,
  };
}
