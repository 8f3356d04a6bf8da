/**
 * The selector's per-sample maps as pixels: every point (a row of the pixel table) sits at
 * (x, y) of its sample's image of ny × nx; grouped points take their group's colour (the last
 * group that holds a point wins, as in the scatter), the others a grey of their brightness
 * (light grey when there is none), and map pixels with no point (dropped by the noise filter)
 * stay transparent. Pure functions on typed arrays: one pass over the points and one over the
 * group members, no DOM, unit-tested on a hand-made table (test/widgets/selectorMaps.test.ts).
 */
import { robustRange } from "./selectorColors";
import { packColor } from "./palette";
import type { Group } from "./selectorTypes";

/** A sample's map: its name and size (rows ny × columns nx). */
export interface MapSample {
  name: string;
  ny: number;
  nx: number;
}

/** Where every point is on the maps (the kernel's `pixel_sample`, `pixel_x`, `pixel_y`, `samples`). */
export interface MapCoords {
  /** Sample index of every point, length n. */
  sample: ArrayLike<number>;
  /** Column of every point in its sample's map, length n. */
  x: ArrayLike<number>;
  /** Row of every point, length n. */
  y: ArrayLike<number>;
  samples: readonly MapSample[];
}

/** Grey of a point without a brightness (0xRRGGBB). */
export const MAP_UNGROUPED = 0xd0d0d0;
/** Darkest and lightest grey of the brightness ramp (channel values). */
export const MAP_GREY_LO = 60;
export const MAP_GREY_HI = 225;

/** Whether point i lands inside its sample's map (a malformed point is skipped, not drawn elsewhere). */
function mapOffset(c: MapCoords, i: number): number {
  const s = c.samples[c.sample[i]];
  if (!s) return -1;
  const x = c.x[i], y = c.y[i];
  return x >= 0 && y >= 0 && x < s.nx && y < s.ny ? y * s.nx + x : -1;
}

/** 0xRRGGBB → an opaque RGBA word as a little-endian Uint32Array over RGBA bytes holds it. */
function rgbaWord(rgb: number): number {
  return (0xff000000 | ((rgb & 0xff) << 16) | (rgb & 0xff00) | ((rgb >>> 16) & 0xff)) >>> 0;
}

const LITTLE_ENDIAN = new Uint8Array(Uint32Array.of(1).buffer)[0] === 1;

/**
 * The RGBA pixels (ready for `new ImageData(px, nx, ny)`) of every sample's map.
 * @param c - where the points are.
 * @param groups - the groups (later ones drawn over earlier ones).
 * @param brightness - a value per point (length n) shown as grey from its 1st to its 99th
 *   percentile for ungrouped points, or undefined for light grey ({@link MAP_UNGROUPED}).
 * @returns one `Uint8ClampedArray` of `ny · nx · 4` bytes per sample, in order; alpha 0 where no point is.
 * @example
 * const [a] = mapPixels({ sample: [0], x: [1], y: [0], samples: [{ name: "a", ny: 1, nx: 2 }] },
 *   [{ name: "g", color: "#ff0000", indices: Uint32Array.of(0) }]);
 * // a = [0, 0, 0, 0, 255, 0, 0, 255]
 */
export function mapPixels(c: MapCoords, groups: readonly Group[], brightness?: ArrayLike<number>): Uint8ClampedArray[] {
  const n = c.sample.length;
  if (c.x.length !== n || c.y.length !== n) throw new RangeError(`mapPixels: pixel_sample has ${n} entries but pixel_x has ${c.x.length} and pixel_y ${c.y.length}`);
  const bytes = c.samples.map((s) => new Uint8ClampedArray(Math.max(0, s.ny * s.nx) * 4));
  const words = bytes.map((b) => new Uint32Array(b.buffer));
  const word = LITTLE_ENDIAN ? rgbaWord : (rgb: number) => ((rgb << 8) | 0xff) >>> 0;
  const useB = brightness != null && brightness.length === n;
  const [lo, hi] = useB ? robustRange(brightness) : [0, 1];
  // Pass 1: every point, grey.
  const flat = word(MAP_UNGROUPED);
  const greys = new Uint32Array(256);
  for (let g = 0; g < 256; g++) greys[g] = word((g << 16) | (g << 8) | g);
  for (let i = 0; i < n; i++) {
    const o = mapOffset(c, i);
    if (o < 0) continue;
    let w = flat;
    if (useB) {
      const t = (brightness[i] - lo) / (hi - lo);
      if (Number.isFinite(t)) w = greys[Math.round(MAP_GREY_LO + Math.min(1, Math.max(0, t)) * (MAP_GREY_HI - MAP_GREY_LO))];
    }
    words[c.sample[i]][o] = w;
  }
  // Pass 2: the group members, in the group's colour.
  for (const g of groups) {
    const w = word(packColor(g.color));
    const idx = g.indices;
    for (let k = 0; k < idx.length; k++) {
      const i = idx[k];
      if (i >= n) continue;
      const o = mapOffset(c, i);
      if (o >= 0) words[c.sample[i]][o] = w;
    }
  }
  return bytes;
}

/**
 * For every sample, the point at each map pixel (`y · nx + x`), −1 where there is none — how a
 * hovered map pixel finds its point. When two points claim one pixel the later one wins.
 * @example
 * pointAtPixel({ sample: [0, 0], x: [1, 0], y: [0, 0], samples: [{ name: "a", ny: 1, nx: 3 }] })
 * // [Int32Array [1, 0, -1]]
 */
export function pointAtPixel(c: MapCoords): Int32Array[] {
  const out = c.samples.map((s) => new Int32Array(Math.max(0, s.ny * s.nx)).fill(-1));
  for (let i = 0; i < c.sample.length; i++) {
    const o = mapOffset(c, i);
    if (o >= 0) out[c.sample[i]][o] = i;
  }
  return out;
}
