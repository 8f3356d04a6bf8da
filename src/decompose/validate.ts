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
 * Throw unless `a` is a Float64Array of the given length with finite entries (and ≥ 0 if asked).
 * With `values: false` only the type and length are checked (for callers that detect NaN/Inf for
 * free in their own pass and then call {@link checkFinite}).
 */
export function checkArray(fn: string, name: string, a: unknown, length: number, shape: string, nonNegative = false, values = true): Float64Array {
  if (!(a instanceof Float64Array)) {
    const got = a === null ? "null" : typeof a === "object" ? (a as object).constructor?.name ?? "object" : typeof a;
    throw new TypeError(`${fn}: ${name} must be a Float64Array of shape ${shape}, got ${got}`);
  }
  if (a.length !== length) {
    throw new RangeError(`${fn}: ${name} has length ${a.length}, expected ${length} (shape ${shape})`);
  }
  if (!values) return a;
  // fast pass (one comparison pair per entry, false for NaN, ±Infinity and, if asked, negatives); details below
  const lo = nonNegative ? 0 : -Number.MAX_VALUE, hi = Number.MAX_VALUE;
  let i0 = 0;
  while (i0 < a.length) {
    const v = a[i0];
    if (!(v >= lo && v <= hi)) break;
    i0++;
  }
  for (let i = i0; i < a.length; i++) {
    const v = a[i];
    if (!Number.isFinite(v)) {
      throw new RangeError(`${fn}: ${name} contains ${String(v)} at index ${i}; expected finite values (mask or drop those pixels first)`);
    }
    if (nonNegative && v < 0) {
      throw new RangeError(`${fn}: ${name} contains the negative value ${v} at index ${i}; expected values ≥ 0 (clip negatives first, e.g. with Math.max(0, v))`);
    }
  }
  return a;
}

/** Check a row-major matrix and its shape (and its values unless `values` is false). */
export function checkMatrix(fn: string, name: string, X: unknown, nRows: unknown, nCols: unknown, nonNegative = false, values = true): void {
  checkInt(fn, "nRows", nRows, 1);
  checkInt(fn, "nCols", nCols, 1);
  checkArray(fn, name, X, (nRows as number) * (nCols as number), `[nRows=${nRows}, nCols=${nCols}]`, nonNegative, values);
}

/**
 * For callers that skipped the value check: if `derived` (e.g. column sums or ‖x‖² computed in
 * their main pass) is not all finite, find the offending entry of `X` and throw the usual error.
 */
export function checkFinite(fn: string, name: string, X: Float64Array, derived: ArrayLike<number>): void {
  for (let i = 0; i < derived.length; i++) {
    if (!Number.isFinite(derived[i])) {
      checkArray(fn, name, X, X.length, `[${X.length}]`);
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
