import type { Stack } from "../types/stack";
import { checkMask, checkNumber, checkOptions, checkRange, checkRect, checkStack, nearestIndex, rangeIndices, type EnergyRange, type Rect } from "./_util";

/** Options of {@link thresholdMask}. */
export interface ThresholdMaskOptions {
  /** The energy (eV) of the image thresholded; the nearest recorded energy is used. Required (O 529.5, Mn 644, Co 780, Ni 852 eV in the paper). */
  energy: number;
  /** Keep pixels whose value minus the background exceeds this (OD units). Required. */
  threshold: number;
  /** Background subtracted before comparing: the mean of the image at `energy` over a sample-free rectangle. */
  backgroundRegion?: Rect;
  /** Background as the mean of the image at `energy` over a sample-free mask `[ny, nx]`. */
  backgroundMask?: ArrayLike<number | boolean>;
  /** Background per pixel: its mean over this energy range (e.g. the pre-edge, O 520–526 eV). */
  backgroundRange?: EnergyRange;
}

/** Result of {@link thresholdMask}. */
export interface ThresholdMaskResult {
  /** `[ny, nx]`, 1 = kept (index y·nx + x). */
  mask: Uint8Array;
  /** Number of kept pixels. */
  count: number;
  /** The recorded energy used (eV) and its index. */
  energy: number;
  /** See `energy`. */
  energyIndex: number;
  /** The compared value of every pixel (image minus background), `[ny, nx]`. */
  values: Float64Array;
}

/**
 * Mask of the pixels whose intensity at one energy exceeds a threshold relative to the
 * background (Gent et al. 2017, Supplementary Methods: thresholded average spectra).
 * NaN pixels are never kept.
 *
 * @param stack - OD stack `[nE, ny, nx]`.
 * @param options - {@link ThresholdMaskOptions}; `energy` and `threshold` are required.
 * @returns the mask and the number of pixels kept.
 * @throws RangeError when no pixel passes (the message gives the range of values).
 * @example
 * const { mask } = thresholdMask(od, { energy: 529.5, threshold: 0.2, backgroundRange: [520, 526] });
 */
export function thresholdMask(stack: Stack, options: ThresholdMaskOptions): ThresholdMaskResult {
  const fn = "thresholdMask";
  checkOptions(fn, options, ["energy", "threshold", "backgroundRegion", "backgroundMask", "backgroundRange"]);
  checkStack(fn, stack);
  if (!options) throw new Error(`${fn}: options "energy" and "threshold" are required`);
  const energy = checkNumber(fn, "energy", options.energy);
  const threshold = checkNumber(fn, "threshold", options.threshold);
  const given = ["backgroundRegion", "backgroundMask", "backgroundRange"].filter((k) => (options as unknown as Record<string, unknown>)[k] !== undefined);
  if (given.length > 1) throw new Error(`${fn}: give at most one of the options ${given.join(", ")}`);
  const { ny, nx } = stack;
  const n = ny * nx;
  const ei = nearestIndex(stack.energies, energy);
  const d = stack.data;
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) values[i] = d[ei * n + i];
  if (options.backgroundRegion !== undefined || options.backgroundMask !== undefined) {
    let m: Uint8Array;
    if (options.backgroundRegion !== undefined) {
      const r = checkRect(fn, "backgroundRegion", options.backgroundRegion, ny, nx);
      m = new Uint8Array(n);
      for (let y = r.y0; y < r.y1; y++) for (let x = r.x0; x < r.x1; x++) m[y * nx + x] = 1;
    } else {
      const c = checkMask(fn, "backgroundMask", options.backgroundMask as ArrayLike<number>, ny, nx);
      if (c.count === 0) throw new RangeError(`${fn}: option "backgroundMask" selects no pixel; expected a sample-free area`);
      m = c.mask;
    }
    let s = 0;
    let c = 0;
    for (let i = 0; i < n; i++) {
      if (m[i] && Number.isFinite(values[i])) {
        s += values[i];
        c++;
      }
    }
    if (c === 0) throw new RangeError(`${fn}: the background area has no finite value at ${stack.energies[ei]} eV`);
    const b = s / c;
    for (let i = 0; i < n; i++) values[i] -= b;
  } else if (options.backgroundRange !== undefined) {
    const idx = rangeIndices(fn, "backgroundRange", stack.energies, checkRange(fn, "backgroundRange", options.backgroundRange));
    const bg = new Float64Array(n);
    for (const e of idx) for (let i = 0; i < n; i++) bg[i] += d[e * n + i];
    for (let i = 0; i < n; i++) values[i] -= bg[i] / idx.length;
  }
  const mask = new Uint8Array(n);
  let count = 0;
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (Number.isFinite(v)) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
    if (v > threshold) {
      mask[i] = 1;
      count++;
    }
  }
  if (count === 0) {
    throw new RangeError(
      `${fn}: threshold ${threshold} at ${stack.energies[ei]} eV keeps no pixel (values span ${lo} … ${hi}); expected a threshold below the largest value`,
    );
  }
  return { mask, count, energy: stack.energies[ei], energyIndex: ei, values };
}
