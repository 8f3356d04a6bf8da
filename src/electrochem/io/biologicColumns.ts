/**
 * Which BioLogic EC-Lab columns become time, voltage, current, capacity, cycle and step — the
 * same choice for the ASCII export (`.mpt`) and the binary file (`.mpr`), so both give the same
 * {@link CyclerData} for one run.
 * @module
 */
import type { ColumnPick, CyclerPicks } from "./assembleCyclerData";
import { CyclerFileError } from "./cyclerFileError";
import { type CyclerQuantity, knownUnits, splitSlashUnit, unitFactor } from "./unitScale";

/**
 * Column names (exactly as written, e.g. `"Ecell/V"`) to use instead of the defaults. Units are
 * read from the name after its last `/`.
 */
export interface BiologicColumnChoice {
  /** Time column; default `time/s`. */
  time?: string;
  /** Voltage column; default the first of `Ewe`, `<Ewe>`, `Ecell`, `<Ecell>` (any voltage unit). */
  voltage?: string;
  /** Current column; default the first of `I`, `<I>` (any current unit). */
  current?: string;
  /** Capacity column; default the first of `Q charge/discharge`, `(Q-Qo)` (mA.h, A.h or C). */
  capacity?: string;
  /** Cycle column; default `cycle number`. */
  cycle?: string;
  /** Step column; default `Ns`. */
  step?: string;
}

/**
 * The option keys of {@link BiologicColumnChoice}, for option checks.
 * @example
 * checkOptions("readMpt: option columns", { voltage: "Ecell/V" }, BIOLOGIC_COLUMN_KEYS);
 */
export const BIOLOGIC_COLUMN_KEYS: readonly string[] = ["time", "voltage", "current", "capacity", "cycle", "step"];

const DEFAULT_BASES: Record<CyclerQuantity, readonly string[]> = {
  time: ["time"],
  voltage: ["Ewe", "<Ewe>", "Ecell", "<Ecell>"],
  current: ["I", "<I>"],
  capacity: ["Q charge/discharge", "(Q-Qo)"],
};

function pick(names: readonly string[], q: CyclerQuantity, chosen: string | undefined, file: string, field: string): ColumnPick | undefined {
  if (chosen !== undefined) {
    const index = names.indexOf(chosen);
    if (index < 0) throw new CyclerFileError(file, field, `no column named "${chosen}" (option columns.${q}); columns: ${names.join(", ")}`);
    const unit = splitSlashUnit(chosen)[1];
    const factor = unitFactor(q, unit);
    if (factor === undefined) {
      throw new CyclerFileError(file, field, `column "${chosen}" has unit "${unit}", which is not a ${q} unit (expected one of ${knownUnits(q).join(", ")})`);
    }
    return { index, factor };
  }
  for (const base of DEFAULT_BASES[q]) {
    for (let i = 0; i < names.length; i++) {
      const [b, unit] = splitSlashUnit(names[i]);
      if (b !== base) continue;
      const factor = unitFactor(q, unit);
      if (factor !== undefined) return { index: i, factor };
    }
  }
  return undefined;
}

function pickIndex(names: readonly string[], chosen: string | undefined, dflt: string, file: string, field: string, key: string): number | undefined {
  if (chosen !== undefined) {
    const i = names.indexOf(chosen);
    if (i < 0) throw new CyclerFileError(file, field, `no column named "${chosen}" (option columns.${key}); columns: ${names.join(", ")}`);
    return i;
  }
  const i = names.indexOf(dflt);
  return i < 0 ? undefined : i;
}

/**
 * Choose the BioLogic columns for each {@link CyclerData} field. BioLogic's sign: positive
 * current is anodic (oxidation of the working electrode), which is charge for a cathode
 * half-cell wired as working electrode, so the sign is kept.
 *
 * A record without a current column is accepted only for the Open Circuit Voltage technique
 * (current is then 0 mA, with a warning); otherwise it is an error listing the columns.
 *
 * @param names the column names as written.
 * @param technique the technique named in the file (e.g. "Open Circuit Voltage"), if known.
 * @param file file name for messages; `field` names where the column names are (e.g. "line 57").
 * @throws CyclerFileError when time, voltage or current is missing or a chosen column is absent.
 * @example
 * biologicPicks(["time/s", "Ewe/V", "I/mA"], {}, "Galvanostatic Cycling with Potential Limitation", "a.mpt", "line 60", []);
 */
export function biologicPicks(
  names: readonly string[],
  choice: BiologicColumnChoice,
  technique: string | undefined,
  file: string,
  field: string,
  warnings: string[],
): CyclerPicks {
  const missing = (what: string, expected: string): never => {
    throw new CyclerFileError(file, field, `no ${what} column (expected ${expected}); columns found: ${names.join(", ")}`);
  };
  const time = pick(names, "time", choice.time, file, field) ?? missing("time", "time/s");
  const voltage = pick(names, "voltage", choice.voltage, file, field) ?? missing("voltage", "Ewe/V, <Ewe>/V or Ecell/V");
  let current: ColumnPick | "zero" | undefined = pick(names, "current", choice.current, file, field);
  if (current === undefined) {
    if (technique !== undefined && /open circuit voltage|^ocv$/i.test(technique.trim())) {
      current = "zero";
      warnings.push(`No current column in this ${technique.trim()} record; current is set to 0 mA for every row.`);
    } else {
      missing("current", "I/mA or <I>/mA");
    }
  }
  const picks: CyclerPicks = { time, voltage, current: current as ColumnPick | "zero" };
  const capacity = pick(names, "capacity", choice.capacity, file, field);
  if (capacity) picks.capacity = capacity;
  const cycle = pickIndex(names, choice.cycle, "cycle number", file, field, "cycle");
  if (cycle !== undefined) picks.cycle = cycle;
  const step = pickIndex(names, choice.step, "Ns", file, field, "step");
  if (step !== undefined) picks.step = step;
  return picks;
}
