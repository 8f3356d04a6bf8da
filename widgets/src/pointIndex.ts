/**
 * The point under the mouse among 10⁶: a grid over the plot in screen (CSS) pixels, built once
 * for a view (domain and plot size) in two passes over the points (count per cell, then fill),
 * so that a hover looks only at the points of the few cells within the search radius instead of
 * scanning all of them. Points outside the view (and its radius-wide rim) are not indexed.
 * Compared with a brute-force scan on random points in test/widgets/pointIndex.test.ts.
 */

/** A view of the plot: the data rectangle shown and the plot area's size in CSS px. */
export interface ScreenView {
  /** Data x at the left and right edges, data y at the bottom and top edges. */
  x0: number;
  x1: number;
  y0: number;
  y1: number;
  /** Plot area size, CSS px (u grows to the right, v downwards). */
  width: number;
  height: number;
}

/** Screen position (CSS px from the plot area's top-left) of a data point in a view. */
export function toScreen(v: ScreenView, x: number, y: number): [number, number] {
  return [((x - v.x0) / (v.x1 - v.x0)) * v.width, ((v.y1 - y) / (v.y1 - v.y0)) * v.height];
}

/** A grid index of points in screen space. */
export class PointIndex {
  private readonly cols: number;
  private readonly rows: number;
  /** Cell c holds order[start[c] … start[c + 1]). */
  private readonly start: Int32Array;
  private readonly order: Uint32Array;

  /**
   * Index the points (x[i], y[i]) as they appear in `view`.
   * @param x - data x of every point, length n.
   * @param y - data y of every point, length n.
   * @param view - the data rectangle and plot size.
   * @param radius - the largest search radius, CSS px (the cell size). Default 6.
   * @example
   * const idx = new PointIndex(xs, ys, { x0: 0, x1: 1, y0: 0, y1: 1, width: 400, height: 300 });
   * idx.nearest(200, 150) // the point nearest the plot's centre within 6 px, or -1
   */
  constructor(
    private readonly x: ArrayLike<number>,
    private readonly y: ArrayLike<number>,
    readonly view: ScreenView,
    readonly radius = 6,
  ) {
    if (x.length !== y.length) throw new RangeError(`PointIndex: x has ${x.length} points but y has ${y.length}`);
    if (!(radius > 0)) throw new RangeError(`PointIndex: radius must be > 0 px, got ${radius}`);
    if (!(view.width > 0 && view.height > 0 && view.x1 !== view.x0 && view.y1 !== view.y0)) throw new RangeError(`PointIndex: the view must have a positive size and a non-empty domain, got ${JSON.stringify(view)}`);
    // Column 0 is the rim left of the plot, the last ones reach `radius` past its right edge.
    this.cols = Math.floor(view.width / radius) + 3;
    this.rows = Math.floor(view.height / radius) + 3;
    const cells = this.cols * this.rows;
    const start = new Int32Array(cells + 1);
    const n = x.length;
    for (let i = 0; i < n; i++) {
      const c = this.cellOf(i);
      if (c >= 0) start[c + 1]++;
    }
    for (let c = 0; c < cells; c++) start[c + 1] += start[c];
    const fill = start.slice(0, cells);
    const order = new Uint32Array(start[cells]);
    for (let i = 0; i < n; i++) {
      const c = this.cellOf(i);
      if (c >= 0) order[fill[c]++] = i;
    }
    this.start = start;
    this.order = order;
  }

  /** Number of points indexed (inside the view and its rim). */
  get size(): number {
    return this.order.length;
  }

  /** The cell of point i (column 0 and row 0 are the rim left of and above the plot), or −1 outside. */
  private cellOf(i: number): number {
    const v = this.view;
    const u = ((this.x[i] - v.x0) / (v.x1 - v.x0)) * v.width, w = ((v.y1 - this.y[i]) / (v.y1 - v.y0)) * v.height;
    const col = Math.floor(u / this.radius) + 1, row = Math.floor(w / this.radius) + 1;
    return col >= 0 && row >= 0 && col < this.cols && row < this.rows ? row * this.cols + col : -1;
  }

  /**
   * The point nearest to (u, v) (CSS px from the plot area's top-left, inside the plot area)
   * within `r` px, the lower index on a tie; −1 when there is none.
   * @param r - search radius, px, at most the index's radius. Default the index's radius.
   */
  nearest(u: number, v: number, r = this.radius): number {
    if (!(r > 0)) return -1;
    r = Math.min(r, this.radius);
    const vw = this.view;
    const sx = vw.width / (vw.x1 - vw.x0), sy = vw.height / (vw.y1 - vw.y0);
    const c0 = Math.floor((u - r) / this.radius) + 1, c1 = Math.floor((u + r) / this.radius) + 1;
    const r0 = Math.floor((v - r) / this.radius) + 1, r1 = Math.floor((v + r) / this.radius) + 1;
    let best = -1, bestD = r * r;
    for (let row = Math.max(0, r0); row <= Math.min(this.rows - 1, r1); row++) {
      for (let col = Math.max(0, c0); col <= Math.min(this.cols - 1, c1); col++) {
        const cell = row * this.cols + col;
        for (let k = this.start[cell]; k < this.start[cell + 1]; k++) {
          const i = this.order[k];
          const du = (this.x[i] - vw.x0) * sx - u, dv = (vw.y1 - this.y[i]) * sy - v;
          const d = du * du + dv * dv;
          if (d < bestD || (d === bestD && (best < 0 || i < best))) {
            best = i;
            bestD = d;
          }
        }
      }
    }
    return best;
  }
}
