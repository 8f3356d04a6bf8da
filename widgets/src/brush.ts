/**
 * Indices of the points inside a vega-lite interval brush. Pure, so it can be unit-tested.
 */

/** A vega-lite interval selection value: `{ <xfield>: [lo, hi], <yfield>: [lo, hi] }` ({} when cleared). */
export type IntervalValue = Record<string, [number, number] | undefined>;

/**
 * The ascending indices i with x[i] in the x range and y[i] in the y range (ranges inclusive,
 * given in either order). A missing range does not restrict.
 */
export function indicesInBrush(x: Float64Array, y: Float64Array, value: IntervalValue, xField = "x", yField = "y"): Uint32Array {
  const xr = value[xField];
  const yr = value[yField];
  if (!xr && !yr) return new Uint32Array(0);
  const [x0, x1] = xr ? [Math.min(xr[0], xr[1]), Math.max(xr[0], xr[1])] : [-Infinity, Infinity];
  const [y0, y1] = yr ? [Math.min(yr[0], yr[1]), Math.max(yr[0], yr[1])] : [-Infinity, Infinity];
  const out = new Uint32Array(x.length);
  let n = 0;
  for (let i = 0; i < x.length; i++) {
    const a = x[i];
    const b = y[i];
    if (a >= x0 && a <= x1 && b >= y0 && b <= y1) out[n++] = i;
  }
  return out.slice(0, n);
}
