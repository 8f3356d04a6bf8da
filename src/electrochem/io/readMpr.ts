/**
 * BioLogic EC-Lab binary files (`.mpr`).
 * @module
 */
import { checkOptions } from "../../util/checkOptions";
import { readRegularFile } from "../../io/readRegularFile";
import type { CyclerData } from "../cyclerData";
import { assembleCyclerData } from "./assembleCyclerData";
import { BIOLOGIC_COLUMN_KEYS, type BiologicColumnChoice, biologicPicks } from "./biologicColumns";
import { CyclerFileError } from "./cyclerFileError";
import { MPR_DATA_COLUMNS, MPR_FLAG_COLUMNS, MPR_TECHNIQUES, MPR_TYPE_SIZE, type MprValueType } from "./mprColumns";
import { type MprModule, readMprModules } from "./mprModules";

/** Options of {@link readMpr}. */
export interface ReadMprOptions {
  /** Column names to use instead of the defaults (see {@link BiologicColumnChoice}). */
  columns?: BiologicColumnChoice;
  /** Keep rows whose time runs backwards (with a warning) instead of throwing; default false. */
  allowUnsortedTime?: boolean;
}

/** Where the column IDs and the rows sit in the data module, by layout. */
interface DataLayout {
  ids: number[];
  dataStart: number;
  spare: [number, number];
  label: string;
}

function dataLayout(b: Uint8Array, m: MprModule, file: string): DataLayout {
  const dv = new DataView(b.buffer, b.byteOffset + m.offset, m.length);
  const field = `"VMP data" module (byte ${m.offset}, version ${m.version})`;
  if (m.length < 6) throw new CyclerFileError(file, field, `expected at least 6 bytes (point and column counts), got ${m.length}`);
  const nCol = dv.getUint8(4);
  const ids: number[] = [];
  const need = (n: number): void => {
    if (m.length < n) throw new CyclerFileError(file, field, `expected at least ${n} bytes of column list and header, got ${m.length} (truncated file)`);
  };
  if (m.version === 0) {
    if (dv.getUint8(5) !== 0) {
      // EC-Lab < 11.50, version 0: one byte per column ID from byte 5, rows from byte 100.
      need(100);
      for (let i = 0; i < nCol; i++) ids.push(dv.getUint8(5 + i));
      return { ids, dataStart: 100, spare: [5 + nCol, 100], label: "version 0 (byte column IDs)" };
    }
    // EC-Lab ≥ 11.50, version 0: column count u16 at 4, u16 column IDs from byte 6, rows from byte 1007.
    need(1007);
    const n16 = dv.getUint16(4, true);
    for (let i = 0; i < n16; i++) ids.push(dv.getUint16(6 + 2 * i, true));
    return { ids, dataStart: 1007, spare: [6 + 2 * n16, 1006], label: "version 0 (EC-Lab ≥ 11.50, 16-bit column IDs)" };
  }
  if (m.version === 2 || m.version === 3) {
    const start = m.version === 3 ? 406 : 405;
    need(start);
    for (let i = 0; i < nCol; i++) ids.push(dv.getUint16(5 + 2 * i, true));
    return { ids, dataStart: start, spare: [5 + 2 * nCol, 405], label: `version ${m.version}` };
  }
  throw new CyclerFileError(file, field, `unsupported data module version ${m.version} (this reader knows BioLogic .mpr data module versions 0, 2 and 3)`);
}

const OLE_EPOCH_MS = Date.UTC(1899, 11, 30);

function settingsMetadata(b: Uint8Array, m: MprModule, meta: Record<string, string | number>, warnings: string[]): void {
  const dv = new DataView(b.buffer, b.byteOffset + m.offset, m.length);
  if (m.length < 1) return;
  const id = dv.getUint8(0);
  const name = MPR_TECHNIQUES.get(id);
  meta.techniqueId = id;
  if (name !== undefined) meta.technique = name;
  else warnings.push(`Unknown technique ID 0x${id.toString(16)} in the "VMP Set" module; metadata.technique is not set.`);
  if (m.length >= 8) {
    const n = dv.getUint8(7);
    if (n > 0 && 8 + n <= m.length) meta.comments = Buffer.from(b.buffer, b.byteOffset + m.offset + 8, n).toString("latin1");
  }
  if (m.length >= 0x250) {
    const active = dv.getFloat32(0x107, true);
    const characteristic = dv.getFloat32(0x24c, true);
    if (active === Math.fround(0.001)) {
      warnings.push("The active material mass is 0.001 mg, EC-Lab's default when no mass was entered; metadata.activeMassMg is not set (give the mass to the analysis).");
    } else if (Number.isFinite(active) && active > 0) meta.activeMassMg = Number(active.toPrecision(7));
    if (Number.isFinite(characteristic) && characteristic > 0) meta.characteristicMassMg = Number((characteristic * 1000).toPrecision(7));
  }
}

