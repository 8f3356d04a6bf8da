/**
 * Capacities, energies, average voltages and coulombic efficiency per half-cycle and per cycle.
 * @module
 */
import type { CyclerData } from "./cyclerData";
import { checkCycler, massOf } from "./checkCycler";
import { splitChecked, type HalfCycle, type HalfCycles } from "./splitHalfCycles";
import { checkOptions } from "../util/checkOptions";

/** Capacity and energy of one half-cycle. */
export interface HalfCycleCapacity {
  /** 0-based position in the record. */
  index: number;
  cycle: number;
  kind: "charge" | "discharge";
  /** Rows `start` … `end` inclusive. */
  start: number;
  end: number;
  /** Duration, s. */
  duration: number;
  /** Charge passed, |∫ I dt| by the trapezoid rule over the half-cycle's rows, mAh. */
  capacity: number;
  /** `capacity` per gram of active material, mAh/g (NaN without a mass). */
  specificCapacity: number;
  /** |∫ V·I dt|, mWh. */
  energy: number;
  /** energy / capacity, V. */
  averageVoltage: number;
  /** The cycler's own capacity column over the same rows (sum of its per-step/half-cycle maxima), mAh; NaN when the record has none. */
  cyclerCapacity: number;
}

/** One cycle: its charge and discharge half-cycles (the first of each kind when there are several). */
export interface CycleCapacity {
  cycle: number;
  /** Charge capacity, mAh (NaN when the cycle has no charge). */
  charge: number;
  /** Discharge capacity, mAh (NaN when the cycle has no discharge). */
  discharge: number;
  /** Charge / discharge capacity per gram of active material, mAh/g (NaN without a mass). */
  specificCharge: number;
  specificDischarge: number;
  /** discharge / charge × 100, % (a cathode half-cell charges first). */
  coulombicEfficiency: number;
  /** Charge − discharge, mAh/g (NaN without a mass). */
  irreversible: number;
  /** Average voltage (energy / capacity) of the charge and the discharge, V. */
  averageChargeVoltage: number;
  averageDischargeVoltage: number;
  /** Charge / discharge energy, mWh, and per gram, Wh/kg (= mWh/g). */
  chargeEnergy: number;
  dischargeEnergy: number;
  specificDischargeEnergy: number;
}

/** The result of {@link cycleCapacities}. */
export interface CycleCapacities {
  halfCycles: HalfCycleCapacity[];
  cycles: CycleCapacity[];
  /** Active mass used, mg (undefined: none given, specific values are NaN). */
  mass: number | undefined;
  /** How the record was split (runs, tolerance, where the cycle numbers come from). */
  split: HalfCycles;
}

/** Options of {@link cycleCapacities}. */
export interface CycleCapacitiesOptions {
  /** Active mass, mg. @default `data.metadata.activeMassMg` (the file's active mass) (mg) when the reader found one, else none (specific values NaN) */
  mass?: number;
  /** Rest tolerance, mA (see {@link splitHalfCycles}). */
  tolerance?: number;
  /** Cycle numbering (see {@link splitHalfCycles}). */
  cycles?: "cycler" | "alternation";
}

const OPTIONS = ["mass", "tolerance", "cycles"] as const;

/** @internal |∫ I dt| (mAh) and |∫ V I dt| (mWh) over rows a..b by the trapezoid rule. */
export function integrate(time: ArrayLike<number>, voltage: ArrayLike<number>, current: ArrayLike<number>, a: number, b: number): { q: number; e: number } {
  let q = 0;
  let e = 0;
  for (let i = a + 1; i <= b; i++) {
    const dt = time[i] - time[i - 1];
    q += 0.5 * dt * (current[i] + current[i - 1]);
    e += 0.5 * dt * (voltage[i] * current[i] + voltage[i - 1] * current[i - 1]);
  }
  return { q: Math.abs(q) / 3600, e: Math.abs(e) / 3600 };
}

