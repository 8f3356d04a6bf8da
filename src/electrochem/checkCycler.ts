/**
 * Checks of a {@link CyclerData} record and of the numbers passed with it, shared by the
 * analyses (internal; not re-exported). Every error names the function, the field and what
 * was expected.
 * @module
 */
import type { CyclerData } from "./cyclerData";

/** @internal Throw unless `data` is a cycler record whose time is non-decreasing and whose time, voltage and current are finite. */
export function checkCycler(fn: string, data: unknown): CyclerData {
  if (data === null || typeof data !== "object") throw new TypeError(`${fn}: data must be a CyclerData record (from readMpt, readCycler, …), got ${data === null ? "null" : typeof data}`);
  const d = data as CyclerData;
  const n = d.time?.length;
  if (typeof n !== "number") throw new TypeError(`${fn}: data.time is missing; expected a Float64Array of times in s`);
  if (n < 2) throw new RangeError(`${fn}: data has ${n} rows; expected at least 2`);
  for (const [name, col] of [["voltage", d.voltage], ["current", d.current]] as const) {
    if (!col || typeof col.length !== "number") throw new TypeError(`${fn}: data.${name} is missing; expected a column of ${n} values (${name === "voltage" ? "V" : "mA, positive = charge"})`);
    if (col.length !== n) throw new RangeError(`${fn}: data.${name} has ${col.length} rows, expected ${n} like data.time`);
  }
  const { time, voltage, current } = d;
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(time[i])) throw new RangeError(`${fn}: data.time[${i}] is ${time[i]}; expected finite times in s`);
    if (i > 0 && time[i] < time[i - 1]) throw new RangeError(`${fn}: data.time is not sorted: time[${i}] = ${time[i]} s < time[${i - 1}] = ${time[i - 1]} s; expected non-decreasing times`);
    if (!Number.isFinite(voltage[i])) throw new RangeError(`${fn}: data.voltage[${i}] is ${voltage[i]}; expected finite voltages in V`);
    if (!Number.isFinite(current[i])) throw new RangeError(`${fn}: data.current[${i}] is ${current[i]}; expected finite currents in mA`);
  }
  for (const name of ["capacity", "cycle", "step"] as const) {
    const col = d[name];
    if (col !== undefined && col.length !== n) throw new RangeError(`${fn}: data.${name} has ${col.length} rows, expected ${n} like data.time`);
  }
  return d;
}

/** @internal Throw unless `mass` (active mass, mg) is a finite positive number. */
export function checkMass(fn: string, mass: unknown, name = "option mass"): number {
  if (typeof mass !== "number" || !Number.isFinite(mass) || mass <= 0) {
    throw new RangeError(`${fn}: ${name} must be the active mass in mg, a finite number > 0, got ${String(mass)}`);
  }
  return mass;
}

/** @internal Throw unless `v` is a finite number > `min` (or ≥ when `inclusive`). */
export function checkPositive(fn: string, name: string, v: unknown, unit: string, inclusive = false): number {
  if (typeof v !== "number" || !Number.isFinite(v) || (inclusive ? v < 0 : v <= 0)) {
    throw new RangeError(`${fn}: ${name} must be a finite number ${inclusive ? "≥ 0" : "> 0"} (${unit}), got ${String(v)}`);
  }
  return v;
}

/** @internal The active mass in mg: the option, else the record's `metadata.activeMassMg` (readMpt's "Mass of active material"), else undefined. */
export function massOf(fn: string, data: CyclerData, mass: unknown): number | undefined {
  if (mass !== undefined) return checkMass(fn, mass);
  const m = data.metadata?.activeMassMg;
  if (typeof m === "number" && Number.isFinite(m) && m > 0) return m;
  return undefined;
}
