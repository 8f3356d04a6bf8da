/**
 * Opening input files safely: only regular files are read (a FIFO would block a synchronous
 * open forever, `/dev/zero` would grow memory without limit), every read is bounded by the
 * size the caller can justify, and every file-system error becomes a {@link StxmFileError}
 * naming the path and what went wrong instead of a bare ENOENT / ELOOP / EISDIR.
 *
 * @module
 */
import { closeSync, fstatSync, openSync, readSync, readdirSync, statSync, lstatSync, constants, type Stats } from "node:fs";
import { StxmFileError } from "./errors";

/** Options of {@link readRegularFile}. */
export interface ReadRegularFileOptions {
  /** Largest number of bytes to read; a larger file is refused (default 2^33 = 8 GiB). */
  maxBytes?: number;
  /** What the file is, for messages (e.g. "image file", "header"); default "file". */
  field?: string;
  /** The name to use in messages (default: the path). */
  name?: string;
}

/** @internal The file kind of a stat result, as words for a message. */
function kindOf(st: Stats): string {
  if (st.isDirectory()) return "a directory";
  if (st.isFIFO()) return "a named pipe (FIFO)";
  if (st.isCharacterDevice()) return "a character device";
  if (st.isBlockDevice()) return "a block device";
  if (st.isSocket()) return "a socket";
  return "not a regular file";
}

/**
 * Translate a Node file-system error into a {@link StxmFileError} naming the path.
 * @internal
 */
export function fileSystemError(path: string, field: string, e: unknown, name = path): StxmFileError | unknown {
  const code = (e as { code?: string }).code;
  switch (code) {
    case "ENOENT": {
      let dangling = false;
      try {
        dangling = lstatSync(path).isSymbolicLink();
      } catch {
        /* not there at all */
      }
      return new StxmFileError(name, field, dangling ? "is a symbolic link to a file that does not exist" : `not found (working directory ${process.cwd()})`);
    }
    case "EACCES":
    case "EPERM":
      return new StxmFileError(name, field, "cannot be read: permission denied");
    case "ELOOP":
      return new StxmFileError(name, field, "cannot be opened: too many levels of symbolic links (a link loop)");
    case "ENOTDIR":
      return new StxmFileError(name, field, "cannot be opened: a component of the path is a file, not a directory");
    case "EISDIR":
      return new StxmFileError(name, field, "is a directory; expected a file");
    case "ENAMETOOLONG":
      return new StxmFileError(name, field, "cannot be opened: the path is too long");
    case "EIO":
      return new StxmFileError(name, field, "could not be read: input/output error from the device");
    default:
      return e;
  }
}

/**
 * Check that `path` is a regular file (following symbolic links) and return its size in bytes.
 *
 * @throws StxmFileError naming the path when it does not exist, is a directory, FIFO, device or
 *   socket, is a dangling or looping link, or is larger than `maxBytes`.
 * @example
 * const bytes = regularFileSize("scan.hdr"); // 2417
 */
export function regularFileSize(path: string, options: ReadRegularFileOptions = {}): number {
  const field = options.field ?? "file";
  const name = options.name ?? path;
  let st: Stats;
  try {
    st = statSync(path);
  } catch (e) {
    throw fileSystemError(path, field, e, name);
  }
  if (!st.isFile()) {
    if (st.isDirectory()) throw new StxmFileError(name, field, "is a directory; expected a file (pass one of the files inside it)");
    throw new StxmFileError(name, field, `is ${kindOf(st)}; expected a regular file`);
  }
  const max = options.maxBytes ?? 2 ** 33;
  if (st.size > max) {
    throw new StxmFileError(name, field, `is ${st.size} bytes; refusing to read more than ${max} bytes for this format`);
  }
  return st.size;
}

/**
 * Read a whole regular file, refusing anything else (see {@link regularFileSize}). The file is
 * opened non-blocking, its type is checked again on the open descriptor (the path may have been
 * swapped), and the read stops at the size found, so a file that grows while being read cannot
 * make it run without limit.
 *
 * @returns the bytes of the file.
 * @throws StxmFileError naming the path and the fault.
 * @example
 * const bytes = readRegularFile("a.ncb", { field: "image file" });
 */
export function readRegularFile(path: string, options: ReadRegularFileOptions = {}): Uint8Array {
  return readRegular(path, options, Infinity);
}

