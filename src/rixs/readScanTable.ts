/**
 * The scan table of a RIXS map: one row per excitation energy with its I₀, exposure and frame
 * file, as the ALS BL 8.0.1 iRIXS "Andor info" file (`<name>-AI.txt`) or a CSV lays it out.
 * @module
 */
import { dirname, isAbsolute, join } from "node:path";
import { StxmFileError } from "../io/errors";
import { pathEntryExists, readRegularText } from "../io/readRegularFile";
import { checkOptions } from "../util/checkOptions";

/** Which columns of the table hold what (names as in the column header, case-insensitive). */
export interface ScanColumns {
  /** Excitation (incident) photon energy, eV. Default: the header's `X Motor:` name, else the first of "BL 8 Energy", "Energy", "Excitation Energy", "Excitation (eV)", "Mono Energy". */
  energy?: string;
  /** Incident flux monitor I₀. Default: the first of "Izero", "I0", "I_0", "Monitor". */
  i0?: string;
  /** Exposure (acquisition) time in seconds. Default: the first of "Exposure (s)", "Exposure", "Count Time", "Acquire Time", "Acquisition Time"; when none exists, the `exposure` option gives it. */
  exposure?: string;
  /** Frame file name (with or without `.tif`). Default: the first of "Filename", "File", "Frame File", "Frame". */
  frame?: string;
}

/** Options of {@link readScanTable}. */
export interface ReadScanTableOptions {
  /** Column map (see {@link ScanColumns}). */
  columns?: ScanColumns;
  /** Exposure time in seconds of every frame, for tables without an exposure column (the ALS AI file has none). */
  exposure?: number;
  /** Folder the frame names are relative to. Default: the table's folder (and its `Andor/` subfolder). */
  frameDir?: string;
}

/** One row of a scan table. */
export interface ScanRow {
  /** Line number in the file (1-based). */
  readonly line: number;
  /** Excitation energy, eV. */
  readonly excitation: number;
  /** I₀ (monitor units). */
  readonly i0: number;
  /** Exposure, s. */
  readonly exposure: number;
  /** The frame name as written in the table. */
  readonly frame: string;
  /** The frame file found for it. */
  readonly framePath: string;
}

/** A scan table: its rows, the header's `key: value` lines, and the columns used. */
export interface ScanTable {
  /** The table's path. */
  readonly file: string;
  /** One row per frame, in file order. */
  readonly rows: readonly ScanRow[];
  /** `key: value` header lines before the column header (e.g. "X Motor" → "BL 8 Energy"). */
  readonly header: Readonly<Record<string, string>>;
  /** All column names, in file order. */
  readonly columnNames: readonly string[];
  /** The columns used: energy, i0, exposure (or "option exposure"), frame. */
  readonly used: Readonly<Required<ScanColumns>>;
}

const DEFAULTS = {
  energy: ["BL 8 Energy", "Energy", "Excitation Energy", "Excitation (eV)", "Mono Energy"],
  i0: ["Izero", "I0", "I_0", "Monitor"],
  exposure: ["Exposure (s)", "Exposure", "Count Time", "Acquire Time", "Acquisition Time"],
  frame: ["Filename", "File", "Frame File", "Frame"],
};

function splitLine(line: string, delim: string): string[] {
  return line.split(delim).map((s) => s.trim().replace(/^"(.*)"$/, "$1"));
}

/**
 * Read a RIXS scan table. Accepted layout (that of the ALS iRIXS `-AI.txt` files, or CSV):
 * optional header lines (`key: value` lines are kept in `header`), then a column-header line
 * naming the columns (tab- or comma-separated), then one row per frame. The column header is
 * the first line holding both the energy and the frame column names. Blank lines are skipped.
 * Frame names are looked up as given, with `.tif` / `.tiff` appended, and in an `Andor/`
 * subfolder, relative to `frameDir`.
 *
 * @param path - the table file.
 * @param options - {@link ReadScanTableOptions}.
 * @returns the {@link ScanTable}.
 * @throws StxmFileError naming the file, line and column: no column header, a row with a
 *   different number of fields, a non-numeric or non-positive energy / I₀ / exposure, a frame
 *   file that does not exist (with the paths tried), no exposure column and no `exposure` option.
 * @example
 * const table = readScanTable("CCD Scan 16491/CoL3_16491-AI.txt", { exposure: 240 });
 * table.rows[0]; // { line: 14, excitation: 774.99, i0: 28668851, exposure: 240, frame: "CoL3_16491-00001", framePath: ".../Andor/CoL3_16491-00001.tif" }
 */
