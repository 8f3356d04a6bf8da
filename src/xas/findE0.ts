/**
 * E0 from the maximum of the smoothed derivative, as larch's `find_e0` finds it.
 * @module
 */
import type { Spectrum } from "../types/spectrum";
import { checkMu } from "./checkMu";

/** numpy.gradient(mu)/numpy.gradient(e) on [i0, i1): central differences, one-sided at the ends. */
function derivative(e: Float64Array, mu: Float64Array, i0: number, i1: number): Float64Array {
  const n = i1 - i0;
  const d = new Float64Array(n);
  if (n < 2) return d;
  for (let i = 0; i < n; i++) {
    const a = Math.max(0, i - 1), b = Math.min(n - 1, i + 1);
    d[i] = (mu[i0 + b] - mu[i0 + a]) / (e[i0 + b] - e[i0 + a]);
  }
  return d;
}

/** Linear interpolation of (xs, ys) at x, constant beyond the ends (numpy.interp). */
function interp(xs: ArrayLike<number>, ys: ArrayLike<number>, x: number, hint: { i: number }): number {
  const n = xs.length;
  if (x <= xs[0]) return ys[0];
  if (x >= xs[n - 1]) return ys[n - 1];
  let i = Math.min(Math.max(hint.i, 0), n - 2);
  while (i > 0 && xs[i] > x) i--;
  while (i < n - 2 && xs[i + 1] <= x) i++;
  hint.i = i;
  const t = (x - xs[i]) / (xs[i + 1] - xs[i]);
  return ys[i] + t * (ys[i + 1] - ys[i]);
}

/**
 * @internal
 * Lorentzian smoothing of y(x) as larch's `smooth(x, y, sigma, xstep)`: y is put on a uniform grid
 * (step xstep, 5 steps of padding, mirrored ends), convolved with a normalised Lorentzian of
 * half-width sigma, and read back at x.
 */
function lorentzSmooth(x: ArrayLike<number>, y: ArrayLike<number>, sigma: number, xstep: number): Float64Array {
  const n = x.length;
  const npad = 5;
  const xmin = xstep * Math.trunc((x[0] - npad * xstep) / xstep);
  const xmax = xstep * Math.trunc((x[n - 1] + npad * xstep) / xstep);
  const npts = Math.min(1 + Math.trunc(Math.abs(xmax - xmin + xstep * 0.1) / xstep), 50 * n);
  const x0 = new Float64Array(npts);
  const y0 = new Float64Array(npts);
  const h = { i: 0 };
  for (let i = 0; i < npts; i++) {
    x0[i] = npts > 1 ? xmin + ((xmax - xmin) * i) / (npts - 1) : xmin;
    y0[i] = interp(x, y, x0[i], h);
  }
  const s = sigma / xstep;
  // window over wx = 0 … 2npts−1 centred at npts; only |wx − npts| < npts matters for 'valid'
  const win = new Float64Array(2 * npts);
  let wsum = 0;
  for (let j = 0; j < 2 * npts; j++) { const d = j - npts; win[j] = s / Math.PI / (d * d + s * s); wsum += win[j]; }
  // y1 = [y0[npts−1 … 1], y0, y0 reversed], length 3npts − 1
  const y1 = new Float64Array(3 * npts - 1);
  for (let i = 0; i < npts - 1; i++) y1[i] = y0[npts - 1 - i];
  y1.set(y0, npts - 1);
  for (let i = 0; i < npts; i++) y1[2 * npts - 1 + i] = y0[npts - 1 - i];
  const y2 = new Float64Array(npts);
  const L = 2 * npts;
  for (let i = 0; i < npts; i++) {
    let acc = 0;
    // np.convolve valid: out[i] = Σ_j win[j] · y1[i + L − 1 − j]
    for (let j = 0; j < L; j++) acc += win[j] * y1[i + L - 1 - j];
    y2[i] = acc / wsum;
  }
  const out = new Float64Array(n);
  h.i = 0;
  for (let i = 0; i < n; i++) out[i] = interp(x0, y2, x[i], h);
  return out;
}

