/**
 * Normalise one spectrum for presentation: subtract the mean over a background range, divide by
 * the integrated area over another range (trapezoidal, in value·eV).
 * @module
 */
import type { EnergyRange } from "./_util";
import type { Spectrum } from "../types/spectrum";
import { checkOptions } from "./_util";

/** Options of {@link normalizeSpectrum}. */
export interface NormalizeSpectrumOptions {
  /** Background range (eV) whose mean is subtracted. Required. */
  background: EnergyRange;
  /** Range (eV) whose integrated area becomes 1 (e.g. the O post-edge 535–560, or the whole L3 edge). Required. */
  area: EnergyRange;
}


function inRange(energies: Float64Array, [lo, hi]: EnergyRange): number[] {
  const idx: number[] = [];
  energies.forEach((e, i) => {
    if (e >= lo && e <= hi) idx.push(i);
  });
  return idx;
}

/**
 * @param spectrum - energies (eV, ascending) and values.
 * @param options - background and area ranges.
 * @returns a new spectrum (same energies) with background 0 and unit area over `area`.
 * @throws RangeError when a range holds no energy (background) or fewer than two (area), or the area is not positive.
 * @example
 * normalizeSpectrum(avg, { background: [520, 526], area: [535, 560] });
 */
export function normalizeSpectrum(spectrum: Spectrum, options: NormalizeSpectrumOptions): Spectrum {
  checkOptions("normalizeSpectrum", options, ["background", "area"]);
  const { energies, values } = spectrum;
  if (energies.length !== values.length) throw new RangeError(`normalizeSpectrum: energies has ${energies.length} points but values has ${values.length}`);
  const bg = inRange(energies, options.background);
  if (bg.length === 0) throw new RangeError(`normalizeSpectrum: background range [${options.background}] eV holds no energy of the spectrum (${energies[0]}–${energies[energies.length - 1]} eV)`);
  const base = bg.reduce((s, i) => s + values[i], 0) / bg.length;
  const ar = inRange(energies, options.area);
  if (ar.length < 2) throw new RangeError(`normalizeSpectrum: area range [${options.area}] eV holds ${ar.length} energies, expected at least 2`);
  let area = 0;
  for (let j = 1; j < ar.length; j++) {
    const a = ar[j - 1];
    const b = ar[j];
    area += 0.5 * (values[a] - base + values[b] - base) * (energies[b] - energies[a]);
  }
  if (!(area > 0)) throw new RangeError(`normalizeSpectrum: the area over [${options.area}] eV after background subtraction is ${area}, expected > 0`);
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = (values[i] - base) / area;
  // The name is kept; the unit becomes that of a spectrum whose area over `area` is 1.
  return { energies: Float64Array.from(energies), values: out, ...(spectrum.name !== undefined ? { name: spectrum.name } : {}), unit: "normalised (area = 1)" };
}