/** @internal The cycler's capacity over rows a..b: the sum of the maxima of |capacity| between its resets. */
export function cyclerCapacityOver(capacity: ArrayLike<number>, a: number, b: number): number {
  let total = 0;
  let prev = Math.abs(capacity[a]);
  let segMax = prev;
  for (let i = a + 1; i <= b; i++) {
    const c = Math.abs(capacity[i]);
    if (c < 0.5 * prev) {
      total += segMax;
      segMax = c;
    } else if (c > segMax) segMax = c;
    prev = c;
  }
  return total + segMax;
}

/**
 * Capacity of every half-cycle by integrating the current over time (trapezoid rule,
 * mAh), the energy (∫V·I dt, mWh), average voltage (energy / capacity), the cycler's own
 * capacity over the same rows for comparison, and per cycle the charge and discharge
 * capacities (mAh and mAh/g), coulombic efficiency (discharge / charge), irreversible
 * capacity and average voltages.
 *
 * @param data - a cycler record.
 * @param options - {@link CycleCapacitiesOptions}; `mass` is the active mass in mg.
 * @returns {@link CycleCapacities}.
 * @throws RangeError for unsorted time, NaN values, a mass ≤ 0; Error for an unknown option.
 * @example
 * const { cycles } = cycleCapacities(await readMpt("lnro.mpt"), { mass: 3.2 });
 * cycles[0].specificCharge;      // ≈ 239 mAh/g
 * cycles[0].coulombicEfficiency; // ≈ 89 %
 */
export function cycleCapacities(data: CyclerData, options: CycleCapacitiesOptions = {}): CycleCapacities {
  const fn = "cycleCapacities";
  checkOptions(fn, options, OPTIONS);
  const d = checkCycler(fn, data);
  const mass = massOf(fn, d, options.mass);
  const split = splitChecked(fn, d, { tolerance: options.tolerance, cycles: options.cycles });
  const perGram = (x: number) => (mass === undefined ? NaN : x / (mass / 1000));
  const halfCycles = split.halfCycles.map((h: HalfCycle): HalfCycleCapacity => {
    const { q, e } = integrate(d.time, d.voltage, d.current, h.start, h.end);
    return {
      index: h.index, cycle: h.cycle, kind: h.kind, start: h.start, end: h.end,
      duration: d.time[h.end] - d.time[h.start],
      capacity: q, specificCapacity: perGram(q), energy: e, averageVoltage: q > 0 ? e / q : NaN,
      cyclerCapacity: d.capacity ? cyclerCapacityOver(d.capacity, h.start, h.end) : NaN,
    };
  });
  const byCycle = new Map<number, { c?: HalfCycleCapacity; d?: HalfCycleCapacity }>();
  for (const h of halfCycles) {
    const entry = byCycle.get(h.cycle) ?? {};
    if (h.kind === "charge" && !entry.c) entry.c = h;
    if (h.kind === "discharge" && !entry.d) entry.d = h;
    byCycle.set(h.cycle, entry);
  }
  const cycles: CycleCapacity[] = [...byCycle.entries()].map(([cycle, { c, d: dis }]) => {
    const charge = c ? c.capacity : NaN;
    const discharge = dis ? dis.capacity : NaN;
    return {
      cycle, charge, discharge,
      specificCharge: perGram(charge), specificDischarge: perGram(discharge),
      coulombicEfficiency: (100 * discharge) / charge,
      irreversible: perGram(charge - discharge),
      averageChargeVoltage: c ? c.averageVoltage : NaN, averageDischargeVoltage: dis ? dis.averageVoltage : NaN,
      chargeEnergy: c ? c.energy : NaN, dischargeEnergy: dis ? dis.energy : NaN,
      specificDischargeEnergy: perGram(dis ? dis.energy : NaN),
    };
  });
  return { halfCycles, cycles, mass, split };
}
