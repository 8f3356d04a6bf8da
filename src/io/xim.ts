/**
 * SDF `.xim` image files: ASCII, one text line per Q (y, slow) position, tab-separated
 * values per P (x, fast) position, usually a trailing tab before the CRLF line end.
 *
 * @module
 */
import { StxmFileError, checkOptions } from "./errors";

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
}

/** A parsed `.xim`: values row-major, shape `[nRows, nCols]`, index `row * nCols + col`. */
export interface XimImage {
  /** Values, length `nRows * nCols`. */
  readonly data: Float64Array;
  /** Number of text lines (Q / y positions). */
  readonly nRows: number;
  /** Values per line (P / x positions). */
  readonly nCols: number;
}

/**
 * Parse the text of a `.xim` image.
 *
 * @param text the file contents.
 * @param options `{ name, nCols, nRows, sizeField }`; when the sizes are given, a shorter or
 *   longer file (truncated, or from another scan) is refused.
 * @returns the image, shape `[nRows, nCols]`.
 * @throws StxmFileError e.g. `a_a003.xim: line 57: expected 120 values (PAxis points in a.hdr), got 31`.
 * @example
 * parseXim("1\t2\t3\t\r\n4\t5\t6\t\r\n").data; // Float64Array [1, 2, 3, 4, 5, 6]
 */
export function parseXim(text: string, options: XimOptions = {}): XimImage {
  checkOptions("parseXim", options, ["name", "nCols", "nRows", "sizeField"]);
  const file = options.name ?? "image.xim";
  const field = options.sizeField ?? "header";
  const lines = text.split("\n");
  while (lines.length > 0 && lines[lines.length - 1].trim() === "") lines.pop();
  const nRows = lines.length;
  if (nRows === 0) throw new StxmFileError(file, "contents", "expected at least one line of numbers, got an empty file");
  if (options.nRows !== undefined && nRows !== options.nRows) {
    const what = nRows < options.nRows ? " (truncated file?)" : "";
    throw new StxmFileError(file, "number of lines", `expected ${options.nRows} lines (QAxis points in ${field}), got ${nRows}${what}`);
  }
  let nCols = -1;
  let data = new Float64Array(0);
  for (let r = 0; r < nRows; r++) {
    const parts = lines[r].split(/[\t ,\r]+/);
    let start = 0;
    let end = parts.length;
    if (end > 0 && parts[0] === "") start = 1;
    if (end > start && parts[end - 1] === "") end--;
    const count = end - start;
    if (nCols < 0) {
      nCols = count;
      if (options.nCols !== undefined && nCols !== options.nCols) {
        throw new StxmFileError(file, `line ${r + 1}`, `expected ${options.nCols} values (PAxis points in ${field}), got ${nCols}`);
      }
      if (nCols === 0) throw new StxmFileError(file, "line 1", "expected numbers, got an empty line");
      data = new Float64Array(nRows * nCols);
    } else if (count !== nCols) {
      const want = options.nCols !== undefined ? `${nCols} values (PAxis points in ${field})` : `${nCols} values like line 1`;
      throw new StxmFileError(file, `line ${r + 1}`, `expected ${want}, got ${count}${count < nCols && r === nRows - 1 ? " (truncated file?)" : ""}`);
    }
    const off = r * nCols;
    for (let c = 0; c < count; c++) {
      const s = parts[start + c];
      let v = Number(s);
      if (Number.isNaN(v)) {
        const w = s.toLowerCase();
        if (/^[+-]?nan$/.test(w)) v = NaN;
        else if (/^\+?inf(inity)?$/.test(w)) v = Infinity;
        else if (/^-inf(inity)?$/.test(w)) v = -Infinity;
        else throw new StxmFileError(file, `line ${r + 1}, column ${c + 1}`, `expected a number, got "${s}"`);
      }
      data[off + c] = v;
    }
  }
  return { data, nRows, nCols };
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
