/**
 * SDF `.xim` image files: ASCII, one text line per Q (y, slow) position, tab-separated
 * values per P (x, fast) position, usually a trailing tab before the CRLF line end.
 *
 * @module
 */
import { StxmFileError, checkOptions } from "./errors";
import { DECIMAL_NUMBER, fastDecimal, withoutByteOrderMark } from "./textValues";

/** Options of {@link parseXim}. */
export interface XimOptions {
  /** File name for error messages (default "image.xim"). */
  name?: string;
  /** Expected number of columns (values per line), e.g. from the header's PAxis; checked when given. */
  nCols?: number;
  /** Expected number of rows (lines), e.g. from the header's QAxis; checked when given. */
  nRows?: number;
  /** Header field named in size errors (default "header"). */
  sizeField?: string;
  /** What the expected number of lines counts, for messages (default `QAxis points in <sizeField>`). */
  rowsWhat?: string;
  /**
   * Only keep rows `[start, end)` (0-based line numbers); default all. The whole file is still
   * checked (line count, values per line, complete last line); only the kept part is converted.
   */
  rows?: readonly [number, number];
  /** Only keep columns `[start, end)` (0-based value positions in a line); default all. */
  columns?: readonly [number, number];
}

/**
 * A parsed `.xim`: values row-major, shape `[nRows, nCols]`, index `row * nCols + col`.
 * With the `rows` / `columns` options, the kept block only (its shape in `nRows`, `nCols`).
 */
export interface XimImage {
  /** Values, length `nRows * nCols`. */
  readonly data: Float64Array;
  /** Number of text lines (Q / y positions) kept. */
  readonly nRows: number;
  /** Values per line (P / x positions) kept. */
  readonly nCols: number;
}

/** Value separators: tab, space, comma, carriage return (runs of them count as one). */
function isSeparator(ch: number): boolean {
  return ch === 9 || ch === 32 || ch === 44 || ch === 13;
}

/**
 * Count the values of the line `body[a, b)`, converting those at positions `[c0, c1)` into
 * `out[off + position - c0]` (none when `out` is null); `r` is the 0-based line number, for
 * messages. With `stop`, the scan ends after that many values (the count returned is then at
 * most `stop`). @internal (also used by the line-indexed reads of ximLines.ts)
 */
export function scanXimLine(body: string, a: number, b: number, out: Float32Array | Float64Array | null, off: number, c0: number, c1: number, file: string, r: number, stop = Infinity): number {
  let count = 0;
  let i = a;
  while (i < b && count < stop) {
    if (isSeparator(body.charCodeAt(i))) {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < b && !isSeparator(body.charCodeAt(j))) j++;
    if (out !== null && count >= c0 && count < c1) out[off + count - c0] = fastDecimal(body, i, j) ?? parseXimValue(body.slice(i, j), file, r, count);
    count++;
    i = j;
  }
  return count;
}

/** Parse one value token: a decimal number, or nan / inf / -inf in any case. @internal */
export function parseXimValue(s: string, file: string, r: number, c: number): number {
  if (DECIMAL_NUMBER.test(s)) return Number(s);
  const w = s.toLowerCase();
  if (/^[+-]?nan$/.test(w)) return NaN;
  if (/^\+?inf(inity)?$/.test(w)) return Infinity;
  if (/^-inf(inity)?$/.test(w)) return -Infinity;
  throw new StxmFileError(file, `line ${r + 1}, column ${c + 1}`, `expected a number, got "${s}"`);
}

/** Check a `[start, end)` option against a size. */
function checkRange(range: readonly [number, number] | undefined, size: number, option: string, file: string): [number, number] {
  if (range === undefined) return [0, size];
  if (!Array.isArray(range) || range.length !== 2 || !range.every((v) => Number.isInteger(v)) || range[0] < 0 || range[1] > size || range[0] >= range[1]) {
    throw new RangeError(`parseXim (${file}): option ${option} must be [start, end) with 0 <= start < end <= ${size}, got ${JSON.stringify(range)}`);
  }
  return [range[0], range[1]];
}

/**
 * Parse the text of a `.xim` image.
 *
 * The text must end with a separator or line end after its last value (as every writer does):
 * a file cut inside its last number would otherwise read as a different number. A UTF-8
 * byte-order mark at the start is skipped.
 *
 * @param text the file contents.
 * @param options `{ name, nCols, nRows, sizeField, rowsWhat, rows, columns }`; when the sizes are given, a
 *   shorter or longer file (truncated, or from another scan) is refused.
 * @returns the image (or the kept block), shape `[nRows, nCols]`.
 * @throws StxmFileError e.g. `a_a003.xim: line 57: expected 120 values (PAxis points in a.hdr), got 31`.
 * @throws RangeError for a `rows` / `columns` option outside the image.
 * @example
 * parseXim("1\t2\t3\t\r\n4\t5\t6\t\r\n").data; // Float64Array [1, 2, 3, 4, 5, 6]
 * parseXim("1\t2\t3\t\r\n4\t5\t6\t\r\n", { rows: [1, 2], columns: [0, 2] }).data; // [4, 5]
 */
