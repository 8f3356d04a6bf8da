/**
 * Per-spectrum NNLS against a fixed set of member spectra, on a QR factorisation of the members
 * (the kernel of `nnlsPixels`).
 * @module
 */
import { nnlsQr } from "./nnlsQr";
import type { NnlsQrWorkspace } from "./nnlsQr";

/**
 * Members whose part orthogonal to the members before them is below this fraction of their norm
 * count as linearly dependent (condition number beyond ~10¹⁰).
 */
const DEPENDENT = 1e-10;

/**
 * The thin QR factorisation `Sᵀ = Q R` of `k` member spectra `S` (`[k, E]`, one member per row),
 * with what the per-spectrum solves need.
 */
export interface MemberFactor {
  /** Number of members. */
  readonly k: number;
  /** Number of energies. */
  readonly E: number;
  /** `Qᵀ`, shape `[k, E]`, row-major: orthonormal rows spanning the members. */
  readonly Qt: Float64Array;
  /** `R`, shape `[k, k]`, row-major, upper triangular, with `Sᵀ = Q R`. */
  readonly R: Float64Array;
  /** `(RᵀR)⁻¹1 = (SSᵀ)⁻¹1`, length k (for the sum-to-one shortcut). */
  readonly g1: Float64Array;
  /** `Σ g1`. */
  readonly s11: number;
}

/**
 * Householder QR of the member spectra: `Sᵀ = Q R` with `Q` `[E, k]` orthonormal (returned as
 * `Qᵀ`) and `R` `[k, k]` upper triangular. Works column by column on the members, so a member
 * (or an energy) scaled by 10⁶ costs no accuracy beyond the condition number of `Sᵀ`.
 *
 * @param S - member spectra, shape `[k, E]`, row-major, finite.
 * @param k - number of members, 1 ≤ k ≤ E.
 * @param E - number of energies.
 * @returns the factorisation, or the index of the first member that is (numerically) a linear
 * combination of the ones before it (its orthogonal part below 1e-10 of its norm).
 * @example
 * ```ts
 * const f = memberFactor(new Float64Array([1, 0, 0, 0, 2, 0]), 2, 3); // R = diag(∓1, ∓2) up to signs
 * ```
 */
export function memberFactor(S: Float64Array, k: number, E: number): MemberFactor | { dependent: number } {
  const V = Float64Array.from(S.subarray(0, k * E)); // member a = column a of Sᵀ, contiguous
  const rdiag = new Float64Array(k);
  const beta = new Float64Array(k);
  for (let a = 0; a < k; a++) {
    const o = a * E;
    let all = 0;
    for (let i = 0; i < E; i++) all += V[o + i] * V[o + i];
    let s = 0;
    for (let i = a; i < E; i++) s += V[o + i] * V[o + i];
    const norm = Math.sqrt(s);
    if (!(norm > DEPENDENT * Math.sqrt(all))) return { dependent: a };
    const x0 = V[o + a];
    const alpha = x0 > 0 ? -norm : norm;
    V[o + a] = x0 - alpha;
    rdiag[a] = alpha;
    beta[a] = 1 / (norm * (norm + Math.abs(x0)));
    for (let b = a + 1; b < k; b++) {
      const ob = b * E;
      let d = 0;
      for (let i = a; i < E; i++) d += V[o + i] * V[ob + i];
      d *= beta[a];
      for (let i = a; i < E; i++) V[ob + i] -= d * V[o + i];
    }
  }
  const R = new Float64Array(k * k);
  for (let a = 0; a < k; a++) {
    R[a * k + a] = rdiag[a];
    for (let b = a + 1; b < k; b++) R[a * k + b] = V[b * E + a];
  }
  // Q e_t = H_0 ⋯ H_{k−1} e_t (reflectors applied last to first)
  const Qt = new Float64Array(k * E);
  for (let t = 0; t < k; t++) {
    const q = Qt.subarray(t * E, (t + 1) * E);
    q[t] = 1;
    for (let a = Math.min(t, k - 1); a >= 0; a--) {
      const o = a * E;
      let d = 0;
      for (let i = a; i < E; i++) d += V[o + i] * q[i];
      d *= beta[a];
      for (let i = a; i < E; i++) q[i] -= d * V[o + i];
    }
  }
  // g1 = R⁻¹R⁻ᵀ1
  const y = new Float64Array(k);
  for (let a = 0; a < k; a++) {
    let s = 1;
    for (let b = 0; b < a; b++) s -= R[b * k + a] * y[b];
    y[a] = s / R[a * k + a];
  }
  const g1 = backSolve(R, k, y, new Float64Array(k));
  let s11 = 0;
  for (let a = 0; a < k; a++) s11 += g1[a];
  return { k, E, Qt, R, g1, s11 };
}

/** out = R⁻¹ c for upper-triangular R `[k, k]`; returns out. */
function backSolve(R: Float64Array, k: number, c: ArrayLike<number>, out: Float64Array): Float64Array {
  for (let a = k - 1; a >= 0; a--) {
    let s = c[a];
    for (let b = a + 1; b < k; b++) s -= R[a * k + b] * out[b];
    out[a] = s / R[a * k + a];
  }
  return out;
}

