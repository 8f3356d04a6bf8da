/**
 * A baseline TIFF writer for CCD frames (grayscale, uncompressed, one strip per page, any number
 * of pages): what the simulated spectrometer writes and what tests use to make variants.
 * @module
 */
import { checkOptions } from "../util/checkOptions";

/** Sample types {@link encodeTiff} writes (BitsPerSample / SampleFormat tags). */
export type TiffSampleType = "uint8" | "uint16" | "int16" | "uint32" | "int32" | "float32" | "float64";

/** One page (image) of a TIFF file. */
export interface TiffPage {
  /** Pixel values row-major, length `width · height` (rounded and clipped to the sample type's range for integer types). */
  readonly data: ArrayLike<number>;
  /** Columns. */
  readonly width: number;
  /** Rows. */
  readonly height: number;
  /** ImageDescription tag (ASCII), e.g. the excitation energy; omitted when absent. */
  readonly description?: string;
}

/** Options of {@link encodeTiff}. */
export interface EncodeTiffOptions {
  /** Sample type of every page. @default "uint16" */
  sampleType?: TiffSampleType;
  /** Byte order: "little" (`II`) or "big" (`MM`). @default "little" */
  byteOrder?: "little" | "big";
}

const TYPES: Record<TiffSampleType, { bits: number; format: number; min: number; max: number; set: (d: DataView, o: number, v: number, le: boolean) => void }> = {
  uint8: { bits: 8, format: 1, min: 0, max: 255, set: (d, o, v) => d.setUint8(o, v) },
  uint16: { bits: 16, format: 1, min: 0, max: 65535, set: (d, o, v, le) => d.setUint16(o, v, le) },
  int16: { bits: 16, format: 2, min: -32768, max: 32767, set: (d, o, v, le) => d.setInt16(o, v, le) },
  uint32: { bits: 32, format: 1, min: 0, max: 4294967295, set: (d, o, v, le) => d.setUint32(o, v, le) },
  int32: { bits: 32, format: 2, min: -2147483648, max: 2147483647, set: (d, o, v, le) => d.setInt32(o, v, le) },
  float32: { bits: 32, format: 3, min: -Infinity, max: Infinity, set: (d, o, v, le) => d.setFloat32(o, v, le) },
  float64: { bits: 64, format: 3, min: -Infinity, max: Infinity, set: (d, o, v, le) => d.setFloat64(o, v, le) },
};

/**
 * Encode frames as a baseline TIFF 6.0 file: grayscale (BlackIsZero), uncompressed, one strip per
 * page, tags ImageWidth, ImageLength, BitsPerSample, Compression = 1, PhotometricInterpretation = 1,
 * ImageDescription (when given), StripOffsets, SamplesPerPixel = 1, RowsPerStrip, StripByteCounts,
 * X/YResolution, ResolutionUnit and SampleFormat. Integer types are rounded and clipped to their range.
 *
 * @param pages - one or more pages (a multi-page file for more than one).
 * @param options - {@link EncodeTiffOptions}.
 * @returns the file's bytes.
 * @throws RangeError when a page's data length is not `width · height`.
 * @example
 * const bytes = encodeTiff([{ data: counts, width: 256, height: 512 }], { sampleType: "uint16" });
 * writeFileSync("frame.tif", bytes);
 */
