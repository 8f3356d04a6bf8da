/**
 * Peaks of a dQ/dV curve (anodic on charge, cathodic on discharge).
 * @module
 */
import { checkOptions } from "../util/checkOptions";

/** One dQ/dV peak. */
export interface DqdvPeak {
  /** Peak position (parabola through the highest grid point and its neighbours), V. */
  voltage: number;
  /** dQ/dV at the peak (signed as the curve: negative on discharge), mAh g⁻¹ V⁻¹. */
  height: number;
  /** Prominence (as scipy.signal.peak_prominences: height above the higher of the two lowest points on either side before a higher peak), mAh g⁻¹ V⁻¹, ≥ 0. */
  prominence: number;
}

/** Options of {@link dqdvPeaks}. */
export interface DqdvPeaksOptions {
  /** Keep peaks whose prominence is at least this fraction of the largest |dQ/dV| of the curve. @default 0.05 */
  minProminence?: number;
  /** Only peaks inside [lo, hi], V. @default the whole curve */
  range?: readonly [number, number];
  /** Look for maxima of dQ/dV ("anodic"), of −dQ/dV ("cathodic") or decide from the curve's sign ("auto": the sign of the larger |extreme|). @default "auto" */
  direction?: "auto" | "anodic" | "cathodic";
}

const OPTIONS = ["minProminence", "range", "direction"] as const;

/**
 * The peaks of a dQ/dV curve: local maxima of |dQ/dV| (on the curve's own sign), each with
 * its prominence; those less prominent than `minProminence` × the largest |dQ/dV| are dropped.
 * Positions are refined by a parabola through three grid points.
 *
 * @param curve - `{ voltage, dqdv }` (a {@link DqdvCurve} or {@link IncrementalCapacity}), voltage ascending.
 * @param options - {@link DqdvPeaksOptions}.
 * @returns the peaks sorted by voltage.
 * @throws RangeError for arrays of different lengths or a bad option value; Error for an unknown option.
 * @example
 * dqdvPeaks(curves[0], { minProminence: 0.1 }); // [{ voltage: 3.65, height: 820, prominence: 640 }, …]
 */
export function dqdvPeaks(curve: { voltage: ArrayLike<number>; dqdv: ArrayLike<number> }, options: DqdvPeaksOptions = {}): DqdvPeak[] {
  const fn = "dqdvPeaks";
  checkOptions(fn, options, OPTIONS);
  const x = curve.voltage;
  const y0 = curve.dqdv;
  const n = x.length;
  if (y0.length !== n) throw new RangeError(`${fn}: curve.dqdv has ${y0.length} points, expected ${n} like curve.voltage`);
  const minProminence = options.minProminence ?? 0.05;
  if (typeof minProminence !== "number" || !(minProminence >= 0 && minProminence <= 1)) throw new RangeError(`${fn}: option minProminence must be a fraction in [0, 1], got ${String(minProminence)}`);
  const range = options.range;
  if (range !== undefined && (!Array.isArray(range) || range.length !== 2 || !(range[0] < range[1]))) throw new RangeError(`${fn}: option range must be [lo, hi] in V with lo < hi, got ${JSON.stringify(range)}`);
  const dir = options.direction ?? "auto";
  if (!["auto", "anodic", "cathodic"].includes(dir)) throw new RangeError(`${fn}: option direction must be "auto", "anodic" or "cathodic", got ${JSON.stringify(dir)}`);
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < n; i++) { if (y0[i] < lo) lo = y0[i]; if (y0[i] > hi) hi = y0[i]; }
  const s = dir === "anodic" ? 1 : dir === "cathodic" ? -1 : Math.abs(lo) > Math.abs(hi) ? -1 : 1;
  const y = Float64Array.from(y0, (v) => s * v);
  const top = Math.max(Math.abs(lo), Math.abs(hi));
  const peaks: DqdvPeak[] = [];
  for (let i = 1; i < n - 1; i++) {
    if (!(y[i] > y[i - 1] && y[i] >= y[i + 1])) continue;
    if (range && (x[i] < range[0] || x[i] > range[1])) continue;
    let left = y[i];
    for (let j = i - 1; j >= 0 && y[j] <= y[i]; j--) if (y[j] < left) left = y[j];
    let right = y[i];
    for (let j = i + 1; j < n && y[j] <= y[i]; j++) {
      if (y[j] === y[i] && j === i + 1) continue;
      if (y[j] < right) right = y[j];
    }
    const prominence = y[i] - Math.max(left, right);
    if (prominence < minProminence * top) continue;
    const a = y[i - 1], b = y[i], c = y[i + 1];
    const den = a - 2 * b + c;
    const off = den < 0 ? Math.max(-0.5, Math.min(0.5, (0.5 * (a - c)) / den)) : 0;
    const dx = (x[i + 1] - x[i - 1]) / 2;
    peaks.push({ voltage: x[i] + off * dx, height: s * (b - 0.25 * (a - c) * off), prominence });
  }
  return peaks;
}
