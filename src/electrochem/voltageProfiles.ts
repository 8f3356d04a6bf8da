/**
 * Voltage against capacity for every half-cycle (the "voltage profile" figures).
 * @module
 */
import type { CyclerData } from "./cyclerData";
import { checkCycler, massOf } from "./checkCycler";
import { splitChecked } from "./splitHalfCycles";
import { checkOptions } from "../util/checkOptions";

/** One half-cycle's voltage profile. All arrays have the half-cycle's row count. */
export interface VoltageProfile {
  /** 0-based half-cycle position in the record. */
  index: number;
  cycle: number;
  kind: "charge" | "discharge";
  /** Charge passed since the half-cycle began, from 0, mAh/g (mAh when no mass is known; see `unit`). */
  capacity: Float64Array;
  /** Cell voltage, V. */
  voltage: Float64Array;
  /** Current, mA (rests inside a GITT half-cycle have ~0). */
  current: Float64Array;
  /** Time since the half-cycle began, s. */
  time: Float64Array;
  /** `"mAh/g"` or `"mAh"`. */
  unit: "mAh/g" | "mAh";
}

/** Options of {@link voltageProfiles}. */
export interface VoltageProfilesOptions {
  /** Active mass, mg. @default `data.metadata.activeMassMg` (the file's active mass) when present; without one, capacities stay in mAh */
  mass?: number;
  /** Only these cycle numbers. @default all */
  cycles?: readonly number[];
  /** Rest tolerance, mA (see splitHalfCycles). */
  tolerance?: number;
  /** Cycle numbering (see splitHalfCycles). */
  cycleNumbers?: "cycler" | "alternation";
}

const OPTIONS = ["mass", "cycles", "tolerance", "cycleNumbers"] as const;

/**
 * The voltage profile of every half-cycle: capacity counted from zero at the start of the
 * half-cycle (trapezoid integral of the current; mAh/g with a mass) against voltage, as
 * plotted in first-cycle figures (charge rising, discharge falling, each from 0).
 *
 * @param data - a cycler record.
 * @param options - {@link VoltageProfilesOptions}.
 * @returns one {@link VoltageProfile} per half-cycle, in record order.
 * @throws RangeError for unsorted time, NaN values, a mass ≤ 0, a cycle number not an integer; Error for an unknown option.
 * @example
 * const [charge, discharge] = voltageProfiles(data, { mass: 3.2, cycles: [1] });
 * charge.capacity[charge.capacity.length - 1]; // first-charge capacity, mAh/g
 */
export function voltageProfiles(data: CyclerData, options: VoltageProfilesOptions = {}): VoltageProfile[] {
  const fn = "voltageProfiles";
  checkOptions(fn, options, OPTIONS);
  const d = checkCycler(fn, data);
  const mass = massOf(fn, d, options.mass);
  if (options.cycles !== undefined) {
    if (!Array.isArray(options.cycles) || options.cycles.some((c) => !Number.isInteger(c))) throw new RangeError(`${fn}: option cycles must be a list of integer cycle numbers, got ${JSON.stringify(options.cycles)}`);
  }
  const { halfCycles } = splitChecked(fn, d, { tolerance: options.tolerance, cycles: options.cycleNumbers });
  const scale = mass === undefined ? 1 / 3600 : 1 / 3600 / (mass / 1000);
  const out: VoltageProfile[] = [];
  for (const h of halfCycles) {
    if (options.cycles && !options.cycles.includes(h.cycle)) continue;
    const m = h.end - h.start + 1;
    const capacity = new Float64Array(m);
    const voltage = d.voltage.slice(h.start, h.end + 1);
    const current = d.current.slice(h.start, h.end + 1);
    const time = new Float64Array(m);
    const sign = h.kind === "charge" ? 1 : -1;
    let q = 0;
    for (let j = 1; j < m; j++) {
      const i = h.start + j;
      q += 0.5 * (d.time[i] - d.time[i - 1]) * (d.current[i] + d.current[i - 1]) * sign;
      capacity[j] = q * scale;
      time[j] = d.time[i] - d.time[h.start];
    }
    out.push({ index: h.index, cycle: h.cycle, kind: h.kind, capacity, voltage, current, time, unit: mass === undefined ? "mAh" : "mAh/g" });
  }
  return out;
}
