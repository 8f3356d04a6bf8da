/**
 * Delimited text tables as cyclers export them (tab, comma or semicolon separated; quoted
 * CSV fields; a block of header lines before the column names).
 * @module
 */
import { CyclerFileError } from "./cyclerFileError";

/** A text table: column names, the cells of each row, and where each row is in the file. */
export interface TextTable {
  /** Column names as written (trimmed; surrounding quotes removed). */
  names: string[];
  /** Cells per row, trimmed; `rows[r].length === names.length`. */
  rows: string[][];
  /** 1-based file line of each row. */
  lines: number[];
  /** The separator found. */
  delimiter: string;
  /** Lines before the column names (the export's header block). */
  header: string[];
}

/**
 * Split one line at `d`, honouring double-quoted fields (`"a,b"`, `""` for a quote).
 * @example
 * splitDelimited('1,"a,b",2', ","); // ["1", "a,b", "2"]
 */
export function splitDelimited(line: string, d: string): string[] {
  if (!line.includes('"')) return line.split(d);
  const out: string[] = [];
  let cur = "";
  let q = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (q) {
      if (ch === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (ch === '"') q = false;
      else cur += ch;
    } else if (ch === '"') q = true;
    else if (ch === d) {
      out.push(cur);
      cur = "";
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

/**
 * The separator of a column-name line: tab if present, else semicolon or comma, whichever splits more.
 * @example
 * guessDelimiter("t;U;I"); // ";"
 */
export function guessDelimiter(line: string): string {
  if (line.includes("\t")) return "\t";
  const semi = line.split(";").length;
  const comma = line.split(",").length;
  return semi > comma ? ";" : ",";
}

/**
 * Split text into a {@link TextTable}: lines before `nameLine` (0-based) are the header, line
 * `nameLine` holds the column names, the rest are rows. Blank lines are skipped; a row with a
 * different number of cells is an error naming its line, except a short last row (an export
 * still being written), which is dropped with a warning; trailing empty cells and trailing
 * empty column names (a separator at the end of each line) are ignored.
 *
 * @throws CyclerFileError naming the line.
 * @example
 * parseTextTable("a,b\n1,2\n", "x.csv", 0, undefined, []).rows; // [["1", "2"]]
 */
export function parseTextTable(text: string, file: string, nameLine: number, delimiter: string | undefined, warnings: string[]): TextTable {
  const all = text.split("\n").map((l) => (l.endsWith("\r") ? l.slice(0, -1) : l));
  if (nameLine >= all.length) throw new CyclerFileError(file, `line ${nameLine + 1}`, `expected the column names, but the file has ${all.length} lines`);
  const d = delimiter ?? guessDelimiter(all[nameLine]);
  const names = splitDelimited(all[nameLine], d).map((s) => s.trim());
  while (names.length > 0 && names[names.length - 1] === "") names.pop();
  if (names.length < 2) throw new CyclerFileError(file, `line ${nameLine + 1}`, `expected column names separated by ${JSON.stringify(d)}, got "${all[nameLine].slice(0, 80)}"`);
  const blank = names.indexOf("");
  if (blank >= 0) names[blank] = `column ${blank + 1}`;
  const rows: string[][] = [];
  const lines: number[] = [];
  let last = all.length;
  while (last > nameLine + 1 && all[last - 1].trim() === "") last--;
  for (let i = nameLine + 1; i < last; i++) {
    if (all[i].trim() === "") continue;
    const cells = splitDelimited(all[i], d).map((s) => s.trim());
    while (cells.length > names.length && cells[cells.length - 1] === "") cells.pop();
    if (cells.length !== names.length) {
      if (i === last - 1 && cells.length < names.length) {
        warnings.push(`The last row (line ${i + 1}) has ${cells.length} of ${names.length} cells (an incomplete write); it was dropped.`);
        break;
      }
      throw new CyclerFileError(file, `line ${i + 1}`, `expected ${names.length} cells separated by ${JSON.stringify(d)} (one per column name on line ${nameLine + 1}), got ${cells.length}`);
    }
    rows.push(cells);
    lines.push(i + 1);
  }
  return { names, rows, lines, delimiter: d, header: all.slice(0, nameLine) };
}
