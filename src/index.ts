/**
 * edgeworks — the public API. Re-exports only; every function lives in a file named after it.
 * @module
 */
export * from "./types/stack";
export * from "./io";
export * from "./charts/scatter-spec";
export * from "./charts/encode-png";
