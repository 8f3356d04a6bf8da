/**
 * Background of a gas rate, fitted over a window before the onset and removed.
 * @module
 */
import { checkOptions } from "../util/checkOptions";

/** The result of {@link subtractBaseline}. */
export interface BaselineResult {
  /** rate − baseline, same unit as the input. Shape (n). */
  corrected: Float64Array;
  /** The baseline, a + b·t. Shape (n). */
  baseline: Float64Array;
  /** Intercept a and slope b (per s; 0 for "constant"). */
  intercept: number;
  slope: number;
  /** Standard deviation of the residuals inside the window (the noise level), same unit as the input. */
  sigma: number;
  /** Number of points in the window. */
  points: number;
  /** "constant" or "linear". */
  model: "constant" | "linear";
}

/** Options of {@link subtractBaseline}. */
export interface SubtractBaselineOptions {
  /** Time window [t0, t1] (s) where the rate is background only, e.g. the open-circuit rest before charging. */
  window: readonly [number, number];
  /** Constant (mean of the window) or linear (least squares in the window, extrapolated). @default "constant" */
  model?: "constant" | "linear";
}

/**
 * Remove the background of a gas rate: fit a constant (the mean) or a straight line (least
 * squares) to the points inside `window` — a stretch with no gas evolution, usually the rest
 * before the charge — and subtract it from every point. The residual standard deviation in the
 * window is the noise level used by {@link gasOnset}.
 *
 * @param time - s, shape (n).
 * @param rate - any unit, shape (n).
 * @param options - {@link SubtractBaselineOptions}.
 * @returns {@link BaselineResult}.
 * @throws RangeError for lengths that differ, a window with fewer than 3 points, an unknown model; Error for an unknown option.
 * @example
 * const b = subtractBaseline(gas.time, gas.rates.O2, { window: [0, 6 * 3600], model: "constant" });
 */
export function subtractBaseline(time: ArrayLike<number>, rate: ArrayLike<number>, options: SubtractBaselineOptions): BaselineResult {
  const fn = "subtractBaseline";
  checkOptions(fn, options, ["window", "model"]);
  const n = time.length;
  if (rate.length !== n) throw new RangeError(`${fn}: rate has ${rate.length} points, expected ${n} like time`);
  const w = options?.window;
  if (!Array.isArray(w) || w.length !== 2 || !(w[0] < w[1])) throw new RangeError(`${fn}: option window must be [t0, t1] in s with t0 < t1, got ${JSON.stringify(w)}`);
  const model = options.model ?? "constant";
  if (model !== "constant" && model !== "linear") throw new RangeError(`${fn}: option model must be "constant" or "linear", got ${JSON.stringify(model)}`);
  let m = 0, st = 0, sy = 0;
  for (let i = 0; i < n; i++) if (time[i] >= w[0] && time[i] <= w[1] && Number.isFinite(rate[i])) { m++; st += time[i]; sy += rate[i]; }
  if (m < 3) throw new RangeError(`${fn}: option window [${w[0]}, ${w[1]}] s holds ${m} points; expected at least 3`);
  const tm = st / m, ym = sy / m;
  let slope = 0;
  if (model === "linear") {
    let sxy = 0, sxx = 0;
    for (let i = 0; i < n; i++) if (time[i] >= w[0] && time[i] <= w[1] && Number.isFinite(rate[i])) { sxy += (time[i] - tm) * (rate[i] - ym); sxx += (time[i] - tm) ** 2; }
    slope = sxx > 0 ? sxy / sxx : 0;
  }
  const intercept = ym - slope * tm;
  const baseline = new Float64Array(n);
  const corrected = new Float64Array(n);
  let ss = 0;
  for (let i = 0; i < n; i++) {
    baseline[i] = intercept + slope * time[i];
    corrected[i] = rate[i] - baseline[i];
    if (time[i] >= w[0] && time[i] <= w[1] && Number.isFinite(rate[i])) ss += corrected[i] ** 2;
  }
  return { corrected, baseline, intercept, slope, sigma: Math.sqrt(ss / Math.max(1, m - (model === "linear" ? 2 : 1))), points: m, model };
}
