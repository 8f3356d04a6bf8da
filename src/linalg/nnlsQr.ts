/**
 * Active-set NNLS on the matrix itself (Lawson–Hanson with Householder QR subproblems): the
 * kernel of `nnls` and, on the reduced triangular problem, of `nnlsPixels`.
 * @module
 */
import { gatherPassive, stepTowards } from "./activeSetStep";
import { nnlsWorkspace } from "./nnlsWorkspace";
import type { NnlsWorkspace } from "./nnlsWorkspace";

/** Unit roundoff of float64 (2⁻⁵²). */
const EPS = 2.220446049250313e-16;
/** A passive column whose part orthogonal to the other passive columns is below this fraction of its norm counts as dependent. */
const RANK_TOL = 1e-13;

/** Scratch space for {@link nnlsQr}; make one with {@link nnlsQrWorkspace} and reuse it across calls of the same size. */
export interface NnlsQrWorkspace extends NnlsWorkspace {
  /** Number of rows (equations) the workspace was made for. */
  readonly rows: number;
  /** Passive columns, then their Householder factors, column-major `[k, rows]`. */
  Mp: Float64Array;
  /** Diagonal of R, length k. */
  rdiag: Float64Array;
  /** Householder scalars, length k. */
  beta: Float64Array;
  /** Right-hand-side scratch, length rows. */
  t: Float64Array;
  /** Residual c − Mx, length rows. */
  r: Float64Array;
  /** Rounding bound |c| + |M|x, length rows. */
  bnd: Float64Array;
  /** Sum-to-one: M minus a reference column b (`M − M_b1ᵀ`), `[rows, k]` row-major. */
  Mc: Float64Array;
  /** Sum-to-one: `c − M_b`, length rows. */
  cc: Float64Array;
}

/**
 * Scratch space for {@link nnlsQr} problems with `rows` equations and `k` unknowns.
 * @param rows - number of rows of the matrix (≥ 1).
 * @param k - number of unknowns (≥ 1).
 * @returns a workspace to pass to every call.
 * @example
 * ```ts
 * const ws = nnlsQrWorkspace(3, 2);
 * ```
 */
export function nnlsQrWorkspace(rows: number, k: number): NnlsQrWorkspace {
  return {
    ...nnlsWorkspace(k),
    rows,
    Mp: new Float64Array(rows * k),
    rdiag: new Float64Array(k),
    beta: new Float64Array(k),
    t: new Float64Array(rows),
    r: new Float64Array(rows),
    bnd: new Float64Array(rows),
    Mc: new Float64Array(rows * k),
    cc: new Float64Array(rows),
  };
}

/**
 * Householder QR of the passive columns `M[:, idx[0..p))` into `ws.Mp` (R above the diagonal,
 * reflectors below, diagonal in `ws.rdiag`). False when a column is (numerically) dependent on
 * the ones before it or there are more columns than rows.
 */
function factor(M: Float64Array, rows: number, n: number, ws: NnlsQrWorkspace, p: number): boolean {
  if (p > rows) return false;
  const { Mp, rdiag, beta, idx } = ws;
  for (let a = 0; a < p; a++) {
    const o = a * rows, col = idx[a];
    for (let i = 0; i < rows; i++) Mp[o + i] = M[i * n + col];
  }
  for (let a = 0; a < p; a++) {
    const o = a * rows;
    let all = 0;
    for (let i = 0; i < rows; i++) all += Mp[o + i] * Mp[o + i];
    let s = 0;
    for (let i = a; i < rows; i++) s += Mp[o + i] * Mp[o + i];
    // the part of the column orthogonal to the previous ones (its whole norm is unchanged by the reflections)
    const norm = Math.sqrt(s);
    if (!(norm > RANK_TOL * Math.sqrt(all))) return false;
    const x0 = Mp[o + a];
    const alpha = x0 > 0 ? -norm : norm;
    Mp[o + a] = x0 - alpha;
    rdiag[a] = alpha;
    beta[a] = 1 / (norm * (norm + Math.abs(x0)));
    for (let b = a + 1; b < p; b++) {
      const ob = b * rows;
      let d = 0;
      for (let i = a; i < rows; i++) d += Mp[o + i] * Mp[ob + i];
      d *= beta[a];
      for (let i = a; i < rows; i++) Mp[ob + i] -= d * Mp[o + i];
    }
  }
  return true;
}

