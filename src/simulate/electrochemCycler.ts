/**
 * The simulated cycler: galvanostatic cycling (or GITT) of a cell model, as a cycler record
 * with the ground truth beside it.
 * @module
 */
import type { CyclerData } from "../electrochem/cyclerData";
import { createRng } from "../linalg/createRng";
import { checkOptions } from "../util/checkOptions";
import { halfCycleFunctions, modelPeakVoltages, type CellModel, type HalfCycleModel } from "./electrochemModels";

/** GITT protocol: current pulses and rests. */
export interface GittProtocol {
  /** Pulse length, s. @default 600 */
  pulse?: number;
  /** Rest after each pulse, s. @default 3600 */
  relax?: number;
  /** Overpotential growing as k·√t during a pulse, V/√s (the diffusion transient). @default 0.0012 */
  transient?: number;
  /** Ohmic jump when the current switches on, V. @default 0.02 */
  ohmic?: number;
  /** Time constant of the relaxation back to the open-circuit voltage, s. @default 300 */
  tau?: number;
  /**
   * Growth of the transient over the half-cycle: the pulse starting after a fraction f of the
   * half-cycle's charge has the coefficient transient·(1 + transientRise·f²) (slower kinetics
   * near the end of charge and of discharge). @default 0 (the same transient for every pulse)
   */
  transientRise?: number;
}

/** Options of {@link simulateCycler}. */
export interface SimulateCyclerOptions {
  /** The cell. */
  cell: CellModel;
  /** Active mass, mg. @default 3.2 */
  mass?: number;
  /** Current per gram, mA/g (C/50 with 1C = 250 mA/g is 5). @default 5 */
  rate?: number;
  /** Number of cycles. @default 1 */
  cycles?: number;
  /** Seconds between recorded points. @default 120 */
  interval?: number;
  /** Voltage noise (standard deviation), V. @default 0.0002 */
  noise?: number;
  /** Open-circuit rest before the first charge, and between half-cycles, s. @default 3600, 600 */
  restBefore?: number;
  restBetween?: number;
  /** Run GITT instead of constant current (the same current, in pulses). @default none */
  gitt?: GittProtocol;
  /** Seed of the noise. @default 1 */
  seed?: number;
}

/** One half-cycle as planted. */
export interface HalfCycleTruth {
  cycle: number;
  kind: "charge" | "discharge";
  /** Capacity, mAh/g and mAh. */
  capacity: number;
  capacityMah: number;
  /** Voltages of the model's dQ/dV maxima, V. */
  peaks: number[];
  /** The model (after fade and voltage shift). */
  model: HalfCycleModel;
  /** GITT only: per pulse, the steady-state change ΔEs and the transient change ΔEt (V, without the ohmic jump). */
  gitt?: { deltaEs: number[]; deltaEt: number[] };
}

/** What {@link simulateCycler} planted. */
export interface CyclerTruth {
  cell: string;
  formula: string;
  /** mg. */
  mass: number;
  /** mA (positive). */
  current: number;
  halfCycles: HalfCycleTruth[];
}

const OPTIONS = ["cell", "mass", "rate", "cycles", "interval", "noise", "restBefore", "restBetween", "gitt", "seed"] as const;

function shifted(m: HalfCycleModel, scale: number, dv: number): HalfCycleModel {
  return { from: m.from + dv, to: m.to + dv, capacity: m.capacity * scale, peaks: m.peaks.map((p) => ({ ...p, center: p.center + dv })) };
}

