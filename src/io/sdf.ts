/**
 * Read ALS-style SDF scans: a `.hdr` header plus `.xim` images (stacks, images, line
 * spectra) or `.xsp` spectra (point scans), with several regions and detector channels.
 * Used by ALS 5.3.2 / 11.0.2 / COSMIC, CLS, SSRL 13-1, pre-2019 SLS PolLux and BESSY MAXYMUS.
 *
 * Image files are found by listing the directory (`<base>_<channel letter><EEE>[<region>].xim`),
 * never by assuming consecutive numbers: real files skip indices (aborted or trimmed stacks).
 * The energy of image `EEE` of region `R` comes from the header record `ImageEEE_R.Energy`
 * when present, else from `ScanDefinition.StackAxis.Points` (by index when the axis is long
 * enough, else by rank when it lists exactly one energy per file found); `metadata.energySource`
 * says which; when a record and the axis disagree by more than 0.01 eV the record is used and
 * `warnings` says so, as for every other fallback (rank matching, an aborted stack, a missing
 * dwell, a channel without files). Some MAXYMUS files name a non-energy StackAxis (e.g. a
 * magnetic field) "Energy": check `metadata.stackAxisUnit` ("eV" for energies).
 *
 * Nothing wrong is returned silently: non-finite energies or positions, negative dwell, an image
 * or spectrum shorter or longer than the header says, a value cut short at the end of a file
 * are errors naming the file and field. `select` reads part of an image stack (see
 * {@link SdfSelection}).
 *
 * @module
 */
import { join, dirname } from "node:path";
import { makeStack, type Stack, type ScanType } from "../types/stack";
import { StxmFileError, baseName, checkOptions, checkSize, fail, nonFinitePolicy, DEFAULT_MAX_VALUES } from "./errors";
import { decodeText, listDirectory, readRegularFile } from "./readRegularFile";
import { READ_OPTION_KEYS, type ReadOptions, type StxmScan } from "./scan";
import { parseSdfHeader, type SdfStruct, type SdfValue } from "./sdfHeader";
import { parseXim } from "./xim";

/**
 * Part of an SDF image stack to read (see {@link readSdf}): only the images whose energy lies in
 * `energyRange` are opened, and only the rows / columns asked for are kept, so a stack larger
 * than memory can be read piece by piece. Every image read is still checked whole.
 */
export interface SdfSelection {
  /** `[min, max]`, inclusive, in the stack axis' unit (eV): the images to read. Default: all. */
  energyRange?: readonly [number, number];
  /** Rows `[start, end)`, 0-based in QAxis (y) order. Default: all. */
  rows?: readonly [number, number];
  /** Columns `[start, end)`, 0-based in PAxis (x) order. Default: all. */
  columns?: readonly [number, number];
}

/** Options of {@link parseSdf} and {@link readSdf}. */
export interface SdfOptions extends ReadOptions {
  /** Read only part of each image stack (energy range, band of rows, columns); image stacks and single images only. */
  select?: SdfSelection;
}

/** The option keys of {@link SdfOptions}. */
const SDF_OPTION_KEYS: readonly string[] = [...READ_OPTION_KEYS, "select"];

/** Largest `.hdr` read (64 MiB): real headers are kilobytes to a few megabytes. */
export const MAX_SDF_HEADER_BYTES = 64 * 2 ** 20;

/** Bytes a text value may take in an `.xim` / `.xsp` (number plus separators), for bounding reads. */
const BYTES_PER_TEXT_VALUE = 48;

/** Energies closer than this (eV) agree: the per-image records print 0.01 eV. */
const ENERGY_TOLERANCE = 0.01;

const LETTERS = "abcdefghijklmnopqrstuvwxyz";

/** Where the data files come from: names found beside the header, and a bounded reader. */
interface DataSource {
  readonly names: Iterable<string>;
  /** The text of data file `f`; refuses more than `maxBytes` bytes. */
  read(f: string, maxBytes: number): string;
}

