/**
 * Reading rows of `.xim` text images without parsing the whole file each time: one pass over a
 * file finds where each of its lines starts and checks its shape (line count, values per line,
 * a complete last value), then any band of rows is read from its byte range alone. This is what
 * lets {@link openStack} deliver bands of an SDF stack larger than memory at the cost of about one
 * pass over the stack, instead of one pass per band.
 *
 * A band read checks that the file is still the one indexed (same size, modification time and
 * inode) and converts every value of its rows (a bad number is an error naming the file and line,
 * as {@link parseXim} gives it), so a read never returns values it did not parse from that file.
 * @module
 */
import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from "node:fs";
import { StxmFileError } from "./errors";
import { decodeText, fileSystemError, readRegularFile } from "./readRegularFile";
import { parseXim, parseXimValue, type XimImage, type XimOptions } from "./xim";

/** Where the lines of one `.xim` file are, and which file it was. */
export interface XimLineIndex {
  /** Path of the file. */
  readonly path: string;
  /** Name used in messages. */
  readonly name: string;
  /** Lines (image rows) in the file. */
  readonly nRows: number;
  /** Values per line (image columns). */
  readonly nCols: number;
  /**
   * Byte offsets, length `nRows + 1`: line r is the bytes `[starts[r], starts[r+1] − 1)` (the last
   * byte before the next start is its line feed, or the end of the file for the last line).
   */
  readonly starts: Float64Array;
  /**
   * Size (bytes), modification and status-change times (ms) and inode of the file when it was
   * indexed. The status-change time moves with every write and cannot be set back (a tool that
   * restores the modification time, as `rsync -t` or `touch -r` do, still changes it).
   */
  readonly size: number;
  readonly mtimeMs: number;
  readonly ctimeMs: number;
  readonly ino: number;
}

/** 1 for a byte that is part of a value, 0 for a value separator (tab, space, comma, carriage return). */
const VALUE_BYTE = Uint8Array.from({ length: 256 }, (_, b) => (b === 9 || b === 32 || b === 44 || b === 13 ? 0 : 1));

/**
 * Whether the text `bytes[from, …)` ends with a separator or line end (tab, LF, CR, space, comma),
 * as a file whose last value is complete does; false for an empty text. A file cut inside its last
 * number would otherwise read as a different number.
 */
function endsAfterValue(bytes: Uint8Array, from: number): boolean {
  const last = bytes.length > from ? bytes[bytes.length - 1] : 0;
  return last === 9 || last === 10 || last === 13 || last === 32 || last === 44;
}

/** ASCII whitespace that JavaScript's trim() removes within one line (tab, VT, FF, CR, space). */
function isBlankByte(b: number): boolean {
  return b === 9 || b === 11 || b === 12 || b === 13 || b === 32;
}

/**
 * Index the lines of a `.xim` file and check its shape.
 *
 * Checked here: the file is a regular file of at most `maxBytes` bytes, it has `nRows` lines of
 * `nCols` values (blank lines at the end are ignored, a UTF-8 byte-order mark at the start is
 * skipped), and its last value is followed by a separator or line end (a file cut inside a number
 * is refused). The numbers themselves are checked when their rows are read
 * ({@link readXimRows}). Any fault is reported with {@link parseXim}'s message for it.
 *
 * @param path - the file.
 * @param options - `name` (for messages; default the path), `nRows`, `nCols` (required: from
 *   the header), `sizeField`, `rowsWhat` (as in {@link XimOptions}), `maxBytes`.
 * @returns the line index.
 * @throws StxmFileError naming the file and the fault.
 * @example
 * const ix = indexXim("/data/scan_a000.xim", { nRows: 200, nCols: 300, maxBytes: 1 << 26 });
 * const band = new Float64Array(16 * 300); readXimRows(ix, 0, 16, 0, 300, band, 0);
 */
