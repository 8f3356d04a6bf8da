/**
 * A static scatter-plot spec (vega-lite 5) from coordinate arrays.
 * @module
 */

/** Options of {@link scatterSpec}. */
export interface ScatterSpecOptions {
  /** Axis titles. Default "x" and "y". */
  xLabel?: string;
  yLabel?: string;
  /** Chart title. Default none. */
  title?: string;
  /** A group label per point (colour legend), length n. Default none. */
  group?: ArrayLike<string | number>;
  /** Plot size in pixels. Defaults 360 × 280. */
  width?: number;
  height?: number;
  /** Point area in px². Default 12. */
  size?: number;
}

/**
 * A vega-lite 5 point chart of (x[i], y[i]).
 * @param x - x coordinates, length n.
 * @param y - y coordinates, length n.
 * @returns a vega-lite spec object (`$schema` v5) with the data inline.
 * @throws RangeError when lengths differ.
 * @example
 * const spec = scatterSpec([1, 2], [3, 4], { xLabel: "PC1", yLabel: "PC2" });
 */
export function scatterSpec(x: ArrayLike<number>, y: ArrayLike<number>, options: ScatterSpecOptions = {}): Record<string, unknown> {
  if (x.length !== y.length) throw new RangeError(`scatterSpec: x has ${x.length} points but y has ${y.length}`);
  if (options.group && options.group.length !== x.length) {
    throw new RangeError(`scatterSpec: group has ${options.group.length} labels but there are ${x.length} points`);
  }
  const values = new Array(x.length);
  for (let i = 0; i < x.length; i++) {
    values[i] = options.group ? { x: x[i], y: y[i], group: options.group[i] } : { x: x[i], y: y[i] };
  }
  const encoding: Record<string, unknown> = {
    x: { field: "x", type: "quantitative", title: options.xLabel ?? "x", scale: { zero: false } },
    y: { field: "y", type: "quantitative", title: options.yLabel ?? "y", scale: { zero: false } },
  };
  if (options.group) encoding.color = { field: "group", type: "nominal", title: "" };
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v5.json",
    ...(options.title ? { title: options.title } : {}),
    width: options.width ?? 360,
    height: options.height ?? 280,
    data: { values },
    mark: { type: "circle", size: options.size ?? 12, opacity: 0.7 },
    encoding,
  };
}
