/**
 * Fourier-transform windows in k (or R), with larch's `ftwindow` conventions.
 * @module
 */
import { checkOptions } from "../util/checkOptions";
import { describe } from "../types/matrix";
import { besselI0 } from "./besselI0";
import { checkFinite } from "./checkMu";

/** Window shapes (larch's names): hanning (cos² tapers), kaiser (Kaiser–Bessel), sine, parzen (linear tapers), welch (quadratic), gaussian. */
export type FtWindowType = "hanning" | "kaiser" | "sine" | "parzen" | "welch" | "gaussian";

/** Options of {@link ftWindow}. */
export interface FtWindowOptions {
  /** Start of the window (Å⁻¹ or Å). Default min(x). */
  xmin?: number;
  /** End of the window. Default max(x). */
  xmax?: number;
  /** Taper width at xmin (hanning, parzen, welch, sine: full width centred on xmin); Kaiser's β; Gaussian σ. Default 1. */
  dx?: number;
  /** Taper width at xmax. Default dx. */
  dx2?: number;
  /** Default "hanning". */
  window?: FtWindowType;
}

/**
 * The window names {@link ftWindow} accepts.
 * @example
 * FT_WINDOWS.includes("kaiser"); // true
 */
export const FT_WINDOWS: readonly FtWindowType[] = ["hanning", "kaiser", "sine", "parzen", "welch", "gaussian"];

/**
 * A window on a uniform grid x, as larch's `ftwindow`: for hanning the window rises as
 * sin² from xmin − dx/2 to xmin + dx/2, is 1 in between, falls as cos² from xmax − dx2/2 to
 * xmax + dx2/2 (the tapers snapped to grid points); kaiser is (I₀(dx·√(1 − ((x − c)/w)²)) − 1)/(I₀(dx) − 1)
 * over [xmin − dx/2, xmax + dx2/2].
 *
 * @param x - uniform grid (e.g. k = 0, 0.05, … Å⁻¹), length n ≥ 2.
 * @param options - {@link FtWindowOptions}.
 * @returns the window, length n, values in [0, 1].
 * @throws Error for an unknown window or option.
 * @example
 * const w = ftWindow(k, { xmin: 3, xmax: 12, dx: 1, window: "hanning" });
 */
export function ftWindow(x: Float64Array, options: FtWindowOptions = {}): Float64Array {
  const fn = "ftWindow";
  checkOptions(fn, options, ["xmin", "xmax", "dx", "dx2", "window"]);
  const n = x.length;
  if (n < 2) throw new RangeError(`${fn}: x needs at least 2 points, got ${n}`);
  const nam = options.window ?? "hanning";
  if (!FT_WINDOWS.includes(nam)) throw new RangeError(`${fn}: option window must be one of ${FT_WINDOWS.join(", ")}; got ${describe(nam)}`);
  const dx1 = checkFinite(fn, "option dx", options.dx ?? 1);
  const dx2 = checkFinite(fn, "option dx2", options.dx2 ?? dx1);
  const xmin = checkFinite(fn, "option xmin", options.xmin ?? x[0]);
  const xmax = checkFinite(fn, "option xmax", options.xmax ?? x[n - 1]);
  let xstep = (x[n - 1] - x[0]) / (n - 1);
  if (!(xstep >= 0)) xstep = 1e-3;
  const xeps = 1e-4 * xstep;
  let x1 = Math.max(x[0], xmin - dx1 / 2);
  let x2 = xmin + dx1 / 2 + xeps;
  let x3 = xmax - dx2 / 2 - xeps;
  let x4 = Math.min(x[n - 1], xmax + dx2 / 2);
  const asint = (v: number): number => Math.trunc((v + xeps) / xstep);
  let i1 = Math.max(0, asint(x1));
  const i2 = Math.max(0, asint(x2));
  let i3 = Math.min(n - 1, asint(x3));
  const i4 = Math.min(n - 1, asint(x4));
  if (i2 === i1) i1 = Math.max(0, i2 - 1);
  if (i4 === i3) i3 = Math.max(i2, i4 - 1);
  x1 = x[i1]; x2 = x[i2]; x3 = x[i3]; x4 = x[i4];
  if (x1 === x2) x2 += xeps;
  if (x3 === x4) x4 += xeps;
  const w = new Float64Array(n);
  for (let i = i2; i < i3; i++) w[i] = 1;
  const { PI: pi, sin, cos } = Math;
  if (nam === "hanning") {
    for (let i = i1; i <= i2; i++) w[i] = sin(((pi / 2) * (x[i] - x1)) / (x2 - x1)) ** 2;
    for (let i = i3; i <= i4; i++) w[i] = cos(((pi / 2) * (x[i] - x3)) / (x4 - x3)) ** 2;
  } else if (nam === "parzen") {
    for (let i = i1; i <= i2; i++) w[i] = (x[i] - x1) / (x2 - x1);
    for (let i = i3; i <= i4; i++) w[i] = 1 - (x[i] - x3) / (x4 - x3);
  } else if (nam === "welch") {
    for (let i = i1; i <= i2; i++) w[i] = 1 - ((x[i] - x2) / (x2 - x1)) ** 2;
    for (let i = i3; i <= i4; i++) w[i] = 1 - ((x[i] - x3) / (x4 - x3)) ** 2;
  } else if (nam === "kaiser") {
    const cen = (x4 + x1) / 2, wid = (x4 - x1) / 2;
    const scale = Math.max(1e-10, besselI0(dx1) - 1);
    for (let i = 0; i < n; i++) {
      const arg = Math.max(0, 1 - (x[i] - cen) ** 2 / (wid * wid));
      w[i] = (besselI0(dx1 * Math.sqrt(arg)) - 1) / scale;
    }
  } else if (nam === "sine") {
    for (let i = i1; i <= i4; i++) w[i] = sin((pi * (x4 - x[i])) / (x4 - x1));
  } else {
    const cen = (x4 + x1) / 2, s = Math.max(dx1, xeps);
    for (let i = 0; i < n; i++) w[i] = Math.exp(-((x[i] - cen) ** 2) / (2 * s * s));
  }
  return w;
}
