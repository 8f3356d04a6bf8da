/**
 * Read NeXus NXstxm files (HDF5) through h5wasm: every NXentry whose `definition` is
 * "NXstxm" (one per region), every NXdata group in it (one per detector channel), with
 * both axis conventions (NeXus 2014 `@axes` + `@<axis>_indices`, and the older per-field
 * `@axis` attribute), `count_time` as dwell, and the NXmonitor groups (e.g. `control`, the
 * storage-ring current) kept in `metadata.monitors` for normalisation (see {@link monitorOf}).
 *
 * @module
 */
import { mkdtempSync, rmSync, writeFileSync, openSync, readSync, closeSync, fstatSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { makeStack, type Stack, type ScanType } from "../types/stack";
import { StxmFileError, baseName, checkOptions, checkSize, fail, nonFinitePolicy, DEFAULT_MAX_VALUES } from "./errors";
import { loadH5wasm, type H5Module } from "./h5wasmLoader";
import { READ_OPTION_KEYS, type MonitorData, type ReadOptions, type StxmScan } from "./scan";

/** Options of {@link readNxstxm} and {@link parseNxstxm}. */
export type NxstxmOptions = ReadOptions;

type H5Group = InstanceType<H5Module["Group"]>;
type H5Dataset = InstanceType<H5Module["Dataset"]>;
type AttrMap = Record<string, { value: unknown }>;

const HDF5_SIGNATURE = [0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a];

/**
 * True when the bytes start with (or carry at a user-block offset 512, 1024, …) the HDF5
 * signature `\x89HDF\r\n\x1a\n`.
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

function fixMojibake(s: string): string {
  // h5wasm decodes ASCII-tagged fixed-length strings byte by byte: UTF-8 "µm" arrives as "Î¼m".
  let high = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c > 0xff) return s;
    if (c >= 0x80) high = true;
  }
  if (!high) return s;
  const u = Buffer.from(s, "latin1").toString("utf8");
  return u.includes("\ufffd") ? s : u;
}

function stripNul(s: string): string {
  let n = s.length;
  while (n > 0 && s.charCodeAt(n - 1) === 0) n--;
  return s.slice(0, n);
}

/** A string from a string, a one-element string array, bytes, or a char array. */
function asString(v: unknown): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "string") return stripNul(fixMojibake(v));
  if (v instanceof Uint8Array || v instanceof Int8Array) return stripNul(Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString("utf8"));
  if (Array.isArray(v)) return v.length > 0 ? asString(v[0]) : "";
  return String(v);
}

/** All strings of a string or string array (an `axes` attribute), split on ':' / ',' when given as one. */
function asStrings(v: unknown): string[] {
  if (Array.isArray(v)) return v.map(asString);
  const s = asString(v);
  return s.split(/[:,\s]+/).filter((x) => x !== "");
}

function asNumbers(v: unknown): Float64Array {
  if (typeof v === "number" || typeof v === "bigint") return new Float64Array([Number(v)]);
  if (ArrayBuffer.isView(v) && !(v instanceof DataView)) {
    const a = v as unknown as ArrayLike<number | bigint>;
    const out = new Float64Array(a.length);
    for (let i = 0; i < a.length; i++) out[i] = Number(a[i]);
    return out;
  }
  if (Array.isArray(v)) return Float64Array.from(v.map((x) => Number(x)));
  return new Float64Array(0);
}

/**
 * Group member names in file order: creation order when the file tracks it (names not in
 * byte order), else natural name order, so that entry2 comes before entry10.
 */
function naturalKeys(keys: string[]): string[] {
  for (let i = 1; i < keys.length; i++) if (keys[i - 1] > keys[i]) return keys;
  return [...keys].sort((a, b) => a.localeCompare(b, "en", { numeric: true }));
}

function attrsOf(o: { attrs: unknown }): AttrMap {
  return o.attrs as AttrMap;
}

function attrString(a: AttrMap, k: string): string {
  return k in a ? asString(a[k].value) : "";
}

