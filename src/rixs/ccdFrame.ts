/**
 * One CCD frame of a RIXS spectrometer, as the pipeline passes it from step to step.
 * @module
 */
import type { Matrix } from "../types/matrix";

/**
 * A CCD frame: counts (or dark-subtracted, repaired values) row-major, shape `[rows, cols]`,
 * index `r · cols + c`. The **dispersive (emission) axis is the rows**: the elastic line runs
 * across the columns at a row that depends on the emission energy. Frames whose emission axis
 * runs along the columns (e.g. ALS iRIXS 2048 × 64 Andor frames) are transposed on reading
 * (`dispersive: "columns"`). Masked pixels (saturated, or refused by a step) are NaN.
 *
 * @example
 * const f: CcdFrame = { data: new Float64Array(512 * 256), nRows: 512, nCols: 256, dims: ["row", "column"], source: "a.tif", saturation: 65535 };
 */
export interface CcdFrame extends Matrix<"row", "column"> {
  /** Where the frame came from (file, page or HDF5 dataset and index), for messages. */
  readonly source: string;
  /** The largest value the detector's ADC can record (65535 for 16-bit frames), or `null` when unknown (float frames). Pixels at or above it are saturated. */
  readonly saturation: number | null;
}

/**
 * @internal
 * Make a {@link CcdFrame}, checking the length.
 */
export function makeFrame(data: Float64Array, nRows: number, nCols: number, source: string, saturation: number | null): CcdFrame {
  if (data.length !== nRows * nCols) throw new RangeError(`${source}: frame data has ${data.length} values, expected rows · cols = ${nRows} · ${nCols}`);
  return { data, nRows, nCols, dims: ["row", "column"], source, saturation };
}

/**
 * @internal
 * Check a frame argument at a function's entry.
 */
export function checkFrame(fn: string, name: string, f: unknown): CcdFrame {
  const fr = f as CcdFrame;
  if (fr == null || typeof fr !== "object" || !(fr.data instanceof Float64Array) || !Number.isInteger(fr.nRows) || !Number.isInteger(fr.nCols) || fr.nRows < 1 || fr.nCols < 1) {
    throw new TypeError(`${fn}: ${name} must be a CcdFrame { data: Float64Array, nRows, nCols, source } (from readTiffFrames / readNexusFrames), got ${f === null ? "null" : typeof f}`);
  }
  if (fr.data.length !== fr.nRows * fr.nCols) throw new RangeError(`${fn}: ${name} (${fr.source}) has ${fr.data.length} values, expected ${fr.nRows} × ${fr.nCols}`);
  return fr;
}

/**
 * @internal
 * Refuse two frames of different sizes, naming both.
 */
export function checkSameSize(fn: string, a: CcdFrame, b: CcdFrame, what: string): void {
  if (a.nRows !== b.nRows || a.nCols !== b.nCols) {
    throw new RangeError(`${fn}: ${what} ${b.source} is ${b.nRows} × ${b.nCols} pixels but frame ${a.source} is ${a.nRows} × ${a.nCols}; expected the same size (rows × columns)`);
  }
}
