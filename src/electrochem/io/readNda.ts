/**
 * Neware BTS binary files (`.nda`), versions 29 and 130.
 * @module
 */
import { checkOptions } from "../../util/checkOptions";
import { readRegularFile } from "../../io/readRegularFile";
import type { CyclerData } from "../cyclerData";
import { CyclerFileError } from "./cyclerFileError";
import { type NewareColumns, newareCyclerData } from "./newareRecords";

/** Options of {@link readNda}. */
export interface ReadNdaOptions {
  /** Keep rows whose time runs backwards (with a warning) instead of throwing; default false. */
  allowUnsortedTime?: boolean;
}

/** Current range (record field) → multiplier to mA for the integer current and capacity fields of version 29 (NewareNDA `multiplier_dict`). */
const RANGE_MULTIPLIER: ReadonlyMap<number, number> = new Map<number, number>([
  [-100000000, 10],
  ...[-200000, -100000, -60000, -50000, -40000, -30000, -20000, -12000, -10000, -6000, -5000, -3000, -2000, -1000].map((r) => [r, 1e-2] as [number, number]),
  [-500, 1e-3],
  [-100, 1e-3],
  ...[-50, -25, -20, -10].map((r) => [r, 1e-4] as [number, number]),
  ...[-5, -2, -1].map((r) => [r, 1e-5] as [number, number]),
  [0, 0],
  ...[1, 2, 5].map((r) => [r, 1e-4] as [number, number]),
  ...[10, 20, 25, 50].map((r) => [r, 1e-3] as [number, number]),
  ...[100, 200, 250, 500].map((r) => [r, 1e-2] as [number, number]),
  ...[1000, 6000, 10000, 12000, 20000, 30000, 40000, 50000, 60000, 100000, 200000].map((r) => [r, 1e-1] as [number, number]),
]);

/** Growable record columns. */
class Records {
  readonly rows: number[][] = [];
  aux: Map<number, Map<string, number>> = new Map();
  push(r: number[]): void {
    this.rows.push(r);
  }
}

// Record fields, in order: index, cycle (1-based), stepIndex, status, time, voltage, current, chgCap, dchgCap, chgE, dchgE, timestamp.
type Row = number[];

function findBytes(b: Uint8Array, pattern: readonly number[], from: number): number {
  outer: for (let i = from; i <= b.length - pattern.length; i++) {
    for (let k = 0; k < pattern.length; k++) if (b[i + k] !== pattern[k]) continue outer;
    return i;
  }
  return -1;
}