/** Copy `src` of `shape` (row-major) into `[nE, ny, nx]` order; a dim of -1 is absent (size 1). */
function toEYX(src: ArrayLike<number>, shape: readonly number[], eDim: number, yDim: number, xDim: number): Float64Array {
  const strides = new Array<number>(shape.length);
  let s = 1;
  for (let d = shape.length - 1; d >= 0; d--) {
    strides[d] = s;
    s *= shape[d];
  }
  const nE = eDim >= 0 ? shape[eDim] : 1;
  const ny = yDim >= 0 ? shape[yDim] : 1;
  const nx = xDim >= 0 ? shape[xDim] : 1;
  const se = eDim >= 0 ? strides[eDim] : 0;
  const sy = yDim >= 0 ? strides[yDim] : 0;
  const sx = xDim >= 0 ? strides[xDim] : 0;
  const out = new Float64Array(nE * ny * nx);
  let k = 0;
  for (let e = 0; e < nE; e++) {
    for (let y = 0; y < ny; y++) {
      const base = e * se + y * sy;
      for (let x = 0; x < nx; x++) out[k++] = Number(src[base + x * sx]);
    }
  }
  return out;
}

function scanTypeOf(st: string, rank: number, hasEnergyDim: boolean): ScanType {
  const t = st.toLowerCase();
  if (rank === 3) return "stack";
  if (rank === 1 || rank === 0) return "point";
  if (t.includes("line")) return "line";
  if (t.includes("image") || t.includes("focus")) return "image";
  return hasEnergyDim ? "line" : "image";
}

function quantityOf(q: string): Stack["quantity"] {
  return q === "od" || q === "transmission" ? q : "counts";
}

