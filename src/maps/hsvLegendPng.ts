/**
 * The 2-D legend of the HSV maps: hue along the fraction, value along the brightness.
 * @module
 */
import { encodePng } from "../charts/encode-png";
import { checkInt, checkOptions } from "../charts/util";
import { hsvToRgb } from "./hsvToRgb";

/** Options of {@link hsvLegendPng}. */
export interface HsvLegendPngOptions {
  /** Width in pixels (fraction 0 at the left, 1 at the right). @default 100 */
  width?: number;
  /** Height in pixels (brightness high at the top, 0 at the bottom). @default 100 */
  height?: number;
  /** Hues (turns) for fraction 0 and 1, as in `hsvColorMap`. @default [0, 1/3] */
  hueRange?: [number, number];
}

/**
 * A PNG legend square for `hsvColorMap`: column i has the hue of fraction `i/(width−1)`
 * (red → green by default), row j the value `1 − j/(height−1)` (full brightness at the top,
 * black at the bottom), saturation 1, opaque.
 *
 * @param options - {@link HsvLegendPngOptions}.
 * @returns the PNG file bytes.
 * @throws RangeError for sizes < 2 or > 4096 or a bad hue range; Error for an unknown option.
 * @example
 * writeFileSync("hsv-legend.png", hsvLegendPng({ width: 120, height: 80 }));
 */
export function hsvLegendPng(options: HsvLegendPngOptions = {}): Uint8Array {
  const fn = "hsvLegendPng";
  checkOptions(fn, options, ["width", "height", "hueRange"]);
  const w = checkInt(fn, "option width", options.width ?? 100, 2, 4096);
  const h = checkInt(fn, "option height", options.height ?? 100, 2, 4096);
  const hueRange = options.hueRange ?? [0, 1 / 3];
  if (!Array.isArray(hueRange) || hueRange.length !== 2 || !Number.isFinite(hueRange[0]) || !Number.isFinite(hueRange[1])) {
    throw new RangeError(`${fn}: option hueRange must be [hue at fraction 0, hue at fraction 1] in turns, got ${JSON.stringify(hueRange)}`);
  }
  const rgba = new Uint8Array(w * h * 4);
  for (let y = 0; y < h; y++) {
    const v = 1 - y / (h - 1);
    for (let x = 0; x < w; x++) {
      const [r, g, b] = hsvToRgb(hueRange[0] + (x / (w - 1)) * (hueRange[1] - hueRange[0]), 1, v);
      const o = (y * w + x) * 4;
      rgba[o] = Math.round(255 * r);
      rgba[o + 1] = Math.round(255 * g);
      rgba[o + 2] = Math.round(255 * b);
      rgba[o + 3] = 255;
    }
  }
  return encodePng(rgba, w, h);
}