export function indexXim(path: string, options: Pick<XimOptions, "name" | "sizeField" | "rowsWhat"> & { nRows: number; nCols: number; maxBytes: number }): XimLineIndex {
  const name = options.name ?? path;
  const { nRows, nCols } = options;
  const before = statOf(path, name);
  const bytes = readRegularFile(path, { field: "image file", name, maxBytes: options.maxBytes });
  const st = statOf(path, name);
  if (!sameFile(st, before) || st.size !== bytes.length) {
    throw new StxmFileError(name, "image file", "changed while it was being read; read it again when it is complete");
  }
  const n = bytes.length;
  const bom = n >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const starts = new Float64Array(nRows + 1);
  let lines = 0;
  let faulty = false;
  let nonAscii = false;
  let p = bom;
  // Lines of values first (each must hold nCols values) ...
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let seen = 0; // every byte of the value lines OR'ed: bit 7 set when one is not ASCII
  while (p < n && lines < nRows) {
    starts[lines] = p;
    let q = buf.indexOf(10, p);
    if (q < 0) q = n;
    // values = starts of runs of value bytes (a value byte after a separator or the line start)
    let count = 0;
    let prev = 0;
    for (let i = p; i < q; i++) {
      const b = bytes[i];
      const v = VALUE_BYTE[b];
      count += v & (prev ^ 1);
      prev = v;
      seen |= b;
    }
    if (count !== nCols) faulty = true;
    lines++;
    p = q + 1;
  }
  if (seen & 0x80) nonAscii = true;
  starts[nRows] = Math.min(p, n + 1);
  // ... then only blank lines may follow; the last value must be followed by a separator.
  if (lines < nRows) faulty = true;
  for (let q = Math.min(p, n); q < n; q++) {
    const b = bytes[q];
    if (b >= 0x80) nonAscii = true; // blank or not: trim() decides in parseXim
    else if (b !== 10 && !isBlankByte(b)) faulty = true;
  }
  if (!endsAfterValue(bytes, bom)) faulty = true;
  if (faulty || nonAscii) {
    // parseXim says what is wrong (with the line and what was expected); bytes outside ASCII
    // are checked by it too, since a value holding one is not a number.
    const xo: XimOptions = { name, nRows, nCols, ...(options.sizeField !== undefined ? { sizeField: options.sizeField } : {}), ...(options.rowsWhat !== undefined ? { rowsWhat: options.rowsWhat } : {}) };
    parseXim(decodeText(bytes), xo);
    if (faulty) throw new StxmFileError(name, "contents", `expected ${nRows} lines of ${nCols} values, and could not index its lines`);
  }
  return { path, name, nRows, nCols, starts, size: st.size, mtimeMs: st.mtimeMs, ctimeMs: st.ctimeMs, ino: st.ino };
}

/** Whether two stat results are of the same unchanged file (size, inode, modification and status-change times). */
function sameFile(a: { size: number; mtimeMs: number; ctimeMs: number; ino: number }, b: { size: number; mtimeMs: number; ctimeMs: number; ino: number }): boolean {
  return a.size === b.size && a.ino === b.ino && a.mtimeMs === b.mtimeMs && a.ctimeMs === b.ctimeMs;
}

