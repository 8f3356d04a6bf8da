/**
 * The column IDs of the BioLogic `.mpr` data module: what each ID is called (spelled as EC-Lab
 * writes it in the ASCII export, so `.mpr` and `.mpt` give the same names) and how it is stored.
 * Facts from galvani (`VMPdata_colID_dtype_map`), biologic-converter (`ids.ts`) and yadg
 * (`mpr_columns.py`), checked against real `.mpr` / `.mpt` pairs (see the tests).
 * @module
 */

/** Storage type of one value: little-endian float64/float32 or unsigned integer. */
export type MprValueType = "f8" | "f4" | "u4" | "u2" | "u1";

/**
 * Byte size of each {@link MprValueType}.
 * @example
 * MPR_TYPE_SIZE.f4; // 4
 */
export const MPR_TYPE_SIZE: Readonly<Record<MprValueType, number>> = { f8: 8, f4: 4, u4: 4, u2: 2, u1: 1 };

/**
 * Flag column IDs: bits of one shared flags byte per row (name, bit mask).
 * @example
 * MPR_FLAG_COLUMNS.get(1); // ["mode", 0x03]
 */
export const MPR_FLAG_COLUMNS: ReadonlyMap<number, readonly [string, number]> = new Map<number, readonly [string, number]>([
  [1, ["mode", 0x03]],
  [2, ["ox/red", 0x04]],
  [3, ["error", 0x08]],
  [21, ["control changes", 0x10]],
  [31, ["Ns changes", 0x20]],
  [65, ["counter inc.", 0x80]],
]);

const harmonics = (first: number, what: string, unit: string): [number, string, MprValueType][] =>
  [2, 3, 4, 5, 6, 7].map((h, k) => [first + k, `|${what} h${h}|/${unit}`, "f4"]);

/**
 * Data column IDs → (name as in the `.mpt` export, storage type).
 * @example
 * MPR_DATA_COLUMNS.get(4); // ["time/s", "f8"]
 */