/**
 * A simulated galvanostatic cycling record (or GITT) of a {@link CellModel}: an open-circuit
 * rest, then for each cycle a constant-current charge to the model's upper cut-off and a
 * discharge to the lower one, with rests between; the voltage follows the model's q(V) (whose
 * dQ/dV is the planted peaks on a flat background), plus Gaussian noise. BioLogic-like columns
 * (`Ns`, `cycle number` from 0, `half cycle`, `Q charge/discharge/mA.h`, `ox/red`) are filled
 * as EC-Lab fills them, so {@link writeMpt} can write a real `.mpt`.
 *
 * @param options - {@link SimulateCyclerOptions}.
 * @returns `{ data, truth }`: the record (`file` "simulated", format "simulated") and what was planted.
 * @throws RangeError for a non-positive mass, rate or interval; Error for an unknown option.
 * @example
 * const { data, truth } = simulateCycler({ cell: LNRO_XU2018, mass: 3.2, seed: 2018 });
 * truth.halfCycles[0].capacity; // 239 mAh/g
 */
export function simulateCycler(options: SimulateCyclerOptions): { data: CyclerData; truth: CyclerTruth } {
  const fn = "simulateCycler";
  checkOptions(fn, options, OPTIONS);
  if (!options || !options.cell || !options.cell.first) throw new TypeError(`${fn}: option cell must be a CellModel (e.g. LNMO_XU2018)`);
  const pos = (name: string, v: number) => {
    if (!(typeof v === "number" && Number.isFinite(v) && v > 0)) throw new RangeError(`${fn}: option ${name} must be a finite number > 0, got ${String(v)}`);
    return v;
  };
  const cell = options.cell;
  const mass = pos("mass", options.mass ?? 3.2);
  const rate = pos("rate", options.rate ?? 5);
  const nCycles = options.cycles ?? 1;
  if (!Number.isInteger(nCycles) || nCycles < 1) throw new RangeError(`${fn}: option cycles must be an integer ≥ 1, got ${String(nCycles)}`);
  const interval = pos("interval", options.interval ?? 120);
  const noise = options.noise ?? 0.0002;
  const restBefore = options.restBefore ?? 3600;
  const restBetween = options.restBetween ?? 600;
  const gitt = options.gitt ? { pulse: 600, relax: 3600, transient: 0.0012, ohmic: 0.02, tau: 300, transientRise: 0, ...options.gitt } : undefined;
  if (gitt) checkOptions(`${fn}: option gitt`, options.gitt, ["pulse", "relax", "transient", "ohmic", "tau", "transientRise"]);
  if (gitt && !(Number.isFinite(gitt.transientRise) && gitt.transientRise >= 0)) throw new RangeError(`${fn}: option gitt.transientRise must be a finite number ≥ 0, got ${String(gitt.transientRise)}`);
  const rng = createRng(options.seed ?? 1);
  const current = (rate * mass) / 1000; // mA
  const t: number[] = [], v: number[] = [], i: number[] = [], qhc: number[] = [], cyc: number[] = [], ns: number[] = [], half: number[] = [], mode: number[] = [], oxred: number[] = [];
  let time = 0;
  let step = 0;
  let halfIndex = 0;
  let cycleNo = 0;
  const push = (tt: number, vv: number, ii: number, q: number, md: number) => {
    t.push(tt); v.push(vv + noise * rng.normal()); i.push(ii === 0 ? 0 : ii * (1 + 2e-4 * rng.normal())); qhc.push(q);
    cyc.push(cycleNo); ns.push(step); half.push(halfIndex); mode.push(md); oxred.push(ii > 0 ? 1 : 0);
  };
  const rest = (duration: number, vFrom: number, vTo: number, tau: number) => {
    const n = Math.max(1, Math.round(duration / interval));
    for (let k = 1; k <= n; k++) {
      const dt = (k * duration) / n;
      push(time + dt, vTo + (vFrom - vTo) * Math.exp(-dt / tau), 0, 0, 3);
    }
    time += duration;
  };
  const truth: CyclerTruth = { cell: cell.name, formula: cell.formula, mass, current, halfCycles: [] };
  // open-circuit rest at the first charge's starting voltage minus a little
  const first = cell.first.charge;
  for (let k = 0; k <= Math.round(restBefore / interval); k++) push((k * restBefore) / Math.max(1, Math.round(restBefore / interval)), first.from - 0.05 * Math.exp(-k / 5), 0, 0, 3);
  time = restBefore;
  let vLast = first.from;
  for (let c = 0; c < nCycles; c++) {
    cycleNo = c;
    const pair = c === 0 ? cell.first : (cell.later ?? cell.first);
    const fade = c <= 1 ? 1 : (cell.retention ?? 1) ** (c - 1);
    const dv = c <= 1 ? 0 : (cell.voltageShift ?? 0) * (c - 1);
    for (const kind of ["charge", "discharge"] as const) {
      const model = shifted(pair[kind], fade, dv);
      const f = halfCycleFunctions(model);
      const sign = kind === "charge" ? 1 : -1;
      const capMah = (model.capacity * mass) / 1000;
      const duration = (capMah / current) * 3600;
      step++;
      const ht: HalfCycleTruth = { cycle: c, kind, capacity: model.capacity, capacityMah: capMah, peaks: modelPeakVoltages(model), model };
      if (!gitt) {
        const n = Math.ceil(duration / interval);
        for (let k = 0; k <= n; k++) {
          const dt = Math.min(k * interval, duration);
          const q = (current * dt) / 3600; // mAh
          push(time + dt, f.voltageAt((q / mass) * 1000), sign * current, sign * q, 1);
        }
        vLast = model.to;
        time += duration;
      } else {
        ht.gitt = { deltaEs: [], deltaEt: [] };
        let done = 0; // s of current so far
        let q0 = 0;
        while (done < duration - 1e-6) {
          const tp = Math.min(gitt.pulse, duration - done);
          const kT = gitt.transient * (1 + gitt.transientRise * (done / duration) ** 2);
          const nP = Math.max(2, Math.round(tp / 30));
          const ocv0 = f.voltageAt((q0 / mass) * 1000);
          for (let k = 0; k <= nP; k++) {
            const dt = (k * tp) / nP;
            const q = q0 + (current * dt) / 3600;
            push(time + dt, f.voltageAt((q / mass) * 1000) + sign * (gitt.ohmic + kT * Math.sqrt(dt)), sign * current, sign * q, 1);
          }
          time += tp;
          done += tp;
          const q1 = q0 + (current * tp) / 3600;
          const ocv1 = f.voltageAt((q1 / mass) * 1000);
          ht.gitt.deltaEs.push(ocv1 - ocv0);
          ht.gitt.deltaEt.push(ocv1 - ocv0 + sign * kT * Math.sqrt(tp));
          step++;
          const nR = Math.max(2, Math.round(gitt.relax / 60));
          // the rest starts with a record at the moment the current stops (as cyclers log a step
          // change): the ohmic drop is gone, and a capacity integral does not ramp the current down
          for (let k = 0; k <= nR; k++) {
            const dt = (k * gitt.relax) / nR;
            push(time + dt, ocv1 + sign * kT * Math.sqrt(tp) * Math.exp(-dt / gitt.tau), 0, sign * q1, 3);
          }
          time += gitt.relax;
          step++;
          q0 = q1;
        }
        vLast = f.voltageAt((q0 / mass) * 1000);
      }
      truth.halfCycles.push(ht);
      halfIndex++;
      step++;
      if (!gitt) rest(restBetween, vLast, vLast - sign * 0.06, 200);
    }
  }
  const n = t.length;
  const data: CyclerData = {
    file: "simulated",
    format: "simulated",
    nPoints: n,
    time: Float64Array.from(t),
    voltage: Float64Array.from(v),
    current: Float64Array.from(i),
    capacity: Float64Array.from(qhc),
    cycle: Int32Array.from(cyc),
    step: Int32Array.from(ns),
    extra: { "half cycle": Float64Array.from(half), mode: Float64Array.from(mode), "ox/red": Float64Array.from(oxred) },
    metadata: { technique: gitt ? "Galvanostatic Intermittent Titration Technique" : "Galvanostatic Cycling with Potential Limitation", activeMassMg: mass, material: cell.formula, simulated: 1 },
    warnings: [],
  };
  return { data, truth };
}
