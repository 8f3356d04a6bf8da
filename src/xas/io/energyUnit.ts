/**
 * The unit of an energy column whose name does not give it.
 * @module
 */
import type { XasScan } from "../scan";

/**
 * @internal
 * When the scan's energy column has no unit and all its values lie in (0.1, 200), they are keV
 * (no X-ray absorption edge lies below 200 eV in those scans, and keV columns are common in SPEC
 * and EPICS files): set `units[energy] = "keV"` and say so in `warnings`.
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
  if (lo > 0.1 && hi < 200) {
    scan.units[name] = "keV";
    scan.warnings.push(`energy column "${name}" runs ${lo}–${hi}: taken as keV (scanSpectrum converts to eV); if it is not, name the unit`);
  }
}
