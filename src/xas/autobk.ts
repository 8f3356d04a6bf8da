/**
 * EXAFS background removal as larch's `autobk`: a cubic spline μ₀(k) whose knots follow rbkg,
 * chosen so that χ(R) below rbkg is as small as possible.
 * @module
 */
import { checkOptions } from "../util/checkOptions";
import type { Spectrum } from "../types/spectrum";
import { describe } from "../types/matrix";
import { checkFinite, checkMu, indexNearest, indexOf } from "./checkMu";
import { ftWindow, type FtWindowType } from "./ftWindow";
import { KTOE, type ChiK } from "./kspace";
import { lstsqQr } from "./lstsq";
import { preEdge, type PreEdgeOptions, type PreEdgeResult } from "./preEdge";
import { bsplineBasis, interpolationKnots, NotAKnot } from "./splines";

/** Options of {@link autobk} (larch's defaults). */
export interface AutobkOptions {
  /** R (Å) below which χ(R) is minimised; sets the number of knots. Default 1. */
  rbkg?: number;
  /** E0 (eV) where k = 0. Default: the normalisation's E0. */
  e0?: number;
  /** Edge step that χ is divided by. Default: the normalisation's. */
  edgeStep?: number;
  /** Number of spline knots (5…128). Default 1 + ⌊2·rbkg·(kmax − kmin)/π⌋. */
  nknots?: number;
  /** Spline range in k, Å⁻¹. Default 0 … the data's largest k. */
  kmin?: number;
  kmax?: number;
  /** k-weight of the FT in the fit. Default 1. */
  kweight?: number;
  /** Window taper of the FT in the fit. Default 0.1 Å⁻¹. */
  dk?: number;
  /** Window of the FT in the fit. Default "hanning". */
  window?: FtWindowType;
  /** FFT length and k step (Å⁻¹) of χ(k). Defaults 2048 and 0.05. */
  nfft?: number;
  kstep?: number;
  /** Number of χ(k) end points held near 0, and their weights at low and high k. Defaults 3, 0, 1. */
  nclamp?: number;
  clampLo?: number;
  clampHi?: number;
  /** Normalisation options when μ(E) is given raw. */
  preEdge?: PreEdgeOptions;
}

/** What {@link autobk} used, defaults filled in. */
export interface AutobkParams {
  e0: number;
  edgeStep: number;
  rbkg: number;
  kmin: number;
  kmax: number;
  kweight: number;
  dk: number;
  window: FtWindowType;
  nfft: number;
  kstep: number;
  nclamp: number;
  clampLo: number;
  clampHi: number;
  /** Number of knots (spline coefficients). */
  nknots: number;
  /** Number of χ(R) points below rbkg in the fit (larch's irbkg). */
  irbkg: number;
  /** Knot positions in k (Å⁻¹) and the fitted spline coefficients (of (μ − μ(E0))/step). */
  knotsK: Float64Array;
  coefs: Float64Array;
  /** Gauss–Newton iterations done. */
  iterations: number;
  /** Σ residual² at the solution (larch's chisqr of the background fit). */
  chisqr: number;
}

/** Result of {@link autobk}: χ(k) with the background and the normalisation. */
export interface AutobkResult extends ChiK {
  /** χ(k) on k = 0, kstep, … kmax (Å⁻¹). */
  readonly k: Float64Array;
  readonly chi: Float64Array;
  /** μ₀(E), the background, on μ's energy axis (μ itself below E0). */
  bkg: Spectrum;
  /** (μ − μ₀)/step on the energy axis. */
  chie: Spectrum;
  /** The normalisation used (E0 and edge step). */
  pre: PreEdgeResult;
  params: AutobkParams;
}

const OPTIONS = ["rbkg", "e0", "edgeStep", "nknots", "kmin", "kmax", "kweight", "dk", "window", "nfft", "kstep", "nclamp", "clampLo", "clampHi", "preEdge"] as const;
const trig = new Map<string, { cos: Float64Array; sin: Float64Array }>();

