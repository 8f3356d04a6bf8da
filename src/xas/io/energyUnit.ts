/**
 * The unit of an energy column whose name does not give it.
 * @module
 */
import type { XasScan } from "../scan";

/**
 * @internal
 * When the scan's energy column has no unit and its values are keV beyond reasonable doubt, set
 * `units[energy] = "keV"` and say so in `warnings`. keV means: all values in (0.1, 200) and either
 * all below 40 (no absorption edge is measured in eV below 40 eV) or a median step below 0.02
 * (an eV scan of a soft edge such as Li K at 55 eV or a transition-metal M edge steps by tenths
 * of an eV, a keV scan by thousandths).
 */
export function guessKeV(scan: XasScan): void {
  const name = scan.energy;
  if (name === undefined || scan.units[name] !== undefined || scan.nPoints === 0) return;
  const e = scan.columns[name];
  let lo = Infinity, hi = -Infinity;
  for (const v of e) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (!(lo > 0.1 && hi < 200)) return;
  const steps: number[] = [];
  for (let i = 1; i < e.length; i++) steps.push(Math.abs(e[i] - e[i - 1]));
  steps.sort((a, b) => a - b);
  const median = steps.length > 0 ? steps[steps.length >> 1] : NaN;
  if (hi < 40 || median < 0.02) {
    scan.units[name] = "keV";
    scan.warnings.push(`energy column "${name}" runs ${lo}–${hi}${Number.isFinite(median) ? ` in steps of about ${+median.toPrecision(3)}` : ""}: taken as keV (scanSpectrum converts to eV); if it is not, name the unit`);
  }
}
