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

/** The samples' widths and heights as typed arrays (fast per-point lookups). */
function sizes(c: MapCoords): { nx: Int32Array; ny: Int32Array } {
  return { nx: Int32Array.from(c.samples, (s) => s.nx), ny: Int32Array.from(c.samples, (s) => s.ny) };
}

/** Offset of point i in its sample's map, −1 when it is not inside one (a malformed point is skipped, not drawn elsewhere). */
function mapOffset(c: MapCoords, nx: Int32Array, ny: Int32Array, i: number): number {
  const k = c.sample[i];
  if (!(k < nx.length)) return -1;
  const x = c.x[i], y = c.y[i];
  return x >= 0 && y >= 0 && x < nx[k] && y < ny[k] ? y * nx[k] + x : -1;
}

/** 0xRRGGBB → an opaque RGBA word as a little-endian Uint32Array over RGBA bytes holds it. */
function rgbaWord(rgb: number): number {
  return (0xff000000 | ((rgb & 0xff) << 16) | (rgb & 0xff00) | ((rgb >>> 16) & 0xff)) >>> 0;
}

const LITTLE_ENDIAN = new Uint8Array(Uint32Array.of(1).buffer)[0] === 1;
/** 0xRRGGBB → the opaque RGBA word of this machine's byte order. */
const WORD = LITTLE_ENDIAN ? rgbaWord : (rgb: number) => ((rgb << 8) | 0xff) >>> 0;

/**
 * The maps of all samples in one RGBA buffer, redrawn cheaply: where every point lands is worked
 * out once (one offset per point), the grey layer once per brightness field, and each redraw is a
 * copy of the grey layer plus one write per group member.
 * @example
 * const r = new MapRaster(coords);
 * r.setBrightness(brightness);
 * const images = r.draw(groups); // one Uint8ClampedArray (ny · nx · 4) per sample
 */
export class MapRaster {
  /** Offset (in pixels) of every point in the shared buffer, −1 when it is on no map. */
  readonly where: Int32Array;
  /** First pixel of each sample's map in the shared buffer; the last entry is the total. */
  readonly offsets: Int32Array;
  private base: Uint32Array;
  private readonly out: Uint32Array;

  constructor(readonly coords: MapCoords) {
    const c = coords, n = c.sample.length;
    if (c.x.length !== n || c.y.length !== n) throw new RangeError(`mapPixels: pixel_sample has ${n} entries but pixel_x has ${c.x.length} and pixel_y ${c.y.length}`);
    const { nx, ny } = sizes(c);
    this.offsets = new Int32Array(c.samples.length + 1);
    for (let k = 0; k < c.samples.length; k++) this.offsets[k + 1] = this.offsets[k] + Math.max(0, nx[k] * ny[k]);
    this.where = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const o = mapOffset(c, nx, ny, i);
      this.where[i] = o < 0 ? -1 : this.offsets[c.sample[i]] + o;
    }
    this.out = new Uint32Array(this.offsets[c.samples.length]);
    this.base = new Uint32Array(this.out.length);
    this.setBrightness(undefined);
  }

  /**
   * The grey layer: every point grey by `brightness` (a value per point, from its 1st to its 99th
   * percentile), or light grey ({@link MAP_UNGROUPED}) when undefined or when its value is not finite.
   */
  setBrightness(brightness: ArrayLike<number> | undefined): void {
    const n = this.where.length, where = this.where;
    const base = new Uint32Array(this.out.length);
    const flat = WORD(MAP_UNGROUPED);
    if (brightness == null || brightness.length !== n) {
      for (let i = 0; i < n; i++) if (where[i] >= 0) base[where[i]] = flat;
    } else {
      const [lo, hi] = robustRange(brightness);
      const greys = new Uint32Array(256);
      for (let g = 0; g < 256; g++) greys[g] = WORD((g << 16) | (g << 8) | g);
      const span = MAP_GREY_HI - MAP_GREY_LO, gs = span / (hi - lo);
      for (let i = 0; i < n; i++) {
        const o = where[i];
        if (o < 0) continue;
        const t = (brightness[i] - lo) * gs;
        base[o] = t === t ? greys[Math.round(MAP_GREY_LO + (t < 0 ? 0 : t > span ? span : t))] : flat;
      }
    }
    this.base = base;
  }

  /**
   * The maps with the groups drawn over the grey layer (later groups over earlier ones).
   * @returns one `Uint8ClampedArray` of `ny · nx · 4` bytes per sample (views of a buffer the next draw overwrites); alpha 0 where no point is.
   */
  draw(groups: readonly Group[]): Uint8ClampedArray[] {
    const out = this.out, where = this.where, n = where.length;
    out.set(this.base);
    for (const g of groups) {
      const w = WORD(packColor(g.color));
      const idx = g.indices;
      for (let k = 0; k < idx.length; k++) {
        const i = idx[k];
        if (i < n && where[i] >= 0) out[where[i]] = w;
      }
    }
    const bytes: Uint8ClampedArray[] = [];
    for (let k = 0; k + 1 < this.offsets.length; k++) bytes.push(new Uint8ClampedArray(out.buffer, 4 * this.offsets[k], 4 * (this.offsets[k + 1] - this.offsets[k])));
    return bytes;
  }
}

/**
 * The RGBA pixels (ready for `new ImageData(px, nx, ny)`) of every sample's map (a fresh
 * {@link MapRaster} each call; a view keeps one instead).
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
  const r = new MapRaster(c);
  r.setBrightness(brightness);
  return r.draw(groups);
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
  const { nx, ny } = sizes(c);
  for (let i = 0; i < c.sample.length; i++) {
    const o = mapOffset(c, nx, ny, i);
    if (o >= 0) out[c.sample[i]][o] = i;
  }
  return out;
}
