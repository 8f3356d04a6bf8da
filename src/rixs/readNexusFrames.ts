/**
 * CCD frames from an HDF5 / NeXus file: an NXdetector `data` of shape frames × rows × cols, stored
 * in the file or behind an HDF5 external link (the detector writes its own file), read one frame
 * at a time, with the excitation energies, I₀ and exposure times beside it.
 * @module
 */
import { dirname, isAbsolute, join } from "node:path";
import { StxmFileError, baseName } from "../io/errors";
import { H5Reader, type DatasetInfo } from "../io/h5Read";
import { loadH5wasm } from "../io/h5wasmLoader";
import { pathEntryExists } from "../io/readRegularFile";
import { checkOptions } from "../util/checkOptions";
import { makeFrame, type CcdFrame } from "./ccdFrame";

/** Options of {@link readNexusFrames}. */
export interface ReadNexusFramesOptions {
  /** Path of the frames dataset. Default: `data` of the first NXdetector group under `<entry>/instrument`. */
  data?: string;
  /** Path of the excitation energies (eV), one per frame. Default `<entry>/instrument/monochromator/energy`. */
  energy?: string;
  /** Path of I₀, one per frame. Default `data` of the first NXmonitor under `<entry>`, if any. */
  i0?: string;
  /** Path of the exposure times (s), one per frame or one for all. Default `count_time` in the detector group, if any. */
  exposure?: string;
  /** The NXentry group. Default the first group whose NX_class is NXentry. */
  entry?: string;
  /** As in `readTiffFrames`: "rows" (default) when the emission axis runs along the rows, "columns" to transpose each frame. */
  dispersive?: "rows" | "columns";
}

/** An opened NeXus RIXS scan: per-frame metadata read, frames read on demand. */
export interface NexusFrames {
  /** The file opened. */
  readonly file: string;
  /** The frames dataset, as `file:path` (the linked file when behind an external link). */
  readonly dataSource: string;
  /** Number of frames. */
  readonly count: number;
  /** Rows and columns of each frame (after any transpose): rows = emission axis. */
  readonly nRows: number;
  readonly nCols: number;
  /** Excitation energies, eV, one per frame. */
  readonly excitation: Float64Array;
  /** I₀ per frame, or null when the file has none. */
  readonly i0: Float64Array | null;
  /** Exposure per frame (s), or null when the file has none. */
  readonly exposure: Float64Array | null;
  /** The largest value of the stored integer type (65535 for uint16), or null for floats. */
  readonly saturation: number | null;
  /** Read frame `i` (0-based) from the file. */
  frame(i: number): CcdFrame;
  /** Close the file(s). */
  close(): void;
}

/** @internal Follow external links along `path` of `file`: the file and path where the object really is. */
async function resolveLinks(file: string, path: string, depth = 0): Promise<{ file: string; path: string; via: string[] }> {
  const h5 = await loadH5wasm();
  const f = new h5.File(file, "r");
  try {
    const parts = path.split("/").filter((p) => p !== "");
    for (let i = 1; i <= parts.length; i++) {
      const p = "/" + parts.slice(0, i).join("/");
      if (f.get_type(p) < 0 && i < parts.length) break;
      const link = f.get_external_link(p) as { filename?: string; obj_path?: string } | null;
      if (link && typeof link.filename === "string") {
        if (depth >= 4) throw new StxmFileError(file, p, "expected at most 4 nested external links, got more (a link loop?)");
        const target = isAbsolute(link.filename) ? link.filename : join(dirname(file), link.filename);
        const rest = parts.slice(i).join("/");
        const objPath = (link.obj_path ?? "/").replace(/\/$/, "") + (rest ? "/" + rest : "");
        if (!pathEntryExists(target)) {
          throw new StxmFileError(file, p, `is an external link to "${link.filename}:${link.obj_path}"; the linked file ${target} does not exist (copy it next to ${baseName(file)}, or fix the link)`);
        }
        const inner = await resolveLinks(target, objPath, depth + 1);
        return { ...inner, via: [`${file}:${p}`, ...inner.via] };
      }
    }
    return { file, path, via: [] };
  } finally {
    f.close();
  }
}

/**
 * Open a NeXus / HDF5 RIXS scan and read its per-frame metadata; frames are read one at a time
 * with `frame(i)` (a hyperslab, so a 100-frame stack is never held whole). The frames dataset may be
 * an external link (followed relative to the file's folder, as HDF5 does); a missing linked file is
 * an error naming it. Every HDF5 read is checked (a failed read is an error, never stale data).
 *
 * @param path - the `.nxs` / `.h5` file.
 * @param options - {@link ReadNexusFramesOptions}.
 * @returns a {@link NexusFrames}; call `close()` when done.
 * @throws StxmFileError naming the file and dataset: no NXdetector, data not of rank 3, energies
 *   not one per frame, a missing linked file, an unreadable dataset.
 * @example
 * const scan = await readNexusFrames("lnmo_4.8V.nxs");
 * const f0 = scan.frame(0); // CcdFrame, 512 × 256
 * scan.close();
 */
