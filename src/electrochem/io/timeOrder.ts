/**
 * The check that a cycler record's time never runs backwards.
 * @module
 */
import { CyclerFileError } from "./cyclerFileError";

/**
 * Check that `time` is finite and non-decreasing. A cycler writes rows in the order it measured
 * them, so time that runs backwards means a file made of several runs, a clock reset or a
 * damaged file; sorting would reorder cycles silently and integrating current over it would give
 * wrong capacities. So by default this throws, naming the first row where time decreases;
 * with `allow` the rows are kept as written and a warning says where and how often.
 *
 * @param time times, s.
 * @param file file name for messages.
 * @param where the location of row `i` in the file (e.g. `line 60`, `row 12 (byte 4096)`).
 * @param allow keep unsorted time and warn instead of throwing.
 * @param warnings the list a warning is appended to.
 * @throws CyclerFileError for NaN/Infinity time, or decreasing time unless `allow`.
 * @example
 * checkTimeOrder(new Float64Array([0, 1, 2]), "a.mpt", (i) => `line ${i + 2}`, false, []);
 */
export function checkTimeOrder(time: Float64Array, file: string, where: (row: number) => string, allow: boolean, warnings: string[]): void {
  let first = -1;
  let count = 0;
  for (let i = 0; i < time.length; i++) {
    const t = time[i];
    if (!Number.isFinite(t)) throw new CyclerFileError(file, `${where(i)}, time`, `expected a finite time, got ${t}`);
    if (i > 0 && t < time[i - 1]) {
      if (first < 0) first = i;
      count++;
    }
  }
  if (first < 0) return;
  const what = `time decreases from ${time[first - 1]} s to ${time[first]} s at ${where(first)}`;
  if (!allow) {
    throw new CyclerFileError(
      file,
      `${where(first)}, time`,
      `expected non-decreasing time, but ${what} (${count} decrease${count === 1 ? "" : "s"} in all); ` +
        `the file may join several runs — pass { allowUnsortedTime: true } to keep the rows as written`,
    );
  }
  warnings.push(`Time is not sorted: ${what} (${count} decrease${count === 1 ? "" : "s"} in all); rows kept in file order.`);
}
