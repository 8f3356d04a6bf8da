/**
 * Result tables back to crystallographers' text: `a` + `a_esd` → `4.9554(1)`.
 * @module
 */
import * as aq from "arquero";
import { checkOptions } from "../util/checkOptions";
import { formatValueEsd } from "./formatValueEsd";
import type { ArqueroTable } from "./resultTable";

/** Options of {@link formatResultTable}. */
export interface FormatResultTableOptions {
  /** Decimal places of numeric columns without esds. @default as stored (shortest round-trip text) */
  digits?: Record<string, number>;
}

/**
 * A copy of a result table for display: every `name` + `name_esd` pair becomes one text column
 * `name` written as `value(esd)` with GSAS-II's rounding ({@link formatValueEsd}; rows whose esd
 * is NaN show the value alone, a NaN value (`NA`) an empty cell); other columns are kept (numbers optionally rounded with `digits`, NaN as null).
 *
 * @param table - an arquero table with `_esd` partner columns.
 * @param options - {@link FormatResultTableOptions}.
 * @returns a new arquero table of the same rows with text columns.
 * @example
 * formatResultTable(s2.table).get("a", 0); // "4.9554(1)"
 */
export function formatResultTable(table: ArqueroTable, options: FormatResultTableOptions = {}): ArqueroTable {
  checkOptions("formatResultTable", options, ["digits"]);
  if (!table || typeof table.columnNames !== "function") throw new TypeError("formatResultTable: expected an arquero table");
  const names = table.columnNames();
  const cols: Record<string, unknown[]> = {};
  for (const c of names) {
    if (c.endsWith("_esd") && names.includes(c.slice(0, -4))) continue;
    const v = Array.from(table.array(c) as ArrayLike<unknown>);
    if (names.includes(`${c}_esd`)) {
      const e = table.array(`${c}_esd`) as ArrayLike<number>;
      cols[c] = v.map((x, i) => (typeof x === "number" && Number.isNaN(x) ? "" : typeof x === "number" && Number.isFinite(x) ? formatValueEsd(x, Number.isNaN(e[i]) ? 0 : e[i], Number.isNaN(e[i]) || e[i] === 0 ? { trimZeros: true } : {}) : String(x)));
    } else {
      const d = options.digits?.[c];
      cols[c] = v.map((x) => (typeof x === "number" && Number.isNaN(x) ? null : d !== undefined && typeof x === "number" ? x.toFixed(d) : x));
    }
  }
  return aq.table(cols);
}
