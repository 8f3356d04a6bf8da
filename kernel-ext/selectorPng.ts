/**
 * The static picture of an end-member selector, sent with the widget as `image/png`: where the
 * widget manager is missing (a notebook viewer, a collaborator without the extension) the
 * saved output still shows the pixel cloud with its groups. Grey density of all pixels, each
 * group's pixels in its colour on top; under it, when given, one map per sample (in table order,
 * left to right, wrapping) with the group pixels coloured, the others grey by brightness and the
 * pixels not in the table white.
 *
 * @module
 */
import { encodePng } from "../src/charts/encode-png";
import type { SelectorGroup } from "./selectorState";
import type { SelectorMapCoords } from "./selectorPixels";

/** The per-sample maps under the scatter: where the points are, and a brightness per point (NaN: light grey). */
export interface SelectorPngMaps extends SelectorMapCoords {
  brightness?: ArrayLike<number>;
}

/** Height of a map row in the PNG, px. */
const MAP_ROW = 110;

/**
 * A PNG of the points (x[i], y[i]) with the groups drawn on top.
 * @param x - x of every point, length n.
 * @param y - y of every point, length n.
 * @param groups - drawn in order, later ones on top.
 * @param size - image width and height in pixels (default 360 × 300) of the scatter part.
 * @param maps - the per-sample maps to draw under the scatter (omitted: scatter only).
 * @returns PNG bytes.
 * @example
 * const png = selectorPng(Float32Array.of(0, 1), Float32Array.of(0, 1), []);
 */
export function selectorPng(x: ArrayLike<number>, y: ArrayLike<number>, groups: readonly SelectorGroup[], size: { width?: number; height?: number } = {}, maps?: SelectorPngMaps): Uint8Array {
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
  if (!maps || !maps.samples.length) return encodePng(rgba, W, H);
  const below = mapsImage(maps, groups, W);
  const all = new Uint8Array(W * (H + below.height) * 4);
  all.set(rgba);
  all.set(below.rgba, rgba.length);
  return encodePng(all, W, H + below.height);
}

/** The maps laid out in rows of {@link MAP_ROW} px under a W-wide image (nearest-pixel scaling), RGBA. */
function mapsImage(maps: SelectorPngMaps, groups: readonly SelectorGroup[], W: number): { rgba: Uint8Array; height: number } {
  const n = maps.pixel_sample.length, G = 8;
  // Per sample: the RGB of every map pixel (white where no point).
  const rgb = maps.samples.map((s) => new Uint8Array(s.ny * s.nx * 3).fill(255));
  const b = maps.brightness;
  let lo = Infinity, hi = -Infinity;
  if (b) for (let i = 0; i < n; i++) if (Number.isFinite(b[i])) [lo, hi] = [Math.min(lo, b[i]), Math.max(hi, b[i])];
  const put = (i: number, r: number, g: number, bl: number) => {
    const s = maps.samples[maps.pixel_sample[i]];
    const o = 3 * (maps.pixel_y[i] * s.nx + maps.pixel_x[i]);
    const px = rgb[maps.pixel_sample[i]];
    px[o] = r;
    px[o + 1] = g;
    px[o + 2] = bl;
  };
  for (let i = 0; i < n; i++) {
    const t = b && hi > lo && Number.isFinite(b[i]) ? (b[i] - lo) / (hi - lo) : NaN;
    const v = Number.isFinite(t) ? Math.round(60 + t * 165) : 208;
    put(i, v, v, v);
  }
  for (const grp of groups) {
    const c = parseInt(grp.color.slice(1), 16);
    for (const i of grp.indices) if (i < n) put(i, c >> 16, (c >> 8) & 255, c & 255);
  }
  // Layout: each map scaled to the row height (or to the width), left to right, wrapping.
  const boxes: { k: number; left: number; top: number; w: number; h: number }[] = [];
  let left = G, top = 4, rowH = 0;
  maps.samples.forEach((s, k) => {
    const f = Math.min(MAP_ROW / Math.max(1, s.ny), (W - 2 * G) / Math.max(1, s.nx));
    const w = Math.max(1, Math.round(s.nx * f)), h = Math.max(1, Math.round(s.ny * f));
    if (left > G && left + w > W - G) {
      left = G;
      top += rowH + G;
      rowH = 0;
    }
    boxes.push({ k, left, top, w, h });
    left += w + G;
    rowH = Math.max(rowH, h);
  });
  const height = top + rowH + G;
  const out = new Uint8Array(W * height * 4).fill(255);
  for (const bx of boxes) {
    const s = maps.samples[bx.k], px = rgb[bx.k];
    for (let v = -1; v <= bx.h; v++) {
      for (let u = -1; u <= bx.w; u++) {
        const X = bx.left + u, Y = bx.top + v;
        if (X < 0 || X >= W || Y < 0 || Y >= height) continue;
        const o = 4 * (Y * W + X);
        if (u < 0 || v < 0 || u === bx.w || v === bx.h) {
          out.fill(150, o, o + 3); // frame
          continue;
        }
        const src = 3 * (Math.min(s.ny - 1, Math.floor((v * s.ny) / bx.h)) * s.nx + Math.min(s.nx - 1, Math.floor((u * s.nx) / bx.w)));
        out[o] = px[src];
        out[o + 1] = px[src + 1];
        out[o + 2] = px[src + 2];
      }
    }
  }
  return { rgba: out, height };
}
