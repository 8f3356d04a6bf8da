/**
 * Regions of the stack explorer, in pixel coordinates of the image `[ny, nx]`: pixel (x, y)
 * covers the square `[x, x+1) × [y, y+1)`, so its centre is (x + 0.5, y + 0.5). A rectangle
 * `{ x0, y0, x1, y1 }` holds the columns `x0 ≤ x < x1` and rows `y0 ≤ y < y1` (integers, the
 * `Rect` that `extractI0` and `readSeries` take as `freeRegion`); a polygon holds the pixels
 * whose centre lies inside it (even–odd rule, ray cast to the right as in PNPOLY). Checked here before the widget applies them.
 *
 * @module
 */

/** A rectangle of whole pixels: columns `x0 ≤ x < x1`, rows `y0 ≤ y < y1` (the `Rect` of `extractI0`). */
export interface RectRegion {
  kind: "rect";
  /** First column (inclusive), px. */
  x0: number;
  /** First row (inclusive), px. */
  y0: number;
  /** End column (exclusive), px. */
  x1: number;
  /** End row (exclusive), px. */
  y1: number;
}

/** A polygon in pixel coordinates (vertices [x, y], px; at least 3; closed implicitly). */
export interface PolygonRegion {
  kind: "polygon";
  /** Vertices `[x, y]` in px, x to the right, y down, within `[0, nx] × [0, ny]`. */
  points: [number, number][];
}

/** A region of the explorer: a rectangle, a polygon, or none (`null`). */
export type ExplorerRegion = RectRegion | PolygonRegion;

/** A region as code may give it: a region, or a plain `{ x0, y0, x1, y1 }` rectangle. */
export type RegionInput = ExplorerRegion | { x0: number; y0: number; x1: number; y1: number } | [number, number][];

/**
 * Check a region against an image of `ny × nx` pixels and normalise it (a plain rectangle
 * gets `kind: "rect"`, a list of points becomes a polygon).
 * @param r - the region, or null for none.
 * @param ny - image rows.
 * @param nx - image columns.
 * @returns the region in canonical form, or null.
 * @throws TypeError for a wrong shape or type, RangeError for a region outside the image or empty.
 * @example
 * checkRegion({ x0: 1, y0: 0, x1: 3, y1: 2 }, 4, 5) // → { kind: "rect", x0: 1, y0: 0, x1: 3, y1: 2 }
 */
export function checkRegion(r: unknown, ny: number, nx: number): ExplorerRegion | null {
  if (r === null || r === undefined) return null;
  if (Array.isArray(r)) return checkRegion({ kind: "polygon", points: r }, ny, nx);
  if (typeof r !== "object") throw new TypeError(`region must be { x0, y0, x1, y1 }, { kind: "polygon", points } or null, got ${typeof r}`);
  const o = r as Record<string, unknown>;
  const kind = o.kind ?? ("points" in o ? "polygon" : "rect");
  if (kind === "rect") {
    const k = ["x0", "y0", "x1", "y1"] as const;
    for (const key of k) {
      if (typeof o[key] !== "number" || !Number.isInteger(o[key])) throw new TypeError(`region.${key} must be an integer pixel index, got ${JSON.stringify(o[key])}`);
    }
    const [x0, y0, x1, y1] = k.map((key) => o[key] as number);
    if (x0 < 0 || y0 < 0 || x1 > nx || y1 > ny) throw new RangeError(`region { x0: ${x0}, y0: ${y0}, x1: ${x1}, y1: ${y1} } is outside the image (columns 0…${nx}, rows 0…${ny})`);
    if (x1 <= x0 || y1 <= y0) throw new RangeError(`region { x0: ${x0}, y0: ${y0}, x1: ${x1}, y1: ${y1} } is empty (need x0 < x1 and y0 < y1)`);
    return { kind: "rect", x0, y0, x1, y1 };
  }
  if (kind === "polygon") {
    const pts = o.points;
    if (!Array.isArray(pts) || pts.length < 3) throw new TypeError(`a polygon region needs at least 3 points [x, y], got ${Array.isArray(pts) ? pts.length : typeof pts}`);
    const out: [number, number][] = pts.map((p, i) => {
      if (!Array.isArray(p) || p.length !== 2 || !p.every((v) => typeof v === "number" && Number.isFinite(v))) throw new TypeError(`polygon point ${i} must be [x, y] with finite numbers, got ${JSON.stringify(p)}`);
      const [x, y] = p as [number, number];
      if (x < 0 || y < 0 || x > nx || y > ny) throw new RangeError(`polygon point ${i} [${x}, ${y}] is outside the image ([0, ${nx}] × [0, ${ny}])`);
      return [x, y];
    });
    const region: PolygonRegion = { kind: "polygon", points: out };
    if (!regionMask(region, ny, nx).some((v) => v)) throw new RangeError(`the polygon region contains no pixel centre`);
    return region;
  }
  throw new TypeError(`region.kind must be "rect" or "polygon", got ${JSON.stringify(kind)}`);
}

/**
 * The pixels of a region as a mask `[ny, nx]` (index `y·nx + x`, 1 = inside).
 * @example
 * regionMask({ kind: "rect", x0: 0, y0: 0, x1: 2, y1: 1 }, 2, 3) // → Uint8Array [1, 1, 0, 0, 0, 0]
 */
export function regionMask(r: ExplorerRegion | null, ny: number, nx: number): Uint8Array {
  const m = new Uint8Array(ny * nx);
  if (!r) return m;
  if (r.kind === "rect") {
    for (let y = r.y0; y < r.y1; y++) m.fill(1, y * nx + r.x0, y * nx + r.x1);
    return m;
  }
  // Scanline even–odd fill at the pixel centres: crossings of row y + 0.5 with every edge.
  const p = r.points, n = p.length;
  const xs: number[] = [];
  for (let y = 0; y < ny; y++) {
    const cy = y + 0.5;
    xs.length = 0;
    for (let i = 0, j = n - 1; i < n; j = i++) {
      const [xi, yi] = p[i], [xj, yj] = p[j];
      if ((yi > cy) !== (yj > cy)) xs.push(xi + ((cy - yi) / (yj - yi)) * (xj - xi));
    }
    xs.sort((a, b) => a - b);
    for (let k = 0; k + 1 < xs.length; k += 2) {
      // The ray-casting rule (PNPOLY): a centre is inside when an odd number of crossings lie
      // strictly to its right, i.e. xs[k] ≤ cx < xs[k+1].
      const from = Math.max(0, Math.ceil(xs[k] - 0.5)), to = Math.min(nx - 1, Math.ceil(xs[k + 1] - 0.5) - 1);
      for (let x = from; x <= to; x++) m[y * nx + x] = 1;
    }
  }
  return m;
}

/**
 * The bounding rectangle of a region in whole pixels (a `Rect` for `extractI0({ region })`).
 * @example
 * regionBounds({ kind: "polygon", points: [[0.5, 0.5], [3.2, 0.5], [0.5, 2]] }) // → { x0: 0, y0: 0, x1: 4, y1: 2 }
 */
export function regionBounds(r: ExplorerRegion): { x0: number; y0: number; x1: number; y1: number } {
  if (r.kind === "rect") return { x0: r.x0, y0: r.y0, x1: r.x1, y1: r.y1 };
  const xs = r.points.map((p) => p[0]), ys = r.points.map((p) => p[1]);
  return { x0: Math.floor(Math.min(...xs)), y0: Math.floor(Math.min(...ys)), x1: Math.ceil(Math.max(...xs)), y1: Math.ceil(Math.max(...ys)) };
}
