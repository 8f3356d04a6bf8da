/**
 * Write stacks as an ALS-style SDF scan: a `.hdr` header plus one `.xim` per energy
 * (stacks), one `.xim` (images, line spectra) or one `.xsp` (point spectra).
 * Several stacks of the same shape, energies and positions are written as the detector
 * channels a, b, c, … of one region; stacks with different `metadata.region` as several regions.
 *
 * @module
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { Stack } from "../types/stack";
import { baseName, checkOptions } from "./errors";
import { formatSdfHeader, type SdfStruct, type SdfValue } from "./sdfHeader";
import { formatXim } from "./xim";

/** Options of {@link formatSdf} and {@link writeSdf}. */
export interface SdfWriteOptions {
  /** Value of the header's `Time` field (default: the current time, ISO 8601). */
  time?: string;
}

/** The files of an SDF scan, by name (no directory). */
export interface SdfFiles {
  /** Name of the header, `<base>.hdr`. */
  readonly headerName: string;
  /** Header text. */
  readonly header: string;
  /** Data files (`.xim` / `.xsp`) by name. */
  readonly files: Readonly<Record<string, string>>;
}

const LETTERS = "abcdefghijklmnopqrstuvwxyz";

function unitOf(q: Stack["quantity"]): string {
  return q === "od" ? "od" : q === "transmission" ? "transmission" : "counts";
}

function axis(name: string, unit: string, pts: ArrayLike<number>): SdfStruct {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < pts.length; i++) {
    min = Math.min(min, pts[i]);
    max = Math.max(max, pts[i]);
  }
  return { Name: name, Unit: unit, Min: min, Max: max, Dir: 1, Points: Array.from(pts) };
}

/** Consecutive energies of equal dwell grouped as `ImageScan.EnergyRegions` records. */
function energyRegions(energies: Float64Array, dwell: Float64Array): SdfValue[] {
  const out: SdfValue[] = [];
  let start = 0;
  for (let i = 1; i <= energies.length; i++) {
    if (i === energies.length || dwell[i] !== dwell[start]) {
      const n = i - start;
      const e0 = energies[start];
      const e1 = energies[i - 1];
      out.push({ StartEnergy: e0, EndEnergy: e1, Range: e1 - e0, Step: n > 1 ? (e1 - e0) / (n - 1) : 0, Points: n, DwellTime: dwell[start] });
      start = i;
    }
  }
  return out;
}

function sameArray(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
  return true;
}

/**
 * Format stacks as the text of an SDF scan (pure; see {@link writeSdf} to write files).
 * The header lists `ImageScan` and the `ImageNNN_R` records before `ScanDefinition` (SDF readers
 * do not depend on the order), so that a copy cut short anywhere cannot read as a complete header.
 *
 * @param stacks one stack, or several. Stacks with the same `metadata.region` (default 0) are
 *   the detector channels a, b, c, … of one region and must share shape and positions;
 *   several regions are written as a multi-region scan (`<base>_a000<R>.xim`, regions
 *   renumbered 0, 1, … in ascending order), each region with the same channels. All stacks
 *   share energies, dwell and scan type. Shapes `[nE, ny, nx]`; x, y in µm; energies in eV;
 *   dwell in ms. Line spectra (`scanType "line"`, ny = 1) are written with the energy on
 *   the PAxis; point spectra (`"point"`, ny = nx = 1) as `.xsp` files.
 * @param base the base name of the files, e.g. "scan" → `scan.hdr`, `scan_a000.xim`, ….
 * @returns the header and the data files by name.
 * @example
 * const { header, files } = formatSdf(stack, "scan");
 */
