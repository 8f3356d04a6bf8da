/**
 * The small pieces the SDF reader is made of: field accessors that check what they read and
 * name the field, the data-file source, and the context one scan's readers share. @internal
 * @module
 */
import { fail } from "./errors";
import type { Stack } from "../types/stack";
import type { SdfStruct, SdfValue } from "./sdfHeader";
import type { XimLineIndex } from "./ximLines";

/** Bytes a text value may take in an `.xim` / `.xsp` (number plus separators), for bounding reads. */
export const BYTES_PER_TEXT_VALUE = 48;

/** Energies closer than this (eV) agree: the per-image records print 0.01 eV. */
export const ENERGY_TOLERANCE = 0.01;

export const LETTERS = "abcdefghijklmnopqrstuvwxyz";

/** Where the data files come from: names found beside the header, and a bounded reader. */
export interface DataSource {
  readonly names: Iterable<string>;
  /** The text of data file `f`; refuses more than `maxBytes` bytes. */
  read(f: string, maxBytes: number): string;
  /**
   * Optional (files on disk): the line index of image file `f` (checked to hold `nRows` lines
   * of `nCols` values), so that rows of it can be read without parsing the rest.
   */
  index?(f: string, nRows: number, nCols: number, maxBytes: number, sizeField: string): XimLineIndex;
  /** Optional (files on disk): the bytes of data file `f`; refuses more than `maxBytes` bytes. */
  readBytes?(f: string, maxBytes: number): Uint8Array;
  /** Optional (files on disk): files of the scan beside the header that hold data the reader does not read (MAXYMUS `.bbx`). */
  readonly unread?: readonly string[];
}

export function isStruct(v: SdfValue | undefined): v is SdfStruct {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

export function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

export function show(v: SdfValue | undefined): string {
  if (v === undefined) return "nothing";
  if (typeof v === "number") return String(v);
  return JSON.stringify(v);
}

/** A count-prefixed array of finite numbers. */
export function numbers(v: SdfValue | undefined, file: string, field: string, what: string): Float64Array {
  if (!Array.isArray(v)) fail(file, field, "a count-prefixed array of numbers ( n, a, b, … )", show(v));
  const out = new Float64Array(v.length);
  for (let i = 0; i < v.length; i++) {
    const x = v[i];
    if (typeof x !== "number" || !Number.isFinite(x)) fail(file, `${field}[${i}]`, what, show(x));
    out[i] = x;
  }
  return out;
}

export function axisPoints(axis: SdfValue | undefined, file: string, field: string, what: string): Float64Array {
  if (!isStruct(axis)) fail(file, field, "an axis group { Name = …; Points = (n, …); }", show(axis));
  const pts = numbers(axis["Points"], file, `${field}.Points`, what);
  if (pts.length === 0) fail(file, `${field}.Points`, "at least one point", "an empty array");
  return pts;
}

export function str(v: SdfValue | undefined): string {
  return typeof v === "string" ? v : v === undefined ? "" : String(v);
}

export function isEnergyAxis(axis: SdfValue | undefined): boolean {
  if (!isStruct(axis)) return false;
  return /^energy$/i.test(str(axis["Name"]).trim()) || /^ev$/i.test(str(axis["Unit"]).trim());
}

/** A dwell time (ms) field: undefined when absent; an error when not a finite number ≥ 0. */
export function dwellField(v: SdfValue | undefined, file: string, field: string): number | undefined {
  if (v === undefined) return undefined;
  if (typeof v !== "number" || !Number.isFinite(v) || v < 0) fail(file, field, "a dwell time in ms (a finite number >= 0)", show(v));
  return v;
}

/** Per-energy dwell (ms) listed by `ImageScan.EnergyRegions`, or undefined when absent or unusable. */
export function energyRegionDwell(hdr: SdfStruct, file: string): number[] | undefined {
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

export function checkRange(range: unknown, option: string, ordered: boolean): [number, number] | undefined {
  if (range === undefined) return undefined;
  const ok = Array.isArray(range) && range.length === 2 && range.every((v) => typeof v === "number" && Number.isFinite(v));
  if (!ok || (ordered ? !(range[0] <= range[1]) : !(Number.isInteger(range[0]) && Number.isInteger(range[1]) && range[0] >= 0 && range[0] < range[1]))) {
    const want = ordered ? "[min, max] with finite min <= max" : "[start, end) with integers 0 <= start < end";
    throw new RangeError(`readSdf: option ${option} must be ${want}, got ${JSON.stringify(range)}`);
  }
  return [range[0] as number, range[1] as number];
}

export interface DataFile {
  channel: number;
  digits: string;
  file: string;
}

/** The stack quantity a channel unit names. */
export function quantityOf(unit: string): Stack["quantity"] {
  const u = unit.trim().toLowerCase();
  if (u === "od" || u === "optical density") return "od";
  if (u === "transmission" || u === "i/i0") return "transmission";
  return "counts";
}

/** What the readers of one SDF scan's parts share: the header, the scan's facts, the options, and the warning list. @internal */
export interface SdfScanContext {
  /** The header's base name (for messages), its display name, and the data files' base name. */
  file: string;
  name: string;
  base: string;
  hdr: SdfStruct;
  source: DataSource;
  /** Metadata every stack of the scan carries (format, scan label, flags, time). */
  common: { format: string; scanLabel: string; flags: string; time: string };
  warnings: string[];
  /** Add a warning (prefixed with the file) to the scan's list and to `into`. */
  warn(text: string, into?: string[]): void;
  /** The scan's dwell (ms), warning once (into `into`) when the header gives none. */
  scanDwell(into: string[]): number;
  channelNames: string[];
  channelUnits: string[];
  chV: SdfValue[];
  regions: SdfStruct[];
  sa: SdfValue | undefined;
  saPoints: Float64Array | undefined;
  isStack: boolean;
  multiRegion: boolean;
  dwellList: number[] | undefined;
  sel: { energyRange?: readonly [number, number]; rows?: readonly [number, number]; columns?: readonly [number, number] } | undefined;
  energyRange: [number, number] | undefined;
  rowRange: [number, number] | undefined;
  colRange: [number, number] | undefined;
  maxValues: number;
  reject: boolean;
}