/** Least-squares solution of the factored passive columns for `rhs` (length rows, overwritten with Qᵀrhs); into out[idx[a]]. */
function qrSolve(ws: NnlsQrWorkspace, rows: number, p: number, rhs: Float64Array, out: Float64Array): void {
  const { Mp, rdiag, idx, t1 } = ws;
  applyQt(ws, rows, p, rhs);
  for (let a = p - 1; a >= 0; a--) {
    let s = rhs[a];
    for (let b = a + 1; b < p; b++) s -= Mp[b * rows + a] * t1[b];
    t1[a] = s / rdiag[a];
  }
  for (let a = 0; a < p; a++) out[idx[a]] = t1[a];
}

/** `D = M − M_b1ᵀ` into `ws.Mc` and `c_b = c − M_b` into `ws.cc` (the sum-to-one problem seen from column b). */
function differences(M: Float64Array, rows: number, n: number, c: Float64Array, b: number, ws: NnlsQrWorkspace): void {
  const { Mc, cc } = ws;
  for (let i = 0; i < rows; i++) {
    const o = i * n, mb = M[o + b];
    for (let j = 0; j < n; j++) Mc[o + j] = M[o + j] - mb;
    cc[i] = c[i] - mb;
  }
}

/**
 * The least-squares solution on the passive set `ws.idx[0..p)` (Householder QR, one step of
 * iterative refinement against M and c), constrained to `Σz = 1` when asked.
 *
 * @param M - matrix `[rows, n]`, row-major.
 * @param rows - number of rows.
 * @param n - number of columns.
 * @param c - right-hand side, length rows.
 * @param ws - workspace from {@link nnlsQrWorkspace}`(rows, n)`; `ws.idx[0..p)` lists the passive columns.
 * @param p - number of passive columns.
 * @param z - output, length n: the solution on the passive set, 0 elsewhere.
 * @param sumToOne - add `Σz = 1`.
 * @returns false if the passive columns are (numerically) dependent (z is then undefined).
 */
function solvePassive(M: Float64Array, rows: number, n: number, c: Float64Array, ws: NnlsQrWorkspace, p: number, z: Float64Array, sumToOne: boolean): boolean {
  const { t, idx, t2 } = ws;
  if (sumToOne) {
    // with Σz = 1 and b = idx[0]: M z − c = D y − c_b with D = M − M_b1ᵀ, c_b = c − M_b, y = z off b,
    // an unconstrained least-squares problem in the other passive variables; z_b = 1 − Σy
    const b = idx[0];
    if (p === 1) { z.fill(0); z[b] = 1; return true; }
    differences(M, rows, n, c, b, ws);
    idx.copyWithin(0, 1, p);
    const ok = solvePassive(ws.Mc, rows, n, ws.cc, ws, p - 1, z, false);
    idx.copyWithin(1, 0, p - 1);
    idx[0] = b;
    if (!ok) return false;
    let s = 0;
    for (let a = 1; a < p; a++) s += z[idx[a]];
    z[b] = 1 - s;
    return true;
  }
  if (!factor(M, rows, n, ws, p)) return false;
  z.fill(0);
  t.set(c);
  qrSolve(ws, rows, p, t, z);
  // refinement: δ = LS(M_P, c − M_P z)
  for (let i = 0; i < rows; i++) {
    let s = c[i];
    for (let a = 0; a < p; a++) s -= M[i * n + idx[a]] * z[idx[a]];
    t[i] = s;
  }
  qrSolve(ws, rows, p, t, t2);
  for (let a = 0; a < p; a++) z[idx[a]] += t2[idx[a]];
  return true;
}

/** Apply the first p Householder reflectors of `ws.Mp` (Qᵀ) to `v` (length rows) in place. */
function applyQt(ws: NnlsQrWorkspace, rows: number, p: number, v: Float64Array): void {
  const { Mp, beta } = ws;
  for (let a = 0; a < p; a++) {
    const o = a * rows;
    let d = 0;
    for (let i = a; i < rows; i++) d += Mp[o + i] * v[i];
    d *= beta[a];
    for (let i = a; i < rows; i++) v[i] -= d * Mp[o + i];
  }
}

