/**
 * Reading HDF5 through h5wasm so that a failed read is never returned as data.
 *
 * h5wasm ignores the status of HDF5's `H5Dread` and prints HDF5's error stack on stderr: a
 * corrupt gzip chunk, a chunk whose fletcher32 checksum fails, or a filter this build lacks
 * (LZF, Blosc, …) leaves the output buffer as it was, and h5wasm returns those stale bytes.
 * {@link H5Reader} calls the HDF5 functions itself, checks every status, and captures what the
 * HDF5 library writes to stderr during each call (a call that reports an error is a failed
 * call even when it returns), turning both into a {@link StxmFileError} naming the dataset.
 *
 * It also checks, before allocating, that a dataset is numeric (not strings, compound, complex,
 * opaque, enum or references) and that its declared size is one the file can hold: an
 * unfiltered dataset cannot hold more bytes than the file has; a compressed one not more than
 * {@link MAX_COMPRESSION_RATIO} times that. Chunks never written read as the dataset's fill
 * value (HDF5's rule); declared sizes beyond those bounds are refused instead of allocated.
 *
 * @module
 */
import fs from "node:fs";
import { StxmFileError } from "./errors";
import { loadH5wasm, type H5Module } from "./h5wasmLoader";
import { T_FLOAT, T_INTEGER, decode } from "./h5Decode";
import { checkSignature } from "./h5Signature";
import { asString } from "./h5Values";
import { regularFileSize } from "./readRegularFile";

/**
 * Largest ratio of declared (uncompressed) bytes to file bytes accepted for a compressed
 * dataset: zlib's deflate cannot exceed about 1032 : 1, so a 170 kB file declaring 1.6 GB of
 * gzip data cannot hold it (its chunks were never written).
 */
export const MAX_COMPRESSION_RATIO = 1100;

/** Filter ids HDF5 defines itself (built into h5wasm): deflate, shuffle, fletcher32, szip, nbit, scaleoffset. */
const BUILTIN_FILTERS = new Set([1, 2, 3, 4, 5, 6]);
/** Filters that compress (the others keep the size or add a checksum). */
const COMPRESSING_FILTERS = new Set([1, 4, 5, 6]);
/** Names of common third-party filters, for messages. */
const FILTER_NAMES: Record<number, string> = { 32000: "lzf", 32001: "blosc", 32004: "lz4", 32008: "bitshuffle", 32013: "zfp", 32015: "zstd", 32026: "blosc2" };

/** HDF5 datatype class H5T_STRING (H5T_class_t; integer and float are in h5Decode). */
const T_STRING = 3;

/** What {@link H5Reader.info} knows about a dataset before reading it. */
export interface DatasetInfo {
  /** Absolute path in the file, e.g. "/entry1/counter0/data". */
  readonly path: string;
  /** Dimensions; `[]` for a scalar (rank-0) dataset. */
  readonly shape: readonly number[];
  /** Number of values (1 for a scalar). */
  readonly count: number;
  /** HDF5 datatype class (0 integer, 1 float, 3 string, 6 compound, 9 vlen, …). */
  readonly typeClass: number;
  /** Bytes per value in the file. */
  readonly size: number;
  /** True for signed integers. */
  readonly signed: boolean;
  /** The type in words, e.g. "float64", "uint16", "a variable-length string". */
  readonly typeText: string;
  /** True when the values are integers or floats this reader decodes. */
  readonly numeric: boolean;
  /** True for strings (fixed or variable length). */
  readonly text: boolean;
  /** Filter pipeline, e.g. `[{ id: 1, name: "deflate" }]`. */
  readonly filters: readonly { id: number; name: string }[];
  /** Chunk shape, or null for contiguous / compact storage. */
  readonly chunks: readonly number[] | null;
}

/** A hyperslab: start and length per dimension of the dataset. */
export interface Hyperslab {
  /** First index per dimension. */
  readonly offset: readonly number[];
  /** Number of indices per dimension. */
  readonly count: readonly number[];
}

interface RawMetadata {
  shape: number[] | null;
  type: number;
  size: number;
  signed: boolean;
  vlen: boolean;
  cset?: number;
  chunks: number[] | null;
  total_size: number;
  compound_type?: { members: { name: string }[] };
  virtual_sources?: unknown[];
}

