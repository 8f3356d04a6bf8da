/**
 * Linear combination fitting of a spectrum with reference spectra.
 * @module
 */
import { nnlsQr, nnlsQrWorkspace } from "../linalg/nnlsQr";
import { solveSpd } from "../linalg/solveSpd";
import { checkArray, checkBool, checkNumber, checkOptions } from "./validate";
import { describe } from "../types/matrix";
import { checkSpectraArg, type Spectra } from "../types/spectra";
import { interpolateAt, type Spectrum } from "../types/spectrum";

/** Options of {@link lcf}. */
export interface LcfOptions {
  /** Constrain the weights to sum to 1. Default false. */
  sumToOne?: boolean;
  /** Constrain the weights to be ≥ 0. Default true. */
  nonNegative?: boolean;
  /** Per-point uncertainty of the spectrum (number or array); residuals are divided by it. Default 1. */
  sigma?: number | Float64Array;
  /** Fit one common energy shift δ (eV) between `min` and `max`: the references are evaluated at `energy − δ` (linear interpolation, constant beyond the ends). */
  energyShift?: { min: number; max: number };
}

/** Options of the array-level LCF ({@link lcfArrays}): the energy axis of a shift is given explicitly. */
export interface LcfArrayOptions extends Omit<LcfOptions, "energyShift"> {
  energyShift?: { energy: Float64Array; min: number; max: number };
}

/** Result of {@link lcfArrays}: the fit of plain arrays. */
export interface LcfFit {
  /** Weight of each reference, length nRefs. */
  weights: Float64Array;
  /** 1σ uncertainty of each weight from the covariance of the linearised fit, scaled by the reduced χ² (as lmfit/larch); 0 for weights held at a bound (0). */
  uncertainties: Float64Array;
  /** Σ weights. */
  sum: number;
  /** Fitted model, length nPoints. */
  fit: Float64Array;
  /** spectrum − fit, length nPoints. */
  residual: Float64Array;
  /** R-factor Σ r² / Σ y² (larch). */
  rFactor: number;
  /** χ² = Σ (r/σ)². */
  chi2: number;
  /** χ² / (nPoints − nVarys). */
  reducedChi2: number;
  /** Number of points. */
  nPoints: number;
  /** Number of free parameters (weights off their bounds, minus 1 with sum-to-one, plus 1 for a fitted shift). */
  nVarys: number;
  /** Fitted energy shift in eV (0 when not fitted). */
  shift: number;
  /** Options used. */
  sumToOne: boolean;
  nonNegative: boolean;
}

function interp(energy: Float64Array, y: Float64Array, at: number): number {
  const n = energy.length;
  if (at <= energy[0]) return y[0];
  if (at >= energy[n - 1]) return y[n - 1];
  let lo = 0, hi = n - 1;
  while (hi - lo > 1) { const m = (lo + hi) >> 1; if (energy[m] <= at) lo = m; else hi = m; }
  const t = (at - energy[lo]) / (energy[hi] - energy[lo]);
  return y[lo] + t * (y[hi] - y[lo]);
}

interface Solved { w: Float64Array; chi2: number }

function solveWeights(y: Float64Array, A: Float64Array[], sig: Float64Array, sumToOne: boolean, nonNeg: boolean): Solved {
  const k = A.length;
  const n = y.length;
  const w = new Float64Array(k);
  if (nonNeg) {
    // Lawson–Hanson on a QR factorisation of the σ-weighted references (not the normal equations,
    // which square their condition number: references 10⁶ apart in scale or correlated at 0.995)
    const M = new Float64Array(n * k);
    const c = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      c[i] = y[i] / sig[i];
      for (let s = 0; s < k; s++) M[i * k + s] = A[s][i] / sig[i];
    }
    nnlsQr(M, n, k, c, w, nnlsQrWorkspace(n, k), sumToOne);
  } else {
    const G = new Float64Array(k * k);
    const q = new Float64Array(k);
    for (let s = 0; s < k; s++) {
      for (let i = 0; i < n; i++) q[s] += (A[s][i] * y[i]) / (sig[i] * sig[i]);
      for (let t = s; t < k; t++) {
        let a = 0;
        for (let i = 0; i < n; i++) a += (A[s][i] * A[t][i]) / (sig[i] * sig[i]);
        G[s * k + t] = a;
        G[t * k + s] = a;
      }
    }
    const z = solveSpd(G, k, q);
    if (!z) throw new Error("lcf: the reference spectra are linearly dependent; remove duplicates");
    if (sumToOne) {
      const ones = new Float64Array(k).fill(1);
      const g1 = solveSpd(G, k, ones) as Float64Array;
      let s1 = 0, s2 = 0;
      for (let s = 0; s < k; s++) { s1 += z[s]; s2 += g1[s]; }
      const mu = (s1 - 1) / s2;
      for (let s = 0; s < k; s++) w[s] = z[s] - mu * g1[s];
    } else w.set(z);
  }
  let chi2 = 0;
  for (let i = 0; i < n; i++) {
    let r = y[i];
    for (let s = 0; s < k; s++) r -= w[s] * A[s][i];
    chi2 += (r / sig[i]) ** 2;
  }
  return { w, chi2 };
}

