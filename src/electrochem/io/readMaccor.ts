/**
 * Maccor text exports (tab-separated `.txt`).
 * @module
 */
import { checkOptions } from "../../util/checkOptions";
import { readRegularText } from "../../io/readRegularFile";
import type { CyclerData } from "../cyclerData";
import { CyclerFileError } from "./cyclerFileError";
import { tableCyclerData, usesDecimalComma } from "./tableCyclerData";
import { parseTextTable } from "./textTable";

/** Options of {@link readMaccor}. */
export interface ReadMaccorOptions {
  /** Unit of the voltage column when the header lies (some exports write mV under `Volts`); default from the name. */
  voltageUnit?: "V" | "mV";
  /** Keep rows whose time runs backwards (with a warning) instead of throwing; default false. */
  allowUnsortedTime?: boolean;
}

/** Column names Maccor exports use, with their units, in order of preference. */
const TIME = [["TestTime", "duration"], ["Test Time", "duration"], ["Test Time (sec)", "s"], ["TestTime(s)", "s"]] as const;
const CURRENT = [["Amps", "A"], ["mAmps", "mA"], ["Current [A]", "A"], ["Current [mA]", "mA"], ["Current", "A"]] as const;
const VOLTAGE = [["Volts", "V"], ["Voltage [V]", "V"], ["mVolts", "mV"], ["Voltage", "V"]] as const;
const CAPACITY = [["Amp-hr", "Ah"], ["mAmp-hr", "mAh"], ["Cap. [Ah]", "Ah"], ["Cap. [mAh]", "mAh"], ["Capacity", "Ah"]] as const;
const CYCLE = ["Cyc#", "Cycle C", "Cycle", "Cycle P"];
const STATE = ["State", "Md"];

function first<T extends readonly (readonly [string, string])[]>(names: string[], list: T): readonly [string, string] | undefined {
  return list.find(([n]) => names.includes(n));
}

/**
 * Read a Maccor text export.
 *
 * The header block (`Today's Date`, `Date of Test:`, `Filename:`, `Procedure:`, or `Name:`,
 * `Channel:`, `Started`, `SCap` … — kept in `metadata` as key/value pairs) ends at the line of
 * column names, found as the first line with a record column (`Rec#`/`Rec`) and `Step`. Cells
 * are tab-separated; decimal commas are recognised; Latin-1 text.
 *
 * Columns (the three Maccor layouts cellpy knows, checked on its real example files):
 * time ← `TestTime` (`0d 00:00:05.05` durations, or seconds), current ← `Amps` (A) /
 * `mAmps` (mA) / `Current [A]`, voltage ← `Volts` / `Voltage [V]`, capacity ← `Amp-hr` /
 * `mAmp-hr` / `Cap. [Ah]` (→ mAh), cycle ← `Cyc#` / `Cycle C`, step ← `Step`, state ← `State`
 * / `Md` (C charge, D discharge, R rest …). Maccor writes current and capacity as magnitudes;
 * the sign comes from the state: D rows get negative current and capacity (charge positive,
 * as every reader here); other states keep the written value. `extra` keeps the written
 * columns (e.g. `Amps` unsigned, `DPt Time (Unix s)`, `State` as codes listed in
 * `metadata["State codes"]`).
 *
 * @param path the `.txt` export.
 * @returns the record; `format` is `"maccor-txt"`.
 * @throws CyclerFileError naming the line/column: empty file, no column-name line, no
 *   time/current/voltage column, a non-number in a mapped column.
 * @example
 * const run = readMaccor("LRLO_maccor.txt");
 * run.current; // mA, discharge negative
 */
export function readMaccor(path: string, options: ReadMaccorOptions = {}): CyclerData {
  checkOptions("readMaccor", options, ["voltageUnit", "allowUnsortedTime"]);
  if (options.voltageUnit !== undefined && options.voltageUnit !== "V" && options.voltageUnit !== "mV") {
    throw new Error(`readMaccor: option voltageUnit must be "V" or "mV", got ${JSON.stringify(options.voltageUnit)}`);
  }
  const text = readRegularText(path, { field: "Maccor text export", maxBytes: 2 ** 32 });
  return parseMaccor(text, path, options);
}

