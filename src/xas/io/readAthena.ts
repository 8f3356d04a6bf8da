/**
 * Athena project files (`.prj`): the old Perl `Data::Dumper` format written by Athena/Demeter
 * and Larch's newer JSON format, gzip-compressed or plain.
 * @module
 */
import { StxmFileError } from "../../io/errors";
import { checkOptions } from "../../util/checkOptions";
import type { XasScan } from "../scan";
import { readMaybeGzip } from "./gunzipFile";
import { hexHead, looksBinary } from "./textFile";
import { parsePerlData, perlErrorLine, type PerlValue } from "./perlData";
import { parseNumberToken, columnsFromRows, type NumberRow } from "./numberTokens";

/**
 * The numeric processing parameters Athena stored for a group: every `bkg_*`, `fft_*` and
 * `bft_*` value that is a number (units as Athena uses them: energies and ranges in eV relative
 * to E0 for `bkg_pre1/pre2/nor1/nor2`, absolute eV for `bkg_e0`, Å⁻¹ for `fft_kmin/kmax`, Å for
 * `bkg_rbkg`, `bft_rmin/rmax`). Text values (`bkg_z: "Fe"`, `fft_win: "hanning"`) are in
 * the group's `metadata`.
 */
export interface AthenaParams {
  /** E0 (eV). */
  bkg_e0?: number;
  /** Pre-edge range start and end (eV relative to E0, negative). */
  bkg_pre1?: number;
  bkg_pre2?: number;
  /** Normalisation range start and end (eV relative to E0). */
  bkg_nor1?: number;
  bkg_nor2?: number;
  /** Order of the post-edge polynomial (1, 2 or 3). */
  bkg_nnorm?: number;
  /** Rbkg of the AUTOBK background (Å). */
  bkg_rbkg?: number;
  /** k weight of the background fit. */
  bkg_kw?: number;
  /** Edge step. */
  bkg_step?: number;
  /** Spline range in k (Å⁻¹). */
  bkg_spl1?: number;
  bkg_spl2?: number;
  /** Forward Fourier transform k range (Å⁻¹), window sill (Å⁻¹). */
  fft_kmin?: number;
  fft_kmax?: number;
  fft_dk?: number;
  /** Any other numeric `bkg_*` / `fft_*` / `bft_*` parameter. */
  [key: string]: number | undefined;
}

/**
 * One group (one spectrum) of an Athena project: an {@link XasScan} whose columns are `energy`
 * and `mu` (μ(E) groups), `energy` and `norm` (groups stored normalised), or `k` and `chi`
 * (χ(k) groups), plus `i0`, `signal`, `stddev` when stored.
 */
export interface AthenaGroup extends XasScan {
  /** Athena's group key (`$old_group`, e.g. "bapw"). */
  hashKey: string;
  /** What the stored y array is: "mu(E)", "norm(E)", "xanes(E)", "chi(k)", … (from `is_xmu`/`is_nor`/`is_chi` or Demeter's `recordtype`). */
  recordType: string;
  /** Numeric processing parameters ({@link AthenaParams}). */
  params: AthenaParams;
}

/** A whole Athena project. */
export interface AthenaProject {
  /** The file read. */
  file: string;
  /** `"athena-perl"` (Athena/Demeter `Data::Dumper` text) or `"athena-json"` (Larch). */
  format: "athena-perl" | "athena-json";
  /** Whether the file was gzip-compressed. */
  compressed: boolean;
  /** The header lines (program and version, date). */
  header: string[];
  /** The project journal (free text; "" when none). */
  journal: string;
  /** The groups in file order. */
  groups: AthenaGroup[];
  /** What the reader skipped or noticed for the project as a whole (per-group notes are in each group's `warnings`). */
  warnings: string[];
}