function readV29(b: Uint8Array, dv: DataView, file: string, recs: Records, warnings: string[]): void {
  const len = 86;
  const id = [0, 0, 0, 0, 0x55, 0];
  let h = findBytes(b, id, 0);
  if (h < 0) throw new CyclerFileError(file, "data section", "expected data records (marker 00 00 00 00 55 00), found none (empty or truncated file)");
  // The first record: a marker whose next record also starts 0x55 and whose status is non-zero.
  while (h >= 0 && h + 4 + len < b.length && (b[h + 4 + len] !== 0x55 || b[h + 4 + 12] === 0)) h = findBytes(b, id, h + 4);
  if (h < 0) throw new CyclerFileError(file, "data section", "expected a run of 86-byte data records, found none");
  let p = h + 4;
  let other = 0;
  for (; p + len <= b.length; p += len) {
    const ok = dv.getUint32(p + 82, true) === 0;
    if (b[p] === 0x55 && b[p + 1] === 0 && ok) {
      const index = dv.getUint32(p + 2, true);
      const status = b[p + 12];
      if (index === 0 || status === 0) continue;
      const range = dv.getInt32(p + 78, true);
      const m = RANGE_MULTIPLIER.get(range);
      if (m === undefined) throw new CyclerFileError(file, `record at byte ${p}`, `unknown current range ${range} (nda version 29); cannot scale the current`);
      const date = Date.UTC(dv.getUint16(p + 70, true), b[p + 72] - 1, b[p + 73], b[p + 74], b[p + 75], b[p + 76]) / 1000;
      recs.push([
        index,
        dv.getUint32(p + 6, true) + 1,
        dv.getUint16(p + 10, true),
        status,
        Number(dv.getBigUint64(p + 14, true)) / 1000,
        dv.getInt32(p + 22, true) / 10000,
        dv.getInt32(p + 26, true) * m,
        (Number(dv.getBigInt64(p + 38, true)) * m) / 3600,
        (Number(dv.getBigInt64(p + 46, true)) * m) / 3600,
        (Number(dv.getBigInt64(p + 54, true)) * m) / 3600,
        (Number(dv.getBigInt64(p + 62, true)) * m) / 3600,
        date,
      ]);
    } else if (b[p] === 0x65 && ok) {
      const ch = b[p + 1];
      const index = dv.getUint32(p + 2, true);
      let a = recs.aux.get(index);
      if (!a) recs.aux.set(index, (a = new Map()));
      a.set(`T${ch}/°C`, dv.getInt16(p + 34, true) / 10);
      a.set(`V${ch}/V`, dv.getInt32(p + 22, true) / 10000);
    } else other++;
  }
  if (p < b.length) warnings.push(`The file ends with ${b.length - p} bytes that do not fill an 86-byte record; they were not read.`);
  if (other > 0) warnings.push(`${other} 86-byte blocks in the data section are neither data (0x55) nor auxiliary (0x65) records; they were skipped.`);
}

function readV130(b: Uint8Array, dv: DataView, file: string, recs: Records, meta: Record<string, string | number>, warnings: string[]): boolean {
  if (b.length < 1030) throw new CyclerFileError(file, "byte 1024", `expected records from byte 1024, but the file has ${b.length} bytes (truncated)`);
  if (b[1024] === 0x55) {
    // BTS 9.1: records start 0x55 <byte>; their length is the distance to the next such pair.
    const next = findBytes(b, [b[1024], b[1025]], 1026);
    const len = next < 0 ? -1 : next - 1024;
    if (len !== 52 && len !== 56) throw new CyclerFileError(file, "byte 1024", `expected BTS 9.1 records of 52 or 56 bytes, found a record length of ${len}`);
    meta.btsVariant = "BTS 9.1";
    let p = 1024;
    for (; p + len <= b.length; p += len) {
      if (b[p] === 0x81) break;
      if (b[p] !== 0x55) continue;
      const index = dv.getUint32(p + 8, true);
      const cap = dv.getFloat32(p + 28, true);
      const e = dv.getFloat32(p + 32, true);
      recs.push([
        index,
        dv.getUint32(p + 36, true) + 1,
        b[p + 2],
        b[p + 3],
        dv.getUint32(p + 12, true) + dv.getUint32(p + 16, true) * 1e-9,
        dv.getFloat32(p + 24, true),
        dv.getFloat32(p + 20, true),
        cap > 0 ? cap / 3600 : 0,
        cap < 0 ? -cap / 3600 : 0,
        e > 0 ? e / 3600 : 0,
        e < 0 ? -e / 3600 : 0,
        dv.getUint32(p + 44, true) + dv.getUint32(p + 48, true) * 1e-9,
      ]);
      if (len === 56) recs.aux.set(index, new Map([["T1/°C", dv.getFloat32(p + 52, true)]]));
    }
    if (p < b.length && b[p] !== 0x81) warnings.push(`The file ends with ${b.length - p} bytes that do not fill a ${len}-byte record; they were not read.`);
    return false;
  }
  // BTS 9.0: 88-byte records starting with the 6 bytes found at 1024.
  const len = 88;
  const id = Array.from(b.subarray(1024, 1030));
  meta.btsVariant = "BTS 9.0";
  let p = 1024;
  for (; p + len <= b.length; p += len) {
    let same = true;
    for (let k = 0; k < 6; k++) if (b[p + k] !== id[k]) same = false;
    if (same) {
      const r = p + 4;
      recs.push([
        dv.getUint32(r + 12, true),
        0,
        b[r + 5],
        b[r + 6],
        Number(dv.getBigUint64(r + 24, true)) / 1e6,
        dv.getFloat32(r + 32, true),
        dv.getFloat32(r + 36, true),
        dv.getFloat32(r + 48, true) / 3600,
        dv.getFloat32(r + 56, true) / 3600,
        dv.getFloat32(r + 52, true) / 3600,
        dv.getFloat32(r + 60, true) / 3600,
        Number(dv.getBigUint64(r + 64, true)) / 1e6,
      ]);
    } else if (b[p] === 0 && b[p + 1] === 0 && b[p + 2] === 0 && b[p + 3] === 0 && b[p + 4] === 0x65) {
      const a0 = p + 4;
      const index = dv.getUint32(a0 + 2, true);
      const ch = b[a0 + 1];
      let a = recs.aux.get(index);
      if (!a) recs.aux.set(index, (a = new Map()));
      a.set(`T${ch}/°C`, dv.getInt16(a0 + 34, true) / 10);
      a.set(`V${ch}/V`, dv.getInt32(a0 + 22, true) / 10000);
    } else if (b[p] === 0x81) break;
  }
  warnings.push("BTS 9.0 records carry no cycle number; cycle is 0 (not recorded) for every row, as NewareNDA gives it.");
  return false;
}