export function formatSdf(stacks: Stack | readonly Stack[], base: string, options: SdfWriteOptions = {}): SdfFiles {
  checkOptions("formatSdf", options, ["time"]);
  const list: readonly Stack[] = Array.isArray(stacks) ? stacks : [stacks as Stack];
  if (list.length === 0) throw new RangeError("formatSdf: expected at least one stack, got none");
  if (!/^[^/\\"]+$/.test(base)) throw new RangeError(`formatSdf: base name must be a plain file name, got "${base}"`);
  const byRegion = new Map<number, Stack[]>();
  for (const s of list) {
    const r = typeof s.metadata["region"] === "number" ? (s.metadata["region"] as number) : 0;
    if (!byRegion.has(r)) byRegion.set(r, []);
    (byRegion.get(r) as Stack[]).push(s);
  }
  const regions = [...byRegion.keys()].sort((a, b) => a - b).map((r) => byRegion.get(r) as Stack[]);
  const s0 = list[0];
  const nCh = regions[0].length;
  if (nCh > LETTERS.length) throw new RangeError(`formatSdf: at most ${LETTERS.length} channels, got ${nCh}`);
  regions.forEach((chans, ri) => {
    if (chans.length !== nCh) throw new RangeError(`formatSdf: region ${ri} has ${chans.length} channels, region 0 has ${nCh}; every region needs the same channels`);
    chans.forEach((s, c) => {
      const r0 = chans[0];
      const sameAll = s.nE === s0.nE && s.scanType === s0.scanType && sameArray(s.energies, s0.energies) && sameArray(s.dwell, s0.dwell);
      const sameRegion = s.ny === r0.ny && s.nx === r0.nx && sameArray(s.x, r0.x) && sameArray(s.y, r0.y);
      if (!sameAll || !sameRegion) {
        throw new RangeError(`formatSdf: stack "${s.channel}" (region ${ri}, channel ${c}) differs from the others in shape, energies, positions, dwell or scan type; write it as a separate scan`);
      }
      if (s.channel !== regions[0][c].channel) throw new RangeError(`formatSdf: region ${ri} channel ${c} is "${s.channel}", region 0 has "${regions[0][c].channel}"; every region needs the same channels`);
    });
  });
  const multi = regions.length > 1;
  const R = (ri: number): string => (multi ? String(ri) : "");
  const { nE, scanType } = s0;
  const channels: SdfValue[] = regions[0].map((s, i) => ({ Name: s.channel || `channel ${LETTERS[i]}`, Unit: unitOf(s.quantity) }));
  const files: Record<string, string> = {};
  const sd: SdfStruct = { Label: `${base}.hdr` };
  const records: SdfStruct = {};
  const prefix = multi ? "Multi-Region " : "";
  let spatial: SdfStruct[] | undefined;
  if (scanType === "line" || scanType === "point") {
    for (const s of list) {
      if (s.ny !== 1 || (scanType === "point" && s.nx !== 1)) {
        throw new RangeError(`formatSdf: a ${scanType} scan must have ny = 1${scanType === "point" ? " and nx = 1" : ""}, got [${s.nE}, ${s.ny}, ${s.nx}]`);
      }
    }
  }
  if (scanType === "line") {
    Object.assign(sd, { Type: "NEXAFS Line Scan", Flags: `${prefix}Image`, Dwell: s0.dwell[0] });
    sd["Regions"] = regions.map((chans) => ({ PAxis: axis("Energy", "eV", s0.energies), QAxis: axis("Sample X", "um", chans[0].x) }));
    // .xim rows = positions (QAxis), columns = energies (PAxis)
    regions.forEach((chans, ri) =>
      chans.forEach((s, c) => {
        const nx = s.nx;
        const t = new Float64Array(nE * nx);
        for (let j = 0; j < nx; j++) for (let e = 0; e < nE; e++) t[j * nE + e] = s.data[e * nx + j];
        files[`${base}_${LETTERS[c]}${R(ri)}.xim`] = formatXim(t, nx, nE);
      }),
    );
  } else if (scanType === "point") {
    Object.assign(sd, { Type: "NEXAFS Point Scan", Flags: `${prefix}Spectra`, Dwell: s0.dwell[0] });
    // the energies on PAxis; each point's position in ImageScan.SpatialRegions (as the STXM control software writes them)
    sd["Regions"] = regions.map(() => ({ PAxis: axis("Energy", "eV", s0.energies) }));
    spatial = regions.map((chans) => ({ CentreXPos: chans[0].x[0], CentreYPos: chans[0].y[0] }));
    regions.forEach((chans, ri) => {
      const w = chans.length + 1;
      const t = new Float64Array(nE * w);
      for (let e = 0; e < nE; e++) {
        t[e * w] = s0.energies[e];
        chans.forEach((s, c) => (t[e * w + c + 1] = s.data[e]));
      }
      files[`${base}_${ri}.xsp`] = formatXim(t, nE, w);
    });
  } else {
    const isStack = scanType === "stack" || nE > 1;
    Object.assign(sd, { Type: isStack ? "NEXAFS Image Scan" : "Image Scan", Flags: `${prefix}${isStack ? "Image Stack" : "Image"}`, Dwell: s0.dwell[0] });
    sd["Regions"] = regions.map((chans) => ({ PAxis: axis("Sample X", "um", chans[0].x), QAxis: axis("Sample Y", "um", chans[0].y) }));
    if (nE > 999) throw new RangeError(`formatSdf: at most 999 energies fit the 3-digit .xim numbering, got ${nE}`);
    regions.forEach((chans, ri) => {
      chans.forEach((s, c) => {
        const plane = s.ny * s.nx;
        for (let e = 0; e < nE; e++) {
          const fname = isStack ? `${base}_${LETTERS[c]}${String(e).padStart(3, "0")}${R(ri)}.xim` : `${base}_${LETTERS[c]}${R(ri)}.xim`;
          files[fname] = formatXim(s.data.subarray(e * plane, (e + 1) * plane), s.ny, s.nx);
        }
      });
      for (let e = 0; e < nE; e++) records[`Image${String(e).padStart(3, "0")}_${ri}`] = { Energy: s0.energies[e], DwellTime: s0.dwell[e] };
    });
  }
  sd["StackAxis"] = axis("Energy", "eV", s0.energies);
  sd["Channels"] = channels;
  // ScanDefinition comes after everything the reader takes data from (per-energy dwell in the
  // records and EnergyRegions): a header cut short anywhere before its closing '}' then fails to
  // parse instead of reading as a valid header that lost its per-image records.
  const header: SdfStruct = {
    ImageScan: {
      ScanType: scanType === "line" ? "Line" : scanType === "point" ? "Point" : "Image",
      MultipleRegions: multi,
      EnergyRegions: energyRegions(s0.energies, s0.dwell),
      ...(spatial ? { SpatialRegions: spatial } : {}),
    },
    ...records,
    ScanDefinition: sd,
    Time: options.time ?? new Date().toISOString(),
    Channels: channels,
  };
  return { headerName: `${base}.hdr`, header: formatSdfHeader(header), files };
}

/**
 * Write stacks as an SDF scan: `hdrPath` and the `.xim` / `.xsp` files beside it.
 * Creates the directory if needed; overwrites files of the same names.
 *
 * @param hdrPath path of the header to write, ending in `.hdr`.
 * @param stacks see {@link formatSdf}.
 * @returns the paths written, header first.
 * @example
 * writeSdf("/tmp/sim/scan.hdr", stack);
 * readSdf("/tmp/sim/scan.hdr").stacks[0]; // the same data, energies, x, y, dwell
 */
export function writeSdf(hdrPath: string, stacks: Stack | readonly Stack[], options: SdfWriteOptions = {}): string[] {
  checkOptions("writeSdf", options, ["time"]);
  const name = baseName(hdrPath);
  if (!/\.hdr$/i.test(name)) throw new RangeError(`writeSdf: the header path must end in .hdr, got "${hdrPath}"`);
  const out = formatSdf(stacks, name.slice(0, -4), options);
  const dir = dirname(hdrPath);
  mkdirSync(dir, { recursive: true });
  writeFileSync(hdrPath, out.header, "latin1");
  const paths = [hdrPath];
  for (const [f, text] of Object.entries(out.files)) {
    const p = join(dir, f);
    writeFileSync(p, text, "latin1");
    paths.push(p);
  }
  return paths;
}
