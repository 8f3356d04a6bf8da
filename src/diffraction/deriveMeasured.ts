/**
 * Derived columns with propagated esds on result tables (`a`, `a_esd` pairs).
 * @module
 */
import * as aq from "arquero";
import type { Measured } from "./measured";
import type { ArqueroTable } from "./resultTable";

/** @internal Throw unless `table` has the column. */
function need(fn: string, table: ArqueroTable, name: string): void {
  if (!table || typeof table.columnNames !== "function") throw new TypeError(`${fn}: expected an arquero table, got ${table === null ? "null" : typeof table}`);
  if (!table.columnNames().includes(name)) throw new Error(`${fn}: no column "${name}"; the table has ${table.columnNames().join(", ")}`);
}

/**
 * The values of column `name` with their esds (from `name_esd`; NaN when there is no such column).
 *
 * @param table - an arquero table with `name` (numbers) and optionally `name_esd`.
 * @param name - the column.
 * @returns one {@link Measured} per row.
 * @throws Error naming the column when it is missing or holds non-numbers.
 * @example
 * measuredColumn(s2.table, "TM_Li occupancy")[0]; // { value: 0.0257, esd: 0.0008 }
 */
export function measuredColumn(table: ArqueroTable, name: string): Measured[] {
  need("measuredColumn", table, name);
  const v = table.array(name) as ArrayLike<unknown>;
  const hasEsd = table.columnNames().includes(`${name}_esd`);
  const e = hasEsd ? (table.array(`${name}_esd`) as ArrayLike<unknown>) : undefined;
  return Array.from({ length: v.length }, (_, i) => {
    if (typeof v[i] !== "number") throw new Error(`measuredColumn: column "${name}" row ${i} is ${JSON.stringify(v[i])}, expected a number`);
    return { value: v[i] as number, esd: e ? Number(e[i]) : NaN };
  });
}

/**
 * A copy of `table` with columns `name` and `name_esd` set from `values` (added at the end, or
 * replaced where they exist).
 *
 * @param values - one {@link Measured} per row.
 * @throws RangeError when the length differs from the row count.
 * @example
 * const t2 = withMeasuredColumn(t, "TM in Li layer (%)", pct);
 */
export function withMeasuredColumn(table: ArqueroTable, name: string, values: readonly Measured[]): ArqueroTable {
  if (!table || typeof table.numRows !== "function") throw new TypeError("withMeasuredColumn: expected an arquero table");
  if (values.length !== table.numRows()) throw new RangeError(`withMeasuredColumn: ${values.length} values for column "${name}", expected ${table.numRows()} (one per row)`);
  return table.assign(aq.table({ [name]: values.map((m) => m.value), [`${name}_esd`]: values.map((m) => m.esd) }));
}

/**
 * Add a column computed row by row from other columns, with its esd propagated: `fn` gets each
 * row with every numeric column as a {@link Measured} (esd from its `_esd` partner, NaN without
 * one) and every text column as a string, and returns a {@link Measured} (use
 * {@link divideMeasured} and friends).
 *
 * @param table - the arquero table (e.g. `readResultTable(…).table`).
 * @param name - the new column (its esd goes to `name_esd`).
 * @param fn - `(row, index) => Measured`.
 * @returns a new table with the two columns added.
 * @throws Error when `fn` returns something other than `{ value, esd }` (naming the row).
 * @example
 * // Gent 2017: percentage of the TM in the Li layer = TM_Li occupancy / 0.83
 * const t = deriveMeasured(s2.table, "TM in Li layer (%)", (r) => scaleMeasured(divideMeasured(r["TM_Li occupancy"] as Measured, 0.83), 100));
 * formatValueEsd(t.get("TM in Li layer (%)", 0), t.get("TM in Li layer (%)_esd", 0)); // "3.10(10)"
 */
export function deriveMeasured(table: ArqueroTable, name: string, fn: (row: Record<string, Measured | string>, index: number) => Measured): ArqueroTable {
  if (!table || typeof table.columnNames !== "function") throw new TypeError("deriveMeasured: expected an arquero table");
  if (typeof fn !== "function") throw new TypeError(`deriveMeasured: fn must be a function (row) => { value, esd }, got ${typeof fn}`);
  const cols = table.columnNames().filter((c) => !(c.endsWith("_esd") && table.columnNames().includes(c.slice(0, -4))));
  const arrays = cols.map((c) => [c, table.array(c) as ArrayLike<unknown>, table.columnNames().includes(`${c}_esd`) ? (table.array(`${c}_esd`) as ArrayLike<unknown>) : undefined] as const);
  const out: Measured[] = [];
  for (let i = 0; i < table.numRows(); i++) {
    const row: Record<string, Measured | string> = {};
    for (const [c, v, e] of arrays) row[c] = typeof v[i] === "number" ? { value: v[i] as number, esd: e ? Number(e[i]) : NaN } : String(v[i]);
    const m = fn(row, i);
    if (m === null || typeof m !== "object" || typeof m.value !== "number" || typeof m.esd !== "number") {
      throw new Error(`deriveMeasured: column "${name}" row ${i}: fn returned ${JSON.stringify(m)}, expected { value, esd }`);
    }
    out.push(m);
  }
  return withMeasuredColumn(table, name, out);
}
