/**
 * edgeworks — the public API. Re-exports only; every function lives in a file named after it.
 *
 * Layers, in import order: io → types → stack / simulate / decompose → charts / maps.
 * @module
 */
export * from "./types/stack";
export * from "./io";
export * from "./stack";
export * from "./simulate";
export * from "./decompose";
export * from "./charts";
export * from "./maps";
export * from "./util/yield-to-event-loop";
export { pearson } from "./linalg/pearson";
export { normalizeRows } from "./linalg/normalizeRows";
