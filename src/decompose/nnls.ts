/**
 * Non-negative least squares for one right-hand side.
 * @module
 */
import { nnlsQr, nnlsQrWorkspace } from "../linalg/nnlsQr";
import { checkArray, checkBool, checkOptions } from "./validate";

/** Options of {@link nnls}. */
export interface NnlsOptions {
  /** Also require `Σx = 1` (fully constrained least squares). Default false. */
  sumToOne?: boolean;
}

/** Result of {@link nnls}. */
export interface NnlsResult {
  /** Solution, length `n`, ≥ 0. */
  x: Float64Array;
  /** Residual 2-norm ‖Ax − b‖₂. */
  rnorm: number;
  /** Active-set iterations used. */
  nIter: number;
  /** False if the iteration limit was hit (x is then the last feasible iterate). */
  converged: boolean;
}

/**
 * Solve `min ‖Ax − b‖₂` subject to `x ≥ 0` (and optionally `Σx = 1`) by the Lawson–Hanson
 * active-set method on `A` itself, with Householder QR subproblems (`linalg/nnlsQr`): the
 * accuracy follows the condition number of `A` (not its square, as on the normal equations) and
 * the stopping tolerance is componentwise, so badly scaled rows or columns (e.g. one energy 10⁶
 * times the others) are solved as well as balanced ones. Same problem and solution as
 * `scipy.optimize.nnls`.
 *
 * @param A - shape `[m, n]`, row-major, with `m = b.length` (so `n = A.length / b.length`).
 * @param b - right-hand side, length m.
 * @param options - {@link NnlsOptions}.
 * @returns {@link NnlsResult}.
 * @example
 * ```ts
 * // A = [[1, 0], [1, 0], [0, 1]]
 * nnls(new Float64Array([1, 0, 1, 0, 0, 1]), new Float64Array([2, 1, 1])); // x = [1.5, 1], rnorm ≈ 0.7071
 * ```
 * @see Lawson & Hanson, Solving Least Squares Problems (SIAM 1995), ch. 23.
 */
export function nnls(A: Float64Array, b: Float64Array, options: NnlsOptions = {}): NnlsResult {
  const fn = "nnls";
  checkOptions(fn, options, ["sumToOne"]);
  if (!(b instanceof Float64Array) || b.length < 1) throw new TypeError(`${fn}: b must be a non-empty Float64Array`);
  checkArray(fn, "b", b, b.length, `[${b.length}]`);
  const m = b.length;
  if (!(A instanceof Float64Array)) throw new TypeError(`${fn}: A must be a Float64Array of shape [b.length, n], row-major`);
  const n = A.length / m;
  if (!Number.isInteger(n) || n < 1) {
    throw new RangeError(`${fn}: A has length ${A.length}, which is not a positive multiple of b.length = ${m}; expected shape [b.length, n], row-major`);
  }
  checkArray(fn, "A", A, m * n, `[b.length=${m}, n=${n}]`, false, true, n);
  const sumToOne = options.sumToOne === undefined ? false : checkBool(fn, "sumToOne", options.sumToOne);
  const x = new Float64Array(n);
  const it = nnlsQr(A, m, n, b, x, nnlsQrWorkspace(m, n), sumToOne);
  let r2 = 0;
  for (let i = 0; i < m; i++) {
    let r = b[i];
    for (let a = 0; a < n; a++) r -= A[i * n + a] * x[a];
    r2 += r * r;
  }
  return { x, rnorm: Math.sqrt(r2), nIter: Math.max(it, 0), converged: it >= 0 };
}
