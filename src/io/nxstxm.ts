/**
 * Read NeXus NXstxm files (HDF5) through h5wasm, by the NeXus rules (see {@link module:nexusData}):
 * one stack per STXM entry (region) × detector channel (NXdata), each dimension's coordinates
 * from the axis the file says spans it, whatever its name; `count_time` as dwell; NXmonitor
 * groups (e.g. `control`, the storage-ring current) in `metadata.monitors`.
 *
 * **What each scan becomes.** Every scan is a {@link Stack} `[nE, ny, nx]`; the file's dimensions
 * fill the three slots as follows, and `metadata.kind` and `metadata.axes` say what they are:
 *
 * | signal | slots | `scanType` | `metadata.kind` |
 * |---|---|---|---|
 * | energy × a × b | E = energy, y = a, x = b | "stack" | "stack" |
 * | a × b × c, no energy axis | E = a (frames), y = b, x = c | "stack" | "frames" (or "sinogram" when an axis is an angle) |
 * | energy × a | E = energy, x = a (line position) | "line" | "line" |
 * | a × b, no energy axis | y = a, x = b | "image" | "image", "focus" (`stxm_scan_type` "… focus"), "sinogram" |
 * | energy | E | "point" | "point" |
 * | a, no energy axis | x = a | "image" | "profile" |
 * | one value (rank 0) | `[1, 1, 1]` | "point" | "point" |
 *
 * `energies` always holds the photon energy of each E slot: the energy axis when there is one,
 * else the scan's one photon energy repeated (a warning when the file records several).
 * `metadata.axes` = `{ e, y, x }`, each `{ name, units, dim }`: the field that gave the
 * coordinates ("" when the slot is not a dimension of the file) and the file dimension (−1).
 * `x` / `y` hold those fields' values as stored (µm for sample positions, whatever units the
 * field has otherwise: `metadata.axes.y.units`); slots without an axis field count 0, 1, 2, …
 *
 * **Reading part of a stack.** The `select` option reads an index range of energies, rows and
 * columns (or an energy interval in eV) through HDF5 hyperslabs, without loading the rest.
 *
 * @module
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { makeStack, type Stack } from "../types/stack";
import { StxmFileError, baseName, checkOptions, countNonFinite, fail, DEFAULT_MAX_VALUES } from "./errors";
import { H5Reader, type DatasetInfo, type Hyperslab } from "./h5Read";
import { SIGNATURE_EXPECTED, hasHdf5Signature, hexHead, signatureHint } from "./h5Signature";
import { ENERGY_NAMES, definitionOf, findChannels, findStxmEntries, resolveAxes, type StxmEntry } from "./nexusData";
import { checkRange, checkSelect, energyIndexRange, type NxstxmRange, type NxstxmSelect } from "./nxstxmSelect";
import { scanSlots, toEYX, type NxstxmKind } from "./scanSlots";
import { READ_OPTION_KEYS, type MonitorData, type ReadOptions, type StxmScan } from "./scan";

export type { NxstxmKind, NxstxmRange, NxstxmSelect };

/** Options of {@link readNxstxm} and {@link parseNxstxm}: the read options plus `select`. */
export interface NxstxmOptions extends ReadOptions {
  /** Read only part of each stack (see {@link NxstxmSelect}); default: everything. */
  select?: NxstxmSelect;
}

/** The field that gave one slot's coordinates. */
export interface SlotAxis {
  /** Field name ("" when the slot is not a dimension of the file). */
  readonly name: string;
  /** Its `@units` ("" when absent). */
  readonly units: string;
  /** The file dimension it spans (−1 when none). */
  readonly dim: number;
  /**
   * For the E slot of a scan without an energy axis ("frames", 3-D "sinogram"): the values of
   * the axis the frames follow (e.g. angles, times), length `nE`; `energies` holds the photon energy.
   */
  readonly values?: Float64Array;
}

const NXSTXM_OPTION_KEYS: readonly string[] = [...READ_OPTION_KEYS, "select"];

function quantityOf(q: string): Stack["quantity"] {
  return q === "od" || q === "transmission" ? q : "counts";
}

/**
 * Read a 1-D numeric axis field of `n` values, finite. An axis of `n + 1` values holds bin
 * edges (NeXus histogram data): the bin centres are returned, with a warning.
 */
