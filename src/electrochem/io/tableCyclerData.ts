/**
 * From a cycler text table ({@link TextTable}) to a {@link CyclerData}: cell conversion
 * (numbers, durations, dates, state letters), unit factors, capacity from charge/discharge
 * columns, sign of current from a state column.
 * @module
 */
import type { CyclerData } from "../cyclerData";
import { assembleCyclerData, type ColumnPick, type CyclerPicks } from "./assembleCyclerData";
import { dateCell, durationCell, numberCell } from "./cellValues";
import { CyclerFileError } from "./cyclerFileError";
import type { TextTable } from "./textTable";
import { type CyclerQuantity, knownUnits, unitFactor } from "./unitScale";

/**
 * The unit written in a column name: `Current(A)` → "A", `Cap. [Ah]` → "Ah", `I/mA` → "mA",
 * `Test Time (s)` → "s"; `undefined` when the name carries none.
 * @example
 * unitInName("Charge_Capacity(Ah)"); // "Ah"
 */
export function unitInName(name: string): string | undefined {
  const m = /\(([^()]+)\)\s*$/.exec(name) ?? /\[([^\][]+)\]\s*$/.exec(name) ?? /\/\s*([^/\s]+)\s*$/.exec(name);
  return m ? m[1].trim() : undefined;
}

/**
 * Whether a table writes decimals with a comma: never when comma-separated; else by counting
 * cells like `1,5` against `1.5` in the first 50 rows.
 * @example
 * usesDecimalComma(parseTextTable("a\tb\n0,5\t1,5\n", "m.txt", 0, "\t", [])); // true
 */
export function usesDecimalComma(t: TextTable): boolean {
  if (t.delimiter === ",") return false;
  let comma = 0;
  let point = 0;
  for (const row of t.rows.slice(0, 50)) {
    for (const c of row) {
      if (/^[+-]?\d+,\d+([eE][+-]?\d+)?$/.test(c)) comma++;
      else if (/^[+-]?\d*\.\d+([eE][+-]?\d+)?$/.test(c)) point++;
    }
  }
  return comma > point;
}

/** Which columns hold what (names exactly as written in the column-name line). */
export interface TableColumnMap {
  /** Time since the start (numbers, or `d hh:mm:ss` durations). */
  time: string;
  /** Cell voltage. */
  voltage: string;
  /** Current. */
  current: string;
  /** A signed capacity (charge positive). */
  capacity?: string;
  /** Charge capacity (≥ 0); with `dischargeCapacity`, capacity = charge − discharge. */
  chargeCapacity?: string;
  /** Discharge capacity (≥ 0). */
  dischargeCapacity?: string;
  /** Cycle number. */
  cycle?: string;
  /** Step number. */
  step?: string;
}

/** Everything {@link tableCyclerData} needs. */
export interface TableInput {
  file: string;
  format: string;
  table: TextTable;
  decimalComma: boolean;
  map: TableColumnMap;
  /** Unit of each mapped quantity (as written, e.g. "A", "mAh", "h"); time may also be "duration" for `d hh:mm:ss` cells. */
  units: Partial<Record<CyclerQuantity, string>>;
  /** A column of state letters (Maccor `State`/`Md`): rows whose state is in `discharge` get negative current and capacity, in `charge` positive. */
  stateSign?: { column: string; charge: readonly string[]; discharge: readonly string[] };
  /** Multiply current by −1 (for exports whose discharge current is positive and that have no state column). */
  flipCurrent?: boolean;
  metadata: Record<string, string | number>;
  warnings: string[];
  allowUnsortedTime: boolean;
}

function factorFor(q: CyclerQuantity, unit: string | undefined, column: string, file: string): number {
  if (unit === undefined) {
    throw new CyclerFileError(file, `column "${column}"`, `the ${q} unit is not written in the column name; give it (units.${q}: one of ${knownUnits(q).join(", ")})`);
  }
  const f = unitFactor(q, unit);
  if (f === undefined) throw new CyclerFileError(file, `column "${column}"`, `unit "${unit}" is not a ${q} unit (expected one of ${knownUnits(q).join(", ")})`);
  return f;
}