export const MPR_DATA_COLUMNS: ReadonlyMap<number, readonly [string, MprValueType]> = new Map<number, readonly [string, MprValueType]>(
  (
    [
      [4, "time/s", "f8"],
      [5, "control/V/mA", "f4"],
      [6, "Ewe/V", "f4"],
      [7, "dq/mA.h", "f8"],
      [8, "I/mA", "f4"],
      [9, "Ece/V", "f4"],
      [11, "<I>/mA", "f8"],
      [13, "(Q-Qo)/mA.h", "f8"],
      [16, "Analog IN 1/V", "f4"],
      [17, "Analog IN 2/V", "f4"],
      [19, "control/V", "f4"],
      [20, "control/mA", "f4"],
      [23, "dQ/mA.h", "f8"],
      [24, "cycle number", "f8"],
      [26, "Rapp/Ohm", "f4"],
      [27, "Ewe-Ece/V", "f4"],
      [32, "freq/Hz", "f4"],
      [33, "|Ewe|/V", "f4"],
      [34, "|I|/A", "f4"],
      [35, "Phase(Z)/deg", "f4"],
      [36, "|Z|/Ohm", "f4"],
      [37, "Re(Z)/Ohm", "f4"],
      [38, "-Im(Z)/Ohm", "f4"],
      [39, "I Range", "u2"],
      [69, "R/Ohm", "f4"],
      [70, "P/W", "f4"],
      [74, "|Energy|/W.h", "f8"],
      [75, "Analog OUT/V", "f4"],
      [76, "<I>/mA", "f4"],
      [77, "<Ewe>/V", "f4"],
      [78, "Cs-2/µF-2", "f4"],
      [96, "|Ece|/V", "f4"],
      [98, "Phase(Zce)/deg", "f4"],
      [99, "|Zce|/Ohm", "f4"],
      [100, "Re(Zce)/Ohm", "f4"],
      [101, "-Im(Zce)/Ohm", "f4"],
      // 112/115/116 from yadg; their +768 forms 880/883/884 (EC-Lab 11.5x) checked on real files: the row
      // length fixes them at 8 bytes, and the .mpt export of the same run names 880 "Energy we/W.h".
      [112, "Energy we/W.h", "f8"],
      [115, "Energy ce charge/W.h", "f8"],
      [116, "Energy ce discharge/W.h", "f8"],
      [123, "Energy charge/W.h", "f8"],
      [124, "Energy discharge/W.h", "f8"],
      [125, "Capacitance charge/µF", "f8"],
      [126, "Capacitance discharge/µF", "f8"],
      [131, "Ns", "u2"],
      [163, "|Estack|/V", "f4"],
      [168, "Rcmp/Ohm", "f4"],
      [169, "Cs/µF", "f4"],
      [172, "Cp/µF", "f4"],
      [173, "Cp-2/µF-2", "f4"],
      [174, "<Ewe>/V", "f4"],
      [178, "(Q-Qo)/C", "f4"],
      [179, "dQ/C", "f4"],
      [211, "Q charge/discharge/mA.h", "f8"],
      [212, "half cycle", "u4"],
      [213, "z cycle", "u4"],
      [217, "THD Ewe/%", "f4"],
      [218, "THD I/%", "f4"],
      [220, "NSD Ewe/%", "f4"],
      [221, "NSD I/%", "f4"],
      [223, "NSR Ewe/%", "f4"],
      [224, "NSR I/%", "f4"],
      ...harmonics(230, "Ewe", "V"),
      ...harmonics(236, "I", "A"),
      [242, "|E2|/V", "f4"],
      [271, "Phase(Z1)/deg", "f4"],
      [272, "Phase(Z2)/deg", "f4"],
      [301, "|Z1|/Ohm", "f4"],
      [302, "|Z2|/Ohm", "f4"],
      [331, "Re(Z1)/Ohm", "f4"],
      [332, "Re(Z2)/Ohm", "f4"],
      [361, "-Im(Z1)/Ohm", "f4"],
      [362, "-Im(Z2)/Ohm", "f4"],
      [391, "<E1>/V", "f4"],
      [392, "<E2>/V", "f4"],
      [422, "Phase(Zstack)/deg", "f4"],
      [423, "|Zstack|/Ohm", "f4"],
      [424, "Re(Zstack)/Ohm", "f4"],
      [425, "-Im(Zstack)/Ohm", "f4"],
      [426, "<Estack>/V", "f4"],
      [430, "Phase(Zwe-ce)/deg", "f4"],
      [431, "|Zwe-ce|/Ohm", "f4"],
      [432, "Re(Zwe-ce)/Ohm", "f4"],
      [433, "-Im(Zwe-ce)/Ohm", "f4"],
      [434, "(Q-Qo)/C", "f4"],
      [435, "dQ/C", "f4"],
      [438, "step time/s", "f8"],
      // galvani names 441 "<Ecv>/V"; the real CP pair (biologic-converter cp.mpr/.mpt) shows it is <Ece>/V.
      [441, "<Ece>/V", "f4"],
      [462, "Temperature/°C", "f4"],
      [467, "Q charge/discharge/mA.h", "f8"],
      [468, "half cycle", "u4"],
      [469, "z cycle", "u4"],
      [471, "<Ece>/V", "f4"],
      [473, "THD Ewe/%", "f4"],
      [474, "THD I/%", "f4"],
      [476, "NSD Ewe/%", "f4"],
      [477, "NSD I/%", "f4"],
      [479, "NSR Ewe/%", "f4"],
      [480, "NSR I/%", "f4"],
      ...harmonics(486, "Ewe", "V"),
      ...harmonics(492, "I", "A"),
      [498, "Q charge/mA.h", "f8"],
      [499, "Q discharge/mA.h", "f8"],
      [500, "step time/s", "f8"],
      [501, "Efficiency/%", "f8"],
      [502, "Capacity/mA.h", "f8"],
      [505, "Rdc/Ohm", "f4"],
      [880, "Energy we/W.h", "f8"],
      [883, "Energy ce charge/W.h", "f8"],
      [884, "Energy ce discharge/W.h", "f8"],
      [509, "Acir/Dcir Control", "u1"],
    ] as [number, string, MprValueType][]
  ).map(([id, name, type]) => [id, [name, type] as const]),
);

/**
 * Technique ID (first byte of the `VMP Set` module) → EC-Lab technique name, as the `.mpt` header writes it.
 * @example
 * MPR_TECHNIQUES.get(0x04); // "Galvanostatic Cycling with Potential Limitation"
 */
export const MPR_TECHNIQUES: ReadonlyMap<number, string> = new Map<number, string>([
  [0x04, "Galvanostatic Cycling with Potential Limitation"],
  [0x06, "Cyclic Voltammetry"],
  [0x0b, "Open Circuit Voltage"],
  [0x16, "Modular Pulse"],
  [0x18, "Chronoamperometry / Chronocoulometry"],
  [0x19, "Chronopotentiometry"],
  [0x1c, "Wait"],
  [0x1d, "Potentio Electrochemical Impedance Spectroscopy"],
  [0x1e, "Galvano Electrochemical Impedance Spectroscopy"],
  [0x30, "Cyclic Voltammetry"],
  [0x32, "IR compensation (PEIS)"],
  [0x33, "Cyclic Voltammetry Advanced"],
  [0x6c, "Linear Sweep Voltammetry"],
  [0x75, "Constant Voltage"],
  [0x76, "Constant Current"],
  [0x77, "Galvanostatic Cycling with Potential Limitation"],
  [0x7f, "Modulo Bat"],
  [0x88, "Battery Capacity Determination"],
]);
