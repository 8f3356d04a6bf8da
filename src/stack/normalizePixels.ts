import type { Stack } from "../types/stack";
import { checkIncreasing, checkOptions, checkRange, checkStack, derive, rangeIndices, type EnergyRange } from "./_util";

/** Options of {@link normalizePixels}. With no range given, the paper's O K ranges are used. */
export interface NormalizePixelsOptions {
  /** Background range (eV) whose mean is subtracted from every pixel spectrum (default O K: [520, 526]). */
  background?: EnergyRange;
  /** Range (eV) whose trapezoid area of the background-subtracted spectrum divides it (default O K: [525, 535]). */
  area?: EnergyRange;
  /**
   * Range (eV) whose trapezoid area of the background-subtracted spectrum is the pixel's
   * brightness (O 535–560, Ni 851–857, Co 776–784, Mn 638–647 eV). Default: [535, 560] when
   * neither `background` nor `area` is given, else the `area` range.
   */
  brightness?: EnergyRange;
}

/** Result of {@link normalizePixels}. */
export interface NormalizePixelsResult {
  /** Normalised spectra `(OD − background) / area`, shape `[nE, ny, nx]`; NaN for invalid pixels. */
  stack: Stack;
  /** Per-pixel background mean (OD), `[ny, nx]`. */
  background: Float64Array;
  /** Per-pixel area of the area range (OD·eV), `[ny, nx]`. */
  area: Float64Array;
  /** Per-pixel brightness (OD·eV), `[ny, nx]`. */
  brightness: Float64Array;
  /** Pixels whose area was ≤ 0 or not finite (set to NaN in `stack`). */
  invalid: number;
  /** The ranges used (eV). */
  ranges: { background: EnergyRange; area: EnergyRange; brightness: EnergyRange };
}

/**
 * Per-pixel normalisation of Gent et al. 2017 (Supplementary Methods): subtract each pixel's
 * mean over the background range, divide by the trapezoid area over the area range, and
 * report the brightness (area of a post-edge or L3 range, background subtracted). Pixels whose
 * area is not positive become NaN and are counted. Streams over energies with three
 * per-pixel accumulators, so memory is the output (8·nE·ny·nx bytes) plus 24·ny·nx bytes.
 *
 * @param stack - OD stack `[nE, ny, nx]`, energies increasing.
 * @param options - {@link NormalizePixelsOptions}.
 * @returns the normalised stack and the per-pixel maps.
 * @example
 * const { stack: norm, brightness } = normalizePixels(od, { background: [520, 526], area: [525, 535], brightness: [535, 560] });
 */
export function normalizePixels(stack: Stack, options: NormalizePixelsOptions = {}): NormalizePixelsResult {
  const fn = "normalizePixels";
  checkOptions(fn, options, ["background", "area", "brightness"]);
  checkStack(fn, stack);
  checkIncreasing(fn, stack.energies);
  const oxygen = options.background === undefined && options.area === undefined;
  const bgR = checkRange(fn, "background", options.background ?? [520, 526]);
  const arR = checkRange(fn, "area", options.area ?? [525, 535]);
  const brR = checkRange(fn, "brightness", options.brightness ?? (oxygen ? [535, 560] : arR));
  const e = stack.energies;
  const bgI = rangeIndices(fn, "background", e, bgR);
  const arI = rangeIndices(fn, "area", e, arR);
  const brI = rangeIndices(fn, "brightness", e, brR);
  if (arI.length < 2) throw new RangeError(`${fn}: area range [${arR[0]}, ${arR[1]}] eV holds ${arI.length} energy; expected at least 2 to integrate`);
  if (brI.length < 2) throw new RangeError(`${fn}: brightness range [${brR[0]}, ${brR[1]}] eV holds ${brI.length} energy; expected at least 2 to integrate`);
  const { nE, ny, nx } = stack;
  const n = ny * nx;
  const d = stack.data;
  const bg = new Float64Array(n);
  for (const k of bgI) {
    const off = k * n;
    for (let i = 0; i < n; i++) bg[i] += d[off + i];
  }
  for (let i = 0; i < n; i++) bg[i] /= bgI.length;
  const integrate = (idx: number[]): Float64Array => {
    const acc = new Float64Array(n);
    for (let j = 1; j < idx.length; j++) {
      const a = idx[j - 1] * n;
      const b = idx[j] * n;
      const h = e[idx[j]] - e[idx[j - 1]];
      for (let i = 0; i < n; i++) acc[i] += (h * (d[b + i] - bg[i] + (d[a + i] - bg[i]))) / 2;
    }
    return acc;
  };
  const area = integrate(arI);
  const brightness = integrate(brI);
  const out = new Float64Array(nE * n);
  let invalid = 0;
  const inv = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    if (area[i] > 0 && Number.isFinite(area[i])) inv[i] = area[i];
    else {
      inv[i] = NaN;
      invalid++;
    }
  }
  for (let k = 0; k < nE; k++) {
    const off = k * n;
    for (let i = 0; i < n; i++) out[off + i] = (d[off + i] - bg[i]) / inv[i];
  }
  return {
    stack: derive(stack, { data: out, metadata: { normalized: { background: bgR, area: arR, brightness: brR } } }),
    background: bg,
    area,
    brightness,
    invalid,
    ranges: { background: bgR, area: arR, brightness: brR },
  };
}