export function encodeTiff(pages: readonly TiffPage[], options: EncodeTiffOptions = {}): Uint8Array {
  checkOptions("encodeTiff", options, ["sampleType", "byteOrder"]);
  const type = options.sampleType ?? "uint16";
  const t = TYPES[type];
  if (!t) throw new Error(`encodeTiff: option sampleType must be one of ${Object.keys(TYPES).join(", ")}, got ${JSON.stringify(type)}`);
  const order = options.byteOrder ?? "little";
  if (order !== "little" && order !== "big") throw new Error(`encodeTiff: option byteOrder must be "little" or "big", got ${JSON.stringify(order)}`);
  if (!Array.isArray(pages) || pages.length === 0) throw new RangeError("encodeTiff: expected at least one page");
  const le = order === "little";
  const bytesPer = t.bits / 8;
  // Sizes: header, then per page: pixel data, description, IFD, rationals.
  const layout = pages.map((p, i) => {
    if (!Number.isInteger(p.width) || !Number.isInteger(p.height) || p.width < 1 || p.height < 1) throw new RangeError(`encodeTiff: page ${i}: width and height must be positive integers, got ${p.width} × ${p.height}`);
    if (p.data.length !== p.width * p.height) throw new RangeError(`encodeTiff: page ${i}: data has ${p.data.length} values, expected width · height = ${p.width * p.height}`);
    const desc = p.description === undefined ? null : Buffer.from(p.description + "\0", "latin1");
    const nTags = 13 + (desc ? 1 : 0);
    return { p, desc, nTags, dataBytes: p.width * p.height * bytesPer };
  });
  let size = 8;
  for (const l of layout) size += l.dataBytes + (l.dataBytes & 1) + (l.desc ? l.desc.length + (l.desc.length & 1) : 0) + 2 + 12 * l.nTags + 4 + 16;
  const out = new Uint8Array(size);
  const dv = new DataView(out.buffer);
  out[0] = out[1] = le ? 0x49 : 0x4d;
  dv.setUint16(2, 42, le);
  let pos = 8;
  let prevNext = 4; // where the offset of the next IFD goes
  for (const { p, desc, nTags, dataBytes } of layout) {
    const dataAt = pos;
    const v = p.data;
    const clip = (x: number): number => (t.format === 3 ? x : Math.min(t.max, Math.max(t.min, Math.round(Number.isFinite(x) ? x : x > 0 ? t.max : t.min))));
    const fast = le && (type === "uint16" || type === "float32") ? (type === "uint16" ? new Uint16Array(v.length) : new Float32Array(v.length)) : null;
    if (fast) {
      // little-endian typed array, then its bytes (every platform Node runs on is little-endian)
      for (let i = 0; i < v.length; i++) fast[i] = clip(v[i]);
      out.set(new Uint8Array(fast.buffer, 0, dataBytes), dataAt);
    } else {
      for (let i = 0; i < v.length; i++) t.set(dv, dataAt + i * bytesPer, clip(v[i]), le);
    }
    pos += dataBytes + (dataBytes & 1);
    let descAt = 0;
    if (desc) {
      descAt = pos;
      out.set(desc, pos);
      pos += desc.length + (desc.length & 1);
    }
    const ifdAt = pos;
    const ratAt = ifdAt + 2 + 12 * nTags + 4;
    dv.setUint32(prevNext, ifdAt, le);
    dv.setUint16(ifdAt, nTags, le);
    let e = ifdAt + 2;
    const tag = (id: number, typ: number, count: number, value: number): void => {
      dv.setUint16(e, id, le);
      dv.setUint16(e + 2, typ, le);
      dv.setUint32(e + 4, count, le);
      if (typ === 3 && count === 1) dv.setUint16(e + 8, value, le);
      else dv.setUint32(e + 8, value, le);
      e += 12;
    };
    tag(256, 4, 1, p.width);
    tag(257, 4, 1, p.height);
    tag(258, 3, 1, t.bits);
    tag(259, 3, 1, 1);
    tag(262, 3, 1, 1);
    if (desc) tag(270, 2, desc.length, descAt);
    tag(273, 4, 1, dataAt);
    tag(277, 3, 1, 1);
    tag(278, 4, 1, p.height);
    tag(279, 4, 1, dataBytes);
    tag(282, 5, 1, ratAt);
    tag(283, 5, 1, ratAt + 8);
    tag(296, 3, 1, 1);
    tag(339, 3, 1, t.format);
    prevNext = e;
    dv.setUint32(e, 0, le);
    dv.setUint32(ratAt, 72, le);
    dv.setUint32(ratAt + 4, 1, le);
    dv.setUint32(ratAt + 8, 72, le);
    dv.setUint32(ratAt + 12, 1, le);
    pos = ratAt + 16;
  }
  return out;
}
