/**
 * Building a {@link CyclerData} from named columns once a reader has chosen which column is
 * time, voltage, current, capacity, cycle and step, and the factor that converts each.
 * @module
 */
import type { CyclerData } from "../cyclerData";
import { CyclerFileError } from "./cyclerFileError";
import { checkTimeOrder } from "./timeOrder";

/** A chosen column: its position among the file's columns and the factor to the target unit. */
export interface ColumnPick {
  /** Position of the column in `names` / `values`. */
  index: number;
  /** Multiply by this to get s, V, mA or mAh. */
  factor: number;
}

/** Which columns become the {@link CyclerData} fields. */
export interface CyclerPicks {
  /** Time column (→ s). */
  time: ColumnPick;
  /** Voltage column (→ V). */
  voltage: ColumnPick;
  /** Current column (→ mA, positive = charge); `"zero"` for a rest/OCV record without one (the reader warns). */
  current: ColumnPick | "zero";
  /** Capacity column (→ mAh), when there is one. */
  capacity?: ColumnPick;
  /** Cycle-number column position, when there is one. */
  cycle?: number;
  /** Step-index column position, when there is one. */
  step?: number;
  /** Multiply the current by this after the unit factor (−1 for cyclers whose discharge is positive); default 1. */
  currentSign?: 1 | -1;
}

/** Everything {@link assembleCyclerData} needs besides the picks. */
export interface AssembleInput {
  /** File path, for `file` and messages. */
  file: string;
  /** Format and version, e.g. "biologic-mpt". */
  format: string;
  /** Column names as written in the file. */
  names: readonly string[];
  /** Column values, parallel to `names`, all of one length. */
  values: readonly Float64Array[];
  /** Header facts. */
  metadata: Record<string, string | number>;
  /** Warnings so far; more may be added. */
  warnings: string[];
  /** Location of row `i` in the file, for messages (e.g. `line 58`). */
  where: (row: number) => string;
  /** Keep decreasing time with a warning instead of throwing. */
  allowUnsortedTime: boolean;
}

function scaled(v: Float64Array, f: number): Float64Array {
  if (f === 1) return v;
  const out = new Float64Array(v.length);
  for (let i = 0; i < v.length; i++) out[i] = v[i] * f;
  return out;
}

function integers(v: Float64Array, input: AssembleInput, col: string): Int32Array {
  const out = new Int32Array(v.length);
  for (let i = 0; i < v.length; i++) {
    const x = v[i];
    if (!Number.isInteger(x) || x < -2147483648 || x > 2147483647) {
      throw new CyclerFileError(input.file, `${input.where(i)}, column "${col}"`, `expected an integer, got ${x}`);
    }
    out[i] = x;
  }
  return out;
}

/**
 * Assemble a {@link CyclerData}: convert the picked columns with their factors, turn cycle and
 * step into integers, put every other column into `extra` under its written name (a repeated
 * name gets ` (2)`, ` (3)` … and a warning), record which column became which field in
 * `metadata` (`timeColumn`, `voltageColumn`, …) and check the time order.
 *
 * @throws CyclerFileError for a non-integer cycle/step value, non-finite or decreasing time.
 * @example
 * const d = assembleCyclerData({ file, format: "biologic-mpt", names, values, metadata: {}, warnings: [],
 *   where: (i) => `line ${i + 58}`, allowUnsortedTime: false }, { time: { index: 7, factor: 1 }, voltage: { index: 9, factor: 1 }, current: { index: 10, factor: 1 } });
 */
export function assembleCyclerData(input: AssembleInput, picks: CyclerPicks): CyclerData {
  const { names, values, metadata, warnings } = input;
  const n = values.length > 0 ? values[0].length : 0;
  const used = new Set<number>();
  const take = (p: ColumnPick, field: string): Float64Array => {
    used.add(p.index);
    metadata[`${field}Column`] = names[p.index];
    return scaled(values[p.index], p.factor);
  };
  const time = take(picks.time, "time");
  const voltage = take(picks.voltage, "voltage");
  let current: Float64Array;
  if (picks.current === "zero") {
    current = new Float64Array(n);
  } else {
    current = take(picks.current, "current");
    if (picks.currentSign === -1) {
      if (current === values[picks.current.index]) current = new Float64Array(current);
      for (let i = 0; i < n; i++) current[i] = -current[i];
    }
  }
  const data: CyclerData = { file: input.file, format: input.format, nPoints: n, time, voltage, current, extra: {}, metadata, warnings };
  if (picks.capacity) data.capacity = take(picks.capacity, "capacity");
  if (picks.cycle !== undefined) {
    used.add(picks.cycle);
    metadata.cycleColumn = names[picks.cycle];
    data.cycle = integers(values[picks.cycle], input, names[picks.cycle]);
  }
  if (picks.step !== undefined) {
    used.add(picks.step);
    metadata.stepColumn = names[picks.step];
    data.step = integers(values[picks.step], input, names[picks.step]);
  }
  for (let c = 0; c < names.length; c++) {
    if (used.has(c)) continue;
    let key = names[c];
    if (Object.prototype.hasOwnProperty.call(data.extra, key)) {
      let k = 2;
      while (Object.prototype.hasOwnProperty.call(data.extra, `${names[c]} (${k})`)) k++;
      key = `${names[c]} (${k})`;
      warnings.push(`Column name "${names[c]}" occurs more than once; column ${c + 1} is kept in extra as "${key}".`);
    }
    data.extra[key] = values[c];
  }
  checkTimeOrder(time, input.file, input.where, input.allowUnsortedTime, warnings);
  return data;
}
