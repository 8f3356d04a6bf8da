/**
 * The module list of a BioLogic `.mpr` file.
 * @module
 */
import { CyclerFileError } from "./cyclerFileError";

/** One module of a `.mpr` file (`VMP Set`, `VMP data`, `VMP LOG`, `VMP loop`, `VMP ExtDev` …). */
export interface MprModule {
  /** Short name, trimmed, e.g. "VMP data". */
  shortName: string;
  /** Long name, trimmed, e.g. "VMP data". */
  longName: string;
  /** Module version (the data module's layout depends on it). */
  version: number;
  /** Header layout: 1 (EC-Lab < 11.50, 51 bytes) or 2 (≥ 11.50, 59 bytes, with a max length). */
  headerLayout: 1 | 2;
  /** Date as written (e.g. "01/10/24", "03.26.18"). */
  date: string;
  /** Byte offset of the module's data in the file. */
  offset: number;
  /** Length of the module's data, bytes. */
  length: number;
}

/**
 * Length of the file magic, bytes: "BIO-LOGIC MODULAR FILE\x1a" padded with spaces to 48 bytes, then 4 zero bytes.
 * @example
 * bytes.subarray(MPR_MAGIC_LENGTH, MPR_MAGIC_LENGTH + 6); // "MODULE"
 */
export const MPR_MAGIC_LENGTH = 52;

const latin1 = (b: Uint8Array, a: number, n: number): string => Buffer.from(b.buffer, b.byteOffset + a, n).toString("latin1");

/**
 * Check the magic and list the modules of a `.mpr` file. Each module is `MODULE` followed by
 * a header — short name (10 bytes), long name (25), then either length (u32), version (u32),
 * date (8) (layout 1), or, when the four bytes after the long name are `ff ff ff ff`
 * (EC-Lab ≥ 11.50), max length (u32), length (u32), version (u32), a u32, date (8) (layout 2) —
 * and `length` bytes of data.
 *
 * @throws CyclerFileError naming the byte offset: wrong magic, a missing `MODULE`, a header or
 *   data cut short by the end of the file.
 * @example
 * readMprModules(bytes, "run.mpr").map((m) => m.shortName); // ["VMP Set", "VMP data", "VMP LOG"]
 */
export function readMprModules(bytes: Uint8Array, file: string): MprModule[] {
  const magic = "BIO-LOGIC MODULAR FILE\x1a";
  if (bytes.length < MPR_MAGIC_LENGTH || latin1(bytes, 0, magic.length) !== magic) {
    const got = latin1(bytes, 0, Math.min(bytes.length, 24)).replace(/[^\x20-\x7e]/g, ".");
    throw new CyclerFileError(file, "byte 0", `expected the BioLogic magic "BIO-LOGIC MODULAR FILE" (a .mpr file), got "${got}"${bytes.length < MPR_MAGIC_LENGTH ? ` (${bytes.length} bytes in all)` : ""}`);
  }
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const modules: MprModule[] = [];
  let off = MPR_MAGIC_LENGTH;
  while (off < bytes.length) {
    const where = `byte ${off} (module ${modules.length + 1})`;
    if (bytes.length - off < 6 || latin1(bytes, off, 6) !== "MODULE") {
      throw new CyclerFileError(file, where, `expected "MODULE" (the start of a module), got "${latin1(bytes, off, Math.min(6, bytes.length - off)).replace(/[^\x20-\x7e]/g, ".")}"`);
    }
    const h = off + 6;
    const need1 = 51;
    if (bytes.length - h < need1) throw new CyclerFileError(file, where, `the module header is cut short: ${bytes.length - h} of ${need1} bytes before the end of the file (truncated file)`);
    const layout2 = dv.getUint32(h + 35, true) === 0xffffffff;
    const hl = layout2 ? 59 : 51;
    if (bytes.length - h < hl) throw new CyclerFileError(file, where, `the module header is cut short: ${bytes.length - h} of ${hl} bytes before the end of the file (truncated file)`);
    const length = dv.getUint32(h + (layout2 ? 39 : 35), true);
    const version = dv.getUint32(h + (layout2 ? 43 : 39), true);
    const date = latin1(bytes, h + (layout2 ? 51 : 43), 8);
    const m: MprModule = {
      shortName: latin1(bytes, h, 10).trim(),
      longName: latin1(bytes, h + 10, 25).trim(),
      version,
      headerLayout: layout2 ? 2 : 1,
      date,
      offset: h + hl,
      length,
    };
    if (m.offset + length > bytes.length) {
      throw new CyclerFileError(
        file,
        `${where}, "${m.shortName}"`,
        `the module claims ${length} bytes of data but only ${bytes.length - m.offset} remain in the file (truncated file)`,
      );
    }
    modules.push(m);
    off = m.offset + length;
  }
  return modules;
}