export function readScanTable(path: string, options: ReadScanTableOptions = {}): ScanTable {
  const fn = "readScanTable";
  checkOptions(fn, options, ["columns", "exposure", "frameDir"]);
  checkOptions(`${fn}: option columns`, options.columns, ["energy", "i0", "exposure", "frame"]);
  if (options.exposure !== undefined && !(typeof options.exposure === "number" && options.exposure > 0 && Number.isFinite(options.exposure))) {
    throw new RangeError(`${fn}: option exposure must be a positive number of seconds, got ${String(options.exposure)}`);
  }
  const text = readRegularText(path, { field: "scan table", maxBytes: 64 << 20 });
  const lines = text.split(/\r\n|\r|\n/);
  const header: Record<string, string> = {};
  const cols = options.columns ?? {};
  let headerLine = -1, names: string[] = [], delim = "\t";
  const lower = (s: string): string => s.trim().toLowerCase();
  const find = (want: string | undefined, defaults: string[], hdrNames: string[]): string | undefined => {
    const list = want !== undefined ? [want] : defaults;
    for (const w of list) {
      const i = hdrNames.findIndex((n) => lower(n) === lower(w));
      if (i >= 0) return hdrNames[i];
    }
    return undefined;
  };
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    if (l.trim() === "") continue;
    const d = l.includes("\t") ? "\t" : ",";
    const parts = splitLine(l, d);
    if (parts.length >= 3) {
      const motor = header["X Motor"];
      const e = find(cols.energy ?? (motor && parts.some((p) => lower(p) === lower(motor)) ? motor : undefined), DEFAULTS.energy, parts);
      const f = find(cols.frame, DEFAULTS.frame, parts);
      if (e && f) {
        headerLine = i;
        names = parts;
        delim = d;
        break;
      }
    }
    const kv = /^([^:]{1,60}):\s*(.*)$/.exec(l);
    if (kv) header[kv[1].trim()] = kv[2].trim();
  }
  const wanted = `a column header naming the excitation energy (${cols.energy ? `"${cols.energy}"` : DEFAULTS.energy.map((s) => `"${s}"`).join(" / ")}) and the frame file (${cols.frame ? `"${cols.frame}"` : DEFAULTS.frame.map((s) => `"${s}"`).join(" / ")}) columns`;
  if (headerLine < 0) throw new StxmFileError(path, "column header", `expected ${wanted}, got none in ${lines.length} lines`);
  const motor = header["X Motor"];
  const energyCol = find(cols.energy ?? (motor && names.some((p) => lower(p) === lower(motor)) ? motor : undefined), DEFAULTS.energy, names) as string;
  const frameCol = find(cols.frame, DEFAULTS.frame, names) as string;
  const i0Col = find(cols.i0, DEFAULTS.i0, names);
  if (!i0Col) throw new StxmFileError(path, `line ${headerLine + 1}`, `expected an I₀ column (${cols.i0 ? `"${cols.i0}"` : DEFAULTS.i0.map((s) => `"${s}"`).join(" / ")}; set columns.i0), got columns ${names.map((s) => `"${s}"`).join(", ")}`);
  const expCol = find(cols.exposure, DEFAULTS.exposure, names);
  if (cols.exposure !== undefined && !expCol) throw new StxmFileError(path, `line ${headerLine + 1}`, `expected the exposure column "${cols.exposure}", got columns ${names.map((s) => `"${s}"`).join(", ")}`);
  if (!expCol && options.exposure === undefined) {
    throw new StxmFileError(path, `line ${headerLine + 1}`, `expected an exposure column (${DEFAULTS.exposure.map((s) => `"${s}"`).join(" / ")}) or the exposure option (seconds per frame), got neither`);
  }
  const idx = (n: string): number => names.indexOf(n);
  const iE = idx(energyCol), iI = idx(i0Col), iX = expCol ? idx(expCol) : -1, iF = idx(frameCol);
  const frameDir = options.frameDir ?? dirname(path);
  const rows: ScanRow[] = [];
  for (let i = headerLine + 1; i < lines.length; i++) {
    const l = lines[i];
    if (l.trim() === "") continue;
    const parts = splitLine(l, delim);
    const where = `line ${i + 1}`;
    if (parts.length !== names.length) throw new StxmFileError(path, where, `expected ${names.length} fields (as the column header on line ${headerLine + 1}), got ${parts.length}`);
    const num = (k: number, col: string, what: string): number => {
      const s = parts[k];
      const v = s === "" ? NaN : Number(s);
      if (!Number.isFinite(v) || v <= 0) throw new StxmFileError(path, `${where}, column "${col}"`, `expected ${what}, got ${JSON.stringify(s)}`);
      return v;
    };
    const excitation = num(iE, energyCol, "a positive excitation energy (eV)");
    const i0 = num(iI, i0Col, "a positive I₀");
    const exposure = iX >= 0 ? num(iX, expCol as string, "a positive exposure (s)") : (options.exposure as number);
    const frame = parts[iF];
    if (frame === "") throw new StxmFileError(path, `${where}, column "${frameCol}"`, "expected a frame file name, got an empty field");
    const base = isAbsolute(frame) ? [frame] : [join(frameDir, frame), join(frameDir, "Andor", frame)];
    const tried: string[] = [];
    for (const b of base) tried.push(b, `${b}.tif`, `${b}.tiff`);
    const found = tried.find((p) => pathEntryExists(p));
    if (!found) throw new StxmFileError(path, `${where}, column "${frameCol}"`, `expected a frame file "${frame}", but none exists (tried ${tried.join(", ")})`);
    rows.push({ line: i + 1, excitation, i0, exposure, frame, framePath: found });
  }
  if (rows.length === 0) throw new StxmFileError(path, `after line ${headerLine + 1}`, "expected at least one row (one frame), got none");
  return { file: path, rows, header, columnNames: names, used: { energy: energyCol, i0: i0Col, exposure: expCol ?? "option exposure", frame: frameCol } };
}
