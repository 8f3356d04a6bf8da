/**
 * Plain column text as beamlines write it: a header of free text and names, then rows of numbers
 * separated by blanks, tabs or commas.
 * @module
 */
import { StxmFileError, baseName } from "../../io/errors";
import { checkOptions } from "../../util/checkOptions";
import type { XasScan } from "../scan";
import { readTextLines } from "./textFile";
import { parseNumberToken, columnsFromRows, checkIncreasing, listRows, type NumberRow } from "./numberTokens";
import { sniffNames, stripComment } from "./columnHeader";
import { uniquify } from "./readXdi";
import { guessKeV } from "./energyUnit";

/** Options of {@link readColumnFile}. */
export interface ReadColumnFileOptions {
  /**
   * Name columns the header does not name well: `{ energy: 1, i0: 2, it: 3 }` (1-based column
   * numbers) or `{ energy: "Mono Energy *" }` (a sniffed name). Each named column is renamed
   * (said in `warnings`); `energy` also sets the scan's energy column.
   */
  columns?: Record<string, number | string>;
  /** All column names at once, in file order (instead of the header's). */
  names?: string[];
  /** As in {@link ReadXdiOptions.energyOrder}: `"increasing"` (default) or `"any"`. */
  energyOrder?: "increasing" | "any";
}

interface Classified {
  kind: "blank" | "comment" | "numbers" | "text";
  values?: number[];
  /** Indices of tokens written as a time of day (hh:mm:ss), read as seconds since midnight. */
  clock?: number[];
  /** Indices of tokens written as a calendar date (04/07/12, 2012-07-04), read as NaN. */
  dates?: number[];
}

const CLOCK = /^(\d{1,2}):(\d{2}):(\d{2}(?:\.\d+)?)$/;
/** A calendar date (day/month order unknowable): such a column is kept as NaN, said in `warnings`. */
const DATE_TOKEN: RegExp = /^\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}$/;

