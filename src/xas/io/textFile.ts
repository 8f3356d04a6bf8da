/**
 * Reading an XAS text file: the bytes through {@link readRegularFile} (regular files only,
 * bounded), refused with a clear error when empty or binary, decoded, split into lines on any
 * end of line (LF, CRLF or a lone CR).
 * @module
 */
import { readRegularFile, decodeText } from "../../io/readRegularFile";
import { StxmFileError } from "../../io/errors";
import { withoutByteOrderMark } from "../../io/textValues";

/** Largest text file an XAS reader reads (256 MiB): a scan is at most a few MB. */
export const MAX_XAS_TEXT_BYTES: number = 256 * 2 ** 20;

/**
 * @internal
 * Whether `bytes` look like binary data rather than text: a NUL byte, or more than 10 % control
 * characters other than tab, LF, CR and form feed, in the first 8 kB.
 */
export function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 8192);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i];
    if (b === 0) return true;
    if (b < 32 && b !== 9 && b !== 10 && b !== 13 && b !== 12) control++;
  }
  return n > 0 && control > 0.1 * n;
}

/**
 * @internal
 * The text of an XAS file as lines (without end-of-line characters).
 * @param what the format expected, for messages ("XDI file", "column file", …).
 * @throws StxmFileError naming the file when it is empty, binary (gzip is named as such) or unreadable.
 */
export function readTextLines(path: string, what: string): string[] {
  const bytes = readRegularFile(path, { field: what, maxBytes: MAX_XAS_TEXT_BYTES });
  return textLinesOf(path, bytes, what);
}

/** @internal {@link readTextLines} on bytes already read. */
export function textLinesOf(path: string, bytes: Uint8Array, what: string): string[] {
  if (bytes.length === 0) throw new StxmFileError(path, what, "expected text, got an empty file (0 bytes)");
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) throw new StxmFileError(path, what, "expected text, got gzip-compressed data (an Athena project? read it with readAthena or readXas)");
  if (looksBinary(bytes)) throw new StxmFileError(path, what, `expected text, got binary data (first bytes ${hexHead(bytes)}); is the extension right?`);
  const text = withoutByteOrderMark(decodeText(bytes));
  const lines = text.split(/\r\n|\r|\n/);
  if (lines.length > 0 && lines[lines.length - 1] === "") lines.pop();
  if (lines.every((l) => l.trim() === "")) throw new StxmFileError(path, what, "expected text with a header and data, got only blank lines");
  return lines;
}

/** @internal The first bytes of a file in hexadecimal, for messages. */
export function hexHead(bytes: Uint8Array, n = 8): string {
  return Array.from(bytes.subarray(0, n), (b) => b.toString(16).padStart(2, "0")).join(" ");
}
