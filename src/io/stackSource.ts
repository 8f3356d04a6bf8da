/**
 * A stack that stays in its file: its sizes and axes are known, and any rectangle of rows and
 * columns (at every energy) is read on demand. This is what lets the preprocessing run on stacks
 * larger than memory (`preprocessSeriesInBands` reads one band of rows at a time).
 * @module
 */
import type { Stack } from "../types/stack";
import { DEFAULT_MAX_VALUES, StxmFileError, baseName, nonFinitePolicy } from "./errors";
import { exactInFloat32 } from "./h5Decode";
import { H5Reader } from "./h5Read";
import { detectStxmFormat, readStack, type ReadStackOptions } from "./readStack";
import { sdfDirect } from "./sdfSource";
import { checkInto, checkRect, type StackRect } from "./stackRect";

export type { StackRect } from "./stackRect";

/**
 * A stack `[nE, ny, nx]` whose values are read on demand. Its axes are those of the whole stack.
 */
export interface StackSource extends Pick<Stack, "nE" | "energies" | "x" | "y" | "dwell" | "source"> {
  /** Always "stackSource". */
  readonly kind: "stackSource";
  /** Rows of the whole image (`y` has one position per row). */
  readonly ny: number;
  /** Columns of the whole image (`x` has one position per column). */
  readonly nx: number;
  /**
   * Read a rectangle at every energy as a {@link Stack} (its x and y are the rectangle's).
   * @throws RangeError when the rectangle is outside the image.
   */
  read(rect?: StackRect): Promise<Stack>;
  /**
   * Optional: read a rectangle at every energy straight into `out`, without allocating: value
   * (e, y, x) of the rectangle goes to `out[(e·rowStride + rowAt + y)·w + x]` (w = the
   * rectangle's width; defaults: rowStride = its height, rowAt = 0). Values are those `read`
   * returns (a Float32Array receives them exactly when `valueType` is "float32").
   * @throws RangeError when the rectangle is outside the image or `out` is too short.
   */
  readInto?(rect: StackRect, out: Float32Array | Float64Array, rowStride?: number, rowAt?: number): Promise<void>;
  /** Optional: "float32" when every value is exactly a float32 (float32 or 8/16-bit data in the file), so `readInto` a Float32Array loses nothing. */
  readonly valueType?: "float32" | "float64";
  /** Optional: image rows per stored chunk (reads of whole multiples of it, aligned to it, read each chunk once); absent when not chunked by rows. */
  readonly chunkRows?: number;
}

/**
 * A {@link StackSource} over a stack already in memory (reads copy the rectangle).
 * @example
 * const src = stackSourceOf(stack); const band = await src.read({ rows: [0, 16] });
 */
export function stackSourceOf(stack: Stack): StackSource {
  const { nE, ny, nx } = stack;
  return {
    kind: "stackSource", source: stack.source, nE, ny, nx,
    energies: stack.energies, x: stack.x, y: stack.y, dwell: stack.dwell,
    read: async (rect = {}) => {
      const { y0, y1, x0, x1 } = checkRect("StackSource.read", rect, ny, nx);
      const h = y1 - y0, w = x1 - x0;
      const out = new Float64Array(nE * h * w);
      for (let e = 0; e < nE; e++) for (let y = 0; y < h; y++) {
        const src = (e * ny + y0 + y) * nx + x0;
        for (let x = 0; x < w; x++) out[(e * h + y) * w + x] = stack.data[src + x];
      }
      return { ...stack, data: out, ny: h, nx: w, y: stack.y.slice(y0, y1), x: stack.x.slice(x0, x1), scanType: stack.scanType, metadata: { ...stack.metadata } };
    },
    valueType: stack.data instanceof Float32Array ? "float32" : "float64",
    readInto: async (rect, out, rowStride, rowAt) => {
      const { y0, x0, h, w, stride, at } = checkInto("StackSource.readInto", rect, ny, nx, nE, out, rowStride, rowAt);
      for (let e = 0; e < nE; e++) for (let y = 0; y < h; y++) {
        const src = (e * ny + y0 + y) * nx + x0;
        out.set(stack.data.subarray(src, src + w), (e * stride + at + y) * w);
      }
    },
  };
}

