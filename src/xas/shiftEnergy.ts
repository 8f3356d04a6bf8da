/**
 * Apply an energy shift (calibration) to a spectrum.
 * @module
 */
import type { Spectrum } from "../types/spectrum";
import { checkFinite, checkMu } from "./checkMu";

/**
 * The same spectrum on the energy axis E + shift (a calibration found on the reference foil
 * measured at the same time, see {@link calibrate}). Values are not interpolated.
 *
 * @param s - the spectrum (energies in eV).
 * @param shift - in eV (positive moves the spectrum to higher energy).
 * @returns a new Spectrum (same values, name and unit).
 * @example
 * const cal = calibrate(foil, { element: "Ru", edge: "K" });
 * const sample = shiftEnergy(rawSample, cal.shift);
 */
export function shiftEnergy(s: Spectrum, shift: number): Spectrum {
  const { energies, values } = checkMu("shiftEnergy", "s", s, 1);
  const d = checkFinite("shiftEnergy", "shift", shift);
  return { energies: Float64Array.from(energies, (e) => e + d), values: Float64Array.from(values), name: s.name ?? "", unit: s.unit ?? "" };
}
