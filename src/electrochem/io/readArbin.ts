/**
 * Arbin MITS Pro CSV exports.
 * @module
 */
import { checkOptions } from "../../util/checkOptions";
import { readRegularText } from "../../io/readRegularFile";
import type { CyclerData } from "../cyclerData";
import { CyclerFileError } from "./cyclerFileError";
import { tableCyclerData, unitInName, usesDecimalComma } from "./tableCyclerData";
import { parseTextTable } from "./textTable";

/** Options of {@link readArbin}. */
export interface ReadArbinOptions {
  /** Keep rows whose time runs backwards (with a warning) instead of throwing; default false. */
  allowUnsortedTime?: boolean;
}

/** A column name reduced for matching: lower case, no spaces, underscores or unit. */
function key(name: string): string {
  return name
    .replace(/\s*(\([^()]*\)|\[[^\][]*\])\s*$/, "")
    .toLowerCase()
    .replace(/[\s_]+/g, "");
}

/**
 * Read an Arbin CSV export (MITS Pro "Export to CSV", both spellings: `Test_Time(s)`,
 * `Current(A)`, `Voltage(V)`, `Charge_Capacity(Ah)`, `Discharge_Capacity(Ah)`, `Cycle_Index`,
 * `Step_Index`, `Data_Point`, `Date_Time` — or `Test Time (s)`, `Current (A)` …).
 *
 * Units are read from each name (`(s)`, `(h)`, `(A)`, `(mA)`, `(Ah)`, `(mAh)`, `(V)`) and
 * converted to s, V, mA, mAh. Arbin's current is positive for charge (kept). Arbin accumulates
 * `Charge_Capacity` and `Discharge_Capacity` over a cycle, both ≥ 0; `capacity` is their
 * difference (mAh), so it rises on charge and falls on discharge; both stay in `extra`.
 * `Date_Time` becomes `Date_Time (Unix s)` (wall clock as UTC). Other columns (`dV/dt(V/s)`,
 * `Internal_Resistance(Ohm)`, aux temperatures …) are kept in `extra` under their names.
 *
 * @param path the `.csv` export.
 * @returns the record; `format` is `"arbin-csv"`.
 * @throws CyclerFileError naming the line/column: empty file, no time/current/voltage column,
 *   a unit that is not one of its quantity, a non-number.
 * @example
 * const run = readArbin("LRLO_CH12.csv");
 * run.capacity; // mAh, Charge_Capacity − Discharge_Capacity
 */
export function readArbin(path: string, options: ReadArbinOptions = {}): CyclerData {
  checkOptions("readArbin", options, ["allowUnsortedTime"]);
  const text = readRegularText(path, { field: "Arbin CSV export", maxBytes: 2 ** 32 });
  return parseArbin(text, path, options);
}

/**
 * Parse the text of an Arbin CSV export (see {@link readArbin}); `file` names it in messages.
 * @example
 * parseArbin("Test_Time(s),Current(A),Voltage(V)\n0,0.001,3.2\n", "a.csv").current[0]; // 1
 */
export function parseArbin(text: string, file: string, options: ReadArbinOptions = {}): CyclerData {
  checkOptions("parseArbin", options, ["allowUnsortedTime"]);
  if (text.trim() === "") throw new CyclerFileError(file, "file", "is empty; expected an Arbin CSV export");
  const warnings: string[] = [];
  const table = parseTextTable(text.replace(/^\ufeff/, ""), file, 0, undefined, warnings);
  const byKey = new Map<string, string>();
  for (const n of table.names) if (!byKey.has(key(n))) byKey.set(key(n), n);
  const col = (k: string): string | undefined => byKey.get(k);
  const required = (k: string, what: string, example: string): string => {
    const n = col(k);
    if (n === undefined) throw new CyclerFileError(file, "line 1", `no ${what} column (expected "${example}"); columns found: ${table.names.join(", ")}`);
    return n;
  };
  const time = required("testtime", "test time", "Test_Time(s)");
  const current = required("current", "current", "Current(A)");
  const voltage = required("voltage", "voltage", "Voltage(V)");
  const charge = col("chargecapacity");
  const discharge = col("dischargecapacity");
  const metadata: Record<string, string | number> = {};
  const decimalComma = usesDecimalComma(table);
  metadata.decimalSeparator = decimalComma ? "," : ".";
  return tableCyclerData({
    file,
    format: "arbin-csv",
    table,
    decimalComma,
    map: {
      time,
      voltage,
      current,
      ...(charge && discharge ? { chargeCapacity: charge, dischargeCapacity: discharge } : {}),
      cycle: col("cycleindex"),
      step: col("stepindex"),
    },
    units: { time: unitInName(time), voltage: unitInName(voltage), current: unitInName(current) },
    metadata,
    warnings,
    allowUnsortedTime: options.allowUnsortedTime === true,
  });
}
