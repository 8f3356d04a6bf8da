/**
 * Tables of refinement results (value(esd) columns) as arquero tables with a value and an esd
 * column per quantity: `a` and `a_esd`.
 * @module
 */
import * as aq from "arquero";
import { readRegularFile } from "../io/readRegularFile";
import { checkOptions } from "../util/checkOptions";
import { parseValueEsd } from "./parseValueEsd";

/** An arquero table (the type of `aq.table(…)`). */
export type ArqueroTable = ReturnType<typeof aq.table>;

/** A table of results read by {@link parseResultTable} / {@link readResultTable}. */
export interface ResultTable {
  /**
   * The rows: a text column per text column of the file; per numeric column `name` (value) and,
   * when any of its cells has an esd in parentheses, `name_esd` (NaN where none was printed).
   */
  table: ArqueroTable;
  /** Unit per column name, taken from headers like `a (Å)` (the column is then named `a`). */
  units: Record<string, string>;
  /** Columns that had esds, in file order (each has a `_esd` partner). */
  measured: string[];
  /** The `#` comment lines of the file, without the `#` (the citation of a published table). */
  comments: string[];
  /** The file name or the `name` option. */
  source: string;
}

/** Options of {@link parseResultTable} and {@link readResultTable}. */
export interface ResultTableOptions {
  /** Cell delimiter. @default tab; `,` for a `.csv` path */
  delimiter?: string;
  /** Name of the text in messages. @default "table" (the path for {@link readResultTable}) */
  name?: string;
  /** Columns to keep as text even if they look numeric (e.g. a sample number). */
  text?: readonly string[];
  /** Divide values written with `%` by 100. @default false */
  percentAsFraction?: boolean;
}

const OPTIONS = ["delimiter", "name", "text", "percentAsFraction"] as const;

/** Units recognised in a header's trailing parentheses, `a (Å)` → column `a`, unit `Å`. */
const UNIT = /^(.*\S)\s*\((Å|Å²|Å³|Å\^2|Å\^3|°|deg|%|mol ?%|wt ?%|mAh\/g|V|nm|eV|K|g\/cm³)\)$/;

/** A cell that starts like a number: its column is numeric, and every cell of it must then parse. */
const NUMERIC = /^[+\-\u2212]?(\d|\.\d)/;

/**
 * Parse a delimited table of values with esds, such as a Rietveld-results table typed from a
 * paper (`4.9554(1)`, `0.0257(8)`, `1.92`). One header row; lines starting with `#` are kept as
 * comments; blank lines are skipped. A column with any cell that starts like a number is numeric (name text columns such as sample numbers in `text`) and every
 * one of its cells must then parse (a malformed cell is an error naming the line and column, never
 * turned into text; `NA` marks a value that was not given and reads as NaN); a column with any esd in parentheses becomes two columns, `name` and
 * `name_esd`; other columns stay text. A header `a (Å)` gives the column `a` with unit `Å`.
 *
 * @param text - the table text.
 * @param options - {@link ResultTableOptions}.
 * @returns a {@link ResultTable}: the arquero table, the units, the measured columns, the comments.
 * @throws Error naming the table, line and column: a wrong cell count, a malformed value(esd),
 *   an empty cell in a numeric column, a duplicate column name, no header.
 * @example
 * const r = parseResultTable("sample\ta (Å)\tR_wp (%)\nPristine\t4.9554(1)\t1.92\n");
 * r.table.columnNames(); // ["sample", "a", "a_esd", "R_wp"]
 * r.table.get("a_esd", 0); // 0.0001
 */
export function parseResultTable(text: string, options: ResultTableOptions = {}): ResultTable {
  checkOptions("parseResultTable", options, OPTIONS);
  const name = options.name ?? "table";
  const delimiter = options.delimiter ?? "\t";
  const keepText = new Set(options.text ?? []);
  const comments: string[] = [];
  const lines: { cells: string[]; line: number }[] = [];
  text.replace(/^\uFEFF/, "").split(/\r?\n/).forEach((l, i) => {
    if (l.trim() === "") return;
    if (l.trimStart().startsWith("#")) comments.push(l.trimStart().slice(1).trim());
    else lines.push({ cells: l.split(delimiter).map((c) => c.trim()), line: i + 1 });
  });
  if (lines.length === 0) throw new Error(`${name}: no header row (every line is blank or a # comment)`);
  const header = lines[0].cells;
  const units: Record<string, string> = {};
  const names = header.map((h, j) => {
    if (h === "") throw new Error(`${name}: line ${lines[0].line}: column ${j + 1} has an empty header`);
    const m = UNIT.exec(h);
    if (m) units[m[1]] = m[2];
    return m ? m[1] : h;
  });
  const seen = new Set<string>();
  for (const n of names) {
    if (seen.has(n) || seen.has(n.replace(/_esd$/, ""))) throw new Error(`${name}: line ${lines[0].line}: duplicate column "${n}"`);
    seen.add(n);
  }
  for (const t of keepText) if (!names.includes(t)) throw new Error(`${name}: option text names column "${t}", which is not in the header (${names.join(", ")})`);
  const rows = lines.slice(1);
  for (const r of rows) {
    if (r.cells.length !== names.length) throw new Error(`${name}: line ${r.line}: ${r.cells.length} cells, expected ${names.length} (the header's)`);
  }
  const columns: Record<string, unknown[]> = {};
  const measuredCols: string[] = [];
  names.forEach((col, j) => {
    const cells = rows.map((r) => r.cells[j]);
    const numeric = !keepText.has(col) && cells.some((c) => NUMERIC.test(c));
    if (!numeric) {
      columns[col] = cells;
      return;
    }
    const values: number[] = [];
    const esds: number[] = [];
    rows.forEach((r, i) => {
      const where = `${name}: line ${r.line}: column "${header[j]}"`;
      if (cells[i] === "NA") {
        values.push(NaN);
        esds.push(NaN);
        return;
      }
      if (cells[i] === "") throw new Error(`${where}: empty cell in a numeric column; expected a value such as 4.9558(1)`);
      const m = parseValueEsd(cells[i], { where, percentAsFraction: options.percentAsFraction ?? false });
      values.push(m.value);
      esds.push(m.esd);
    });
    columns[col] = values;
    if (cells.some((c) => c.includes("("))) {
      columns[`${col}_esd`] = esds;
      measuredCols.push(col);
    }
  });
  return { table: aq.table(columns), units, measured: measuredCols, comments, source: name };
}

/**
 * Read a TSV (or CSV) file of values with esds: {@link parseResultTable} on the file's text.
 *
 * @param path - the file; `.csv` files default to a comma delimiter.
 * @param options - {@link ResultTableOptions}.
 * @returns a {@link ResultTable}.
 * @throws StxmFileError when the file cannot be read; Error as {@link parseResultTable}, naming the file.
 * @example
 * const s2 = readResultTable(dataFile("gent2017/table-s2-rietveld.tsv"));
 * s2.table.array("TM_Li occupancy"); // [0.0257, 0.0234, …]
 */
export function readResultTable(path: string, options: ResultTableOptions = {}): ResultTable {
  checkOptions("readResultTable", options, OPTIONS);
  const bytes = readRegularFile(path, { field: "result table", maxBytes: 2 ** 28 });
  const text = new TextDecoder("utf-8").decode(bytes);
  return parseResultTable(text, { delimiter: path.toLowerCase().endsWith(".csv") ? "," : "\t", name: path, ...options });
}
