/**
 * One image (scores, fractions, residuals, brightness) as a colour-mapped PNG.
 * @module
 */
import { encodePng } from "../charts/encode-png";
import { checkEnum, checkInt, checkLength, checkOptions, checkRange, finiteExtent } from "../charts/util";
import { checkColor, upscaleRgba } from "./rgba";
import { VIRIDIS_LUT } from "./viridisLut";

/** Options of {@link scaleImagePng}. */
export interface ScaleImagePngOptions {
  /** `"viridis"` (matplotlib's, 256 entries) or `"gray"` (black → white). @default "viridis" */
  colorScheme?: "viridis" | "gray";
  /** Values mapped to the first and last colour (clipped outside). @default the finite extent of the image */
  domain?: [number, number];
  /** Each pixel becomes `scale × scale` PNG pixels (nearest neighbour), 1–64. @default 1 */
  scale?: number;
  /** RGBA bytes of NaN pixels. @default [0, 0, 0, 0] (transparent) */
  nanColor?: [number, number, number, number];
}

const OPTIONS = ["colorScheme", "domain", "scale", "nanColor"] as const;

/**
 * Map an image through a colour scale to a PNG: `t = (v − lo)/(hi − lo)` clipped to [0, 1],
 * colour index `round(255·t)`; NaN / ±Infinity pixels get `nanColor`. A constant image (or a
 * domain-less image with no finite value) maps to the middle colour.
 *
 * @param image - values, shape `[ny, nx]`, row-major (index `y·nx + x`).
 * @param ny - rows (PNG height before scaling).
 * @param nx - columns (PNG width before scaling).
 * @param options - {@link ScaleImagePngOptions}.
 * @returns the PNG file bytes, `nx·scale × ny·scale` pixels.
 * @throws RangeError for a wrong length, an unknown scheme or a bad domain; Error for an unknown option.
 * @example
 * const [img] = residualMaps(table, nn.residualNorm);
 * writeFileSync("residual.png", scaleImagePng(img.image, img.ny, img.nx, { domain: [0, 0.2], scale: 3 }));
 */
export function scaleImagePng(image: ArrayLike<number>, ny: number, nx: number, options: ScaleImagePngOptions = {}): Uint8Array {
  const fn = "scaleImagePng";
  checkOptions(fn, options, OPTIONS);
  checkInt(fn, "ny", ny, 1);
  checkInt(fn, "nx", nx, 1);
  checkLength(fn, "image", image, ny * nx, `[ny=${ny}, nx=${nx}]`);
  const scheme = checkEnum(fn, "option colorScheme", options.colorScheme ?? "viridis", ["viridis", "gray"] as const);
  const nanColor = checkColor(fn, "option nanColor", options.nanColor ?? [0, 0, 0, 0]);
  const [lo, hi] = options.domain !== undefined ? checkRange(fn, "option domain", options.domain) : finiteExtent(image) ?? [0, 0];
  const rgba = new Uint8Array(ny * nx * 4);
  for (let i = 0; i < ny * nx; i++) {
    const v = image[i];
    const o = i * 4;
    if (!Number.isFinite(v)) {
      rgba.set(nanColor, o);
      continue;
    }
    let t = hi > lo ? (v - lo) / (hi - lo) : 0.5;
    t = t < 0 ? 0 : t > 1 ? 1 : t;
    const k = Math.round(255 * t);
    if (scheme === "gray") {
      rgba[o] = rgba[o + 1] = rgba[o + 2] = k;
    } else {
      rgba[o] = VIRIDIS_LUT[3 * k];
      rgba[o + 1] = VIRIDIS_LUT[3 * k + 1];
      rgba[o + 2] = VIRIDIS_LUT[3 * k + 2];
    }
    rgba[o + 3] = 255;
  }
  const up = upscaleRgba(fn, rgba, nx, ny, options.scale ?? 1);
  return encodePng(up.rgba, up.width, up.height);
}
