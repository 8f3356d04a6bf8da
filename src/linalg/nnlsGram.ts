/**
 * Active-set NNLS on a precomputed Gram matrix (the per-pixel kernel of nnlsPixels).
 * @module
 */
import type { NnlsWorkspace } from "./nnlsWorkspace";



/**
 * Solve `G_PP y = r_P` for the passive set (indices idx[0..p)) by Cholesky; result scattered
 * into `out` (length k, zeros elsewhere). Returns false if G_PP is not positive definite.
 */
function solvePassive(G: Float64Array, k: number, ws: NnlsWorkspace, p: number, r: Float64Array, out: Float64Array): boolean {
  const { L, idx, t1 } = ws;
  for (let a = 0; a < p; a++) {
    const ia = idx[a];
    for (let b = 0; b <= a; b++) {
      let s = G[ia * k + idx[b]];
      for (let c = 0; c < b; c++) s -= L[a * k + c] * L[b * k + c];
      if (a === b) {
        if (!(s > 1e-300)) return false;
        L[a * k + a] = Math.sqrt(s);
      } else {
        L[a * k + b] = s / L[b * k + b];
      }
    }
  }
  for (let a = 0; a < p; a++) {
    let s = r[idx[a]];
    for (let c = 0; c < a; c++) s -= L[a * k + c] * t1[c];
    t1[a] = s / L[a * k + a];
  }
  for (let a = p - 1; a >= 0; a--) {
    let s = t1[a];
    for (let c = a + 1; c < p; c++) s -= L[c * k + a] * t1[c];
    t1[a] = s / L[a * k + a];
  }
  out.fill(0);
  for (let a = 0; a < p; a++) out[idx[a]] = t1[a];
  return true;
}

function gatherPassive(ws: NnlsWorkspace): number {
  let p = 0;
  for (let i = 0; i < ws.k; i++) if (ws.passive[i]) ws.idx[p++] = i;
  return p;
}

/**
 * The inner step of the active-set loop, given the passive-set solution z: if z is positive on
 * the passive set, take it (returns true); otherwise move x towards z until the first passive
 * variable reaches zero, and drop the variables that did (returns false).
 */
function stepTowards(ws: NnlsWorkspace, p: number, k: number, x: Float64Array, z: Float64Array, passive: Uint8Array): boolean {
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

/**
 * Minimise `½ xᵀGx − qᵀx` subject to `x ≥ 0` (and `Σx = 1` when `sumToOne`), which for
 * `G = AᵀA`, `q = Aᵀb` is the non-negative least-squares problem `min ‖Ax − b‖₂`.
 *
 * Without `sumToOne` this is the Lawson–Hanson active-set algorithm written on the normal
 * equations (as in Bro & de Jong's FNNLS): variables enter the passive set by the largest
 * dual value `w = q − Gx`, the passive subproblem is solved by Cholesky, and infeasible
 * steps are cut back to the boundary. With `sumToOne` the same primal active-set scheme is
 * run on the equality-constrained subproblems `[G_PP 1; 1ᵀ 0][z; μ] = [q_P; 1]`, starting
 * from the best single vertex of the simplex, with multipliers `w = q − Gx − μ`.
 * Both are exact (finite) methods: the result satisfies the KKT conditions to rounding.
 *
 * @param G - `[k, k]` symmetric positive (semi)definite matrix, row-major.
 * @param k - number of unknowns.
 * @param q - length `k`.
 * @param x - output, length `k` (overwritten).
 * @param ws - workspace from `nnlsWorkspace``(k)`.
 * @param sumToOne - add the constraint `Σx = 1`. Default false.
 * @param maxIter - limit on passive-set changes. Default `3k + 10`.
 * @returns the number of iterations used, or `-1` if `maxIter` was reached (x then holds the last feasible iterate).
 * @example
 * ```ts
 * // A = [[1,0],[1,0],[0,1]], b = [2,1,1]  →  G = [[2,0],[0,1]], q = [3,1]
 * const x = new Float64Array(2);
 * nnlsGram(new Float64Array([2, 0, 0, 1]), 2, new Float64Array([3, 1]), x, nnlsWorkspace(2)); // x = [1.5, 1]
 * ```
 * @see Lawson & Hanson, Solving Least Squares Problems (SIAM 1995), ch. 23;
 * Bro & de Jong, J. Chemometrics 11, 393 (1997).
 */
export function nnlsGram(
  G: Float64Array, k: number, q: Float64Array, x: Float64Array, ws: NnlsWorkspace,
  sumToOne = false, maxIter = 3 * k + 10,
): number {
  const { passive, w, z, t2 } = ws;
  passive.fill(0);
  x.fill(0);
  let qmax = 0;
  let gmax = 0;
  for (let i = 0; i < k; i++) { qmax = Math.max(qmax, Math.abs(q[i])); gmax = Math.max(gmax, G[i * k + i]); }
  const tol = 1e-12 * Math.max(qmax, gmax);
  let iter = 0;
  if (!sumToOne) {
    for (let i = 0; i < k; i++) w[i] = q[i];
    for (;;) {
      let j = -1;
      let wmax = tol;
      for (let i = 0; i < k; i++) if (!passive[i] && w[i] > wmax) { wmax = w[i]; j = i; }
      if (j < 0) return iter;
      if (++iter > maxIter) return -1;
      passive[j] = 1;
      for (;;) {
        const p = gatherPassive(ws);
        if (!solvePassive(G, k, ws, p, q, z)) { passive[j] = 0; w[j] = 0; break; }
        if (stepTowards(ws, p, k, x, z, passive)) break;
        if (++iter > maxIter) return -1;
      }
      for (let i = 0; i < k; i++) {
        let s = q[i];
        for (let c = 0; c < k; c++) s -= G[i * k + c] * x[c];
        w[i] = s;
      }
    }
  }
  // ---- sum-to-one: start at the best vertex ----
  let best = 0;
  let fbest = Infinity;
  for (let i = 0; i < k; i++) { const f = 0.5 * G[i * k + i] - q[i]; if (f < fbest) { fbest = f; best = i; } }
  x[best] = 1;
  passive[best] = 1;
  let mu = q[best] - G[best * k + best];
  for (;;) {
    // multipliers of the inactive bounds
    let j = -1;
    let wmax = tol;
    for (let i = 0; i < k; i++) {
      if (passive[i]) continue;
      let s = q[i] - mu;
      for (let c = 0; c < k; c++) s -= G[i * k + c] * x[c];
      if (s > wmax) { wmax = s; j = i; }
    }
    if (j < 0) return iter;
    if (++iter > maxIter) return -1;
    passive[j] = 1;
    for (;;) {
      const p = gatherPassive(ws);
      // z = G_PP⁻¹(q − μ1) with μ chosen so that Σz = 1: two solves, zq = G⁻¹q, z1 = G⁻¹1
      const zq = w;
      if (!solvePassive(G, k, ws, p, q, zq)) { passive[j] = 0; break; }
      for (let i = 0; i < k; i++) t2[i] = 1;
      solvePassive(G, k, ws, p, t2, z);
      let s1 = 0;
      let s2 = 0;
      for (let a = 0; a < p; a++) { s1 += zq[ws.idx[a]]; s2 += z[ws.idx[a]]; }
      mu = (s1 - 1) / s2;
      for (let i = 0; i < k; i++) z[i] = zq[i] - mu * z[i];
      if (stepTowards(ws, p, k, x, z, passive)) break;
      if (++iter > maxIter) return -1;
    }
  }
}
