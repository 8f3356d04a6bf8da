/**
 * Emission-energy calibration from the elastic line: where it sits on the detector at several
 * excitation energies (emission = excitation), and a straight-line fit.
 * @module
 */
import { checkOptions } from "../util/checkOptions";
import { fitPeak } from "./fitPeak";
import { makeRixsMap, checkMap, type RixsMap } from "./rixsMap";

/** Options of {@link calibrateEmission}. */
export interface CalibrateEmissionOptions {
  /** Excitation range `[lo, hi]` (eV) whose elastic lines are used. @default all rows */
  excitation?: readonly [number, number];
  /** Pixels `[lo, hi)` the elastic line may be in. @default all */
  pixels?: readonly [number, number];
  /** Half-width (pixels) of the Gaussian fit around the line. @default 6 */
  halfWidth?: number;
  /** Half-width (pixels) of the search around the line predicted by a first robust fit. @default 20 */
  searchHalfWidth?: number;
  /** Points deviating more than this many robust σ (and 0.02 eV) are left out and the fit repeated. @default 5 */
  rejectSigma?: number;
}

/** One elastic-line position. */
export interface ElasticPoint {
  /** Excitation energy (eV) = the line's emission energy. */
  readonly excitation: number;
  /** Fitted pixel (Gaussian centre) and its standard error. */
  readonly pixel: number;
  readonly pixelError: number;
  /** Calibrated energy minus excitation energy (eV). */
  readonly residual: number;
  /** False when left out (no line found, or an outlier). */
  readonly used: boolean;
}

/** A linear pixel → emission-energy calibration: `E = offset + dispersion · pixel`. */
export interface EmissionCalibration {
  /** eV per pixel (negative when the energy decreases along the rows). */
  readonly dispersion: number;
  /** Emission energy at pixel 0 (eV). */
  readonly offset: number;
  /** RMS of the residuals of the used points (eV). */
  readonly residualRms: number;
  /** Standard errors of dispersion and offset (eV/pixel, eV). */
  readonly dispersionError: number;
  readonly offsetError: number;
  /** The elastic-line positions. */
  readonly points: readonly ElasticPoint[];
}

/**
 * @internal Weighted least-squares line `y = a + b x` (weights w = 1/σ²); `cov` = unscaled
 * [var a, var b, cov ab].
 */
export function weightedLine(x: readonly number[], y: readonly number[], w: readonly number[]): { a: number; b: number; cov: [number, number, number] } {
  let sw0 = 0, sx = 0, sy = 0, sxx = 0, sxy = 0;
  for (let i = 0; i < x.length; i++) { sw0 += w[i]; sx += w[i] * x[i]; sy += w[i] * y[i]; sxx += w[i] * x[i] * x[i]; sxy += w[i] * x[i] * y[i]; }
  const det = sw0 * sxx - sx * sx;
  if (!(det > 0)) throw new RangeError("weightedLine: the points do not determine a line (all at one x?)");
  const b = (sw0 * sxy - sx * sy) / det;
  return { a: (sy - b * sx) / sw0, b, cov: [sxx / det, sw0 / det, -sx / det] };
}

function theilSen(x: number[], y: number[]): [number, number] {
  const slopes: number[] = [];
  for (let i = 0; i < x.length; i++) for (let j = i + 1; j < x.length; j++) if (x[j] !== x[i]) slopes.push((y[j] - y[i]) / (x[j] - x[i]));
  slopes.sort((a, b) => a - b);
  const b = slopes[Math.floor(slopes.length / 2)];
  const r = x.map((xi, i) => y[i] - b * xi).sort((p, q) => p - q);
  return [r[Math.floor(r.length / 2)], b];
}

