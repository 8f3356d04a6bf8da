/**
 * The static picture of a stack explorer, sent with the widget as `image/png`: the image at the
 * chosen energy (grey or viridis, linear or log contrast, 1st–99th percentile by default) with the
 * region outlined in red, so a saved notebook shows it where the widget manager is missing.
 *
 * @module
 */
import { encodePng } from "../src/charts/encode-png";
import { regionMask, type ExplorerRegion } from "./stackExplorerRegion";

/**
 * The display range of an image: the `clip` and `100 − clip` percentiles of its finite values
 * (of log10 of its positive values for "log").
 * @param image - values `[ny, nx]`.
 * @param contrast - "linear" or "log".
 * @param clip - percent clipped at each end, 0 ≤ clip < 50.
 * @returns `[lo, hi]` in the scale's units (log10 for "log"); lo < hi.
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

// Viridis anchors (matplotlib), interpolated linearly: the same as widgets/src/palette.ts.
const VIRIDIS = [0x440154, 0x482878, 0x3e4989, 0x31688e, 0x26828e, 0x1f9e89, 0x35b779, 0x6ece58, 0xb5de2b, 0xfde725];

function viridisRgb(t: number): [number, number, number] {
  const u = Math.min(1, Math.max(0, t)) * (VIRIDIS.length - 1);
  const i = Math.min(VIRIDIS.length - 2, Math.floor(u)), f = u - i;
  const a = VIRIDIS[i], b = VIRIDIS[i + 1];
  const ch = (s: number) => Math.round(((a >> s) & 255) * (1 - f) + ((b >> s) & 255) * f);
  return [ch(16), ch(8), ch(0)];
}

/**
 * A PNG of the image (grey or viridis) with the region's pixels outlined in red.
 * @param image - values `[ny, nx]`, row-major.
 * @param ny - rows.
 * @param nx - columns.
 * @param region - outlined when given.
 * @param options - contrast ("linear"/"log"), colormap ("grey"/"viridis"), clip percent, largest side in px (default 360).
 * @returns PNG bytes.
 * @example
 * const png = explorerPng(Float32Array.of(1, 2, 3, 4), 2, 2, { kind: "rect", x0: 0, y0: 0, x1: 1, y1: 1 });
 */
export function explorerPng(image: ArrayLike<number>, ny: number, nx: number, region: ExplorerRegion | null, options: { contrast?: string; colormap?: string; clip?: number; size?: number } = {}): Uint8Array {
  const contrast = options.contrast ?? "linear";
  const s = Math.max(1, Math.floor((options.size ?? 360) / Math.max(nx, ny)));
  const W = nx * s, H = ny * s;
  const [lo, hi] = displayRange(image, contrast, options.clip ?? 1);
  const rgba = new Uint8Array(W * H * 4);
  for (let y = 0; y < ny; y++) {
    for (let x = 0; x < nx; x++) {
      const raw = image[y * nx + x];
      const t = contrast === "log" ? (raw > 0 ? Math.log10(raw) : lo) : raw;
      const f = Number.isFinite(t) ? Math.min(1, Math.max(0, (t - lo) / (hi - lo))) : 0;
      const [r, g, b] = options.colormap === "viridis" ? viridisRgb(f) : [Math.round(255 * f), Math.round(255 * f), Math.round(255 * f)];
      for (let v = y * s; v < (y + 1) * s; v++) {
        for (let u = x * s; u < (x + 1) * s; u++) {
          const p = 4 * (v * W + u);
          rgba[p] = r;
          rgba[p + 1] = g;
          rgba[p + 2] = b;
          rgba[p + 3] = 255;
        }
      }
    }
  }
  if (region) {
    const m = regionMask(region, ny, nx);
    const inside = (x: number, y: number) => x >= 0 && y >= 0 && x < nx && y < ny && m[y * nx + x] === 1;
    const w = Math.max(1, Math.round(s / 4));
    const red = (u: number, v: number) => {
      const p = 4 * (v * W + u);
      rgba[p] = 230;
      rgba[p + 1] = 20;
      rgba[p + 2] = 30;
    };
    // Outline: the edges of region pixels that border a pixel outside, drawn inside the region pixel.
    for (let y = 0; y < ny; y++) {
      for (let x = 0; x < nx; x++) {
        if (!inside(x, y)) continue;
        for (let k = 0; k < w; k++) {
          for (let t = 0; t < s; t++) {
            if (!inside(x - 1, y)) red(x * s + k, y * s + t);
            if (!inside(x + 1, y)) red((x + 1) * s - 1 - k, y * s + t);
            if (!inside(x, y - 1)) red(x * s + t, y * s + k);
            if (!inside(x, y + 1)) red(x * s + t, (y + 1) * s - 1 - k);
          }
        }
      }
    }
  }
  return encodePng(rgba, W, H);
}
