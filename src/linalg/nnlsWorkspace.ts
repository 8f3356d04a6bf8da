/**
 * Scratch space for the NNLS kernel.
 * @module
 */

/** Reusable scratch space for {@link nnlsGram}; make one with {@link nnlsWorkspace} and reuse it across calls. */
export interface NnlsWorkspace {
  /** Problem size the workspace was made for. */
  readonly k: number;
  /** 1 when the variable is in the passive (free) set. */
  passive: Uint8Array;
  /** Indices of passive variables. */
  idx: Int32Array;
  /** Cholesky factor scratch, k×k. */
  L: Float64Array;
  /** Subproblem solution, length k. */
  z: Float64Array;
  /** Dual vector / gradient, length k. */
  w: Float64Array;
  /** Scratch, length k. */
  t1: Float64Array;
  /** Scratch, length k. */
  t2: Float64Array;
  /** Rounding bound of each dual value, length k. */
  tolW: Float64Array;
  /** Variables refused in the current round (entering made them ≤ 0 or dependent), length k. */
  rejected: Uint8Array;
}

/**
 * Scratch space for {@link nnlsGram} problems with `k` unknowns.
 * @param k - number of unknowns (end members).
 * @returns a workspace to pass to every call.
 * @example
 * ```ts
 * const ws = nnlsWorkspace(3);
 * ```
 */
export function nnlsWorkspace(k: number): NnlsWorkspace {
  return {
    k,
    passive: new Uint8Array(k),
    idx: new Int32Array(k),
    L: new Float64Array(k * k),
    z: new Float64Array(k),
    w: new Float64Array(k),
    t1: new Float64Array(k),
    t2: new Float64Array(k),
    tolW: new Float64Array(k),
    rejected: new Uint8Array(k),
  };
}

