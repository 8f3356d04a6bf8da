/**
 * Read a mass-spectrometer CSV export (Hiden MASsoft / Pfeiffer Quadera style) for DEMS.
 * @module
 */
import { readFileSync } from "node:fs";
import type { DemsRecord } from "./demsRecord";
import { checkOptions } from "../util/checkOptions";

/** Options of {@link readDemsCsv}. */
export interface ReadDemsCsvOptions {
  /** Column holding the elapsed time. @default the first of "ms", "Time Relative (sec)", "Time (s)", "time/s", "Elapsed Time (s)", "Time (min)" */
  timeColumn?: string;
  /** Unit of the time column. @default from its name ("ms" → ms, "(min)" → min, else s) */
  timeUnit?: "ms" | "s" | "min";
}

const TIME_NAMES = ["ms", "Time Relative (sec)", "Time (s)", "time/s", "Elapsed Time (s)", "Relative Time (s)", "Time (min)"];

function cells(line: string, sep: string): string[] {
  const out: string[] = [];
  let cur = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (ch === '"') {
      if (quoted && line[i + 1] === '"') { cur += '"'; i++; } else quoted = !quoted;
    } else if (ch === sep && !quoted) { out.push(cur.trim()); cur = ""; } else cur += ch;
  }
  out.push(cur.trim());
  return out;
}

/**
 * Read a mass-spectrometer export as a {@link DemsRecord}: optional header lines
 * (`"key:","value",…`), then a column-name row that has a time column (see `timeColumn`), then
 * one row per scan, comma- or semicolon- or tab-separated, quoted or not. Every other numeric
 * column becomes a channel (`"mass 32"`, `"m/z 44"` …); a unit in brackets in its name, or a
 * header line `Units:` (one unit for all), is kept in `units`. A non-numeric clock column
 * (`"Time"`, HH:MM:SS) is kept in `metadata.startClock` only.
 *
 * @param path - the CSV file.
 * @param options - {@link ReadDemsCsvOptions}.
 * @returns the record; time in s from the first scan.
 * @throws Error naming the file and line: no column-name row with a time column, a row of the wrong length, a non-number, time going backwards.
 * @example
 * const ms = readDemsCsv("LNMO_DEMS.csv");
 * Object.keys(ms.channels); // ["mass 2", "mass 32", "mass 44"]
 */
export function readDemsCsv(path: string, options: ReadDemsCsvOptions = {}): DemsRecord {
  const fn = "readDemsCsv";
  checkOptions(fn, options, ["timeColumn", "timeUnit"]);
  if (options.timeUnit !== undefined && !["ms", "s", "min"].includes(options.timeUnit)) throw new RangeError(`${fn}: option timeUnit must be "ms", "s" or "min", got ${JSON.stringify(options.timeUnit)}`);
  let text: string;
  try {
    text = readFileSync(path, "latin1");
  } catch (e) {
    throw new Error(`${fn}: ${path}: cannot read the file (${(e as Error).message})`);
  }
  const lines = text.split(/\r?\n/);
  const first = lines.find((l) => l.trim() !== "") ?? "";
  const sep = first.includes("\t") ? "\t" : first.split(";").length > first.split(",").length ? ";" : ",";
  const wanted = options.timeColumn ? [options.timeColumn] : TIME_NAMES;
  let headerRow = -1;
  let timeIdx = -1;
  for (let r = 0; r < lines.length && headerRow < 0; r++) {
    const c = cells(lines[r], sep);
    for (const w of wanted) {
      const k = c.findIndex((s) => s.toLowerCase() === w.toLowerCase());
      if (k >= 0) { headerRow = r; timeIdx = k; break; }
    }
  }
  if (headerRow < 0) throw new Error(`${fn}: ${path}: no column-name row with a time column; expected one of ${wanted.map((w) => `"${w}"`).join(", ")} (option timeColumn)`);
  const metadata: Record<string, string | number> = {};
  for (let r = 0; r < headerRow; r++) {
    const c = cells(lines[r], sep).filter((s) => s !== "");
    for (let k = 0; k + 1 < c.length; k += 2) metadata[c[k].replace(/:$/, "")] = c[k + 1];
  }
  const names = cells(lines[headerRow], sep);
  const timeName = names[timeIdx];
  const unit = options.timeUnit ?? (timeName.toLowerCase() === "ms" ? "ms" : /min/i.test(timeName) ? "min" : "s");
  const toSeconds = unit === "ms" ? 1e-3 : unit === "min" ? 60 : 1;
  metadata.timeColumn = timeName;
  metadata.timeUnit = unit;
  const rows: string[][] = [];
  for (let r = headerRow + 1; r < lines.length; r++) {
    if (lines[r].trim() === "") continue;
    const c = cells(lines[r], sep);
    if (c.length < names.length) throw new Error(`${fn}: ${path}: line ${r + 1}: expected ${names.length} values (one per column name on line ${headerRow + 1}), got ${c.length}`);
    rows.push(c);
  }
  const n = rows.length;
  if (n === 0) throw new Error(`${fn}: ${path}: no data rows after the column names on line ${headerRow + 1}`);
  const numeric = names.map((_, k) => rows.every((row) => row[k] !== "" && !Number.isNaN(Number(row[k]))));
  if (!numeric[timeIdx]) throw new Error(`${fn}: ${path}: column "${timeName}" is not numeric; expected elapsed time in ${unit}`);
  const time = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    time[i] = Number(rows[i][timeIdx]) * toSeconds;
    if (i > 0 && time[i] < time[i - 1]) throw new Error(`${fn}: ${path}: line ${headerRow + 2 + i}: time goes backwards (${time[i - 1]} s → ${time[i]} s); expected non-decreasing time`);
  }
  const t0 = time[0];
  for (let i = 0; i < n; i++) time[i] -= t0;
  const channels: Record<string, Float64Array> = {};
  const units: Record<string, string> = {};
  const warnings: string[] = [];
  const allUnit = typeof metadata.Units === "string" ? metadata.Units : "";
  names.forEach((name, k) => {
    if (k === timeIdx) return;
    if (!numeric[k]) {
      if (/^time$/i.test(name)) metadata.startClock = rows[0][k];
      else warnings.push(`Column "${name}" is not numeric; it was skipped.`);
      return;
    }
    const m = /^(.*?)\s*[[(]([^\])]+)[\])]\s*$/.exec(name);
    const key = m ? m[1] : name;
    channels[key] = Float64Array.from(rows, (row) => Number(row[k]));
    units[key] = m ? m[2] : allUnit;
  });
  return { file: path, nPoints: n, time, channels, units, metadata, warnings };
}
