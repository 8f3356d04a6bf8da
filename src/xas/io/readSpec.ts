/**
 * SPEC data files: a file header (`#F`, `#E`, `#D`, `#C`, `#O` motor names), then scans, each
 * `#S n command`, `#D`, `#T`, `#P` motor positions, `#N`, `#L` names separated by two blanks,
 * rows of numbers and `#C` comments (a scan aborted mid-way says so in one).
 * @module
 */
import { StxmFileError } from "../../io/errors";
import { checkOptions } from "../../util/checkOptions";
import type { XasScan } from "../scan";
import { readTextLines } from "./textFile";
import { parseNumberToken, columnsFromRows, listRows, type NumberRow } from "./numberTokens";
import { findEnergy } from "./readColumnFile";
import { uniquify } from "./readXdi";
import { guessKeV } from "./energyUnit";

/** Options of {@link readSpec}. */
export interface ReadSpecOptions {
  /** Read only these scans (their `#S` numbers); default all. */
  scans?: number[];
}

interface RawScan {
  number: number;
  command: string;
  line: number;
  header: string[];
  labels?: string;
  nDeclared?: number;
  rows: { tokens: string[]; line: number }[];
  comments: string[];
  mcaLines: number;
  motorValues: number[];
  fileHeader: FileHeader;
}

interface FileHeader {
  fields: Record<string, string>;
  motors: string[];
}

/**
 * Read every scan of a SPEC file (or those in `opts.scans`). Each scan is an {@link XasScan}
 * labelled `"<n> <command>"` (`"12 ascan energy 7600 7800 200 1"`); a scan number that comes
 * back (a restarted file) gets `metadata.order` 2, 3, …. Column names come from `#L`, split at
 * runs of two or more blanks (single blanks when that is what matches `#N`). Motor positions
 * (`#P` values named by the file header's `#O` lines) go into `metadata` as `motor <name>`,
 * the file header as `#F`, `#E`, `#D`, the scan's `#D`, `#T`, other `#` lines by their key, and
 * its `#C` comments as `comments`.
 *
 * A scan aborted mid-way (`#C … Scan aborted after 19 points.`) is read with a warning; its
 * last row, when cut off (fewer values than names, or run into the `#C` line), is dropped and
 * named. Rows with NaN (sardana writes `nan`) are dropped and named. MCA lines (`@A …`) are
 * skipped and counted in `warnings`. Energies that do not increase are kept (a SPEC file holds
 * motor scans too) and named in the scan's `warnings`; an energy column whose values are plainly
 * keV (below 40, or below 200 in steps under 0.02) gets the unit keV, said in `warnings` (scanSpectrum converts to eV).
 *
 * @param path the SPEC file.
 * @param opts {@link ReadSpecOptions}.
 * @returns the scans, in file order.
 * @throws StxmFileError naming the file: no `#S` line (not a SPEC file), a requested scan
 *   number that is not there (listing those that are), a row that is not numbers in the middle
 *   of a scan (naming the line), an empty or binary file.
 * @example
 * const scans = readSpec("fe_xanes.spec");
 * scans.map((s) => s.label);                     // ["1 ascan energy 7090 7200 110 1", …]
 * const mu = scanSpectrum(scans[0], { mode: "fluorescence", i0: "I0", if: "FF" });
 */