function logMetadata(b: Uint8Array, m: MprModule, meta: Record<string, string | number>): void {
  const dv = new DataView(b.buffer, b.byteOffset + m.offset, m.length);
  for (const at of [585, 465, 469, 473]) {
    if (at + 8 > m.length) continue;
    const days = dv.getFloat64(at, true);
    if (days > 40000 && days < 60000) {
      meta.acquisitionStart = new Date(OLE_EPOCH_MS + days * 86400000).toISOString().replace("Z", "");
      return;
    }
  }
}

/**
 * Read a BioLogic EC-Lab binary file (`.mpr`).
 *
 * Layout (facts from galvani, biologic-converter and yadg, checked on real files): the magic
 * `BIO-LOGIC MODULAR FILE`, then modules (`VMP Set` settings, `VMP data`, `VMP LOG`, `VMP loop`,
 * `VMP ExtDev`). The data module holds the number of points (u32), the number of columns, the
 * column IDs and the packed rows; data module versions 0 (both the byte-ID layout of old
 * EC-Lab and the 16-bit-ID layout of EC-Lab ≥ 11.50), 2 and 3 are read. Flag IDs (mode, ox/red,
 * error, control changes, Ns changes, counter inc.) share one byte per row; the other IDs are
 * float64/float32/uint columns (see {@link MPR_DATA_COLUMNS}), named as the `.mpt` export names
 * them, so `readMpr` and {@link readMpt} give the same fields for one run.
 *
 * Fields as {@link readMpt} (same column choice and unit conversion; BioLogic's anodic-positive
 * current kept). Float32 columns are widened to float64 exactly (no rounding to the text
 * export's digits). When the file has no current column but a charge increment (`dq/mA.h`,
 * `dQ/mA.h`, `dQ/C` — GCPL files of EC-Lab ≥ 11.50 store no I), current is derived as
 * `<I> = dq / Δt` (mA·h × 3600 / s → mA; the first row 0) and a warning says so; an OCV record
 * without any gets 0 mA with a warning. `metadata`: `technique` (from the technique ID),
 * `techniqueId`, `activeMassMg` (settings offset 0x107, float32, mg; not set, with a warning, for
 * EC-Lab's default 0.001 mg) and `characteristicMassMg`
 * (0x24c, float32, g → mg), `acquisitionStart` (OLE date in the LOG module, as recorded),
 * `modules` (short names and versions), `dataModuleLayout`.
 *
 * @param path the `.mpr` file.
 * @param options see {@link ReadMprOptions}.
 * @returns the record; `format` is `"biologic-mpr v<data module version>"`.
 * @throws CyclerFileError naming the byte offset or module: not a `.mpr`, truncated module or
 *   rows, an unsupported data module version, an unknown column ID (with the module version).
 * @example
 * const run = readMpr("LRLO_GCPL_C01.mpr");
 * run.metadata.technique; // "Galvanostatic Cycling with Potential Limitation"
 * run.voltage;            // Float64Array, V
 */
export function readMpr(path: string, options: ReadMprOptions = {}): CyclerData {
  checkOptions("readMpr", options, ["columns", "allowUnsortedTime"]);
  checkOptions("readMpr: option columns", options.columns, BIOLOGIC_COLUMN_KEYS);
  const bytes = readRegularFile(path, { field: "BioLogic .mpr file", maxBytes: 2 ** 32 });
  return parseMpr(bytes, path, options);
}

/**
 * Parse the bytes of a `.mpr` file (see {@link readMpr}); `file` names it in messages.
 * @example
 * parseMpr(new Uint8Array(readFileSync("a.mpr")), "a.mpr").nPoints;
 */
