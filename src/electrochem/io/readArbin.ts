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

/** Arbin's own units, used when a column name carries none (the database/`.res` table columns). */
const ARBIN_UNITS = { time: "s", voltage: "V", current: "A", capacity: "Ah" } as const;

/** Excel/OLE serial day 25569 is 1970-01-01 (the `DateTime` of an Arbin `.res` table). */
const OLE_UNIX_DAY = 25569;

/**
 * Read an Arbin CSV export (MITS Pro "Export to CSV", both spellings: `Test_Time(s)`,
 * `Current(A)`, `Voltage(V)`, `Charge_Capacity(Ah)`, `Discharge_Capacity(Ah)`, `Cycle_Index`,
 * `Step_Index`, `Data_Point`, `Date_Time` — or `Test Time (s)`, `Current (A)` …), or a CSV of
 * the Arbin database / `.res` raw-data table, whose names carry no units (`Test_Time`,
 * `Current`, `Voltage`, `Charge_Capacity`, `DateTime`; as in the exports of cellpy and BEEP,
 * comma or semicolon separated, decimal point or comma).
 *
 * Units are read from each name (`(s)`, `(h)`, `(A)`, `(mA)`, `(Ah)`, `(mAh)`, `(V)`) and
 * converted to s, V, mA, mAh; a name without a unit is in Arbin's own unit (s, V, A, Ah — said
 * in `metadata.unitsAssumed` and a warning). Arbin's current is positive for charge (kept).
 * Arbin accumulates `Charge_Capacity` and `Discharge_Capacity` over a cycle, both ≥ 0;
 * `capacity` is their difference (mAh), so it rises on charge and falls on discharge; both stay
 * in `extra`. `Date_Time` text becomes `Date_Time (Unix s)` (wall clock as UTC); a numeric
 * `DateTime` in Excel/OLE days (the `.res` table) gets a `DateTime (Unix s)` column beside it.
 * Other columns (`dV/dt(V/s)`, `Internal_Resistance(Ohm)`, aux temperatures …) are kept in
 * `extra` under their names.
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
  /** A column that has a value in some row; one empty in every row (BEEP's Arbin exports) is left unmapped, with a warning. */
  const filled = (name: string | undefined, then: string): string | undefined => {
    if (name === undefined) return undefined;
    const c = table.names.indexOf(name);
    if (table.rows.some((r) => r[c] !== "")) return name;
    warnings.push(`Column "${name}" is empty in every row; not used (${then}).`);
    return undefined;
  };
  const assumed: string[] = [];
  const unit = (name: string, q: keyof typeof ARBIN_UNITS): string => {
    const u = unitInName(name);
    if (u !== undefined) return u;
    assumed.push(`${name} ${ARBIN_UNITS[q]}`);
    return ARBIN_UNITS[q];
  };
  const units = { time: unit(time, "time"), voltage: unit(voltage, "voltage"), current: unit(current, "current") };
  const capacityUnit = charge && discharge ? unit(charge, "capacity") : undefined;
  if (charge && discharge && unit(discharge, "capacity") !== capacityUnit) {
    throw new CyclerFileError(file, `column "${discharge}"`, `is in ${unitInName(discharge) ?? ARBIN_UNITS.capacity} but "${charge}" in ${capacityUnit}; expected one unit for both capacities`);
  }
  if (assumed.length > 0) {
    metadata.unitsAssumed = assumed.join(", ");
    warnings.push(`Column names without units (an Arbin database/.res table): Arbin's units assumed: ${metadata.unitsAssumed}.`);
  }
  const data = tableCyclerData({
    file,
    format: "arbin-csv",
    table,
    decimalComma,
    map: {
      time,
      voltage,
      current,
      ...(charge && discharge ? { chargeCapacity: charge, dischargeCapacity: discharge } : {}),
      cycle: filled(col("cycleindex"), "cycles are then counted from the sign of the current"),
      step: filled(col("stepindex"), "no step numbers"),
    },
    units: { ...units, ...(capacityUnit ? { capacity: capacityUnit } : {}) },
    metadata,
    warnings,
    allowUnsortedTime: options.allowUnsortedTime === true,
  });
  const dt = col("datetime");
  const days = dt === undefined ? undefined : data.extra[dt];
  if (dt && days && days.length > 0) {
    let lo = Infinity, hi = -Infinity;
    for (const d of days) if (Number.isFinite(d)) [lo, hi] = [Math.min(lo, d), Math.max(hi, d)];
    // serial days between 1927 and 2173: OLE dates, not Unix seconds
    if (lo > 10000 && hi < 100000) {
      data.extra[`${dt} (Unix s)`] = Float64Array.from(days, (d) => (d - OLE_UNIX_DAY) * 86400);
      data.metadata[`${dt} format`] = "Excel/OLE serial days (converted to Unix s)";
    }
  }
  return data;
}