/**
 * Dual values of the plain problem at the passive least-squares solution, in the coordinates of
 * the passive QR factorisation (as Lawson & Hanson compute them): with `M_P = Q R`,
 * `wⱼ = (QᵀMⱼ)_tail · (Qᵀc)_tail` over rows p…rows−1, where a large common part of the columns
 * (an offset, a dominant energy) has been rotated out, so no cancellation of large terms
 * occurs. Bound on the rounding of each: `γ‖(QᵀMⱼ)_tail‖‖(Qᵀc)_tail‖`, γ = 4(rows + n)·2⁻⁵²
 * (unchanged by scaling a column or c). Passive variables get w = 0. `factored`: `ws.Mp` already
 * holds the factorisation of these passive columns. False if the passive columns cannot be
 * factored (the caller then uses {@link dualDirect}).
 */
function dualRotated(M: Float64Array, rows: number, n: number, c: Float64Array, ws: NnlsQrWorkspace, p: number, factored: boolean): boolean {
  if (p > 0 && !factored && !factor(M, rows, n, ws, p)) return false;
  const { t, r, w, tolW, passive } = ws;
  t.set(c);
  applyQt(ws, rows, p, t);
  let ct = 0;
  for (let i = p; i < rows; i++) ct += t[i] * t[i];
  ct = Math.sqrt(ct);
  const g = 4 * (rows + n) * EPS;
  for (let j = 0; j < n; j++) {
    if (passive[j]) { w[j] = 0; tolW[j] = 0; continue; }
    for (let i = 0; i < rows; i++) r[i] = M[i * n + j];
    applyQt(ws, rows, p, r);
    let s = 0, mt = 0;
    for (let i = p; i < rows; i++) { s += r[i] * t[i]; mt += r[i] * r[i]; }
    w[j] = s;
    tolW[j] = g * Math.sqrt(mt) * ct;
  }
  return true;
}

/**
 * Dual values `w = Mᵀ(c − Mx)` at any feasible x and, for each, a bound on its rounding error
 * `γ·Σᵢ|Mᵢⱼ|(|cᵢ| + Σₗ|Mᵢₗ|xₗ)` with `γ = 4(rows + n)·2⁻⁵²` — componentwise, so unchanged by
 * scaling rows, columns or c (used with sum-to-one, where x is not a plain least-squares solution).
 */
function dualDirect(M: Float64Array, rows: number, n: number, c: Float64Array, x: Float64Array, ws: NnlsQrWorkspace): void {
  const { r, bnd, w, tolW } = ws;
  for (let i = 0; i < rows; i++) {
    let s = c[i], b = Math.abs(c[i]);
    for (let l = 0; l < n; l++) { const v = M[i * n + l] * x[l]; s -= v; b += Math.abs(v); }
    r[i] = s;
    bnd[i] = b;
  }
  const g = 4 * (rows + n) * EPS;
  for (let j = 0; j < n; j++) {
    let s = 0, b = 0;
    for (let i = 0; i < rows; i++) { const m = M[i * n + j]; s += m * r[i]; b += Math.abs(m) * bnd[i]; }
    w[j] = s;
    tolW[j] = g * b;
  }
}

/**
 * Minimise `‖Mx − c‖₂` subject to `x ≥ 0` (and `Σx = 1` when `sumToOne`) — the Lawson–Hanson
 * active-set algorithm working on `M` itself: each passive subproblem is solved by Householder
 * QR of the passive columns (plus one step of iterative refinement), so the accuracy follows the
 * condition number of `M`, not its square as on the normal equations. A variable enters by the
 * largest dual value `w = Mᵀ(c − Mx)` that exceeds its own rounding bound; a variable whose entry
 * would make it ≤ 0, or whose column is dependent on the passive ones (below 1e-13 of its norm),
 * is refused for that round, as in Lawson & Hanson's NNLS. The dual values are computed as
 * Lawson & Hanson do, in the coordinates of the passive QR factorisation
 * (`(QᵀMⱼ)_tail·(Qᵀc)_tail`), where a large part common to the columns — an offset of 10⁸, an
 * energy 10⁶ times the others — has been rotated out; their bound is
 * `4(rows + n)·2⁻⁵²·‖(QᵀMⱼ)_tail‖‖(Qᵀc)_tail‖`, unchanged by scaling a column or `c`.
 * With `sumToOne`, starting from the best single vertex of the simplex, the problem is seen from
 * a passive column b: `Mx − c = Dy − c_b` with `D = M − M_b1ᵀ`, `c_b = c − M_b` and y the other
 * weights, unconstrained on the passive set (`x_b = 1 − Σy`). The subproblems are then plain
 * least squares in D (Householder QR), and the multipliers `(Mⱼ − M_b)ᵀr` are D's plain dual
 * values, computed in the rotated coordinates as above — so a common offset of the columns and c
 * cancels exactly instead of swamping them.
 *
 * @param M - matrix, shape `[rows, n]`, row-major.
 * @param rows - number of rows (equations).
 * @param n - number of unknowns (columns).
 * @param c - right-hand side, length `rows`.
 * @param x - output, length `n` (overwritten).
 * @param ws - workspace from {@link nnlsQrWorkspace}`(rows, n)`.
 * @param sumToOne - add the constraint `Σx = 1`. Default false.
 * @param maxIter - limit on passive-set changes. Default `3n + 10`.
 * @returns the number of iterations used, or `-1` if `maxIter` was reached (x then holds the last feasible iterate).
 * @example
 * ```ts
 * // M = [[1e6, 1e6], [1, 0], [0, 1]], c = [2e6, 1, 1]: x = [1, 1] (the normal equations lose it)
 * const x = new Float64Array(2);
 * nnlsQr(new Float64Array([1e6, 1e6, 1, 0, 0, 1]), 3, 2, new Float64Array([2e6, 1, 1]), x, nnlsQrWorkspace(3, 2));
 * ```
 * @see Lawson & Hanson, Solving Least Squares Problems (SIAM 1995), ch. 23.
 */
