/**
 * One spectrum on its own energy axis, and reading it at any energy.
 * @module
 */
import { describe } from "./matrix";

/**
 * A spectrum: values on an energy axis (eV), with an optional name and unit.
 *
 * @example
 * const s: Spectrum = { energies: Float64Array.of(529, 530, 531), values: Float64Array.of(0.1, 0.8, 0.4), name: "reference", unit: "OD" };
 */
export interface Spectrum {
  /** Photon energies in eV, increasing, length n. */
  readonly energies: Float64Array;
  /** Values (OD, normalised absorbance, counts …), length n. */
  readonly values: Float64Array;
  /** Display name (default ""). */
  readonly name?: string;
  /** Unit of `values` (default "": unitless). */
  readonly unit?: string;
}

/** How to read between energy points. */
export type Interpolation = "linear" | "nearest" | "cubic";

/**
 * Make a {@link Spectrum}, copying the arrays to Float64Array and checking that the energies are
 * finite and strictly increasing and that both arrays have the same length.
 *
 * @throws RangeError naming the first offending index.
 * @example
 * const s = makeSpectrum([529, 530, 531], [0.1, 0.8, 0.4], { name: "LiCoO2", unit: "OD" });
 */
export function makeSpectrum(energies: ArrayLike<number>, values: ArrayLike<number>, options: { name?: string; unit?: string } = {}): Spectrum {
  const e = Float64Array.from(energies);
  const v = Float64Array.from(values);
  if (e.length !== v.length) throw new RangeError(`makeSpectrum${options.name ? ` ("${options.name}")` : ""}: energies have length ${e.length} but values ${v.length}; expected the same`);
  checkEnergyAxis("makeSpectrum", "energies", e);
  return { energies: e, values: v, name: options.name ?? "", unit: options.unit ?? "" };
}

/**
 * @internal
 * Check an energy axis: a Float64Array of finite, strictly increasing values (at least one).
 */
export function checkEnergyAxis(fn: string, name: string, e: unknown): Float64Array {
  if (!(e instanceof Float64Array)) throw new TypeError(`${fn}: ${name} must be a Float64Array of energies in eV, got ${describe(e)}`);
  if (e.length < 1) throw new RangeError(`${fn}: ${name} is empty; expected at least one energy`);
  for (let i = 0; i < e.length; i++) {
    if (!Number.isFinite(e[i])) throw new RangeError(`${fn}: ${name}[${i}] is ${e[i]}; expected finite energies in eV`);
    if (i > 0 && !(e[i] > e[i - 1])) throw new RangeError(`${fn}: ${name} must increase strictly; ${name}[${i - 1}] = ${e[i - 1]} eV, ${name}[${i}] = ${e[i]} eV`);
  }
  return e;
}

/** @internal Index i with energies[i] ≤ at < energies[i+1] (clamped to [0, n−2]); energies increasing. */
export function bracket(energies: Float64Array, at: number): number {
  const n = energies.length;
  if (n < 2 || at <= energies[0]) return 0;
  if (at >= energies[n - 1]) return n - 2;
  let lo = 0, hi = n - 1;
  while (hi - lo > 1) {
    const m = (lo + hi) >> 1;
    if (energies[m] <= at) lo = m;
    else hi = m;
  }
  return lo;
}

/**
 * @internal
 * Value of `values` (stride `stride`, offset `off`) at energy `at` on the axis `energies`.
 * Outside the axis: NaN. Cubic = local 4-point Lagrange (as the energy calibration uses).
 */
export function interpolateAt(energies: Float64Array, values: ArrayLike<number>, at: number, how: Interpolation, off = 0, stride = 1): number {
  const n = energies.length;
  const v = (i: number): number => values[off + i * stride];
  if (!(at >= energies[0] - 1e-9 * Math.max(1, Math.abs(energies[0])) && at <= energies[n - 1] + 1e-9 * Math.max(1, Math.abs(energies[n - 1])))) return NaN;
  if (n === 1) return v(0);
  const i = bracket(energies, at);
  const e0 = energies[i], e1 = energies[i + 1];
  if (how === "nearest") return at - e0 <= e1 - at ? v(i) : v(i + 1);
  if (how === "cubic" && n >= 4) {
    const j = Math.min(Math.max(i - 1, 0), n - 4);
    let s = 0;
    for (let a = 0; a < 4; a++) {
      let w = 1;
      for (let b = 0; b < 4; b++) if (b !== a) w *= (at - energies[j + b]) / (energies[j + a] - energies[j + b]);
      s += w * v(j + a);
    }
    return s;
  }
  const t = (at - e0) / (e1 - e0);
  return v(i) + t * (v(i + 1) - v(i));
}

/**
 * The value of a spectrum at an energy, interpolated (linear by default; `"nearest"` takes the
 * closest measured point; `"cubic"` a local 4-point cubic).
 *
 * @param s - the spectrum (energies increasing).
 * @param energy - in eV.
 * @param interpolation - default `"linear"`.
 * @returns the value; NaN outside the spectrum's energy range.
 * @example
 * valueAt(reference, 530.8); // OD at the oxidised-O pre-edge peak
 */
export function valueAt(s: Spectrum, energy: number, interpolation: Interpolation = "linear"): number {
  if (!Number.isFinite(energy)) throw new RangeError(`valueAt: energy must be a finite number in eV, got ${energy}`);
  checkInterpolation("valueAt", interpolation);
  return interpolateAt(s.energies, s.values, energy, interpolation);
}

/** @internal */
export function checkInterpolation(fn: string, how: unknown): Interpolation {
  if (how !== "linear" && how !== "nearest" && how !== "cubic") throw new RangeError(`${fn}: interpolation must be "linear", "nearest" or "cubic", got ${JSON.stringify(how)}`);
  return how;
}

/**
 * A spectrum resampled on another energy grid.
 *
 * @param s - the spectrum.
 * @param grid - energies in eV, increasing.
 * @param options - `interpolation` (default `"linear"`); `outside`: `"error"` (default) refuses grid
 *   points outside the spectrum's range, `"nan"` fills them with NaN.
 * @returns a new spectrum (same name and unit) on `grid`.
 * @throws RangeError when a grid point lies outside the spectrum and `outside` is `"error"`.
 * @example
 * const onTable = resample(reference, T.energies);
 */
export function resample(s: Spectrum, grid: ArrayLike<number>, options: { interpolation?: Interpolation; outside?: "error" | "nan" } = {}): Spectrum {
  const fn = "resample";
  for (const k of Object.keys(options)) if (k !== "interpolation" && k !== "outside") throw new Error(`${fn}: unknown option "${k}"; expected one of: interpolation, outside`);
  const how = checkInterpolation(fn, options.interpolation ?? "linear");
  const g = checkEnergyAxis(fn, "grid", Float64Array.from(grid));
  const out = new Float64Array(g.length);
  for (let i = 0; i < g.length; i++) {
    out[i] = interpolateAt(s.energies, s.values, g[i], how);
    if (Number.isNaN(out[i]) && options.outside !== "nan" && !(g[i] >= s.energies[0] && g[i] <= s.energies[s.energies.length - 1])) {
      throw new RangeError(`${fn}: grid point ${g[i]} eV is outside the spectrum${s.name ? ` "${s.name}"` : ""} (${s.energies[0]} … ${s.energies[s.energies.length - 1]} eV); pass { outside: "nan" } to fill with NaN`);
    }
  }
  return { energies: g, values: out, name: s.name ?? "", unit: s.unit ?? "" };
}
