/**
 * The synced state of the stack explorer and the check every front-end update passes before it
 * is echoed and applied (energy index in range, contrast and colour map known, clipping a
 * percentage, pixel inside the image, region inside the image). Pure: unit-tested without a kernel.
 *
 * @module
 */
import { checkRegion, type ExplorerRegion } from "./stackExplorerRegion";

/** The model state of a {@link StackExplorer} (kernel ⇄ front-end). */
export interface StackExplorerState extends Record<string, unknown> {
  /** Photon energies in eV, length n_e, as recorded in the stack. */
  energies: Float64Array;
  n_e: number;
  ny: number;
  nx: number;
  /** Pixel centres in µm, lengths nx and ny (hover read-out). */
  x_um: Float64Array;
  y_um: Float64Array;
  /** "counts", "transmission" or "od" (the y-axis title). */
  quantity: string;
  /** The energy shown (index into `energies`). Front-end writable. */
  energy_index: number;
  /** The image at `energy_index`, `[ny, nx]` row-major, float32. Set by the kernel when the index changes. */
  image: Float32Array;
  /** "linear" or "log". Front-end writable. */
  contrast: string;
  /** "grey" or "viridis". Front-end writable. */
  colormap: string;
  /** Percent clipped at each end of the colour scale (0 ≤ clip < 50). Front-end writable. */
  clip: number;
  /** The clicked pixel `[y, x]` or null. Front-end writable. */
  pixel: [number, number] | null;
  /** The spectrum of `pixel` (length n_e, float32; empty without a pixel). */
  pixel_spectrum: Float32Array;
  /** The region (rectangle or polygon, pixel coordinates) or null. Front-end writable. */
  region: ExplorerRegion | null;
  /** The mean spectrum over the region (length n_e; empty without a region). */
  region_spectrum: Float32Array;
  /** Pixels in the region. */
  region_count: number;
  /** The mean spectrum of the whole image (length n_e), drawn grey as a reference. */
  mean_spectrum: Float32Array;
  /** Message of the last rejected update, "" otherwise. */
  error: string;
  title: string;
  /** Largest image side on screen, CSS px. */
  size: number;
}

/** The attributes the front-end may set. */
export const EXPLORER_WRITABLE = ["energy_index", "contrast", "colormap", "clip", "pixel", "region"] as const;

/** Contrast scales. */
export const CONTRASTS = ["linear", "log"] as const;
/** Colour maps. */
export const COLORMAPS = ["grey", "viridis"] as const;

/**
 * Check a front-end update (or an update from code) of the explorer's writable attributes.
 * @param patch - the attributes to set.
 * @param dims - the stack's sizes.
 * @returns the normalised patch.
 * @throws TypeError / RangeError naming the attribute and what was expected.
 * @example
 * validateExplorerUpdate({ energy_index: 3 }, { n_e: 10, ny: 4, nx: 5 }) // → { energy_index: 3 }
 */
export function validateExplorerUpdate(patch: Partial<StackExplorerState>, dims: { n_e: number; ny: number; nx: number }): Partial<StackExplorerState> {
  const out: Partial<StackExplorerState> = {};
  if ("energy_index" in patch) {
    const e = patch.energy_index;
    if (typeof e !== "number" || !Number.isInteger(e) || e < 0 || e >= dims.n_e) throw new RangeError(`energy_index must be an integer in [0, ${dims.n_e}), got ${JSON.stringify(e)}`);
    out.energy_index = e;
  }
  if ("contrast" in patch) {
    if (!CONTRASTS.includes(patch.contrast as (typeof CONTRASTS)[number])) throw new RangeError(`contrast must be "linear" or "log", got ${JSON.stringify(patch.contrast)}`);
    out.contrast = patch.contrast;
  }
  if ("colormap" in patch) {
    if (!COLORMAPS.includes(patch.colormap as (typeof COLORMAPS)[number])) throw new RangeError(`colormap must be "grey" or "viridis", got ${JSON.stringify(patch.colormap)}`);
    out.colormap = patch.colormap;
  }
  if ("clip" in patch) {
    const c = patch.clip;
    if (typeof c !== "number" || !(c >= 0 && c < 50)) throw new RangeError(`clip must be a percentage in [0, 50), got ${JSON.stringify(c)}`);
    out.clip = c;
  }
  if ("pixel" in patch) {
    const p = patch.pixel;
    if (p !== null) {
      if (!Array.isArray(p) || p.length !== 2 || !p.every((v) => typeof v === "number" && Number.isInteger(v))) throw new TypeError(`pixel must be [y, x] (integers) or null, got ${JSON.stringify(p)}`);
      if (p[0] < 0 || p[0] >= dims.ny || p[1] < 0 || p[1] >= dims.nx) throw new RangeError(`pixel [${p[0]}, ${p[1]}] is outside the image (${dims.ny} rows × ${dims.nx} columns)`);
    }
    out.pixel = p === null ? null : [p[0], p[1]];
  }
  if ("region" in patch) out.region = checkRegion(patch.region, dims.ny, dims.nx);
  return out;
}