/**
 * Read a Neware BTS binary file (`.nda`).
 *
 * Versions (byte 14 of the file, after the `NEWARE` magic; facts from NewareNDA, checked on real
 * files against its output): **29** (BTS 7.x: 86-byte records marked `55 00`, integer voltage
 * in 0.1 mV, integer current and capacities scaled by the current range, time within the step
 * in ms, auxiliary records `65`), and **130** (BTS 9.1: 52/56-byte float records from byte
 * 1024, time since the start with ns; BTS 9.0: 88-byte float records, read as NewareNDA reads
 * them but not checked here on a real file). Any other version is an error naming it.
 *
 * Fields: see {@link newareCyclerData} — time s since the start (accumulated over steps for
 * version 29), voltage V, current mA (Neware's sign: discharge negative, kept), capacity =
 * charge − discharge capacity of the step (mAh), cycle 1-based, step = running step number.
 * Records are expected in increasing `Index`; out-of-order records are sorted and repeated
 * ones dropped, each with a warning (as NewareNDA does). `metadata`: `ndaVersion`, `server`,
 * `client` (BTS versions when written), `activeMassMg` (version 29 header), `remarks`.
 *
 * @param path the `.nda` file.
 * @returns the record; `format` is `"neware-nda v29"` or `"neware-nda v130"`.
 * @throws CyclerFileError naming the file and offset: not a Neware file, an unsupported version,
 *   no records, an unknown current range.
 * @example
 * const run = readNda("LRLO_cell3.nda");
 * run.metadata.ndaVersion; // 29
 */
export function readNda(path: string, options: ReadNdaOptions = {}): CyclerData {
  checkOptions("readNda", options, ["allowUnsortedTime"]);
  const b = readRegularFile(path, { field: "Neware .nda file", maxBytes: 2 ** 32 });
  return parseNda(b, path, options);
}

/**
 * Parse the bytes of a `.nda` file (see {@link readNda}); `file` names it in messages.
 * @example
 * parseNda(new Uint8Array(readFileSync("a.nda")), "a.nda").nPoints;
 */
