/**
 * Numbers as XAS programs write them in data rows, and the row checks every XAS reader shares:
 * dropping rows with NaN/±Infinity (reported), and the energy order.
 * @module
 */
import { StxmFileError } from "../../io/errors";

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eEdD][+-]?\d+)?$/;
const NOT_FINITE = /^[+-]?(nan|inf|infinity|1\.#inf|1\.#qnan|1\.#ind)$/i;

/**
 * @internal
 * The value of one data token: a decimal number (C or Fortran exponent, `1.0D+03`), or NaN /
 * ±Infinity for the spellings programs write for them (`nan`, `NaN`, `inf`, `-Infinity`);
 * `undefined` for anything else (`STRING`, `1.2.3`, `0x10`).
 */
export function parseNumberToken(token: string): number | undefined {
  if (NUMBER.test(token)) return Number(token.replace(/[dD]/, "e"));
  if (NOT_FINITE.test(token)) {
    const neg = token.startsWith("-");
    return /inf/i.test(token) ? (neg ? -Infinity : Infinity) : NaN;
  }
  return undefined;
}

/** @internal One data row as read: its values and its 1-based line number in the file. */
export interface NumberRow {
  values: number[];
  line: number;
}

/**
 * @internal
 * Columns from rows (all rows the same length `names.length`), dropping rows holding NaN or
 * ±Infinity and saying so in `warnings` (how many, which file lines and data rows, which columns).
 */
export function columnsFromRows(names: readonly string[], rows: readonly NumberRow[], warnings: string[]): { columns: Record<string, Float64Array>; kept: NumberRow[] } {
  const kept: NumberRow[] = [];
  const dropped: { row: number; line: number }[] = [];
  const badColumns = new Set<string>();
  // A column that is NaN in every row (a detector that was not read) does not drop rows.
  const allBad = names.map((_, j) => rows.length > 1 && rows.every((r) => !Number.isFinite(r.values[j])));
  const deadColumns = names.filter((_, j) => allBad[j]);
  if (deadColumns.length > 0) warnings.push(`column${deadColumns.length === 1 ? "" : "s"} ${deadColumns.join(", ")} ${deadColumns.length === 1 ? "is" : "are"} NaN or ±Infinity in every row: kept as ${deadColumns.length === 1 ? "it is" : "they are"} (rows are not dropped for ${deadColumns.length === 1 ? "it" : "them"})`);
  rows.forEach((r, i) => {
    let ok = true;
    r.values.forEach((v, j) => {
      if (!Number.isFinite(v) && !allBad[j]) {
        ok = false;
        badColumns.add(names[j]);
      }
    });
    if (ok) kept.push(r);
    else dropped.push({ row: i + 1, line: r.line });
  });
  if (dropped.length > 0) {
    const first = dropped[0], last = dropped[dropped.length - 1];
    const contiguousToEnd = last.row === rows.length && dropped.length === last.row - first.row + 1;
    warnings.push(
      `dropped ${dropped.length} of ${rows.length} data rows holding NaN or ±Infinity ` +
        `(in column${badColumns.size === 1 ? "" : "s"} ${[...badColumns].join(", ")}), ` +
        (dropped.length === 1 ? `data row ${first.row} (file line ${first.line})` : `data rows ${listRows(dropped.map((d) => d.row))} (file lines ${first.line}–${last.line})`) +
        (contiguousToEnd ? "; the scan looks aborted from there on" : ""),
    );
  }
  const columns: Record<string, Float64Array> = {};
  names.forEach((n, j) => {
    const a = new Float64Array(kept.length);
    for (let i = 0; i < kept.length; i++) a[i] = kept[i].values[j];
    columns[n] = a;
  });
  return { columns, kept };
}

/** @internal "3–7, 12, 15–16" from sorted 1-based row numbers (at most 12 ranges shown). */
export function listRows(rows: readonly number[]): string {
  const ranges: string[] = [];
  let i = 0;
  while (i < rows.length) {
    let j = i;
    while (j + 1 < rows.length && rows[j + 1] === rows[j] + 1) j++;
    ranges.push(i === j ? `${rows[i]}` : `${rows[i]}–${rows[j]}`);
    i = j + 1;
  }
  return ranges.length > 12 ? `${ranges.slice(0, 12).join(", ")}, … (${ranges.length - 12} more ranges)` : ranges.join(", ");
}

/**
 * @internal
 * Throw unless `energy` increases strictly (within each block when `blockStarts` splits the rows,
 * as XDI files with an outer scan do). The error names the file, the column, both rows (data row
 * and file line) and their values.
 */
export function checkIncreasing(file: string, column: string, energy: Float64Array, lines: readonly number[], hint: string, blockStarts: readonly number[] = []): void {
  const starts = new Set(blockStarts);
  for (let i = 1; i < energy.length; i++) {
    if (starts.has(i)) continue;
    if (!(energy[i] > energy[i - 1])) {
      const what = energy[i] === energy[i - 1] ? "repeats" : "decreases";
      throw new StxmFileError(
        file,
        `column "${column}"`,
        `expected energies increasing from row to row, got ${energy[i - 1]} at data row ${i} (line ${lines[i - 1]}) then ${energy[i]} at data row ${i + 1} (line ${lines[i]}): the energy ${what}` +
          `${what === "repeats" && allEqual(energy) ? " (every row has the same energy: a fixed-energy scan, not an energy scan)" : ""}. ${hint}`,
      );
    }
  }
}

function allEqual(a: Float64Array): boolean {
  for (let i = 1; i < a.length; i++) if (a[i] !== a[0]) return false;
  return true;
}
