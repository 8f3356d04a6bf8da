/**
 * The two steps shared by the active-set NNLS kernels ({@link nnlsGram} on a Gram matrix,
 * {@link nnlsQr} on the matrix itself): listing the passive set and moving towards the passive
 * solution (internal).
 * @module
 */
import type { NnlsWorkspace } from "./nnlsWorkspace";

/**
 * Write the indices of the passive variables into `ws.idx` (ascending).
 * @param ws - workspace whose `passive` flags (length `ws.k`) are read.
 * @returns the number of passive variables `p`; `ws.idx[0..p)` holds them.
 */
export function gatherPassive(ws: NnlsWorkspace): number {
  let p = 0;
  for (let i = 0; i < ws.k; i++) if (ws.passive[i]) ws.idx[p++] = i;
  return p;
}

/**
 * The inner step of the active-set loop, given the passive-set solution `z`: if `z` is positive on
 * the passive set, take it (returns true); otherwise move `x` towards `z` until the first passive
 * variable reaches zero, and drop (make active, set to 0) the variables that did (returns false).
 *
 * @param ws - workspace; `ws.idx[0..p)` lists the passive variables.
 * @param p - number of passive variables.
 * @param k - number of unknowns (length of `x`, `z`, `passive`).
 * @param x - current feasible iterate, length `k` (updated).
 * @param z - passive-set solution, length `k` (zero outside the passive set).
 * @param passive - passive flags, length `k` (updated).
 * @returns true when `z` was feasible and copied into `x`.
 */
export function stepTowards(ws: NnlsWorkspace, p: number, k: number, x: Float64Array, z: Float64Array, passive: Uint8Array): boolean {
  let feasible = true;
  for (let a = 0; a < p; a++) if (z[ws.idx[a]] <= 0) { feasible = false; break; }
  if (feasible) { for (let i = 0; i < k; i++) x[i] = z[i]; return true; }
  let alpha = Infinity;
  for (let a = 0; a < p; a++) {
    const i = ws.idx[a];
    if (z[i] <= 0) { const r = x[i] / (x[i] - z[i]); if (r < alpha) alpha = r; }
  }
  for (let i = 0; i < k; i++) x[i] += alpha * (z[i] - x[i]);
  for (let a = 0; a < p; a++) {
    const i = ws.idx[a];
    // numerically zero relative to the step: clamp and make it active again
    if (x[i] <= 1e-15 * (Math.abs(x[i]) + Math.abs(z[i]))) { x[i] = 0; passive[i] = 0; }
  }
  return false;
}