/**
 * Convert a text table into a {@link CyclerData}. Each column becomes numbers: decimal cells
 * as they are (empty cells NaN, counted in a warning); a column of durations (`0d 00:00:05.1`)
 * in seconds; a column of dates in Unix seconds (wall clock read as UTC; renamed
 * `<name> (Unix s)`); the state column as codes (`metadata["<name> codes"]`, e.g. `R=0, C=1,
 * D=2`); any other text column is left out with a warning naming it. Mapped columns must be
 * numeric (time may be durations) and are converted with their unit factors.
 *
 * @throws CyclerFileError naming the column (and line) for a missing mapped column, an unknown
 *   unit, or a non-number in a mapped column.
 * @example
 * tableCyclerData({ file, format: "arbin-csv", table, decimalComma: false, map: { time: "Test_Time(s)", voltage: "Voltage(V)", current: "Current(A)" },
 *   units: { time: "s", voltage: "V", current: "A" }, metadata: {}, warnings: [], allowUnsortedTime: false });
 */
export function tableCyclerData(input: TableInput): CyclerData {
  const { table: t, file, map, warnings, metadata } = input;
  const need = (name: string | undefined, role: string): number | undefined => {
    if (name === undefined) return undefined;
    const i = t.names.indexOf(name);
    if (i < 0) throw new CyclerFileError(file, `line ${t.header.length + 1}`, `no ${role} column "${name}"; columns: ${t.names.join(", ")}`);
    return i;
  };
  const ti = need(map.time, "time")!;
  const vi = need(map.voltage, "voltage")!;
  const ii = need(map.current, "current")!;
  const qi = need(map.capacity, "capacity");
  const qc = need(map.chargeCapacity, "charge capacity");
  const qd = need(map.dischargeCapacity, "discharge capacity");
  const ci = need(map.cycle, "cycle");
  const si = need(map.step, "step");
  const sti = input.stateSign ? need(input.stateSign.column, "state") : undefined;
  const mapped = new Set([ti, vi, ii, qi, qc, qd, ci, si].filter((x): x is number => x !== undefined));
  const n = t.rows.length;
  const names: string[] = [];
  const values: Float64Array[] = [];
  const position = new Map<number, number>();
  const dropped = new Map<string, { count: number; example: string }>();
  let empties = 0;
  for (let c = 0; c < t.names.length; c++) {
    const v = new Float64Array(n);
    let bad = -1;
    for (let r = 0; r < n; r++) {
      const cell = t.rows[r][c];
      if (cell === "") {
        v[r] = NaN;
        empties++;
        continue;
      }
      const x = numberCell(cell, input.decimalComma);
      if (x === undefined) {
        bad = r;
        break;
      }
      v[r] = x;
    }
    let name = t.names[c];
    if (bad >= 0) {
      const cells = t.rows.map((row) => row[c]);
      const asDuration = cells.map((s) => (s === "" ? NaN : durationCell(s)));
      const asDate = cells.map((s) => (s === "" ? NaN : dateCell(s)));
      if (c === sti) {
        const codes = new Map<string, number>([["R", 0], ["C", 1], ["D", 2]]);
        for (let r = 0; r < n; r++) {
          const s = cells[r];
          if (!codes.has(s)) codes.set(s, codes.size + 10 - 3);
          v[r] = codes.get(s)!;
        }
        metadata[`${name} codes`] = [...codes].filter(([k]) => cells.includes(k)).map(([k, x]) => `${k || "(empty)"}=${x}`).join(", ");
      } else if (asDuration.every((x) => x !== undefined)) {
        v.set(asDuration as number[]);
        metadata[`${name} format`] = "d hh:mm:ss (converted to s)";
      } else if (asDate.every((x) => x !== undefined)) {
        v.set(asDate as number[]);
        name = `${name} (Unix s)`;
      } else if (mapped.has(c)) {
        throw new CyclerFileError(file, `line ${t.lines[bad]}, column "${t.names[c]}"`, `expected a number${c === ti ? " or a duration (d hh:mm:ss)" : ""}, got "${t.rows[bad][c].slice(0, 40)}"`);
      } else {
        const d = dropped.get(t.names[c]);
        if (d) d.count++;
        else dropped.set(t.names[c], { count: 1, example: t.rows[bad][c].slice(0, 20) });
        continue;
      }
    }
    position.set(c, names.length);
    names.push(name);
    values.push(v);
  }
  if (dropped.size > 0) {
    const list = [...dropped].map(([k, d]) => `"${k}"${d.count > 1 ? ` ×${d.count}` : ""} (e.g. "${d.example}")`);
    warnings.push(`Text columns that are neither numbers, durations nor dates were left out: ${list.join(", ")}.`);
  }
  if (empties > 0) warnings.push(`${empties} empty cells were read as NaN.`);
  const pick = (c: number, q: CyclerQuantity): ColumnPick => ({ index: position.get(c)!, factor: q === "time" && input.units.time === "duration" ? 1 : factorFor(q, input.units[q], t.names[c], file) });
  const time = pick(ti, "time");
  const voltage = pick(vi, "voltage");
  const current = pick(ii, "current");
  let capacity: ColumnPick | undefined;
  if (qi !== undefined) capacity = pick(qi, "capacity");
  else if (qc !== undefined && qd !== undefined) {
    const fc = factorFor("capacity", input.units.capacity ?? unitInName(t.names[qc]), t.names[qc], file);
    const fd = factorFor("capacity", input.units.capacity ?? unitInName(t.names[qd]), t.names[qd], file);
    const a = values[position.get(qc)!];
    const b = values[position.get(qd)!];
    names.push("charge − discharge capacity/mAh");
    values.push(Float64Array.from(a, (x, i) => x * fc - b[i] * fd));
    capacity = { index: values.length - 1, factor: 1 };
    metadata.capacityFrom = `${t.names[qc]} − ${t.names[qd]}`;
  }
  if (input.stateSign && sti !== undefined) {
    // Sign current and capacity from the state letters (the export writes magnitudes).
    const st = t.rows.map((row) => row[sti]);
    const sign = st.map((s) => (input.stateSign!.discharge.includes(s) ? -1 : input.stateSign!.charge.includes(s) ? 1 : 0));
    const signed = (p: ColumnPick, what: string): ColumnPick => {
      const src = values[p.index];
      names.push(`${what} (signed by ${t.names[sti]})`);
      values.push(Float64Array.from(src, (x, i) => (sign[i] === 0 ? x : sign[i] * Math.abs(x))));
      return { index: values.length - 1, factor: p.factor };
    };
    const cur = signed(current, t.names[ii]);
    const cap = capacity ? signed(capacity, t.names[qi ?? ii]) : undefined;
    const picks: CyclerPicks = { time, voltage, current: cur, ...(cap ? { capacity: cap } : {}) };
    return finish(input, names, values, picks, ci, si, position);
  }
  const picks: CyclerPicks = { time, voltage, current, ...(capacity ? { capacity } : {}), currentSign: input.flipCurrent ? -1 : 1 };
  return finish(input, names, values, picks, ci, si, position);
}

function finish(input: TableInput, names: string[], values: Float64Array[], picks: CyclerPicks, ci: number | undefined, si: number | undefined, position: Map<number, number>): CyclerData {
  if (ci !== undefined) picks.cycle = position.get(ci);
  if (si !== undefined) picks.step = position.get(si);
  const t = input.table;
  return assembleCyclerData(
    { file: input.file, format: input.format, names, values, metadata: input.metadata, warnings: input.warnings, where: (i) => `line ${t.lines[i]}`, allowUnsortedTime: input.allowUnsortedTime },
    picks,
  );
}