/**
 * Read an Athena project (`.prj`): gzip-compressed or plain, in the Perl `Data::Dumper` format of
 * Athena/Demeter (`$old_group = '…'; @args = (…); @x = (…); @y = (…); [record]`) or Larch's JSON
 * format. The Perl text is tokenized, never evaluated: a statement that calls a function
 * (`@journal = system("…")`) is skipped and named in `warnings`.
 *
 * Each group's stored arrays become columns (`energy` + `mu`, or `k` + `chi`, plus `i0`,
 * `signal`, `stddev`); its numeric `bkg_*`, `fft_*`, `bft_*` arguments become `params`; every
 * scalar argument is kept in `metadata` (titles joined by newlines), with the XDI metadata
 * Demeter stores (`Element.symbol`, …). Rows with NaN are dropped with a warning; energies that
 * do not increase are kept as stored and named in the group's `warnings` (larch's reader sorts and
 * nudges them silently; here {@link scanSpectrum}'s `sort` option does it, saying so).
 *
 * @param path the project file.
 * @returns an {@link AthenaProject}.
 * @throws StxmFileError naming the file: a truncated or corrupt gzip stream, a file that is not an
 *   Athena project (saying what it starts with), a malformed statement (with its line), arrays of
 *   different lengths or values that are not numbers (naming the group and array).
 * @example
 * const prj = readAthena("FeO.prj");
 * prj.groups.map((g) => g.label);          // ["FeO"]
 * prj.groups[0].params.bkg_e0;             // 7122.9272
 * const mu = scanSpectrum(prj.groups[0], { mode: "mu" });
 */
export function readAthena(path: string, opts: Record<string, never> = {}): AthenaProject {
  checkOptions("readAthena", opts, []);
  const { bytes, compressed } = readMaybeGzip(path, "Athena project");
  if (bytes.length === 0) throw new StxmFileError(path, "Athena project", `expected an Athena project, got an empty ${compressed ? "gzip stream" : "file"}`);
  if (looksBinary(bytes)) throw new StxmFileError(path, "Athena project", `expected Athena project text${compressed ? " inside the gzip stream" : ""}, got binary data (first bytes ${hexHead(bytes)})`);
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("utf8");
  const start = text.slice(0, 600).trimStart();
  if (start.startsWith("{") && start.includes("_____header")) return readJsonProject(path, text, compressed);
  if (/^# Athena project file/.test(start)) return readPerlProject(path, text, compressed);
  throw new StxmFileError(path, "Athena project", `expected "# Athena project file -- …" (Athena/Demeter) or a JSON object with "_____header" keys (Larch), got ${JSON.stringify(start.slice(0, 60))}`);
}

interface RawGroup {
  hashKey: string;
  args: Record<string, PerlValue>;
  arrays: Record<string, PerlValue[]>;
  xdi?: PerlValue;
  line: number;
}

function readPerlProject(path: string, text: string, compressed: boolean): AthenaProject {
  let doc;
  try {
    doc = parsePerlData(text);
  } catch (e) {
    const line = perlErrorLine(e);
    if (line === undefined) throw e;
    throw new StxmFileError(path, `line ${line}${compressed ? " (of the gunzipped text)" : ""}`, `${(e as Error).message}; expected Perl Data::Dumper statements (is the file cut short?)`);
  }
  const header: string[] = [];
  for (const l of text.slice(0, 4096).split(/\r?\n/)) {
    if (l.startsWith("#")) header.push(l);
    else if (l.trim() !== "") break;
  }
  const warnings: string[] = doc.skipped.map((s) => `line ${s.line}: skipped ${s.name}: ${s.reason} (never executed)`);
  const raws: RawGroup[] = [];
  let cur: RawGroup | undefined;
  let journal = "";
  let sawEnd = false;
  for (const it of doc.items) {
    if ("marker" in it) {
      if (it.marker === "[record]") {
        if (cur === undefined) warnings.push(`line ${it.line}: [record] with no group before it; ignored`);
        else raws.push(cur);
        cur = undefined;
      } else if (it.marker === "1;") sawEnd = true;
      else warnings.push(`line ${it.line}: ignored text that is not a data statement: ${JSON.stringify(it.marker.slice(0, 60))}`);
      continue;
    }
    const { sigil, name, value, line } = it;
    if (sigil === "$" && name === "old_group") {
      if (cur !== undefined) {
        warnings.push(`line ${line}: group "${cur.hashKey}" (line ${cur.line}) has no [record] line; kept`);
        raws.push(cur);
      }
      cur = { hashKey: String(value), args: {}, arrays: {}, line };
    } else if (cur !== undefined && sigil === "@" && name === "args") {
      cur.args = Array.isArray(value) ? pairs(value) : {};
    } else if (cur !== undefined && sigil === "@" && Array.isArray(value)) {
      cur.arrays[name] = value;
    } else if (cur !== undefined && sigil === "$" && name === "xdi") {
      cur.xdi = value;
    } else if (name === "journal") {
      journal = Array.isArray(value) ? value.map(String).join("\n") : String(value ?? "");
    } else if (!["plot_features", "indicator", "lcf_data"].includes(name)) {
      warnings.push(`line ${line}: ignored ${sigil}${name} (not a group's data)`);
    }
  }
  if (cur !== undefined) {
    warnings.push(`group "${cur.hashKey}" (line ${cur.line}) has no closing [record] line: the file may be cut short; kept what is there`);
    raws.push(cur);
  }
  if (!sawEnd && raws.length > 0) warnings.push(`no closing "1;" line: the project may be cut short after group "${raws[raws.length - 1].hashKey}"`);
  if (raws.length === 0) throw new StxmFileError(path, "Athena project", "expected at least one group ($old_group … [record]), got none");
  return { file: path, format: "athena-perl", compressed, header, journal, groups: raws.map((r) => buildGroup(path, r)), warnings };
}

function readJsonProject(path: string, text: string, compressed: boolean): AthenaProject {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new StxmFileError(path, `JSON${compressed ? " (gunzipped)" : ""}`, `${(e as Error).message}; expected a complete Larch/Athena JSON project (is the file cut short?)`);
  }
  if (data === null || typeof data !== "object" || Array.isArray(data)) throw new StxmFileError(path, "JSON", "expected an object of groups, got " + (Array.isArray(data) ? "an array" : typeof data));
  const obj = data as Record<string, unknown>;
  const header: string[] = [];
  let journal = "";
  let order: string[] | undefined;
  const warnings: string[] = [];
  const groupKeys: string[] = [];
  for (const [k, v] of Object.entries(obj)) {
    if (/^_____header/.test(k)) header.push(String(v));
    else if (k === "_____journal") journal = Array.isArray(v) ? v.map(String).join("\n") : String(v ?? "");
    else if (k === "_____order") order = Array.isArray(v) ? v.map(String) : undefined;
    else if (k.startsWith("_____")) continue;
    else groupKeys.push(k);
  }
  const keys = order ?? groupKeys;
  for (const k of groupKeys) {
    if (keys.includes(k)) continue;
    warnings.push(`group "${k}" is not in "_____order"; read after the others`);
    keys.push(k);
  }
  const groups = keys.map((k) => {
    const g = obj[k];
    if (g === null || typeof g !== "object") throw new StxmFileError(path, `group "${k}"`, `expected an object with args, x, y, got ${g === null ? "null" : typeof g}`);
    const rec = g as Record<string, unknown>;
    const args = (rec.args ?? {}) as Record<string, PerlValue>;
    const arrays: Record<string, PerlValue[]> = {};
    for (const [name, v] of Object.entries(rec)) if (name !== "args" && Array.isArray(v)) arrays[name] = v as PerlValue[];
    return buildGroup(path, { hashKey: k, args, arrays, line: 0, xdi: rec.xdi as PerlValue });
  });
  if (groups.length === 0) throw new StxmFileError(path, "Athena project", "expected at least one group, got none");
  return { file: path, format: "athena-json", compressed, header, journal, groups, warnings };
}