export async function readNexusFrames(path: string, options: ReadNexusFramesOptions = {}): Promise<NexusFrames> {
  const fn = "readNexusFrames";
  checkOptions(fn, options, ["data", "energy", "i0", "exposure", "entry", "dispersive"]);
  const dispersive = options.dispersive ?? "rows";
  if (dispersive !== "rows" && dispersive !== "columns") throw new Error(`${fn}: option dispersive must be "rows" or "columns", got ${JSON.stringify(dispersive)}`);
  const master = await H5Reader.open(path, path);
  const readers: H5Reader[] = [master];
  try {
    let entry = options.entry;
    if (entry === undefined) {
      entry = master.keys("/").map((k) => "/" + k).find((k) => master.kind(k) === "group" && master.attrString(k, "NX_class") === "NXentry");
      if (!entry) throw new StxmFileError(path, "/", "expected an NXentry group, got none");
    }
    let dataPath = options.data;
    let detGroup: string | undefined;
    if (dataPath === undefined) {
      const inst = `${entry}/instrument`;
      if (master.kind(inst) !== "group") throw new StxmFileError(path, inst, "expected an NXinstrument group holding the NXdetector, got none (or give the data option)");
      detGroup = master.keys(inst).map((k) => `${inst}/${k}`).find((k) => master.kind(k) === "group" && master.attrString(k, "NX_class") === "NXdetector");
      if (!detGroup) throw new StxmFileError(path, inst, "expected an NXdetector group, got none (or give the data option)");
      dataPath = `${detGroup}/data`;
    }
    const where = await resolveLinks(path, dataPath);
    let dr = master;
    if (where.file !== path) {
      dr = await H5Reader.open(where.file, where.file);
      readers.push(dr);
    }
    if (dr.kind(where.path) !== "dataset") throw new StxmFileError(where.file, where.path, `expected the frames dataset (frames × rows × cols)${where.via.length ? ` (linked from ${where.via.join(" → ")})` : ""}, got ${dr.kind(where.path) === "missing" ? "nothing" : "a group"}`);
    const info: DatasetInfo = dr.info(where.path);
    dr.checkType(info, "CCD frames (frames × rows × cols)");
    if (info.shape.length !== 3) throw new StxmFileError(where.file, where.path, `expected CCD frames of shape frames × rows × cols, got shape [${info.shape.join(", ")}]`);
    const [n, rows, cols] = info.shape;
    const numbers = (p: string, what: string, allowScalar: boolean): Float64Array => {
      if (master.kind(p) !== "dataset") throw new StxmFileError(path, p, `expected ${what}, got ${master.kind(p) === "missing" ? "nothing" : "a group"}`);
      const inf = master.info(p);
      const v = master.readNumbers(inf, what);
      if (allowScalar && v.length === 1) return new Float64Array(n).fill(v[0]);
      if (v.length !== n) throw new StxmFileError(path, p, `expected ${what}: ${n} values (one per frame of ${where.path}), got ${v.length}`);
      for (let i = 0; i < v.length; i++) if (!(v[i] > 0) || !Number.isFinite(v[i])) throw new StxmFileError(path, p, `expected positive finite ${what}, got ${v[i]} at index ${i}`);
      return v;
    };
    const excitation = numbers(options.energy ?? `${entry}/instrument/monochromator/energy`, "excitation energies (eV)", false);
    let i0Path = options.i0;
    if (i0Path === undefined) {
      const mon = master.keys(entry).map((k) => `${entry}/${k}`).find((k) => master.kind(k) === "group" && master.attrString(k, "NX_class") === "NXmonitor");
      if (mon && master.kind(`${mon}/data`) === "dataset") i0Path = `${mon}/data`;
    }
    const i0 = i0Path === undefined ? null : numbers(i0Path, "I₀ values", false);
    let expPath = options.exposure;
    if (expPath === undefined && detGroup && master.kind(`${detGroup}/count_time`) === "dataset") expPath = `${detGroup}/count_time`;
    const exposure = expPath === undefined ? null : numbers(expPath, "exposure times (s)", true);
    const saturation = info.typeClass === 0 ? (info.signed ? 2 ** (8 * info.size - 1) - 1 : 2 ** (8 * info.size) - 1) : null;
    const label = `${baseName(where.file)}:${where.path}`;
    const tr = dispersive === "columns";
    return {
      file: path,
      dataSource: `${where.file}:${where.path}`,
      count: n,
      nRows: tr ? cols : rows,
      nCols: tr ? rows : cols,
      excitation,
      i0,
      exposure,
      saturation,
      frame(i: number): CcdFrame {
        if (!Number.isInteger(i) || i < 0 || i >= n) throw new RangeError(`${fn}: frame ${i} does not exist; ${label} has ${n} frames`);
        const v = dr.readNumbers(info, "CCD frames", { offset: [i, 0, 0], count: [1, rows, cols] });
        if (!tr) return makeFrame(v, rows, cols, `${label}[${i}]`, saturation);
        const out = new Float64Array(v.length);
        for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out[c * rows + r] = v[r * cols + c];
        return makeFrame(out, cols, rows, `${label}[${i}]`, saturation);
      },
      close(): void {
        for (const r of readers) r.close();
      },
    };
  } catch (e) {
    for (const r of readers) r.close();
    throw e;
  }
}