function readAxis(r: H5Reader, path: string, n: number, shape: readonly number[], what: string, maxValues: number, warnings: string[]): Float64Array {
  const info = r.info(path);
  r.checkNumeric(info, what);
  const len = info.shape.length === 0 ? 1 : info.shape.length === 1 ? info.shape[0] : -1;
  if (len !== n && !(len === n + 1 && n > 0)) {
    throw new StxmFileError(r.file, path, `expected ${n} values of ${what} (one per index of the dimension it spans; data shape [${shape.join(", ")}]), got shape [${info.shape.join(", ")}]`);
  }
  const v = r.readNumbers(info, what, undefined, maxValues);
  for (let i = 0; i < v.length; i++) {
    if (!Number.isFinite(v[i])) throw new StxmFileError(r.file, path, `expected finite ${what}, got ${v[i]} at index ${i}`);
  }
  if (len === n) return v;
  warnings.push(`${path}: ${n + 1} values for ${n} points (bin edges); used the bin centres`);
  const c = new Float64Array(n);
  for (let i = 0; i < n; i++) c[i] = (v[i] + v[i + 1]) / 2;
  return c;
}

/** Read one NXdata channel of one entry as a Stack. */
function readChannel(
  r: H5Reader,
  entry: StxmEntry,
  region: number,
  chName: string,
  channelIndex: number,
  monitorNames: readonly string[],
  entryMeta: Record<string, unknown>,
  name: string,
  opts: NxstxmOptions,
  warnings: string[],
): Stack {
  const file = r.file;
  const maxValues = opts.maxValues ?? DEFAULT_MAX_VALUES;
  const gp = `${entry.path}/${chName}`;
  const members = r.keys(gp);
  const isDs = (k: string): boolean => members.includes(k) && r.kind(`${gp}/${k}`) === "dataset";
  const text = (k: string): string => (isDs(k) ? r.readText(`${gp}/${k}`) : "");
  const stxmScanType = text("stxm_scan_type");
  const ax = resolveAxes(r, gp, stxmScanType.toLowerCase(), warnings);
  const { info, dims, signal } = ax;
  const shape = info.shape;
  const rank = shape.length;
  const sigPath = `${gp}/${signal}`;
  if (rank > 3) {
    throw new StxmFileError(file, sigPath, `expected rank 0 (one value), 1 (point spectrum or profile), 2 (image, line spectrum, focus) or 3 (stack) data, got shape [${shape.join(", ")}] (axes [${dims.join(", ")}])`);
  }
  // Type and declared size first (before reading anything); with `select`, the size of the part is checked when read.
  if (opts.select) r.checkType(info, "detector values");
  else r.checkNumeric(info, "detector values");
  const unitsOf = (k: string): string => (k && isDs(k) ? r.attrString(`${gp}/${k}`, "units") : "");
  const units = dims.map(unitsOf);
  const { eAxis, eDim, yDim, xDim, kind, scanType } = scanSlots(dims, units, stxmScanType, r.file, gp);

  // The part to read.
  const sel = opts.select;
  const fullLen = (d: number): number => (d >= 0 ? shape[d] : 1);
  const where = `${name}: ${gp}, slots [${fullLen(eDim)}, ${fullLen(yDim)}, ${fullLen(xDim)}]`;
  const fn = "readNxstxm";
  let eRange: [number, number] = [0, fullLen(eDim)];
  const yRange: [number, number] = sel?.rows !== undefined ? checkRange(fn, "select.rows", sel.rows, fullLen(yDim), where) : [0, fullLen(yDim)];
  const xRange: [number, number] = sel?.columns !== undefined ? checkRange(fn, "select.columns", sel.columns, fullLen(xDim), where) : [0, fullLen(xDim)];
  if (sel?.energyIndices !== undefined) eRange = checkRange(fn, "select.energyIndices", sel.energyIndices, fullLen(eDim), where);

  // Coordinates of each slot.
  const axisValues = (d: number, what: string): Float64Array | undefined => {
    if (d < 0) return undefined;
    const a = dims[d];
    if (!a) {
      warnings.push(`${gp}: no axis field spans dimension ${d} of ${signal} [${shape.join(", ")}]; ${what} counted 0, 1, 2, …`);
      return undefined;
    }
    if (!isDs(a)) {
      warnings.push(`${gp}: axis "${a}" of dimension ${d} is not a dataset in the group; ${what} counted 0, 1, 2, …`);
      return undefined;
    }
    return readAxis(r, `${gp}/${a}`, shape[d], shape, what, maxValues, warnings);
  };
  const frameFull = eDim >= 0 && eAxis !== eDim ? axisValues(eDim, "frame positions") : undefined;
  const yFull = axisValues(yDim, "positions");
  const xFull = axisValues(xDim, "positions");
  let energiesFull: Float64Array;
  if (eDim >= 0 && eAxis === eDim) {
    if (!isDs(dims[eDim])) fail(file, `${gp}/${dims[eDim]}`, `photon energies (${shape[eDim]} values, eV)`, "no energy dataset");
    energiesFull = readAxis(r, `${gp}/${dims[eDim]}`, shape[eDim], shape, "photon energies (eV)", maxValues, warnings);
    if (/^keV$/.test(units[eDim].trim())) energiesFull = energiesFull.map((v) => v * 1000);
  } else {
    // No energy dimension: the scan's photon energy, repeated for each E slot.
    const n = fullLen(eDim);
    const src = ENERGY_NAMES.map((k) => `${gp}/${k}`).find((p) => r.kind(p) === "dataset") ?? (r.kind(`${entry.path}/instrument/monochromator/energy`) === "dataset" ? `${entry.path}/instrument/monochromator/energy` : "");
    if (!src) fail(file, `${gp}/energy`, `photon energies (${n} value${n === 1 ? "" : "s"}, eV)`, "no energy dataset");
    const ei = r.info(src);
    r.checkNumeric(ei, "photon energies (eV)");
    if (ei.count === 0) fail(file, src, "photon energies (eV)", "an empty dataset");
    if (ei.count > maxValues) fail(file, src, `at most ${maxValues} photon energies`, `${ei.count}`);
    const ev = r.readNumbers(ei, "photon energies (eV)", undefined, maxValues);
    for (let i = 0; i < ev.length; i++) if (!Number.isFinite(ev[i])) throw new StxmFileError(file, src, `expected finite photon energies (eV), got ${ev[i]} at index ${i}`);
    if (ev.length === n && n > 1) energiesFull = ev;
    else {
      if (ev.some((v) => v !== ev[0])) warnings.push(`${src}: ${ev.length} photon energies, not all equal, but no dimension of ${signal} [${shape.join(", ")}] is an energy axis; used the first, ${ev[0]} eV, for the whole scan`);
      energiesFull = new Float64Array(n).fill(ev[0]);
    }
  }
  if (sel?.energyRange !== undefined) eRange = energyIndexRange(fn, energiesFull, sel.energyRange, gp);

  // The signal, only the selected part.
  const slotRange = (d: number): [number, number] => (d === eDim ? eRange : d === yDim ? yRange : xRange);
  const slab: Hyperslab | undefined = rank === 0 ? undefined : { offset: shape.map((_, d) => slotRange(d)[0]), count: shape.map((_, d) => slotRange(d)[1] - slotRange(d)[0]) };
  const whole = slab === undefined || slab.count.every((c, d) => c === shape[d]);
  const readPart = (di: DatasetInfo, what: string): Float64Array => {
    const v = r.readNumbers(di, what, whole ? undefined : slab, maxValues);
    return rank === 0 ? v : toEYX(v, slab ? slab.count : [], eDim, yDim, xDim);
  };
  const data = readPart(info, "detector values");
  const nE = eRange[1] - eRange[0];
  const ny = yRange[1] - yRange[0];
  const nx = xRange[1] - xRange[0];
  const energies = energiesFull.slice(eRange[0], eRange[1]);
  const y = yFull?.slice(yRange[0], yRange[1]);
  const x = xFull?.slice(xRange[0], xRange[1]);

  // count_time (s) → dwell (ms) per energy.
  let dwell = new Float64Array(nE).fill(1);
  if (isDs("count_time")) {
    const cp = `${gp}/count_time`;
    const ci = r.info(cp);
    const sameShape = ci.shape.length === rank && ci.shape.every((v, i) => v === shape[i]) && rank > 0;
    const ct = sameShape ? readPart(ci, "count times (s)") : r.readNumbers(ci, "count times (s)", undefined, maxValues);
    for (let i = 0; i < ct.length; i++) {
      if (!Number.isFinite(ct[i]) || ct[i] < 0) throw new StxmFileError(file, cp, `expected non-negative count times (s), got ${ct[i]} at index ${i}`);
    }
    const toMs = (v: number): number => Number((v * 1000).toPrecision(15));
    if (sameShape) {
      const per = ny * nx;
      for (let e = 0; e < nE; e++) {
        let sum = 0;
        for (let i = 0; i < per; i++) sum += ct[e * per + i];
        dwell[e] = toMs(sum / per);
      }
    } else if (ct.length === 1) dwell.fill(toMs(ct[0]));
    else if (eDim >= 0 && ct.length === shape[eDim]) dwell = ct.slice(eRange[0], eRange[1]).map(toMs);
    else if (ct.length > 0) {
      fail(file, cp, `${eDim >= 0 ? shape[eDim] : 1} values (one per energy), 1, or one per data point [${shape.join(", ")}]`, `shape [${ci.shape.join(", ")}]`);
    }
  }

  // Line scans: the sample x/y along the line (auxiliary axes on the line dimension).
  const extra: Record<string, unknown> = {};
  if (kind === "line") {
    for (const [k, key] of [["sample_x", "lineSampleX"], ["sample_y", "lineSampleY"]] as const) {
      const idx = ax.auxiliary.get(k);
      if (dims[xDim] !== k && isDs(k) && (idx === undefined || (idx.length === 1 && idx[0] === xDim))) {
        const ki = r.info(`${gp}/${k}`);
        if (ki.shape.length === 1 && ki.shape[0] === shape[xDim]) extra[key] = readAxis(r, `${gp}/${k}`, shape[xDim], shape, "positions along the line", maxValues, warnings).slice(xRange[0], xRange[1]);
      }
    }
  }

  // Monitors (same shape as the data: same part, same order).
  const monitors: Record<string, MonitorData> = {};
  for (const m of monitorNames) {
    const mp = `${entry.path}/${m}`;
    const sig = r.attrString(mp, "signal") || "data";
    if (r.kind(`${mp}/${sig}`) !== "dataset") continue;
    const mi = r.info(`${mp}/${sig}`);
    const same = mi.shape.length === rank && mi.shape.every((v, i) => v === shape[i]) && rank > 0;
    const mv = same ? readPart(mi, "monitor values") : r.readNumbers(mi, "monitor values", undefined, maxValues);
    monitors[m] = { data: mv, units: r.attrString(`${mp}/${sig}`, "units"), sameShape: same };
  }

  // Disagreeing energies, uninitialised values.
  const mono = `${entry.path}/instrument/monochromator/energy`;
  if (eAxis >= 0 && r.kind(mono) === "dataset") {
    const mi = r.info(mono);
    if (mi.numeric && mi.count === energiesFull.length && mi.count <= maxValues) {
      const mv = r.readNumbers(mi, "photon energies (eV)");
      let worst = 0;
      for (let i = 0; i < mv.length; i++) worst = Math.max(worst, Math.abs(mv[i] - energiesFull[i]));
      if (!(worst <= 1e-6)) warnings.push(`${mono} disagrees with ${gp}/${dims[eAxis]} by up to ${worst} eV; used ${gp}/${dims[eAxis]}`);
    }
  }
  const nonFinite = countNonFinite(data);
  if (nonFinite > 0) {
    if (opts.rejectNonFinite) throw new StxmFileError(file, sigPath, `expected finite numbers, got ${nonFinite} NaN/Infinity value${nonFinite === 1 ? "" : "s"} (of ${data.length})`);
    const nan = unmeasuredFrames(data, nE, ny * nx, Number.isNaN);
    const rest = nonFinite - nan.length * ny * nx;
    if (nan.length > 0 && nan.length < nE) {
      warnings.push(`${sigPath}: ${framesPhrase(nan, eRange[0], shape[eDim] ?? nE, "NaN")}: not measured (an aborted scan? pyStxm fills a stack with NaN before measuring it) (kept; metadata.nonFiniteCount)${selectHint(nan, nE, eRange[0])}`);
      if (rest > 0) warnings.push(`${sigPath}: ${rest} more of ${data.length} values are NaN or ±Infinity (kept; metadata.nonFiniteCount)`);
    } else warnings.push(`${sigPath}: ${nonFinite} of ${data.length} values are NaN or ±Infinity (kept; metadata.nonFiniteCount)`);
  }
  // Whole energy frames of 0: chunks never written (HDF5's fill value), or a stack written as
  // zeros before it was measured (pystxmcontrol, ALS). Measured counts are never all 0.
  const zero = nE > 1 || info.chunks ? unmeasuredFrames(data, nE, ny * nx, (v) => v === 0) : [];
  if (zero.length === nE && info.chunks) {
    warnings.push(`${sigPath}: all ${data.length} values read are 0, HDF5's fill value for chunks never written: probably not measured`);
  } else if (zero.length > 0 && zero.length < nE) {
    const why = info.chunks ? ", HDF5's fill value for chunks never written: probably not measured (aborted scan?)" : ": probably not measured (an aborted scan? some writers, pystxmcontrol among them, write the stack as zeros before measuring it)";
    warnings.push(`${sigPath}: ${framesPhrase(zero, eRange[0], shape[eDim] ?? nE, "0")}${why}${selectHint(zero, nE, eRange[0])}`);
  }

  const slotAxis = (d: number): SlotAxis => ({ name: d >= 0 ? dims[d] : "", units: d >= 0 ? units[d] : "", dim: d });
  const eSlot: SlotAxis = frameFull ? { ...slotAxis(eDim), values: frameFull.slice(eRange[0], eRange[1]) } : slotAxis(eDim);
  const dataAttrs = r.attrNames(sigPath);
  return makeStack({
    data,
    nE,
    ny,
    nx,
    energies,
    x,
    y,
    dwell,
    quantity: quantityOf(dataAttrs.includes("quantity") ? r.attrString(sigPath, "quantity") : ""),
    channel: (r.attrNames(gp).includes("channel_name") ? r.attrString(gp, "channel_name") : "") || chName,
    scanType,
    source: name,
    metadata: {
      ...entryMeta,
      region,
      channelIndex,
      dataGroup: chName,
      signal,
      stxmScanType,
      kind,
      axes: { e: eSlot, y: slotAxis(yDim), x: slotAxis(xDim) },
      fileShape: [...shape],
      selection: { energyIndices: eRange, rows: yRange, columns: xRange },
      axesConvention: ax.convention,
      dataUnits: dataAttrs.includes("units") ? r.attrString(sigPath, "units") : "",
      xUnit: slotAxis(xDim).units,
      yUnit: slotAxis(yDim).units,
      monitors,
      ...extra,
      nonFiniteCount: nonFinite,
    },
  });
}

