/**
 * Forward XAFS Fourier transform χ(k) → χ(R), with larch's `xftf` conventions.
 * @module
 */
import FFT from "fft.js";
import { checkOptions } from "../util/checkOptions";
import { describe } from "../types/matrix";
import { checkFinite } from "./checkMu";
import { ftWindow, type FtWindowType } from "./ftWindow";
import type { ChiK } from "./kspace";

/** Options of {@link xftf} (larch's defaults). */
export interface XftfOptions {
  /** Window start, Å⁻¹. Default 0. */
  kmin?: number;
  /** Window end, Å⁻¹. Default 20. */
  kmax?: number;
  /** k-weight (integer). Default 2. */
  kweight?: number;
  /** Taper width (hanning/sine/parzen/welch, Å⁻¹) or Kaiser β. Default 1. */
  dk?: number;
  /** Taper width at kmax. Default dk. */
  dk2?: number;
  /** Default "kaiser" (larch's xftf default; Athena projects usually store "hanning"). */
  window?: FtWindowType;
  /** Largest R returned, Å. Default 10. */
  rmaxOut?: number;
  /** FFT length (power of 2). Default 2048. */
  nfft?: number;
  /** k grid step, Å⁻¹. Default 0.05. */
  kstep?: number;
}

/** Result of {@link xftf}: χ(R) and the k-space data it came from. */
export interface ChiR {
  /** R in Å: rstep·i, rstep = π/(kstep·nfft) ≈ 0.0307 Å. */
  r: Float64Array;
  /** |χ(R)| in Å^−(kweight+1). */
  mag: Float64Array;
  /** Re χ(R). */
  re: Float64Array;
  /** Im χ(R). */
  im: Float64Array;
  /** The uniform k grid (Å⁻¹) and the window on it. */
  k: Float64Array;
  window: Float64Array;
  /** k^kweight·χ(k) on that grid (before the window). */
  kchi: Float64Array;
  /** Options used, defaults filled in. */
  params: Required<Omit<XftfOptions, "dk2">> & { dk2: number };
}

const OPTIONS = ["kmin", "kmax", "kweight", "dk", "dk2", "window", "rmaxOut", "nfft", "kstep"] as const;
const ffts = new Map<number, FFT>();

/**
 * χ(R) = (kstep/√π)·Σₙ w(kₙ)·kₙ^kw·χ(kₙ)·e^(−2πi·n·m/nfft), m < nfft/2, exactly larch's `xftf`:
 * χ is linearly interpolated onto k = 0, kstep, … (up to max k), multiplied by k^kweight and the
 * window, zero-padded to nfft and transformed; R = m·π/(kstep·nfft). Magnitudes are comparable with
 * Athena/larch (the √π and kstep factors). No phase correction: peaks sit ~0.3–0.5 Å below the bond lengths.
 *
 * @param chi - {@link ChiK} (k in Å⁻¹, increasing).
 * @param options - {@link XftfOptions}.
 * @returns {@link ChiR}.
 * @throws Error for an unknown option, a non-power-of-2 nfft, or k not increasing.
 * @example
 * const ft = xftf(bk, { kmin: 3, kmax: 14, kweight: 2, dk: 1, window: "hanning" });
 * ft.r; ft.mag;
 */
