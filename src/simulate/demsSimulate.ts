/**
 * The simulated DEMS cell: a cycler record and the mass spectrometer's ion currents, with the
 * planted gas evolution beside them.
 * @module
 */
import type { CyclerData } from "../electrochem/cyclerData";
import { createRng } from "../linalg/createRng";
import { checkOptions } from "../util/checkOptions";
import type { CellModel } from "./electrochemModels";
import { simulateCycler, type CyclerTruth } from "./electrochemCycler";

/** One gas of the simulated DEMS cell. */
export interface GasModel {
  /** Species, e.g. "O2". */
  species: string;
  /** Mass-spectrometer channel, e.g. "mass 32". */
  channel: string;
  /** Evolution starts when the charging voltage passes this, V. */
  onset: number;
  /** Rate ∝ ((V − onset) / (Vmax − onset))^exponent while charging above the onset. @default 1 */
  exponent?: number;
  /** Amount evolved in each cycle, µmol (cycle 1, cycle 2, …; missing cycles evolve none). */
  totals: readonly number[];
  /** Calibration: nmol/min per A of ion current. */
  factor: number;
  /** Background ion current, A. */
  background: number;
  /** Noise of the ion current (standard deviation), A. */
  noise: number;
}

/** Options of {@link simulateDems}. */
export interface SimulateDemsOptions {
  /** The cell (capacities of the DEMS cell). */
  cell: CellModel;
  /** Gases. */
  gases: readonly GasModel[];
  /** Active mass, mg. @default 32.9 */
  mass?: number;
  /** Current, mA/g. @default 10 */
  rate?: number;
  /** Cycles. @default 1 */
  cycles?: number;
  /** Open-circuit rest before charging, s. @default 21600 (6 h) */
  restBefore?: number;
  /** Seconds between mass-spectrometer scans. @default 30 */
  interval?: number;
  /** Time constant of gas transport from the cell to the spectrometer, s. @default 120 */
  lag?: number;
  /** Seed. @default 1 */
  seed?: number;
}

/** What {@link simulateDems} planted. */
export interface DemsTruth {
  /** The cycler's truth. */
  cycler: CyclerTruth;
  /** Per gas: totals per cycle (µmol), their sum, the largest rate (nmol/min) and the voltage where the rate is largest (V), the onset voltage, calibration factor (nmol/min/A), channel. */
  gases: { species: string; channel: string; totals: number[]; total: number; maxRate: number; voltageAtMax: number; onset: number; factor: number }[];
  /** Mass-spectrometer clock: its time 0 is cycler time 0. */
  offset: number;
}

/** The simulated spectrometer output: scan times and ion currents by channel. */
export interface SimulatedMs {
  /** s since the first scan (= cycler time). */
  time: Float64Array;
  /** Ion current, A, by channel name. */
  channels: Record<string, Float64Array>;
}

const OPTIONS = ["cell", "gases", "mass", "rate", "cycles", "restBefore", "interval", "lag", "seed"] as const;

/**
 * A simulated operando DEMS experiment: the cycler record of the cell ({@link simulateCycler},
 * galvanostatic, with a long open-circuit rest first) and the mass spectrometer's ion currents,
 * one scan every `interval` s. Each gas evolves only while charging above its onset voltage, at a
 * rate ∝ ((V − onset)/(Vmax − onset))^exponent scaled so that each cycle releases the planted
 * amount, delayed by first-order transport (`lag`), then turned into an ion current with the
 * calibration factor on a constant background with Gaussian noise.
 *
 * @param options - {@link SimulateDemsOptions}.
 * @returns `{ cycler, ms, truth }`.
 * @throws RangeError for bad numbers; Error for an unknown option.
 * @example
 * const { cycler, ms, truth } = simulateDems({ cell: LNMO_DEMS_XU2018, gases: LNMO_GASES_XU2018, mass: 32.9 });
 */
