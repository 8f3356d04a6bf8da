/**
 * The `.ndc` files inside a Neware `.ndax` archive: byte 0 is the file type (1 voltage/current,
 * 5 auxiliary channels, 7 steps, 18 run info: time, capacities, energies, date), byte 2 the
 * version. Records sit in 4096-byte pages after a 4096-byte header, from byte 132 of each page.
 * Layouts from NewareNDA (`NewareNDAx.py`), checked on real files of ndc versions 14, 16 and 17.
 * @module
 */
import { CyclerFileError } from "./cyclerFileError";

/** Columns read from one `.ndc` file (absent ones are undefined). Row `i` of a type-1 or type-5 file is record Index `i + 1`. */
export interface NdcTable {
  /** File type (byte 0). */
  type: number;
  /** Version (byte 2). */
  version: number;
  /** Named columns. */
  columns: Record<string, Float64Array>;
}

/**
 * The `.ndc` versions this reader knows (for file types 1, 5, 7 and 18).
 * @example
 * NDC_VERSIONS.includes(17); // true
 */
export const NDC_VERSIONS: readonly number[] = [14, 16, 17];

const PAGE = 4096;

function pages(b: Uint8Array, from: number, tail: number, size: number, visit: (dv: DataView, p: number) => void, file: string, entry: string): void {
  if ((b.length - PAGE) % PAGE !== 0) {
    throw new CyclerFileError(file, `zip entry "${entry}"`, `expected whole 4096-byte pages after a 4096-byte header, got ${b.length} bytes (truncated entry)`);
  }
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  for (let page = PAGE; page < b.length; page += PAGE) {
    const end = page + PAGE - tail;
    for (let p = page + from; p + size <= end; p += size) visit(dv, p);
  }
}

/**
 * Parse one `.ndc` file.
 *
 * - type 1 (records): per slot a float32 voltage and float32 current — v14/v17: V and A
 *   (→ mA ×1000); v16: 0.1 mV units (×1e-4 → V) and mA. Columns `voltage`, `current`.
 * - type 5 (aux): v14/v17: one float32 per slot (`value`, its meaning from TestInfo.xml
 *   ChlType); v16: `<pad byte><float32 voltage ×1e-4><int16 temperature ×0.1>`.
 * - type 7 (steps): v14: cycle (i32), step index (i32), 16 bytes, status (u8) per 37 bytes;
 *   v16/v17: the same then 8 bytes, Index (i32) per 100 bytes. Columns `cycle` (0-based as
 *   stored), `stepIndex`, `status`.
 * - type 18 (run info): time (i32, ms), a byte, four float32 capacities/energies (charge cap.,
 *   discharge cap., charge energy, discharge energy: A·h and W·h ×1000 in v14/v17; mA·s and
 *   mW·s ÷3600 in v16), 8 bytes, dt (i32 ms), date (i32 Unix s), step (i32), Index (i32),
 *   ms (i16). Rows with Index 0 are empty slots.
 *
 * @throws CyclerFileError naming the entry for an unknown version/type or a size that is not whole pages.
 * @example
 * parseNdc(bytes, "run.ndax", "data_runInfo.ndc").columns.time;
 */
export function parseNdc(b: Uint8Array, file: string, entry: string): NdcTable {
  if (b.length < 3) throw new CyclerFileError(file, `zip entry "${entry}"`, `expected an .ndc header, got ${b.length} bytes`);
  const type = b[0];
  const version = b[2];
  const unsupported = (): never => {
    throw new CyclerFileError(file, `zip entry "${entry}"`, `unsupported Neware .ndc version ${version} for file type ${type} (this reader knows versions ${NDC_VERSIONS.join(", ")} of types 1, 5, 7 and 18)`);
  };
  if (!NDC_VERSIONS.includes(version)) unsupported();
  const acc: Record<string, number[]> = {};
  const push = (k: string, v: number): void => {
    (acc[k] ??= []).push(v);
  };
  if (type === 1) {
    pages(b, 132, 4, 8, (dv, p) => {
      const v = dv.getFloat32(p, true);
      const i = dv.getFloat32(p + 4, true);
      push("voltage", version === 16 ? v * 1e-4 : v);
      push("current", version === 16 ? i : i * 1000);
    }, file, entry);
  } else if (type === 5) {
    if (version === 16) {
      pages(b, 132, 2, 7, (dv, p) => {
        push("voltage", dv.getFloat32(p + 1, true) * 1e-4);
        push("temperature", dv.getInt16(p + 5, true) / 10);
      }, file, entry);
    } else {
      pages(b, 132, 4, 4, (dv, p) => push("value", dv.getFloat32(p, true)), file, entry);
    }
  } else if (type === 7) {
    const size = version === 14 ? 37 : 100;
    pages(b, 132, version === 14 ? 5 : 64, size, (dv, p) => {
      const index = version === 14 ? 1 : dv.getInt32(p + 33, true);
      const stepIndex = dv.getInt32(p + 4, true);
      if ((version === 14 && stepIndex === 0) || index === 0) return;
      push("cycle", dv.getInt32(p, true));
      push("stepIndex", stepIndex);
      push("status", dv.getUint8(p + 24));
    }, file, entry);
  } else if (type === 18) {
    const size = version === 14 ? 55 : 100;
    const scale = version === 16 ? 1 / 3600 : 1000;
    pages(b, 132, version === 14 ? 4 : 64, size, (dv, p) => {
      const index = dv.getInt32(p + 41, true);
      if (index === 0) return;
      push("time", dv.getInt32(p, true) / 1000);
      push("chargeCapacity", dv.getFloat32(p + 5, true) * scale);
      push("dischargeCapacity", dv.getFloat32(p + 9, true) * scale);
      push("chargeEnergy", dv.getFloat32(p + 13, true) * scale);
      push("dischargeEnergy", dv.getFloat32(p + 17, true) * scale);
      push("dt", dv.getInt32(p + 29, true) / 1000);
      push("timestamp", dv.getInt32(p + 33, true) + dv.getInt16(p + 45, true) / 1000);
      push("step", dv.getInt32(p + 37, true));
      push("index", index);
    }, file, entry);
  } else unsupported();
  const columns: Record<string, Float64Array> = {};
  for (const [k, v] of Object.entries(acc)) columns[k] = Float64Array.from(v);
  return { type, version, columns };
}
