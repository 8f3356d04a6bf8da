/**
 * From fractions of normalised signal to fractions of absorbing atoms.
 * @module
 */
import { checkMatrixArg, matrix, type Matrix } from "../types/matrix";

/**
 * Convert per-pixel phase fractions of area-normalised spectra into fractions of the absorber.
 *
 * Unmixing spectra normalised by their pre-edge area (the paper's normalisation) gives each
 * member's share of the pre-edge *area*. Members whose pre-edge carries more area per atom
 * (oxidised O: more holes, the 530.8 eV feature) are then over-counted. If `signal[t]` is member
 * t's normalisation signal per unit amount of absorber, the fraction of the absorber in state t
 * is `(f_t / signal_t) / Σ_u (f_u / signal_u)` over the members with non-zero fraction.
 *
 * A measured `signal`: for each end member, the ratio of the pixels' normalisation factor to an
 * amount-proportional quantity over its cluster, e.g. pre-edge area ÷ post-edge area (the edge
 * step is the same per O atom in either state):
 * `signal[t] = Σ_{i∈cluster t} area_i / Σ_{i∈cluster t} brightness_i` ({@link signalPerAmount}),
 * with `area` from `fromImages(table, pre.normalized.map((n) => n.area))`.
 *
 * @param fractions - `[nPixels, k]`, ≥ 0 (e.g. `nnlsPixels(...).fractions`; extraneous members
 *   are 0 there and stay 0).
 * @param signal - length k, normalisation signal per unit amount (any common unit); must be
 *   positive and finite for every member with a non-zero fraction somewhere.
 * @returns shape `[nRows, k]`: fractions of the absorber, summing to 1 per row (rows of zeros stay zero).
 * @throws RangeError for a wrong length, or a non-positive signal of a member that is used.
 * @example
 * ```ts
 * amountFractions(matrix(new Float64Array([0.5, 0.5, 0]), 1, 3), [2.6, 3.4, NaN]).data; // [0.567, 0.433, 0]
 * ```
 */
export function amountFractions(fractionsIn: Matrix<"pixel", "member">, signal: ArrayLike<number>): Matrix<"pixel", "member"> {
  const fn = "amountFractions";
  const m = checkMatrixArg(fn, "fractions", fractionsIn, 0);
  const fractions = m.data;
  const k = m.nCols;
  if (signal?.length !== k) throw new RangeError(`${fn}: signal has length ${signal?.length}, expected k = ${k} (one value per member)`);
  const n = fractions.length / k;
  const used = new Uint8Array(k);
  const out = new Float64Array(n * k);
  for (let i = 0; i < n; i++) {
    let tot = 0;
    for (let t = 0; t < k; t++) {
      const f = fractions[i * k + t];
      if (!(f >= 0)) throw new RangeError(`${fn}: fractions[${i}, ${t}] = ${f}; expected a finite value ≥ 0`);
      if (f === 0) continue;
      if (!used[t]) {
        if (!(signal[t] > 0 && Number.isFinite(signal[t]))) throw new RangeError(`${fn}: signal[${t}] = ${signal[t]}, but member ${t} has non-zero fractions; expected a positive finite value`);
        used[t] = 1;
      }
      out[i * k + t] = f / signal[t];
      tot += out[i * k + t];
    }
    if (tot > 0) for (let t = 0; t < k; t++) out[i * k + t] /= tot;
  }
  return matrix(out, n, k, ["pixel", "member"] as const);
}

/**
 * Each end member's normalisation signal per unit amount, measured on its cluster of pixels:
 * `Σ_{i∈cluster} scale_i / Σ_{i∈cluster} amount_i` — e.g. the pixels' pre-edge area (what they
 * were divided by) over their post-edge area (the edge step, proportional to the number of
 * absorbing atoms). The input of {@link amountFractions}.
 *
 * @param clusters - pixel (row) indices of each member's cluster, e.g. `suggestEndmembers(...).clusters`.
 * @param scale - per row, the normalisation factor (OD·eV), e.g. `fromImages(table, pre.normalized.map((n) => n.area))`.
 * @param amount - per row, an amount-proportional signal (OD·eV), e.g. `table.brightness`.
 * @returns one value per cluster (NaN for an empty cluster).
 * @throws RangeError when `scale` and `amount` differ in length or an index is out of range.
 * @example
 * ```ts
 * signalPerAmount([[0, 1]], [2, 4], [1, 2]); // [2]
 * ```
 */
export function signalPerAmount(clusters: readonly ArrayLike<number>[], scale: ArrayLike<number>, amount: ArrayLike<number>): number[] {
  const fn = "signalPerAmount";
  if (scale.length !== amount.length) throw new RangeError(`${fn}: scale has length ${scale.length} but amount has ${amount.length}; expected one value per row of each`);
  return Array.from(clusters, (cl, t) => {
    let a = 0;
    let b = 0;
    for (let c = 0; c < cl.length; c++) {
      const i = cl[c];
      if (!(Number.isInteger(i) && i >= 0 && i < scale.length)) throw new RangeError(`${fn}: clusters[${t}][${c}] = ${i}; expected a row index in [0, ${scale.length - 1}]`);
      a += scale[i];
      b += amount[i];
    }
    return a / b;
  });
}
