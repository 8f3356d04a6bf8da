/**
 * Curvature and tilt correction of a whole frame (to look at; `integrateFrame` does the same move
 * while integrating).
 * @module
 */
import { checkFrame, makeFrame, type CcdFrame } from "./ccdFrame";
import type { Curvature } from "./curvature";
import { columnMoves } from "./integrateFrame";

/** What {@link correctCurvature} did. */
export interface CorrectedFrame {
  /** The corrected frame: lines of constant emission energy are straight rows. Pixels only partly covered after the move (frame edges) are NaN. */
  readonly frame: CcdFrame;
  /** Largest move (rows) over the columns. */
  readonly maxShift: number;
  /** Pixels set to NaN because the move left them partly or wholly uncovered, or a masked pixel moved onto them. */
  readonly uncovered: number;
}

/**
 * Move every column of a frame by `−shift(c)` rows (sub-pixel, linear redistribution: counts
 * are conserved), so that the curved, tilted elastic line becomes a straight row.
 *
 * @param frame - a cleaned frame, rows = emission.
 * @param curvature - from {@link fitCurvature} (or known).
 * @returns a {@link CorrectedFrame}.
 * @example
 * const straight = correctCurvature(clean, fitCurvature(clean)).frame;
 */
export function correctCurvature(frame: CcdFrame, curvature: Curvature): CorrectedFrame {
  checkFrame("correctCurvature", "frame", frame);
  const { data: d, nRows, nCols } = frame;
  const { K, F } = columnMoves(curvature, nCols);
  const S = new Float64Array(d.length), W = new Float64Array(d.length);
  for (let r = 0; r < nRows; r++) {
    for (let c = 0; c < nCols; c++) {
      const v = d[r * nCols + c];
      const k = r + K[c];
      const f = F[c], g = 1 - f;
      if (g > 0 && k >= 0 && k < nRows) { S[k * nCols + c] += g * v; W[k * nCols + c] += g; }
      if (f > 0 && k + 1 >= 0 && k + 1 < nRows) { S[(k + 1) * nCols + c] += f * v; W[(k + 1) * nCols + c] += f; }
    }
  }
  let uncovered = 0, maxShift = 0;
  for (let c = 0; c < nCols; c++) maxShift = Math.max(maxShift, Math.abs(K[c] + F[c]));
  for (let i = 0; i < S.length; i++) {
    if (!(W[i] > 1 - 1e-9) || S[i] !== S[i]) { S[i] = NaN; uncovered++; }
  }
  return { frame: makeFrame(S, nRows, nCols, frame.source, frame.saturation), maxShift, uncovered };
}
