/**
 * A small reader for zip archives (the container of Neware `.ndax`): the central directory,
 * stored and deflated entries, CRC-checked, with zip64 sizes and offsets in an entry's extra
 * field (Neware writes them even for small entries). No zip64 end record (more than 65534
 * entries or a 4 GiB archive), no encryption, no multi-disk archives.
 * @module
 */
import { crc32, inflateRawSync } from "node:zlib";
import { CyclerFileError } from "./cyclerFileError";

/** One file in a zip archive. */
export interface ZipEntry {
  /** Name as stored (forward slashes). */
  name: string;
  /** Compression method: 0 stored, 8 deflate. */
  method: number;
  /** Compressed size, bytes. */
  compressedSize: number;
  /** Uncompressed size, bytes. */
  size: number;
  /** CRC-32 of the uncompressed bytes. */
  crc: number;
  /** Offset of the entry's local header in the archive. */
  localOffset: number;
}

/**
 * True when the bytes start like a zip archive (`PK\x03\x04`, or `PK\x05\x06` for an empty one).
 * @example
 * looksLikeZip(new Uint8Array([0x50, 0x4b, 3, 4])); // true
 */
export function looksLikeZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && ((bytes[2] === 3 && bytes[3] === 4) || (bytes[2] === 5 && bytes[3] === 6));
}

/**
 * List the entries of a zip archive from its central directory.
 * @param bytes the whole archive.
 * @param file name for messages.
 * @throws CyclerFileError naming the byte offset: no end-of-central-directory record (not a zip,
 *   or truncated), zip64 or multi-disk archives, a damaged directory entry.
 * @example
 * zipEntries(bytes, "run.ndax").map((e) => e.name); // ["data.ndc", "TestInfo.xml", …]
 */
export function zipEntries(bytes: Uint8Array, file: string): ZipEntry[] {
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 65535); i--) {
    if (dv.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) {
    throw new CyclerFileError(file, "end of file", `expected a zip end-of-central-directory record (signature PK\\x05\\x06) in the last 64 KiB; the archive is truncated or not a zip (${bytes.length} bytes)`);
  }
  const disk = dv.getUint16(eocd + 4, true);
  const count = dv.getUint16(eocd + 10, true);
  const cdSize = dv.getUint32(eocd + 12, true);
  const cdOffset = dv.getUint32(eocd + 16, true);
  if (disk !== 0) throw new CyclerFileError(file, `byte ${eocd}`, `multi-disk zip archives are not supported (disk ${disk})`);
  if (count === 0xffff || cdOffset === 0xffffffff) throw new CyclerFileError(file, `byte ${eocd}`, "zip64 archives are not supported");
  if (cdOffset + cdSize > eocd) throw new CyclerFileError(file, `byte ${eocd}`, `the central directory (${cdSize} bytes at ${cdOffset}) runs past its end record at ${eocd} (truncated or damaged zip)`);
  const out: ZipEntry[] = [];
  let p = cdOffset;
  for (let k = 0; k < count; k++) {
    if (p + 46 > eocd || dv.getUint32(p, true) !== 0x02014b50) {
      throw new CyclerFileError(file, `byte ${p}`, `expected central directory entry ${k + 1} of ${count} (signature PK\\x01\\x02)`);
    }
    const flags = dv.getUint16(p + 8, true);
    const nameLen = dv.getUint16(p + 28, true);
    const extraLen = dv.getUint16(p + 30, true);
    const commentLen = dv.getUint16(p + 32, true);
    const name = Buffer.from(bytes.buffer, bytes.byteOffset + p + 46, nameLen).toString(flags & 0x800 ? "utf8" : "latin1");
    if (flags & 1) throw new CyclerFileError(file, `zip entry "${name}"`, "is encrypted; encrypted archives are not supported");
    const e: ZipEntry = {
      name,
      method: dv.getUint16(p + 10, true),
      crc: dv.getUint32(p + 16, true),
      compressedSize: dv.getUint32(p + 20, true),
      size: dv.getUint32(p + 24, true),
      localOffset: dv.getUint32(p + 42, true),
    };
    const MAX = 0xffffffff;
    if (e.size === MAX || e.compressedSize === MAX || e.localOffset === MAX) {
      // Zip64 extended information (header 0x0001): the 8-byte values of the fields that are 0xffffffff, in this order.
      let x = p + 46 + nameLen;
      const xEnd = x + extraLen;
      let found = false;
      while (x + 4 <= xEnd) {
        const id = dv.getUint16(x, true);
        const len = dv.getUint16(x + 2, true);
        if (id === 1) {
          let q = x + 4;
          const next = (): number => {
            if (q + 8 > x + 4 + len) throw new CyclerFileError(file, `zip entry "${name}"`, "the zip64 extra field is too short for the sizes it must hold");
            const v = Number(dv.getBigUint64(q, true));
            q += 8;
            return v;
          };
          if (e.size === MAX) e.size = next();
          if (e.compressedSize === MAX) e.compressedSize = next();
          if (e.localOffset === MAX) e.localOffset = next();
          found = true;
          break;
        }
        x += 4 + len;
      }
      if (!found) throw new CyclerFileError(file, `zip entry "${name}"`, "sizes are 0xffffffff but there is no zip64 extra field (damaged archive)");
    }
    out.push(e);
    p += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

/**
 * The uncompressed bytes of one entry (stored or deflated), with its size and CRC-32 checked.
 * @param maxBytes refuse entries larger than this (default 2^31 bytes).
 * @throws CyclerFileError naming the entry: a damaged local header, an unsupported method,
 *   data that does not inflate, or a size/CRC mismatch.
 * @example
 * const ndc = zipEntryData(bytes, entries.find((e) => e.name === "data.ndc")!, "run.ndax");
 */
export function zipEntryData(bytes: Uint8Array, entry: ZipEntry, file: string, maxBytes = 2 ** 31): Uint8Array {
  const field = `zip entry "${entry.name}"`;
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const h = entry.localOffset;
  if (h + 30 > bytes.length || dv.getUint32(h, true) !== 0x04034b50) {
    throw new CyclerFileError(file, `${field}, byte ${h}`, "expected a local file header (signature PK\\x03\\x04)");
  }
  const start = h + 30 + dv.getUint16(h + 26, true) + dv.getUint16(h + 28, true);
  if (start + entry.compressedSize > bytes.length) {
    throw new CyclerFileError(file, field, `claims ${entry.compressedSize} compressed bytes at byte ${start}, but the archive ends at ${bytes.length} (truncated)`);
  }
  if (entry.size > maxBytes) throw new CyclerFileError(file, field, `is ${entry.size} bytes uncompressed; refusing more than ${maxBytes}`);
  const raw = bytes.subarray(start, start + entry.compressedSize);
  let data: Uint8Array;
  if (entry.method === 0) data = raw;
  else if (entry.method === 8) {
    try {
      data = inflateRawSync(raw, { maxOutputLength: Math.max(1, entry.size) });
    } catch (e) {
      throw new CyclerFileError(file, field, `the deflated data is damaged (${(e as Error).message})`);
    }
  } else throw new CyclerFileError(file, field, `uses compression method ${entry.method}; only stored (0) and deflate (8) are supported`);
  if (data.length !== entry.size) throw new CyclerFileError(file, field, `expected ${entry.size} bytes after inflating, got ${data.length}`);
  const c = crc32(data) >>> 0;
  if (c !== entry.crc) throw new CyclerFileError(file, field, `CRC-32 mismatch: expected ${entry.crc.toString(16)}, got ${c.toString(16)} (damaged archive)`);
  return data;
}
