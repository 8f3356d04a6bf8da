/**
 * The paper's HSV chemical map: hue from the reduced fraction, value from the brightness.
 * @module
 */
import { checkInt, checkLength, checkOptions, checkRange, finitePercentile } from "../charts/util";
import { hsvToRgb } from "./hsvToRgb";
import { checkColor } from "./rgba";

/** Options of {@link hsvColorMap}. */
export interface HsvColorMapOptions {
  /** Hues (turns) for fraction 0 and fraction 1. @default [0, 1/3] (red → green) */
  hueRange?: [number, number];
  /**
   * Brightness mapped to value 0 and 1 (clipped outside). Pass `[0, max]` for a value strictly
   * proportional to brightness as in the paper.
   * @default the 1st and 99th percentiles of the brightness of the drawn pixels
   */
  brightnessRange?: [number, number];
  /** RGBA bytes of pixels whose fraction or brightness is NaN (no data). @default [0, 0, 0, 0] (transparent) */
  nanColor?: [number, number, number, number];
}

/** Result of {@link hsvColorMap}. */
export interface HsvColorMap {
  /** Pixels, length `width·height·4`, row-major from the top-left, R G B A. */
  rgba: Uint8Array;
  /** Width = nx. */
  width: number;
  /** Height = ny. */
  height: number;
  /** The brightness range actually used for value 0 … 1. */
  brightnessRange: [number, number];
}

const OPTIONS = ["hueRange", "brightnessRange", "nanColor"] as const;

/**
 * Colour a map as Gent et al. 2017 do: for each pixel the hue encodes the fraction of the
 * reduced phase (fraction 0 → hue 0, red, oxidised; fraction 1 → hue 1/3, green, reduced;
 * linear in between, fraction clipped to [0, 1]), saturation is 1, and the value is
 * `(brightness − lo)/(hi − lo)` clipped to [0, 1], with brightness the per-pixel normalisation
 * factor (post-edge area). Pixels with a NaN fraction or brightness (no data) get `nanColor`.
 * When all drawn pixels have the same brightness (or none is finite) the value is 1.
 *
 * @param fraction - reduced fraction per pixel, shape `[ny, nx]`, row-major (index `y·nx + x`); NaN = no pixel.
 * @param brightness - brightness per pixel, same shape (any units).
 * @param ny - rows (image height).
 * @param nx - columns (image width).
 * @param options - {@link HsvColorMapOptions}.
 * @returns {@link HsvColorMap} (RGBA bytes, `width = nx`, `height = ny`, and the brightness range used).
 * @throws RangeError naming a wrong length or a bad range/colour; Error for an unknown option.
 * @see Gent et al., Nat. Commun. 8, 2091 (2017), Supplementary Methods ("HSV color scale").
 * @example
 * const m = hsvColorMap(reducedImage, brightnessImage, ny, nx, { brightnessRange: [0, 1.2] });
 * const png = encodePng(m.rgba, m.width, m.height);
 */
export function hsvColorMap(fraction: ArrayLike<number>, brightness: ArrayLike<number>, ny: number, nx: number, options: HsvColorMapOptions = {}): HsvColorMap {
  const fn = "hsvColorMap";
  checkOptions(fn, options, OPTIONS);
  checkInt(fn, "ny", ny, 1);
  checkInt(fn, "nx", nx, 1);
  const shape = `[ny=${ny}, nx=${nx}]`;
  checkLength(fn, "fraction", fraction, ny * nx, shape);
  checkLength(fn, "brightness", brightness, ny * nx, shape);
  const hueRange = options.hueRange ?? [0, 1 / 3];
  if (!Array.isArray(hueRange) || hueRange.length !== 2 || !Number.isFinite(hueRange[0]) || !Number.isFinite(hueRange[1])) {
    throw new RangeError(`${fn}: option hueRange must be [hue at fraction 0, hue at fraction 1] in turns, got ${JSON.stringify(hueRange)}`);
  }
  const nanColor = checkColor(fn, "option nanColor", options.nanColor ?? [0, 0, 0, 0]);
  let range: [number, number];
  if (options.brightnessRange !== undefined) {
    range = checkRange(fn, "option brightnessRange", options.brightnessRange);
  } else {
    const drawn: number[] = [];
    for (let i = 0; i < ny * nx; i++) if (Number.isFinite(fraction[i]) && Number.isFinite(brightness[i])) drawn.push(brightness[i]);
    range = [finitePercentile(drawn, 1), finitePercentile(drawn, 99)];
  }
  const [lo, hi] = range;
  const flat = !(hi > lo);
  const [h0, h1] = hueRange;
  const rgba = new Uint8Array(ny * nx * 4);
  for (let i = 0; i < ny * nx; i++) {
    const f = fraction[i];
    const b = brightness[i];
    const o = i * 4;
    if (!Number.isFinite(f) || !Number.isFinite(b)) {
      rgba[o] = nanColor[0];
      rgba[o + 1] = nanColor[1];
      rgba[o + 2] = nanColor[2];
      rgba[o + 3] = nanColor[3];
      continue;
    }
    const fc = f < 0 ? 0 : f > 1 ? 1 : f;
    const v = flat ? 1 : (b - lo) / (hi - lo);
    const [r, g, bl] = hsvToRgb(h0 + fc * (h1 - h0), 1, v);
    rgba[o] = Math.round(255 * r);
    rgba[o + 1] = Math.round(255 * g);
    rgba[o + 2] = Math.round(255 * bl);
    rgba[o + 3] = 255;
  }
  return { rgba, width: nx, height: ny, brightnessRange: [lo, hi] };
}