/**
 * Open a stack in an SDF (`.hdr` + `.xim`) or NXstxm file without reading its values: two small
 * reads (one row at every energy, one column at the first energy) give the energies, axes and dwell; `read()` then
 * reads any rectangle. NXstxm reads are HDF5 hyperslabs (only the rectangle is read). SDF image
 * stacks are indexed at the first read (one pass over the `.xim` text files finds where each line
 * starts and checks every file's shape); each read then reads and converts only its rows' bytes,
 * checking that no file changed since it was indexed.
 * `.ncb` and `.stk` files hold no index to read part of them: they are read whole and wrapped.
 *
 * @param path - the file.
 * @param options - `region`, `channel` (which stack of the file) and the read options (`rejectNonFinite`, `maxValues`).
 * @returns a {@link StackSource}.
 * @throws StxmFileError naming the file when it cannot be read or is not an image stack.
 * @example
 * const src = await openStack("/data/big.hdf5");
 * const band = await src.read({ rows: [0, 64] }); // rows 0–63, all energies
 */
export async function openStack(path: string, options: Omit<ReadStackOptions, "select"> = {}): Promise<StackSource> {
  const fn = "openStack";
  if ((options as ReadStackOptions).select !== undefined) throw new Error(`${fn}: the select option is not for openStack; read parts with source.read({ rows, columns })`);
  const fmt = detectStxmFormat(path);
  if (fmt === "ncb" || fmt === "stk") return { ...stackSourceOf(await readStack(path, options)), source: path };
  const probe = await readStack(path, { ...options, select: { rows: [0, 1] } });
  const shape = probe.metadata["fileShape"];
  if (!Array.isArray(shape) || shape.length !== 3 || !shape.every((v) => Number.isInteger(v) && v > 0)) {
    throw new StxmFileError(baseName(path), "shape", `expected an image stack [energies, rows, columns] that can be read in parts, got ${probe.scanType} of shape ${JSON.stringify(shape ?? [probe.nE, probe.ny, probe.nx])}`);
  }
  const [, ny, nx] = shape as number[];
  // The y positions from one column at the first energy (all energies would read every chunk of
  // the file, and grow the HDF5 library's memory, which never shrinks, to the column's size).
  const e0 = probe.energies[0];
  const readColumn = (one: boolean): Promise<Stack> => readStack(path, { ...options, select: { columns: [0, 1], ...(one ? { energyRange: [e0, e0] as const } : {}) } });
  // (energies that come back to the first one later are not one consecutive range: read them all)
  const column = ny > 1 ? await readColumn(true).catch((err: unknown) => (err instanceof RangeError && /energyRange/.test(err.message) ? readColumn(false) : Promise.reject(err))) : probe;
  const energies = Float64Array.from(probe.energies);
  const dwell = Float64Array.from(probe.dwell);
  const x = Float64Array.from(probe.x);
  const y = Float64Array.from(column.y);
  if (x.length !== nx || y.length !== ny || energies.length !== probe.nE) {
    throw new StxmFileError(baseName(path), "axes", `expected ${nx} x and ${ny} y positions and ${probe.nE} energies, got ${x.length}, ${y.length} and ${energies.length}`);
  }
  const direct = fmt === "nxstxm" ? await nxstxmDirect(path, probe, options) : fmt === "sdf" ? sdfDirect(path, probe, y, options) : undefined;
  return {
    kind: "stackSource", source: path, nE: probe.nE, ny, nx, energies, x, y, dwell,
    read: async (rect = {}) => {
      const { y0, y1, x0, x1 } = checkRect(`${fn}(${baseName(path)}).read`, rect, ny, nx);
      const s = await readStack(path, { ...options, select: { rows: [y0, y1], columns: [x0, x1] } });
      if (s.nE !== probe.nE || s.ny !== y1 - y0 || s.nx !== x1 - x0) {
        throw new StxmFileError(baseName(path), "data", `rows [${y0}, ${y1}) × columns [${x0}, ${x1}) came back as ${s.nE} × ${s.ny} × ${s.nx}; the file changed since it was opened?`);
      }
      return s;
    },
    ...(direct ?? {}),
  };
}