/**
 * Read at most the first `n` bytes of a regular file (fewer when the file is shorter), refusing
 * anything that is not a regular file exactly as {@link readRegularFile} does. For format
 * detection and fixed-size binary headers: the read never exceeds `n` bytes whatever the file.
 *
 * @param n the largest number of bytes to read (a non-negative integer).
 * @returns the first `min(n, size)` bytes.
 * @throws StxmFileError as {@link readRegularFile}.
 * @example
 * const head = readRegularHead("a.stk", 12, { field: "header" }); // Uint8Array(12)
 */
export function readRegularHead(path: string, n: number, options: ReadRegularFileOptions = {}): Uint8Array {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`readRegularHead: n must be a non-negative integer, got ${n}`);
  return readRegular(path, { ...options, maxBytes: Infinity }, n);
}

/**
 * The names in a directory (not `.` and `..`), with file-system errors named as
 * {@link fileSystemError} does (missing folder, not a folder, permission denied, link loop).
 *
 * @param dir the directory.
 * @param options `field` / `name` for messages (default "directory" / the path).
 * @returns the entry names, unsorted.
 * @throws StxmFileError naming the directory.
 * @example
 * const names = listDirectory("/data/scan1", { field: "data files of scan.hdr" });
 */
export function listDirectory(dir: string, options: Omit<ReadRegularFileOptions, "maxBytes"> = {}): string[] {
  try {
    return readdirSync(dir);
  } catch (e) {
    throw fileSystemError(dir, options.field ?? "directory", e, options.name ?? dir);
  }
}

/**
 * Whether `path` names a directory entry of any kind (a dangling symbolic link counts: reading it
 * then says what is wrong with it). For choosing among spellings of a companion file name; it
 * never opens the file and never throws.
 *
 * @example
 * pathEntryExists("scan.DAT"); // true when such an entry exists
 */
export function pathEntryExists(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * Text of a header or data file: UTF-8 when it starts with a UTF-8 byte-order mark (the mark
 * is dropped), else Latin-1 (each byte one character, as the beamline software writes them).
 *
 * @param bytes the file's bytes.
 * @returns the text, without a byte-order mark.
 * @example
 * decodeText(new Uint8Array([0xef, 0xbb, 0xbf, 0x41])); // "A"
 */
export function decodeText(bytes: Uint8Array): string {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return b.subarray(3).toString("utf8");
  return b.toString("latin1");
}

/** Open, check and read up to `limit` bytes (the whole file when `limit` is Infinity). */
function readRegular(path: string, options: ReadRegularFileOptions, limit: number): Uint8Array {
  const field = options.field ?? "file";
  const name = options.name ?? path;
  regularFileSize(path, options);
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    throw fileSystemError(path, field, e, name);
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) throw new StxmFileError(name, field, `is ${kindOf(st)}; expected a regular file`);
    const max = options.maxBytes ?? 2 ** 33;
    if (st.size > max) throw new StxmFileError(name, field, `is ${st.size} bytes; refusing to read more than ${max} bytes for this format`);
    const out = new Uint8Array(Math.min(st.size, limit));
    let off = 0;
    while (off < out.length) {
      let got: number;
      try {
        got = readSync(fd, out, off, out.length - off, off);
      } catch (e) {
        throw fileSystemError(path, field, e, name);
      }
      if (got === 0) throw new StxmFileError(name, field, `ended after ${off} of ${out.length} bytes while being read (was it truncated meanwhile?)`);
      off += got;
    }
    return out;
  } finally {
    closeSync(fd);
  }
}

/**
 * Read a regular file as text: by default Latin-1 (as the beamlines' header files are written),
 * or UTF-8 without its mark when the file starts with a UTF-8 byte-order mark ({@link decodeText});
 * `encoding` forces one.
 * @throws StxmFileError as {@link readRegularFile}.
 * @example
 * const text = readRegularText("scan.hdr", { field: "header", maxBytes: 64 << 20 });
 */
export function readRegularText(path: string, options: ReadRegularFileOptions & { encoding?: "latin1" | "utf8" } = {}): string {
  const { encoding, ...rest } = options;
  const bytes = readRegularFile(path, rest);
  return encoding === undefined ? decodeText(bytes) : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString(encoding);
}
