/**
 * Electrochemistry: cycler readers, cycles and capacities, dQ/dV, GITT, DEMS.
 * @module
 */
export type { CyclerData } from "./cyclerData";
export * from "./io/index";