export function parseXim(text: string, options: XimOptions = {}): XimImage {
  checkOptions("parseXim", options, ["name", "nCols", "nRows", "sizeField", "rowsWhat", "rows", "columns"]);
  const file = options.name ?? "image.xim";
  const field = options.sizeField ?? "header";
  if (typeof text !== "string") throw new TypeError(`parseXim (${file}): expected the file text as a string, got ${typeof text}`);
  const body = withoutByteOrderMark(text);
  // Line boundaries, without the blank lines at the end.
  const starts: number[] = [];
  const ends: number[] = [];
  for (let p = 0; ; ) {
    const nl = body.indexOf("\n", p);
    starts.push(p);
    ends.push(nl < 0 ? body.length : nl);
    if (nl < 0) break;
    p = nl + 1;
  }
  while (starts.length > 0 && body.slice(starts[starts.length - 1], ends[ends.length - 1]).trim() === "") {
    starts.pop();
    ends.pop();
  }
  const nRows = starts.length;
  if (nRows === 0) throw new StxmFileError(file, "contents", "expected at least one line of numbers, got an empty file");
  if (options.nRows !== undefined && nRows !== options.nRows) {
    const what = nRows < options.nRows ? " (truncated file?)" : "";
    throw new StxmFileError(file, "number of lines", `expected ${options.nRows} lines (${options.rowsWhat ?? `QAxis points in ${field}`}), got ${nRows}${what}`);
  }
  const [r0, r1] = checkRange(options.rows, nRows, "rows", file);
  const nCols = scanXimLine(body, starts[0], ends[0], null, 0, 0, 0, file, 0);
  if (options.nCols !== undefined && nCols !== options.nCols) {
    throw new StxmFileError(file, "line 1", `expected ${options.nCols} values (PAxis points in ${field}), got ${nCols}`);
  }
  if (nCols === 0) throw new StxmFileError(file, "line 1", "expected numbers, got an empty line");
  const [c0, c1] = checkRange(options.columns, nCols, "columns", file);
  const data = new Float64Array((r1 - r0) * (c1 - c0));
  const countError = (r: number, count: number): StxmFileError => {
    const want = options.nCols !== undefined ? `${nCols} values (PAxis points in ${field})` : `${nCols} values like line 1`;
    return new StxmFileError(file, `line ${r + 1}`, `expected ${want}, got ${count}${count < nCols && r === nRows - 1 ? " (truncated file?)" : ""}`);
  };
  for (let r = 0; r < nRows; r++) {
    const inBand = r >= r0 && r < r1;
    let count: number;
    try {
      count = scanXimLine(body, starts[r], ends[r], inBand ? data : null, (r - r0) * (c1 - c0), c0, c1, file, r);
    } catch (e) {
      // A line with both a bad value and a wrong number of values: the count is the likelier fault.
      const n = scanXimLine(body, starts[r], ends[r], null, 0, 0, 0, file, r);
      throw n !== nCols ? countError(r, n) : e;
    }
    if (count !== nCols) throw countError(r, count);
  }
  // A number cut short at the end of the file still parses: require the separator that ends it.
  const last = body.charCodeAt(body.length - 1);
  if (!(last === 9 || last === 10 || last === 13 || last === 32 || last === 44)) {
    throw new StxmFileError(file, `line ${nRows}`, "expected a tab or line end after the last value, got the end of the file in the middle of a value (truncated file?)");
  }
  return { data, nRows: r1 - r0, nCols: c1 - c0 };
}

/**
 * Format an image as `.xim` text (tab-separated, trailing tab, CRLF), one line per row.
 * Numbers are written with full round-trip precision (integers as integers).
 *
 * @param data values row-major, length `nRows * nCols`.
 * @returns the file text.
 * @example
 * formatXim(new Float64Array([1, 2, 3, 4]), 2, 2); // "1\t2\t\r\n3\t4\t\r\n"
 */
export function formatXim(data: ArrayLike<number>, nRows: number, nCols: number): string {
  if (data.length !== nRows * nCols) {
    throw new RangeError(`formatXim: data has length ${data.length}, expected nRows × nCols = ${nRows * nCols}`);
  }
  const out: string[] = new Array(nRows);
  for (let r = 0; r < nRows; r++) {
    let line = "";
    for (let c = 0; c < nCols; c++) {
      const v = data[r * nCols + c];
      line += (Number.isNaN(v) ? "nan" : v === Infinity ? "inf" : v === -Infinity ? "-inf" : String(v)) + "\t";
    }
    out[r] = line + "\r\n";
  }
  return out.join("");
}