/**
 * Fit a spectrum as a weighted sum of reference spectra (e.g. the paper's fit of end members to
 * a sample's average spectrum for total phase fractions), optionally with non-negative and/or
 * sum-to-one weights and a common energy shift. Constraints are exact (active set on the normal
 * equations). Uncertainties: `sqrt(diag(redχ² · (JᵀJ)⁻¹))` over the free weights (with
 * sum-to-one, J uses the differences to one free reference and the last weight's variance is
 * propagated), like lmfit's scaled covariance used by larch; a fitted shift is treated as fixed
 * for the uncertainties.
 *
 * This is the array-level fit (values on one shared grid); {@link lcf} takes a {@link Spectrum}
 * and {@link Spectra} and resamples the references onto the spectrum's energies.
 *
 * @param spectrum - measured spectrum, length nPoints.
 * @param references - reference spectra on the same energies, each length nPoints.
 * @param options - {@link LcfArrayOptions}.
 * @returns {@link LcfFit}.
 * @example
 * ```ts
 * const r = lcfArrays(avgValues, [reduced, oxidised, carbon], { sumToOne: true });
 * r.weights; r.uncertainties; r.rFactor;
 * ```
 * @see Newville, larch `lincombo_fit` (xraylarch.github.io); Calvin, XAFS for Everyone (2013), ch. 11.
 */
