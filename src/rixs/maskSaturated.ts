/**
 * Saturated CCD pixels: found and masked (set to NaN), never used as counts.
 * @module
 */
import { checkOptions } from "../util/checkOptions";
import { checkFrame, makeFrame, type CcdFrame } from "./ccdFrame";

/** Options of {@link maskSaturated}. */
export interface MaskSaturatedOptions {
  /** Values ≥ this are saturated. @default the frame's `saturation` (65535 for 16-bit frames); float frames without it are not checked unless this is given */
  level?: number;
}

/** A pixel position on a frame. */
export interface PixelPosition {
  /** Row (emission pixel). */
  readonly row: number;
  /** Column. */
  readonly col: number;
}

/** What {@link maskSaturated} found. */
export interface SaturatedResult {
  /** The frame with saturated pixels set to NaN (a copy when any were found; the input otherwise). */
  readonly frame: CcdFrame;
  /** The level used, or null when the frame could not be checked (float frame, no `level`). */
  readonly level: number | null;
  /** Number of saturated pixels. */
  readonly count: number;
  /** Their positions (all of them). */
  readonly positions: readonly PixelPosition[];
}

/**
 * Find pixels at or above the saturation level and mask them (NaN), so that integration leaves
 * them out (and says so) instead of using clipped counts.
 *
 * @param frame - a raw frame (before dark subtraction), rows = emission.
 * @param options - {@link MaskSaturatedOptions}.
 * @returns a {@link SaturatedResult}.
 * @example
 * const { frame, count, positions } = maskSaturated(raw); // 16-bit: pixels at 65535
 */
export function maskSaturated(frame: CcdFrame, options: MaskSaturatedOptions = {}): SaturatedResult {
  const fn = "maskSaturated";
  checkOptions(fn, options, ["level"]);
  checkFrame(fn, "frame", frame);
  if (options.level !== undefined && !Number.isFinite(options.level)) throw new RangeError(`${fn}: option level must be a finite number, got ${options.level}`);
  const level = options.level ?? frame.saturation;
  if (level === null) return { frame, level: null, count: 0, positions: [] };
  const d = frame.data;
  const positions: PixelPosition[] = [];
  for (let i = 0; i < d.length; i++) if (d[i] >= level) positions.push({ row: Math.floor(i / frame.nCols), col: i % frame.nCols });
  if (positions.length === 0) return { frame, level, count: 0, positions };
  const out = Float64Array.from(d);
  for (const p of positions) out[p.row * frame.nCols + p.col] = NaN;
  return { frame: makeFrame(out, frame.nRows, frame.nCols, frame.source, frame.saturation), level, count: positions.length, positions };
}
