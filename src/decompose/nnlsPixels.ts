/**
 * Per-pixel non-negative least-squares unmixing with end-member spectra.
 * @module
 */
import { memberFactor, memberResidual2, refineMembers, solveMembers } from "../linalg/nnlsMembers";
import { nnlsQrWorkspace } from "../linalg/nnlsQr";
import { wasmKernels, WASM_MAX_K } from "../linalg/wasmKernels";
import { checkArray, checkBool, checkFinite, checkInt, checkOptions, MAX_ABS } from "./validate";
import { checkMatrixArg, matrix, type Dim, type Matrix } from "../types/matrix";
import type { Spectra } from "../types/spectra";
import type { PixelMaps } from "../types/pixelMaps";
import { mapsFor, tableOf } from "./shapes";
import type { PixelTable } from "../types/pixel-table";

/** Options of {@link nnlsPixels}. */
export interface NnlsPixelsOptions {
  /** Require the weights of each pixel to sum to 1 (fully constrained). Default false (thickness-free weights). */
  sumToOne?: boolean;
  /** End members (index or name) that take part in the fit but not in the phase fractions (carbon/binder, saturation). Default []. */
  extraneous?: readonly (number | string)[];
}

/** Result of {@link nnlsPixels}: one row per pixel, one column per end member. */
export interface NnlsPixelsResult {
  /** Always "nnlsPixels" (for display). */
  readonly kind: "nnlsPixels";
  /** Number of pixels fitted. */
  readonly nPixels: number;
  /** Number of end members. */
  readonly k: number;
  /** The end members' names (from the Spectra given, else "1" … "k"). */
  readonly names: readonly string[];
  /** Fitted non-negative weights `[nPixels, k]` (in the units of X per unit end member). */
  readonly weights: Matrix<"pixel", "member">;
  /** Phase fractions `[nPixels, k]`: weights renormalised to sum to 1 over the non-extraneous members; 0 for extraneous members; all 0 when a pixel has no non-extraneous weight. */
  readonly fractions: Matrix<"pixel", "member">;
  /** Residual 2-norm ‖x − Σ wᵢ eᵢ‖₂ per pixel, length `nPixels`. */
  readonly residualNorm: Float64Array;
  /** Σ of non-extraneous weights per pixel (0 ⇒ fractions undefined, set to 0), length `nPixels`. */
  readonly phaseTotal: Float64Array;
  /** Number of pixels whose active-set solve hit the iteration limit (0 in practice). */
  readonly nNotConverged: number;
  /** Number of pixels with no non-extraneous weight (fractions all 0). */
  readonly nNoPhase: number;
  /** Whether the weights were constrained to sum to one. */
  readonly sumToOne: boolean;
  /** Indices of the extraneous members, ascending. */
  readonly extraneous: number[];
  /** The pixel table that was fitted (a reference, not a copy), or null when the input was a plain matrix. */
  readonly table: PixelTable | null;
  /** Fraction images of every sample, one per end member (input a PixelTable). */
  maps(): PixelMaps;
  /** Residual-norm images of every sample (input a PixelTable). */
  residualMaps(): PixelMaps;
}

/**
 * Fit every pixel spectrum as a non-negative combination of end-member spectra — the paper's
 * "non-negative linear least squares regression on every normalized pixel". One QR
 * factorisation of the end members `Eᵀ = QR` serves all pixels; per pixel `c = Qᵀx` and an exact
 * active-set (Lawson–Hanson) solve of the `nMembers²` triangular problem `min ‖Rw − c‖`, with a
 * shortcut when the unconstrained (or sum-to-one) solution is already non-negative (then it is
 * the NNLS solution). Working on R rather than the normal equations `EEᵀ`, with tolerances
 * relative to each value's own rounding, keeps the accuracy when an energy or a member is scaled
 * by 10⁶ (see `linalg/nnlsMembers`). Extraneous members (e.g. carbon/binder,
 * saturation) are fitted but excluded from `fractions`, which are renormalised over the
 * remaining members, exactly as the paper computes oxidation-state fractions.
 *
 * @param input - pixels × energies (a PixelTable or any matrix), finite; not copied.
 * @param members - end-member spectra `[k, nE]` (Spectra, e.g. `em.members`, or any matrix), linearly independent; when both carry energies they must be the same.
 * @param options - {@link NnlsPixelsOptions}.
 * @returns {@link NnlsPixelsResult}; `maps()` gives the fraction images.
 * @example
 * ```ts
 * // reduced, oxidised, carbon/binder; carbon is fitted but not a phase
 * const fit = nnlsPixels(T, em.members, { extraneous: ["carbon/binder"] });
 * fit.maps();                       // fraction images per sample
 * columnOf(fit.fractions, 1);       // oxidised fraction per pixel
 * ```
 * @see Lawson & Hanson, Solving Least Squares Problems (1995); Bro & de Jong, J. Chemometrics
 * 11, 393 (1997); Heinz & Chang, IEEE TGRS 39, 529 (2001) (sum-to-one).
 */