function readEntries(h5: H5Module, f: H5Group, name: string, opts: NxstxmOptions): StxmScan {
  const file = baseName(name);
  const maxValues = opts.maxValues ?? DEFAULT_MAX_VALUES;
  const reject = opts.rejectNonFinite ?? false;
  const isGroup = (e: unknown): e is H5Group => e instanceof h5.Group;
  const isDataset = (e: unknown): e is H5Dataset => e instanceof h5.Dataset;
  const rootAttrs = attrsOf(f);

  const seen: string[] = [];
  const entries: { key: string; g: H5Group }[] = [];
  for (const key of naturalKeys(f.keys())) {
    const g = f.get(key);
    if (!isGroup(g)) continue;
    const cls = attrString(attrsOf(g), "NX_class");
    const defDs = g.get("definition");
    const def = isDataset(defDs) ? asString(defDs.value).trim() : "";
    if (cls === "NXentry" || def) seen.push(`${key} (NX_class "${cls}", definition "${def}")`);
    if (def === "NXstxm" && (cls === "NXentry" || cls === "")) entries.push({ key, g });
  }
  if (entries.length === 0) {
    fail(file, "NXentry/definition", 'at least one NXentry with definition "NXstxm"', seen.length ? seen.join(", ") : "no NXentry groups");
  }

  const stacks: Stack[] = [];
  entries.forEach(({ key, g }, r) => {
    const entryField = `/${key}`;
    const str = (p: string): string => {
      const d = g.get(p);
      return isDataset(d) ? asString(d.value) : "";
    };
    const entryMeta = {
      format: "nxstxm",
      entry: key,
      title: str("title"),
      startTime: str("start_time"),
      endTime: str("end_time"),
      definitionVersion: (() => {
        const d = g.get("definition");
        return isDataset(d) ? attrString(attrsOf(d), "version") : "";
      })(),
    };
    const dataGroups: { name: string; g: H5Group }[] = [];
    const monitorGroups: { name: string; g: H5Group }[] = [];
    for (const k of naturalKeys(g.keys())) {
      const c = g.get(k);
      if (!isGroup(c)) continue;
      const cls = attrString(attrsOf(c), "NX_class");
      if (cls === "NXdata") dataGroups.push({ name: k, g: c });
      else if (cls === "NXmonitor") monitorGroups.push({ name: k, g: c });
    }
    if (dataGroups.length === 0) fail(file, entryField, "at least one NXdata group (a detector channel)", "none");

    dataGroups.forEach(({ name: chName, g: dg }, c) => {
      const field = `${entryField}/${chName}`;
      const ga = attrsOf(dg);
      // The signal field: group @signal, else the older per-field @signal=1, else "data".
      let signal = attrString(ga, "signal");
      const members = dg.keys();
      if (!signal) {
        for (const k of members) {
          const d = dg.get(k);
          if (isDataset(d) && "signal" in attrsOf(d) && Number(asNumbers(attrsOf(d)["signal"].value)[0]) === 1) signal = k;
        }
      }
      if (!signal) signal = "data";
      const ds = dg.get(signal);
      if (!isDataset(ds)) fail(file, `${field}/${signal}`, "the signal dataset named by @signal", "no such dataset");
      const shape = ds.shape ?? [];
      const rank = shape.length;
      if (rank > 3) fail(file, `${field}/${signal}`, "rank 1 (point), 2 (image / line) or 3 (stack) data", `shape [${shape.join(", ")}]`);
      checkSize(file, `${field}/${signal} shape`, shape, maxValues);

      // Which dimension each axis name indexes.
      const dimOf = new Map<string, number>();
      const axesNames = "axes" in ga ? asStrings(ga["axes"].value) : [];
      axesNames.forEach((a, i) => {
        if (a !== "." && axesNames.length === rank) dimOf.set(a, i);
      });
      for (const k of Object.keys(ga)) {
        const m = /^(.*)_indices$/.exec(k);
        if (m) dimOf.set(m[1], asNumbers(ga[k].value)[0]);
      }
      let convention = dimOf.size > 0 ? "axes" : "";
      if (dimOf.size === 0) {
        for (const k of members) {
          const d = dg.get(k);
          if (!isDataset(d)) continue;
          const da = attrsOf(d);
          if ("axis" in da) {
            dimOf.set(k, asNumbers(da["axis"].value)[0] - 1);
            convention = "axis";
          }
        }
      }
      if (dimOf.size === 0) {
        convention = "default";
        if (rank === 3) ["energy", "sample_y", "sample_x"].forEach((a, i) => dimOf.set(a, i));
        else if (rank === 2 && members.includes("line_position")) ["energy", "line_position"].forEach((a, i) => dimOf.set(a, i));
        else if (rank === 2) ["sample_y", "sample_x"].forEach((a, i) => dimOf.set(a, i));
        else if (rank === 1) dimOf.set("energy", 0);
      }
      const dim = (a: string): number => {
        const d = dimOf.get(a);
        return d !== undefined && Number.isInteger(d) && d >= 0 && d < rank ? d : -1;
      };
      const stxmScanType = str(`${chName}/stxm_scan_type`);
      const scanType = scanTypeOf(stxmScanType, rank, dim("energy") >= 0);
      let eDim = -1;
      let yDim = -1;
      let xDim = -1;
      if (scanType === "stack") {
        [eDim, yDim, xDim] = [dim("energy"), dim("sample_y"), dim("sample_x")];
        if (new Set([eDim, yDim, xDim]).size !== 3 || eDim < 0 || yDim < 0 || xDim < 0) {
          fail(file, `${field} axes`, "energy, sample_y and sample_x on three distinct dimensions", `[${axesNames.join(", ")}] (${convention} convention)`);
        }
      } else if (scanType === "image") {
        [yDim, xDim] = [dim("sample_y"), dim("sample_x")];
        if (yDim < 0 || xDim < 0 || yDim === xDim) [yDim, xDim] = [0, 1];
      } else if (scanType === "line") {
        eDim = dim("energy") >= 0 ? dim("energy") : 0;
        xDim = 1 - eDim;
      } else if (rank === 1) eDim = 0;

      const readDs = (p: string): Float64Array | undefined => {
        const d = dg.get(p);
        if (!isDataset(d)) return undefined;
        checkSize(file, `${field}/${p} shape`, d.shape ?? [], maxValues);
        return asNumbers(d.value);
      };
      const nE = eDim >= 0 ? shape[eDim] : 1;
      const ny = yDim >= 0 ? shape[yDim] : 1;
      const nx = xDim >= 0 ? shape[xDim] : 1;
      let energies = readDs("energy");
      if (!energies) {
        const mono = g.get("instrument/monochromator/energy");
        energies = isDataset(mono) ? asNumbers(mono.value) : undefined;
      }
      if (!energies || energies.length === 0) fail(file, `${field}/energy`, `photon energies (${nE} values, eV)`, "no energy dataset");
      if (energies.length !== nE) {
        if (scanType === "image" && energies.length >= 1) energies = energies.subarray(0, 1);
        else fail(file, `${field}/energy`, `${nE} values (data shape [${shape.join(", ")}])`, `${energies.length}`);
      }
      const posField = (a: string, n: number): Float64Array | undefined => {
        const v = readDs(a);
        if (v === undefined) return undefined;
        if (v.length !== n) fail(file, `${field}/${a}`, `${n} positions (data shape [${shape.join(", ")}])`, `${v.length}`);
        return v;
      };
      let x: Float64Array | undefined;
      let y: Float64Array | undefined;
      const extra: Record<string, unknown> = {};
      if (scanType === "line") {
        const sx = readDs("sample_x");
        const sy = readDs("sample_y");
        if (sx && sx.length === nx) extra["lineSampleX"] = sx;
        if (sy && sy.length === nx) extra["lineSampleY"] = sy;
        x = posField("line_position", nx) ?? (sx && sx.length === nx ? sx : undefined);
      } else if (scanType !== "point") {
        x = posField("sample_x", nx);
        y = posField("sample_y", ny);
      }
      const unitsOf = (p: string): string => {
        const d = dg.get(p);
        return isDataset(d) ? attrString(attrsOf(d), "units") : "";
      };
      // count_time (s) → dwell (ms), per energy.
      let dwell = new Float64Array(nE).fill(1);
      const ct = readDs("count_time");
      if (ct && ct.length > 0) {
        const toMs = (v: number): number => Number((v * 1000).toPrecision(15));
        if (ct.length === nE) dwell = ct.map(toMs);
        else if (ct.length === 1) dwell.fill(toMs(ct[0]));
        else if (ct.length === nE * ny * nx) {
          const per = ny * nx;
          for (let e = 0; e < nE; e++) {
            let sum = 0;
            for (let i = 0; i < per; i++) sum += ct[e * per + i];
            dwell[e] = toMs(sum / per);
          }
        } else fail(file, `${field}/count_time`, `${nE} values (one per energy) or 1`, `${ct.length}`);
      }
      const raw = ds.value;
      const data = toEYX(raw as ArrayLike<number>, shape, eDim, yDim, xDim);
      const monitors: Record<string, MonitorData> = {};
      for (const { name: mName, g: mg } of monitorGroups) {
        const md = mg.get(attrString(attrsOf(mg), "signal") || "data");
        if (!isDataset(md)) continue;
        const mShape = md.shape ?? [];
        checkSize(file, `${entryField}/${mName}/data shape`, mShape, maxValues);
        const same = mShape.length === shape.length && mShape.every((v, i) => v === shape[i]);
        const mv = md.value;
        monitors[mName] = {
          data: same ? toEYX(mv as ArrayLike<number>, shape, eDim, yDim, xDim) : asNumbers(mv),
          units: attrString(attrsOf(md), "units"),
          sameShape: same,
        };
      }
      stacks.push(
        makeStack({
          data,
          nE,
          ny,
          nx,
          energies,
          x,
          y,
          dwell,
          quantity: quantityOf(attrString(attrsOf(ds), "quantity")),
          channel: attrString(ga, "channel_name") || chName,
          scanType,
          source: name,
          metadata: {
            ...entryMeta,
            region: r,
            channelIndex: c,
            dataGroup: chName,
            stxmScanType,
            axesConvention: convention,
            dataUnits: attrString(attrsOf(ds), "units"),
            xUnit: unitsOf(scanType === "line" && dg.keys().includes("line_position") ? "line_position" : "sample_x"),
            yUnit: unitsOf("sample_y"),
            ringCurrent: (() => {
              const d = g.get("instrument/source/current");
              return isDataset(d) ? asNumbers(d.value)[0] : undefined;
            })(),
            monitors,
            ...extra,
            nonFiniteCount: nonFinitePolicy(file, `${field}/${signal}`, data, reject),
          },
        }),
      );
    });
  });
  return {
    format: "nxstxm",
    source: name,
    stacks,
    metadata: {
      entries: entries.map((e) => e.key),
      nexusVersion: attrString(rootAttrs, "NeXus_version"),
      hdf5Version: attrString(rootAttrs, "HDF5_Version"),
      fileTime: attrString(rootAttrs, "file_time"),
    },
    warnings: [],
  };
}