function pairs(flat: PerlValue[]): Record<string, PerlValue> {
  const out: Record<string, PerlValue> = {};
  for (let i = 0; i + 1 < flat.length; i += 2) out[String(flat[i])] = flat[i + 1];
  return out;
}

function asNumber(v: PerlValue | undefined): number | undefined {
  if (typeof v === "number") return v;
  if (typeof v === "string") return parseNumberToken(v.trim());
  return undefined;
}

function flag(args: Record<string, PerlValue>, key: string): boolean {
  const v = asNumber(args[key]);
  return v !== undefined && v !== 0;
}

function buildGroup(path: string, raw: RawGroup): AthenaGroup {
  const { args, arrays, hashKey } = raw;
  const label = args.label !== undefined && args.label !== null && String(args.label) !== "" ? String(args.label) : hashKey;
  const where = `group "${label}" (${hashKey}${raw.line ? `, line ${raw.line}` : ""})`;
  const warnings: string[] = [];
  const metadata: Record<string, string | number | number[]> = {};
  const params: AthenaParams = {};
  for (const [k, v] of Object.entries(args)) {
    if (v === null) continue;
    if (Array.isArray(v)) {
      if (v.every((x) => typeof x === "string" || typeof x === "number")) metadata[k] = v.map(String).join("\n");
      continue;
    }
    if (typeof v === "object") continue;
    metadata[k] = v;
    const num = asNumber(v);
    if (/^(bkg|fft|bft)_/.test(k) && num !== undefined && Number.isFinite(num)) params[k] = num;
  }
  // XDI metadata Demeter keeps ($xdi = bless({ metadata => { Element => { symbol => 'Fe' } } }, 'Xray::XDI')).
  const xdiMeta = raw.xdi !== null && typeof raw.xdi === "object" && !Array.isArray(raw.xdi) ? raw.xdi.metadata : undefined;
  if (xdiMeta !== null && xdiMeta !== undefined && typeof xdiMeta === "object" && !Array.isArray(xdiMeta)) {
    for (const [fam, fields] of Object.entries(xdiMeta)) {
      if (fields === null || typeof fields !== "object" || Array.isArray(fields)) continue;
      for (const [key, v] of Object.entries(fields)) if (typeof v === "string" || typeof v === "number") metadata[`${fam}.${key}`] = v;
    }
  }

  // What y is.
  const recordtype = typeof args.recordtype === "string" ? args.recordtype : "";
  let recordType: string;
  if (flag(args, "is_chi") || /^chi/i.test(recordtype)) recordType = "chi(k)";
  else if (flag(args, "is_nor") || /^norm/i.test(recordtype)) recordType = "norm(E)";
  else if (flag(args, "is_xanes") || /^xanes/i.test(recordtype)) recordType = "xanes(E)";
  else if (flag(args, "is_xmu") || /^mu/i.test(recordtype) || recordtype === "") recordType = "mu(E)";
  else recordType = recordtype;
  const isChi = recordType === "chi(k)";
  const xName = isChi ? "k" : "energy";
  const yName = isChi ? "chi" : recordType === "norm(E)" ? "norm" : "mu";

  const x = arrays.x, y = arrays.y;
  if (!x || !y) throw new StxmFileError(path, where, `expected arrays @x and @y, got ${Object.keys(arrays).map((a) => "@" + a).join(", ") || "none"}`);
  const names = [xName, yName];
  const src: PerlValue[][] = [x, y];
  for (const extra of ["i0", "signal", "stddev"]) {
    const a = arrays[extra];
    if (a === undefined || a.length === 0) continue;
    if (a.length !== x.length) {
      warnings.push(`@${extra} has ${a.length} values for ${x.length} energies; not read`);
      continue;
    }
    names.push(extra);
    src.push(a);
  }
  for (const other of Object.keys(arrays)) if (!["x", "y", "i0", "signal", "stddev", "journal"].includes(other) && arrays[other].length > 0) warnings.push(`array @${other} (${arrays[other].length} values) not read`);
  if (y.length !== x.length) throw new StxmFileError(path, where, `expected @y as long as @x (${x.length} values), got ${y.length}`);
  const rows: NumberRow[] = x.map((_, i) => ({
    line: i + 1,
    values: src.map((a, j) => {
      const v = asNumber(a[i]);
      if (v === undefined) throw new StxmFileError(path, `${where}, @${j < 2 ? (j === 0 ? "x" : "y") : names[j]}[${i}]`, `expected a number, got ${JSON.stringify(a[i])}`);
      return v;
    }),
  }));
  const { columns, kept } = columnsFromRows(names, rows, warnings);
  if (!isChi && kept.length > 1) {
    const e = columns.energy;
    const bad: number[] = [];
    for (let i = 1; i < e.length; i++) if (!(e[i] > e[i - 1])) bad.push(i + 1);
    if (bad.length > 0) warnings.push(`energies do not increase strictly at ${bad.length} row${bad.length === 1 ? "" : "s"} (first: row ${bad[0]}, ${e[bad[0] - 2]} → ${e[bad[0] - 1]} eV); kept as stored — scanSpectrum(…, { sort: true }) sorts them and averages repeats`);
  }
  const units: Record<string, string> = isChi ? { k: "1/Å" } : { energy: "eV" };
  const group: AthenaGroup = { file: path, format: "athena", label, names, columns, units, nPoints: kept.length, metadata, warnings, hashKey, recordType, params };
  if (!isChi) group.energy = "energy";
  return group;
}
