import type { Stack } from "../types/stack";
import { checkMask, checkOptions, checkStack } from "./_util";

/** Options of {@link averageSpectrum}. */
export interface AverageSpectrumOptions {
  /** Pixels to include, `[ny, nx]` (non-zero = include). Default: all pixels. */
  mask?: ArrayLike<number | boolean>;
  /** "mean" (default) or "sum" (the paper sums the thresholded pixels). */
  mode?: "mean" | "sum";
}

/** Result of {@link averageSpectrum}. */
export interface AverageSpectrumResult {
  /** Energies in eV, length `nE`. */
  energies: Float64Array;
  /** The mean (or sum) spectrum, length `nE`; NaN pixel values are skipped per energy. */
  values: Float64Array;
  /** Number of pixels in the mask. */
  count: number;
}

/**
 * The sample-average spectrum of the masked pixels (e.g. from `thresholdMask`).
 *
 * @param stack - OD stack `[nE, ny, nx]`.
 * @param options - {@link AverageSpectrumOptions}.
 * @returns energies, the spectrum and the pixel count.
 * @throws RangeError when the mask selects no pixel.
 * @example
 * const avg = averageSpectrum(od, { mask: thresholdMask(od, { energy: 529.5, threshold: 0.2 }).mask });
 */
export function averageSpectrum(stack: Stack, options: AverageSpectrumOptions = {}): AverageSpectrumResult {
  const fn = "averageSpectrum";
  checkOptions(fn, options, ["mask", "mode"]);
  checkStack(fn, stack);
  const { nE, ny, nx } = stack;
  const n = ny * nx;
  const { mask, count } = options.mask !== undefined ? checkMask(fn, "mask", options.mask, ny, nx) : { mask: new Uint8Array(n).fill(1), count: n };
  if (count === 0) throw new RangeError(`${fn}: option "mask" selects no pixel; expected at least one`);
  const mode = options.mode ?? "mean";
  if (mode !== "mean" && mode !== "sum") throw new Error(`${fn}: option "mode" must be "mean" or "sum", got ${JSON.stringify(mode)}`);
  const d = stack.data;
  const values = new Float64Array(nE);
  for (let e = 0; e < nE; e++) {
    let s = 0;
    let c = 0;
    const off = e * n;
    for (let i = 0; i < n; i++) {
      if (mask[i] && !Number.isNaN(d[off + i])) {
        s += d[off + i];
        c++;
      }
    }
    values[e] = mode === "sum" ? s : c > 0 ? s / c : NaN;
  }
  return { energies: Float64Array.from(stack.energies), values, count };
}