const COMMENT_START = /^\s*[#;%!]/;

function classify(line: string): Classified {
  const t = line.trim();
  if (t === "") return { kind: "blank" };
  if (COMMENT_START.test(t)) return { kind: "comment" };
  const tokens = t.includes(",") ? t.replace(/,\s*$/, "").split(/\s*,\s*/) : t.split(/\s+/);
  const values: number[] = [];
  let clock: number[] | undefined;
  let dates: number[] | undefined;
  for (const tok of tokens) {
    let v = tok === "" ? NaN : parseNumberToken(tok);
    if (v === undefined) {
      const c = CLOCK.exec(tok);
      if (c) {
        v = 3600 * Number(c[1]) + 60 * Number(c[2]) + Number(c[3]);
        (clock ??= []).push(values.length);
      } else if (DATE_TOKEN.test(tok) && !tok.includes(".")) {
        v = NaN;
        (dates ??= []).push(values.length);
      } else return { kind: "text" };
    }
    values.push(v);
  }
  const out: Classified = { kind: "numbers", values };
  if (clock) out.clock = clock;
  if (dates) out.dates = dates;
  return out;
}

/**
 * Read a plain column file (`.dat`, `.txt`, `.xmu`, `.csv`, `.001`, …): the data are the longest
 * run of rows of numbers with the same count (blanks, tabs or commas between them; CRLF or LF;
 * comment lines inside are skipped and reported); the header is everything before.
 *
 * Column names are sniffed from the header: the last comment line of names (`# energy i0 it`,
 * quoted names, tab- or comma-separated names, EPICS 21-character fields), numbered lists
 * (`#  1) Mono Energy *`, `#C 1_Energy (keV) 2_sec …`), EPICS `; P1 = {Energy}` aliases, CLS
 * `#(1) "Event-ID" "$(AbsEnergyName)" …` lines, SSRL's `Data:` block; otherwise `col1`…`colN`
 * with a warning, and `opts.columns` / `opts.names` name them. Units in names (`Energy (keV)`)
 * go into `units` (an energy column with no unit whose values are plainly keV — below 40, or below 200 in steps under 0.02 — is taken as keV, said in `warnings`). The energy column is the one named `energy` (any case), else the first name
 * containing "energy" that is not a set-point (`requested`, `drive`, `sp`), else `e`, `eV` or `mono` (soft-X-ray beamlines). A time-of-day column (`00:09:02`, ALS BCS files) is read as seconds since midnight, a date column (`04/07/12`, LNLS files) as NaN, both said in `warnings`. Header lines
 * `key: value` or `key = value` go into `metadata`, the whole header into `metadata.header`.
 *
 * @param path the file (the content decides, not the extension).
 * @param opts {@link ReadColumnFileOptions}.
 * @returns an {@link XasScan} with `format: "columns"`.
 * @throws StxmFileError naming the file: no rows of numbers, a bad `columns` option (naming the
 *   columns present), energies that do not increase (naming the rows), an empty or binary file.
 * @example
 * const scan = readColumnFile("APS20BM_2001.dat");
 * scan.names;   // ["Mono Energy *", "Scaler preset time *", "I0", "I1", "If"]
 * const mu = scanSpectrum(scan, { mode: "transmission", it: "I1" });
 * const soft = readColumnFile("sgm_scan.dat", { columns: { energy: 1, i0: 4, tey: 5, pfy: 6 } });
 */
export function readColumnFile(path: string, opts: ReadColumnFileOptions = {}): XasScan {
  checkOptions("readColumnFile", opts, ["columns", "names", "energyOrder"]);
  const order = opts.energyOrder ?? "increasing";
  if (order !== "increasing" && order !== "any") throw new Error(`readColumnFile: option energyOrder must be "increasing" or "any", got ${JSON.stringify(order)}`);
  const lines = readTextLines(path, "column file");
  const cls = lines.map(classify);

  // The longest run of number rows of one count (blank and comment lines do not break it).
  let best = { start: -1, end: -1, rows: 0, n: 0 };
  let cur = { start: -1, end: -1, rows: 0, n: 0 };
  const close = (): void => {
    if (cur.rows > 0 && cur.rows >= best.rows) best = { ...cur };
    cur = { start: -1, end: -1, rows: 0, n: 0 };
  };
  cls.forEach((c, i) => {
    if (c.kind === "blank" || (c.kind === "comment" && cur.rows > 0)) return;
    if (c.kind === "numbers" && cur.rows > 0 && c.values!.length === cur.n) {
      cur.rows++;
      cur.end = i;
      return;
    }
    close();
    if (c.kind === "numbers") cur = { start: i, end: i, rows: 1, n: c.values!.length };
  });
  close();
  if (best.rows === 0) throw new StxmFileError(path, "data", `expected rows of numbers (separated by blanks, tabs or commas), got none in ${lines.length} lines; first line: ${JSON.stringify(lines[0].slice(0, 80))}`);
  const numericLines = cls.filter((c) => c.kind === "numbers").length;
  if (best.rows < 0.5 * numericLines) {
    const counts = [...new Set(cls.filter((c) => c.kind === "numbers").map((c) => c.values!.length))].slice(0, 8);
    throw new StxmFileError(
      path,
      "data",
      `expected one table of rows with the same number of values, got ${numericLines} lines of numbers whose longest run of equal length is ${best.rows} rows (lines ${best.start + 1}–${best.end + 1}); values per line: ${counts.join(", ")}. ` +
        "Is this a format whose records span several lines (SRS, DUBBLE)? It is not plain columns.",
    );
  }
  const nCols = best.n;
  const warnings: string[] = [];
  const rows: NumberRow[] = [];
  const inDataComments: number[] = [];
  for (let i = best.start; i <= best.end; i++) {
    const c = cls[i];
    if (c.kind === "numbers") rows.push({ values: c.values!, line: i + 1 });
    else if (c.kind === "comment") inDataComments.push(i + 1);
  }
  if (inDataComments.length > 0) warnings.push(`skipped ${inDataComments.length} comment line${inDataComments.length === 1 ? "" : "s"} inside the data (line${inDataComments.length === 1 ? "" : "s"} ${listRows(inDataComments)})`);
  const after: number[] = [];
  for (let i = best.end + 1; i < lines.length; i++) if (cls[i].kind === "numbers" || cls[i].kind === "text") after.push(i + 1);
  if (after.length > 0) {
    const first = after[0] - 1;
    const short = after.length === 1 && cls[first].kind === "numbers" && cls[first].values!.length < nCols;
    warnings.push(
      short
        ? `dropped the last line ${after[0]}: ${cls[first].values!.length} values instead of ${nCols} (a row cut off when the scan stopped?)`
        : `ignored ${after.length} line${after.length === 1 ? "" : "s"} after the data (line${after.length === 1 ? "" : "s"} ${listRows(after)}; first: ${JSON.stringify(lines[first].trim().slice(0, 60))})`,
    );
  }
  const header = lines.slice(0, best.start);

  // Names.
  let names: string[];
  const metadata: Record<string, string | number | number[]> = {};
  if (opts.names !== undefined) {
    if (!Array.isArray(opts.names) || opts.names.length !== nCols || !opts.names.every((n) => typeof n === "string" && n.trim() !== "")) {
      throw new StxmFileError(path, "option names", `expected ${nCols} non-empty strings (the data have ${nCols} columns), got ${JSON.stringify(opts.names)}`);
    }
    names = opts.names.map((n) => n.trim());
    metadata["names from"] = "option names";
  } else {
    const sniffed = sniffNames(header, nCols);
    if (sniffed) {
      names = sniffed.names;
      metadata["names from"] = sniffed.how;
      if (/names only/.test(sniffed.how)) warnings.push(`column names from ${sniffed.how}`);
    } else {
      names = Array.from({ length: nCols }, (_, j) => `col${j + 1}`);
      metadata["names from"] = "none found";
      warnings.push(`no header line names the ${nCols} columns: named col1…col${nCols}; name them with { columns: { energy: 1, i0: 2, … } } or { names: [...] }`);
    }
  }
  uniquify(names, warnings);
  let energy: string | undefined;
  if (opts.columns !== undefined) {
    if (opts.columns === null || typeof opts.columns !== "object" || Array.isArray(opts.columns)) throw new TypeError(`readColumnFile(${path}): option columns must be an object like { energy: 1, i0: 2 }, got ${JSON.stringify(opts.columns)}`);
    for (const [role, which] of Object.entries(opts.columns)) {
      let j: number;
      if (typeof which === "number") {
        if (!Number.isInteger(which) || which < 1 || which > nCols) throw new StxmFileError(path, `option columns.${role}`, `expected a column number 1…${nCols}, got ${which}; columns: ${names.map((n, k) => `${k + 1} ${n}`).join(", ")}`);
        j = which - 1;
      } else if (typeof which === "string") {
        j = names.indexOf(which);
        if (j < 0) throw new StxmFileError(path, `option columns.${role}`, `expected one of the columns ${names.map((n) => JSON.stringify(n)).join(", ")}, got ${JSON.stringify(which)}`);
      } else throw new StxmFileError(path, `option columns.${role}`, `expected a column number or name, got ${typeof which}`);
      const other = names.indexOf(role);
      if (other >= 0 && other !== j) {
        names[other] = `${role}_file`;
        warnings.push(`column ${other + 1} was also named "${role}" in the file; renamed "${role}_file"`);
      }
      if (names[j] !== role) warnings.push(`column ${j + 1} "${names[j]}" named "${role}" (option columns)`);
      names[j] = role;
      if (role.toLowerCase() === "energy") energy = role;
    }
  }
  const units: Record<string, string> = {};
  for (const n of names) {
    const m = /[([]\s*(eV|keV|deg|degrees|s|sec|ms|mm|um|µm)\s*[)\]]/i.exec(n);
    if (m) units[n] = m[1];
  }

  const clockColumns = new Set<number>();
  for (let i = best.start; i <= best.end; i++) for (const j of cls[i].clock ?? []) clockColumns.add(j);
  for (const j of clockColumns) {
    units[names[j]] = "s";
    warnings.push(`column ${j + 1} "${names[j]}" is a time of day (hh:mm:ss): read as seconds since midnight`);
  }
  const dateColumns = new Set<number>();
  for (let i = best.start; i <= best.end; i++) for (const j of cls[i].dates ?? []) dateColumns.add(j);
  for (const j of dateColumns) warnings.push(`column ${j + 1} "${names[j]}" holds calendar dates (e.g. ${JSON.stringify(lines[best.start].trim().split(/\s*[,\t]\s*|\s+/)[j])}): not numbers, kept as NaN`);
  const { columns, kept } = columnsFromRows(names, rows, warnings);
  if (kept.length === 0) throw new StxmFileError(path, "data", `expected at least one row of finite numbers, got ${rows.length} rows all holding NaN or ±Infinity`);
  energy ??= findEnergy(names);

  // Header fields.
  for (const l of header) {
    const body = stripComment(l);
    const m = /^([A-Za-z][\w .()/%-]{0,60}?)\s*(?::|=)\s*(.+)$/.exec(body);
    if (m && !(m[1] in metadata)) metadata[m[1].trim()] = m[2].trim();
  }
  metadata.header = header.join("\n");

  if (energy !== undefined && order === "increasing") {
    checkIncreasing(path, energy, columns[energy], kept.map((r) => r.line), 'Read with { energyOrder: "any" } and pass { sort: true } to scanSpectrum to sort the rows instead.');
  }
  const scan: XasScan = { file: path, format: "columns", label: baseName(path).replace(/\.[^.]*$/, ""), names, columns, units, nPoints: kept.length, metadata, warnings };
  if (energy !== undefined) {
    scan.energy = energy;
    guessKeV(scan);
  }
  return scan;
}

/** @internal The energy column by its name: `energy` exactly, else a name with "energy" that is not a set-point. */
export function findEnergy(names: readonly string[]): string | undefined {
  const exact = names.find((n) => /^(energy|energia|energie)$/i.test(n) || /^energy\s*[([]\s*k?eV\s*[)\]]$/i.test(n));
  if (exact) return exact;
  const setPoint = /request|drive|setpoint|[_:. ]sp$|edge|^abs/i;
  return names.find((n) => /energy/i.test(n) && !setPoint.test(n)) ?? names.find((n) => /energy/i.test(n)) ?? names.find((n) => /^(e|ev|e_ev|ene|mono)$/i.test(n));
}
