import type { Spectrum } from "../types/spectrum";
import { naturalSpline } from "./_spline";
import { checkIncreasing, checkNumber, checkOptions, checkRange, type EnergyRange } from "./_util";


/** Options of {@link energyOffset}. */
export interface EnergyOffsetOptions {
  /** Compare only sample energies inside this range (eV). Default: all. */
  range?: EnergyRange;
  /** Largest offset tried, eV (default 2). */
  maxShift?: number;
  /** Grid step of the search, eV (default 0.01); the minimum is then refined by a parabola. */
  step?: number;
  /** Fit a scale and a constant between the spectra at each trial shift (default true). */
  scale?: boolean;
}

/** Result of {@link energyOffset}. */
export interface EnergyOffsetResult {
  /**
   * The offset in eV, recorded − true: a feature the reference shows at E appears in the sample
   * at E + offset. Correct the sample with `applyEnergyOffset(stack, offset)` (energies − offset).
   */
  offset: number;
  /** Root-mean-square residual of the best fit (sample units). */
  rms: number;
  /** Scale and constant of the best fit (sample ≈ scale · reference(E − offset) + constant). */
  scale: number;
  /** See `scale`. */
  constant: number;
  /** Number of sample points compared at the best shift. */
  points: number;
}

/**
 * The energy offset between a sample's spectrum and a reference spectrum, by least squares over
 * a shift: for every trial δ the reference, interpolated with a natural cubic spline at E − δ,
 * is fitted to the sample (with a free scale and constant); the δ of smallest residual is refined
 * by a parabola through its neighbours (sub-step precision). The reference may be on a different,
 * finer grid. Use the same reference material measured in the sample's session (the paper used
 * pristine LMR-NMC powder) and apply the offset to that session's stacks.
 *
 * @param sample - the spectrum to calibrate (energies in eV as recorded).
 * @param reference - the spectrum on the true energy scale.
 * @param options - {@link EnergyOffsetOptions}.
 * @returns the offset in eV and the fit quality.
 * @example
 * const { offset } = energyOffset(sessionRef, canonicalRef, { range: [525, 540] });
 * const calibrated = applyEnergyOffset(od, offset);
 */
export function energyOffset(sample: Spectrum, reference: Spectrum, options: EnergyOffsetOptions = {}): EnergyOffsetResult {
  const fn = "energyOffset";
  checkOptions(fn, options, ["range", "maxShift", "step", "scale"]);
  for (const [name, s] of [["sample", sample], ["reference", reference]] as const) {
    if (!s || !s.energies || !s.values || s.energies.length !== s.values.length || s.energies.length < 4) {
      throw new RangeError(`${fn}: ${name} must have energies and values of equal length ≥ 4`);
    }
    checkIncreasing(`${fn} (${name})`, s.energies);
    for (let i = 0; i < s.values.length; i++) {
      if (!Number.isFinite(s.values[i])) throw new RangeError(`${fn}: ${name} value ${i} is ${s.values[i]}; expected finite numbers`);
    }
  }
  const range = options.range !== undefined ? checkRange(fn, "range", options.range) : ([-Infinity, Infinity] as const);
  const maxShift = checkNumber(fn, "maxShift", options.maxShift ?? 2, 0);
  const step = checkNumber(fn, "step", options.step ?? 0.01, 1e-6);
  const useScale = options.scale ?? true;
  const ref = naturalSpline(reference.energies, reference.values);
  const idx: number[] = [];
  for (let i = 0; i < sample.energies.length; i++) if (sample.energies[i] >= range[0] && sample.energies[i] <= range[1]) idx.push(i);
  if (idx.length < 4) throw new RangeError(`${fn}: fewer than 4 sample energies inside option "range" [${range[0]}, ${range[1]}] eV`);
  const fit = (delta: number): { sse: number; a: number; b: number; m: number } => {
    let m = 0;
    let sx = 0;
    let sy = 0;
    let sxx = 0;
    let sxy = 0;
    let syy = 0;
    for (const i of idx) {
      const r = ref(sample.energies[i] - delta);
      if (Number.isNaN(r)) continue;
      const s = sample.values[i];
      m++;
      sx += r;
      sy += s;
      sxx += r * r;
      sxy += r * s;
      syy += s * s;
    }
    if (m < 4) return { sse: Infinity, a: NaN, b: NaN, m };
    if (!useScale) {
      let sse = 0;
      for (const i of idx) {
        const r = ref(sample.energies[i] - delta);
        if (!Number.isNaN(r)) sse += (sample.values[i] - r) ** 2;
      }
      return { sse: sse / m, a: 1, b: 0, m };
    }
    const vx = sxx - (sx * sx) / m;
    const a = vx > 0 ? (sxy - (sx * sy) / m) / vx : 0;
    const b = (sy - a * sx) / m;
    const sse = Math.max(0, syy - (sy * sy) / m - a * (sxy - (sx * sy) / m));
    return { sse: sse / m, a, b, m };
  };
  const nSteps = Math.round(maxShift / step);
  const sses = new Float64Array(2 * nSteps + 1);
  let best = 0;
  for (let k = -nSteps; k <= nSteps; k++) {
    sses[k + nSteps] = fit(k * step).sse;
    if (sses[k + nSteps] < sses[best]) best = k + nSteps;
  }
  if (!Number.isFinite(sses[best])) throw new RangeError(`${fn}: the spectra do not overlap within ±${maxShift} eV`);
  let delta = (best - nSteps) * step;
  if (best > 0 && best < 2 * nSteps) {
    const m = sses[best - 1];
    const c = sses[best];
    const p = sses[best + 1];
    const den = m - 2 * c + p;
    if (den > 0 && Number.isFinite(den)) delta += step * Math.max(-0.5, Math.min(0.5, (0.5 * (m - p)) / den));
  }
  const f = fit(delta);
  return { offset: delta, rms: Math.sqrt(f.sse), scale: f.a, constant: f.b, points: f.m };
}
