/**
 * A frame to a spectrum along the emission (row) axis: curvature correction by linear
 * redistribution and the sum over the columns, in one pass.
 * @module
 */
import { checkOptions } from "../util/checkOptions";
import { checkFrame, type CcdFrame } from "./ccdFrame";
import { curvatureShifts, type Curvature } from "./curvature";

/** Options of {@link integrateFrame}. */
export interface IntegrateFrameOptions {
  /** Curvature to correct while integrating (each column moved by −shift, sub-pixel, by linear redistribution). @default none (straight lines) */
  curvature?: Curvature;
  /** Columns `[c0, c1)` to integrate. @default all */
  columns?: readonly [number, number];
  /** Rows covered by less than this fraction of the columns (masked pixels, or shifted past the frame's edge) are NaN. @default 0.5 */
  minCoverage?: number;
}

/** A frame integrated to a spectrum over the emission pixels. */
export interface IntegratedFrame {
  /** Counts per emission pixel (row), summed over the columns and scaled to all columns where some were missing; length nRows. */
  readonly counts: Float64Array;
  /** Fraction of the columns that contributed to each row (1 = all), length nRows. */
  readonly coverage: Float64Array;
  /** Rows scaled up because some columns were missing (masked pixels or frame edge). */
  readonly rescaledRows: number;
  /** Rows set to NaN (coverage below `minCoverage`). */
  readonly emptyRows: number;
  /** Masked (NaN) pixels left out. */
  readonly maskedPixels: number;
  /** Number of columns integrated. */
  readonly columns: number;
}

/**
 * @internal Integer and fractional parts of each column's move: a pixel at row r of column c
 * lands at `r − shift(c) = r + K[c] + F[c]`, `0 ≤ F < 1`.
 */
export function columnMoves(curvature: Curvature | undefined, nCols: number): { K: Int32Array; F: Float64Array } {
  const K = new Int32Array(nCols), F = new Float64Array(nCols);
  if (curvature) {
    const s = curvatureShifts(curvature, nCols);
    for (let c = 0; c < nCols; c++) { const m = -s[c]; K[c] = Math.floor(m); F[c] = m - K[c]; }
  }
  return { K, F };
}

/**
 * Integrate a frame over its columns into a spectrum along the rows (emission pixels). With a
 * curvature, every column is first moved by `−shift(c)` rows, sub-pixel, by linear redistribution
 * (a pixel's counts go to the two rows it straddles, shares 1 − f and f, so counts are
 * conserved); the sum over columns follows. Rows that some columns do not reach (masked NaN
 * pixels, or the frame edge after the move) are scaled by `columns / coverage` and reported; rows
 * with coverage below `minCoverage` are NaN.
 *
 * @param frame - a cleaned frame (dark-subtracted, cosmic rays repaired), rows = emission.
 * @param options - {@link IntegrateFrameOptions}.
 * @returns an {@link IntegratedFrame}.
 * @example
 * const { counts } = integrateFrame(clean, { curvature: cf }); // Float64Array(nRows)
 */
export function integrateFrame(frame: CcdFrame, options: IntegrateFrameOptions = {}): IntegratedFrame {
  const fn = "integrateFrame";
  checkOptions(fn, options, ["curvature", "columns", "minCoverage"]);
  checkFrame(fn, "frame", frame);
  const { data: d, nRows, nCols } = frame;
  const [c0, c1] = options.columns ?? [0, nCols];
  if (!Number.isInteger(c0) || !Number.isInteger(c1) || c0 < 0 || c1 > nCols || c1 <= c0) throw new RangeError(`${fn}: option columns must be [c0, c1) inside [0, ${nCols}], got [${c0}, ${c1}]`);
  const minCov = options.minCoverage ?? 0.5;
  if (!(minCov > 0 && minCov <= 1)) throw new RangeError(`${fn}: option minCoverage must be in (0, 1], got ${minCov}`);
  const { K, F } = columnMoves(options.curvature, nCols);
  const S = new Float64Array(nRows + 2), W = new Float64Array(nRows + 2);
  let masked = 0;
  for (let r = 0; r < nRows; r++) {
    const o = r * nCols;
    for (let c = c0; c < c1; c++) {
      const v = d[o + c];
      if (v !== v) { masked++; continue; }
      const k = r + K[c];
      if (k < -1 || k >= nRows) continue;
      const f = F[c], g = 1 - f;
      // index shifted by +1 so that k = −1 lands in the guard cell
      S[k + 1] += g * v; W[k + 1] += g;
      S[k + 2] += f * v; W[k + 2] += f;
    }
  }
  const n = c1 - c0;
  const counts = new Float64Array(nRows), coverage = new Float64Array(nRows);
  let rescaled = 0, empty = 0;
  for (let r = 0; r < nRows; r++) {
    const w = W[r + 1];
    coverage[r] = w / n;
    if (w < minCov * n) { counts[r] = NaN; empty++; continue; }
    if (w < n - 1e-9) { rescaled++; counts[r] = (S[r + 1] * n) / w; } else counts[r] = S[r + 1];
  }
  return { counts, coverage, rescaledRows: rescaled, emptyRows: empty, maskedPixels: masked, columns: n };
}
