/**
 * Active-set NNLS on a precomputed Gram matrix (the kernel of lcf's non-negative fits; `nnls` and
 * `nnlsPixels` use the QR-based `nnlsQr` (linalg/nnlsQr), which keeps the accuracy on badly scaled data).
 * @module
 */
import { gatherPassive, stepTowards } from "./activeSetStep";
import type { NnlsWorkspace } from "./nnlsWorkspace";

/** Unit roundoff of float64 (2⁻⁵²). */
const EPS = 2.220446049250313e-16;

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
 * A variable enters only when its dual value exceeds its own rounding bound
 * `4(k + 2)·2⁻⁵²·(|qᵢ| + Σⱼ|Gᵢⱼ|xⱼ)` (componentwise, so scaling a column of A or b changes
 * nothing), and a variable whose entry would leave it ≤ 0 or make `G_PP` singular is refused for
 * that round, as in Lawson & Hanson. Working on `G = AᵀA` squares the condition number of `A`:
 * when `A` is at hand, `nnlsQr` (linalg/nnlsQr) is the accurate choice.
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
  const { passive, rejected, w, tolW, z, t2, idx } = ws;
  passive.fill(0);
  x.fill(0);
  const g = 4 * (k + 2) * EPS;
  let iter = 0;
  if (sumToOne) {
    // start at the best vertex
    let best = 0;
    let fbest = Infinity;
    for (let i = 0; i < k; i++) { const f = 0.5 * G[i * k + i] - q[i]; if (f < fbest) { fbest = f; best = i; } }
    x[best] = 1;
    passive[best] = 1;
  }
  /** z = passive-set solution (Σz = 1 with sumToOne: z = G⁻¹q − μG⁻¹1); false if G_PP is singular */
  const solve = (p: number): boolean => {
    if (!solvePassive(G, k, ws, p, q, z)) return false;
    if (!sumToOne) return true;
    t2.fill(1);
    solvePassive(G, k, ws, p, t2, t2);
    let s1 = 0;
    let s2 = 0;
    for (let a = 0; a < p; a++) { s1 += z[idx[a]]; s2 += t2[idx[a]]; }
    const mu = (s1 - 1) / s2;
    for (let i = 0; i < k; i++) z[i] -= mu * t2[i];
    return true;
  };
  for (;;) {
    // dual values w = q − Gx and a bound on their rounding, g·(|q| + |G|x) (componentwise: scale-free)
    for (let i = 0; i < k; i++) {
      let s = q[i], b = Math.abs(q[i]);
      for (let c = 0; c < k; c++) { const v = G[i * k + c] * x[c]; s -= v; b += Math.abs(v); }
      w[i] = s;
      tolW[i] = g * b;
    }
    // with sum-to-one, the equality multiplier μ is the dual value shared by the passive variables
    let mu = 0, tolMu = 0;
    if (sumToOne) {
      let s = 0, cnt = 0;
      for (let i = 0; i < k; i++) if (passive[i]) { s += w[i]; cnt++; tolMu = Math.max(tolMu, tolW[i]); }
      mu = s / cnt;
    }
    rejected.fill(0);
    let p = 0;
    for (;;) {
      let j = -1, wmax = 0;
      for (let i = 0; i < k; i++) {
        if (passive[i] || rejected[i]) continue;
        const v = w[i] - mu;
        if (v > tolW[i] + tolMu && v > wmax) { wmax = v; j = i; }
      }
      if (j < 0) return iter;
      if (++iter > maxIter) return -1;
      passive[j] = 1;
      p = gatherPassive(ws);
      // a variable whose entry leaves it ≤ 0 (rounding) or makes G_PP singular is refused this round
      if (solve(p) && z[j] > 0) break;
      passive[j] = 0;
      rejected[j] = 1;
    }
    for (;;) {
      if (stepTowards(ws, p, k, x, z, passive)) break;
      if (++iter > maxIter) return -1;
      p = gatherPassive(ws);
      if (p === 0 || !solve(p)) { z.fill(0); for (let a = 0; a < p; a++) z[idx[a]] = x[idx[a]]; }
    }
  }
}