export function parseNda(b: Uint8Array, file: string, options: ReadNdaOptions = {}): CyclerData {
  checkOptions("parseNda", options, ["allowUnsortedTime"]);
  if (b.length === 0) throw new CyclerFileError(file, "file", `is empty (0 bytes); expected a Neware .nda starting with "NEWARE"`);
  const magic = Buffer.from(b.buffer, b.byteOffset, Math.min(6, b.length)).toString("latin1");
  if (magic !== "NEWARE") throw new CyclerFileError(file, "byte 0", `expected the Neware magic "NEWARE" (a .nda file), got "${magic.replace(/[^\x20-\x7e]/g, ".")}"`);
  if (b.length < 15) throw new CyclerFileError(file, "byte 14", `expected the version byte, but the file has ${b.length} bytes (truncated)`);
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const version = b[14];
  const metadata: Record<string, string | number> = { ndaVersion: version };
  const warnings: string[] = [];
  const text = (a: number, n: number): string => Buffer.from(b.buffer, b.byteOffset + a, Math.max(0, Math.min(n, b.length - a))).toString("latin1").replace(/\0/g, "").trim();
  const server = Buffer.from(b.buffer, b.byteOffset, b.length).indexOf("BTSServer");
  if (server >= 0) {
    metadata.server = text(server, 50);
    metadata.client = text(server + 100, 50);
  }
  const recs = new Records();
  if (version === 29) {
    if (b.length >= 156) metadata.activeMassMg = dv.getUint32(152, true) / 1000;
    if (b.length >= 2417) metadata.remarks = text(2317, 100).replace(/[^\x20-\x7e]/g, "");
    readV29(b, dv, file, recs, warnings);
  } else if (version === 130) {
    readV130(b, dv, file, recs, metadata, warnings);
  } else {
    throw new CyclerFileError(file, "byte 14", `unsupported Neware .nda version ${version} (this reader knows versions 29 and 130)`);
  }
  if (recs.rows.length === 0) throw new CyclerFileError(file, "data section", `no data records found (nda version ${version})`);
  let rows: Row[] = recs.rows;
  // Order by Index, drop repeated Index (keep the first), each with a warning.
  let sorted = true;
  for (let i = 1; i < rows.length; i++) if (rows[i][0] < rows[i - 1][0]) sorted = false;
  if (!sorted) {
    rows = rows.map((r, k) => [...r, k]).sort((x, y) => x[0] - y[0] || x[12] - y[12]);
    warnings.push("Records are not in increasing Index order in the file; they were sorted by Index.");
  }
  const kept: Row[] = [];
  for (const r of rows) if (kept.length === 0 || kept[kept.length - 1][0] !== r[0]) kept.push(r);
  if (kept.length < rows.length) warnings.push(`${rows.length - kept.length} records repeat an Index already read; the first of each was kept.`);
  rows = kept;
  const n = rows.length;
  const col = (k: number): Float64Array => Float64Array.from(rows, (r) => r[k]);
  const auxNames = new Set<string>();
  for (const a of recs.aux.values()) for (const k of a.keys()) auxNames.add(k);
  const aux: Record<string, Float64Array> = {};
  for (const name of [...auxNames].sort()) {
    const v = new Float64Array(n).fill(NaN);
    for (let i = 0; i < n; i++) {
      const x = recs.aux.get(rows[i][0])?.get(name);
      if (x !== undefined) v[i] = x;
    }
    aux[name] = v;
  }
  if (auxNames.size > 0) {
    const matched = rows.filter((r) => recs.aux.has(r[0])).length;
    if (matched < n) warnings.push(`Auxiliary channels (${[...auxNames].join(", ")}) have no value for ${n - matched} of ${n} records; those are NaN.`);
  }
  const cols: NewareColumns = {
    index: col(0),
    cycle: col(1),
    stepIndex: col(2),
    status: col(3),
    time: col(4),
    voltage: col(5),
    current: col(6),
    chargeCapacity: col(7),
    dischargeCapacity: col(8),
    chargeEnergy: col(9),
    dischargeEnergy: col(10),
    timestamp: col(11),
    aux,
  };
  const stepTime = version === 29;
  return newareCyclerData(cols, stepTime, file, `neware-nda v${version}`, metadata, warnings, (i) => `record Index ${rows[i][0]}`, options.allowUnsortedTime === true);
}
