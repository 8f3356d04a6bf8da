/**
 * Column names with units (`time/s`, `I/mA`, `Cap. [Ah]`, `Current(A)`) and the factors that
 * take each unit to the {@link CyclerData} units: s, V, mA, mAh.
 * @module
 */

/** The quantities a cycler record is converted to, with their target units. */
export type CyclerQuantity = "time" | "voltage" | "current" | "capacity";

/**
 * Target unit of each quantity, as written in messages.
 * @example
 * CYCLER_UNITS.current; // "mA"
 */
export const CYCLER_UNITS: Readonly<Record<CyclerQuantity, string>> = { time: "s", voltage: "V", current: "mA", capacity: "mAh" };

const MICRO = ["µ", "μ", "u"];

function withMicro(base: Record<string, number>, micro: Record<string, number>): Record<string, number> {
  const out: Record<string, number> = { ...base };
  for (const [u, f] of Object.entries(micro)) for (const m of MICRO) out[m + u] = f;
  return out;
}

/** Unit spelling → factor to the target unit, per quantity (case-sensitive: mA ≠ MA). */
const FACTORS: Readonly<Record<CyclerQuantity, Record<string, number>>> = {
  time: { s: 1, sec: 1, ms: 1e-3, min: 60, h: 3600, hr: 3600 },
  voltage: withMicro({ V: 1, mV: 1e-3, kV: 1e3 }, { V: 1e-6 }),
  current: withMicro({ A: 1e3, mA: 1, nA: 1e-6 }, { A: 1e-3 }),
  capacity: withMicro(
    { "A.h": 1e3, Ah: 1e3, "A·h": 1e3, "mA.h": 1, mAh: 1, "mA·h": 1, C: 1 / 3.6, mC: 1 / 3600, As: 1 / 3.6, mAs: 1 / 3600 },
    { "A.h": 1e-3, Ah: 1e-3, "A·h": 1e-3, C: 1 / 3600 },
  ),
};

/**
 * The factor that converts a value in `unit` to the {@link CyclerData} unit of `quantity`
 * (s, V, mA, mAh), or `undefined` when the unit is not one of that quantity.
 * Capacity in coulomb converts with 1 mAh = 3.6 C.
 * @param quantity "time" | "voltage" | "current" | "capacity".
 * @param unit the unit as written, e.g. "mA.h", "A", "C", "h".
 * @example
 * unitFactor("current", "A");   // 1000   (A → mA)
 * unitFactor("capacity", "C");  // 0.2777… (C → mAh)
 * unitFactor("voltage", "mA");  // undefined
 */
export function unitFactor(quantity: CyclerQuantity, unit: string): number | undefined {
  const t = FACTORS[quantity];
  return Object.prototype.hasOwnProperty.call(t, unit) ? t[unit] : undefined;
}

/**
 * The units {@link unitFactor} knows for a quantity, for messages.
 * @example
 * knownUnits("time"); // ["s", "sec", "ms", "min", "h", "hr"]
 */
export function knownUnits(quantity: CyclerQuantity): string[] {
  return Object.keys(FACTORS[quantity]);
}

/**
 * Split a BioLogic-style column name at its last `/` into name and unit: `"Ewe/V"` → `["Ewe", "V"]`,
 * `"control/V/mA"` → `["control/V", "mA"]`, `"<Ewe/V>"` → `["<Ewe>", "V"]`, `"cycle number"` → `["cycle number", ""]`.
 * @example
 * splitSlashUnit("(Q-Qo)/mA.h"); // ["(Q-Qo)", "mA.h"]
 */
export function splitSlashUnit(name: string): [string, string] {
  const angled = /^<([^<>/]+)\/([^<>/]+)>$/.exec(name); // "<Ewe/V>", as some EC-Lab exports write <Ewe>/V
  if (angled) return [`<${angled[1]}>`, angled[2]];
  const i = name.lastIndexOf("/");
  return i < 0 ? [name, ""] : [name.slice(0, i), name.slice(i + 1)];
}
