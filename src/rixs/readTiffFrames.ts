/**
 * CCD frames from TIFF files: 8/16-bit integer and 32/64-bit float, little- and big-endian,
 * single- and multi-page, with the sample format read from the file's tags.
 * @module
 */
import type * as TiffModule from "tiff/lib/index";
// `tiff` is an ES module; Node ≥ 20.19 loads it with require (this library compiles to CommonJS).
const { decode } = require("tiff") as typeof TiffModule;
type TiffIfd = ReturnType<typeof TiffModule.decode>[number];
import { StxmFileError, baseName } from "../io/errors";
import { readRegularFile } from "../io/readRegularFile";
import { checkOptions } from "../util/checkOptions";
import { makeFrame, type CcdFrame } from "./ccdFrame";

/** Options of {@link readTiffFrames}. */
export interface ReadTiffFramesOptions {
  /** Which image axis disperses the emission energy: "rows" (the elastic line runs across the columns; the default) or "columns" (ALS iRIXS Andor frames, 2048 columns × 64 rows): those frames are transposed so that rows are always the emission axis. @default "rows" */
  dispersive?: "rows" | "columns";
  /** Pages to read (0-based); default all. */
  pages?: readonly number[];
  /** Name used in messages and `source` (default the path). */
  name?: string;
  /** Largest file size read, bytes. @default 2^31 */
  maxBytes?: number;
}

const OPTIONS = ["dispersive", "pages", "name", "maxBytes"];

/** The sample layouts the reader decodes, by "bits/format". */
const SUPPORTED: Record<string, { what: string; saturation: number | null }> = {
  "8/1": { what: "8-bit unsigned integer", saturation: 255 },
  "16/1": { what: "16-bit unsigned integer", saturation: 65535 },
  "16/2": { what: "16-bit signed integer", saturation: 32767 },
  "32/3": { what: "32-bit float", saturation: null },
  "64/3": { what: "64-bit float", saturation: null },
};
const FORMAT_NAMES: Record<number, string> = { 1: "unsigned integer", 2: "signed integer", 3: "IEEE float", 4: "undefined" };

/**
 * Read the CCD frames of a TIFF file. The byte order, BitsPerSample, SampleFormat (absent = 1,
 * unsigned integer), SamplesPerPixel, compression and strip layout are read from the file and
 * checked; nothing is assumed.
 *
 * @param path - a `.tif` / `.tiff` file (one frame per page).
 * @param options - {@link ReadTiffFramesOptions}.
 * @returns one {@link CcdFrame} per page read, rows = emission (dispersive) axis, values as stored
 *   (counts for integer frames), `saturation` = the largest value of the integer type (null for float).
 * @throws StxmFileError naming the file, the page and the tag when the file is not a TIFF, is
 *   truncated (a strip ends beyond the end of the file), has several samples per pixel, or a sample
 *   format this reader does not decode (e.g. 32-bit integers).
 * @example
 * const [frame] = readTiffFrames("CCD Scan 16491/Andor/CoL3_16491-00001.tif", { dispersive: "columns" });
 * frame.nRows; // 2048 (emission pixels)
 */
