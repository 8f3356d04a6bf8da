/**
 * dQ/dV of every half-cycle of a cycler record, in mAh g⁻¹ V⁻¹.
 * @module
 */
import type { CyclerData } from "./cyclerData";
import { checkCycler, checkPositive, massOf } from "./checkCycler";
import { splitChecked } from "./splitHalfCycles";
import { incrementalCore } from "./incrementalCapacity";
import { checkOptions } from "../util/checkOptions";

/** dQ/dV of one half-cycle. */
export interface DqdvCurve {
  /** 0-based half-cycle position in the record. */
  index: number;
  cycle: number;
  kind: "charge" | "discharge";
  /** Voltage (grid midpoints, ascending), V. Shape (m). */
  voltage: Float64Array;
  /** Smoothed dQ/dV, mAh g⁻¹ V⁻¹ (mAh V⁻¹ without a mass); negative on discharge. Shape (m). */
  dqdv: Float64Array;
  /** Grid step used, V, and the Gaussian's σ in grid points. */
  step: number;
  sigma: number;
  /** `"mAh/g/V"` or `"mAh/V"`. */
  unit: "mAh/g/V" | "mAh/V";
}

/** Options of {@link dqdv}. */
export interface DqdvOptions {
  /** Active mass, mg. @default `data.metadata.activeMassMg` (the file's active mass) when present; without one the unit is mAh/V */
  mass?: number;
  /** Voltage grid step, V. @default 0.005 */
  resolution?: number;
  /** Smoothing width, V (Gaussian σ = max(1, ⌊fwhm/step⌋/2) points; 0 = none). @default 0.01 */
  fwhm?: number;
  /** Only these cycle numbers. @default all */
  cycles?: readonly number[];
  /** Rest tolerance, mA (see splitHalfCycles). */
  tolerance?: number;
  /** Cycle numbering (see splitHalfCycles). */
  cycleNumbers?: "cycler" | "alternation";
}

const OPTIONS = ["mass", "resolution", "fwhm", "cycles", "tolerance", "cycleNumbers"] as const;

/**
 * dQ/dV of every half-cycle, following cellpy's incremental capacity analysis (see
 * {@link incrementalCapacity}): the capacity of each half-cycle is the trapezoid integral of
 * the current from its start (mAh/g with the active mass); rows at rest (GITT relaxations) are
 * left out; then V(q) → uniform q grid → q(V) on a uniform voltage grid of step `resolution` →
 * differences → Gaussian smoothing of width `fwhm`. Positive on charge, negative on discharge,
 * as the papers plot it.
 *
 * @param data - a cycler record.
 * @param options - {@link DqdvOptions}.
 * @returns one {@link DqdvCurve} per half-cycle (with at least 3 points at current and a voltage span of 3 steps), in record order.
 * @throws RangeError for unsorted time, NaN, a mass ≤ 0, a resolution ≤ 0; Error for an unknown option.
 * @example
 * const curves = dqdv(data, { mass: 3.2, cycles: [1], resolution: 0.005, fwhm: 0.01 });
 * dqdvPeaks(curves[0]).map((p) => p.voltage); // e.g. [3.65, 3.75, 4.1]
 */
export function dqdv(data: CyclerData, options: DqdvOptions = {}): DqdvCurve[] {
  const fn = "dqdv";
  checkOptions(fn, options, OPTIONS);
  const d = checkCycler(fn, data);
  const mass = massOf(fn, d, options.mass);
  if (options.cycles !== undefined && (!Array.isArray(options.cycles) || options.cycles.some((c) => !Number.isInteger(c)))) {
    throw new RangeError(`${fn}: option cycles must be a list of integer cycle numbers, got ${JSON.stringify(options.cycles)}`);
  }
  const resolution = checkPositive(fn, "option resolution", options.resolution ?? 0.005, "V");
  const fwhm = checkPositive(fn, "option fwhm", options.fwhm ?? 0.01, "V", true);
  const split = splitChecked(fn, d, { tolerance: options.tolerance, cycles: options.cycleNumbers });
  const scale = mass === undefined ? 1 / 3600 : 1 / 3600 / (mass / 1000);
  const out: DqdvCurve[] = [];
  const { time, current, voltage } = d;
  const tol = split.tolerance;
  let longest = 0;
  for (const h of split.halfCycles) longest = Math.max(longest, h.end - h.start + 1);
  // one pair of buffers for every half-cycle (incrementalCore keeps no reference to them)
  const qBuf = new Float64Array(longest);
  const vBuf = new Float64Array(longest);
  for (const h of split.halfCycles) {
    if (options.cycles && !options.cycles.includes(h.cycle)) continue;
    // the sign applied once: (acc · sign) · scale = acc · (sign · scale) bit for bit; + 0 turns a −0 into 0 as before
    const signScale = h.kind === "charge" ? scale : -scale;
    const q = qBuf;
    const v = vBuf;
    let k = 0;
    let acc = 0;
    let prevQ = -Infinity;
    if (!(Math.abs(current[h.start]) <= tol)) { q[0] = 0; v[0] = voltage[h.start]; prevQ = 0; k = 1; }
    let tPrev = time[h.start];
    let iPrev = current[h.start];
    for (let i = h.start + 1; i <= h.end; i++) {
      const t = time[i];
      const c = current[i];
      acc += 0.5 * (t - tPrev) * (c + iPrev);
      tPrev = t;
      iPrev = c;
      const qi = acc * signScale + 0;
      if (Math.abs(c) <= tol || !(qi > prevQ)) continue;
      q[k] = qi;
      v[k] = voltage[i];
      prevQ = qi;
      k++;
    }
    if (k < 3) continue;
    let vmin = Infinity;
    let vmax = -Infinity;
    for (let i = 0; i < k; i++) { if (v[i] < vmin) vmin = v[i]; if (v[i] > vmax) vmax = v[i]; }
    if (Math.round((vmax - vmin) / resolution) < 3 || !(q[k - 1] > q[0])) continue;
    const ic = incrementalCore(q.subarray(0, k), v.subarray(0, k), resolution, fwhm);
    out.push({ index: h.index, cycle: h.cycle, kind: h.kind, voltage: ic.voltage, dqdv: ic.dqdv, step: ic.step, sigma: ic.sigma, unit: mass === undefined ? "mAh/V" : "mAh/g/V" });
  }
  return out;
}