function isStruct(v: SdfValue | undefined): v is SdfStruct {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function show(v: SdfValue | undefined): string {
  if (v === undefined) return "nothing";
  if (typeof v === "number") return String(v);
  return JSON.stringify(v);
}

/** A count-prefixed array of finite numbers. */
function numbers(v: SdfValue | undefined, file: string, field: string, what: string): Float64Array {
  if (!Array.isArray(v)) fail(file, field, "a count-prefixed array of numbers ( n, a, b, … )", show(v));
  const out = new Float64Array(v.length);
  for (let i = 0; i < v.length; i++) {
    const x = v[i];
    if (typeof x !== "number" || !Number.isFinite(x)) fail(file, `${field}[${i}]`, what, show(x));
    out[i] = x;
  }
  return out;
}

function axisPoints(axis: SdfValue | undefined, file: string, field: string, what: string): Float64Array {
  if (!isStruct(axis)) fail(file, field, "an axis group { Name = …; Points = (n, …); }", show(axis));
  const pts = numbers(axis["Points"], file, `${field}.Points`, what);
  if (pts.length === 0) fail(file, `${field}.Points`, "at least one point", "an empty array");
  return pts;
}

function str(v: SdfValue | undefined): string {
  return typeof v === "string" ? v : v === undefined ? "" : String(v);
}

function isEnergyAxis(axis: SdfValue | undefined): boolean {
  if (!isStruct(axis)) return false;
  return /^energy$/i.test(str(axis["Name"]).trim()) || /^ev$/i.test(str(axis["Unit"]).trim());
}

/** A dwell time (ms) field: undefined when absent; an error when not a finite number ≥ 0. */
function dwellField(v: SdfValue | undefined, file: string, field: string): number | undefined {
  if (v === undefined) return undefined;
  if (typeof v !== "number" || !Number.isFinite(v) || v < 0) fail(file, field, "a dwell time in ms (a finite number >= 0)", show(v));
  return v;
}

/** Per-energy dwell (ms) listed by `ImageScan.EnergyRegions`, or undefined when absent or unusable. */
function energyRegionDwell(hdr: SdfStruct, file: string): number[] | undefined {
  const scan = hdr["ImageScan"];
  if (!isStruct(scan) || !Array.isArray(scan["EnergyRegions"])) return undefined;
  const out: number[] = [];
  const regions = scan["EnergyRegions"];
  for (let i = 0; i < regions.length; i++) {
    const r = regions[i];
    if (!isStruct(r)) return undefined;
    const n = r["Points"];
    const d = dwellField(r["DwellTime"], file, `ImageScan.EnergyRegions[${i}].DwellTime`);
    if (typeof n !== "number" || d === undefined || !Number.isInteger(n) || n < 0 || n > 1e6) return undefined;
    for (let k = 0; k < n; k++) out.push(d);
  }
  return out;
}

function checkRange(range: unknown, option: string, ordered: boolean): [number, number] | undefined {
  if (range === undefined) return undefined;
  const ok = Array.isArray(range) && range.length === 2 && range.every((v) => typeof v === "number" && Number.isFinite(v));
  if (!ok || (ordered ? !(range[0] <= range[1]) : !(Number.isInteger(range[0]) && Number.isInteger(range[1]) && range[0] >= 0 && range[0] < range[1]))) {
    const want = ordered ? "[min, max] with finite min <= max" : "[start, end) with integers 0 <= start < end";
    throw new RangeError(`readSdf: option ${option} must be ${want}, got ${JSON.stringify(range)}`);
  }
  return [range[0] as number, range[1] as number];
}

interface DataFile {
  channel: number;
  digits: string;
  file: string;
}

/**
 * Assemble the stacks of an SDF scan from its header text and its data files.
 * Pure: the data files are passed in as a map from file name (no directory) to text.
 *
 * Shapes: stacks and images are `[nE, nQ, nP]` (y = QAxis, x = PAxis, µm as in the header);
 * line spectra are `[nE, 1, nPositions]` with `x` the positions along the line; point
 * spectra `[nE, 1, 1]`. Energies in eV, dwell in ms.
 *
 * Energies: the per-image record `ImageNNN_R.Energy` when present, else
 * `ScanDefinition.StackAxis.Points`; when both are present and differ by more than 0.01 eV
 * the records are used and `warnings` says so. Every energy, axis point and dwell must be a
 * finite number (dwell >= 0): NaN, ±Infinity or a negative dwell is an error naming the field.
 *
 * @param headerText the `.hdr` contents.
 * @param files data files by name, e.g. `{ "scan_a003.xim": "…" }` (a `Map` or a plain object).
 * @param options `{ name }` (the header's file name, e.g. "scan.hdr": its base name selects
 *   the data files), `rejectNonFinite`, `maxValues`, `select` (see {@link SdfSelection}).
 * @returns all stacks, region-major then channel (`metadata.region`, `metadata.channelIndex`),
 *   and `warnings` (also in each stack's `metadata.warnings` when they concern it).
 * @throws StxmFileError naming the file and field: sizes that disagree with the header,
 *   truncated images, missing energy records, non-finite energies or positions, absurd sizes.
 * @example
 * const scan = parseSdf(hdrText, { "scan_a000.xim": xim0, "scan_a001.xim": xim1 }, { name: "scan.hdr" });
 * scan.stacks[0].energies; // Float64Array [nE] in eV
 */
export function parseSdf(
  headerText: string,
  files: ReadonlyMap<string, string> | Readonly<Record<string, string>>,
  options: SdfOptions = {},
): StxmScan {
  checkOptions("parseSdf", options, SDF_OPTION_KEYS);
  const name = options.name ?? "scan.hdr";
  const fileMap: ReadonlyMap<string, string> = files instanceof Map ? files : new Map(Object.entries(files));
  const source: DataSource = {
    names: [...fileMap.keys()],
    read(f: string, maxBytes: number): string {
      const text = fileMap.get(f) as string;
      if (typeof text !== "string") throw new TypeError(`parseSdf: the data file ${f} must be given as text, got ${typeof text}`);
      if (text.length > maxBytes) throw new StxmFileError(f, "file", `is ${text.length} characters; the header justifies at most ${maxBytes}`);
      return text;
    },
  };
  return assembleSdf(headerText, source, baseName(name).replace(/\.hdr$/i, ""), name, options);
}

/** The work of {@link parseSdf} and {@link readSdf}, with the base name of the data files given apart from the display name. */
function assembleSdf(headerText: string, source: DataSource, base: string, name: string, options: SdfOptions): StxmScan {
  const file = baseName(name);
  const maxValues = options.maxValues ?? DEFAULT_MAX_VALUES;
  const reject = options.rejectNonFinite ?? false;
  const sel = options.select;
  if (sel !== undefined) checkOptions("readSdf: option select", sel, ["energyRange", "rows", "columns"]);
  const energyRange = checkRange(sel?.energyRange, "select.energyRange", true);
  const rowRange = checkRange(sel?.rows, "select.rows", false);
  const colRange = checkRange(sel?.columns, "select.columns", false);
  const warnings: string[] = [];
  const warn = (text: string, into?: string[]): void => {
    const w = `${file}: ${text}`;
    warnings.push(w);
    into?.push(w);
  };

  if (typeof headerText !== "string") throw new TypeError(`parseSdf: expected the header text as a string, got ${typeof headerText}`);
  const hdr = parseSdfHeader(headerText, { name: file });
  const sd = hdr["ScanDefinition"];
  if (!isStruct(sd)) fail(file, "ScanDefinition", "a { … } group describing the scan", show(sd));
  const type = str(sd["Type"]);
  const flags = str(sd["Flags"]);
  const regionsV = sd["Regions"];
  if (!Array.isArray(regionsV) || regionsV.length === 0 || !regionsV.every(isStruct)) {
    fail(file, "ScanDefinition.Regions", "a count-prefixed array of at least one region group", JSON.stringify(regionsV ?? null));
  }
  const regions = regionsV as SdfStruct[];
  const chV = Array.isArray(sd["Channels"]) ? sd["Channels"] : Array.isArray(hdr["Channels"]) ? hdr["Channels"] : [];
  const channelNames = chV.map((c, i) => (isStruct(c) && typeof c["Name"] === "string" ? c["Name"] : `channel ${LETTERS[i] ?? i}`));
  const channelUnits = chV.map((c) => (isStruct(c) ? str(c["Unit"] ?? c["UnitName"]) : ""));
  const isPoint = /point scan/i.test(type) || /^(multi-region )?spectra$/i.test(flags.trim());
  const isLine = !isPoint && /line scan/i.test(type);
  const sdDwell = dwellField(sd["Dwell"], file, "ScanDefinition.Dwell");
  /** The scan's dwell (ms), warning once when the header gives none. */
  let dwellWarning = "";
  const scanDwell = (into: string[]): number => {
    if (sdDwell !== undefined && sdDwell > 0) return sdDwell;
    if (dwellWarning === "") {
      warn(`ScanDefinition.Dwell is ${sdDwell === undefined ? "absent" : "0 (not recorded)"}; dwell set to 1 ms where no per-image dwell is given`, into);
      dwellWarning = warnings[warnings.length - 1];
    } else if (!into.includes(dwellWarning)) into.push(dwellWarning);
    return 1;
  };
  const common = { format: "sdf", scanLabel: type, flags, time: str(hdr["Time"]) };
  if (sel !== undefined && (isPoint || isLine)) {
    throw new RangeError(`readSdf: option select reads part of an image stack; ${file} is a ${isPoint ? "point" : "line"} scan ("${type}")`);
  }

  if (isPoint) return readPointScan();

  // The data files of this scan.
  const re = new RegExp(`^${escapeRe(base)}_([a-z])(\\d*)\\.xim$`, "i");
  const dataFiles: DataFile[] = [];
  for (const f of source.names) {
    const m = re.exec(f);
    if (m) dataFiles.push({ channel: LETTERS.indexOf(m[1].toLowerCase()), digits: m[2], file: f });
  }
  const nChannels = Math.max(channelNames.length, ...dataFiles.map((d) => d.channel + 1), 1);
  while (channelNames.length < nChannels) channelNames.push(`channel ${LETTERS[channelNames.length]}`);
  const sa = sd["StackAxis"];
  const saPoints = isStruct(sa) && sa["Points"] !== undefined ? numbers(sa["Points"], file, "ScanDefinition.StackAxis.Points", "a finite stack-axis value (eV)") : undefined;
  const isStack = !isLine && (/stack/i.test(flags) || (saPoints !== undefined && saPoints.length > 1));
  const multiRegion = regions.length > 1;
  const dwellList = energyRegionDwell(hdr, file);

  const stacks: Stack[] = [];
  for (let r = 0; r < regions.length; r++) {
    const reg = regions[r];
    const rField = `ScanDefinition.Regions[${r}]`;
    const indexSets: { c: number; indices: Set<number> }[] = [];
    for (let c = 0; c < nChannels; c++) {
      const letter = LETTERS[c];
      const mine = dataFiles.filter((d) => {
        if (d.channel !== c) return false;
        if (isStack) return multiRegion ? d.digits.length >= 4 && Number(d.digits.slice(3)) === r : d.digits.length >= 3;
        return multiRegion ? d.digits !== "" && Number(d.digits) === r : d.digits === "" || d.digits === "0";
      });
      const pattern = isStack ? `${base}_${letter}EEE${multiRegion ? r : ""}.xim` : `${base}_${letter}${multiRegion ? r : ""}.xim`;
      if (mine.length === 0) {
        // A channel listed in the header but with no files at all is skipped when another channel has data.
        if (dataFiles.length > 0 && !dataFiles.some((d) => d.channel === c)) {
          if (r === 0) warn(`channel "${channelNames[c]}" is listed in the header but has no image files (${pattern}); skipped`);
          continue;
        }
        throw new StxmFileError(file, `${rField}, channel "${channelNames[c]}"`, `expected image files named ${pattern} beside the header, found none`);
      }
      const mark = warnings.length;
      const st = isLine ? lineStack(reg, rField, r, c, mine) : imageStack(reg, rField, r, c, mine, mark);
      stacks.push(st);
      if (isStack) indexSets.push({ c, indices: new Set((st.metadata["imageIndices"] as number[] | undefined) ?? []) });
    }
    // Channels of one region should hold the same images; say which files one of them lacks.
    if (indexSets.length > 1 && energyRange === undefined) {
      const all = new Set<number>();
      for (const s of indexSets) for (const i of s.indices) all.add(i);
      for (const s of indexSets) {
        const lacking = [...all].filter((i) => !s.indices.has(i)).sort((x, y) => x - y);
        if (lacking.length > 0) {
          const names = lacking.map((i) => `${base}_${LETTERS[s.c]}${String(i).padStart(3, "0")}${multiRegion ? r : ""}.xim`);
          warn(`region ${r}: channel "${channelNames[s.c]}" lacks ${names.join(", ")} that other channels have; its stack has ${s.indices.size} of the ${all.size} energies`);
        }
      }
    }
  }
  if (stacks.length === 0) throw new StxmFileError(file, "data files", `expected ${base}_a….xim files beside the header, found none`);
  return { format: "sdf", source: name, stacks, metadata: { header: hdr, ...common }, warnings };

  function imageStack(reg: SdfStruct, rField: string, r: number, c: number, mine: DataFile[], mark: number): Stack {
    const mineWarnings: string[] = [];
    const xsAll = axisPoints(reg["PAxis"], file, `${rField}.PAxis`, "a finite position (µm)");
    const ysAll = axisPoints(reg["QAxis"], file, `${rField}.QAxis`, "a finite position (µm)");
    const items = mine
      .map((d) => ({ ...d, index: isStack ? Number(multiRegion ? d.digits.slice(0, 3) : d.digits) : 0 }))
      .sort((a, b) => a.index - b.index);
    for (let k = 1; k < items.length; k++) {
      if (items[k].index === items[k - 1].index) fail(file, `${rField} image ${items[k].index}`, "one image file per image number", `${items[k - 1].file} and ${items[k].file}`);
    }
    const n = items.length;
    const maxIndex = items[n - 1].index;
    // Energies and dwell of every image found (from the header only).
    const energies = new Float64Array(n);
    const dwell = new Float64Array(n);
    let fromRecords = 0;
    const disagree: string[] = [];
    const byRank = !(saPoints && saPoints.length > maxIndex) && saPoints !== undefined && saPoints.length === n;
    let rankUsed = false;
    const zeroDwell: string[] = [];
    for (let k = 0; k < n; k++) {
      const idx = items[k].index;
      const recKey = `Image${String(idx).padStart(3, "0")}_${r}`;
      const rec = hdr[recKey];
      const axisE = saPoints && saPoints.length > maxIndex ? saPoints[idx] : byRank && saPoints ? saPoints[k] : undefined;
      const recE = isStruct(rec) ? rec["Energy"] : undefined;
      if (recE !== undefined) {
        if (typeof recE !== "number" || !Number.isFinite(recE)) fail(file, `${recKey}.Energy (for ${items[k].file})`, "a finite energy in eV", show(recE));
        energies[k] = recE;
        fromRecords++;
        if (axisE !== undefined && Math.abs(axisE - recE) > ENERGY_TOLERANCE) disagree.push(`image ${idx}: record ${recE}, StackAxis ${axisE}`);
      } else if (axisE !== undefined) {
        energies[k] = axisE;
        if (byRank) rankUsed = true;
      } else {
        const have = saPoints ? `StackAxis.Points lists ${saPoints.length} energies for image indices up to ${maxIndex}` : "no StackAxis.Points";
        fail(file, `${recKey}.Energy (for ${items[k].file})`, "an energy record for every image file", `no record and ${have}`);
      }
      let d = isStruct(rec) ? dwellField(rec["DwellTime"] ?? rec["Dwell"], file, `${recKey}.${rec["DwellTime"] !== undefined ? "DwellTime" : "Dwell"}`) : undefined;
      if (d === 0) {
        zeroDwell.push(recKey);
        d = undefined;
      }
      dwell[k] = d !== undefined ? d : dwellList && dwellList.length > maxIndex && n > 1 ? dwellList[idx] : scanDwell(mineWarnings);
    }
    const label = `region ${r}, channel "${channelNames[c]}"`;
    if (disagree.length > 0) {
      warn(
        `${label}: the ImageNNN_${r}.Energy records and ScanDefinition.StackAxis.Points disagree for ${disagree.length} of ${n} images (${disagree.slice(0, 3).join("; ")}${disagree.length > 3 ? "; …" : ""}); ` +
          "used the records (the energy logged with each image)",
        mineWarnings,
      );
    }
    if (rankUsed) {
      warn(`${label}: images without an ImageNNN_${r} record matched to StackAxis.Points by rank (the axis lists ${n} energies, image numbers go up to ${maxIndex})`, mineWarnings);
    } else if (fromRecords < n && fromRecords > 0) {
      warn(`${label}: ${n - fromRecords} of ${n} images have no ImageNNN_${r}.Energy record; their energies come from StackAxis.Points`, mineWarnings);
    }
    if (isStack && saPoints && saPoints.length > n) {
      warn(`${label}: StackAxis.Points lists ${saPoints.length} energies but ${n} image file${n === 1 ? " was" : "s were"} found (an aborted or trimmed stack); read the ${n} found`, mineWarnings);
    }
    const inEv = isStruct(sa) ? /^ev$/i.test(str(sa["Unit"]).trim()) || (str(sa["Unit"]).trim() === "" && /^energy$/i.test(str(sa["Name"]).trim())) : true;
    const nonPositive = inEv ? items.filter((_, k) => energies[k] <= 0).map((d) => d.index) : [];
    if (nonPositive.length > 0) warn(`${label}: energy <= 0 eV for image${nonPositive.length === 1 ? "" : "s"} ${nonPositive.join(", ")} (not recorded?); kept as read`, mineWarnings);
    if (zeroDwell.length > 0) warn(`${label}: dwell 0 ms (not recorded) in ${zeroDwell.join(", ")}; used the scan's dwell instead`, mineWarnings);

    // What to read: energies in range, rows and columns asked for.
    let keep = items.map((_, k) => k);
    if (energyRange) {
      keep = keep.filter((k) => energies[k] >= energyRange[0] && energies[k] <= energyRange[1]);
      if (keep.length === 0) {
        let lo = Infinity;
        let hi = -Infinity;
        for (const e of energies) [lo, hi] = [Math.min(lo, e), Math.max(hi, e)];
        throw new RangeError(`readSdf: option select.energyRange [${energyRange.join(", ")}] matches none of the ${n} images of ${file} ${label} (${lo}–${hi})`);
      }
    }
    const [y0, y1] = rowRange ?? [0, ysAll.length];
    const [x0, x1] = colRange ?? [0, xsAll.length];
    if (y1 > ysAll.length) throw new RangeError(`readSdf: option select.rows [${y0}, ${y1}) goes past the ${ysAll.length} rows of ${file} ${label}`);
    if (x1 > xsAll.length) throw new RangeError(`readSdf: option select.columns [${x0}, ${x1}) goes past the ${xsAll.length} columns of ${file} ${label}`);
    const nE = keep.length;
    const ny = y1 - y0;
    const nx = x1 - x0;
    const total = checkSize(file, `${rField} (PAxis × QAxis × images)`, [nE, ny, nx], maxValues);
    const data = new Float64Array(total);
    const plane = ny * nx;
    const maxBytes = ysAll.length * (xsAll.length + 2) * BYTES_PER_TEXT_VALUE + 65536;
    for (let k = 0; k < nE; k++) {
      const f = items[keep[k]].file;
      const img = parseXim(source.read(f, maxBytes), {
        name: f,
        nCols: xsAll.length,
        nRows: ysAll.length,
        sizeField: `${file} ${rField}`,
        ...(rowRange ? { rows: [y0, y1] as const } : {}),
        ...(colRange ? { columns: [x0, x1] as const } : {}),
      });
      data.set(img.data, k * plane);
    }
    const unit = channelUnits[c] ?? "";
    // Warnings of this stack: those added while it was read, and the dwell warning if it used the fallback.
    const own = [...new Set([...warnings.slice(mark), ...mineWarnings])];
    return makeStack({
      data,
      nE,
      ny,
      nx,
      energies: keep.map((k) => energies[k]),
      x: xsAll.subarray(x0, x1),
      y: ysAll.subarray(y0, y1),
      dwell: keep.map((k) => dwell[k]),
      quantity: quantityOf(unit),
      channel: channelNames[c],
      scanType: isStack ? "stack" : "image",
      source: name,
      metadata: {
        ...common,
        region: r,
        channelIndex: c,
        channelUnit: unit,
        imageFiles: keep.map((k) => items[k].file),
        imageIndices: keep.map((k) => items[k].index),
        energySource: fromRecords === n ? "records" : fromRecords === 0 ? "StackAxis" : "records+StackAxis",
        stackAxisName: isStruct(sa) ? str(sa["Name"]) : "",
        stackAxisUnit: isStruct(sa) ? str(sa["Unit"]) : "",
        xUnit: str(isStruct(reg["PAxis"]) ? reg["PAxis"]["Unit"] : ""),
        yUnit: str(isStruct(reg["QAxis"]) ? reg["QAxis"]["Unit"] : ""),
        fileShape: [n, ysAll.length, xsAll.length],
        ...(sel !== undefined ? { selection: { rows: [y0, y1], columns: [x0, x1], imagesOf: n } } : {}),
        warnings: own,
        nonFiniteCount: nonFinitePolicy(file, "data", data, reject),
      },
    });
  }

  function lineStack(reg: SdfStruct, rField: string, r: number, c: number, mine: DataFile[]): Stack {
    const mineWarnings: string[] = [];
    if (mine.length > 1) fail(file, `${rField}, channel "${channelNames[c]}"`, "one image file for a line scan", mine.map((d) => d.file).join(", "));
    const f = mine[0].file;
    const p = reg["PAxis"];
    const q = reg["QAxis"];
    const energyOnP = isEnergyAxis(p);
    if (!energyOnP && !isEnergyAxis(q)) {
      fail(file, `${rField}.PAxis.Name / QAxis.Name`, 'one axis named "Energy" (unit eV) in a line scan', `"${str(isStruct(p) ? p["Name"] : "")}" and "${str(isStruct(q) ? q["Name"] : "")}"`);
    }
    const pts = axisPoints(p, file, `${rField}.PAxis`, energyOnP ? "a finite energy (eV)" : "a finite position (µm)");
    const qts = axisPoints(q, file, `${rField}.QAxis`, energyOnP ? "a finite position (µm)" : "a finite energy (eV)");
    const energies = energyOnP ? pts : qts;
    const pos = energyOnP ? qts : pts;
    const nE = energies.length;
    const nL = pos.length;
    const total = checkSize(file, `${rField} (PAxis × QAxis)`, [nE, nL], maxValues);
    const maxBytes = qts.length * (pts.length + 2) * BYTES_PER_TEXT_VALUE + 65536;
    const img = parseXim(source.read(f, maxBytes), { name: f, nCols: pts.length, nRows: qts.length, sizeField: `${file} ${rField}` });
    let data: Float64Array;
    if (energyOnP) {
      // rows = positions, columns = energies → transpose to [nE, nL].
      data = new Float64Array(total);
      for (let j = 0; j < nL; j++) for (let e = 0; e < nE; e++) data[e * nL + j] = img.data[j * nE + e];
    } else data = img.data;
    const unit = channelUnits[c] ?? "";
    const dwellMs = dwellList && dwellList.length === nE ? Float64Array.from(dwellList) : new Float64Array(nE).fill(scanDwell(mineWarnings));
    const posAxis = energyOnP ? q : p;
    return makeStack({
      data,
      nE,
      ny: 1,
      nx: nL,
      energies,
      x: pos,
      y: [0],
      dwell: dwellMs,
      quantity: quantityOf(unit),
      channel: channelNames[c],
      scanType: "line",
      source: name,
      metadata: {
        ...common,
        region: r,
        channelIndex: c,
        channelUnit: unit,
        imageFiles: [f],
        energyAxis: energyOnP ? "PAxis" : "QAxis",
        xUnit: str(isStruct(posAxis) ? posAxis["Unit"] : ""),
        xName: str(isStruct(posAxis) ? posAxis["Name"] : ""),
        warnings: mineWarnings,
        nonFiniteCount: nonFinitePolicy(file, "data", data, reject),
      },
    });
  }

  function readPointScan(): StxmScan {
    const out: Stack[] = [];
    const names = new Set(source.names);
    for (let r = 0; r < regions.length; r++) {
      const mineWarnings: string[] = [];
      const rField = `ScanDefinition.Regions[${r}]`;
      const candidates = [`${base}_${r}.xsp`, ...(regions.length === 1 ? [`${base}.xsp`] : [])];
      const f = candidates.find((c) => names.has(c));
      if (!f) throw new StxmFileError(file, rField, `expected the spectrum file ${candidates[0]} beside the header, found none`);
      // The header's energies for this spectrum (PAxis of a point scan), when it lists them.
      const reg = regions[r];
      const axis = isEnergyAxis(reg["PAxis"]) || !isEnergyAxis(reg["QAxis"]) ? reg["PAxis"] : reg["QAxis"];
      const axisField = axis === reg["PAxis"] ? `${rField}.PAxis` : `${rField}.QAxis`;
      const planned = isStruct(axis) && axis["Points"] !== undefined ? axisPoints(axis, file, axisField, "a finite energy (eV)") : undefined;
      const nCh = chV.length;
      const maxBytes = (planned ? planned.length : 1e6) * ((nCh || 8) + 3) * BYTES_PER_TEXT_VALUE + 65536;
      const img = parseXim(source.read(f, maxBytes), { name: f, ...(planned ? { nRows: planned.length, rowsWhat: `one per energy in ${file} ${axisField}.Points` } : {}) });
      const nE = img.nRows;
      checkSize(file, "spectrum", [nE, img.nCols], maxValues);
      if (img.nCols < 2) fail(f, "columns", "an energy column and at least one data column", `${img.nCols} column`);
      if (nCh > 0 && img.nCols - 1 !== nCh) fail(f, "columns", `1 energy column + ${nCh} data column${nCh === 1 ? "" : "s"} (the channels listed in ${file})`, `${img.nCols} columns`);
      if (!planned) warn(`region ${r}: the header lists no energies for the spectrum; read the ${nE} rows of ${f} as they are`, mineWarnings);
      const energies = new Float64Array(nE);
      let differ = 0;
      let example = "";
      for (let e = 0; e < nE; e++) {
        const v = img.data[e * img.nCols];
        if (!Number.isFinite(v)) fail(f, `line ${e + 1}, column 1 (energy)`, "a finite energy in eV", String(v));
        energies[e] = v;
        if (planned && Math.abs(planned[e] - v) > ENERGY_TOLERANCE) {
          if (differ === 0) example = `row ${e + 1}: ${v} vs ${planned[e]}`;
          differ++;
        }
      }
      if (differ > 0) warn(`region ${r}: the energy column of ${f} and ${axisField}.Points disagree in ${differ} of ${nE} rows (${example}); used the file's energy column`, mineWarnings);
      const dw = scanDwell(mineWarnings);
      for (let c = 1; c < img.nCols; c++) {
        const data = new Float64Array(nE);
        for (let e = 0; e < nE; e++) data[e] = img.data[e * img.nCols + c];
        const unit = channelUnits[c - 1] ?? "";
        out.push(
          makeStack({
            data,
            nE,
            ny: 1,
            nx: 1,
            energies,
            dwell: new Float64Array(nE).fill(dw),
            quantity: quantityOf(unit),
            channel: channelNames[c - 1] ?? `channel ${LETTERS[c - 1]}`,
            scanType: "point" as ScanType,
            source: name,
            metadata: { ...common, region: r, channelIndex: c - 1, channelUnit: unit, imageFiles: [f], warnings: mineWarnings, nonFiniteCount: nonFinitePolicy(f, "data", data, reject) },
          }),
        );
      }
    }
    return { format: "sdf", source: name, stacks: out, metadata: { header: hdr, ...common }, warnings };
  }
}

function quantityOf(unit: string): Stack["quantity"] {
  const u = unit.trim().toLowerCase();
  if (u === "od" || u === "optical density") return "od";
  if (u === "transmission" || u === "i/i0") return "transmission";
  return "counts";
}

/**
 * Read an SDF scan from disk: the `.hdr` and the `.xim` / `.xsp` files beside it whose
 * names start with the header's base name (found by listing the directory).
 * Files are only read, never modified. Only regular files are read (a FIFO, device, directory,
 * dangling link or link loop under a scan's name is an error naming it), and each read is
 * bounded: the header by {@link MAX_SDF_HEADER_BYTES}, each image by what its header's axis
 * sizes justify. A UTF-8 byte-order mark at the start of the header is accepted.
 *
 * With `select`, only the images in `select.energyRange` are opened and only the rows / columns
 * asked for are kept (`metadata.selection` records them): the result equals the same part of a
 * full read, for stacks larger than memory.
 *
 * @param hdrPath path of the `.hdr` file.
 * @param options `{ name, rejectNonFinite, maxValues, select }` (see {@link parseSdf}, {@link SdfSelection}).
 * @returns all stacks of the scan, and `warnings`.
 * @throws StxmFileError naming the file: unreadable or non-regular files, bad header, data that
 *   disagree with the header.
 * @example
 * const scan = readSdf("data/stxm-scan.hdr");
 * const s = scan.stacks[0]; // s.data: [nE, ny, nx], s.energies in eV
 * const band = readSdf("data/stxm-scan.hdr", { select: { energyRange: [850, 855], rows: [0, 16] } });
 */
export function readSdf(hdrPath: string, options: SdfOptions = {}): StxmScan {
  checkOptions("readSdf", options, SDF_OPTION_KEYS);
  if (typeof hdrPath !== "string" || hdrPath === "") throw new TypeError(`readSdf: expected the path of a .hdr file, got ${JSON.stringify(hdrPath)}`);
  const text = decodeText(readRegularFile(hdrPath, { field: "header", maxBytes: MAX_SDF_HEADER_BYTES }));
  const dir = dirname(hdrPath);
  const base = baseName(hdrPath).replace(/\.hdr$/i, "");
  const names = listDirectory(dir, { field: `directory of ${baseName(hdrPath)} (listed for its .xim / .xsp files)` }).filter(
    (f) => (f.startsWith(`${base}_`) || f.startsWith(`${base}.`)) && /\.(xim|xsp)$/i.test(f),
  );
  const source: DataSource = {
    names,
    read: (f, maxBytes) => decodeText(readRegularFile(join(dir, f), { field: "data file", maxBytes })),
  };
  return assembleSdf(text, source, base, options.name ?? hdrPath, options);
}