/**
 * Parse the text of a Maccor export (see {@link readMaccor}); `file` names it in messages.
 * @example
 * parseMaccor("Rec#\tCyc#\tStep\tTestTime\tAmps\tVolts\tState\n1\t0\t1\t0d 00:00:00\t0\t3.4\tR\n", "m.txt").nPoints; // 1
 */
export function parseMaccor(text: string, file: string, options: ReadMaccorOptions = {}): CyclerData {
  checkOptions("parseMaccor", options, ["voltageUnit", "allowUnsortedTime"]);
  if (text.trim() === "") throw new CyclerFileError(file, "file", "is empty; expected a Maccor text export");
  const lines = text.split("\n", 200);
  const nameLine = lines.findIndex((l) => {
    const cells = l.split("\t").map((s) => s.trim());
    return (cells.includes("Rec#") || cells.includes("Rec")) && cells.includes("Step");
  });
  if (nameLine < 0) {
    throw new CyclerFileError(file, "lines 1–200", 'expected a Maccor column-name line (tab-separated, with "Rec#" or "Rec" and "Step"), found none');
  }
  const warnings: string[] = [];
  const table = parseTextTable(text, file, nameLine, "\t", warnings);
  const metadata: Record<string, string | number> = { headerLines: nameLine };
  for (const l of table.header) {
    const cells = l.split("\t").map((s) => s.trim());
    for (let k = 0; k + 1 < cells.length; k += 2) {
      const key = cells[k].replace(/:$/, "");
      if (key !== "" && cells[k + 1] !== "" && !(key in metadata)) metadata[key] = cells[k + 1].replace(/[^\x20-\x7e\u00a0-\u00ff]/g, "");
    }
  }
  const names = table.names;
  const where = `line ${nameLine + 1}`;
  const time = first(names, TIME) ?? fail(file, where, "time", TIME, names);
  const current = first(names, CURRENT) ?? fail(file, where, "current", CURRENT, names);
  const voltage = first(names, VOLTAGE) ?? fail(file, where, "voltage", VOLTAGE, names);
  const capacity = first(names, CAPACITY);
  const decimalComma = usesDecimalComma(table);
  metadata.decimalSeparator = decimalComma ? "," : ".";
  const state = STATE.find((s) => names.includes(s));
  if (!state) warnings.push("No State/Md column: current and capacity keep the signs written in the file.");
  const vUnit = options.voltageUnit ?? voltage[1];
  const data = tableCyclerData({
    file,
    format: "maccor-txt",
    table,
    decimalComma,
    map: { time: time[0], voltage: voltage[0], current: current[0], capacity: capacity?.[0], cycle: CYCLE.find((c) => names.includes(c)), step: "Step" },
    units: { time: time[1], voltage: vUnit, current: current[1], capacity: capacity?.[1] },
    stateSign: state ? { column: state, charge: ["C"], discharge: ["D"] } : undefined,
    metadata,
    warnings,
    allowUnsortedTime: options.allowUnsortedTime === true,
  });
  if (options.voltageUnit === undefined) {
    let big = 0;
    for (const v of data.voltage) if (Math.abs(v) > 100) big++;
    if (big > 0) warnings.push(`${big} voltages exceed 100 V under "${voltage[0]}"; if the export wrote mV, read it with { voltageUnit: "mV" }.`);
  }
  return data;
}

function fail(file: string, where: string, what: string, list: readonly (readonly [string, string])[], names: string[]): never {
  throw new CyclerFileError(file, where, `no ${what} column (expected one of ${list.map(([n]) => `"${n}"`).join(", ")}); columns found: ${names.join(", ")}`);
}
