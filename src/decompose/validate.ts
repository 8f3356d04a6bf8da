/**
 * Entry-point checks shared by the decomposition functions (internal; not re-exported).
 * Every error names the function, the parameter, what was given and what was expected.
 * @module
 */

export { checkOptions } from "../util/checkOptions";


/** Throw unless `v` is an integer in [min, max]. */
export function checkInt(fn: string, name: string, v: unknown, min: number, max = Number.MAX_SAFE_INTEGER): number {
  if (typeof v !== "number" || !Number.isInteger(v) || v < min || v > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `≥ ${min}` : `in [${min}, ${max}]`;
    throw new RangeError(`${fn}: ${name} must be an integer ${range}, got ${String(v)}`);
  }
  return v;
}

/** Throw unless `v` is a finite number (optionally > 0 or ≥ 0). */
export function checkNumber(fn: string, name: string, v: unknown, sign: "any" | "positive" | "nonnegative" = "any"): number {
  if (typeof v !== "number" || !Number.isFinite(v) || (sign === "positive" && !(v > 0)) || (sign === "nonnegative" && !(v >= 0))) {
    const what = sign === "any" ? "a finite number" : sign === "positive" ? "a finite number > 0" : "a finite number ≥ 0";
    throw new RangeError(`${fn}: ${name} must be ${what}, got ${String(v)}`);
  }
  return v;
}

/**
 * Largest magnitude accepted in data arrays: 1e100, so that squares (1e200) and sums of squares
 * over up to 1e100 entries stay finite in float64. Finite values beyond it (e.g. 1e200, whose
 * square overflows to Infinity) would otherwise turn into NaN scores and Infinite residuals.
 */
export const MAX_ABS = 1e100;

/** " (row r, column c)" for index i of a row-major matrix with nCols columns, or "". */
function rowCol(i: number, nCols?: number): string {
  return nCols === undefined || nCols < 1 ? "" : ` (row ${Math.floor(i / nCols)}, column ${i % nCols})`;
}

/**
 * Throw unless `a` is a Float64Array of the given length with finite entries of magnitude
 * ≤ {@link MAX_ABS} (and ≥ 0 if asked); the message names the index (and the row and column when
 * `nCols` is given) and the value.
 * With `values: false` only the type and length are checked (for callers that detect NaN/Inf for
 * free in their own pass and then call {@link checkFinite}).
 */
export function checkArray(fn: string, name: string, a: unknown, length: number, shape: string, nonNegative = false, values = true, nCols?: number): Float64Array {
  if (!(a instanceof Float64Array)) {
    const got = a === null ? "null" : typeof a === "object" ? (a as object).constructor?.name ?? "object" : typeof a;
    throw new TypeError(`${fn}: ${name} must be a Float64Array of shape ${shape}, got ${got}`);
  }
  if (a.length !== length) {
    throw new RangeError(`${fn}: ${name} has length ${a.length}, expected ${length} (shape ${shape})`);
  }
  if (!values) return a;
  // fast pass (one comparison pair per entry, false for NaN, ±Infinity and, if asked, negatives); details below
  const lo = nonNegative ? 0 : -MAX_ABS, hi = MAX_ABS;
  let i0 = 0;
  while (i0 < a.length) {
    const v = a[i0];
    if (!(v >= lo && v <= hi)) break;
    i0++;
  }
  for (let i = i0; i < a.length; i++) {
    const v = a[i];
    if (!Number.isFinite(v)) {
      throw new RangeError(`${fn}: ${name} contains ${String(v)} at index ${i}${rowCol(i, nCols)}; expected finite values (mask or drop those pixels first)`);
    }
    if (nonNegative && v < 0) {
      throw new RangeError(`${fn}: ${name} contains the negative value ${v} at index ${i}${rowCol(i, nCols)}; expected values ≥ 0 (clip negatives first, e.g. with Math.max(0, v))`);
    }
    if (Math.abs(v) > MAX_ABS) {
      throw new RangeError(`${fn}: ${name} contains ${v} at index ${i}${rowCol(i, nCols)}; expected |values| ≤ ${MAX_ABS} (its square overflows or nearly overflows float64) — rescale the data first`);
    }
  }
  return a;
}

/** Check a row-major matrix and its shape (and its values unless `values` is false). */
export function checkMatrix(fn: string, name: string, X: unknown, nRows: unknown, nCols: unknown, nonNegative = false, values = true): void {
  checkInt(fn, "nRows", nRows, 1);
  checkInt(fn, "nCols", nCols, 1);
  checkArray(fn, name, X, (nRows as number) * (nCols as number), `[nRows=${nRows}, nCols=${nCols}]`, nonNegative, values, nCols as number);
}

/**
 * For callers that skipped the value check: if `derived` (e.g. column means, a Gram matrix or
 * ‖x‖² computed in their main pass) is not finite or beyond {@link MAX_ABS} (the trace of a
 * value beyond MAX_ABS; legitimate data never come near), scan `X` and throw the usual error
 * (naming the row and column when `nCols` is given); nothing is thrown if every entry is fine.
 */
export function checkFinite(fn: string, name: string, X: Float64Array, derived: ArrayLike<number>, nCols?: number): void {
  for (let i = 0; i < derived.length; i++) {
    if (!(Math.abs(derived[i]) <= MAX_ABS)) {
      checkArray(fn, name, X, X.length, `[${X.length}]`, false, true, nCols);
      return;
    }
  }
}

/** Throw unless `v` is one of `values`. */
export function checkEnum<T extends string>(fn: string, name: string, v: unknown, values: readonly T[]): T {
  if (typeof v !== "string" || !(values as readonly string[]).includes(v)) {
    throw new RangeError(`${fn}: ${name} must be one of ${values.map((s) => `"${s}"`).join(", ")}, got ${JSON.stringify(v)}`);
  }
  return v as T;
}

/** Throw unless `v` is a boolean. */
export function checkBool(fn: string, name: string, v: unknown): boolean {
  if (typeof v !== "boolean") throw new TypeError(`${fn}: ${name} must be true or false, got ${String(v)}`);
  return v;
}