function checkSignature(path: string, file: string): void {
  const fd = openSync(path, "r");
  try {
    const size = fstatSync(fd).size;
    const head = new Uint8Array(Math.min(size, 8));
    readSync(fd, head, 0, head.length, 0);
    let ok = hasHdf5Signature(head);
    for (let off = 512; !ok && off + 8 <= size && off <= 1 << 20; off *= 2) {
      const b = new Uint8Array(8);
      readSync(fd, b, 0, 8, off);
      ok = hasHdf5Signature(b);
    }
    if (!ok) {
      const shown = Array.from(head.subarray(0, 8), (v) => v.toString(16).padStart(2, "0")).join(" ");
      fail(file, "signature", 'an HDF5 file (bytes 89 48 44 46 0d 0a 1a 0a, "\\x89HDF\\r\\n\\x1a\\n")', size === 0 ? "an empty file" : shown);
    }
  } finally {
    closeSync(fd);
  }
}

/**
 * Read an NXstxm file from disk (opened read-only; never modified).
 *
 * Shapes: stacks `[nE, ny, nx]` (whatever the order on disk, per the axes attributes);
 * images `[1, ny, nx]`; line spectra `[nE, 1, nPositions]` with `x` = `line_position`
 * (µm) and the sample x/y along the line in `metadata.lineSampleX/Y`; point spectra `[nE, 1, 1]`.
 * Energies in eV; dwell = `count_time` × 1000 (ms); x, y as stored (`metadata.xUnit`, usually µm).
 *
 * @param path the `.hdf5` / `.h5` / `.nxs` file.
 * @param options `{ name, rejectNonFinite, maxValues }`.
 * @returns one stack per NXstxm entry × NXdata group; monitors in `metadata.monitors`.
 * @throws StxmFileError e.g. `a.h5: NXentry/definition: expected at least one NXentry with definition "NXstxm", got …`.
 * @example
 * const scan = await readNxstxm("Sample_Stack_2021-03-16_128.hdf5");
 * scan.stacks[0].nE; // 4
 * monitorOf(scan.stacks[0], "control")?.units; // "mA"
 */
