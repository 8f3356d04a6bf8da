/**
 * BioLogic EC-Lab ASCII exports (`.mpt`).
 * @module
 */
import { checkOptions } from "../../util/checkOptions";
import { decodeText, readRegularFile } from "../../io/readRegularFile";
import { parseDecimal } from "../../io/textValues";
import type { CyclerData } from "../cyclerData";
import { assembleCyclerData } from "./assembleCyclerData";
import { BIOLOGIC_COLUMN_KEYS, type BiologicColumnChoice, biologicPicks } from "./biologicColumns";
import { CyclerFileError } from "./cyclerFileError";
import { massInMg } from "./massValue";

/** Options of {@link readMpt}. */
export interface ReadMptOptions {
  /** Column names to use instead of the defaults (see {@link BiologicColumnChoice}). */
  columns?: BiologicColumnChoice;
  /** Keep rows whose time runs backwards (with a warning) instead of throwing; default false. */
  allowUnsortedTime?: boolean;
}

const MAGIC = "EC-Lab ASCII FILE";

/** Parse the `key : value` lines of the header into metadata (non-empty values only). */
function headerMetadata(lines: readonly string[], from: number, to: number, meta: Record<string, string | number>, warnings: string[]): void {
  for (let i = from; i < to; i++) {
    const line = lines[i];
    const k = line.indexOf(" : ");
    if (k <= 0) continue;
    const key = line.slice(0, k).trim();
    const value = line.slice(k + 3).trim();
    if (key === "" || value === "" || Object.prototype.hasOwnProperty.call(meta, key)) continue;
    meta[key] = value;
  }
  const active = typeof meta["Mass of active material"] === "string" ? massInMg(meta["Mass of active material"] as string) : undefined;
  if (active !== undefined) {
    if (active === 0.001) {
      warnings.push('"Mass of active material : 0.001 mg" is EC-Lab\'s default when no mass was entered; metadata.activeMassMg is not set (give the mass to the analysis).');
    } else meta.activeMassMg = active;
  }
  const characteristic = typeof meta["Characteristic mass"] === "string" ? massInMg(meta["Characteristic mass"] as string) : undefined;
  if (characteristic !== undefined) meta.characteristicMassMg = characteristic;
}

/**
 * Read a BioLogic EC-Lab ASCII export (`.mpt`, "Export as text").
 *
 * The file starts `EC-Lab ASCII FILE` (or `BT-Lab ASCII FILE`) / `Nb header lines : N`; lines 3…N−1 are the header
 * (Latin-1; the technique name, `key : value` settings, the technique parameters) and line N
 * holds the tab-separated column names with their units (`time/s`, `Ewe/V`, `<I>/mA`,
 * `(Q-Qo)/mA.h`, `cycle number`, `Ns` …); data rows follow. A header-less export (first line
 * = column names, "Export as text" without header) is read too. Decimal commas (French/German
 * Windows locales) are recognised from the first data row and read as points.
 *
 * Fields (units converted to the {@link CyclerData} units from each column's unit):
 * - `time` ← `time/s`.
 * - `voltage` ← `Ewe/V`, else `<Ewe>/V`, else `Ecell/V` (mV → V ×0.001).
 * - `current` ← `I/mA`, else `<I>/mA` (A → mA ×1000, µA → mA ×0.001). BioLogic writes anodic
 *   (oxidation of the working electrode) current as positive, which is charge for a cathode
 *   half-cell, so the sign is kept. An Open Circuit Voltage record has no current column:
 *   current is then 0 mA and a warning says so; any other record without one is an error.
 * - `capacity` ← `Q charge/discharge/mA.h` (reset at each half cycle), else `(Q-Qo)/mA.h`
 *   (since the start), `/C` columns ÷ 3.6.
 * - `cycle` ← `cycle number`; `step` ← `Ns` (sequence index of a linked/Modulo Bat technique).
 * - every other column in `extra` under its written name (e.g. `mode`, `ox/red`, `control/V/mA`).
 * - `metadata`: `technique`, `headerLines`, `decimalSeparator`, each `key : value` header line
 *   as written, `activeMassMg` from `Mass of active material : 12.3 mg` (not set, with a warning,
 *   for 0.001 mg, EC-Lab's default when no mass was entered), `characteristicMassMg`
 *   from `Characteristic mass : 0.001 g`, and which column became which field (`timeColumn` …).
 *
 * Time must not decrease (see `allowUnsortedTime`). An incomplete last row (a file copied
 * while EC-Lab was still writing) is dropped with a warning; any other short row is an error.
 *
 * @param path the `.mpt` file.
 * @param options see {@link ReadMptOptions}.
 * @returns the record; `format` is `"biologic-mpt"`.
 * @throws CyclerFileError naming the file, the line (and column) and what was expected — an
 *   empty file, a `.mpr` binary, a wrong `Nb header lines`, a non-number, no time/voltage/current.
 * @example
 * const run = readMpt("LRLO_C01.mpt");
 * run.metadata.technique;   // "Galvanostatic Cycling with Potential Limitation"
 * run.current[0];           // mA
 * readMpt("eis.mpt", { columns: { voltage: "Ecell/V" } });
 */
