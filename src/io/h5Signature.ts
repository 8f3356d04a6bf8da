/**
 * The HDF5 file signature `\x89HDF\r\n\x1a\n`: at byte 0, or after a user block at byte 512,
 * 1024, 2048, … (HDF5's rule); checked before the HDF5 library sees a file.
 *
 * @module
 */
import fs from "node:fs";
import { StxmFileError } from "./errors";

/** The 8 signature bytes. */
const HDF5_SIGNATURE = [0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a];

/**
 * True when the bytes start with (or carry at a user-block offset 512, 1024, …) the HDF5
 * signature `\x89HDF\r\n\x1a\n`.
 * @param bytes the first bytes of a file (at least 8; more to find a signature after a user block).
 * @example
 * hasHdf5Signature(readFileSync("a.hdf5")); // true
 */
export function hasHdf5Signature(bytes: Uint8Array): boolean {
  for (let off = 0; off + 8 <= bytes.length; off = off === 0 ? 512 : off * 2) {
    let ok = true;
    for (let i = 0; i < 8; i++) if (bytes[off + i] !== HDF5_SIGNATURE[i]) ok = false;
    if (ok) return true;
    if (off >= 1 << 20) break;
  }
  return false;
}

/**
 * The first 8 bytes as hex, for messages, e.g. "89 48 44 46 0d 0a 1a 0a".
 * @param bytes any bytes (fewer than 8 give fewer pairs).
 */
export function hexHead(bytes: Uint8Array): string {
  return Array.from(bytes.subarray(0, 8), (v) => v.toString(16).padStart(2, "0")).join(" ");
}

/**
 * What the first bytes of a file that is not HDF5 (or not whole) say it is, for messages: an
 * HDF5 signature mangled by a line-ending conversion (a copy in text mode: FTP ASCII, a git
 * checkout converting line ends), an HDF4 file (NeXus's format before HDF5), or a gzip or zip
 * archive. Returns "" when the bytes suggest nothing, else a clause starting with "; ".
 * @param bytes the first bytes of the file (at least 8 to recognise anything).
 * @example
 * signatureHint(Uint8Array.of(0x89, 0x48, 0x44, 0x46, 0x0a, 0x1a, 0x0a, 0)); // "; this is the HDF5 signature with …"
 */
export function signatureHint(bytes: Uint8Array): string {
  const starts = (...v: number[]): boolean => v.every((x, i) => bytes[i] === x);
  if (starts(0x89, 0x48, 0x44, 0x46, 0x0a, 0x1a, 0x0a)) {
    return '; this is the HDF5 signature with its "\\r\\n" turned into "\\n": the file was copied in text mode (FTP ASCII, a line-ending conversion), which damages every binary file; copy it again in binary mode';
  }
  if (starts(0x89, 0x48, 0x44, 0x46, 0x0d, 0x0d, 0x0a)) {
    return '; this is the HDF5 signature with its "\\n" turned into "\\r\\n": the file was copied in text mode (FTP ASCII, a line-ending conversion), which damages every binary file; copy it again in binary mode';
  }
  if (starts(0x0e, 0x03, 0x13, 0x01)) return "; these bytes begin an HDF4 file (the format of NeXus files before HDF5): convert it to HDF5 first, e.g. with h4toh5";
  if (starts(0x1f, 0x8b)) return "; these bytes begin a gzip-compressed file: decompress it first";
  if (starts(0x50, 0x4b, 0x03, 0x04)) return "; these bytes begin a zip archive: extract the file from it first";
  return "";
}

/** What a file without the signature was expected to be, for messages ("expected …"). */
export const SIGNATURE_EXPECTED = 'an HDF5 file (bytes 89 48 44 46 0d 0a 1a 0a, "\\x89HDF\\r\\n\\x1a\\n")';

/**
 * @internal Refuse a file without the HDF5 signature, reading only 8 bytes at each candidate
 * offset (0, 512, 1024, … up to 1 MiB) of the file at `path`.
 * @param path the file to check (opened read-only, non-blocking).
 * @param file its display name, for messages.
 * @param size its size in bytes.
 * @throws StxmFileError naming `file` ("file" when it cannot be opened, "signature" when the bytes differ).
 */
export function checkSignature(path: string, file: string, size: number): void {
  let fd: number;
  try {
    fd = fs.openSync(path, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
  } catch (e) {
    throw new StxmFileError(file, "file", `cannot be opened: ${(e as Error).message}`);
  }
  try {
    const head = new Uint8Array(Math.min(size, 8));
    fs.readSync(fd, head, 0, head.length, 0);
    let ok = hasHdf5Signature(head);
    for (let off = 512; !ok && off + 8 <= size && off <= 1 << 20; off *= 2) {
      const b = new Uint8Array(8);
      fs.readSync(fd, b, 0, 8, off);
      ok = hasHdf5Signature(b);
    }
    if (!ok) throw new StxmFileError(file, "signature", `expected ${SIGNATURE_EXPECTED}, got ${size === 0 ? "an empty file" : hexHead(head) + signatureHint(head)}`);
  } finally {
    fs.closeSync(fd);
  }
}