export function simulateDems(options: SimulateDemsOptions): { cycler: CyclerData; ms: SimulatedMs; truth: DemsTruth } {
  const fn = "simulateDems";
  checkOptions(fn, options, OPTIONS);
  if (!options?.gases?.length) throw new RangeError(`${fn}: option gases must list at least one GasModel`);
  const mass = options.mass ?? 32.9;
  const interval = options.interval ?? 30;
  const lag = options.lag ?? 120;
  if (!(interval > 0) || !(lag >= 0)) throw new RangeError(`${fn}: options interval (> 0 s) and lag (≥ 0 s) got ${interval}, ${lag}`);
  const { data, truth } = simulateCycler({ cell: options.cell, mass, rate: options.rate ?? 10, cycles: options.cycles ?? 1, restBefore: options.restBefore ?? 21600, interval: 60, seed: options.seed ?? 1 });
  const rng = createRng((options.seed ?? 1) + 7919);
  const n = data.nPoints;
  const tEnd = data.time[n - 1];
  // fine grid of the cycler record: shape of every gas per row, scaled per cycle
  const vmax = Math.max(...truth.halfCycles.map((h) => Math.max(h.model.from, h.model.to)));
  const gasTruth: DemsTruth["gases"] = [];
  const m = Math.floor(tEnd / interval) + 1;
  const time = Float64Array.from({ length: m }, (_, k) => k * interval);
  const channels: Record<string, Float64Array> = {};
  for (const g of options.gases) {
    const p = g.exponent ?? 1;
    const shape = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const v = data.voltage[i];
      shape[i] = data.current[i] > 0 && v > g.onset ? ((v - g.onset) / (vmax - g.onset)) ** p : 0;
    }
    // scale each cycle to its planted total (nmol = ∫ rate dt / 60)
    const rate = new Float64Array(n);
    const totals: number[] = [];
    for (let c = 0; c < (options.cycles ?? 1); c++) {
      let integral = 0;
      for (let i = 1; i < n; i++) if (data.cycle![i] === c) integral += (0.5 * (shape[i] + shape[i - 1]) * (data.time[i] - data.time[i - 1])) / 60;
      const target = (g.totals[c] ?? 0) * 1000;
      const s = integral > 0 ? target / integral : 0;
      for (let i = 0; i < n; i++) if (data.cycle![i] === c) rate[i] = shape[i] * s;
      totals.push(integral > 0 ? g.totals[c] ?? 0 : 0);
    }
    // first-order transport lag, integrated exactly over each linear piece of the rate
    const lagged = new Float64Array(n);
    for (let i = 1; i < n; i++) {
      const dt = data.time[i] - data.time[i - 1];
      if (lag === 0) { lagged[i] = rate[i]; continue; }
      const a = Math.exp(-dt / lag);
      const slope = dt > 0 ? (rate[i] - rate[i - 1]) / dt : 0;
      lagged[i] = lagged[i - 1] * a + rate[i] - slope * lag - (rate[i - 1] - slope * lag) * a;
    }
    let mi = 0;
    for (let i = 1; i < n; i++) if (lagged[i] > lagged[mi]) mi = i;
    const col = new Float64Array(m);
    let j = 0;
    for (let k = 0; k < m; k++) {
      const t = time[k];
      while (j < n - 2 && data.time[j + 1] < t) j++;
      const f = Math.min(1, Math.max(0, (t - data.time[j]) / Math.max(1e-9, data.time[j + 1] - data.time[j])));
      const r = lagged[j] + f * (lagged[j + 1] - lagged[j]);
      col[k] = g.background + r / g.factor + g.noise * rng.normal();
    }
    channels[g.channel] = col;
    gasTruth.push({ species: g.species, channel: g.channel, totals, total: totals.reduce((a, b) => a + b, 0), maxRate: lagged[mi], voltageAtMax: data.voltage[mi], onset: g.onset, factor: g.factor });
  }
  return { cycler: data, ms: { time, channels }, truth: { cycler: truth, gases: gasTruth, offset: 0 } };
}
