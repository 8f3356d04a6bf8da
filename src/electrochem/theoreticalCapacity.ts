/**
 * Theoretical specific capacity of a formula, mAh/g.
 * @module
 */
import { molarMass } from "./parseFormula";
import { checkOptions } from "../util/checkOptions";
import { checkPositive } from "./checkCycler";

/** Faraday constant, C/mol (CODATA, exact since 2019: e × N_A). */
export const FARADAY = 96485.33212;

/** Options of {@link theoreticalCapacity}. */
export interface TheoreticalCapacityOptions {
  /** Li (electrons) exchanged per formula unit. @default 1 (Xu 2018 quote 238 and 318 mAh/g "based on 1 Li+" for LNRO and LNMO) */
  nLi?: number;
}

/**
 * Theoretical specific capacity, n·F / (3.6 · M) mAh/g, with M the molar mass of the formula
 * (g/mol, {@link molarMass}) and n the Li exchanged per formula unit. Xu et al. 2018 count one
 * Li per formula unit for Li1.2Ni0.2Ru0.6O2 (238 mAh/g); all 1.2 Li would give 285 mAh/g.
 *
 * @param formula - e.g. `"Li1.2Ni0.2Ru0.6O2"` (see parseFormula for the syntax).
 * @param options - {@link TheoreticalCapacityOptions}.
 * @returns mAh/g.
 * @throws Error for an unknown element or option; RangeError for nLi ≤ 0.
 * @example
 * theoreticalCapacity("Li1.2Ni0.2Ru0.6O2");             // 237.8 mAh/g (1 Li)
 * theoreticalCapacity("Li1.2Ni0.2Ru0.6O2", { nLi: 1.2 }); // 285.4 mAh/g
 */
export function theoreticalCapacity(formula: string, options: TheoreticalCapacityOptions = {}): number {
  const fn = "theoreticalCapacity";
  checkOptions(fn, options, ["nLi"]);
  const n = checkPositive(fn, "option nLi", options.nLi ?? 1, "Li per formula unit");
  return (n * FARADAY) / (3.6 * molarMass(formula));
}
