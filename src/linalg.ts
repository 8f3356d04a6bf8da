/**
 * `edgeworks/linalg` — the flat, allocation-free numerical kernels on Float64Array (Gram
 * matrices, projections, NNLS on a Gram matrix, symmetric eigen, thin SVD) and the one seeded
 * random generator, for those who need them. Re-exports only.
 * @module
 */
export * from "./linalg/index";