export function lcfArrays(spectrum: Float64Array, references: ReadonlyArray<Float64Array>, options: LcfArrayOptions = {}, fn = "lcf"): LcfFit {
  checkOptions(fn, options, ["sumToOne", "nonNegative", "sigma", "energyShift"]);
  if (!(spectrum instanceof Float64Array) || spectrum.length < 1) throw new TypeError(`${fn}: spectrum must be a non-empty Float64Array`);
  const n = spectrum.length;
  checkArray(fn, "spectrum", spectrum, n, `[${n}]`);
  if (!Array.isArray(references) || references.length < 1) throw new TypeError(`${fn}: references must be a non-empty array of Float64Array spectra`);
  references.forEach((r, i) => checkArray(fn, `references[${i}]`, r, n, `[${n}] (same length as spectrum)`));
  const k = references.length;
  if (k > n) throw new RangeError(`${fn}: ${k} references but only ${n} points; need at most as many references as points`);
  const sumToOne = options.sumToOne === undefined ? false : checkBool(fn, "sumToOne", options.sumToOne);
  const nonNeg = options.nonNegative === undefined ? true : checkBool(fn, "nonNegative", options.nonNegative);
  let sig: Float64Array;
  if (options.sigma === undefined) sig = new Float64Array(n).fill(1);
  else if (typeof options.sigma === "number") sig = new Float64Array(n).fill(checkNumber(fn, "sigma", options.sigma, "positive"));
  else {
    sig = checkArray(fn, "sigma", options.sigma, n, `[${n}]`);
    for (let i = 0; i < n; i++) if (!(sig[i] > 0)) throw new RangeError(`${fn}: sigma[${i}] must be > 0, got ${sig[i]}`);
  }
  let A: Float64Array[] = [...references];
  let shift = 0;
  const es = options.energyShift;
  if (es !== undefined) {
    if (es === null || typeof es !== "object") throw new TypeError(`${fn}: energyShift must be { energy, min, max }`);
    checkArray(fn, "energyShift.energy", es.energy, n, `[${n}]`);
    for (let i = 1; i < n; i++) if (!(es.energy[i] > es.energy[i - 1])) throw new RangeError(`${fn}: energyShift.energy must be strictly increasing (index ${i})`);
    const lo = checkNumber(fn, "energyShift.min", es.min);
    const hi = checkNumber(fn, "energyShift.max", es.max);
    if (!(hi >= lo)) throw new RangeError(`${fn}: energyShift.max (${hi}) must be ≥ energyShift.min (${lo})`);
    const shifted = (d: number): Float64Array[] => references.map((r) => Float64Array.from(es.energy, (e) => interp(es.energy, r, e - d)));
    const cost = (d: number): number => solveWeights(spectrum, shifted(d), sig, sumToOne, nonNeg).chi2;
    // coarse grid, then golden-section refinement around the best grid point
    const steps = 40;
    let bestD = lo;
    let bestC = Infinity;
    for (let s = 0; s <= steps; s++) { const d = lo + ((hi - lo) * s) / steps; const c = cost(d); if (c < bestC) { bestC = c; bestD = d; } }
    let a = Math.max(lo, bestD - (hi - lo) / steps), b = Math.min(hi, bestD + (hi - lo) / steps);
    const gr = (Math.sqrt(5) - 1) / 2;
    let c1 = b - gr * (b - a), c2 = a + gr * (b - a);
    let f1 = cost(c1), f2 = cost(c2);
    for (let it = 0; it < 80 && b - a > 1e-9 * Math.max(1, Math.abs(hi - lo)); it++) {
      if (f1 < f2) { b = c2; c2 = c1; f2 = f1; c1 = b - gr * (b - a); f1 = cost(c1); }
      else { a = c1; c1 = c2; f1 = f2; c2 = a + gr * (b - a); f2 = cost(c2); }
    }
    shift = (a + b) / 2;
    if (cost(shift) > bestC) shift = bestD;
    A = shifted(shift);
  }
  const { w, chi2 } = solveWeights(spectrum, A, sig, sumToOne, nonNeg);
  const fit = new Float64Array(n);
  for (let s = 0; s < k; s++) for (let i = 0; i < n; i++) fit[i] += w[s] * A[s][i];
  const residual = new Float64Array(n);
  let rr = 0, yy = 0;
  for (let i = 0; i < n; i++) { residual[i] = spectrum[i] - fit[i]; rr += residual[i] ** 2; yy += spectrum[i] ** 2; }
  // free parameters: weights off the bound (all, without non-negativity)
  const free: number[] = [];
  for (let s = 0; s < k; s++) if (!nonNeg || w[s] > 0) free.push(s);
  const nWeightsFree = sumToOne ? Math.max(free.length - 1, 0) : free.length;
  const nVarys = nWeightsFree + (es !== undefined ? 1 : 0);
  const dof = n - nVarys;
  const reducedChi2 = dof > 0 ? chi2 / dof : NaN;
  const unc = new Float64Array(k);
  if (nWeightsFree > 0 && dof > 0) {
    const ref = sumToOne ? free[free.length - 1] : -1;
    const cols = sumToOne ? free.slice(0, -1) : free;
    const m = cols.length;
    const J = cols.map((s) => Float64Array.from(A[s], (v, i) => (ref >= 0 ? v - A[ref][i] : v) / sig[i]));
    const JtJ = new Float64Array(m * m);
    for (let a2 = 0; a2 < m; a2++) for (let b2 = a2; b2 < m; b2++) {
      let s2 = 0;
      for (let i = 0; i < n; i++) s2 += J[a2][i] * J[b2][i];
      JtJ[a2 * m + b2] = s2; JtJ[b2 * m + a2] = s2;
    }
    const eye = new Float64Array(m * m);
    for (let a2 = 0; a2 < m; a2++) eye[a2 * m + a2] = 1;
    const cov = solveSpd(JtJ, m, eye, m);
    if (cov) {
      for (let a2 = 0; a2 < m; a2++) unc[cols[a2]] = Math.sqrt(Math.max(cov[a2 * m + a2] * reducedChi2, 0));
      if (ref >= 0) {
        let v = 0;
        for (let p = 0; p < m * m; p++) v += cov[p];
        unc[ref] = Math.sqrt(Math.max(v * reducedChi2, 0));
      }
    } else {
      for (const s of free) unc[s] = NaN;
    }
  }
  let sum = 0;
  for (let s = 0; s < k; s++) sum += w[s];
  return {
    weights: w, uncertainties: unc, sum, fit, residual, rFactor: yy > 0 ? rr / yy : NaN, chi2, reducedChi2,
    nPoints: n, nVarys, shift, sumToOne, nonNegative: nonNeg,
  };
}

/** Result of {@link lcf}: the fit, with the energies, the names and the spectra it was made of. */
export interface LcfResult extends LcfFit {
  /** Always "lcf" (for display). */
  readonly kind: "lcf";
  /** Energies of the fit in eV (the spectrum's), length nPoints. */
  readonly energies: Float64Array;
  /** The spectrum fitted. */
  readonly spectrum: Spectrum;
  /** The references on the spectrum's energies (shifted by `shift` when fitted), in the order of `weights`. */
  readonly references: Spectra<"reference">;
  /** The references' names, in the order of `weights`. */
  readonly names: readonly string[];
}