export function parseMpr(bytes: Uint8Array, file: string, options: ReadMprOptions = {}): CyclerData {
  checkOptions("parseMpr", options, ["columns", "allowUnsortedTime"]);
  checkOptions("parseMpr: option columns", options.columns, BIOLOGIC_COLUMN_KEYS);
  if (bytes.length === 0) throw new CyclerFileError(file, "file", `is empty (0 bytes); expected a BioLogic .mpr starting with "BIO-LOGIC MODULAR FILE"`);
  const modules = readMprModules(bytes, file);
  const dataModules = modules.filter((m) => m.shortName === "VMP data");
  if (dataModules.length !== 1) {
    throw new CyclerFileError(file, "modules", `expected one "VMP data" module, found ${dataModules.length} (modules: ${modules.map((m) => m.shortName).join(", ")})`);
  }
  const dm = dataModules[0];
  const layout = dataLayout(bytes, dm, file);
  const warnings: string[] = [];
  const metadata: Record<string, string | number> = {
    modules: modules.map((m) => `${m.shortName} v${m.version}`).join(", "),
    dataModuleLayout: layout.label,
    startDate: dm.date,
  };
  for (let i = layout.spare[0]; i < layout.spare[1]; i++) {
    if (bytes[dm.offset + i] !== 0) {
      warnings.push(`The data module header has non-zero bytes after the column list (first at module byte ${i}); the layout "${layout.label}" was assumed.`);
      break;
    }
  }
  const set = modules.find((m) => m.shortName === "VMP Set");
  if (set) settingsMetadata(bytes, set, metadata, warnings);
  const log = modules.find((m) => m.shortName === "VMP LOG");
  if (log) logMetadata(bytes, log, metadata);

  // Row layout: one flags byte at the first flag ID, then each data column.
  const cols: { name: string; type: MprValueType | "flag"; mask: number; at: number }[] = [];
  let rowSize = 0;
  let flagAt = -1;
  layout.ids.forEach((id, k) => {
    const flag = MPR_FLAG_COLUMNS.get(id);
    if (flag) {
      if (flagAt < 0) {
        flagAt = rowSize;
        rowSize += 1;
      }
      cols.push({ name: flag[0], type: "flag", mask: flag[1], at: flagAt });
      return;
    }
    const data = MPR_DATA_COLUMNS.get(id);
    if (!data) {
      throw new CyclerFileError(
        file,
        `"VMP data" module (byte ${dm.offset}), column ${k + 1} of ${layout.ids.length}`,
        `unknown column ID ${id} in data module ${layout.label}${k > 0 ? ` (after ${cols[k - 1].name})` : ""}; the reader cannot know its size, so the rows cannot be read`,
      );
    }
    cols.push({ name: data[0], type: data[1], mask: 0, at: rowSize });
    rowSize += MPR_TYPE_SIZE[data[1]];
  });
  const dv = new DataView(bytes.buffer, bytes.byteOffset + dm.offset, dm.length);
  const nPoints = dv.getUint32(0, true);
  const body = dm.length - layout.dataStart;
  if (nPoints * rowSize > body) {
    throw new CyclerFileError(
      file,
      `"VMP data" module (byte ${dm.offset}), rows`,
      `the module says ${nPoints} points of ${rowSize} bytes (${nPoints * rowSize} bytes) but holds ${body} bytes of rows (truncated file)`,
    );
  }
  if (nPoints * rowSize < body) warnings.push(`The data module has ${body - nPoints * rowSize} bytes after its ${nPoints} rows; they were not read.`);
  const values = cols.map(() => new Float64Array(nPoints));
  const shifts = cols.map((c) => (c.type === "flag" ? Math.log2(c.mask & -c.mask) : 0));
  for (let r = 0; r < nPoints; r++) {
    const base = layout.dataStart + r * rowSize;
    for (let c = 0; c < cols.length; c++) {
      const col = cols[c];
      const p = base + col.at;
      let v: number;
      switch (col.type) {
        case "flag":
          v = (dv.getUint8(p) & col.mask) >> shifts[c];
          break;
        case "f8":
          v = dv.getFloat64(p, true);
          break;
        case "f4":
          v = dv.getFloat32(p, true);
          break;
        case "u4":
          v = dv.getUint32(p, true);
          break;
        case "u2":
          v = dv.getUint16(p, true);
          break;
        default:
          v = dv.getUint8(p);
      }
      values[c][r] = v;
    }
  }
  // In Battery Capacity Determination records EC-Lab calls column 6 "Ecell/V" (yadg; the .mpt export of such a run agrees).
  const bcd = metadata.technique === "Battery Capacity Determination";
  const names = cols.map((c) => (bcd && c.name === "Ewe/V" ? "Ecell/V" : c.name));
  const format = `biologic-mpr v${dm.version}`;
  const where = (i: number): string => `row ${i + 1} (byte ${dm.offset + layout.dataStart + i * rowSize})`;
  const choice = options.columns ?? {};
  if (choice.current === undefined && !names.some((n) => n === "I/mA" || n === "<I>/mA")) {
    const dq = ["dq/mA.h", "dQ/mA.h", "dQ/C"].map((n) => names.indexOf(n)).find((i) => i >= 0);
    const ti = names.indexOf("time/s");
    if (dq !== undefined && ti >= 0) {
      const f = names[dq] === "dQ/C" ? 1000 : 3600; // C/s = A → mA; mA·h/s × 3600 → mA
      const t = values[ti];
      const q = values[dq];
      const cur = new Float64Array(nPoints);
      for (let i = 1; i < nPoints; i++) {
        const dt = t[i] - t[i - 1];
        cur[i] = dt > 0 ? (q[i] * f) / dt : 0;
      }
      names.push("<I>/mA");
      values.push(cur);
      warnings.push(`The file stores no current column; current is derived from "${names[dq]}" as <I> = dq/Δt (mA; 0 for the first row and wherever Δt = 0), the value EC-Lab writes as <I>/mA when it exports such a file.`);
    }
  }
  const picks = biologicPicks(names, choice, metadata.technique as string | undefined, file, `"VMP data" module column list`, warnings);
  return assembleCyclerData({ file, format, names, values, metadata, warnings, where, allowUnsortedTime: options.allowUnsortedTime === true }, picks);
}