function readFile(r: H5Reader, name: string, opts: NxstxmOptions): StxmScan {
  const warnings: string[] = [];
  const entries = findStxmEntries(r, warnings);
  const stacks: Stack[] = [];
  entries.forEach((entry, region) => {
    const str = (k: string): string => (r.kind(`${entry.path}/${k}`) === "dataset" ? r.readText(`${entry.path}/${k}`) : "");
    const defPath = `${entry.path}/definition`;
    let ringCurrent: number | undefined;
    const src = `${entry.path}/instrument/source/current`;
    if (r.kind(src) === "dataset") {
      const si = r.info(src);
      if (si.numeric && si.count >= 1) {
        const v = r.readNumbers(si, "storage-ring current", si.shape.length === 0 ? undefined : { offset: si.shape.map(() => 0), count: si.shape.map(() => 1) });
        ringCurrent = v[0];
      } else warnings.push(`${src}: expected a number (storage-ring current), got ${si.typeText}; ignored`);
    }
    const entryMeta: Record<string, unknown> = {
      format: "nxstxm",
      entry: entry.key,
      entryRecognisedBy: entry.via,
      title: str("title"),
      startTime: str("start_time"),
      endTime: str("end_time"),
      definitionVersion: entry.via !== "names" && r.kind(defPath) === "dataset" ? r.attrString(defPath, "version") : "",
      ringCurrent,
    };
    if (entry.via === "names" && definitionOf(r, entry.path) !== "") entryMeta["definition"] = definitionOf(r, entry.path);
    const { data, monitors } = findChannels(r, entry, warnings);
    data.forEach((ch, c) => {
      stacks.push(readChannel(r, entry, region, ch, c, monitors, entryMeta, name, opts, warnings));
    });
  });
  return {
    format: "nxstxm",
    source: name,
    stacks,
    metadata: {
      entries: entries.map((e) => e.key),
      nexusVersion: r.attrString("/", "NeXus_version"),
      hdf5Version: r.attrString("/", "HDF5_Version"),
      fileTime: r.attrString("/", "file_time"),
    },
    warnings,
  };
}