export function readTiffFrames(path: string, options: ReadTiffFramesOptions = {}): CcdFrame[] {
  const fn = "readTiffFrames";
  checkOptions(fn, options, OPTIONS);
  const dispersive = options.dispersive ?? "rows";
  if (dispersive !== "rows" && dispersive !== "columns") throw new Error(`${fn}: option dispersive must be "rows" or "columns", got ${JSON.stringify(dispersive)}`);
  const file = options.name ?? path;
  const bytes = readRegularFile(path, { field: "TIFF file", name: file, maxBytes: options.maxBytes ?? 2 ** 31 });
  if (bytes.length < 8) throw new StxmFileError(file, "header", `expected a TIFF file (at least 8 bytes), got ${bytes.length} bytes`);
  const bo = String.fromCharCode(bytes[0], bytes[1]);
  if (bo !== "II" && bo !== "MM") throw new StxmFileError(file, "header", `expected a TIFF file starting with "II" or "MM", got bytes ${Array.from(bytes.subarray(0, 4), (b) => b.toString(16).padStart(2, "0")).join(" ")}`);
  const le = bo === "II";
  const magic = new DataView(bytes.buffer, bytes.byteOffset, 4).getUint16(2, le);
  if (magic !== 42) throw new StxmFileError(file, "header", `expected TIFF magic number 42${magic === 43 ? " (this is a BigTIFF, which is not supported)" : ""}, got ${magic}`);
  let ifds: TiffIfd[];
  try {
    ifds = decode(bytes, { ignoreImageData: true });
  } catch (e) {
    throw new StxmFileError(file, "IFD", `expected readable image directories, got an error: ${(e as Error).message} (truncated or damaged file?)`);
  }
  const pages = options.pages ?? ifds.map((_, i) => i);
  for (const p of pages) {
    if (!Number.isInteger(p) || p < 0 || p >= ifds.length) throw new RangeError(`${fn}: option pages: page ${p} does not exist in ${file}, which has ${ifds.length} page${ifds.length === 1 ? "" : "s"}`);
  }
  const multi = ifds.length > 1;
  const frames: CcdFrame[] = [];
  for (const p of pages) {
    const ifd = ifds[p];
    const where = multi ? `page ${p}` : "image";
    const spp = ifd.samplesPerPixel;
    if (spp !== 1) throw new StxmFileError(file, `${where}: SamplesPerPixel`, `expected 1 (a grayscale CCD frame), got ${spp}`);
    const bits = ifd.bitsPerSample, format = ifd.sampleFormat;
    const kind = SUPPORTED[`${bits}/${format}`];
    if (!kind) {
      throw new StxmFileError(file, `${where}: BitsPerSample/SampleFormat`, `expected ${Object.values(SUPPORTED).map((s) => s.what).join(", ")}; got ${bits}-bit ${FORMAT_NAMES[format] ?? `sample format ${format}`} (BitsPerSample ${bits}, SampleFormat ${format})`);
    }
    if (ifd.tiled) throw new StxmFileError(file, `${where}: TileWidth`, "expected strips, got a tiled image (not supported for CCD frames)");
    const width = ifd.width, height = ifd.height;
    const offs = ifd.stripOffsets, counts = ifd.stripByteCounts;
    if (!offs || offs.length === 0) throw new StxmFileError(file, `${where}: StripOffsets`, "expected strip offsets, got none");
    if (!counts || counts.length !== offs.length) throw new StxmFileError(file, `${where}: StripByteCounts`, `expected ${offs.length} strip byte counts, got ${counts ? counts.length : "none"}`);
    let total = 0;
    for (let s = 0; s < offs.length; s++) {
      if (offs[s] + counts[s] > bytes.length) {
        throw new StxmFileError(file, `${where}: strip ${s}`, `expected ${counts[s]} bytes at offset ${offs[s]}, but the file ends at byte ${bytes.length} (truncated file)`);
      }
      total += counts[s];
    }
    const need = width * height * (bits / 8);
    if (ifd.compression === 1 && total < need) {
      throw new StxmFileError(file, `${where}: StripByteCounts`, `expected ${need} bytes of pixel data for ${width} × ${height} ${kind.what} pixels, got ${total} (truncated file)`);
    }
    let data: ArrayLike<number>;
    try {
      data = decode(bytes, { pages: [p] })[0].data;
    } catch (e) {
      throw new StxmFileError(file, where, `could not be decoded: ${(e as Error).message}`);
    }
    if (data.length !== width * height) throw new StxmFileError(file, where, `expected ${width * height} pixels, got ${data.length}`);
    if (bits === 16 && format === 2) data = new Int16Array((data as Uint16Array).buffer, (data as Uint16Array).byteOffset, data.length);
    const src = `${baseName(file)}${multi ? ` page ${p}` : ""}`;
    const out = new Float64Array(width * height);
    if (dispersive === "rows") {
      for (let i = 0; i < out.length; i++) out[i] = data[i];
      frames.push(makeFrame(out, height, width, src, kind.saturation));
    } else {
      for (let r = 0; r < height; r++) for (let c = 0; c < width; c++) out[c * height + r] = data[r * width + c];
      frames.push(makeFrame(out, width, height, src, kind.saturation));
    }
  }
  return frames;
}
