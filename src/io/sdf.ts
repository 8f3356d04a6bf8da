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
 * says which. Some MAXYMUS files name a non-energy StackAxis (e.g. a magnetic field) "Energy":
 * check `metadata.stackAxisUnit` ("eV" for energies).
 *
 * @module
 */
import { readFileSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { makeStack, type Stack, type ScanType } from "../types/stack";
import { StxmFileError, baseName, checkOptions, checkSize, fail, nonFinitePolicy, DEFAULT_MAX_VALUES } from "./errors";
import { READ_OPTION_KEYS, type ReadOptions, type StxmScan } from "./scan";
import { parseSdfHeader, type SdfStruct, type SdfValue } from "./sdfHeader";
import { parseXim } from "./xim";

/** Options of {@link parseSdf} and {@link readSdf}. */
export type SdfOptions = ReadOptions;

const LETTERS = "abcdefghijklmnopqrstuvwxyz";

function isStruct(v: SdfValue | undefined): v is SdfStruct {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function numbers(v: SdfValue | undefined, file: string, field: string): Float64Array {
  if (!Array.isArray(v)) fail(file, field, "a count-prefixed array of numbers ( n, a, b, … )", v === undefined ? "nothing" : JSON.stringify(v));
  const out = new Float64Array(v.length);
  for (let i = 0; i < v.length; i++) {
    const x = v[i];
    if (typeof x !== "number") fail(file, `${field}[${i}]`, "a number", JSON.stringify(x));
    out[i] = x;
  }
  return out;
}

function axisPoints(axis: SdfValue | undefined, file: string, field: string): Float64Array {
  if (!isStruct(axis)) fail(file, field, "an axis group { Name = …; Points = (n, …); }", axis === undefined ? "nothing" : JSON.stringify(axis));
  return numbers(axis["Points"], file, `${field}.Points`);
}

function str(v: SdfValue | undefined): string {
  return typeof v === "string" ? v : v === undefined ? "" : String(v);
}

function isEnergyAxis(axis: SdfValue | undefined): boolean {
  if (!isStruct(axis)) return false;
  return /^energy$/i.test(str(axis["Name"]).trim()) || /^ev$/i.test(str(axis["Unit"]).trim());
}

/** Per-energy dwell (ms) listed by `ImageScan.EnergyRegions`, or undefined. */
function energyRegionDwell(hdr: SdfStruct): number[] | undefined {
  const scan = hdr["ImageScan"];
  if (!isStruct(scan) || !Array.isArray(scan["EnergyRegions"])) return undefined;
  const out: number[] = [];
  for (const r of scan["EnergyRegions"]) {
    if (!isStruct(r)) return undefined;
    const n = r["Points"];
    const d = r["DwellTime"];
    if (typeof n !== "number" || typeof d !== "number" || !Number.isInteger(n) || n < 0 || n > 1e6) return undefined;
    for (let i = 0; i < n; i++) out.push(d);
  }
  return out;
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
 * @param headerText the `.hdr` contents.
 * @param files data files by name, e.g. `{ "scan_a003.xim": "…" }` (a `Map` or a plain object).
 * @param options `{ name }` (the header's file name, e.g. "scan.hdr": its base name selects
 *   the data files), `rejectNonFinite`, `maxValues`.
 * @returns all stacks, region-major then channel (`metadata.region`, `metadata.channelIndex`).
 * @throws StxmFileError naming the file and field: sizes that disagree with the header,
 *   truncated images, missing energy records, absurd sizes.
 * @example
 * const scan = parseSdf(hdrText, { "scan_a000.xim": xim0, "scan_a001.xim": xim1 }, { name: "scan.hdr" });
 * scan.stacks[0].energies; // Float64Array [nE] in eV
 */
export function parseSdf(
  headerText: string,
  files: ReadonlyMap<string, string> | Readonly<Record<string, string>>,
  options: SdfOptions = {},
): StxmScan {
  checkOptions("parseSdf", options, READ_OPTION_KEYS);
  const name = options.name ?? "scan.hdr";
  const fileMap: ReadonlyMap<string, string> = files instanceof Map ? files : new Map(Object.entries(files));
  return assembleSdf(headerText, fileMap, baseName(name).replace(/\.hdr$/i, ""), name, options);
}

/** The work of {@link parseSdf}, with the base name of the data files given apart from the display name. */
function assembleSdf(headerText: string, fileMap: ReadonlyMap<string, string>, base: string, name: string, options: SdfOptions): StxmScan {
  const file = baseName(name);
  const maxValues = options.maxValues ?? DEFAULT_MAX_VALUES;
  const reject = options.rejectNonFinite ?? false;

  const hdr = parseSdfHeader(headerText, { name: file });
  const sd = hdr["ScanDefinition"];
  if (!isStruct(sd)) fail(file, "ScanDefinition", "a { … } group describing the scan", sd === undefined ? "nothing" : JSON.stringify(sd));
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
  const scanDwell = typeof sd["Dwell"] === "number" && sd["Dwell"] > 0 ? sd["Dwell"] : 1;
  const common = { format: "sdf", scanLabel: type, flags, time: str(hdr["Time"]) };

  if (isPoint) return readPointScan();

  // List the data files of this scan.
  const re = new RegExp(`^${escapeRe(base)}_([a-z])(\\d*)\\.xim$`, "i");
  const dataFiles: DataFile[] = [];
  for (const f of fileMap.keys()) {
    const m = re.exec(f);
    if (m) dataFiles.push({ channel: LETTERS.indexOf(m[1].toLowerCase()), digits: m[2], file: f });
  }
  const nChannels = Math.max(channelNames.length, ...dataFiles.map((d) => d.channel + 1), 1);
  while (channelNames.length < nChannels) channelNames.push(`channel ${LETTERS[channelNames.length]}`);
  const sa = sd["StackAxis"];
  const saPoints = isStruct(sa) && Array.isArray(sa["Points"]) ? numbers(sa["Points"], file, "ScanDefinition.StackAxis.Points") : undefined;
  const isStack = !isLine && (/stack/i.test(flags) || (saPoints !== undefined && saPoints.length > 1));
  const multiRegion = regions.length > 1;
  const dwellList = energyRegionDwell(hdr);

  const stacks: Stack[] = [];
  for (let r = 0; r < regions.length; r++) {
    const reg = regions[r];
    const rField = `ScanDefinition.Regions[${r}]`;
    for (let c = 0; c < nChannels; c++) {
      const letter = LETTERS[c];
      const mine = dataFiles.filter((d) => {
        if (d.channel !== c) return false;
        if (isStack) return multiRegion ? d.digits.length >= 4 && Number(d.digits.slice(3)) === r : d.digits.length >= 3;
        return multiRegion ? d.digits !== "" && Number(d.digits) === r : d.digits === "" || d.digits === "0";
      });
      if (mine.length === 0) {
        const pattern = isStack ? `${base}_${letter}EEE${multiRegion ? r : ""}.xim` : `${base}_${letter}${multiRegion ? r : ""}.xim`;
        // A channel listed in the header but with no files at all is skipped when another channel has data.
        if (dataFiles.length > 0 && !dataFiles.some((d) => d.channel === c)) continue;
        throw new StxmFileError(file, `${rField}, channel "${channelNames[c]}"`, `expected image files named ${pattern} beside the header, found none`);
      }
      if (isLine) stacks.push(lineStack(reg, rField, r, c, mine[0].file));
      else stacks.push(imageStack(reg, rField, r, c, mine));
    }
  }
  if (stacks.length === 0) throw new StxmFileError(file, "data files", `expected ${base}_a….xim files beside the header, found none`);
  return { format: "sdf", source: name, stacks, metadata: { header: hdr, ...common }, warnings: [] };

  function imageStack(reg: SdfStruct, rField: string, r: number, c: number, mine: DataFile[]): Stack {
    const xs = axisPoints(reg["PAxis"], file, `${rField}.PAxis`);
    const ys = axisPoints(reg["QAxis"], file, `${rField}.QAxis`);
    const items = mine
      .map((d) => ({ ...d, index: isStack ? Number(multiRegion ? d.digits.slice(0, 3) : d.digits) : 0 }))
      .sort((a, b) => a.index - b.index);
    const nE = items.length;
    const total = checkSize(file, `${rField} (PAxis × QAxis × images)`, [nE, ys.length, xs.length], maxValues);
    // Energies and dwell per image.
    const energies = new Float64Array(nE);
    const dwell = new Float64Array(nE);
    let fromRecords = 0;
    const maxIndex = items[nE - 1].index;
    for (let k = 0; k < nE; k++) {
      const idx = items[k].index;
      const recKey = `Image${String(idx).padStart(3, "0")}_${r}`;
      const rec = hdr[recKey];
      if (isStruct(rec) && typeof rec["Energy"] === "number") {
        energies[k] = rec["Energy"];
        fromRecords++;
      } else if (saPoints && saPoints.length > maxIndex) {
        energies[k] = saPoints[idx];
      } else if (saPoints && saPoints.length === nE) {
        energies[k] = saPoints[k];
      } else {
        const have = saPoints ? `StackAxis.Points lists ${saPoints.length} energies for image indices up to ${maxIndex}` : "no StackAxis.Points";
        fail(file, `${recKey}.Energy (for ${items[k].file})`, "an energy record for every image file", `no record and ${have}`);
      }
      const recDwell = isStruct(rec) ? (rec["DwellTime"] ?? rec["Dwell"]) : undefined;
      dwell[k] = typeof recDwell === "number" && recDwell > 0 ? recDwell : dwellList && dwellList.length > maxIndex && nE > 1 ? dwellList[idx] : scanDwell;
    }
    const data = new Float64Array(total);
    const plane = xs.length * ys.length;
    for (let k = 0; k < nE; k++) {
      const f = items[k].file;
      const img = parseXim(fileMap.get(f) as string, { name: f, nCols: xs.length, nRows: ys.length, sizeField: `${file} ${rField}` });
      data.set(img.data, k * plane);
    }
    const unit = channelUnits[c] ?? "";
    return makeStack({
      data,
      nE,
      ny: ys.length,
      nx: xs.length,
      energies,
      x: xs,
      y: ys,
      dwell,
      quantity: quantityOf(unit),
      channel: channelNames[c],
      scanType: isStack ? "stack" : "image",
      source: name,
      metadata: {
        ...common,
        region: r,
        channelIndex: c,
        channelUnit: unit,
        imageFiles: items.map((d) => d.file),
        imageIndices: items.map((d) => d.index),
        energySource: fromRecords === nE ? "records" : fromRecords === 0 ? "StackAxis" : "records+StackAxis",
        stackAxisName: isStruct(sa) ? str(sa["Name"]) : "",
        stackAxisUnit: isStruct(sa) ? str(sa["Unit"]) : "",
        xUnit: str(isStruct(reg["PAxis"]) ? reg["PAxis"]["Unit"] : ""),
        yUnit: str(isStruct(reg["QAxis"]) ? reg["QAxis"]["Unit"] : ""),
        nonFiniteCount: nonFinitePolicy(file, "data", data, reject),
      },
    });
  }

  function lineStack(reg: SdfStruct, rField: string, r: number, c: number, f: string): Stack {
    const p = reg["PAxis"];
    const q = reg["QAxis"];
    const pts = axisPoints(p, file, `${rField}.PAxis`);
    const qts = axisPoints(q, file, `${rField}.QAxis`);
    const energyOnP = isEnergyAxis(p);
    if (!energyOnP && !isEnergyAxis(q)) {
      fail(file, `${rField}.PAxis.Name / QAxis.Name`, 'one axis named "Energy" (unit eV) in a line scan', `"${str(isStruct(p) ? p["Name"] : "")}" and "${str(isStruct(q) ? q["Name"] : "")}"`);
    }
    const energies = energyOnP ? pts : qts;
    const pos = energyOnP ? qts : pts;
    const nE = energies.length;
    const nL = pos.length;
    const total = checkSize(file, `${rField} (PAxis × QAxis)`, [nE, nL], maxValues);
    const img = parseXim(fileMap.get(f) as string, { name: f, nCols: pts.length, nRows: qts.length, sizeField: `${file} ${rField}` });
    let data: Float64Array;
    if (energyOnP) {
      // rows = positions, columns = energies → transpose to [nE, nL].
      data = new Float64Array(total);
      for (let j = 0; j < nL; j++) for (let e = 0; e < nE; e++) data[e * nL + j] = img.data[j * nE + e];
    } else data = img.data;
    const unit = channelUnits[c] ?? "";
    const dwellMs = dwellList && dwellList.length === nE ? Float64Array.from(dwellList) : new Float64Array(nE).fill(scanDwell);
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
        nonFiniteCount: nonFinitePolicy(file, "data", data, reject),
      },
    });
  }

  function readPointScan(): StxmScan {
    const out: Stack[] = [];
    for (let r = 0; r < regions.length; r++) {
      const candidates = [`${base}_${r}.xsp`, ...(regions.length === 1 ? [`${base}.xsp`] : [])];
      const f = candidates.find((n) => fileMap.has(n));
      if (!f) throw new StxmFileError(file, `ScanDefinition.Regions[${r}]`, `expected the spectrum file ${candidates[0]} beside the header, found none`);
      const img = parseXim(fileMap.get(f) as string, { name: f });
      const nE = img.nRows;
      checkSize(file, "spectrum", [nE, img.nCols], maxValues);
      if (img.nCols < 2) fail(f, "columns", "an energy column and at least one data column", `${img.nCols} column`);
      const energies = new Float64Array(nE);
      for (let e = 0; e < nE; e++) energies[e] = img.data[e * img.nCols];
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
            dwell: new Float64Array(nE).fill(scanDwell),
            quantity: quantityOf(unit),
            channel: channelNames[c - 1] ?? `channel ${LETTERS[c - 1]}`,
            scanType: "point" as ScanType,
            source: name,
            metadata: { ...common, region: r, channelIndex: c - 1, channelUnit: unit, imageFiles: [f], nonFiniteCount: nonFinitePolicy(f, "data", data, reject) },
          }),
        );
      }
    }
    return { format: "sdf", source: name, stacks: out, metadata: { header: hdr, ...common }, warnings: [] };
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
 * Files are only read, never modified.
 *
 * @param hdrPath path of the `.hdr` file.
 * @param options `{ name, rejectNonFinite, maxValues }` (see {@link parseSdf}).
 * @returns all stacks of the scan.
 * @example
 * const scan = readSdf("data/stxm-scan.hdr");
 * const s = scan.stacks[0]; // s.data: [nE, ny, nx], s.energies in eV
 */
export function readSdf(hdrPath: string, options: SdfOptions = {}): StxmScan {
  checkOptions("readSdf", options, READ_OPTION_KEYS);
  const text = readFileSync(hdrPath, "latin1");
  const dir = dirname(hdrPath);
  const base = baseName(hdrPath).replace(/\.hdr$/i, "");
  const files = new Map<string, string>();
  for (const f of readdirSync(dir)) {
    if ((f.startsWith(`${base}_`) || f.startsWith(`${base}.`)) && /\.(xim|xsp)$/i.test(f)) files.set(f, readFileSync(join(dir, f), "latin1"));
  }
  return assembleSdf(text, files, base, options.name ?? hdrPath, options);
}