export function readMpt(path: string, options: ReadMptOptions = {}): CyclerData {
  checkOptions("readMpt", options, ["columns", "allowUnsortedTime"]);
  checkOptions("readMpt: option columns", options.columns, BIOLOGIC_COLUMN_KEYS);
  const bytes = readRegularFile(path, { field: "EC-Lab ASCII file", maxBytes: 2 ** 32 });
  return parseMpt(bytes, path, options);
}

/**
 * Parse the bytes of an EC-Lab ASCII export (see {@link readMpt}); `file` names it in messages.
 * @example
 * parseMpt(new TextEncoder().encode("time/s\tEwe/V\tI/mA\n0\t3.1\t0.5\n"), "mem.mpt").nPoints; // 1
 */
export function parseMpt(bytes: Uint8Array, file: string, options: ReadMptOptions = {}): CyclerData {
  checkOptions("parseMpt", options, ["columns", "allowUnsortedTime"]);
  checkOptions("parseMpt: option columns", options.columns, BIOLOGIC_COLUMN_KEYS);
  if (bytes.length === 0) throw new CyclerFileError(file, "file", `is empty (0 bytes); expected an EC-Lab ASCII export starting with "${MAGIC}"`);
  const head = decodeText(bytes.subarray(0, 64));
  if (head.startsWith("BIO-LOGIC MODULAR FILE")) {
    throw new CyclerFileError(file, "byte 0", `is a BioLogic binary file ("BIO-LOGIC MODULAR FILE"), not an ASCII export; read it with readMpr`);
  }
  const probe = bytes.subarray(0, Math.min(bytes.length, 4096));
  if (probe.includes(0)) throw new CyclerFileError(file, `byte ${probe.indexOf(0)}`, `expected text (an EC-Lab ASCII export), got binary data (a NUL byte)`);
  const lines = decodeText(bytes).split("\n");
  for (let i = 0; i < lines.length; i++) if (lines[i].endsWith("\r")) lines[i] = lines[i].slice(0, -1);

  const metadata: Record<string, string | number> = {};
  const warnings: string[] = [];
  let nameLine: number;
  if (lines[0].trim() === MAGIC || lines[0].trim() === "BT-Lab ASCII FILE") {
    const m = /^Nb header lines\s*:\s*(\d+)\s*$/.exec(lines[1] ?? "");
    if (!m) throw new CyclerFileError(file, "line 2", `expected "Nb header lines : <N>", got "${(lines[1] ?? "").trim().slice(0, 80)}"`);
    const n = Number(m[1]);
    if (n < 3 || n > lines.length) {
      throw new CyclerFileError(file, "line 2", `"Nb header lines : ${n}" is impossible for a file of ${lines.length} lines (expected 3…${lines.length})`);
    }
    nameLine = n - 1;
    metadata.headerLines = n;
    for (let i = 2; i < nameLine; i++) {
      const t = lines[i].trim();
      if (t !== "") {
        metadata.technique = t;
        break;
      }
    }
    headerMetadata(lines, 2, nameLine, metadata, warnings);
  } else if (lines[0].includes("\t") && lines[0].split("\t").some((s) => s.trim() === "time/s")) {
    nameLine = 0;
    metadata.headerLines = 0;
    warnings.push("The export has no header (no technique, no settings, no mass); only the columns were read.");
  } else {
    throw new CyclerFileError(file, "line 1", `expected "${MAGIC}" (an EC-Lab ASCII export), got "${lines[0].trim().slice(0, 80)}"`);
  }

  const names = lines[nameLine].split("\t").map((s) => s.trim());
  while (names.length > 0 && names[names.length - 1] === "") names.pop();
  if (names.length === 0 || names.every((s) => s === "" || !Number.isNaN(parseDecimal(s.replace(",", "."))))) {
    throw new CyclerFileError(
      file,
      `line ${nameLine + 1}`,
      `expected the tab-separated column names (line ${nameLine + 1} per "Nb header lines"), got "${lines[nameLine].slice(0, 80)}"`,
    );
  }
  let last = lines.length;
  while (last > nameLine + 1 && lines[last - 1].trim() === "") last--;
  const first = nameLine + 1;
  // Some EC-Lab versions list more column names than each row has values (e.g. an empty name and
  // "Ewe-Ece/V" after the last value of PEIS exports): when the first row is shorter, the names
  // without values are left out, with a warning.
  if (first < last) {
    const m = lines[first].split("\t").length;
    const m2 = first + 1 < last ? lines[first + 1].split("\t").length : m;
    if (m < names.length && m2 === m) {
      const gone = names.splice(m);
      warnings.push(`Line ${nameLine + 1} names ${m + gone.length} columns but the rows have ${m} values; the names without values (${gone.map((g) => `"${g}"`).join(", ")}) were left out.`);
    }
  }
  names.forEach((nm, k) => {
    if (nm === "") {
      names[k] = `column ${k + 1}`;
      warnings.push(`Column ${k + 1} on line ${nameLine + 1} has no name; it is kept in extra as "column ${k + 1}".`);
    }
  });
  const nCol = names.length;
  const cap = Math.max(0, last - first);
  const cols = names.map(() => new Float64Array(cap));
  let comma = false;
  if (cap > 0) {
    comma = lines[first].includes(",");
    metadata.decimalSeparator = comma ? "," : ".";
  }
  let n = 0;
  for (let r = first; r < last; r++) {
    const line = lines[r];
    if (line.trim() === "") throw new CyclerFileError(file, `line ${r + 1}`, `expected a data row of ${nCol} values, got an empty line inside the data`);
    const f = line.split("\t");
    if (f.length > nCol && f.slice(nCol).every((s) => s.trim() === "")) f.length = nCol;
    if (f.length !== nCol) {
      if (r === last - 1 && f.length < nCol) {
        warnings.push(`The last row (line ${r + 1}) has ${f.length} of ${nCol} values (an incomplete write); it was dropped.`);
        break;
      }
      throw new CyclerFileError(file, `line ${r + 1}`, `expected ${nCol} tab-separated values (one per column name on line ${nameLine + 1}), got ${f.length}`);
    }
    for (let c = 0; c < nCol; c++) {
      const tok = comma ? f[c].replace(",", ".") : f[c];
      // Fast path: a token starting with a digit, sign or point is converted by Number (which
      // also takes surrounding blanks); anything else, or a failure, goes through the strict check.
      const ch = tok.charCodeAt(0);
      let v = (ch >= 48 && ch <= 57) || ch === 45 || ch === 43 || ch === 46 ? Number(tok) : NaN;
      if (Number.isNaN(v) || (ch === 48 && (tok.charCodeAt(1) | 32) === 120)) {
        const t = tok.trim();
        v = parseDecimal(t);
        if (Number.isNaN(v)) {
          if (/^[+-]?nan$/i.test(t)) v = NaN;
          else throw new CyclerFileError(file, `line ${r + 1}, column ${c + 1} ("${names[c]}")`, `expected a number, got "${f[c].slice(0, 40)}"`);
        }
      }
      cols[c][n] = v;
    }
    n++;
  }
  const values = n === cap ? cols : cols.map((a) => a.slice(0, n));
  const picks = biologicPicks(names, options.columns ?? {}, metadata.technique as string | undefined, file, `line ${nameLine + 1}`, warnings);
  return assembleCyclerData(
    { file, format: "biologic-mpt", names, values, metadata, warnings, where: (i) => `line ${first + i + 1}`, allowUnsortedTime: options.allowUnsortedTime === true },
    picks,
  );
}
