/**
 * GITT: current pulses and relaxations, ΔEs and ΔEt, and the Weppner–Huggins diffusion coefficient.
 * @module
 */
import type { CyclerData } from "./cyclerData";
import { checkCycler, checkPositive, massOf } from "./checkCycler";
import { currentRuns, defaultTolerance } from "./splitHalfCycles";
import { checkOptions } from "../util/checkOptions";

/** One GITT titration step: a current pulse and the rest after it. */
export interface GittPulse {
  /** 0-based pulse number. */
  index: number;
  kind: "charge" | "discharge";
  /** Rows of the pulse (inclusive) and the last row of the rest after it. */
  start: number;
  end: number;
  relaxEnd: number;
  /** Pulse length τ, s. */
  duration: number;
  /** Mean current during the pulse, mA. */
  current: number;
  /** Charge passed in the pulse, mAh/g (mAh without a mass). */
  capacity: number;
  /** Voltage at the end of the rest before the pulse (steady state before), V. */
  e0: number;
  /** Voltage at the first and last row of the pulse, V. */
  eStart: number;
  eEnd: number;
  /** Voltage at the end of the rest after the pulse (steady state after), V. */
  eRelaxed: number;
  /** Steady-state change ΔEs = eRelaxed − e0, V. */
  deltaEs: number;
  /** Transient change during the pulse without the ohmic jump, ΔEt = eEnd − eStart, V. */
  deltaEt: number;
  /** Ohmic jump eStart − e0, V. */
  ohmic: number;
}

/** Options of {@link gittPulses}. */
export interface GittPulsesOptions {
  /** Active mass, mg (for `capacity` in mAh/g). @default `data.metadata.activeMassMg` */
  mass?: number;
  /** Rest tolerance, mA. @default 1 % of the median |current| of rows with current */
  tolerance?: number;
}

/**
 * The titration steps of a GITT record: every run of current (a pulse) that has a rest
 * before and after it, with the voltages Weppner and Huggins' analysis needs — the steady
 * state before (end of the previous rest), the first and last points of the pulse, and the
 * steady state after (end of the following rest) — and ΔEs, ΔEt (without the ohmic jump) and
 * the ohmic jump. See {@link gittDiffusion} for D.
 *
 * @param data - a GITT cycler record.
 * @param options - {@link GittPulsesOptions}.
 * @returns the pulses in record order.
 * @throws RangeError for unsorted time, NaN, a mass ≤ 0; Error for an unknown option.
 * @example
 * const pulses = gittPulses(readMpt("gitt.mpt"), { mass: 2.5 });
 * pulses.map((p) => p.deltaEs / p.deltaEt);
 */
export function gittPulses(data: CyclerData, options: GittPulsesOptions = {}): GittPulse[] {
  const fn = "gittPulses";
  checkOptions(fn, options, ["mass", "tolerance"]);
  const d = checkCycler(fn, data);
  const mass = massOf(fn, d, options.mass);
  const tol = options.tolerance === undefined ? defaultTolerance(d.current) : checkPositive(fn, "option tolerance", options.tolerance, "mA", true);
  const runs = currentRuns(d.current, tol);
  const out: GittPulse[] = [];
  for (let r = 1; r + 1 < runs.length; r++) {
    const p = runs[r];
    if (p.kind === "rest" || runs[r - 1].kind !== "rest" || runs[r + 1].kind !== "rest") continue;
    const before = runs[r - 1].end;
    const relaxEnd = runs[r + 1].end;
    let q = 0;
    for (let i = p.start + 1; i <= p.end; i++) q += 0.5 * (d.time[i] - d.time[i - 1]) * (d.current[i] + d.current[i - 1]);
    const duration = d.time[p.end] - d.time[p.start];
    const e0 = d.voltage[before], eStart = d.voltage[p.start], eEnd = d.voltage[p.end], eRelaxed = d.voltage[relaxEnd];
    out.push({
      index: out.length, kind: p.kind, start: p.start, end: p.end, relaxEnd, duration,
      current: duration > 0 ? q / duration : d.current[p.start],
      capacity: Math.abs(q) / 3600 / (mass === undefined ? 1 : mass / 1000),
      e0, eStart, eEnd, eRelaxed, deltaEs: eRelaxed - e0, deltaEt: eEnd - eStart, ohmic: eStart - e0,
    });
  }
  return out;
}

/** Options of {@link gittDiffusion}: either the electrode's mass, molar mass, molar volume and area, or a diffusion length. */
export interface GittDiffusionOptions {
  /** Active mass m_B, mg. */
  mass?: number;
  /** Molar mass M_B, g/mol. */
  molarMass?: number;
  /** Molar volume V_M, cm³/mol. */
  molarVolume?: number;
  /** Electrode / electrolyte contact area S, cm². */
  area?: number;
  /** Diffusion length L (e.g. particle radius), cm — instead of the four above (L = m_B V_M / (M_B S)). */
  length?: number;
}

/**
 * Chemical diffusion coefficient of each GITT pulse by Weppner and Huggins (valid for τ ≪ L²/D):
 * D = 4 / (π τ) · (m_B V_M / (M_B S))² · (ΔEs / ΔEt)², in cm²/s; or with a diffusion length,
 * D = 4 L² / (π τ) · (ΔEs / ΔEt)².
 *
 * @param pulses - from {@link gittPulses}.
 * @param options - {@link GittDiffusionOptions}.
 * @returns D per pulse, cm²/s (NaN when ΔEt is 0).
 * @throws RangeError for missing or non-positive parameters; Error for an unknown option or both ways given.
 * @example
 * gittDiffusion(pulses, { mass: 2.5, molarMass: 97.6, molarVolume: 21.0, area: 1.131 });
 * gittDiffusion(pulses, { length: 2e-5 }); // 200 nm particles
 */
export function gittDiffusion(pulses: readonly GittPulse[], options: GittDiffusionOptions): Float64Array {
  const fn = "gittDiffusion";
  checkOptions(fn, options, ["mass", "molarMass", "molarVolume", "area", "length"]);
  let L: number;
  if (options?.length !== undefined) {
    if (options.mass !== undefined || options.molarMass !== undefined || options.molarVolume !== undefined || options.area !== undefined) throw new Error(`${fn}: give either option length or options mass, molarMass, molarVolume and area, not both`);
    L = checkPositive(fn, "option length", options.length, "cm");
  } else {
    const m = checkPositive(fn, "option mass", options?.mass, "mg") / 1000;
    const M = checkPositive(fn, "option molarMass", options.molarMass, "g/mol");
    const Vm = checkPositive(fn, "option molarVolume", options.molarVolume, "cm³/mol");
    const S = checkPositive(fn, "option area", options.area, "cm²");
    L = (m * Vm) / (M * S);
  }
  return Float64Array.from(pulses, (p) => ((4 * L * L) / (Math.PI * p.duration)) * (p.deltaEs / p.deltaEt) ** 2);
}
