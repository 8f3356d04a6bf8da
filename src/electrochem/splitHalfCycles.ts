/**
 * Split a cycler record into runs of constant current sign and into half-cycles and cycles.
 * @module
 */
import type { CyclerData } from "./cyclerData";
import { checkCycler, checkPositive } from "./checkCycler";
import { checkOptions } from "../util/checkOptions";

/** What the cell is doing: charging (current > tolerance), discharging (current < −tolerance) or resting. */
export type CurrentKind = "charge" | "discharge" | "rest";

/** A run of consecutive rows with the same {@link CurrentKind}. Rows `start` … `end` inclusive. */
export interface CurrentRun {
  kind: CurrentKind;
  /** First row. */
  start: number;
  /** Last row (inclusive). */
  end: number;
}

/**
 * One half-cycle: from the first to the last row of current of one sign; rests in between
 * (GITT relaxations) belong to it, rests before and after do not. Rows `start` … `end` inclusive.
 */
export interface HalfCycle {
  /** 0-based position in the record. */
  index: number;
  /** Cycle number this half-cycle belongs to (see {@link HalfCycles.cycleSource}). */
  cycle: number;
  kind: "charge" | "discharge";
  /** First row with current of this sign. */
  start: number;
  /** Last row with current of this sign (inclusive). */
  end: number;
  /** Number of current pulses (runs of current) inside; 1 for a plain galvanostatic half-cycle, many for GITT. */
  pulses: number;
}

/** The result of {@link splitHalfCycles}. */
export interface HalfCycles {
  /** Every run of constant current sign, in order (rests included). */
  runs: CurrentRun[];
  /** The half-cycles, in order. */
  halfCycles: HalfCycle[];
  /** The current below which a row counts as rest, mA. */
  tolerance: number;
  /**
   * Where the cycle numbers come from: `"cycler"` (the file's cycle column, the value at the
   * half-cycle's first row) or `"alternation"` (a new cycle starts each time the current returns
   * to the sign of the first half-cycle; the first cycle is 1).
   */
  cycleSource: "cycler" | "alternation";
}

/** Options of {@link splitHalfCycles}. */
export interface SplitHalfCyclesOptions {
  /** |current| at or below this counts as rest, mA. @default 1 % of the median |current| of rows with current ≠ 0 (every ⌈n / 20000⌉-th row of longer records; 0 when every row is 0) */
  tolerance?: number;
  /** Cycle numbers from the file's cycle column or from charge/discharge alternation. @default "cycler" when the record has a cycle column, else "alternation" */
  cycles?: "cycler" | "alternation";
}

const OPTIONS = ["tolerance", "cycles"] as const;

/** @internal Default rest tolerance: 1 % of the median |I| over rows with I ≠ 0 (every ⌈n / 20000⌉-th row of longer records). */
export function defaultTolerance(current: ArrayLike<number>): number {
  const a: number[] = [];
  const step = Math.max(1, Math.floor(current.length / 20000));
  for (let i = 0; i < current.length; i += step) if (current[i] !== 0) a.push(Math.abs(current[i]));
  if (a.length === 0) return 0;
  const sorted = Float64Array.from(a).sort();
  const h = sorted.length >> 1;
  return 0.01 * (sorted.length % 2 ? sorted[h] : 0.5 * (sorted[h - 1] + sorted[h]));
}

/**
 * Split a cycler record into runs (consecutive rows of the same current sign, with `tolerance`
 * deciding what is rest), half-cycles (charge or discharge, from the first to the last row of
 * that sign; rests inside, as in GITT, belong to the half-cycle) and cycles. Boundaries always
 * come from the sign of the current — the quantity the capacities are integrated from — so
 * every reader's record splits the same way; cycle numbers come from the cycler's own cycle
 * column when the record has one (`cycleSource: "cycler"`), otherwise a new cycle starts each
 * time the current returns to the sign of the first half-cycle (`"alternation"`: a cathode
 * half-cell's charge then discharge is cycle 1).
 *
 * @param data - a cycler record (time s, current mA positive = charge).
 * @param options - {@link SplitHalfCyclesOptions}.
 * @returns {@link HalfCycles}: `runs`, `halfCycles` (row ranges, kind, cycle, pulse count), `tolerance`, `cycleSource`.
 * @throws RangeError for unsorted time, NaN, a negative tolerance; Error for an unknown option.
 * @example
 * const { halfCycles } = splitHalfCycles(await readMpt("cell.mpt"));
 * halfCycles.map((h) => `${h.cycle} ${h.kind} rows ${h.start}–${h.end}`);
 */
export function splitHalfCycles(data: CyclerData, options: SplitHalfCyclesOptions = {}): HalfCycles {
  const fn = "splitHalfCycles";
  checkOptions(fn, options, OPTIONS);
  return splitChecked(fn, checkCycler(fn, data), options);
}

/** @internal {@link splitHalfCycles} on a record already checked by checkCycler (options checked by the caller). */
export function splitChecked(fn: string, d: CyclerData, options: SplitHalfCyclesOptions): HalfCycles {
  const tolerance = options.tolerance === undefined ? defaultTolerance(d.current) : checkPositive(fn, "option tolerance", options.tolerance, "mA", true);
  const mode = options.cycles ?? (d.cycle ? "cycler" : "alternation");
  if (mode !== "cycler" && mode !== "alternation") throw new RangeError(`${fn}: option cycles must be "cycler" or "alternation", got ${JSON.stringify(mode)}`);
  if (mode === "cycler" && !d.cycle) throw new RangeError(`${fn}: option cycles is "cycler" but the record has no cycle column; use "alternation"`);
  const runs = currentRuns(d.current, tolerance);
  const halfCycles: HalfCycle[] = [];
  let cur: HalfCycle | undefined;
  for (const r of runs) {
    if (r.kind === "rest") continue;
    if (cur && cur.kind === r.kind) {
      cur.end = r.end;
      cur.pulses++;
      continue;
    }
    cur = { index: halfCycles.length, cycle: 0, kind: r.kind, start: r.start, end: r.end, pulses: 1 };
    halfCycles.push(cur);
  }
  let cycle = 0;
  for (const h of halfCycles) {
    if (mode === "cycler") h.cycle = d.cycle![h.start];
    else {
      if (h.kind === halfCycles[0].kind) cycle++;
      h.cycle = cycle;
    }
  }
  return { runs, halfCycles, tolerance, cycleSource: mode };
}

/** @internal Runs of equal current sign. */
export function currentRuns(current: ArrayLike<number>, tolerance: number): CurrentRun[] {
  const runs: CurrentRun[] = [];
  const n = current.length;
  const kindOf = (i: number): CurrentKind => (current[i] > tolerance ? "charge" : current[i] < -tolerance ? "discharge" : "rest");
  let start = 0;
  let kind = kindOf(0);
  for (let i = 1; i < n; i++) {
    const k = kindOf(i);
    if (k !== kind) {
      runs.push({ kind, start, end: i - 1 });
      start = i;
      kind = k;
    }
  }
  runs.push({ kind, start, end: n - 1 });
  return runs;
}