/**
 * Read an NXstxm file from disk (opened read-only; never modified).
 *
 * Shapes (see the module comment for every scan kind): stacks `[nE, ny, nx]` whatever the order on
 * disk; images `[1, ny, nx]`; line spectra `[nE, 1, nPositions]` with `x` = `line_position` (µm)
 * and the sample x/y along the line in `metadata.lineSampleX/Y`; point spectra `[nE, 1, 1]`.
 * Energies in eV; dwell = `count_time` × 1000 (ms); x, y as stored (`metadata.axes`).
 *
 * A value HDF5 could not read (corrupt or checksum-failing chunk, a compression filter this build
 * lacks) is an error naming the dataset, never stale or zero data. Non-numeric data, NaN/Inf axes
 * or energies, negative count times are errors naming the dataset; what was read past (fallbacks,
 * frames never written, disagreeing energies, NaN in the data) is listed in `warnings`.
 *
 * @param path the `.hdf5` / `.h5` / `.nxs` / `.stxm` file (a regular file).
 * @param options `{ name, rejectNonFinite, maxValues, select }`.
 * @returns one stack per NXstxm entry × NXdata group; monitors in `metadata.monitors`.
 * @throws StxmFileError e.g. `a.h5: /entry1/counter0/data: could not be read: the HDF5 library reported "filter returned failure during read" (damaged file?)`.
 * @example
 * const scan = await readNxstxm("Sample_Stack_2021-03-16_128.hdf5");
 * scan.stacks[0].nE; // 4
 * const band = await readNxstxm("big.hdf5", { select: { rows: [0, 64] } }); // rows 0–63 only
 */
