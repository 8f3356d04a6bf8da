/**
 * A simple, explicit model of a hard-XAS K-edge spectrum for the simulated beamline: an arctan
 * edge step, Lorentzian/Gaussian white-line and pre-edge peaks, and EXAFS from single-scattering
 * shells; with its exact ground truth (half-step energy, apparent χ(R) peak positions).
 * @module
 */
import { KTOE } from "../xas/kspace";

/** A peak on the edge, in units of the edge step. */
export interface XasPeak {
  /** Centre, eV. */
  energy: number;
  /** Height in units of the edge step. */
  height: number;
  /** Half width at half maximum, eV. */
  width: number;
  /** Default "lorentzian". */
  shape?: "lorentzian" | "gaussian";
}

/** One single-scattering shell: χ(k) = S0²·N·A/(k R²)·e^(−2k²σ²)·e^(−2R/λ)·sin(2k(R − phaseShift) + phase0). */
export interface XasShell {
  /** E.g. "Ru–O". */
  label: string;
  /** Coordination number. */
  n: number;
  /** Distance, Å. */
  r: number;
  /** Debye–Waller factor σ², Å². */
  sigma2: number;
  /** Backscattering amplitude (a constant |f|). Default 1. */
  amplitude?: number;
  /** Linear phase of the scattering: the FT peak (no phase correction) sits near r − phaseShift. Default 0.5 Å. */
  phaseShift?: number;
  /** Constant phase, rad. Default 0. */
  phase0?: number;
  /** Mean free path λ, Å. Default 8. */
  lambda?: number;
}

/** A K-edge spectrum model. Energies are true (calibrated) energies in eV. */
export interface XasModel {
  name: string;
  /** Absorber and edge, e.g. "Ru", "K". */
  element: string;
  edge: string;
  /** Centre of the arctan step, eV (its derivative peaks here). */
  e0: number;
  /** Half width of the arctan step, eV. */
  width: number;
  /** Edge step (units of μ). */
  step: number;
  /** Pre-edge background: μ = offset + slope·(E − e0) below the edge (continues above). */
  preOffset: number;
  preSlope: number;
  /** Fractional decline of the atomic background per keV above e0. Default 0.05. */
  postDecay?: number;
  /** White lines and pre-edge peaks. */
  peaks: XasPeak[];
  /** EXAFS shells. */
  shells: XasShell[];
  /** S0². Default 0.9. */
  s02?: number;
  /** Energy origin of k for the EXAFS, eV. Default e0 + 5. */
  ek0?: number;
}

/** χ(k) of the shells of `model` (dimensionless), k in Å⁻¹; 0 for k ≤ 0. Rises smoothly from k = 0 (factor 1 − e^(−k⁴/40): a third at 2 Å⁻¹, 0.87 at 3 Å⁻¹; dμ/dE stays finite at the onset). */
export function xasChi(model: XasModel, k: number): number {
  if (!(k > 0)) return 0;
  const s02 = model.s02 ?? 0.9;
  let chi = 0;
  for (const sh of model.shells) {
    const amp = sh.amplitude ?? 1, a = sh.phaseShift ?? 0.5, p0 = sh.phase0 ?? 0, lam = sh.lambda ?? 8;
    chi += ((s02 * sh.n * amp) / (k * sh.r * sh.r)) * Math.exp(-2 * k * k * sh.sigma2) * Math.exp((-2 * sh.r) / lam) * Math.sin(2 * k * (sh.r - a) + p0);
  }
  return chi * (1 - Math.exp(-(k ** 4) / 40));
}

/** The normalised spectrum of `model` at E (0 far below the edge, ≈ 1 far above, with the peaks and EXAFS). */
export function xasNormalized(model: XasModel, e: number): number {
  let y = 0.5 + Math.atan((e - model.e0) / model.width) / Math.PI;
  for (const p of model.peaks) {
    const x = (e - p.energy) / p.width;
    y += p.height * ((p.shape ?? "lorentzian") === "gaussian" ? Math.exp(-0.5 * x * x * 2 * Math.LN2) : 1 / (1 + x * x));
  }
  const ek0 = model.ek0 ?? model.e0 + 5;
  if (e > ek0) y += xasChi(model, Math.sqrt((e - ek0) / KTOE)) * (0.5 + Math.atan((e - model.e0) / model.width) / Math.PI);
  return y;
}

/**
 * μ(E) of the model on the given energies: pre-edge line + step·normalised·(1 − postDecay·(E − e0)/1000 above e0).
 * @example
 * const mu = xasMu(model, energies);
 */
export function xasMu(model: XasModel, energies: ArrayLike<number>): Float64Array {
  const decay = model.postDecay ?? 0.05;
  return Float64Array.from(energies, (e) => model.preOffset + model.preSlope * (e - model.e0) + model.step * xasNormalized(model, e) * (1 - (decay * Math.max(0, e - model.e0)) / 1000));
}

/**
 * Exact energy at which the model's normalised spectrum first reaches `fraction` (bisection to
 * 1e-6 eV, searched upwards from e0 − 40 eV) — the planted "half-step" edge position.
 * @example
 * halfStepEnergy(model); // eV
 */
export function halfStepEnergy(model: XasModel, fraction = 0.5): number {
  let lo = model.e0 - 40;
  let e = lo;
  while (xasNormalized(model, e) < fraction) { lo = e; e += 0.01; if (e > model.e0 + 100) throw new RangeError(`halfStepEnergy: "${model.name}" never reaches ${fraction}`); }
  let hi = e;
  while (hi - lo > 1e-6) { const m = 0.5 * (lo + hi); if (xasNormalized(model, m) < fraction) lo = m; else hi = m; }
  return 0.5 * (lo + hi);
}

/** The same model moved so that its half-step energy is `target` eV (all energies shifted together). */
export function placeHalfStep(model: XasModel, target: number, fraction = 0.5): XasModel {
  const d = target - halfStepEnergy(model, fraction);
  return { ...model, e0: model.e0 + d, ek0: model.ek0 === undefined ? undefined : model.ek0 + d, peaks: model.peaks.map((p) => ({ ...p, energy: p.energy + d })) };
}
