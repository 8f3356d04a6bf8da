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
import type { Stack } from "../types/stack";
import { StxmFileError, baseName, checkOptions, fail, DEFAULT_MAX_VALUES } from "./errors";
import { decodeText, listDirectory, readRegularFile } from "./readRegularFile";
import { READ_OPTION_KEYS, type ReadOptions, type StxmScan } from "./scan";
import { parseSdfHeader, type SdfStruct } from "./sdfHeader";
import { LETTERS, checkRange, dwellField, energyRegionDwell, escapeRe, isStruct, numbers, show, str, type DataFile, type DataSource, type SdfScanContext } from "./sdfFields";
import { imageStack } from "./sdfImageStack";
import { lineStack } from "./sdfLineStack";
import { readPointScan } from "./sdfPointScan";
import { cachedXimIndex } from "./ximLines";

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
  // MAXYMUS (BESSY II) writes time-resolved (pump–probe) scans as a .bbx beside the image
  for (const f of source.unread ?? []) warn(`${f} beside the header holds time-resolved (pump–probe) data, which this reader does not read; only the .xim / .xsp data were read`);
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

  const ctxBase = { file, name, base, hdr, source, common, warnings, warn, scanDwell, channelNames, channelUnits, chV, regions, sel, energyRange, rowRange, colRange, maxValues, reject };
  if (isPoint) return readPointScan({ ...ctxBase, sa: undefined, saPoints: undefined, isStack: false, multiRegion: regions.length > 1, dwellList: undefined });

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
  const ctx: SdfScanContext = { ...ctxBase, sa, saPoints, isStack, multiRegion, dwellList };

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
      const st = isLine ? lineStack(ctx, reg, rField, r, c, mine) : imageStack(ctx, reg, rField, r, c, mine, mark);
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
  const mine = listDirectory(dir, { field: `directory of ${baseName(hdrPath)} (listed for its .xim / .xsp files)` }).filter((f) => f.startsWith(`${base}_`) || f.startsWith(`${base}.`));
  const names = mine.filter((f) => /\.(xim|xsp)$/i.test(f));
  const source: DataSource = {
    names,
    unread: mine.filter((f) => /\.bbx$/i.test(f)),
    read: (f, maxBytes) => decodeText(readRegularFile(join(dir, f), { field: "data file", maxBytes })),
    readBytes: (f, maxBytes) => readRegularFile(join(dir, f), { field: "data file", maxBytes }),
    index: (f, nRows, nCols, maxBytes, sizeField) => cachedXimIndex(join(dir, f), { name: f, nRows, nCols, maxBytes, sizeField }),
  };
  return assembleSdf(text, source, base, options.name ?? hdrPath, options);
}
