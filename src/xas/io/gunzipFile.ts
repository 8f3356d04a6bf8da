/**
 * The bytes of a file, gunzipped when they are gzip-compressed (Athena projects usually are).
 * @module
 */
import { gunzipSync } from "node:zlib";
import { readRegularFile } from "../../io/readRegularFile";
import { StxmFileError } from "../../io/errors";

/** Largest decompressed size accepted (1 GiB): no XAS project comes close. */
export const MAX_GUNZIPPED_BYTES: number = 2 ** 30;

/** @internal Whether bytes start with the gzip magic number 1f 8b. */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/**
 * @internal
 * Gunzip `bytes` when they are gzip data, else return them unchanged.
 * @throws StxmFileError naming the file when the gzip stream is truncated or corrupt.
 */
export function maybeGunzip(path: string, bytes: Uint8Array, what: string): { bytes: Uint8Array; compressed: boolean } {
  if (!isGzip(bytes)) return { bytes, compressed: false };
  try {
    return { bytes: new Uint8Array(gunzipSync(bytes, { maxOutputLength: MAX_GUNZIPPED_BYTES })), compressed: true };
  } catch (e) {
    const msg = (e as Error).message;
    const truncated = /unexpected end/i.test(msg);
    throw new StxmFileError(
      path,
      `${what} (gzip-compressed, ${bytes.length} bytes)`,
      truncated ? `is truncated: the gzip stream ends before its end marker (zlib: ${msg}); expected a complete file — was the copy or download interrupted?` : `cannot be decompressed: ${msg}; expected valid gzip data`,
    );
  }
}

/** @internal Read a file and gunzip it when it is gzip data ({@link maybeGunzip}). */
export function readMaybeGzip(path: string, what: string, maxBytes = 2 ** 29): { bytes: Uint8Array; compressed: boolean } {
  return maybeGunzip(path, readRegularFile(path, { field: what, maxBytes }), what);
}
