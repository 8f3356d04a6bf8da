/**
 * The shape of the elastic line on the detector: a polynomial giving its row at each column.
 * @module
 */

/**
 * Curvature and tilt of the spectrometer's lines of constant emission energy on the CCD:
 * `row(c) = Σ coefficients[k] · (c − referenceColumn)^k` (pixels). Correction moves every column
 * by `−(row(c) − row(referenceColumn))`, so the lines become straight at their row in the
 * reference column.
 *
 * @example
 * const planted: Curvature = { coefficients: [250, 0.02, 2e-4], referenceColumn: 128 }; // tilt 0.02 px/col, curvature 2e-4 px/col²
 */
export interface Curvature {
  /** Power-series coefficients in `(c − referenceColumn)`, constant first (pixels, px/col, px/col², …). */
  readonly coefficients: readonly number[];
  /** Column the shifts are measured from (the line keeps its row there). */
  readonly referenceColumn: number;
}

/**
 * The row shift of each column relative to the reference column: `row(c) − row(referenceColumn)`.
 *
 * @param curvature - a {@link Curvature}.
 * @param nCols - number of columns.
 * @returns shifts in pixels, length `nCols`.
 * @example
 * curvatureShifts({ coefficients: [250, 0.02, 2e-4], referenceColumn: 128 }, 256)[0]; // 0.02·(−128) + 2e-4·128² = 0.7168
 */
export function curvatureShifts(curvature: Curvature, nCols: number): Float64Array {
  const a = curvature.coefficients;
  if (!Array.isArray(a) || a.length < 1 || !a.every(Number.isFinite)) throw new TypeError(`curvatureShifts: coefficients must be finite numbers, got ${JSON.stringify(a)}`);
  if (!Number.isFinite(curvature.referenceColumn)) throw new TypeError(`curvatureShifts: referenceColumn must be a number, got ${curvature.referenceColumn}`);
  const out = new Float64Array(nCols);
  for (let c = 0; c < nCols; c++) {
    const x = c - curvature.referenceColumn;
    let v = 0;
    for (let k = a.length - 1; k >= 1; k--) v = (v + a[k]) * x;
    out[c] = v;
  }
  return out;
}