export function nnlsQr(
  M: Float64Array, rows: number, n: number, c: Float64Array, x: Float64Array, ws: NnlsQrWorkspace,
  sumToOne = false, maxIter = 3 * n + 10,
): number {
  const { passive, rejected, w, tolW, z, idx } = ws;
  // local bindings for the per-step calls (an imported binding can be a getter, e.g. under tsx)
  const gather = gatherPassive, step = stepTowards;
  passive.fill(0);
  x.fill(0);
  let iter = 0;
  if (sumToOne) {
    // start at the best vertex: argmin ‖Mⱼ − c‖
    let best = 0, fbest = Infinity;
    for (let j = 0; j < n; j++) {
      let f = 0;
      for (let i = 0; i < rows; i++) { const d = M[i * n + j] - c[i]; f += d * d; }
      if (f < fbest) { fbest = f; best = j; }
    }
    x[best] = 1;
    passive[best] = 1;
  }
  // true while ws.Mp holds the factorisation of exactly the current passive set
  let factored = false;
  for (;;) {
    let mu = 0, tolMu = 0;
    if (!sumToOne) {
      if (!dualRotated(M, rows, n, c, ws, gather(ws), factored)) dualDirect(M, rows, n, c, x, ws);
    } else {
      // multipliers wⱼ − μ = (Mⱼ − M_b)ᵀr: the plain dual values of the problem in differences from
      // the passive column b with the largest weight (the other passive variables free)
      let b = -1;
      for (let j = 0; j < n; j++) if (passive[j] && (b < 0 || x[j] > x[b])) b = j;
      differences(M, rows, n, c, b, ws);
      passive[b] = 0;
      const ok = dualRotated(ws.Mc, rows, n, ws.cc, ws, gather(ws), false);
      passive[b] = 1;
      if (!ok) {
        // (dependent passive differences) directly, with the equality multiplier shared by the passive variables
        dualDirect(M, rows, n, c, x, ws);
        let s = 0, cnt = 0;
        for (let j = 0; j < n; j++) if (passive[j]) { s += w[j]; cnt++; tolMu = Math.max(tolMu, tolW[j]); }
        mu = s / cnt;
      }
    }
    rejected.fill(0);
    let p = 0;
    for (;;) {
      let j = -1, best = 0;
      for (let i = 0; i < n; i++) {
        if (passive[i] || rejected[i]) continue;
        const v = w[i] - mu;
        if (v > tolW[i] + tolMu && v > best) { best = v; j = i; }
      }
      if (j < 0) return iter;
      if (++iter > maxIter) return -1;
      passive[j] = 1;
      p = gather(ws);
      if (solvePassive(M, rows, n, c, ws, p, z, sumToOne) && z[j] > 0) break;
      passive[j] = 0;
      rejected[j] = 1;
    }
    factored = true;
    for (;;) {
      if (step(ws, p, n, x, z, passive)) break;
      if (++iter > maxIter) return -1;
      p = gather(ws);
      // a subset of independent columns stays independent; an empty set means x = 0
      factored = p > 0 && solvePassive(M, rows, n, c, ws, p, z, sumToOne);
      if (!factored) { z.fill(0); for (let a = 0; a < p; a++) z[idx[a]] = x[idx[a]]; }
    }
  }
}
