/**
 * The static picture of an end-member selector, sent with the widget as `image/png`: where the
 * widget manager is missing (a notebook viewer, a collaborator without the extension) the
 * saved output still shows the pixel cloud with its groups. Grey density of all pixels, each
 * group's pixels in its colour on top.
 *
 * @module
 */
import { encodePng } from "../src/charts/encode-png";
import type { SelectorGroup } from "./selectorState";

/**
 * A PNG of the points (x[i], y[i]) with the groups drawn on top.
 * @param x - x of every point, length n.
 * @param y - y of every point, length n.
 * @param groups - drawn in order, later ones on top.
 * @param size - image width and height in pixels (default 360 × 300).
 * @returns PNG bytes.
 * @example
 * const png = selectorPng(Float32Array.of(0, 1), Float32Array.of(0, 1), []);
 */
export function selectorPng(x: ArrayLike<number>, y: ArrayLike<number>, groups: readonly SelectorGroup[], size: { width?: number; height?: number } = {}): Uint8Array {
  const W = size.width ?? 360, H = size.height ?? 300, M = 8;
  const n = x.length;
  let x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
  for (let i = 0; i < n; i++) {
    x0 = Math.min(x0, x[i]);
    x1 = Math.max(x1, x[i]);
    y0 = Math.min(y0, y[i]);
    y1 = Math.max(y1, y[i]);
  }
  if (!(x1 > x0)) {
    x0 -= 0.5;
    x1 = x0 + 1;
  }
  if (!(y1 > y0)) {
    y0 -= 0.5;
    y1 = y0 + 1;
  }
  const pw = W - 2 * M, ph = H - 2 * M;
  const pix = (i: number) => {
    const u = Math.min(pw - 1, Math.floor(((x[i] - x0) / (x1 - x0)) * pw)) + M;
    const v = Math.min(ph - 1, Math.floor(((y1 - y[i]) / (y1 - y0)) * ph)) + M;
    return v * W + u;
  };
  const count = new Float32Array(W * H);
  let occupied = 0;
  for (let i = 0; i < n; i++) if (count[pix(i)]++ === 0) occupied++;
  const s = occupied ? (0.9 * occupied) / Math.max(1, n) : 1;
  const rgba = new Uint8Array(W * H * 4).fill(255);
  for (let p = 0; p < W * H; p++) {
    if (!count[p]) continue;
    const a = Math.max(0.18, 1 - Math.exp(-count[p] * s));
    const g = Math.round(255 - a * (255 - 110));
    rgba.fill(g, 4 * p, 4 * p + 3);
  }
  for (const grp of groups) {
    const c = parseInt(grp.color.slice(1), 16);
    for (const i of grp.indices) {
      if (i >= n) continue;
      const p = pix(i);
      rgba[4 * p] = c >> 16;
      rgba[4 * p + 1] = (c >> 8) & 255;
      rgba[4 * p + 2] = c & 255;
    }
  }
  for (let u = M - 1; u <= W - M; u++) for (const v of [M - 1, H - M]) rgba.fill(150, 4 * (v * W + u), 4 * (v * W + u) + 3);
  for (let v = M - 1; v <= H - M; v++) for (const u of [M - 1, W - M]) rgba.fill(150, 4 * (v * W + u), 4 * (v * W + u) + 3);
  return encodePng(rgba, W, H);
}
