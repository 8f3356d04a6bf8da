/**
 * Dark / background subtraction of a CCD frame: a dark frame (same exposure, shutter closed), or
 * the level of a detector region that sees no photons.
 * @module
 */
import { checkOptions } from "../util/checkOptions";
import { kthSmallest } from "../util/kthSmallest";
import { checkFrame, checkSameSize, makeFrame, type CcdFrame } from "./ccdFrame";

/** A rectangle of detector pixels, half-open: rows `[r0, r1)`, columns `[c0, c1)`. */
export interface DetectorRegion {
  readonly r0: number;
  readonly r1: number;
  readonly c0: number;
  readonly c1: number;
}

/** Options of {@link subtractDark}: exactly one of `dark` and `region`. */
export interface SubtractDarkOptions {
  /** A dark frame (same size): subtracted pixel by pixel, times `scale`. */
  dark?: CcdFrame;
  /** Multiplier of the dark frame (e.g. exposure ratio when the dark was taken with another exposure). @default 1 */
  scale?: number;
  /** A region without photons: its median is subtracted from every pixel. */
  region?: DetectorRegion;
}

/** What {@link subtractDark} did. */
export interface DarkResult {
  /** The frame minus the dark (new array). */
  readonly frame: CcdFrame;
  /** "frame" or "region". */
  readonly method: "frame" | "region";
  /** Mean value subtracted per pixel (counts). */
  readonly level: number;
  /** Pixels of the dark frame that were NaN (their result is NaN, masked). */
  readonly maskedByDark: number;
}

/**
 * Subtract the dark signal (bias + dark current): a dark frame times `scale`, or the median of a
 * photon-free detector region. NaN pixels (masked) stay NaN.
 *
 * @param frame - a frame, rows = emission.
 * @param options - {@link SubtractDarkOptions}: `dark` (+ `scale`) or `region`.
 * @returns a {@link DarkResult}.
 * @throws RangeError when the dark frame's size differs (naming both frames) or the region lies outside the frame.
 * @example
 * const { frame } = subtractDark(raw, { dark: readTiffFrames("dark.tif")[0] });
 * const r = subtractDark(raw, { region: { r0: 0, r1: 20, c0: 0, c1: 256 } }); // r.level: the region's median
 */
export function subtractDark(frame: CcdFrame, options: SubtractDarkOptions): DarkResult {
  const fn = "subtractDark";
  checkOptions(fn, options, ["dark", "scale", "region"]);
  checkFrame(fn, "frame", frame);
  if (!options || (options.dark === undefined) === (options.region === undefined)) throw new Error(`${fn}: expected exactly one of the options dark (a dark frame) and region (a photon-free detector region)`);
  const d = frame.data;
  const out = new Float64Array(d.length);
  if (options.dark !== undefined) {
    const dark = checkFrame(fn, "option dark", options.dark);
    checkSameSize(fn, frame, dark, "dark frame");
    const s = options.scale ?? 1;
    if (!Number.isFinite(s) || s < 0) throw new RangeError(`${fn}: option scale must be a non-negative number, got ${s}`);
    const dd = dark.data;
    let sum = 0, nan = 0;
    for (let i = 0; i < d.length; i++) {
      const v = dd[i] * s;
      if (v !== v) nan++;
      else sum += v;
      out[i] = d[i] - v;
    }
    return { frame: makeFrame(out, frame.nRows, frame.nCols, frame.source, frame.saturation), method: "frame", level: sum / Math.max(d.length - nan, 1), maskedByDark: nan };
  }
  if (options.scale !== undefined) throw new Error(`${fn}: option scale applies to a dark frame only, not to a region`);
  const { r0, r1, c0, c1 } = options.region as DetectorRegion;
  if (![r0, r1, c0, c1].every(Number.isInteger) || r0 < 0 || c0 < 0 || r1 > frame.nRows || c1 > frame.nCols || r1 <= r0 || c1 <= c0) {
    throw new RangeError(`${fn}: option region { r0: ${r0}, r1: ${r1}, c0: ${c0}, c1: ${c1} } must be integer bounds inside the ${frame.nRows} × ${frame.nCols} frame with r0 < r1, c0 < c1`);
  }
  const vals: number[] = [];
  for (let r = r0; r < r1; r++) for (let c = c0; c < c1; c++) { const v = d[r * frame.nCols + c]; if (v === v) vals.push(v); }
  if (vals.length === 0) throw new RangeError(`${fn}: option region holds no unmasked pixel of ${frame.source}`);
  const a = Float64Array.from(vals);
  const m = a.length % 2 ? kthSmallest(a, (a.length - 1) / 2) : 0.5 * (kthSmallest(a, a.length / 2 - 1) + kthSmallest(a, a.length / 2));
  for (let i = 0; i < d.length; i++) out[i] = d[i] - m;
  return { frame: makeFrame(out, frame.nRows, frame.nCols, frame.source, frame.saturation), method: "region", level: m, maskedByDark: 0 };
}
