/**
 * edgeworks — the public API. Re-exports only; every function lives in a file named after it.
 * @module
 */
export * from "./types/stack";
