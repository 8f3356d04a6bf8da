/**
 * Write XAS data as an XDI 1.0 file (XAS Data Interchange), readable by {@link readXdi}, larch and Athena.
 * @module
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { checkOptions } from "../util/checkOptions";
import { describe } from "../types/matrix";
import type { Spectrum } from "../types/spectrum";

/** Columns to write: the first is the energy (eV); units by column name (e.g. `{ energy: "eV" }`). */
export interface XdiColumns {
  columns: Record<string, ArrayLike<number>>;
  units?: Record<string, string>;
}

/** Options of {@link writeXdi}. */
export interface WriteXdiOptions {
  /** Free-text comment lines (after `# ///`). */
  comments?: readonly string[];
  /** Significant digits of the data. Default 10. */
  digits?: number;
  /** Name of the μ column when a Spectrum is written. Default "mutrans". */
  muName?: string;
}

const FIELD = /^[A-Za-z][A-Za-z0-9_]*\.[A-Za-z0-9_-]+$/;
const NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

/**
 * Write an XDI 1.0 file: the version line, `Column.N: name [unit]` fields, the given
 * `Family.key: value` fields (XDI asks for `Element.symbol`, `Element.edge`, `Mono.d_spacing`),
 * `# ///`, the comments, `#----`, the label line and whitespace-separated rows. A Spectrum is
 * written as two columns, `energy` (eV) and `muName`.
 *
 * @param path - output file (folders are created).
 * @param data - a Spectrum (energies in eV) or {@link XdiColumns} (first column = energy, all the same length).
 * @param metadata - fields by `Family.key` (values numbers or single-line strings).
 * @param options - {@link WriteXdiOptions}.
 * @returns the path written.
 * @throws Error for a field name not of the form Family.key, a column name with spaces, columns of unequal length, non-finite or non-increasing energies, or multi-line values.
 * @example
 * writeXdi("ru-foil.xdi", { columns: { energy, i0, itrans }, units: { energy: "eV" } },
 *   { "Element.symbol": "Ru", "Element.edge": "K", "Mono.d_spacing": 3.13555, "Facility.name": "simulated" });
 */
export function writeXdi(path: string, data: Spectrum | XdiColumns, metadata: Readonly<Record<string, string | number>> = {}, options: WriteXdiOptions = {}): string {
  const fn = "writeXdi";
  checkOptions(fn, options, ["comments", "digits", "muName"]);
  if (typeof path !== "string" || path === "") throw new TypeError(`${fn}: path must be a file name, got ${describe(path)}`);
  const digits = options.digits ?? 10;
  if (!(Number.isInteger(digits) && digits >= 3 && digits <= 17)) throw new RangeError(`${fn}: option digits must be an integer 3…17, got ${describe(digits)}`);
  let cols: Record<string, ArrayLike<number>>;
  let units: Record<string, string>;
  if (data && typeof data === "object" && "energies" in data && "values" in data) {
    cols = { energy: data.energies, [options.muName ?? "mutrans"]: data.values };
    units = { energy: "eV" };
  } else if (data && typeof data === "object" && "columns" in data) {
    cols = data.columns;
    units = data.units ?? {};
  } else throw new TypeError(`${fn}: data must be a Spectrum or { columns, units }, got ${describe(data)}`);
  const names = Object.keys(cols);
  if (names.length < 2) throw new RangeError(`${fn}: need at least 2 columns (energy and a signal), got ${names.length}`);
  const n = cols[names[0]].length;
  for (const name of names) {
    if (!NAME.test(name)) throw new RangeError(`${fn}: column name ${JSON.stringify(name)} must be one word (letters, digits, _ . -)`);
    if (cols[name].length !== n) throw new RangeError(`${fn}: column "${name}" has ${cols[name].length} values, "${names[0]}" ${n}; expected the same`);
    for (let i = 0; i < n; i++) if (!Number.isFinite(cols[name][i])) throw new RangeError(`${fn}: column "${name}" row ${i} is ${cols[name][i]}; expected finite values`);
  }
  const e = cols[names[0]];
  for (let i = 1; i < n; i++) if (!(e[i] > e[i - 1])) throw new RangeError(`${fn}: the energy column "${names[0]}" must increase strictly; row ${i - 1} = ${e[i - 1]}, row ${i} = ${e[i]}`);
  const lines: string[] = ["# XDI/1.0 edgeworks/0.1"];
  names.forEach((name, i) => lines.push(`# Column.${i + 1}: ${name}${units[name] ? ` ${units[name]}` : i === 0 ? " eV" : ""}`));
  for (const [key, value] of Object.entries(metadata)) {
    if (!FIELD.test(key)) throw new RangeError(`${fn}: metadata key ${JSON.stringify(key)} must be Family.key (e.g. "Element.symbol")`);
    if (/^column\./i.test(key)) throw new RangeError(`${fn}: metadata key "${key}": columns are named by the data`);
    const text = typeof value === "number" ? String(value) : value;
    if (typeof text !== "string" || /[\r\n]/.test(text)) throw new RangeError(`${fn}: metadata "${key}" must be a number or a single-line string`);
    lines.push(`# ${key}: ${text}`);
  }
  lines.push("# ///");
  for (const c of options.comments ?? []) lines.push(`# ${String(c).replace(/[\r\n]+/g, " ")}`);
  lines.push("#----");
  lines.push(`# ${names.join(" ")}`);
  const fmt = (x: number): string => { const s = x.toPrecision(digits); return s.includes("e") ? s : String(Number(s)); };
  for (let i = 0; i < n; i++) lines.push(names.map((name) => fmt(cols[name][i])).join(" "));
  mkdirSync(dirname(path) || ".", { recursive: true });
  writeFileSync(path, lines.join("\n") + "\n");
  return path;
}