export function nnlsPixels(input: Matrix<Dim, "energy">, members: Spectra | Matrix<Dim, "energy">, options: NnlsPixelsOptions = {}): NnlsPixelsResult {
  const fn = "nnlsPixels";
  checkOptions(fn, options, ["sumToOne", "extraneous"]);
  // NaN/Inf in X show up in the per-pixel ‖x‖² of the main pass; checked there (no extra pass)
  const { data: X, nRows, nCols } = checkMatrixArg(fn, "X", input, 0);
  const M = checkMatrixArg(fn, "members", members);
  if (M.nCols !== nCols) throw new RangeError(`${fn}: the members have ${M.nCols} energies, the pixels ${nCols}; resample the members onto the table's energies`);
  const eX = (input as { energies?: unknown }).energies, eM = (members as { energies?: unknown }).energies;
  if (eX instanceof Float64Array && eM instanceof Float64Array && eX.length === nCols && eM.length === nCols) {
    for (let j = 0; j < nCols; j++) {
      if (Math.abs(eX[j] - eM[j]) > 1e-6 * Math.max(1, Math.abs(eX[j]))) throw new RangeError(`${fn}: energy ${j} is ${eX[j]} eV for the pixels but ${eM[j]} eV for the members; resample the members onto the table's energies`);
    }
  }
  const k = checkInt(fn, "the number of members", M.nRows, 1, nCols);
  const endmembers = M.data;
  for (let i = 0; i < endmembers.length; i++) if (!Number.isFinite(endmembers[i])) throw new RangeError(`${fn}: members[${Math.floor(i / nCols)}, ${i % nCols}] is ${endmembers[i]}; expected finite values`);
  const names: string[] = Array.isArray((members as Spectra).names) && (members as Spectra).names.length === k ? [...(members as Spectra).names] : Array.from({ length: k }, (_, i) => String(i + 1));
  const sumToOne = options.sumToOne === undefined ? false : checkBool(fn, "sumToOne", options.sumToOne);
  const extraneousIn = options.extraneous ?? [];
  if (!Array.isArray(extraneousIn)) throw new TypeError(`${fn}: extraneous must be an array of end-member indices or names, got ${typeof extraneousIn}`);
  const extraneous = extraneousIn.map((e) => {
    if (typeof e === "string") {
      const i = names.indexOf(e);
      if (i < 0) throw new RangeError(`${fn}: extraneous names "${e}", which is not an end member; the names are ${names.map((n) => `"${n}"`).join(", ")}`);
      return i;
    }
    return checkInt(fn, "extraneous[i]", e, 0, k - 1);
  });
  const isExtra = new Uint8Array(k);
  for (const e of extraneous) isExtra[e] = 1;
  const E = nCols;
  // Sᵀ = QR: per pixel c = Qᵀx and a k × k triangular NNLS (accurate on badly scaled energies or members)
  checkArray(fn, "members", endmembers, k * E, `[${k}, ${E}]`, false, true, E);
  const fac = memberFactor(endmembers, k, E);
  if ("dependent" in fac) throw new Error(`${fn}: the ${k} end-member spectra are linearly dependent (member ${fac.dependent} is a combination of the ones before it, to 1e-10 of its norm); remove duplicates`);
  const weights = new Float64Array(nRows * k);
  const fractions = new Float64Array(nRows * k);
  const residualNorm = new Float64Array(nRows);
  const phaseTotal = new Float64Array(nRows);
  const q = new Float64Array(k);
  const x = new Float64Array(k);
  const ws = nnlsQrWorkspace(k, k);
  const rbuf = new Float64Array(E + 2 * k);
  // per-pixel calls through local bindings (an imported binding can be a getter, e.g. under tsx)
  const solve = solveMembers, inSpan2 = memberResidual2, maxSquare = MAX_ABS * MAX_ABS;
  let nNotConverged = 0;
  let nNoPhase = 0;
  // q = Qᵀx and ‖x‖² per pixel: WebAssembly SIMD on chunks copied into its memory, else plain loops
  const wk = k <= WASM_MAX_K ? wasmKernels() : null;
  const CH = 1024;
  const pA = 0, pS = pA + CH * E * 8, pQ = pS + k * E * 8, pN = pQ + CH * k * 8;
  let f: Float64Array = new Float64Array(0);
  if (wk) {
    wk.ensure(pN + CH * 8);
    f = wk.f64;
    f.set(fac.Qt, pS / 8);
  }
  for (let r0 = 0; r0 < nRows; r0 += CH) {
    const m = Math.min(nRows, r0 + CH) - r0;
    if (wk) {
      f.set(X.subarray(r0 * E, (r0 + m) * E), pA / 8);
      wk.xht(k)(pA, m, E, pS, pQ, pN);
    }
    for (let i = r0; i < r0 + m; i++) {
      const o = i * E;
      let xx = 0;
      if (wk) {
        xx = f[pN / 8 + i - r0];
        const b = pQ / 8 + (i - r0) * k;
        for (let s = 0; s < k; s++) q[s] = f[b + s];
      } else {
        for (let j = 0; j < E; j++) xx += X[o + j] * X[o + j];
        for (let s = 0; s < k; s++) {
          let a = 0;
          const e = s * E;
          for (let j = 0; j < E; j++) a += fac.Qt[e + j] * X[o + j];
          q[s] = a;
        }
      }
      if (!(xx <= maxSquare)) checkFinite(fn, "X", X, [xx], nCols);
      const it = solve(fac, q, x, ws, sumToOne);
      if (it < 0) nNotConverged++;
      // residual: outside the span ‖x‖² − ‖q‖² plus inside ‖Rw − q‖², when safely away from cancellation
      let qq = 0;
      for (let s = 0; s < k; s++) qq += q[s] * q[s];
      let r2 = xx - qq + inSpan2(fac, q, x);
      // (cancellation: a near-exact fit or a large offset) refine against the data, residual directly
      if (!(r2 > 1e-4 * xx)) r2 = refineMembers(fac, endmembers, X, o, x, ws, sumToOne, rbuf);
      residualNorm[i] = Math.sqrt(Math.max(r2, 0));
      let tot = 0;
      for (let s = 0; s < k; s++) { weights[i * k + s] = x[s]; if (!isExtra[s]) tot += x[s]; }
      phaseTotal[i] = tot;
      if (tot > 0) { for (let s = 0; s < k; s++) if (!isExtra[s]) fractions[i * k + s] = x[s] / tot; }
      else nNoPhase++;
    }
  }
  const W = matrix(weights, nRows, k, ["pixel", "member"] as const);
  const F = matrix(fractions, nRows, k, ["pixel", "member"] as const);
  const toFractionMaps = mapsFor(fn, input, "fraction");
  const toResidualMaps = mapsFor(fn, input, "residual");
  return {
    kind: "nnlsPixels", nPixels: nRows, k, names,
    weights: W, fractions: F, residualNorm, phaseTotal, nNotConverged, nNoPhase, sumToOne,
    extraneous: [...new Set(extraneous)].sort((a, b) => a - b),
    table: tableOf(input),
    maps: () => toFractionMaps(F, names),
    residualMaps: () => toResidualMaps(matrix(residualNorm, nRows, 1), ["residual"]),
  };
}
