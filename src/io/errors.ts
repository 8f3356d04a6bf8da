/**
 * Shared checks for the STXM file readers: option validation, size limits before
 * allocation, and error messages that name the file, the field and what was expected.
 *
 * @module
 */

/**
 * Default upper bound on the number of values a reader allocates (2^31); readers refuse
 * files whose header claims more, before allocating (option `maxValues` to raise it).
 * @example
 * readSdf("huge.hdr", { maxValues: 4 * DEFAULT_MAX_VALUES });
 */
export const DEFAULT_MAX_VALUES: number = 2 ** 31;

/**
 * An error raised for a bad input file. The message always reads
 * `<file>: <field>: expected <what>, got <what>` (or `<file>: <field>: <text>`).
 * @example
 * try { readSdf("a.hdr"); } catch (e) { if (e instanceof StxmFileError) console.log(e.file, e.field); }
 */
export class StxmFileError extends Error {
  /** The file (name or path) that is at fault. */
  readonly file: string;
  /** The field, record or location inside the file. */
  readonly field: string;
  constructor(file: string, field: string, message: string) {
    super(`${file}: ${field}: ${message}`);
    this.name = "StxmFileError";
    this.file = file;
    this.field = field;
  }
}

/** @internal Throw a {@link StxmFileError} saying what was expected and what was found. */
export function fail(file: string, field: string, expected: string, got: string): never {
  throw new StxmFileError(file, field, `expected ${expected}, got ${got}`);
}

export { checkOptions } from "../util/checkOptions";


/**
 * @internal
 * Refuse to allocate an absurd number of values, before any allocation happens.
 * @param dims the claimed dimensions, e.g. `[nE, ny, nx]`.
 */
export function checkSize(file: string, field: string, dims: readonly number[], maxValues: number): number {
  for (const d of dims) {
    if (!Number.isSafeInteger(d) || d < 0) {
      fail(file, field, "non-negative integer dimensions", `[${dims.join(", ")}]`);
    }
  }
  const total = dims.reduce((a, b) => a * b, 1);
  if (total > maxValues) {
    throw new StxmFileError(
      file,
      field,
      `claims ${dims.join(" × ")} = ${total} values; refusing to allocate more than ${maxValues} values ` +
        `(raise the maxValues option if the file is really that large)`,
    );
  }
  return total;
}

/** @internal Count NaN and ±Infinity values. */
export function countNonFinite(a: ArrayLike<number>): number {
  let n = 0;
  for (let i = 0; i < a.length; i++) {
    const v = a[i];
    if (v - v !== 0) n++;
  }
  return n;
}

/**
 * @internal
 * Apply the `rejectNonFinite` policy: return the count of NaN/Inf values, or throw when
 * `reject` is true and there are some.
 */
export function nonFinitePolicy(file: string, field: string, a: ArrayLike<number>, reject: boolean): number {
  const n = countNonFinite(a);
  if (n > 0 && reject) {
    throw new StxmFileError(file, field, `expected finite numbers, got ${n} NaN/Infinity value${n === 1 ? "" : "s"} (of ${a.length})`);
  }
  return n;
}

/** @internal The last path component, for error messages and default names. */
export function baseName(p: string): string {
  const i = Math.max(p.lastIndexOf("/"), p.lastIndexOf("\\"));
  return i >= 0 ? p.slice(i + 1) : p;
}