/** stat of a path, its errors named. */
function statOf(path: string, name: string): Stats {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    throw fileSystemError(path, "image file", e, name);
  }
  try {
    return fstatSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Read rows `[y0, y1)`, columns `[x0, x1)` of an indexed `.xim` file: value (y, x) goes to
 * `out[outAt + (y − y0)·rowStep + (x − x0)]` (`rowStep` defaults to the band's width).
 *
 * Only the bytes of those rows are read. Every value of the rows is parsed (bad numbers are
 * errors, as in {@link parseXim}, with the file's own line numbers), and each line's number of
 * values is checked again.
 *
 * @throws StxmFileError naming the file when it changed since it was indexed (size, time or
 *   inode), cannot be read, or a value is not a number.
 */
export function readXimRows(ix: XimLineIndex, y0: number, y1: number, x0: number, x1: number, out: Float32Array | Float64Array, outAt: number, rowStep = x1 - x0): void {
  if (!(Number.isInteger(y0) && Number.isInteger(y1) && 0 <= y0 && y0 < y1 && y1 <= ix.nRows && Number.isInteger(x0) && Number.isInteger(x1) && 0 <= x0 && x0 < x1 && x1 <= ix.nCols)) {
    throw new RangeError(`readXimRows (${ix.name}): rows [${y0}, ${y1}) and columns [${x0}, ${x1}) must lie within its ${ix.nRows} × ${ix.nCols} values`);
  }
  const a = ix.starts[y0];
  const b = ix.starts[y1] - 1; // the end of line y1 − 1, before its line feed (or the end of the file)
  const bytes = Buffer.allocUnsafe(b - a);
  let fd: number;
  try {
    fd = openSync(ix.path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    throw fileSystemError(ix.path, "image file", e, ix.name);
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile() || !sameFile(st, ix)) {
      throw new StxmFileError(ix.name, "image file", `changed since the stack was opened (${st.isFile() ? `${st.size} bytes, modified ${new Date(st.mtimeMs).toISOString()}` : "no longer a regular file"}; was ${ix.size} bytes, modified ${new Date(ix.mtimeMs).toISOString()}); open it again`);
    }
    let off = 0;
    while (off < bytes.length) {
      let got: number;
      try {
        got = readSync(fd, bytes, off, bytes.length - off, a + off);
      } catch (e) {
        throw fileSystemError(ix.path, "image file", e, ix.name);
      }
      if (got === 0) throw new StxmFileError(ix.name, "image file", `ended at byte ${a + off}, inside rows ${y0 + 1}–${y1} (truncated while being read?)`);
      off += got;
    }
  } finally {
    closeSync(fd);
  }
  // The index checked every line's count, and the file is the one indexed: a line is scanned only
  // up to its last wanted value (whole lines are still counted when they are read whole).
  const want = x1 === ix.nCols ? ix.nCols : x1;
  for (let y = y0; y < y1; y++) {
    const count = lineValues(bytes, ix.starts[y] - a, ix.starts[y + 1] - 1 - a, out, outAt + (y - y0) * rowStep, x0, x1, want, ix.name, y);
    if (count !== want) throw new StxmFileError(ix.name, `line ${y + 1}`, `expected ${want === ix.nCols ? "" : "at least "}${want} values, got ${count}; the file changed since the stack was opened?`);
  }
}

/**
 * Count the values of the line `bytes[a, b)` (stopping after `stop`), converting those at
 * positions `[c0, c1)` into `out[off + position − c0]`. Numbers are parsed from the bytes as
 * {@link fastDecimal} does (exact, the same bits as `Number()`); any other token goes through
 * the text path, which takes the long numbers, nan and inf and names what is not a number.
 */
function lineValues(bytes: Uint8Array, a: number, b: number, out: Float32Array | Float64Array, off: number, c0: number, c1: number, stop: number, file: string, r: number): number {
  let count = 0;
  let i = a;
  while (i < b && count < stop) {
    let c = bytes[i];
    if (VALUE_BYTE[c] === 0) {
      i++;
      continue;
    }
    const t = i; // a value starts here
    if (count < c0 || count >= c1) {
      while (i < b && VALUE_BYTE[bytes[i]] === 1) i++;
      count++;
      continue;
    }
    // sign, digits with at most one point, optional exponent: as fastDecimal, on bytes
    const neg = c === 45;
    if (c === 43 || c === 45) c = bytes[++i];
    let m = 0, digits = 0, frac = 0, any = false, point = false, ok = true;
    for (; i < b; c = bytes[++i]) {
      if (c >= 48 && c <= 57) {
        any = true;
        if (point) frac++;
        if (m === 0 && c === 48) continue;
        if (++digits > 15) ok = false;
        m = m * 10 + (c - 48);
      } else if (c === 46 && !point) point = true;
      else break;
    }
    let e = 0;
    if (ok && any && i < b && VALUE_BYTE[c] === 1) {
      // an exponent, or something that is not a number
      if (c === 101 || c === 69) {
        c = bytes[++i];
        const eNeg = c === 45;
        if (c === 43 || c === 45) c = bytes[++i];
        let ed = 0;
        for (; i < b && c >= 48 && c <= 57 && e < 1000; c = bytes[++i], ed++) e = e * 10 + (c - 48);
        if (ed === 0) ok = false;
        if (eNeg) e = -e;
      } else ok = false;
    }
    let v = NaN;
    const k = e - frac;
    if (ok && any && (i >= b || VALUE_BYTE[bytes[i]] === 0) && (m === 0 || (k >= -22 && k <= 22))) {
      v = m === 0 ? 0 : k >= 0 ? m * POW10[k] : m / POW10[-k];
      if (neg) v = -v;
    } else {
      while (i < b && VALUE_BYTE[bytes[i]] === 1) i++;
      v = parseXimValue(latin1(bytes, t, i), file, r, count);
    }
    out[off + count - c0] = v;
    count++;
  }
  return count;
}

/**
 * Parse a `.xim` from its bytes in one pass: what {@link parseXim} returns for the decoded text,
 * bit for bit, but converting the numbers straight from the bytes (the file is not decoded to a
 * string, and numbers of up to 15 digits are parsed without `Number()`). Any fault, and any byte
 * outside ASCII, is handed to {@link parseXim} on the decoded text, which names the fault (or
 * reads the file, when the bytes were only unusual).
 *
 * @param bytes - the file's bytes.
 * @param options - as {@link parseXim}; `nRows` and `nCols` are required (from the header).
 * @param out - optional: where to write the values (at `outAt`); the result's `data` is then a view of it.
 * @returns the image or the kept block, shape `[nRows, nCols]`.
 * @throws StxmFileError as {@link parseXim}.
 * @example
 * parseXimBytes(readRegularFile("a_a000.xim"), { name: "a_a000.xim", nRows: 200, nCols: 300 });
 */
export function parseXimBytes(bytes: Uint8Array, options: XimOptions & { nRows: number; nCols: number }, out?: Float64Array, outAt = 0): XimImage {
  const { nRows, nCols } = options;
  const [r0, r1] = options.rows ?? [0, nRows];
  const [c0, c1] = options.columns ?? [0, nCols];
  const slow = (): XimImage => {
    const img = parseXim(decodeText(bytes), options);
    if (out) out.set(img.data, outAt);
    return img;
  };
  if (!(Number.isInteger(r0) && Number.isInteger(r1) && 0 <= r0 && r0 < r1 && r1 <= nRows && Number.isInteger(c0) && Number.isInteger(c1) && 0 <= c0 && c0 < c1 && c1 <= nCols)) return slow();
  const n = bytes.length;
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const w = c1 - c0;
  const size = (r1 - r0) * w;
  if (out && !(outAt >= 0 && outAt + size <= out.length)) throw new RangeError(`parseXimBytes: out has ${out.length} values; ${size} do not fit at ${outAt}`);
  const data = out ? out.subarray(outAt, outAt + size) : new Float64Array(size);
  let p = n >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const name = options.name ?? "image.xim";
  try {
    for (let r = 0; r < nRows; r++) {
      if (p >= n) return slow(); // fewer lines than the header says
      let q = buf.indexOf(10, p);
      if (q < 0) q = n;
      const inBand = r >= r0 && r < r1;
      const count = lineValues(bytes, p, q, data, (r - r0) * w, inBand ? c0 : 0, inBand ? c1 : 0, Infinity, name, r);
      if (count !== nCols) return slow();
      p = q + 1;
    }
  } catch {
    return slow(); // a value that is not a number: parseXim says which (or that the count is wrong)
  }
  for (let q = p; q < n; q++) if (bytes[q] !== 10 && !isBlankByte(bytes[q])) return slow(); // more lines, or not blank
  if (!endsAfterValue(bytes, 0)) return slow();
  return { data, nRows: r1 - r0, nCols: w };
}

/** Exact powers of ten, 10^0 … 10^22. */
const POW10 = Float64Array.from({ length: 23 }, (_, k) => Number(`1e${k}`));

/** Bytes `[a, b)` as Latin-1 text. */
function latin1(bytes: Uint8Array, a: number, b: number): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset + a, b - a).toString("latin1");
}

/** Indexes of files read before, by path and shape (the most recent {@link MAX_CACHED} files). */
const cache = new Map<string, XimLineIndex>();
const MAX_CACHED = 4096;

/**
 * {@link indexXim}, reusing the index of an earlier call for the same path and shape when the file
 * is still the one indexed (same size, modification time and inode); a changed file is indexed
 * again. The last 4,096 files' indexes are kept (8 bytes per image row each).
 *
 * @returns the line index.
 * @throws StxmFileError as {@link indexXim}.
 */
export function cachedXimIndex(path: string, options: Parameters<typeof indexXim>[1]): XimLineIndex {
  const key = `${path}\u0000${options.nRows}\u0000${options.nCols}`;
  const old = cache.get(key);
  if (old !== undefined) {
    cache.delete(key);
    const st = statOf(path, options.name ?? path);
    if (st.isFile() && sameFile(st, old) && old.size <= options.maxBytes && (options.name ?? path) === old.name) {
      cache.set(key, old);
      return old;
    }
  }
  const ix = indexXim(path, options);
  cache.set(key, ix);
  if (cache.size > MAX_CACHED) cache.delete(cache.keys().next().value as string);
  return ix;
}
