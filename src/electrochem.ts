/**
 * `edgeworks/electrochem` — cycler files (BioLogic, Neware, Maccor, Arbin, CSV), cycles and
 * capacities, dQ/dV, GITT, and DEMS gas evolution. Re-exports only.
 * @module
 */
export * from "./electrochem/index";