/**
 * Fit a spectrum as a weighted sum of reference spectra (e.g. end members fitted to a sample's
 * average spectrum for its total phase fractions; RuO₂, RuCl₃ and Ru metal fitted to a Ru K
 * XANES), with non-negative and/or sum-to-one weights and an optional common energy shift,
 * exactly as {@link lcfArrays}. References on other energies are first resampled onto the
 * spectrum's (linear interpolation, as larch does); a spectrum point outside a reference's
 * range is an error.
 *
 * @param spectrum - the measured {@link Spectrum}.
 * @param references - the references as {@link Spectra} (e.g. `em.members`, or `makeSpectra({ … })`).
 * @param options - {@link LcfOptions}.
 * @returns {@link LcfResult}: weights with uncertainties, fit, residual, R-factor, χ².
 * @example
 * ```ts
 * const r = lcf(averageSpectrum, em.members, { sumToOne: true });
 * r.weights; r.uncertainties; r.rFactor;
 * ```
 * @see Newville, larch `lincombo_fit` (xraylarch.github.io); Calvin, XAFS for Everyone (2013), ch. 11.
 */
export function lcf(spectrum: Spectrum, references: Spectra, options: LcfOptions = {}): LcfResult {
  const fn = "lcf";
  checkOptions(fn, options, ["sumToOne", "nonNegative", "sigma", "energyShift"]);
  const { energies, values } = checkSpectrumArg(fn, "spectrum", spectrum);
  const refs = checkSpectraArg(fn, "references", references);
  const rows = resampleRows(fn, refs, energies);
  const es = options.energyShift;
  if (es !== undefined && (es === null || typeof es !== "object")) throw new TypeError(`${fn}: energyShift must be { min, max } in eV, got ${describe(es)}`);
  const fit = lcfArrays(values, rows, { ...options, energyShift: es ? { energy: energies, min: es.min, max: es.max } : undefined }, fn);
  const shifted = fit.shift !== 0 ? rows.map((r) => Float64Array.from(energies, (e) => interp(energies, r, e - fit.shift))) : rows;
  const data = new Float64Array(shifted.length * energies.length);
  shifted.forEach((r, i) => data.set(r, i * energies.length));
  return {
    ...fit, kind: "lcf", energies, spectrum, names: [...refs.names],
    references: { data, nRows: shifted.length, nCols: energies.length, dims: ["reference", "energy"], energies, names: [...refs.names], unit: refs.unit },
  };
}

/** @internal Check a {@link Spectrum} argument. */
export function checkSpectrumArg(fn: string, name: string, s: unknown): Spectrum {
  const sp = s as Partial<Spectrum> | null;
  if (sp == null || typeof sp !== "object" || !(sp.energies instanceof Float64Array) || !(sp.values instanceof Float64Array)) {
    throw new TypeError(`${fn}: ${name} must be a Spectrum { energies: Float64Array, values: Float64Array }, got ${describe(s)}` +
      (s instanceof Float64Array ? "; give it its energies: { energies, values }" : ""));
  }
  if (sp.energies.length !== sp.values.length || sp.values.length < 1) throw new RangeError(`${fn}: ${name} has ${sp.energies.length} energies but ${sp.values.length} values`);
  for (let i = 1; i < sp.energies.length; i++) if (!(sp.energies[i] > sp.energies[i - 1])) throw new RangeError(`${fn}: ${name}.energies must increase strictly (index ${i}: ${sp.energies[i - 1]}, ${sp.energies[i]} eV)`);
  return sp as Spectrum;
}

/** @internal The rows of `refs` on the energies `at` (views when the axes are the same). */
export function resampleRows(fn: string, refs: Spectra, at: Float64Array): Float64Array[] {
  const same = refs.nCols === at.length && refs.energies.every((e: number, i: number) => Math.abs(e - at[i]) <= 1e-9 * Math.max(1, Math.abs(e)));
  return refs.names.map((name, r) => {
    const row = refs.data.subarray(r * refs.nCols, (r + 1) * refs.nCols);
    if (same) return row;
    const out = Float64Array.from(at, (e) => interpolateAt(refs.energies, row, e, "linear"));
    const bad = out.findIndex((v) => Number.isNaN(v));
    if (bad >= 0 && !Number.isNaN(row[0])) {
      throw new RangeError(`${fn}: the spectrum's energy ${at[bad]} eV is outside reference "${name}" (${refs.energies[0]} … ${refs.energies[refs.nCols - 1]} eV); cut the spectrum to the references' range`);
    }
    return out;
  });
}