function trigTable(nk: number, ir: number, nfft: number): { cos: Float64Array; sin: Float64Array } {
  const key = `${nk}:${ir}:${nfft}`;
  let t = trig.get(key);
  if (!t) {
    const cos = new Float64Array(ir * nk), sin = new Float64Array(ir * nk);
    for (let m = 0; m < ir; m++) for (let n = 0; n < nk; n++) {
      const a = (2 * Math.PI * ((m * n) % nfft)) / nfft;
      cos[m * nk + n] = Math.cos(a);
      sin[m * nk + n] = -Math.sin(a);
    }
    t = { cos, sin };
    if (trig.size > 64) trig.clear();
    trig.set(key, t);
  }
  return t;
}

/**
 * The EXAFS background μ₀(E) and χ(k) as larch's `autobk`: a cubic B-spline in k with
 * nknots = 1 + ⌊2·rbkg·(kmax − kmin)/π⌋ (5…128) on FITPACK's interpolation knots through k-points
 * evenly spaced in [kmin, kmax]; its coefficients minimise the real and imaginary parts of
 * χ(R) (larch's FT of the windowed k^kweight·χ) at the irbkg = ⌊1 + (nknots − 1)·π/(2·rgrid·(kmax − kmin))⌋
 * grid points below rbkg, plus the clamp terms (the last nclamp χ values weighted
 * clampHi·(0.1 + 10·mean(residual²))). χ(k) is the not-a-knot interpolant of μ − μ₀ read at
 * k = 0, kstep, …, divided by the edge step. The residual is linear in the coefficients except
 * through the clamp scale, so it is solved by QR least squares and Gauss–Newton on that one
 * nonlinearity (converges in a few steps), where larch runs Levenberg–Marquardt with a numerical Jacobian.
 * The fit runs on (μ − μ(E0))/step, so χ does not depend on μ's scale or offset; larch fits raw μ,
 * which weights the clamps by the square of μ's scale (the same for steps near 1; on the Ni/Co foils
 * and the Athena groups k²χ agrees with larch's to < 1e-4 of its maximum).
 *
 * @param x - μ(E) (normalised here) or a {@link PreEdgeResult}.
 * @param options - {@link AutobkOptions}.
 * @returns {@link AutobkResult}: `k`, `chi` (not k-weighted), `bkg`, `chie` and the parameters used.
 * @throws RangeError for bad input, too few points above E0 for the spline, or an unknown option.
 * @example
 * const bk = autobk(mu, { rbkg: 1.0, kweight: 2 });
 * const ft = xftf(bk, { kmin: 3, kmax: 12, kweight: 2, window: "hanning", dk: 1 });
 */
