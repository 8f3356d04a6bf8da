/**
 * Curvature and tilt from an elastic-line frame: the line's row in column bins, and a polynomial fit.
 * @module
 */
import { checkOptions } from "../util/checkOptions";
import { checkFrame, type CcdFrame } from "./ccdFrame";
import type { Curvature } from "./curvature";
import { fitPeak, solveSmall } from "./fitPeak";

/** Options of {@link fitCurvature}. */
export interface FitCurvatureOptions {
  /** Number of column bins. @default 16 */
  bins?: number;
  /** Polynomial degree (1 = tilt only, 2 = tilt + curvature). @default 2 */
  degree?: number;
  /** Rows `[r0, r1)` to search for the line. @default all rows */
  rows?: readonly [number, number];
  /** Half-width (rows) of the window fitted around the line's maximum in each bin. @default 8 */
  halfWidth?: number;
  /** Reference column. @default the middle column, (nCols − 1) / 2 */
  referenceColumn?: number;
  /** Bins whose residual exceeds this many robust σ (and 0.3 px) are left out and the fit repeated. @default 5 */
  rejectSigma?: number;
}

/** One column bin's line position. */
export interface CurvaturePoint {
  /** Bin centre (column). */
  readonly col: number;
  /** Fitted row of the line (Gaussian centre), and its standard error. */
  readonly row: number;
  readonly rowError: number;
  /** Fit residual of this point (rows). */
  readonly residual: number;
  /** False when the bin was left out (no peak, or an outlier). */
  readonly used: boolean;
}

/** What {@link fitCurvature} found. */
export interface CurvatureFit extends Curvature {
  /** Per bin: position, residual, whether used. */
  readonly points: readonly CurvaturePoint[];
  /** RMS of the residuals of the used bins (rows). */
  readonly residualRms: number;
  /** Degree fitted. */
  readonly degree: number;
  /** Largest |shift| over the columns (rows): how far correction moves pixels. */
  readonly maxShift: number;
}

/**
 * @internal Weighted least-squares polynomial `y = Σ a_k · x^k` (x already centred), solved on
 * x / h for conditioning and returned in powers of x.
 */
export function polyfit(x: readonly number[], y: readonly number[], degree: number, w?: readonly number[]): number[] {
  const n = degree + 1;
  let h = 0;
  for (const v of x) h = Math.max(h, Math.abs(v));
  h = h || 1;
  const A = new Float64Array(n * n), b = new Float64Array(n);
  for (let i = 0; i < x.length; i++) {
    const wi = w ? w[i] : 1;
    const pw = new Float64Array(n);
    pw[0] = 1;
    for (let k = 1; k < n; k++) pw[k] = pw[k - 1] * (x[i] / h);
    for (let a = 0; a < n; a++) { b[a] += wi * pw[a] * y[i]; for (let c = 0; c < n; c++) A[a * n + c] += wi * pw[a] * pw[c]; }
  }
  const s = solveSmall(A, b, n);
  if (!s) throw new RangeError(`polyfit: the ${x.length} points do not determine a degree-${degree} polynomial`);
  return Array.from(s, (v, k) => v / h ** k);
}

/**
 * Fit the curvature and tilt of the elastic line on one frame (an elastic-line or low-excitation
 * frame where the elastic line is the strongest feature). The columns are summed in `bins` equal
 * bins; in each bin the line's row is the centre of a Gaussian + linear background fitted ±
 * `halfWidth` rows around the bin profile's maximum; a polynomial of `degree` is fitted to row
 * against bin-centre column (weights 1/σ²), bins deviating by more than `rejectSigma` robust σ
 * are left out once and the fit repeated.
 *
 * @param frame - a dark-subtracted, cosmic-free frame, rows = emission.
 * @param options - {@link FitCurvatureOptions}.
 * @returns a {@link CurvatureFit} (a {@link Curvature} plus the points, residual RMS and largest shift).
 * @throws RangeError when fewer than `degree + 2` bins give a peak.
 * @example
 * const cf = fitCurvature(elastic, { bins: 16, degree: 2 });
 * cf.coefficients; // [row at the reference column, tilt px/col, curvature px/col²]
 */
