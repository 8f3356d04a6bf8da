/**
 * The paper's HSV chemical map as PNG bytes.
 * @module
 */
import { encodePng } from "../charts/encode-png";
import { hsvColorMap, HsvColorMapOptions } from "./hsvColorMap";
import { upscaleRgba } from "./rgba";
import { checkOptions } from "../charts/util";

/** Options of {@link hsvColorMapPng}: those of `hsvColorMap` plus an integer upscale. */
export interface HsvColorMapPngOptions extends HsvColorMapOptions {
  /** Each pixel becomes `scale × scale` PNG pixels (nearest neighbour), 1–64. @default 1 */
  scale?: number;
}

/**
 * Render {@link hsvColorMap} (hue = reduced fraction red → green, value = brightness) to a PNG
 * file, `nx·scale` wide and `ny·scale` high, NaN pixels transparent by default.
 *
 * @param fraction - reduced fraction per pixel, shape `[ny, nx]`, row-major; NaN = no pixel.
 * @param brightness - brightness per pixel, same shape.
 * @param ny - rows.
 * @param nx - columns.
 * @param options - {@link HsvColorMapPngOptions}.
 * @returns the PNG file bytes.
 * @throws as `hsvColorMap`; RangeError for a scale outside 1–64.
 * @example
 * writeFileSync("plateau-179.png", hsvColorMapPng(frac, bright, ny, nx, { scale: 4 }));
 */
export function hsvColorMapPng(fraction: ArrayLike<number>, brightness: ArrayLike<number>, ny: number, nx: number, options: HsvColorMapPngOptions = {}): Uint8Array {
  checkOptions("hsvColorMapPng", options, ["hueRange", "brightnessRange", "nanColor", "scale"]);
  const { scale, ...rest } = options ?? {};
  const m = hsvColorMap(fraction, brightness, ny, nx, rest);
  const up = upscaleRgba("hsvColorMapPng", m.rgba, m.width, m.height, scale ?? 1);
  return encodePng(up.rgba, up.width, up.height);
}