/** Robust energy step: sorted steps, skip the smallest 1 %, mean of the next 10 (larch's find_energy_step). */
function energyStep(e: Float64Array): number {
  const n = e.length;
  const nskip = Math.trunc(0.01 * n);
  if (nskip === 0) return NaN; // larch: an empty slice, NaN, which the caller clips to 1 eV
  const d: number[] = [];
  for (let i = nskip; i < n - 1 - nskip - 1; i++) d.push(e[i + 1] - e[i]);
  d.sort((a, b) => a - b);
  const part = d.slice(nskip, nskip + 10);
  return part.reduce((a, b) => a + b, 0) / part.length;
}

const clip = (x: number): number => (Number.isNaN(x) ? 1 : Math.max(0.01, Math.min(1, x)));

/** One pass of the search on [i0, i1): returns the index (relative to i0). */
function pass(e: Float64Array, mu: Float64Array, i0: number, i1: number, smoothStep: number | null): number {
  const n = i1 - i0;
  let dmu = derivative(e, mu, i0, i1);
  if (smoothStep !== null) dmu = lorentzSmooth(e.subarray(i0, i1), dmu, smoothStep, smoothStep);
  const nmin = Math.max(3, Math.trunc(n * 0.02));
  for (let i = 0; i < n; i++) if (!Number.isFinite(dmu[i])) dmu[i] = -1;
  let lo = Infinity, hi = -Infinity;
  for (let i = nmin; i < n - nmin; i++) { lo = Math.min(lo, dmu[i]); hi = Math.max(hi, dmu[i]); }
  if (!(hi >= lo)) { lo = 0; hi = 1; }
  const ptp = Math.max(1e-10, hi - lo);
  for (let i = 0; i < n; i++) dmu[i] = (dmu[i] - lo) / ptp;
  let dhigh = n > 20 ? 0.6 : 0.3;
  const above = (t: number): Uint8Array => Uint8Array.from(dmu, (d) => (d > t ? 1 : 0));
  const count = (m: Uint8Array): number => m.reduce((a, b) => a + b, 0);
  let high = above(dhigh);
  if (count(high) < 3) {
    for (let r = 0; r < 2; r++) {
      if (count(high) > 3) break;
      dhigh *= 0.5;
      high = above(dhigh);
    }
  }
  if (count(high) < 3) high = Uint8Array.from(dmu, (d) => (Number.isFinite(d) ? 1 : 0));
  let imax = 0, dmax = 0;
  for (let i = 0; i < n; i++) {
    if (!high[i] || i < nmin || i > n - nmin) continue;
    if (dmu[i] > dmax && i + 1 < n && high[i + 1] && i - 1 >= 0 && high[i - 1]) { imax = i; dmax = dmu[i]; }
  }
  return imax;
}

/**
 * E0, the edge energy, as the point of largest dμ/dE — larch's `find_e0` algorithm:
 * a first pass on the raw derivative; then a second pass on ±75 points around it with the
 * derivative smoothed by a Lorentzian of width `estep` = ½·(clip(energy step, 0.01, 1) +
 * clip(E/25000, 0.01, 1)) eV (≈ 0.4–0.9 eV at 10–22 keV). In both passes the derivative is
 * scaled to [0, 1] and the chosen point must lie above 0.6 **with both neighbours above it too**,
 * so a single-point glitch is never taken. A first answer in the first 5 % of the points is
 * treated as a glitch (the search restarts from the scan's mean energy).
 *
 * @param mu - μ(E): energies in eV, strictly increasing, at least 10 points.
 * @returns E0 in eV (one of the measured energies, as larch).
 * @throws RangeError for non-increasing or duplicated energies, NaN values or too few points.
 * @example
 * const e0 = findE0(foil); // 8331.5 for the Ni foil of ni_metal_rt.xdi
 */
export function findE0(mu: Spectrum): number {
  const { energies: e, values: v } = checkMu("findE0", "mu", mu, 10);
  const n = e.length;
  const ie0 = pass(e, v, 0, n, null);
  let e1 = e[ie0];
  let istart = Math.max(3, ie0 - 75);
  let istop = Math.min(ie0 + 75, n - 3);
  if (ie0 < 0.05 * n) {
    e1 = e.reduce((a, b) => a + b, 0) / n;
    istart = Math.max(3, ie0 - 20);
    istop = n - 3;
  }
  const estep = 0.5 * (clip(energyStep(e)) + clip(e1 / 25000));
  const ix = pass(e, v, istart, istop, estep);
  return ix < 1 ? e[istart + 2] : e[istart + ix];
}