export function fitCurvature(frame: CcdFrame, options: FitCurvatureOptions = {}): CurvatureFit {
  const fn = "fitCurvature";
  checkOptions(fn, options, ["bins", "degree", "rows", "halfWidth", "referenceColumn", "rejectSigma"]);
  checkFrame(fn, "frame", frame);
  const { data: d, nRows, nCols } = frame;
  const bins = options.bins ?? 16, degree = options.degree ?? 2, hw = options.halfWidth ?? 8;
  if (!Number.isInteger(bins) || bins < 2 || bins > nCols) throw new RangeError(`${fn}: option bins must be an integer in [2, ${nCols}], got ${bins}`);
  if (!Number.isInteger(degree) || degree < 1 || degree > 4) throw new RangeError(`${fn}: option degree must be 1 … 4, got ${degree}`);
  if (!Number.isInteger(hw) || hw < 2) throw new RangeError(`${fn}: option halfWidth must be an integer ≥ 2, got ${hw}`);
  const [r0, r1] = options.rows ?? [0, nRows];
  if (!Number.isInteger(r0) || !Number.isInteger(r1) || r0 < 0 || r1 > nRows || r1 - r0 < 5) throw new RangeError(`${fn}: option rows must be [r0, r1) inside [0, ${nRows}] with at least 5 rows, got [${r0}, ${r1}]`);
  const ref = options.referenceColumn ?? (nCols - 1) / 2;
  const rejectSigma = options.rejectSigma ?? 5;
  const raw: { col: number; row: number; err: number }[] = [];
  const prof = new Float64Array(nRows);
  for (let b = 0; b < bins; b++) {
    const c0 = Math.floor((b * nCols) / bins), c1 = Math.floor(((b + 1) * nCols) / bins);
    for (let r = r0; r < r1; r++) {
      let s = 0, k = 0;
      const o = r * nCols;
      for (let c = c0; c < c1; c++) { const v = d[o + c]; if (v === v) { s += v; k++; } }
      prof[r] = k > 0 ? (s * (c1 - c0)) / k : NaN;
    }
    let am = -1, best = -Infinity;
    for (let r = r0; r < r1; r++) if (prof[r] > best) { best = prof[r]; am = r; }
    const col = 0.5 * (c0 + c1 - 1);
    if (am < 0) { raw.push({ col, row: NaN, err: NaN }); continue; }
    const lo = Math.max(r0, am - hw), hi = Math.min(r1, am + hw + 1);
    const xs: number[] = [], ys: number[] = [];
    for (let r = lo; r < hi; r++) { xs.push(r); ys.push(prof[r]); }
    try {
      const p = fitPeak(xs, ys, { centre: am, fwhm: Math.max(2, hw / 2), fwhmRange: [1, 2 * hw] });
      const ok = p.amplitude > 0 && !p.atBound && Number.isFinite(p.centreError);
      raw.push({ col, row: ok ? p.centre : NaN, err: ok ? Math.max(p.centreError, 1e-3) : NaN });
    } catch {
      raw.push({ col, row: NaN, err: NaN });
    }
  }
  let use = raw.map((p) => Number.isFinite(p.row));
  const fit = (): number[] => {
    const xs: number[] = [], ys: number[] = [], ws: number[] = [];
    raw.forEach((p, i) => { if (use[i]) { xs.push(p.col - ref); ys.push(p.row); ws.push(1 / (p.err * p.err)); } });
    if (xs.length < degree + 2) throw new RangeError(`${fn}: only ${xs.length} of ${bins} column bins of ${frame.source} show a line; expected at least ${degree + 2} (is this an elastic-line frame? set rows to the line's region)`);
    return polyfit(xs, ys, degree, ws);
  };
  let a = fit();
  const resid = (): number[] => raw.map((p) => { let v = 0; for (let k = a.length - 1; k >= 0; k--) v = v * (p.col - ref) + a[k]; return p.row - v; });
  let res = resid();
  const used = res.filter((_, i) => use[i]).map(Math.abs).sort((x, y) => x - y);
  const sigma = 1.4826 * used[Math.floor((used.length - 1) / 2)];
  const cut = Math.max(rejectSigma * sigma, 0.3);
  const keep = use.map((u, i) => u && Math.abs(res[i]) <= cut);
  if (keep.filter(Boolean).length < use.filter(Boolean).length && keep.filter(Boolean).length >= degree + 2) {
    use = keep;
    a = fit();
    res = resid();
  }
  let ss = 0, nu = 0;
  res.forEach((r, i) => { if (use[i]) { ss += r * r; nu++; } });
  let maxShift = 0;
  for (let c = 0; c < nCols; c++) {
    let v = 0;
    for (let k = a.length - 1; k >= 1; k--) v = (v + a[k]) * (c - ref);
    maxShift = Math.max(maxShift, Math.abs(v));
  }
  return {
    coefficients: a,
    referenceColumn: ref,
    points: raw.map((p, i) => ({ col: p.col, row: p.row, rowError: p.err, residual: res[i], used: use[i] })),
    residualRms: Math.sqrt(ss / Math.max(nu, 1)),
    degree,
    maxShift,
  };
}

/**
 * Average several curvature fits of the same detector (e.g. on the elastic lines of several
 * frames): coefficients weighted by 1 / residualRms², the same reference column required.
 *
 * @param fits - fits from {@link fitCurvature}, same degree and reference column.
 * @returns a {@link CurvatureFit} with the averaged coefficients; `points` are the first fit's, `residualRms` the mean of the fits'.
 * @throws RangeError when the fits differ in degree or reference column.
 * @example
 * const cf = combineCurvatures([fitCurvature(f0), fitCurvature(f1), fitCurvature(f2)]);
 */
export function combineCurvatures(fits: readonly CurvatureFit[]): CurvatureFit {
  if (fits.length === 0) throw new RangeError("combineCurvatures: expected at least one fit");
  const { degree, referenceColumn } = fits[0];
  for (const f of fits) if (f.degree !== degree || f.referenceColumn !== referenceColumn) throw new RangeError(`combineCurvatures: fits of degree ${f.degree} about column ${f.referenceColumn} and of degree ${degree} about column ${referenceColumn} cannot be averaged`);
  const w = fits.map((f) => 1 / Math.max(f.residualRms, 1e-6) ** 2);
  const W = w.reduce((a, b) => a + b, 0);
  const coefficients = fits[0].coefficients.map((_, k) => fits.reduce((s, f, i) => s + w[i] * f.coefficients[k], 0) / W);
  return { ...fits[0], coefficients, residualRms: fits.reduce((s, f) => s + f.residualRms, 0) / fits.length, maxShift: Math.max(...fits.map((f) => f.maxShift)) };
}
