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
  return [(x - v.x0) * (v.width / (v.x1 - v.x0)), (v.y1 - y) * (v.height / (v.y1 - v.y0))];
}

/** A grid index of points in screen space. */
export class PointIndex {
  private readonly cols: number;
  private readonly rows: number;
  /** Cells of the rim left of and above the plot (points up to `radius` outside it are indexed). */
  private readonly rim: number;
  /** Cell c holds order[start[c] … start[c + 1]). */
  private readonly start: Int32Array;
  private readonly order: Uint32Array;
  private readonly sx: number;
  private readonly sy: number;

  /**
   * Index the points (x[i], y[i]) as they appear in `view`.
   * @param x - data x of every point, length n.
   * @param y - data y of every point, length n.
   * @param view - the data rectangle and plot size.
   * @param radius - the largest search radius, CSS px. Default 6.
   * @param cell - the grid's cell size, CSS px. Default 2 (small cells: a query in a dense cloud stops after the first rings).
   * @example
   * const idx = new PointIndex(xs, ys, { x0: 0, x1: 1, y0: 0, y1: 1, width: 400, height: 300 });
   * idx.nearest(200, 150) // the point nearest the plot's centre within 6 px, or -1
   */
  constructor(
    private readonly x: ArrayLike<number>,
    private readonly y: ArrayLike<number>,
    readonly view: ScreenView,
    readonly radius = 6,
    readonly cell = 2,
  ) {
    if (x.length !== y.length) throw new RangeError(`PointIndex: x has ${x.length} points but y has ${y.length}`);
    if (!(radius > 0)) throw new RangeError(`PointIndex: radius must be > 0 px, got ${radius}`);
    if (!(cell > 0)) throw new RangeError(`PointIndex: cell must be > 0 px, got ${cell}`);
    if (!(view.width > 0 && view.height > 0 && view.x1 !== view.x0 && view.y1 !== view.y0)) throw new RangeError(`PointIndex: the view must have a positive size and a non-empty domain, got ${JSON.stringify(view)}`);
    this.rim = Math.ceil(radius / cell);
    this.cols = Math.floor(view.width / cell) + 2 * this.rim + 2;
    this.rows = Math.floor(view.height / cell) + 2 * this.rim + 2;
    this.sx = view.width / (view.x1 - view.x0);
    this.sy = view.height / (view.y1 - view.y0);
    const cells = this.cols * this.rows;
    const n = x.length;
    // Pass 1: the cell of every point (−1 outside) and the count per cell.
    const cellOf = new Int32Array(n);
    const start = new Int32Array(cells + 1);
    const { x0, y1 } = view, sx = this.sx / cell, sy = this.sy / cell, cols = this.cols, rows = this.rows, rim = this.rim;
    for (let i = 0; i < n; i++) {
      const col = Math.floor((x[i] - x0) * sx) + rim, row = Math.floor((y1 - y[i]) * sy) + rim;
      const c = col >= 0 && row >= 0 && col < cols && row < rows ? row * cols + col : -1;
      cellOf[i] = c;
      if (c >= 0) start[c + 1]++;
    }
    for (let c = 0; c < cells; c++) start[c + 1] += start[c];
    // Pass 2: the points, grouped by cell.
    const fill = start.slice(0, cells);
    const order = new Uint32Array(start[cells]);
    for (let i = 0; i < n; i++) {
      const c = cellOf[i];
      if (c >= 0) order[fill[c]++] = i;
    }
    this.start = start;
    this.order = order;
  }

  /** Number of points indexed (inside the view and its rim). */
  get size(): number {
    return this.order.length;
  }

  /**
   * The point nearest to (u, v) (CSS px from the plot area's top-left, inside the plot area)
   * within `r` px, the lower index on a tie; −1 when there is none. Looks at rings of cells
   * around the mouse's, nearest first, and stops once no farther cell can hold a nearer point.
   * @param r - search radius, px, at most the index's radius. Default the index's radius.
   */
  nearest(u: number, v: number, r = this.radius): number {
    if (!(r > 0)) return -1;
    r = Math.min(r, this.radius);
    const { x0, y1 } = this.view;
    const cell = this.cell, sx = this.sx, sy = this.sy;
    const mc = Math.floor(u / cell) + this.rim, mr = Math.floor(v / cell) + this.rim;
    const rings = Math.ceil(r / cell) + 1;
    let best = -1, bestD = r * r;
    for (let k = 0; k <= rings; k++) {
      // Every point in ring k is at least (k − 1) cells away: stop when the best is nearer.
      if (best >= 0 && bestD < ((k - 1) * cell) ** 2) break;
      for (let row = mr - k; row <= mr + k; row++) {
        if (row < 0 || row >= this.rows) continue;
        const edge = row === mr - k || row === mr + k;
        for (let col = mc - k; col <= mc + k; col += edge || k === 0 ? 1 : 2 * k) {
          if (col < 0 || col >= this.cols) continue;
          const c = row * this.cols + col;
          for (let p = this.start[c]; p < this.start[c + 1]; p++) {
            const i = this.order[p];
            const du = (this.x[i] - x0) * sx - u, dv = (y1 - this.y[i]) * sy - v;
            const d = du * du + dv * dv;
            if (d < bestD || (d === bestD && (best < 0 || i < best))) {
              best = i;
              bestD = d;
            }
          }
        }
      }
    }
    return best;
  }
}