/**
 * Calibrate the emission axis of a map in detector pixels from its elastic line. In each row
 * (excitation energy E) the elastic line is found — first the maximum of the row, a robust
 * (Theil–Sen) line of pixel against E, then, within `searchHalfWidth` of that line, a Gaussian +
 * linear background fitted ± `halfWidth` pixels — and `pixel = a + b · E` is fitted by least
 * squares (weights 1/σ²). Points off by more than `rejectSigma` robust σ are dropped once. The
 * calibration is the inverse: dispersion = 1/b eV/pixel, offset = −a/b eV.
 *
 * @param map - a map whose emission axis is detector pixels (from {@link stackRixsMap}).
 * @param options - {@link CalibrateEmissionOptions}.
 * @returns an {@link EmissionCalibration}.
 * @throws RangeError when fewer than 3 rows show an elastic line.
 * @example
 * const cal = calibrateEmission(pixelMap);
 * cal.dispersion; // eV / pixel, e.g. 0.0340
 */
export function calibrateEmission(map: RixsMap, options: CalibrateEmissionOptions = {}): EmissionCalibration {
  const fn = "calibrateEmission";
  checkOptions(fn, options, ["excitation", "pixels", "halfWidth", "searchHalfWidth", "rejectSigma"]);
  checkMap(fn, "map", map);
  const { excitation: ex, nCols } = map;
  const pix = map.emission;
  const [elo, ehi] = options.excitation ?? [-Infinity, Infinity];
  const [p0, p1] = options.pixels ?? [0, nCols];
  if (!Number.isInteger(p0) || !Number.isInteger(p1) || p0 < 0 || p1 > nCols || p1 - p0 < 5) throw new RangeError(`${fn}: option pixels must be [lo, hi) inside [0, ${nCols}] with at least 5 pixels, got [${p0}, ${p1}]`);
  const hw = options.halfWidth ?? 6, sw = options.searchHalfWidth ?? 20, rejectSigma = options.rejectSigma ?? 5;
  const rows: number[] = [];
  for (let i = 0; i < ex.length; i++) if (ex[i] >= elo && ex[i] <= ehi) rows.push(i);
  if (rows.length < 3) throw new RangeError(`${fn}: expected at least 3 excitation energies in [${elo}, ${ehi}] eV, got ${rows.length}`);
  const rowAt = (i: number): Float64Array => map.data.subarray(i * nCols, (i + 1) * nCols);
  const argmax = (r: Float64Array, lo: number, hi: number): number => {
    let am = -1, best = -Infinity;
    for (let j = Math.max(lo, p0); j < Math.min(hi, p1); j++) if (r[j] > best) { best = r[j]; am = j; }
    return am;
  };
  const first = rows.map((i) => argmax(rowAt(i), p0, p1));
  const okFirst = rows.map((_, k) => first[k] >= 0);
  const [ta, tb] = theilSen(rows.filter((_, k) => okFirst[k]).map((i) => ex[i]), first.filter((_, k) => okFirst[k]));
  const found = rows.map((i) => {
    const r = rowAt(i);
    const pred = Math.round(ta + tb * ex[i]);
    const am = argmax(r, pred - sw, pred + sw + 1);
    if (am < 0) return { pixel: NaN, err: NaN };
    const xs: number[] = [], ys: number[] = [];
    for (let j = Math.max(p0, am - hw); j < Math.min(p1, am + hw + 1); j++) { xs.push(pix[j]); ys.push(r[j]); }
    try {
      const p = fitPeak(xs, ys, { centre: pix[am], fwhm: Math.max(2, hw / 2), fwhmRange: [1, 2 * hw] });
      return p.amplitude > 0 && !p.atBound && Number.isFinite(p.centreError) ? { pixel: p.centre, err: Math.max(p.centreError, 1e-4) } : { pixel: NaN, err: NaN };
    } catch {
      return { pixel: NaN, err: NaN };
    }
  });
  let use = found.map((f) => Number.isFinite(f.pixel));
  let a = 0, b = 0, cov: [number, number, number] = [0, 0, 0];
  const fit = (): void => {
    const k = rows.map((_, j) => j).filter((j) => use[j]);
    if (k.length < 3) throw new RangeError(`${fn}: only ${k.length} of ${rows.length} rows of ${map.name || "the map"} show an elastic line; expected at least 3 (set pixels / excitation to where the line is)`);
    const l = weightedLine(k.map((j) => ex[rows[j]] - ex[rows[0]]), k.map((j) => found[j].pixel), k.map((j) => 1 / found[j].err ** 2));
    a = l.a; b = l.b; cov = l.cov;
  };
  fit();
  const residualsEv = (): number[] => rows.map((i, k) => (found[k].pixel - (a + b * (ex[i] - ex[rows[0]]))) / b);
  let res = residualsEv();
  const absr = res.filter((_, k) => use[k]).map(Math.abs).sort((p, q) => p - q);
  const cut = Math.max(rejectSigma * 1.4826 * absr[Math.floor((absr.length - 1) / 2)], 0.02);
  const keep = use.map((u, k) => u && Math.abs(res[k]) <= cut);
  if (keep.filter(Boolean).length < use.filter(Boolean).length && keep.filter(Boolean).length >= 3) { use = keep; fit(); res = residualsEv(); }
  let ss = 0, nu = 0, chi = 0;
  res.forEach((r, k) => { if (use[k]) { ss += r * r; nu++; chi += ((r * b) / found[k].err) ** 2; } });
  const scale = nu > 2 ? chi / (nu - 2) : 1;
  // pixel = a + b (E − E0)  ⇒  E = E0 − a/b + pixel / b
  const e0 = ex[rows[0]];
  const dispersion = 1 / b, offset = e0 - a / b;
  const varB = cov[1] * scale, varA = cov[0] * scale, covAB = cov[2] * scale;
  const dispersionError = Math.sqrt(varB) / (b * b);
  // offset = e0 − a/b: gradient (−1/b, a/b²)
  const offsetError = Math.sqrt(Math.max(varA / (b * b) + (a * a * varB) / b ** 4 - (2 * a * covAB) / b ** 3, 0));
  return {
    dispersion, offset, residualRms: Math.sqrt(ss / Math.max(nu, 1)), dispersionError, offsetError,
    points: rows.map((i, k) => ({ excitation: ex[i], pixel: found[k].pixel, pixelError: found[k].err, residual: res[k], used: use[k] })),
  };
}