export function autobk(x: Spectrum | PreEdgeResult, options: AutobkOptions = {}): AutobkResult {
  const fn = "autobk";
  checkOptions(fn, options, OPTIONS);
  const isPre = x !== null && typeof x === "object" && "norm" in x && "params" in x;
  const mu = isPre ? (x as PreEdgeResult).mu : checkMu(fn, "mu", x, 10);
  for (const key of OPTIONS) if (key !== "window" && key !== "preEdge" && options[key] !== undefined) checkFinite(fn, `option ${key}`, options[key]);
  let pre: PreEdgeResult;
  if (isPre) pre = x as PreEdgeResult;
  else pre = preEdge(mu, { ...(options.e0 !== undefined ? { e0: options.e0 } : {}), ...(options.preEdge ?? {}) });
  const e = mu.energies, v = mu.values;
  const n = e.length;
  let ek0 = options.e0 ?? pre.e0;
  if (ek0 < e[0] || ek0 > e[n - 1]) ek0 = pre.e0;
  const step = options.edgeStep ?? pre.edgeStep;
  if (!(step > 0)) throw new RangeError(`${fn}: option edgeStep must be > 0, got ${step}`);
  const kstep = options.kstep ?? 0.05;
  const nfft = options.nfft ?? 2048;
  if (!(Number.isInteger(nfft) && nfft >= 16)) throw new RangeError(`${fn}: option nfft must be an integer ≥ 16, got ${describe(nfft)}`);
  if (!(kstep > 0)) throw new RangeError(`${fn}: option kstep must be > 0, got ${kstep}`);
  const window = options.window ?? "hanning";
  const kweight = options.kweight ?? 1;
  const dk = options.dk ?? 0.1;
  const nclamp = Math.trunc(options.nclamp ?? 3);
  const clampLo = Math.abs(options.clampLo ?? 0), clampHi = Math.abs(options.clampHi ?? 1);
  const kmin = options.kmin ?? 0;
  const iek0 = indexOf(e, ek0);
  const rgrid = Math.PI / (kstep * nfft);
  const rbkg = Math.max(options.rbkg ?? 1, 2 * rgrid);
  const nraw = n - iek0;
  const kraw = new Float64Array(nraw);
  for (let i = 0; i < nraw; i++) { const d = e[iek0 + i] - ek0; kraw[i] = Math.sign(d) * Math.sqrt(Math.abs(d) / KTOE); }
  const kmaxData = kraw[nraw - 1];
  const kmax = options.kmax === undefined || options.kmax < 0 ? kmaxData : Math.max(0, Math.min(kmaxData, options.kmax));
  if (!(kmax - kmin > 1)) throw new RangeError(`${fn}: the spline range k = ${kmin} … ${kmax.toFixed(2)} Å⁻¹ is too short (the scan ends ${(e[n - 1] - ek0).toFixed(1)} eV above E0 = ${ek0} eV); expected kmax − kmin > 1 Å⁻¹`);
  const nout = Math.trunc(1.01 + kmax / kstep);
  const kout = Float64Array.from({ length: nout }, (_, i) => kstep * i);
  const iemax = Math.min(n, 2 + indexOf(e, ek0 + kmax * kmax * KTOE)) - 1;
  const win = ftWindow(kout, { xmin: kmin, xmax: kmax, dx: dk, dx2: dk, window });
  const ftwin = Float64Array.from(win, (w, i) => w * kout[i] ** kweight);
  let nspl = 1 + Math.trunc((2 * rbkg * (kmax - kmin)) / Math.PI);
  const irbkg = Math.trunc(1 + ((nspl - 1) * Math.PI) / (2 * rgrid * (kmax - kmin)));
  if (options.nknots !== undefined) nspl = Math.trunc(options.nknots);
  nspl = Math.max(5, Math.min(128, nspl));
  if (irbkg > nfft / 2) throw new RangeError(`${fn}: rbkg = ${rbkg} Å reaches beyond the R grid of nfft = ${nfft}`);
  const splK = new Float64Array(nspl), splY = new Float64Array(nspl);
  for (let i = 0; i < nspl; i++) {
    const q = kmin + (i * (kmax - kmin)) / (nspl - 1);
    const ik = indexNearest(kraw, q);
    const i1 = Math.min(nraw - 1, ik + 5), i2 = Math.max(0, ik - 5);
    splK[i] = kraw[ik];
    splY[i] = (2 * v[ik + iek0] + v[i1 + iek0] + v[i2 + iek0]) / 4;
    if (i > 0 && !(splK[i] > splK[i - 1])) throw new RangeError(`${fn}: ${nspl} knots between k = ${kmin} and ${kmax.toFixed(2)} Å⁻¹ fall on the same measured point (k = ${splK[i]}); the scan is too coarse for rbkg = ${rbkg} Å — lower rbkg or nknots`);
  }
  const t = interpolationKnots(splK);
  const nr = iemax - iek0 + 1;
  if (nr < Math.max(nspl + 2, 8)) throw new RangeError(`${fn}: only ${nr} points between E0 and kmax for ${nspl} knots; expected more`);
  const kr = kraw.subarray(0, nr);
  // the fit runs on (μ − μ(E0))/step: the result does not depend on μ's scale or offset (larch
  // fits raw μ, where the clamp weight 0.1 + 10·mean(out²) grows with the square of μ's scale)
  const off = v[iek0];
  const mur = Float64Array.from(v.subarray(iek0, iemax + 1), (m) => (m - off) / step);
  for (let i = 0; i < nspl; i++) splY[i] = (splY[i] - off) / step;
  // B: background basis at the measured k (nr × nspl, 4 non-zeros a row)
  const bidx = new Int32Array(nr), bval = new Float64Array(nr * 4), tmp = new Float64Array(4);
  for (let i = 0; i < nr; i++) { bidx[i] = bsplineBasis(t, nspl, kr[i], tmp); bval.set(tmp, 4 * i); }
  // initial coefficients: interpolate the knot values (splrep)
  const Bk = new Float64Array(nspl * nspl);
  for (let i = 0; i < nspl; i++) { const j0 = bsplineBasis(t, nspl, splK[i], tmp); for (let a = 0; a < 4; a++) if (j0 + a < nspl) Bk[i * nspl + j0 + a] = tmp[a]; }
  const c0 = lstsqQr(Bk, splY, nspl, nspl);
  // χ(kout) = S·μ − S·B·c: the interpolation operator on the measured k applied to μ and each basis column
  const S = new NotAKnot(Float64Array.from(kr), kout);
  const chiMu = S.apply(mur, new Float64Array(nout));
  const SB = new Float64Array(nspl * nout); // column j at j*nout
  const col = new Float64Array(nr), outCol = new Float64Array(nout);
  for (let j = 0; j < nspl; j++) {
    col.fill(0);
    for (let i = 0; i < nr; i++) { const off = j - bidx[i]; if (off >= 0 && off < 4) col[i] = bval[4 * i + off]; }
    S.apply(col, outCol);
    SB.set(outCol, j * nout);
  }
  // F: first irbkg points of (kstep/√π)·FFT(ftwin·χ), real and imaginary rows
  const { cos, sin } = trigTable(nout, irbkg, nfft);
  const sc = kstep / Math.sqrt(Math.PI);
  const M = 2 * irbkg;
  const A = new Float64Array(M * nspl); // residual u = b − A c
  const b = new Float64Array(M);
  const wchi = new Float64Array(nout);
  for (let q = 0; q <= nspl; q++) {
    const src = q < nspl ? SB.subarray(q * nout, (q + 1) * nout) : chiMu;
    for (let i = 0; i < nout; i++) wchi[i] = ftwin[i] * src[i];
    for (let m = 0; m < irbkg; m++) {
      let re = 0, im = 0;
      const off = m * nout;
      for (let i = 0; i < nout; i++) { re += cos[off + i] * wchi[i]; im += sin[off + i] * wchi[i]; }
      if (q < nspl) { A[2 * m * nspl + q] = sc * re; A[(2 * m + 1) * nspl + q] = sc * im; } else { b[2 * m] = sc * re; b[2 * m + 1] = sc * im; }
    }
  }
  // clamp rows: χ at the first and last nclamp kout points (value d − C c)
  const ncl = nclamp > 0 ? Math.min(nclamp, nout) : 0;
  const clampRows: { i: number; w: number }[] = [];
  for (let i = 0; i < ncl; i++) clampRows.push({ i, w: clampLo });
  for (let i = nout - ncl; i < nout; i++) clampRows.push({ i, w: clampHi });
  const nc = clampRows.length;
  const resid = (c: Float64Array): { u: Float64Array; vv: Float64Array; s: number; f: number } => {
    const u = new Float64Array(M);
    for (let r = 0; r < M; r++) { let s = b[r]; for (let j = 0; j < nspl; j++) s -= A[r * nspl + j] * c[j]; u[r] = s; }
    let uu = 0;
    for (let r = 0; r < M; r++) uu += u[r] * u[r];
    const s = 0.1 + (10 * uu) / M;
    const vv = new Float64Array(nc);
    for (let q = 0; q < nc; q++) { const { i, w } = clampRows[q]; let x2 = chiMu[i]; for (let j = 0; j < nspl; j++) x2 -= SB[j * nout + i] * c[j]; vv[q] = w * x2; }
    let f = uu;
    for (let q = 0; q < nc; q++) f += (s * vv[q]) ** 2;
    return { u, vv, s, f };
  };
  let c = c0;
  let cur = resid(c);
  let iterations = 0;
  const J = new Float64Array((M + nc) * nspl), r0 = new Float64Array(M + nc);
  for (let it = 0; it < 50; it++) {
    iterations = it + 1;
    // residual r = [u; s·v], u = b − A c, v = w(d − C c); J = [−A; −s·W C + v ∇sᵀ], ∇s = −(20/M) Aᵀu
    const grad = new Float64Array(nspl);
    for (let j = 0; j < nspl; j++) { let g = 0; for (let r = 0; r < M; r++) g += A[r * nspl + j] * cur.u[r]; grad[j] = (-20 / M) * g; }
    for (let r = 0; r < M; r++) { r0[r] = -cur.u[r]; for (let j = 0; j < nspl; j++) J[r * nspl + j] = -A[r * nspl + j]; }
    for (let q = 0; q < nc; q++) {
      const { i, w } = clampRows[q];
      r0[M + q] = -cur.s * cur.vv[q];
      for (let j = 0; j < nspl; j++) J[(M + q) * nspl + j] = -cur.s * w * SB[j * nout + i] + cur.vv[q] * grad[j];
    }
    const delta = lstsqQr(J, r0, M + nc, nspl);
    let lambda = 1;
    let next = cur, cn = c;
    for (let h = 0; h < 30; h++) {
      cn = Float64Array.from(c, (cj, j) => cj + lambda * delta[j]);
      next = resid(cn);
      if (next.f <= cur.f) break;
      lambda *= 0.5;
    }
    if (!(next.f <= cur.f)) break;
    let dn = 0, cnorm = 0;
    for (let j = 0; j < nspl; j++) { dn += (cn[j] - c[j]) ** 2; cnorm += cn[j] ** 2; }
    const df = cur.f - next.f;
    c = cn; cur = next;
    if (Math.sqrt(dn) <= 1e-10 * Math.sqrt(cnorm) || df <= 1e-14 * Math.max(cur.f, 1e-300)) break;
  }
  // outputs
  const bkgR = new Float64Array(nr);
  for (let i = 0; i < nr; i++) { let s = 0; for (let a = 0; a < 4; a++) { const j = bidx[i] + a; if (j < nspl) s += bval[4 * i + a] * c[j]; } bkgR[i] = s; }
  const diff = Float64Array.from(mur, (m, i) => m - bkgR[i]);
  const chi = S.apply(diff, new Float64Array(nout));
  const obkg = Float64Array.from(v);
  for (let i = 0; i < nr; i++) obkg[iek0 + i] = off + step * bkgR[i];
  const chie = Float64Array.from(v, (m, i) => (m - obkg[i]) / step);
  const name = mu.name ?? "";
  return {
    k: kout, chi, name,
    bkg: { energies: e, values: obkg, name: name ? `${name} background` : "background", unit: mu.unit ?? "" },
    chie: { energies: e, values: chie, name, unit: "χ(E)" },
    pre,
    params: { e0: ek0, edgeStep: step, rbkg, kmin, kmax, kweight, dk, window, nfft, kstep, nclamp, clampLo, clampHi, nknots: nspl, irbkg, knotsK: splK, coefs: c, iterations, chisqr: cur.f },
  };
}