/**
 * Non-negative weights of one spectrum given its coordinates `c = Qᵀx` in the members' QR basis:
 * `min ‖Sᵀw − x‖₂ = min ‖Rw − c‖₂` (plus the constant part of x outside the members' span) over
 * `w ≥ 0` (and `Σw = 1` with `sumToOne`). When the unconstrained (or sum-to-one) optimum `R⁻¹c`
 * (minus `μ(RᵀR)⁻¹1`) is already positive it is the answer; otherwise the QR active set
 * ({@link nnlsQr}) runs on the `k × k` triangular problem.
 *
 * @param f - factorisation from {@link memberFactor}.
 * @param c - `Qᵀx`, length k.
 * @param w - output weights, length k (overwritten).
 * @param ws - workspace from `nnlsQrWorkspace(k, k)`.
 * @param sumToOne - require `Σw = 1`.
 * @returns active-set iterations (0 for the shortcut), or -1 if the iteration limit was hit.
 * @example
 * ```ts
 * const f = memberFactor(S, k, E) as MemberFactor;
 * const it = solveMembers(f, c, w, nnlsQrWorkspace(k, k), false);
 * ```
 */
export function solveMembers(f: MemberFactor, c: Float64Array, w: Float64Array, ws: NnlsQrWorkspace, sumToOne: boolean): number {
  const { k, R, g1, s11 } = f;
  backSolve(R, k, c, w);
  let ok = true;
  if (sumToOne) {
    let sw = 0;
    for (let s = 0; s < k; s++) sw += w[s];
    const mu = (sw - 1) / s11;
    for (let s = 0; s < k; s++) { w[s] -= mu * g1[s]; if (!(w[s] > 0)) ok = false; }
  } else {
    for (let s = 0; s < k; s++) if (!(w[s] > 0)) ok = false;
  }
  return ok ? 0 : nnlsQr(R, k, k, c, w, ws, sumToOne);
}

/**
 * `‖Rw − c‖²`: the part of the squared residual inside the members' span (the rest is
 * `‖x‖² − ‖c‖²`).
 * @param f - factorisation from {@link memberFactor}.
 * @param c - `Qᵀx`, length k.
 * @param w - weights, length k.
 * @returns the squared norm (units of x²).
 * @example
 * ```ts
 * const inSpan = memberResidual2(f, c, w);
 * ```
 */
export function memberResidual2(f: MemberFactor, c: Float64Array, w: Float64Array): number {
  const { k, R } = f;
  let r2 = 0;
  for (let a = 0; a < k; a++) {
    let s = c[a];
    for (let b = a; b < k; b++) s -= R[a * k + b] * w[b];
    r2 += s * s;
  }
  return r2;
}

/**
 * For a spectrum fitted almost exactly (or data with a large common offset), where the QR
 * coordinates `c = Qᵀx` carry rounding of the size of ‖x‖·2⁻⁵²: one step of iterative refinement
 * against the data. With `r = x − Sᵀw` computed from the original spectra, the weights are
 * solved again ({@link solveMembers}) for the corrected coordinates `c' = Rw + Qᵀr` (the residual
 * is at the data's rounding level here, so it cannot tell which weights are better; the refined
 * problem is the more accurate one). Returns `‖x − Sᵀw‖²` of the final weights, computed directly.
 *
 * @param f - factorisation from {@link memberFactor}.
 * @param S - member spectra `[k, E]`, row-major (those factored in `f`).
 * @param X - pixel matrix, row-major with `E` columns.
 * @param o - offset of the spectrum in `X` (row · E).
 * @param w - weights, length k (updated in place).
 * @param ws - workspace from `nnlsQrWorkspace(k, k)`.
 * @param sumToOne - the weights sum to 1.
 * @param scratch - length `E + 2k`.
 * @returns the squared residual norm (units of x²).
 * @example
 * ```ts
 * const r2 = refineMembers(f, S, X, i * E, w, ws, false, new Float64Array(E + 2 * k));
 * ```
 */
export function refineMembers(
  f: MemberFactor, S: Float64Array, X: Float64Array, o: number, w: Float64Array, ws: NnlsQrWorkspace, sumToOne: boolean, scratch: Float64Array,
): number {
  const { k, E, Qt, R } = f;
  const r = scratch.subarray(0, E), c = scratch.subarray(E, E + k), w2 = scratch.subarray(E + k, E + 2 * k);
  const residual2 = (v: Float64Array): number => {
    let r2 = 0;
    for (let j = 0; j < E; j++) {
      let d = X[o + j];
      for (let s = 0; s < k; s++) d -= v[s] * S[s * E + j];
      r[j] = d;
      r2 += d * d;
    }
    return r2;
  };
  const r2 = residual2(w);
  for (let a = 0; a < k; a++) {
    let v = 0;
    for (let b = a; b < k; b++) v += R[a * k + b] * w[b];
    for (let j = 0, e = a * E; j < E; j++) v += Qt[e + j] * r[j];
    c[a] = v;
  }
  if (solveMembers(f, c, w2, ws, sumToOne) < 0) return r2;
  w.set(w2);
  return residual2(w);
}