/**
 * Put a pixel-axis map on the calibrated emission-energy axis `E = offset + dispersion · pixel`;
 * when the dispersion is negative the columns are reversed so that emission increases.
 *
 * @param map - a map with emission in detector pixels.
 * @param calibration - from {@link calibrateEmission}.
 * @returns a new map with emission in eV (same values, columns possibly reversed).
 * @example
 * const map = applyEmissionCalibration(pixelMap, calibrateEmission(pixelMap));
 */
export function applyEmissionCalibration(map: RixsMap, calibration: EmissionCalibration): RixsMap {
  const fn = "applyEmissionCalibration";
  checkMap(fn, "map", map);
  if (map.emissionUnit !== "pixel") throw new Error(`${fn}: map ${map.name} is already calibrated (emission in ${map.emissionUnit}); expected a map in detector pixels`);
  const { dispersion: d, offset: o } = calibration;
  if (!Number.isFinite(d) || d === 0 || !Number.isFinite(o)) throw new RangeError(`${fn}: calibration must have a finite non-zero dispersion and a finite offset, got ${d} eV/pixel, ${o} eV`);
  const n = map.nCols;
  const flip = d < 0;
  const emission = new Float64Array(n), data = new Float64Array(map.data.length);
  for (let j = 0; j < n; j++) emission[j] = o + d * map.emission[flip ? n - 1 - j : j];
  for (let i = 0; i < map.nRows; i++) for (let j = 0; j < n; j++) data[i * n + j] = map.data[i * n + (flip ? n - 1 - j : j)];
  return makeRixsMap(data, Float64Array.from(map.excitation), emission, "eV", map.unit, map.name);
}