export async function readNxstxm(path: string, options: NxstxmOptions = {}): Promise<StxmScan> {
  checkOptions("readNxstxm", options, NXSTXM_OPTION_KEYS);
  const select = checkSelect("readNxstxm", options.select);
  const name = options.name ?? path;
  const file = baseName(name);
  const r = await H5Reader.open(path, file);
  try {
    return readFile(r, name, { ...options, select });
  } catch (e) {
    // Errors about the options pass through; anything else from the HDF5 library names the file.
    if (e instanceof StxmFileError || ((e instanceof RangeError || e instanceof TypeError) && /^readNxstxm\b/.test(e.message))) throw e;
    throw new StxmFileError(file, "HDF5", `expected a readable NXstxm file, got an error while reading it: ${(e as Error)?.message ?? String(e)}`);
  } finally {
    r.close();
  }
}

/**
 * Read NXstxm from bytes (e.g. an upload). The bytes are written to a private temporary
 * file for the HDF5 library and removed afterwards.
 *
 * @param bytes the whole HDF5 file.
 * @param options `{ name, rejectNonFinite, maxValues, select }`.
 * @returns as {@link readNxstxm}.
 * @example
 * const scan = await parseNxstxm(readFileSync("a.hdf5"), { name: "a.hdf5" });
 */
