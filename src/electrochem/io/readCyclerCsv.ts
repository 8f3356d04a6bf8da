/**
 * Any cycler table exported as CSV/TSV, with a column map and units.
 * @module
 */
import { checkOptions } from "../../util/checkOptions";
import { readRegularText } from "../../io/readRegularFile";
import type { CyclerData } from "../cyclerData";
import { CyclerFileError } from "./cyclerFileError";
import { tableCyclerData, unitInName, usesDecimalComma, type TableColumnMap } from "./tableCyclerData";
import { parseTextTable } from "./textTable";

/**
 * Which columns hold what (names exactly as written in the column-name line): `time`, `voltage`,
 * `current`, and optionally `capacity` (signed) or `chargeCapacity` + `dischargeCapacity`, `cycle`, `step`.
 */
export type CyclerCsvColumns = TableColumnMap;

/** Units of the mapped columns, when the names do not carry them. */
export interface CyclerCsvUnits {
  /** "s", "min", "h", "ms", or "duration" (`d hh:mm:ss` cells). */
  time?: string;
  /** "V", "mV". */
  voltage?: string;
  /** "A", "mA", "µA". */
  current?: string;
  /** "Ah", "mAh", "µAh", "C", "mC". */
  capacity?: string;
}

/** Options of {@link readCyclerCsv}. */
export interface ReadCyclerCsvOptions {
  /** The column map (required). */
  columns: CyclerCsvColumns;
  /** Units; default from each name (`Current(A)`, `Cap. [Ah]`, `I/mA`). */
  units?: CyclerCsvUnits;
  /** Separator; default: tab if the name line has one, else `;` or `,`, whichever splits more. */
  delimiter?: string;
  /** Decimal separator; default recognised from the cells (never `,` in a comma-separated file). */
  decimal?: "." | ",";
  /** 1-based line of the column names; default 1 (lines before it are kept in metadata.header). */
  headerLine?: number;
  /** "charge" (default): positive current is charge, as written; "discharge": the file writes discharge positive, so the current's sign is flipped (a signed capacity column is kept as written). */
  positiveCurrent?: "charge" | "discharge";
  /** Keep rows whose time runs backwards (with a warning) instead of throwing; default false. */
  allowUnsortedTime?: boolean;
}

const COLUMN_KEYS = ["time", "voltage", "current", "capacity", "chargeCapacity", "dischargeCapacity", "cycle", "step"];

/**
 * Read a cycler table from a CSV/TSV file with a column map: for exports this toolkit has no
 * dedicated reader for (Neware BTSDA CSV, Landt, PEC, Gamry exports, a lab's own logger).
 *
 * Units are taken from `options.units`, else from the names; both missing is an error naming
 * the column. Conversion to s, V, mA, mAh with {@link unitFactor} (A → mA ×1000, Ah → mAh ×1000,
 * C → mAh ÷3.6, h → s ×3600). Other columns go to `extra` (numbers, durations in s, dates as
 * Unix s; pure text columns are left out with a warning).
 *
 * @param path the file.
 * @param options `columns` (required), `units`, `delimiter`, `decimal`, `headerLine`, `positiveCurrent`, `allowUnsortedTime`.
 * @returns the record; `format` is `"csv"`.
 * @throws CyclerFileError naming the line/column; Error for a missing or unknown option.
 * @example
 * const run = readCyclerCsv("cell.csv", {
 *   columns: { time: "Total Time", voltage: "Voltage(V)", current: "Current(mA)", chargeCapacity: "Chg. Cap.(mAh)", dischargeCapacity: "DChg. Cap.(mAh)", cycle: "Cycle Index" },
 *   units: { time: "duration" },
 * });
 */
export function readCyclerCsv(path: string, options: ReadCyclerCsvOptions): CyclerData {
  validate("readCyclerCsv", options);
  const text = readRegularText(path, { field: "cycler CSV file", maxBytes: 2 ** 32 });
  return parseCyclerCsv(text, path, options);
}

function validate(fn: string, options: ReadCyclerCsvOptions): void {
  if (options === undefined || options === null) throw new TypeError(`${fn}: options with a column map are required, e.g. { columns: { time: "Time(s)", voltage: "Voltage(V)", current: "Current(A)" } }`);
  checkOptions(fn, options, ["columns", "units", "delimiter", "decimal", "headerLine", "positiveCurrent", "allowUnsortedTime"]);
  if (options.columns === undefined) throw new TypeError(`${fn}: option columns is required (time, voltage and current column names)`);
  checkOptions(`${fn}: option columns`, options.columns, COLUMN_KEYS);
  for (const k of ["time", "voltage", "current"] as const) {
    if (typeof options.columns[k] !== "string") throw new TypeError(`${fn}: columns.${k} must be a column name (string), got ${typeof options.columns[k]}`);
  }
  checkOptions(`${fn}: option units`, options.units, ["time", "voltage", "current", "capacity"]);
  if (options.decimal !== undefined && options.decimal !== "." && options.decimal !== ",") throw new Error(`${fn}: option decimal must be "." or ",", got ${JSON.stringify(options.decimal)}`);
  if (options.headerLine !== undefined && (!Number.isInteger(options.headerLine) || options.headerLine < 1)) throw new Error(`${fn}: option headerLine must be a positive integer (1-based line), got ${options.headerLine}`);
  if (options.positiveCurrent !== undefined && options.positiveCurrent !== "charge" && options.positiveCurrent !== "discharge") {
    throw new Error(`${fn}: option positiveCurrent must be "charge" or "discharge", got ${JSON.stringify(options.positiveCurrent)}`);
  }
  if ((options.columns.chargeCapacity === undefined) !== (options.columns.dischargeCapacity === undefined)) {
    throw new Error(`${fn}: give both columns.chargeCapacity and columns.dischargeCapacity, or neither`);
  }
}

/**
 * Parse CSV text (see {@link readCyclerCsv}); `file` names it in messages.
 * @example
 * parseCyclerCsv("t,U,I\n0,3.1,0.5\n", "mem.csv", { columns: { time: "t", voltage: "U", current: "I" }, units: { time: "s", voltage: "V", current: "mA" } }).nPoints; // 1
 */
export function parseCyclerCsv(text: string, file: string, options: ReadCyclerCsvOptions): CyclerData {
  validate("parseCyclerCsv", options);
  if (text.trim() === "") throw new CyclerFileError(file, "file", "is empty; expected a table with a line of column names");
  const warnings: string[] = [];
  const table = parseTextTable(text.replace(/^\ufeff/, ""), file, (options.headerLine ?? 1) - 1, options.delimiter, warnings);
  const metadata: Record<string, string | number> = {};
  if (table.header.length > 0) metadata.header = table.header.join("\n");
  const decimalComma = options.decimal !== undefined ? options.decimal === "," : usesDecimalComma(table);
  metadata.decimalSeparator = decimalComma ? "," : ".";
  const c = options.columns;
  const u = options.units ?? {};
  const unit = (given: string | undefined, name: string | undefined): string | undefined => given ?? (name !== undefined ? unitInName(name) : undefined);
  return tableCyclerData({
    file,
    format: "csv",
    table,
    decimalComma,
    map: c,
    units: { time: unit(u.time, c.time), voltage: unit(u.voltage, c.voltage), current: unit(u.current, c.current), capacity: unit(u.capacity, c.capacity ?? c.chargeCapacity) },
    flipCurrent: options.positiveCurrent === "discharge",
    metadata,
    warnings,
    allowUnsortedTime: options.allowUnsortedTime === true,
  });
}
