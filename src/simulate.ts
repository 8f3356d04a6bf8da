/**
 * `edgeworks/simulate` — the simulated beamline: seeded STXM series with a known ground truth,
 * written as real instrument files. Re-exports only.
 * @module
 */
export * from "./simulate/index";