export function xftf(chi: ChiK, options: XftfOptions = {}): ChiR {
  const fn = "xftf";
  checkOptions(fn, options, OPTIONS);
  if (chi === null || typeof chi !== "object" || !(chi.k instanceof Float64Array) || !(chi.chi instanceof Float64Array)) throw new TypeError(`${fn}: chi must be { k, chi } Float64Arrays (k in Å⁻¹), got ${describe(chi)}`);
  const { k, chi: c } = chi;
  if (k.length !== c.length || k.length < 2) throw new RangeError(`${fn}: chi.k and chi.chi must have the same length ≥ 2, got ${k.length} and ${c.length}`);
  for (let i = 0; i < k.length; i++) {
    if (!Number.isFinite(k[i]) || !Number.isFinite(c[i])) throw new RangeError(`${fn}: chi.k[${i}] = ${k[i]}, chi.chi[${i}] = ${c[i]}; expected finite values`);
    if (i > 0 && !(k[i] > k[i - 1])) throw new RangeError(`${fn}: chi.k must increase strictly; k[${i - 1}] = ${k[i - 1]}, k[${i}] = ${k[i]}`);
  }
  const kmin = checkFinite(fn, "option kmin", options.kmin ?? 0);
  const kmax = checkFinite(fn, "option kmax", options.kmax ?? 20);
  const kweight = checkFinite(fn, "option kweight", options.kweight ?? 2);
  const dk = checkFinite(fn, "option dk", options.dk ?? 1);
  const dk2 = checkFinite(fn, "option dk2", options.dk2 ?? dk);
  const rmaxOut = checkFinite(fn, "option rmaxOut", options.rmaxOut ?? 10);
  const nfft = options.nfft ?? 2048;
  const kstep = checkFinite(fn, "option kstep", options.kstep ?? 0.05);
  const window = options.window ?? "kaiser";
  if (!(Number.isInteger(nfft) && nfft >= 4 && (nfft & (nfft - 1)) === 0)) throw new RangeError(`${fn}: option nfft must be a power of 2 ≥ 4, got ${describe(nfft)}`);
  if (!(kstep > 0)) throw new RangeError(`${fn}: option kstep must be > 0 Å⁻¹, got ${kstep}`);
  if (!(kmax > kmin)) throw new RangeError(`${fn}: option kmax (${kmax}) must be > kmin (${kmin})`);
  const kw = Math.trunc(kweight);
  const kmaxData = k[k.length - 1];
  const npts = Math.trunc(1.01 + kmaxData / kstep);
  if (npts > nfft) throw new RangeError(`${fn}: k reaches ${kmaxData} Å⁻¹, ${npts} points at kstep ${kstep}; more than nfft = ${nfft}`);
  const nfull = Math.trunc(1.01 + Math.max(kmaxData, kmax + dk2) / kstep);
  const kg = Float64Array.from({ length: nfull }, (_, i) => kstep * i);
  const win = ftWindow(kg, { xmin: kmin, xmax: kmax, dx: dk, dx2: dk2, window }).subarray(0, npts);
  const kgrid = kg.subarray(0, npts);
  const kchi = new Float64Array(npts);
  let j = 0;
  for (let i = 0; i < npts; i++) {
    const x = kgrid[i];
    let v: number;
    if (x <= k[0]) v = c[0];
    else if (x >= kmaxData) v = c[c.length - 1];
    else {
      while (j < k.length - 2 && k[j + 1] <= x) j++;
      v = c[j] + ((x - k[j]) / (k[j + 1] - k[j])) * (c[j + 1] - c[j]);
    }
    kchi[i] = v * x ** kw;
  }
  let f = ffts.get(nfft);
  if (!f) { f = new FFT(nfft); ffts.set(nfft, f); }
  const input = new Float64Array(nfft);
  for (let i = 0; i < npts; i++) input[i] = kchi[i] * win[i];
  const out = f.createComplexArray() as number[];
  f.realTransform(out, input);
  const rstep = Math.PI / (kstep * nfft);
  const irmax = Math.trunc(Math.min(nfft / 2, 1.01 + rmaxOut / rstep));
  const scale = kstep / Math.sqrt(Math.PI);
  const r = new Float64Array(irmax), re = new Float64Array(irmax), im = new Float64Array(irmax), mag = new Float64Array(irmax);
  for (let m = 0; m < irmax; m++) {
    r[m] = rstep * m;
    re[m] = scale * out[2 * m];
    im[m] = scale * out[2 * m + 1];
    mag[m] = Math.hypot(re[m], im[m]);
  }
  return { r, mag, re, im, k: Float64Array.from(kgrid), window: Float64Array.from(win), kchi, params: { kmin, kmax, kweight: kw, dk, dk2, window, rmaxOut, nfft, kstep } };
}
