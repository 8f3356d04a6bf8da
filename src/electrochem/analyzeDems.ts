/**
 * DEMS on a cycler record: background removal, cumulative gas, onset potentials, per-cycle totals.
 * @module
 */
import type { CyclerData } from "./cyclerData";
import type { GasRates } from "./demsRecord";
import { checkCycler } from "./checkCycler";
import { subtractBaseline } from "./subtractBaseline";
import { cumulativeGas } from "./cumulativeGas";
import { gasOnset } from "./gasOnset";
import { voltageAtTimes } from "./voltageAtTimes";
import { splitHalfCycles } from "./splitHalfCycles";
import { checkOptions } from "../util/checkOptions";

/** One species after {@link analyzeDems}. */
export interface GasAnalysis {
  species: string;
  /** Background-corrected rate, nmol/min (nmol min⁻¹ mg⁻¹ for per-mg rates). Shape (n). */
  rate: Float64Array;
  /** Cumulative amount from the first point, µmol (µmol/mg). Shape (n). */
  cumulative: Float64Array;
  /** Total over the record, µmol (µmol/mg). */
  total: number;
  /** Totals per cycle (from the start of each cycle's first half-cycle to the next cycle's), µmol (µmol/mg). */
  perCycle: { cycle: number; total: number }[];
  /** Background: model, intercept (nmol/min), slope (nmol/min per s), noise σ (nmol/min). */
  baseline: { model: "constant" | "linear"; intercept: number; slope: number; sigma: number };
  /** Onset (first rise above k·σ sustained for `sustain` s): time (s) and cell voltage (V); undefined when none. */
  onset: { time: number; voltage: number } | undefined;
  /** Largest corrected rate and the time (s) and voltage (V) where it occurs. */
  max: { rate: number; time: number; voltage: number };
}

/** The result of {@link analyzeDems}. */
export interface DemsAnalysis {
  /** Time, s (cycler clock). Shape (n). */
  time: Float64Array;
  /** Cell voltage at each time (interpolated in the cycler record; NaN outside it), V. Shape (n). */
  voltage: Float64Array;
  /** One entry per species, in the order of `gas.rates`. */
  gases: GasAnalysis[];
  /** The criterion used for onsets, in words. */
  onsetCriterion: string;
  perMg: boolean;
}

/** Options of {@link analyzeDems}. */
export interface AnalyzeDemsOptions {
  /** Background window [t0, t1], s. @default from the first DEMS point to the start of the first half-cycle (the open-circuit rest) */
  window?: readonly [number, number];
  /** Background model. @default "constant" */
  baseline?: "constant" | "linear";
  /** Onset threshold in units of the background σ. @default 5 */
  k?: number;
  /** Onset must be sustained this long, s. @default 600 */
  sustain?: number;
}

const OPTIONS = ["window", "baseline", "k", "sustain"] as const;

/**
 * Everything Xu 2018 Fig. 3 reads off operando DEMS: for each gas, the background (constant
 * or linear, fitted over the open-circuit rest before charging unless a window is given) is
 * subtracted; the rate is integrated to a cumulative amount (µmol, trapezoid); the onset is the
 * first point where the corrected rate exceeds k·σ of the background and stays above for
 * `sustain` s, reported with the cell voltage at that time (joined to the cycler record by time);
 * totals are also given per cycle.
 *
 * @param gas - rates on the cycler's clock ({@link gasRates}).
 * @param cycler - the cycler record of the same cell.
 * @param options - {@link AnalyzeDemsOptions}.
 * @returns {@link DemsAnalysis}.
 * @throws RangeError for a background window with fewer than 3 points or a record without current; Error for an unknown option.
 * @example
 * const a = analyzeDems(gas, cycler);
 * a.gases.find((g) => g.species === "O2")!.total;          // µmol
 * a.gases.find((g) => g.species === "O2")!.onset?.voltage; // V
 */
export function analyzeDems(gas: GasRates, cycler: CyclerData, options: AnalyzeDemsOptions = {}): DemsAnalysis {
  const fn = "analyzeDems";
  checkOptions(fn, options, OPTIONS);
  const d = checkCycler(fn, cycler);
  if (!gas || !(gas.time instanceof Float64Array) || !gas.rates) throw new TypeError(`${fn}: gas must be GasRates (from gasRates)`);
  const split = splitHalfCycles(d);
  if (split.halfCycles.length === 0) throw new RangeError(`${fn}: the cycler record has no charge or discharge (all current within ±${split.tolerance} mA)`);
  const firstStart = d.time[split.halfCycles[0].start];
  const window = options.window ?? ([gas.time[0], firstStart] as const);
  const k = options.k ?? 5;
  const sustain = options.sustain ?? 600;
  const voltage = voltageAtTimes(d, gas.time);
  // cycle spans on the cycler clock
  const starts: { cycle: number; t: number }[] = [];
  for (const h of split.halfCycles) if (!starts.some((s) => s.cycle === h.cycle)) starts.push({ cycle: h.cycle, t: d.time[h.start] });
  const gases: GasAnalysis[] = Object.entries(gas.rates).map(([species, raw]) => {
    const b = subtractBaseline(gas.time, raw, { window, model: options.baseline ?? "constant" });
    const cumulative = cumulativeGas(gas.time, b.corrected);
    const n = cumulative.length;
    const at = (t: number): number => {
      // cumulative at time t, linear between points
      if (t <= gas.time[0]) return 0;
      if (t >= gas.time[n - 1]) return cumulative[n - 1];
      let lo = 0, hi = n - 1;
      while (hi - lo > 1) { const mid = (lo + hi) >> 1; if (gas.time[mid] <= t) lo = mid; else hi = mid; }
      const f = (t - gas.time[lo]) / Math.max(1e-300, gas.time[hi] - gas.time[lo]);
      return cumulative[lo] + f * (cumulative[hi] - cumulative[lo]);
    };
    const perCycle = starts.map((s, i) => ({ cycle: s.cycle, total: at(i + 1 < starts.length ? starts[i + 1].t : Infinity) - at(s.t) }));
    const on = gasOnset(gas.time, b.corrected, { sigma: b.sigma > 0 ? b.sigma : Number.MIN_VALUE, k, sustain, from: window[1] });
    let mi = 0;
    for (let i = 1; i < n; i++) if (b.corrected[i] > b.corrected[mi]) mi = i;
    return {
      species, rate: b.corrected, cumulative, total: cumulative[n - 1], perCycle,
      baseline: { model: b.model, intercept: b.intercept, slope: b.slope, sigma: b.sigma },
      onset: on ? { time: on.time, voltage: voltage[on.index] } : undefined,
      max: { rate: b.corrected[mi], time: gas.time[mi], voltage: voltage[mi] },
    };
  });
  return { time: gas.time, voltage, gases, onsetCriterion: `first point above ${k}σ of the background, staying above for ${sustain} s`, perMg: gas.perMg };
}
