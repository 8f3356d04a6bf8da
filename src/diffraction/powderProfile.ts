/**
 * A continuous powder profile from a reflection list: pseudo-Voigt peaks on a 2θ grid, with a
 * constant FWHM or the Caglioti law FWHM² = U tan²θ + V tanθ + W, and optionally the Kα2 line.
 * @module
 */
import { checkOptions } from "../util/checkOptions";
import type { PowderPattern } from "./powderPattern";

/** Options of {@link powderProfile}. */
export interface PowderProfileOptions {
  /** 2θ grid: start, stop and step in degrees. @default the pattern's range, step 0.01° */
  grid?: { start: number; stop: number; step: number };
  /** Peak width: a constant FWHM in degrees, or Caglioti U, V, W in deg². @default 0.1 */
  fwhm?: number | { U: number; V: number; W: number };
  /** Lorentzian fraction η of the pseudo-Voigt (0 = Gaussian, 1 = Lorentzian). @default 0.5 */
  eta?: number;
  /** Add the Kα2 line (the pattern's `alpha2Wavelength`) with this intensity ratio to Kα1 (Cu: 0.5); 0 = none. @default 0 */
  alpha2Ratio?: number;
  /** Scale the profile so its highest point is 100. @default true */
  normalize?: boolean;
}

/** A profile: 2θ grid and intensity. */
export interface PowderProfile {
  /** 2θ, degrees. */
  twoTheta: Float64Array;
  /** Intensity on the grid (peak areas = reflection intensities before normalisation). */
  intensity: Float64Array;
}

const RAD = Math.PI / 180;

/**
 * Sum a pseudo-Voigt peak of unit area per reflection (times its intensity) on a 2θ grid.
 * Peaks are cut at ±30 FWHM.
 *
 * @param pattern from {@link powderPattern}.
 * @param options {@link PowderProfileOptions}.
 * @returns {@link PowderProfile}.
 * @throws Error for an unknown option, a grid with more than 10⁷ points, η outside 0–1, a FWHM ≤ 0.
 * @example
 * const prof = powderProfile(p, { fwhm: { U: 0.01, V: -0.005, W: 0.005 }, eta: 0.4, alpha2Ratio: 0.5 });
 */
export function powderProfile(pattern: PowderPattern, options: PowderProfileOptions = {}): PowderProfile {
  const fn = "powderProfile";
  checkOptions(fn, options, ["grid", "fwhm", "eta", "alpha2Ratio", "normalize"]);
  const grid = options.grid ?? { start: pattern.twoThetaRange[0], stop: pattern.twoThetaRange[1], step: 0.01 };
  checkOptions(`${fn}: option grid`, grid, ["start", "stop", "step"]);
  const { start, stop, step } = grid;
  if (![start, stop, step].every(Number.isFinite) || !(step > 0) || !(stop > start)) {
    throw new RangeError(`${fn}: option grid must be { start, stop, step } degrees with stop > start and step > 0, got ${JSON.stringify(grid)}`);
  }
  const n = Math.floor((stop - start) / step + 1e-9) + 1;
  if (n > 1e7) throw new RangeError(`${fn}: the grid has ${n} points; expected at most 10^7 (use a larger step)`);
  const eta = options.eta ?? 0.5;
  if (!(eta >= 0 && eta <= 1)) throw new RangeError(`${fn}: option eta must be between 0 and 1, got ${eta}`);
  const fw = options.fwhm ?? 0.1;
  let width: (twoTheta: number) => number;
  if (typeof fw === "number") {
    if (!(fw > 0)) throw new RangeError(`${fn}: option fwhm must be > 0 degrees, got ${fw}`);
    width = () => fw;
  } else {
    checkOptions(`${fn}: option fwhm`, fw, ["U", "V", "W"]);
    const { U, V, W } = fw;
    if (![U, V, W].every(Number.isFinite)) throw new TypeError(`${fn}: option fwhm must be a number or { U, V, W } in deg², got ${JSON.stringify(fw)}`);
    width = (tt) => {
      const t = Math.tan((tt / 2) * RAD);
      const f2 = U * t * t + V * t + W;
      if (!(f2 > 0)) throw new RangeError(`${fn}: Caglioti U, V, W give FWHM² = ${f2} ≤ 0 at 2θ = ${tt.toFixed(2)}°`);
      return Math.sqrt(f2);
    };
  }
  const ratio2 = options.alpha2Ratio ?? 0;
  if (!(ratio2 >= 0)) throw new RangeError(`${fn}: option alpha2Ratio must be ≥ 0, got ${ratio2}`);
  if (ratio2 > 0 && pattern.alpha2Wavelength === undefined) {
    throw new Error(`${fn}: option alpha2Ratio needs a Kα2 line, but the pattern's wavelength is ${pattern.wavelengthName} (use wavelength "CuKa1" etc.)`);
  }
  const x = new Float64Array(n);
  for (let i = 0; i < n; i++) x[i] = start + i * step;
  const y = new Float64Array(n);
  const add = (center: number, area: number) => {
    const h = width(center);
    const lo = Math.max(0, Math.floor((center - 30 * h - start) / step));
    const hi = Math.min(n - 1, Math.ceil((center + 30 * h - start) / step));
    const g0 = (2 / h) * Math.sqrt(Math.LN2 / Math.PI);
    const gk = (4 * Math.LN2) / (h * h);
    const l0 = 2 / (Math.PI * h);
    for (let i = lo; i <= hi; i++) {
      const d = x[i] - center;
      const d2 = d * d;
      y[i] += area * ((1 - eta) * g0 * Math.exp(-gk * d2) + (eta * l0) / (1 + (4 * d2) / (h * h)));
    }
  };
  for (const r of pattern.reflections) {
    add(r.twoTheta, r.intensity);
    if (ratio2 > 0) {
      const s = (pattern.alpha2Wavelength! / (2 * r.d));
      if (s < 1) add((2 * Math.asin(s)) / RAD, ratio2 * r.intensity);
    }
  }
  if (options.normalize ?? true) {
    let m = 0;
    for (let i = 0; i < n; i++) if (y[i] > m) m = y[i];
    if (m > 0) for (let i = 0; i < n; i++) y[i] *= 100 / m;
  }
  return { twoTheta: x, intensity: y };
}
