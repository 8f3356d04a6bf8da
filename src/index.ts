/**
 * edgeworks — the public API. Re-exports only; every function lives in a file named after it.
 *
 * Layers, in import order: io → types → stack → decompose → charts / maps. The simulated
 * beamline is `edgeworks/simulate`, the flat numerical kernels `edgeworks/linalg`, and the
 * kernel's display, progress bars and widgets `edgeworks/kernel`.
 * @module
 */
export * from "./types";
export * from "./io";
export * from "./stack";
export * from "./decompose";
export * from "./charts";
export * from "./maps";
export { pearson } from "./linalg/pearson";
export { normalizeRows } from "./linalg/normalizeRows";
