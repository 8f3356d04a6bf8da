/**
 * Pure drawing arithmetic of the stack explorer: the display range (percentile clipping, linear
 * or log), the image's colours (grey or viridis) as RGBA bytes, and the region a drag gives
 * (pixel coordinates: pixel (x, y) covers `[x, x+1) × [y, y+1)`).
 */
import { viridis } from "./palette";

/** A region as the kernel keeps it (see kernel-ext/stackExplorerRegion.ts). */
export type Region = { kind: "rect"; x0: number; y0: number; x1: number; y1: number } | { kind: "polygon"; points: [number, number][] };

/**
 * The `clip` and `100 − clip` percentiles of the finite values (of log10 of the positive
 * values for "log"); lo < hi.
 * @example
 * displayRange(Float32Array.of(1, 2, 3, 4), "linear", 0) // → [1, 4]
 */
export function displayRange(image: ArrayLike<number>, contrast: string, clip: number): [number, number] {
  const v: number[] = [];
  for (let i = 0; i < image.length; i++) {
    const t = contrast === "log" ? (image[i] > 0 ? Math.log10(image[i]) : NaN) : image[i];
    if (Number.isFinite(t)) v.push(t);
  }
  if (!v.length) return [0, 1];
  v.sort((a, b) => a - b);
  const q = (p: number) => v[Math.min(v.length - 1, Math.max(0, Math.round((p / 100) * (v.length - 1))))];
  let lo = q(clip), hi = q(100 - clip);
  if (!(hi > lo)) {
    lo = v[0];
    hi = v[v.length - 1];
  }
  if (!(hi > lo)) hi = lo + 1;
  return [lo, hi];
}

/**
 * RGBA bytes of the image `[ny, nx]` (one pixel per value) in the colour map; values outside
 * the range are clipped, non-finite (or ≤ 0 in log contrast) ones drawn as the lowest colour.
 * @example
 * colorize(Float32Array.of(0, 1), "linear", "grey", [0, 1]) // → [0,0,0,255, 255,255,255,255]
 */
export function colorize(image: ArrayLike<number>, contrast: string, colormap: string, range: [number, number]): Uint8ClampedArray {
  const [lo, hi] = range;
  const out = new Uint8ClampedArray(image.length * 4);
  for (let i = 0; i < image.length; i++) {
    const raw = image[i];
    const t0 = contrast === "log" ? (raw > 0 ? Math.log10(raw) : lo) : raw;
    const t = Number.isFinite(t0) ? Math.min(1, Math.max(0, (t0 - lo) / (hi - lo))) : 0;
    if (colormap === "viridis") {
      const c = viridis(t);
      out[4 * i] = c >> 16;
      out[4 * i + 1] = (c >> 8) & 255;
      out[4 * i + 2] = c & 255;
    } else {
      out[4 * i] = out[4 * i + 1] = out[4 * i + 2] = Math.round(255 * t);
    }
    out[4 * i + 3] = 255;
  }
  return out;
}

/**
 * The rectangle of whole pixels a drag from (ax, ay) to (bx, by) (pixel coordinates) covers:
 * every pixel between the pixel under the start and the pixel under the end, both included,
 * clamped to the image.
 * @example
 * rectFromDrag(1.2, 0.7, 3.9, 2.1, 4, 5) // → { kind: "rect", x0: 1, y0: 0, x1: 4, y1: 3 }
 */
export function rectFromDrag(ax: number, ay: number, bx: number, by: number, ny: number, nx: number): Region {
  const cx = (v: number) => Math.min(nx - 1, Math.max(0, Math.floor(v)));
  const cy = (v: number) => Math.min(ny - 1, Math.max(0, Math.floor(v)));
  const [x0, x1] = [cx(ax), cx(bx)].sort((a, b) => a - b);
  const [y0, y1] = [cy(ay), cy(by)].sort((a, b) => a - b);
  return { kind: "rect", x0, y0, x1: x1 + 1, y1: y1 + 1 };
}

/**
 * A lasso's page path as a polygon in pixel coordinates, clamped to `[0, nx] × [0, ny]` and
 * rounded to 1/100 px (so the kernel and the view agree on it), repeated points dropped.
 * @example
 * lassoPolygon([[0.5, 0.5], [3.2, 0.5], [0.5, 9]], 4, 5) // → [[0.5,0.5],[3.2,0.5],[0.5,4]]
 */
export function lassoPolygon(points: [number, number][], ny: number, nx: number): [number, number][] {
  const out: [number, number][] = [];
  for (const [x, y] of points) {
    const p: [number, number] = [Math.round(Math.min(nx, Math.max(0, x)) * 100) / 100, Math.round(Math.min(ny, Math.max(0, y)) * 100) / 100];
    const q = out[out.length - 1];
    if (!q || q[0] !== p[0] || q[1] !== p[1]) out.push(p);
  }
  return out;
}

/**
 * The index of the energy nearest `e` (energies in any order).
 * @example
 * nearestIndex(Float64Array.of(530, 529, 531), 529.2) // → 1
 */
export function nearestIndex(energies: ArrayLike<number>, e: number): number {
  let best = 0;
  for (let i = 1; i < energies.length; i++) if (Math.abs(energies[i] - e) < Math.abs(energies[best] - e)) best = i;
  return best;
}