/**
 * `readInto` for an NXstxm stack stored as [energy, y, x] (the usual order): one hyperslab per
 * energy, straight into the caller's array, so the HDF5 library's memory holds one energy's
 * rectangle at a time (it never shrinks: reading a whole band at once would keep the band's size).
 * Undefined for other layouts (they go through `read`).
 */
async function nxstxmDirect(path: string, probe: Stack, options: Omit<ReadStackOptions, "select">): Promise<Pick<StackSource, "readInto" | "valueType" | "chunkRows"> | undefined> {
  const m = probe.metadata as { entry?: unknown; dataGroup?: unknown; signal?: unknown; fileShape?: unknown; axes?: { e?: { dim?: unknown }; y?: { dim?: unknown }; x?: { dim?: unknown } }; selection?: { energyIndices?: unknown } };
  if (typeof m.entry !== "string" || typeof m.dataGroup !== "string" || typeof m.signal !== "string") return undefined;
  if (m.axes?.e?.dim !== 0 || m.axes?.y?.dim !== 1 || m.axes?.x?.dim !== 2) return undefined;
  const shape = m.fileShape as number[];
  const sel = m.selection?.energyIndices;
  if (!Array.isArray(sel) || sel[0] !== 0 || sel[1] !== shape[0] || probe.nE !== shape[0]) return undefined;
  const sigPath = `/${m.entry}/${m.dataGroup}/${m.signal}`;
  const file = baseName(options.name ?? path);
  const [nE, ny, nx] = shape;
  const r0 = await H5Reader.open(path, file);
  let valueType: "float32" | "float64";
  let chunkRows: number | undefined;
  try {
    const info = r0.info(sigPath);
    valueType = exactInFloat32(info) ? "float32" : "float64";
    if (info.chunks && info.chunks.length === 3 && info.chunks[1] > 0) chunkRows = info.chunks[1];
  } finally {
    r0.close();
  }
  const reject = options.rejectNonFinite === true;
  const maxValues = options.maxValues ?? DEFAULT_MAX_VALUES;
  return {
    valueType,
    ...(chunkRows ? { chunkRows } : {}),
    readInto: async (rect, out, rowStride, rowAt) => {
      const fn = `openStack(${baseName(path)}).readInto`;
      const { y0, x0, h, w, stride, at } = checkInto(fn, rect, ny, nx, nE, out, rowStride, rowAt);
      const r = await H5Reader.open(path, file);
      try {
        const info = r.info(sigPath);
        if (info.shape.length !== 3 || info.shape[0] !== nE || info.shape[1] !== ny || info.shape[2] !== nx) {
          throw new StxmFileError(file, sigPath, `expected shape [${nE}, ${ny}, ${nx}] as when opened, got [${info.shape.join(", ")}]; the file changed since it was opened?`);
        }
        for (let e = 0; e < nE; e++) {
          const o = (e * stride + at) * w;
          r.readInto(info, "detector values", { offset: [e, y0, x0], count: [1, h, w] }, out, o, maxValues);
          if (reject) nonFinitePolicy(file, sigPath, out.subarray(o, o + h * w), true);
        }
      } finally {
        r.close();
      }
    },
  };
}

/** Whether a value is a {@link StackSource}. */
export function isStackSource(v: unknown): v is StackSource {
  return v != null && typeof v === "object" && (v as { kind?: unknown }).kind === "stackSource" && typeof (v as { read?: unknown }).read === "function";
}