export async function parseNxstxm(bytes: Uint8Array, options: NxstxmOptions = {}): Promise<StxmScan> {
  checkOptions("parseNxstxm", options, NXSTXM_OPTION_KEYS);
  const name = options.name ?? "";
  const file = baseName(name) || "NXstxm bytes";
  if (!hasHdf5Signature(bytes)) fail(file, "signature", SIGNATURE_EXPECTED, bytes.length === 0 ? "no bytes" : hexHead(bytes) + signatureHint(bytes));
  const dir = mkdtempSync(join(tmpdir(), "edgeworks-nxstxm-"));
  const tmp = join(dir, "input.h5");
  try {
    writeFileSync(tmp, bytes);
    return await readNxstxm(tmp, { ...options, name: name || file });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The energy frames (indices into the `nE` frames of `per` values read) whose every value passes `test`. */
function unmeasuredFrames(data: ArrayLike<number>, nE: number, per: number, test: (v: number) => boolean): number[] {
  const out: number[] = [];
  for (let e = 0; e < nE && per > 0; e++) {
    let all = true;
    for (let i = 0; i < per && all; i++) all = test(data[e * per + i]);
    if (all) out.push(e);
  }
  return out;
}

/** "energy frames 2, 3 of 4 are all NaN" (frame numbers in the whole stack: `first` is the first frame read). */
function framesPhrase(frames: readonly number[], first: number, total: number, what: string): string {
  const one = frames.length === 1;
  return `energy frame${one ? "" : "s"} ${frames.map((e) => e + first).join(", ")} of ${total} ${one ? "is" : "are"} all ${what}`;
}

/** When `frames` are the last frames read: the select that reads the ones before them. */
function selectHint(frames: readonly number[], nE: number, first: number): string {
  const f = frames[0];
  return frames.length === nE - f ? `; select: { energyIndices: [${first}, ${first + f}] } reads the measured ones alone` : "";
}
