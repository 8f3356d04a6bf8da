/**
 * Presets for the simulated DEMS cell, from the papers.
 * @module
 */
import type { CellModel } from "./electrochemModels";
import { LNMO_XU2018, LNRO_XU2018, LNRO_LI_S10 } from "./electrochemModels";
import type { GasModel } from "./demsSimulate";

function scaled(cell: CellModel, name: string, charge: number, discharge: number): CellModel {
  return { ...cell, name, first: { charge: { ...cell.first.charge, capacity: charge }, discharge: { ...cell.first.discharge, capacity: discharge } } };
}

/**
 * The LNMO DEMS cell of Xu 2018 Fig. 3a: 302 mAh/g charge, 234 mAh/g discharge at 10 mA/g.
 * @example
 * simulateDems({ cell: LNMO_DEMS_XU2018, gases: LNMO_GASES_XU2018, mass: 32.9, cycles: 2 });
 */
export const LNMO_DEMS_XU2018: CellModel = scaled(LNMO_XU2018, "LNMO DEMS cell (Xu 2018)", 302, 234);

/**
 * The LNRO DEMS cell of Xu 2018 Fig. 3b (capacities as the coin cell's; the paper prints none for it).
 * @example
 * simulateDems({ cell: LNRO_DEMS_XU2018, gases: LNRO_GASES_XU2018 });
 */
export const LNRO_DEMS_XU2018: CellModel = scaled(LNRO_XU2018, "LNRO DEMS cell (Xu 2018)", 239, 213);

/**
 * Gases of LNMO in Xu 2018: CO₂ from 4.0 V (6.5 µmol in cycle 1, 0.9 µmol in cycle 2), O₂ from
 * 4.5 V (10.7 µmol, none in cycle 2; ~4e-2 µmol/min at 4.8 V). Calibration factors, backgrounds and noise are the simulation's.
 * @example
 * LNMO_GASES_XU2018.map((g) => g.species); // ["O2", "CO2"]
 */
export const LNMO_GASES_XU2018: readonly GasModel[] = [
  { species: "O2", channel: "mass 32", onset: 4.5, exponent: 0.8, totals: [10.7, 0], factor: 4e11, background: 6e-12, noise: 1.5e-13 },
  { species: "CO2", channel: "mass 44", onset: 4.0, exponent: 1, totals: [6.5, 0.9], factor: 3e11, background: 2.5e-12, noise: 2e-13 },
];

/**
 * Gases of LNRO in Xu 2018: CO₂ from 4.0 V, 0.1 µmol over the first cycle; no O₂ (the paper's
 * O₂ rate stays below 10⁻² nmol/min, so the noise here is ten times lower than for LNMO's scale).
 * @example
 * simulateDems({ cell: LNRO_DEMS_XU2018, gases: LNRO_GASES_XU2018 });
 */
export const LNRO_GASES_XU2018: readonly GasModel[] = [
  { species: "O2", channel: "mass 32", onset: 4.5, exponent: 2, totals: [0], factor: 4e11, background: 6e-12, noise: 1.5e-14 },
  { species: "CO2", channel: "mass 44", onset: 4.0, exponent: 1, totals: [0.1], factor: 3e11, background: 2.5e-12, noise: 2e-14 },
];

/**
 * Li1.2Ni0.4Ru0.4O2, Li et al. SI Fig. S18 (12.22 mg): a CO₂ burst after 4.3 V and minimal O₂.
 * The caption's "0.053 and 0.005 µmol/mg" is read as CO₂ 0.053 and O₂ 0.005 µmol/mg (the
 * caption lists O₂ first, but its text says CO₂ bursts and O₂ is minimal).
 * @example
 * simulateDems({ cell: LNRO_LI_S10, gases: LI_S18_GASES, mass: 12.22, rate: 12.5 });
 */
export const LI_S18_GASES: readonly GasModel[] = [
  { species: "O2", channel: "mass 32", onset: 4.45, exponent: 2, totals: [0.005 * 12.22], factor: 4e11, background: 6e-12, noise: 1e-13 },
  { species: "CO2", channel: "mass 44", onset: 4.3, exponent: 1, totals: [0.053 * 12.22], factor: 3e11, background: 2.5e-12, noise: 1.5e-13 },
];

/** The Li et al. cell of S10 as DEMS cell (S18). @example simulateDems({ cell: LI_S18_CELL, gases: LI_S18_GASES, mass: 12.22 }); */
export const LI_S18_CELL: CellModel = LNRO_LI_S10;
