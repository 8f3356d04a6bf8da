/**
 * Convert evolved O₂ into a fraction of the lattice oxygen and into the capacity it carried.
 * @module
 */
import { molarMass, parseFormula } from "./parseFormula";
import { FARADAY } from "./theoreticalCapacity";
import { checkMass, checkPositive } from "./checkCycler";
import { checkOptions } from "../util/checkOptions";

/** The result of {@link oxygenLoss}. */
export interface OxygenLoss {
  /** Lattice oxygen of the electrode counted as O₂ (mass / M × n_O / 2), µmol — what Xu 2018 call "387 µmol" for 32.9 mg LNMO. */
  latticeO2: number;
  /** Evolved O₂ / lattice O₂ × 100, % (equals evolved O atoms / lattice O atoms). */
  fraction: number;
  /** Charge carried by the O₂ at `electrons` per O₂, mAh/g of active material. */
  capacity: number;
  /** Molar mass used, g/mol. */
  molarMass: number;
}

/** Options of {@link oxygenLoss}. */
export interface OxygenLossOptions {
  /** Active material, e.g. "Li1.2Ni0.2Mn0.6O2". */
  formula: string;
  /** Active mass, mg. */
  mass: number;
  /** Electrons per O₂ (2 O²⁻ → O₂ + 4 e⁻). @default 4 */
  electrons?: number;
}

/**
 * What an amount of evolved O₂ means for the electrode: the fraction of its lattice oxygen
 * that left (O₂ against the lattice O counted as O₂), and the charge it carried
 * (n·F per O₂, in mAh per g of active material). Xu 2018: 10.7 µmol O₂ from 32.9 mg LNMO =
 * 2.8 % of 387 µmol, 35 mAh/g.
 *
 * @param o2 - evolved O₂, µmol.
 * @param options - {@link OxygenLossOptions}.
 * @returns {@link OxygenLoss}.
 * @throws RangeError for a negative amount or a mass ≤ 0; Error for a formula without O, an unknown element or option.
 * @example
 * oxygenLoss(10.7, { formula: "Li1.2Ni0.2Mn0.6O2", mass: 32.9 }); // { latticeO2: 387, fraction: 2.77, capacity: 34.9, … }
 */
export function oxygenLoss(o2: number, options: OxygenLossOptions): OxygenLoss {
  const fn = "oxygenLoss";
  checkOptions(fn, options, ["formula", "mass", "electrons"]);
  checkPositive(fn, "o2", o2, "µmol", true);
  const mass = checkMass(fn, options?.mass);
  const electrons = checkPositive(fn, "option electrons", options.electrons ?? 4, "e⁻ per O₂");
  const amounts = parseFormula(options.formula);
  if (!amounts.O) throw new Error(`${fn}: option formula "${options.formula}" has no oxygen`);
  const M = molarMass(options.formula);
  const latticeO2 = ((mass / 1000 / M) * amounts.O * 1e6) / 2;
  const charge = o2 * 1e-6 * electrons * FARADAY; // C
  return { latticeO2, fraction: (100 * o2) / latticeO2, capacity: charge / 3.6 / (mass / 1000), molarMass: M };
}
