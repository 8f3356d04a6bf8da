/**
 * The matrix every analysis function takes: row-major values that carry their shape, and
 * optionally the names of what their rows and columns index (xarray-style named dimensions).
 *
 * The dimension names are also checked by the compiler: a `Matrix<"pixel", "member">` (per-pixel
 * fractions) cannot be passed where a `Matrix<"pixel", "energy">` (pixel spectra) is expected.
 * A matrix made without names (`{ data, nRows, nCols }`) is accepted everywhere.
 *
 * @module
 */

/**
 * What the rows or columns of a matrix index. The library uses `"pixel"`, `"energy"`,
 * `"component"` (PCA/NMF), `"member"` (end members), `"reference"` (LCF references) and
 * `"spectrum"`; any other name is allowed.
 */
export type Dim = string;

/**
 * A dense row-major matrix: `data[r * nCols + c]`, shape `[nRows, nCols]`.
 *
 * `R` and `C` name the row and column dimensions (e.g. `Matrix<"pixel", "energy">`); `dims`
 * holds the same names at run time when known. Wrapping never copies `data`.
 *
 * @example
 * const X: Matrix<"pixel", "energy"> = matrix(values, 74700, 50, ["pixel", "energy"]);
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export interface Matrix<R extends Dim = any, C extends Dim = any> {
  /** Values, shape `[nRows, nCols]`, index `r * nCols + c`. */
  readonly data: Float64Array;
  /** Number of rows. */
  readonly nRows: number;
  /** Number of columns. */
  readonly nCols: number;
  /** Names of the row and column dimensions, when known. */
  readonly dims?: readonly [R, C];
}

/**
 * Wrap a row-major array as a {@link Matrix} (no copy), checking its length.
 *
 * @param data - values, length `nRows · nCols`.
 * @param nRows - number of rows (≥ 0).
 * @param nCols - number of columns (≥ 1).
 * @param dims - names of the row and column dimensions (optional).
 * @throws RangeError when the sizes are not integers or the length disagrees.
 * @example
 * const X = matrix(new Float64Array(6), 2, 3, ["pixel", "energy"]); // X.data is the same array
 */
export function matrix<R extends Dim = Dim, C extends Dim = Dim>(data: Float64Array, nRows: number, nCols: number, dims?: readonly [R, C]): Matrix<R, C> {
  if (!(data instanceof Float64Array)) throw new TypeError(`matrix: data must be a Float64Array, got ${describe(data)}`);
  if (!Number.isInteger(nRows) || nRows < 0) throw new RangeError(`matrix: nRows must be a non-negative integer, got ${nRows}`);
  if (!Number.isInteger(nCols) || nCols < 1) throw new RangeError(`matrix: nCols must be a positive integer, got ${nCols}`);
  if (data.length !== nRows * nCols) {
    throw new RangeError(`matrix: data has length ${data.length}, expected nRows · nCols = ${nRows} · ${nCols} = ${nRows * nCols}`);
  }
  return dims ? { data, nRows, nCols, dims: [dims[0], dims[1]] } : { data, nRows, nCols };
}

/**
 * Row `r` of a matrix as a view (no copy), length `nCols`.
 * @throws RangeError when `r` is outside `[0, nRows)`.
 * @example
 * const spectrumOfPixel7 = rowOf(table, 7);
 */
export function rowOf(m: Matrix, r: number): Float64Array {
  if (!Number.isInteger(r) || r < 0 || r >= m.nRows) throw new RangeError(`rowOf: row ${r} is outside [0, ${m.nRows})`);
  return m.data.subarray(r * m.nCols, (r + 1) * m.nCols);
}

/**
 * Column `c` of a matrix as a new array, length `nRows` (e.g. one member's fraction per pixel).
 * @throws RangeError when `c` is outside `[0, nCols)`.
 * @example
 * const oxidised = columnOf(fit.fractions, 1); // per pixel
 */
export function columnOf(m: Matrix, c: number): Float64Array {
  if (!Number.isInteger(c) || c < 0 || c >= m.nCols) throw new RangeError(`columnOf: column ${c} is outside [0, ${m.nCols})`);
  const out = new Float64Array(m.nRows);
  for (let r = 0; r < m.nRows; r++) out[r] = m.data[r * m.nCols + c];
  return out;
}

/** @internal A short description of a value for error messages. */
export function describe(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return `an array of length ${v.length}`;
  if (ArrayBuffer.isView(v)) return `${v.constructor.name}(${(v as unknown as ArrayLike<number>).length})`;
  if (typeof v === "object") return `an object with keys ${Object.keys(v as object).slice(0, 6).join(", ") || "(none)"}`;
  return `${typeof v} ${String(v)}`;
}

/**
 * @internal
 * Check that `m` is a {@link Matrix} at a function's entry: a Float64Array `data` whose length is
 * `nRows · nCols`, with at least `minRows` rows; `name` is the argument's name in messages.
 */
export function checkMatrixArg(fn: string, name: string, m: unknown, minRows = 1): Matrix {
  if (m == null || typeof m !== "object" || ArrayBuffer.isView(m) || Array.isArray(m)) {
    throw new TypeError(`${fn}: ${name} must be a matrix { data: Float64Array, nRows, nCols } (e.g. a PixelTable or Spectra), got ${describe(m)}` +
      (ArrayBuffer.isView(m) ? `; wrap a flat array with matrix(data, nRows, nCols)` : ""));
  }
  const { data, nRows, nCols } = m as Matrix;
  if (!(data instanceof Float64Array)) throw new TypeError(`${fn}: ${name}.data must be a Float64Array, got ${describe(data)}`);
  if (!Number.isInteger(nRows) || nRows < minRows) throw new RangeError(`${fn}: ${name}.nRows must be an integer ≥ ${minRows}, got ${nRows}`);
  if (!Number.isInteger(nCols) || nCols < 1) throw new RangeError(`${fn}: ${name}.nCols must be a positive integer, got ${nCols}`);
  if (data.length !== nRows * nCols) {
    throw new RangeError(`${fn}: ${name}.data has length ${data.length}, expected nRows · nCols = ${nRows} · ${nCols} = ${nRows * nCols}`);
  }
  return m as Matrix;
}