function typeText(md: RawMetadata): string {
  switch (md.type) {
    case T_INTEGER:
      return `${md.signed ? "int" : "uint"}${md.size * 8}`;
    case T_FLOAT:
      return `float${md.size * 8}`;
    case 2:
      return "a time type";
    case T_STRING:
      return md.vlen ? "a variable-length string" : `a fixed-length string (${md.size} bytes)`;
    case 4:
      return `a bitfield (${md.size} bytes)`;
    case 5:
      return `an opaque type (${md.size} bytes)`;
    case 6: {
      const names = (md.compound_type?.members ?? []).map((m) => m.name);
      const complex = names.length === 2 && /^r(eal)?$/i.test(names[0]) && /^i(mag)?$/i.test(names[1]);
      return complex ? `complex numbers (a compound of ${names.join(", ")})` : `a compound type (members ${names.join(", ") || "none"})`;
    }
    case 7:
      return "object references";
    case 8:
      return "an enumeration";
    case 9:
      return "a variable-length sequence";
    case 10:
      return "an array type";
    case 11:
      return "complex numbers";
    default:
      return `HDF5 type class ${md.type}`;
  }
}

/** The innermost message of an HDF5 error stack, e.g. "filter returned failure during read". */
function innermost(diag: string): string {
  const lines = diag.split("\n").filter((l) => /#\d+:/.test(l));
  const last = lines[lines.length - 1] ?? "";
  const m = /\(\): (.*)$/.exec(last);
  return (m ? m[1] : last).trim();
}

/**
 * Run `fn` with HDF5's stderr output captured (it goes through `fs.writeSync(2, …)` in
 * h5wasm's Node build); return what it returned and what HDF5 printed.
 */
function captured<T>(fn: () => T): { value?: T; error?: unknown; diag: string } {
  const original = fs.writeSync;
  const parts: string[] = [];
  const patched = function (fd: number, buffer: unknown, ...rest: unknown[]): number {
    if (fd !== 2) return (original as (...a: unknown[]) => number).call(fs, fd, buffer, ...rest);
    if (typeof buffer === "string") {
      parts.push(buffer);
      return Buffer.byteLength(buffer);
    }
    const b = buffer as Uint8Array;
    const off = typeof rest[0] === "number" ? rest[0] : 0;
    const len = typeof rest[1] === "number" ? rest[1] : b.byteLength - off;
    parts.push(Buffer.from(b.buffer, b.byteOffset + off, len).toString("utf8"));
    return len;
  };
  (fs as { writeSync: unknown }).writeSync = patched;
  try {
    return { value: fn(), diag: parts.join("") };
  } catch (error) {
    return { error, diag: parts.join("") };
  } finally {
    (fs as { writeSync: unknown }).writeSync = original;
  }
}

/**
 * An HDF5 file opened read-only, with every access checked. Paths are absolute
 * ("/entry1/counter0/data"); names in messages are the file's display name.
 * @internal
 */
export class H5Reader {
  /** The file's display name (for messages). */
  readonly file: string;
  /** The file size in bytes. */
  readonly fileSize: number;
  private readonly h5: H5Module;
  private readonly fid: bigint;
  private closed = false;
  private readonly localPaths = new Set<string>();
  private readonly kinds = new Map<string, "group" | "dataset" | "other" | "missing">();
  private readonly attrNamesOf = new Map<string, string[]>();
  private readonly infos = new Map<string, DatasetInfo>();
  private readonly keysOf = new Map<string, string[]>();
  private readonly attrValues = new Map<string, unknown>();

  private constructor(h5: H5Module, fid: bigint, file: string, fileSize: number) {
    this.h5 = h5;
    this.fid = fid;
    this.file = file;
    this.fileSize = fileSize;
  }

  /**
   * Open `path` read-only: it must be a regular file (not a FIFO, device or directory) with
   * the HDF5 signature; HDF5 must accept it.
   * @throws StxmFileError naming the file.
   */
  static async open(path: string, file: string): Promise<H5Reader> {
    const size = regularFileSize(path, { name: file, field: "file" });
    checkSignature(path, file, size);
    const h5 = await loadH5wasm();
    const r = captured(() => new h5.File(path, "r").file_id);
    const fid = r.value;
    if (r.error !== undefined || typeof fid !== "bigint" || fid < 0n) {
      if (typeof fid === "bigint" && fid >= 0n) h5.Module.close_file(fid);
      const why = innermost(r.diag) || (r.error instanceof Error ? r.error.message : "");
      throw new StxmFileError(file, "HDF5", `expected a readable HDF5 file, got one the HDF5 library cannot open (truncated or damaged?)${why ? `: ${why}` : ""}`);
    }
    return new H5Reader(h5, fid, file, size);
  }

  /** Close the file (idempotent). */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    captured(() => this.h5.Module.close_file(this.fid));
  }

  /** Run one HDF5 call; an exception or anything HDF5 prints makes it a StxmFileError at `where`. */
  call<T>(where: string, what: string, fn: () => T): T {
    const r = captured(fn);
    if (r.error !== undefined || r.diag.trim() !== "") {
      const why = innermost(r.diag) || (r.error instanceof Error ? r.error.message : String(r.error));
      throw new StxmFileError(this.file, where, `could not be ${what}: the HDF5 library reported "${why}" (damaged file?)`);
    }
    return r.value as T;
  }

  /** What `path` is: a group, a dataset, something else (link, named type), or missing. */
  kind(path: string): "group" | "dataset" | "other" | "missing" {
    const known = this.kinds.get(path);
    if (known) return known;
    const M = this.h5.Module;
    const t = this.call(path, "looked up", () => M.get_type(this.fid, path));
    const k = t === M.H5G_GROUP ? "group" : t === M.H5G_DATASET ? "dataset" : t < 0 ? "missing" : "other";
    this.kinds.set(path, k);
    return k;
  }

  /**
   * Refuse an external link (HDF5 would follow it into another file, e.g. an upload pointing at
   * any HDF5 file on the machine): data must be stored in the file being read.
   */
  private local(path: string): void {
    const parts = path.split("/").filter((p) => p !== "");
    for (let i = 1; i <= parts.length; i++) {
      const p = "/" + parts.slice(0, i).join("/");
      if (this.localPaths.has(p)) continue;
      const link = this.call(p, "looked up", () => this.h5.Module.get_external_link(this.fid, p)) as { filename?: string; obj_path?: string };
      if (link && typeof link.filename === "string") {
        throw new StxmFileError(this.file, p, `is an external link to ${link.filename}:${link.obj_path ?? ""}; expected data stored in this file (external links are not followed)`);
      }
      this.localPaths.add(p);
    }
  }

  /** Member names of a group, in file order (see {@link naturalKeys} for the sort applied by callers). */
  keys(path: string): string[] {
    let keys = this.keysOf.get(path);
    if (!keys) {
      this.local(path);
      keys = this.call(path, "listed", () => this.h5.Module.get_names(this.fid, path, false));
      this.keysOf.set(path, keys);
    }
    return keys;
  }

  /** Attribute names of an object. */
  attrNames(path: string): string[] {
    let names = this.attrNamesOf.get(path);
    if (!names) {
      names = this.call(path, "read (attribute names)", () => this.h5.Module.get_attribute_names(this.fid, path));
      this.attrNamesOf.set(path, names);
    }
    return names;
  }

  /**
   * The value of attribute `name` of `path` as h5wasm decodes it (string, number, typed array,
   * array), or undefined when absent. Refuses an attribute declaring more bytes than the file has.
   */
  attr(path: string, name: string): unknown {
    if (!this.attrNames(path).includes(name)) return undefined;
    const where = `${path}@${name}`;
    if (this.attrValues.has(where)) return this.attrValues.get(where);
    const a = this.call(where, "read", () => new this.h5.Attribute(this.fid, path, name)); // reads the attribute's metadata only
    const md = a.metadata as unknown as RawMetadata;
    const bytes = md.size * (md.total_size ?? 0);
    if (!(bytes <= this.fileSize)) {
      throw new StxmFileError(this.file, where, `declares ${bytes} bytes but the file has only ${this.fileSize}; expected an attribute the file can hold (damaged header?)`);
    }
    const v = this.call(where, "read", () => a.value);
    this.attrValues.set(where, v);
    return v;
  }

  /** Attribute `name` of `path` as a string ("" when absent). */
  attrString(path: string, name: string): string {
    return asString(this.attr(path, name));
  }

  /** Shape, type, storage of a dataset, before any data is read. */
  info(path: string): DatasetInfo {
    const known = this.infos.get(path);
    if (known) return known;
    const info = this.readInfo(path);
    this.infos.set(path, info);
    return info;
  }

  private readInfo(path: string): DatasetInfo {
    this.local(path);
    const M = this.h5.Module;
    const md = this.call(path, "read (dataset header)", () => M.get_dataset_metadata(this.fid, path)) as unknown as RawMetadata;
    if (md.virtual_sources && md.virtual_sources.length > 0) {
      throw new StxmFileError(this.file, path, "is a virtual dataset mapping data from other files; expected data stored in this file");
    }
    const filters = this.call(path, "read (filters)", () => M.get_dataset_filters(this.fid, path)).map((f) => ({ id: f.id, name: f.name || FILTER_NAMES[f.id] || `filter ${f.id}` }));
    const shape = md.shape ?? [];
    const count = shape.reduce((a, b) => a * b, 1);
    const numeric = !md.vlen && ((md.type === T_INTEGER && [1, 2, 4, 8].includes(md.size)) || (md.type === T_FLOAT && [2, 4, 8].includes(md.size)));
    return {
      path,
      shape,
      count: md.shape === null ? 0 : count,
      typeClass: md.type,
      size: md.size,
      signed: md.signed,
      typeText: typeText(md),
      numeric,
      text: md.type === T_STRING,
      filters,
      chunks: md.chunks,
    };
  }

  /**
   * Refuse a dataset that is not numeric or uses a filter this HDF5 build lacks.
   * @param expected what the caller wants, for the message (e.g. "photon energies (eV)").
   */
  checkType(info: DatasetInfo, expected: string): void {
    if (!info.numeric) {
      throw new StxmFileError(this.file, info.path, `expected ${expected}: numbers (integers or floats), got ${info.typeText}`);
    }
    const missing = info.filters.filter((f) => !BUILTIN_FILTERS.has(f.id));
    if (missing.length > 0) {
      const names = missing.map((f) => `${f.name} (filter id ${f.id})`).join(", ");
      throw new StxmFileError(this.file, info.path, `is compressed with ${names}, which this HDF5 build (h5wasm) cannot decode; expected gzip/deflate, szip or no compression (re-save the file, e.g. with h5repack -f GZIP=4)`);
    }
  }

  /**
   * Refuse a dataset that is not numeric, uses a filter this HDF5 build lacks, or declares more
   * data than the file can hold (the whole dataset, or the part `slab` about to be read).
   * @param expected what the caller wants, for the message (e.g. "photon energies (eV)").
   */
  checkNumeric(info: DatasetInfo, expected: string, slab?: Hyperslab): void {
    this.checkType(info, expected);
    const shape = slab ? slab.count : info.shape;
    const bytes = shape.reduce((a, b) => a * b, 1) * info.size;
    const compressed = info.filters.some((f) => COMPRESSING_FILTERS.has(f.id));
    const limit = compressed ? MAX_COMPRESSION_RATIO * this.fileSize : this.fileSize;
    if (bytes > limit) {
      const what = slab ? `the selected part [${shape.join(", ")}] of shape [${info.shape.join(", ")}]` : `shape [${info.shape.join(", ")}]`;
      throw new StxmFileError(
        this.file,
        info.path,
        `declares ${what} of ${info.typeText} = ${bytes} bytes${compressed ? " (compressed)" : ""}, more than the ${this.fileSize}-byte file can hold; ` +
          `expected data that was written (its chunks were never written: read the written part with the select option)`,
      );
    }
  }

  /**
   * Read a numeric dataset (or a hyperslab of it) as float64, row-major over the selection.
   * @param expected what the caller wants, for messages.
   * @param slab the part to read (default: all).
   * @param maxValues refuse to allocate more values than this.
   * @throws StxmFileError when the dataset is not numeric, too large, or HDF5 fails to read it.
   */
  readNumbers(info: DatasetInfo, expected: string, slab?: Hyperslab, maxValues = 2 ** 31): Float64Array {
    const n = this.checkRead(info, expected, slab, maxValues);
    if (n === 0) return new Float64Array(0);
    let bytes: Uint8Array | undefined;
    this.readRaw(info, slab, n, (heap) => (bytes = heap.slice()));
    return decode(bytes!, info, n);
  }

  /**
   * Read a numeric dataset (or a hyperslab of it) straight into `out` at `offset` (row-major over
   * the selection), converting each value to the array's type: no intermediate copy, and the
   * HDF5 library's memory holds only this read. Float32 data into a Float32Array are copied as
   * stored; into a Float32Array other types are rounded to float32 (the caller decides).
   * @param expected what the caller wants, for messages.
   * @param slab the part to read (default: all).
   * @param out where the values go; at least `offset` + the selection's size long.
   * @returns the number of values written.
   * @throws StxmFileError when the dataset is not numeric, too large, or HDF5 fails to read it; RangeError when `out` is too short.
   */
  readInto(info: DatasetInfo, expected: string, slab: Hyperslab | undefined, out: Float32Array | Float64Array, offset = 0, maxValues = 2 ** 31): number {
    const n = this.checkRead(info, expected, slab, maxValues);
    if (!(Number.isInteger(offset) && offset >= 0 && offset + n <= out.length)) {
      throw new RangeError(`readInto: ${n} values of ${info.path} at offset ${offset} do not fit in an output of length ${out.length}`);
    }
    if (n === 0) return 0;
    this.readRaw(info, slab, n, (heap) => {
      if (info.typeClass === T_FLOAT && info.size === 4) out.set(new Float32Array(heap.buffer, heap.byteOffset, n), offset);
      else if (info.typeClass === T_FLOAT && info.size === 8) out.set(new Float64Array(heap.buffer, heap.byteOffset, n), offset);
      else out.set(decode(heap, info, n), offset);
    });
    return n;
  }

  /** Check a read (type, slab inside the shape, size) and return its number of values. */
  private checkRead(info: DatasetInfo, expected: string, slab: Hyperslab | undefined, maxValues: number): number {
    this.checkType(info, expected);
    const rank = info.shape.length;
    let n = info.count;
    if (slab) {
      if (slab.offset.length !== rank || slab.count.length !== rank) throw new RangeError(`hyperslab rank ${slab.offset.length} for a rank-${rank} dataset ${info.path}`);
      n = 1;
      for (let d = 0; d < rank; d++) {
        if (slab.offset[d] < 0 || slab.count[d] < 1 || slab.offset[d] + slab.count[d] > info.shape[d]) {
          throw new RangeError(`hyperslab [${slab.offset.join(", ")}] + [${slab.count.join(", ")}] outside the shape [${info.shape.join(", ")}] of ${info.path}`);
        }
        n *= slab.count[d];
      }
    }
    this.checkNumeric(info, expected, slab);
    if (n > maxValues) {
      const dims = (slab ? slab.count : info.shape).join(" × ");
      throw new StxmFileError(this.file, info.path, `claims ${dims} = ${n} values${slab ? " (the selected part)" : ""}; refusing to allocate more than ${maxValues} values (raise the maxValues option, or read part of it with the select option)`);
    }
    return n;
  }

  /**
   * Read `n` values (the selection) into the library's memory and hand them, as bytes in that
   * memory, to `use` (valid only during the call); the memory is freed afterwards.
   */
  private readRaw(info: DatasetInfo, slab: Hyperslab | undefined, n: number, use: (heap: Uint8Array) => void): void {
    const M = this.h5.Module;
    const nbytes = n * info.size;
    if (nbytes > M.MAXIMUM_MEMORY / 2) {
      throw new StxmFileError(this.file, info.path, `is ${nbytes} bytes; the HDF5 library (WebAssembly, at most ${M.MAXIMUM_MEMORY} bytes of memory) cannot hold it at once: read it in parts with the select option`);
    }
    const ptr = M._malloc(nbytes);
    if (!ptr) throw new StxmFileError(this.file, info.path, `is ${nbytes} bytes; the HDF5 library could not allocate them: read it in parts with the select option`);
    try {
      const count = slab ? slab.count.map(BigInt) : null;
      const offset = slab ? slab.offset.map(BigInt) : null;
      const strides = slab ? slab.count.map(() => 1n) : null;
      const status = this.call(info.path, "read", () => M.get_dataset_data(this.fid, info.path, count, offset, strides, BigInt(ptr)));
      if (status < 0) throw new StxmFileError(this.file, info.path, `could not be read: the HDF5 library returned status ${status} (damaged file?)`);
      use(M.HEAPU8.subarray(ptr, ptr + nbytes));
    } finally {
      M._free(ptr);
    }
  }

  /**
   * Read a small string dataset (e.g. `definition`, `stxm_scan_type`); numbers are returned as
   * their text. Refuses datasets over 1 MiB.
   */
  readText(path: string): string {
    const info = this.info(path);
    if (info.count > 1 << 16 || info.count * info.size > 1 << 20) throw new StxmFileError(this.file, path, `declares ${info.count} values of ${info.typeText}; expected a short text`);
    if (info.numeric) {
      const v = this.readNumbers(info, "a text or number");
      // Text stored as an array of 8-bit integers (bytes): decode as UTF-8.
      if (info.typeClass === T_INTEGER && info.size === 1 && info.shape.length === 1) return asString(Uint8Array.from(v));
      return v.length > 0 ? String(v[0]) : "";
    }
    if (!info.text) throw new StxmFileError(this.file, path, `expected a text, got ${info.typeText}`);
    const ds = new this.h5.Dataset(this.fid, path);
    return asString(this.call(path, "read", () => ds.value));
  }
}
