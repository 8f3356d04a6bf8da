/**
 * The static picture of a stack explorer, sent with the widget as `image/png`: the image at the
 * chosen energy (grey or viridis, linear or log contrast, 1st–99th percentile by default) with the
 * region outlined in red, so a saved notebook shows it where the widget manager is missing.
 *
 * @module
 */
import { encodePng } from "../src/charts/encode-png";
import { regionMask, type ExplorerRegion } from "./stackExplorerRegion";
// The view's own drawing arithmetic (pure, no DOM), so the picture equals what the view draws.
import { colorize, displayRange } from "../widgets/src/stackExplorerDraw";

export { displayRange };

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
  const colors = colorize(image, contrast, options.colormap === "viridis" ? "viridis" : "grey", displayRange(image, contrast, options.clip ?? 1));
  const rgba = new Uint8Array(W * H * 4);
  for (let y = 0; y < ny; y++) {
    for (let x = 0; x < nx; x++) {
      const c = 4 * (y * nx + x);
      for (let v = y * s; v < (y + 1) * s; v++) {
        for (let u = x * s; u < (x + 1) * s; u++) rgba.set(colors.subarray(c, c + 4), 4 * (v * W + u));
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