export function readSpec(path: string, opts: ReadSpecOptions = {}): XasScan[] {
  checkOptions("readSpec", opts, ["scans"]);
  if (opts.scans !== undefined && (!Array.isArray(opts.scans) || !opts.scans.every((n) => Number.isInteger(n)))) {
    throw new TypeError(`readSpec(${path}): option scans must be an array of scan numbers, got ${JSON.stringify(opts.scans)}`);
  }
  const lines = readTextLines(path, "SPEC file");
  let fileHeader: FileHeader = { fields: {}, motors: [] };
  let inHeader = true;
  const raws: RawScan[] = [];
  let cur: RawScan | undefined;
  const fileWarnings: string[] = [];

  for (let i = 0; i < lines.length; i++) {
    let t = lines[i].trim();
    if (t === "") {
      if (cur && cur.rows.length > 0) cur = undefined; // a blank line ends a scan's data
      continue;
    }
    // A row glued to a comment ("24.4121 48916#C … Scan aborted …"): split it.
    const glued = /^[^#]+?(#[A-Za-z].*)$/.exec(t);
    if (glued && cur && !t.startsWith("#")) {
      const fragment = t.slice(0, t.length - glued[1].length).trim();
      cur.rows.push({ tokens: fragment.split(/\s+/), line: i + 1 });
      t = glued[1];
    }
    if (t.startsWith("#")) {
      const m = /^#(\S+)\s?(.*)$/.exec(t);
      if (!m) continue;
      const [key, value] = [m[1], m[2].trim()];
      if (key === "S") {
        const s = /^(\d+)\s*(.*)$/.exec(value);
        cur = { number: s ? Number(s[1]) : NaN, command: s ? s[2].trim() : value, line: i + 1, header: [], rows: [], comments: [], mcaLines: 0, motorValues: [], fileHeader };
        if (!s) fileWarnings.push(`line ${i + 1}: "#S ${value}" has no scan number`);
        raws.push(cur);
        inHeader = false;
        continue;
      }
      if (key === "F" || (key === "E" && cur === undefined)) {
        if (!inHeader) {
          fileHeader = { fields: {}, motors: [] };
          inHeader = true;
        }
        cur = undefined;
      }
      if (cur === undefined) {
        if (/^O\d+$/.test(key)) fileHeader.motors.push(...value.split(/\s{2,}/).map((s) => s.trim()).filter((s) => s !== ""));
        else if (key === "C") fileHeader.fields.C = fileHeader.fields.C === undefined ? value : `${fileHeader.fields.C}\n${value}`;
        else fileHeader.fields[key] = value;
        continue;
      }
      if (key === "L") cur.labels = m[2];
      else if (key === "N") cur.nDeclared = Number(value);
      else if (key === "C") cur.comments.push(value);
      else if (/^P\d+$/.test(key)) cur.motorValues.push(...value.split(/\s+/).filter((s) => s !== "").map((s) => parseNumberToken(s) ?? NaN));
      else if (key.startsWith("@")) continue;
      else cur.header.push(`${key}\u0000${value}`);
      continue;
    }
    if (t.startsWith("@")) {
      if (cur) cur.mcaLines++;
      // An MCA spectrum continues on lines ending with a backslash.
      while (lines[i].trimEnd().endsWith("\\") && i + 1 < lines.length) {
        i++;
        if (cur) cur.mcaLines++;
      }
      continue;
    }
    if (cur === undefined) {
      if (raws.length === 0) continue; // text before the first scan
      fileWarnings.push(`line ${i + 1}: ignored text between scans: ${JSON.stringify(t.slice(0, 60))}`);
      continue;
    }
    cur.rows.push({ tokens: t.split(/\s+/), line: i + 1 });
  }
  if (raws.length === 0) throw new StxmFileError(path, "SPEC file", `expected scans starting with "#S <number> <command>", got none in ${lines.length} lines (first line: ${JSON.stringify(lines[0].slice(0, 60))})`);

  const seen = new Map<number, number>();
  const out: XasScan[] = [];
  for (const raw of raws) {
    const order = (seen.get(raw.number) ?? 0) + 1;
    seen.set(raw.number, order);
    if (opts.scans !== undefined && !opts.scans.includes(raw.number)) continue;
    out.push(buildScan(path, raw, order));
  }
  if (opts.scans !== undefined) {
    const missing = opts.scans.filter((n) => !seen.has(n));
    if (missing.length > 0) throw new StxmFileError(path, "option scans", `expected scan numbers in the file (${[...seen.keys()].join(", ")}), got ${missing.join(", ")}`);
  }
  if (fileWarnings.length > 0 && out.length > 0) out[0].warnings.unshift(...fileWarnings.map((w) => `file: ${w}`));
  return out;
}

function buildScan(path: string, raw: RawScan, order: number): XasScan {
  const where = `scan ${raw.number}${order > 1 ? ` (occurrence ${order})` : ""} (line ${raw.line})`;
  const warnings: string[] = [];
  const metadata: Record<string, string | number | number[]> = { S: raw.number, command: raw.command, order };
  for (const [k, v] of Object.entries(raw.fileHeader.fields)) metadata[`#${k}`] = v;
  for (const h of raw.header) {
    const [k, v] = h.split("\u0000");
    metadata[k] = metadata[k] === undefined ? v : `${String(metadata[k])}\n${v}`;
  }
  raw.fileHeader.motors.forEach((name, j) => {
    if (j < raw.motorValues.length) metadata[`motor ${name}`] = raw.motorValues[j];
  });
  if (raw.comments.length > 0) metadata.comments = raw.comments.join("\n");
  const aborted = raw.comments.find((c) => /abort/i.test(c));

  // The number of columns: the data's (first row), checked against #N and #L.
  const declared = raw.nDeclared !== undefined && Number.isInteger(raw.nDeclared) && raw.nDeclared > 0 ? raw.nDeclared : undefined;
  const fromData = raw.rows.length > 0 ? raw.rows[0].tokens.length : undefined;
  let names: string[] = [];
  let two: string[] = [], one: string[] = [];
  if (raw.labels !== undefined) {
    two = raw.labels.trim().split(/\s{2,}/).filter((s) => s !== "");
    one = raw.labels.trim().split(/\s+/).filter((s) => s !== "");
  }
  const nCols = fromData ?? declared ?? two.length;
  if (declared !== undefined && fromData !== undefined && declared !== fromData) warnings.push(`#N says ${declared} columns but the first data row (line ${raw.rows[0].line}) has ${fromData}; read ${fromData}`);
  if (raw.labels !== undefined) {
    names = two.length === nCols ? two : one.length === nCols || (two.length === 1 && one.length > 1) ? one : two;
    if (names === one && two.length !== one.length) warnings.push(`#L names are separated by single blanks, not two; split at single blanks (${one.length} names)`);
  }
  if (names.length !== nCols) {
    const have = names.length;
    names = Array.from({ length: nCols }, (_, j) => names[j] ?? `col${j + 1}`);
    warnings.push(`#L gives ${have} names for ${nCols} columns${have < nCols ? `; the others named ${have + 1 === nCols ? `col${nCols}` : `col${have + 1}…col${nCols}`}` : "; the extra names ignored"}`);
  }
  uniquify(names, warnings);

  // Rows: a row with the wrong count is dropped when it is the last one (cut off), else an error.
  const rows: NumberRow[] = [];
  raw.rows.forEach((r, k) => {
    const values = r.tokens.map((tok) => parseNumberToken(tok));
    const last = k === raw.rows.length - 1;
    if (values.length !== nCols || values.some((v) => v === undefined)) {
      if (last || (k === raw.rows.length - 2 && aborted !== undefined)) {
        warnings.push(`dropped line ${r.line}: ${values.length} value${values.length === 1 ? "" : "s"} for ${nCols} columns${values.some((v) => v === undefined) ? " (not all numbers)" : ""}, a row cut off when the scan stopped`);
        return;
      }
      throw new StxmFileError(path, `${where}, line ${r.line}`, `expected ${nCols} numbers (as the first row), got ${values.length} value${values.length === 1 ? "" : "s"}${values.some((v) => v === undefined) ? ` including ${JSON.stringify(r.tokens[values.findIndex((v) => v === undefined)])}` : ""}`);
    }
    rows.push({ values: values as number[], line: r.line });
  });
  if (aborted !== undefined) warnings.unshift(`the scan was aborted (${JSON.stringify(aborted)}); read ${rows.length} rows`);
  if (raw.mcaLines > 0) warnings.push(`skipped ${raw.mcaLines} MCA line${raw.mcaLines === 1 ? "" : "s"} (@A …): MCA spectra are not read`);
  const { columns, kept } = columnsFromRows(names, rows, warnings);
  if (rows.length === 0) warnings.push("no data rows");
  const units: Record<string, string> = {};
  const energy = findEnergy(names);
  const scan: XasScan = { file: path, format: "spec", label: `${raw.number} ${raw.command}`.trim(), names, columns, units, nPoints: kept.length, metadata, warnings };
  if (energy !== undefined) {
    scan.energy = energy;
    guessKeV(scan);
    const e = columns[energy];
    const bad: number[] = [];
    let constant = true;
    for (let i = 1; i < e.length; i++) {
      if (e[i] !== e[0]) constant = false;
      if (!(e[i] > e[i - 1])) bad.push(i + 1);
    }
    if (bad.length > 0 && !constant) warnings.push(`column "${energy}" does not increase at ${bad.length} row${bad.length === 1 ? "" : "s"} (${listRows(bad)}); kept as written (scanSpectrum's sort option sorts them)`);
  }
  return scan;
}
