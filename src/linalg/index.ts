/**
 * edgeworks/linalg — the few hot numerical kernels (Float64Array loops).
 * @module
 */
export * from "./createRng";
export * from "./columnMeans";
export * from "./gram";
export * from "./centeredGram";
export * from "./symmetricEigen";
export * from "./projectRows";
export * from "./nnlsWorkspace";
export * from "./nnlsGram";
export * from "./solveSpd";
export * from "./pearson";
export * from "./normalizeRows";
export * from "./thinSvd";
