/**
 * RGBA helpers shared by the map renderers (internal; not re-exported).
 * @module
 */
import { checkInt } from "../charts/util";

/** @internal Check an `[r, g, b, a]` colour of bytes. */
export function checkColor(fn: string, name: string, c: unknown): [number, number, number, number] {
  if (!Array.isArray(c) || c.length !== 4 || c.some((v) => !Number.isInteger(v) || v < 0 || v > 255)) {
    throw new RangeError(`${fn}: ${name} must be [r, g, b, a] with integers 0–255, got ${JSON.stringify(c)}`);
  }
  return [c[0], c[1], c[2], c[3]];
}

/** @internal Repeat every pixel `scale × scale` times (nearest-neighbour upscaling). */
export function upscaleRgba(fn: string, rgba: Uint8Array, width: number, height: number, scale: unknown): { rgba: Uint8Array; width: number; height: number } {
  const s = checkInt(fn, "option scale", scale, 1, 64);
  if (s === 1) return { rgba, width, height };
  const W = width * s;
  const out = new Uint8Array(W * height * s * 4);
  for (let y = 0; y < height * s; y++) {
    const sy = Math.floor(y / s);
    for (let x = 0; x < W; x++) {
      const src = (sy * width + Math.floor(x / s)) * 4;
      const dst = (y * W + x) * 4;
      out[dst] = rgba[src];
      out[dst + 1] = rgba[src + 1];
      out[dst + 2] = rgba[src + 2];
      out[dst + 3] = rgba[src + 3];
    }
  }
  return { rgba: out, width: W, height: height * s };
}
