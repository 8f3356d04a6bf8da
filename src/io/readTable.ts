/**
 * Tab- or comma-separated tables of numbers as published (e.g. Rietveld results), with values
 * written as `value(uncertainty)` in the last digits, e.g. `0.0257(8)` = 0.0257 ± 0.0008.
 * @module
 */
import { readFileSync } from "node:fs";

/** A number with its standard uncertainty (NaN when none was given). */
export interface UncertainValue {
  value: number;
  uncertainty: number;
}

/**
 * Parse `1.234(5)` → { value: 1.234, uncertainty: 0.005 }; `109.267(1)` → ± 0.001; `12(3)` → ± 3;
 * a plain number gets uncertainty NaN.
 * @throws Error naming the text when it is not a number.
 * @example
 * parseUncertain("0.0257(8)"); // { value: 0.0257, uncertainty: 0.0008 }
 */
export function parseUncertain(text: string): UncertainValue {
  const m = /^\s*([-+]?\d*\.?\d+(?:[eE][-+]?\d+)?)(?:\((\d+)\))?\s*$/.exec(text);
  if (!m) throw new Error(`parseUncertain: expected a number like 1.234 or 1.234(5), got ${JSON.stringify(text)}`);
  const value = Number(m[1]);
  if (m[2] === undefined) return { value, uncertainty: NaN };
  const mantissa = m[1].replace(/[eE].*$/, "");
  const decimals = mantissa.includes(".") ? mantissa.length - mantissa.indexOf(".") - 1 : 0;
  const exp = /[eE]([-+]?\d+)$/.exec(m[1]);
  // Built from the digits as text, so 8 × 10⁻⁴ is exactly the double nearest 0.0008.
  return { value, uncertainty: Number(`${m[2]}e${-decimals + (exp ? Number(exp[1]) : 0)}`) };
}

/** A parsed table: column names and rows of cells (strings as in the file). */
export interface TextTable {
  columns: string[];
  rows: Record<string, string>[];
}

/**
 * Parse a delimited table with one header row (tab by default; lines starting with `#` and
 * blank lines are skipped).
 * @param name - used in error messages (file name).
 * @throws Error naming the line whose cell count differs from the header.
 * @example
 * const t = parseTable("a\tb\n1\t2(1)\n"); t.rows[0].b; // "2(1)"
 */
export function parseTable(text: string, options: { delimiter?: string; name?: string } = {}): TextTable {
  const delimiter = options.delimiter ?? "\t";
  const name = options.name ?? "table";
  const lines = text.split(/\r?\n/).map((l, i) => ({ l, n: i + 1 })).filter(({ l }) => l.trim() !== "" && !l.startsWith("#"));
  if (lines.length === 0) throw new Error(`${name}: no header row`);
  const columns = lines[0].l.split(delimiter).map((c) => c.trim());
  const rows = lines.slice(1).map(({ l, n }) => {
    const cells = l.split(delimiter).map((c) => c.trim());
    if (cells.length !== columns.length) throw new Error(`${name}: line ${n} has ${cells.length} cells, expected ${columns.length} (the header's)`);
    return Object.fromEntries(columns.map((c, i) => [c, cells[i]]));
  });
  return { columns, rows };
}

/** Read a table file (see {@link parseTable}); `.csv` files default to a comma delimiter. */
export function readTable(path: string, options: { delimiter?: string } = {}): TextTable {
  return parseTable(readFileSync(path, "utf8"), { delimiter: options.delimiter ?? (path.endsWith(".csv") ? "," : "\t"), name: path });
}