export async function readNxstxm(path: string, options: NxstxmOptions = {}): Promise<StxmScan> {
  checkOptions("readNxstxm", options, READ_OPTION_KEYS);
  const name = options.name ?? path;
  checkSignature(path, baseName(name));
  const h5 = await loadH5wasm();
  let f: InstanceType<H5Module["File"]>;
  const file = baseName(name);
  try {
    f = new h5.File(path, "r");
  } catch (e) {
    throw new StxmFileError(file, "HDF5", `expected a readable HDF5 file, got an error from the HDF5 library: ${(e as Error).message}`);
  }
  if (typeof f.file_id !== "bigint" || f.file_id < 0n) {
    throw new StxmFileError(file, "HDF5", "expected a readable HDF5 file, got one the HDF5 library cannot open (truncated or damaged?)");
  }
  try {
    return readEntries(h5, f, name, options);
  } catch (e) {
    if (e instanceof StxmFileError) throw e;
    throw new StxmFileError(file, "HDF5", `expected a readable NXstxm file, got an error from the HDF5 library: ${(e as Error).message ?? String(e)}`);
  } finally {
    f.close();
  }
}

/**
 * Read NXstxm from bytes (e.g. an upload). The bytes are written to a private temporary
 * file for the HDF5 library and removed afterwards.
 *
 * @param bytes the whole HDF5 file.
 * @param options `{ name, rejectNonFinite, maxValues }`.
 * @returns as {@link readNxstxm}.
 * @example
 * const scan = await parseNxstxm(readFileSync("a.hdf5"), { name: "a.hdf5" });
 */
export async function parseNxstxm(bytes: Uint8Array, options: NxstxmOptions = {}): Promise<StxmScan> {
  checkOptions("parseNxstxm", options, READ_OPTION_KEYS);
  const name = options.name ?? "";
  const file = baseName(name) || "NXstxm bytes";
  if (!hasHdf5Signature(bytes)) fail(file, "signature", 'an HDF5 file (bytes 89 48 44 46 0d 0a 1a 0a, "\\x89HDF\\r\\n\\x1a\\n")', bytes.length === 0 ? "no bytes" : Array.from(bytes.subarray(0, 8), (v) => v.toString(16).padStart(2, "0")).join(" "));
  const dir = mkdtempSync(join(tmpdir(), "edgeworks-nxstxm-"));
  const tmp = join(dir, "input.h5");
  try {
    writeFileSync(tmp, bytes);
    return await readNxstxm(tmp, { ...options, name: name || file });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
