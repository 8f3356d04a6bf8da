/**
 * What Neware `.nda` and `.ndax` files hold per record, and how it becomes a {@link CyclerData}.
 * @module
 */
import type { CyclerData } from "../cyclerData";
import { assembleCyclerData } from "./assembleCyclerData";

/**
 * Neware step states (the record's status code), from NewareNDA's `state_dict`.
 * @example
 * NEWARE_STATES.get(2); // "CC_DChg"
 */
export const NEWARE_STATES: ReadonlyMap<number, string> = new Map<number, string>([
  [1, "CC_Chg"],
  [2, "CC_DChg"],
  [3, "CV_Chg"],
  [4, "Rest"],
  [5, "Cycle"],
  [7, "CCCV_Chg"],
  [8, "CP_DChg"],
  [9, "CP_Chg"],
  [10, "CR_DChg"],
  [13, "Pause"],
  [16, "Pulse"],
  [17, "SIM"],
  [19, "CV_DChg"],
  [20, "CCCV_DChg"],
  [21, "Control"],
  [22, "OCV"],
  [26, "CPCV_DChg"],
  [27, "CPCV_Chg"],
]);

/** Columns of a Neware record set, parallel arrays of one length, already in s, V, mA, mAh, mWh. */
export interface NewareColumns {
  /** Record number as the cycler writes it (1-based). */
  index: Float64Array;
  /** Cycle number, 1-based as Neware's software shows it. */
  cycle: Float64Array;
  /** Program step number (Step_Index). */
  stepIndex: Float64Array;
  /** Status code ({@link NEWARE_STATES}). */
  status: Float64Array;
  /** Time, s: within the step (`stepTime` true) or since the start. */
  time: Float64Array;
  /** Voltage, V. */
  voltage: Float64Array;
  /** Current, mA, discharge negative. */
  current: Float64Array;
  /** Charge capacity within the step, mAh. */
  chargeCapacity: Float64Array;
  /** Discharge capacity within the step, mAh (positive). */
  dischargeCapacity: Float64Array;
  /** Charge energy within the step, mWh. */
  chargeEnergy: Float64Array;
  /** Discharge energy within the step, mWh. */
  dischargeEnergy: Float64Array;
  /** Record date, Unix seconds (UTC). */
  timestamp: Float64Array;
  /** Auxiliary channels by name (e.g. "T1/°C", "V1/V"). */
  aux: Record<string, Float64Array>;
  /** Running step number when the file gives it (1, 2, … per executed step); else counted from changes of cycle or Step_Index. */
  runningStep?: Float64Array;
}

/**
 * Build the {@link CyclerData} of a Neware record set: `time` since the start (when the file
 * keeps time within each step, it is accumulated over steps: a step's time is added to the time
 * at the end of the previous step, as Neware's "Total Time"), voltage V, current mA (Neware
 * writes discharge as negative: kept), `capacity` = charge − discharge capacity of the step (mAh,
 * so a discharge counts negative, as BioLogic's `Q charge/discharge`), `cycle` as Neware shows it
 * (1-based), `step` = running step number (1, 2, … each time the program step changes, as
 * NewareNDA's `Step`). `extra` holds `Index`, `Step_Index`, `Status` (code; names in
 * `metadata.statusNames`), `Step time/s` (when the file keeps it), the capacities and energies,
 * `Timestamp/s` (Unix seconds) and the aux channels.
 * @example
 * const d = newareCyclerData(cols, true, "a.ndax", "neware-ndax (ndc 17)", {}, [], (i) => `record ${i + 1}`, false);
 */
export function newareCyclerData(
  c: NewareColumns,
  stepTime: boolean,
  file: string,
  format: string,
  metadata: Record<string, string | number>,
  warnings: string[],
  where: (row: number) => string,
  allowUnsortedTime: boolean,
): CyclerData {
  const n = c.index.length;
  let total = c.time;
  let step = c.runningStep;
  if (!step) {
    step = new Float64Array(n);
    let s = 0;
    for (let i = 0; i < n; i++) {
      if (i === 0 || c.stepIndex[i] !== c.stepIndex[i - 1] || c.status[i] !== c.status[i - 1] || c.cycle[i] !== c.cycle[i - 1]) s++;
      step[i] = s;
    }
  }
  if (stepTime) {
    total = new Float64Array(n);
    let offset = 0;
    for (let i = 0; i < n; i++) {
      if (i > 0 && step[i] !== step[i - 1]) offset = total[i - 1];
      total[i] = offset + c.time[i];
    }
  }
  const capacity = new Float64Array(n);
  for (let i = 0; i < n; i++) capacity[i] = c.chargeCapacity[i] - c.dischargeCapacity[i];
  const codes = new Set<number>(c.status);
  metadata.statusNames = [...codes]
    .sort((a, b) => a - b)
    .map((k) => `${k}=${NEWARE_STATES.get(k) ?? "unknown"}`)
    .join(", ");
  for (const k of codes) if (!NEWARE_STATES.has(k)) warnings.push(`Status code ${k} is not a known Neware step state; it is kept as a number in extra.Status.`);
  const names = ["time/s", "Voltage/V", "Current(mA)", "Capacity(mAh)", "Cycle", "Step", "Index", "Step_Index", "Status"];
  const values = [total, c.voltage, c.current, capacity, c.cycle, step, c.index, c.stepIndex, c.status];
  if (stepTime) {
    names.push("Step time/s");
    values.push(c.time);
  }
  names.push("Charge_Capacity(mAh)", "Discharge_Capacity(mAh)", "Charge_Energy(mWh)", "Discharge_Energy(mWh)", "Timestamp/s");
  values.push(c.chargeCapacity, c.dischargeCapacity, c.chargeEnergy, c.dischargeEnergy, c.timestamp);
  for (const [k, v] of Object.entries(c.aux)) {
    names.push(k);
    values.push(v);
  }
  const data = assembleCyclerData(
    { file, format, names, values, metadata, warnings, where, allowUnsortedTime },
    { time: { index: 0, factor: 1 }, voltage: { index: 1, factor: 1 }, current: { index: 2, factor: 1 }, capacity: { index: 3, factor: 1 }, cycle: 4, step: 5 },
  );
  metadata.timeColumn = stepTime ? "accumulated step time" : "total time";
  metadata.capacityColumn = "Charge_Capacity(mAh) − Discharge_Capacity(mAh)";
  return data;
}
