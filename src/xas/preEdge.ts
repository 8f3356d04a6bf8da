/**
 * Pre-edge subtraction and normalisation of μ(E), with larch's default ranges and degree rules.
 * @module
 */
import { checkOptions } from "../util/checkOptions";
import type { Spectrum } from "../types/spectrum";
import { describe } from "../types/matrix";
import { checkFinite, checkMu, indexNearest, indexOf, roundHalfEven } from "./checkMu";
import { findE0 } from "./findE0";
import { polyfitWindow } from "./lstsq";

/** Options of {@link preEdge}. Energies relative to E0, in eV. Unset values get larch's defaults. */
export interface PreEdgeOptions {
  /** Edge energy in eV. Default: {@link findE0} (also when the value lies outside the 2nd…2nd-last energy, as larch). */
  e0?: number;
  /** Edge step to use instead of the fitted one. Default: post-edge − pre-edge at E0. */
  step?: number;
  /** Start of the pre-edge window (eV, relative to E0). Default 5·round((E[1] − E0)/5) (2 eV rounding when E0 is within the first 20 points). */
  pre1?: number;
  /** End of the pre-edge window. Default pre1/2. */
  pre2?: number;
  /** Pre-edge degree: 1 line (default), 0 constant (forced to 0 when the window holds fewer than 3 points). */
  npre?: 0 | 1;
  /** Victoreen exponent: the line is fitted to μ·E^nvict. Default 0. */
  nvict?: number;
  /** Start of the post-edge window. Default min(25, 5·round(norm2/15)). */
  norm1?: number;
  /** End of the post-edge window. Default 5·round((Emax − E0)/5); a negative value means Emax − E0 − |norm2|. */
  norm2?: number;
  /** Post-edge polynomial degree 0…5. Default 2 if norm2 − norm1 ≥ 300 eV, 1 if ≥ 30 eV, else 0 (lowered when the window holds < 5 / < 2 points). */
  nnorm?: number;
}

/** The parameters {@link preEdge} used (all energies relative to E0 except `e0`), as larch's `pre_edge_details`. */
export interface PreEdgeParams {
  /** E0 in eV. */
  e0: number;
  /** Edge step (units of μ). */
  edgeStep: number;
  pre1: number;
  pre2: number;
  norm1: number;
  norm2: number;
  npre: number;
  nnorm: number;
  nvict: number;
  /** Pre-edge line of μ·E^nvict: offset + slope·E (E in eV), as larch's pre_offset, pre_slope. */
  preOffset: number;
  preSlope: number;
  /** Post-edge polynomial of μ − pre-edge, coefficients of (E − E0)^j, j = 0…nnorm. */
  normCoefs: number[];
  /** Whether E0 was found ({@link findE0}) or given. */
  e0Found: boolean;
}

/** Result of {@link preEdge}: the spectra and the parameters used. */
export interface PreEdgeResult {
  /** The input μ(E). */
  mu: Spectrum;
  /** Pre-edge line on the full energy axis. */
  preEdge: Spectrum;
  /** Post-edge curve (pre-edge + polynomial) on the full axis. */
  postEdge: Spectrum;
  /** (μ − pre-edge)/step. */
  norm: Spectrum;
  /** Normalised and flattened: above E0 the post-edge curvature is removed (larch's `flat`). */
  flat: Spectrum;
  /** d(norm)/dE (numpy-style central differences), per eV. */
  dmude: Spectrum;
  /** E0 in eV. */
  e0: number;
  /** Edge step. */
  edgeStep: number;
  /** Every parameter used, with the defaults filled in. */
  params: PreEdgeParams;
}

const OPTIONS = ["e0", "step", "pre1", "pre2", "npre", "nvict", "norm1", "norm2", "nnorm"] as const;

/**
 * Pre-edge subtraction and normalisation as larch's `pre_edge` does it: a line through
 * μ·E^nvict over [E0+pre1, E0+pre2], a polynomial of degree nnorm through μ − pre-edge over
 * [E0+norm1, E0+norm2], edge step = the polynomial at the grid point nearest E0,
 * norm = (μ − pre)/step and flat = norm with the post-edge curvature removed above E0.
 * Polynomials are fitted by QR in a scaled variable (good to 1e-12 relative at 22 keV).
 * Defaults (larch's code, not Larix's GUI): pre1 = 5·round((E₁ − E0)/5), pre2 = pre1/2,
 * norm2 = 5·round((Emax − E0)/5), norm1 = min(25, 5·round(norm2/15)), nnorm from the window width.
 * To re-apply an Athena project's stored parameters pass {@link athenaPreEdgeOptions}(group.params).
 *
 * @param mu - μ(E) (energies strictly increasing, eV; at least 10 finite points).
 * @param options - {@link PreEdgeOptions}.
 * @returns {@link PreEdgeResult} with `norm`, `flat`, `preEdge`, `postEdge`, `dmude` as Spectra on μ's axis and the parameters used.
 * @throws RangeError for bad energies/values, an unknown option, or a window with no points.
 * @example
 * const n = preEdge(mu);                                  // larch defaults
 * const m = preEdge(mu, { pre1: -150, pre2: -30, norm1: 150, norm2: 800, nnorm: 2 });
 * n.e0; n.edgeStep; n.norm.values;
 */
export function preEdge(mu: Spectrum, options: PreEdgeOptions = {}): PreEdgeResult {
  const fn = "preEdge";
  checkOptions(fn, options, OPTIONS);
  const { energies: e, values: v } = checkMu(fn, "mu", mu, 10);
  const n = e.length;
  for (const k of OPTIONS) {
    const x = options[k];
    if (x !== undefined) checkFinite(fn, `option ${k}`, x);
  }
  if (options.npre !== undefined && options.npre !== 0 && options.npre !== 1) throw new RangeError(`${fn}: option npre must be 0 (constant) or 1 (line), got ${describe(options.npre)}`);
  if (options.nnorm !== undefined && !(Number.isInteger(options.nnorm) && options.nnorm >= 0 && options.nnorm <= 5)) throw new RangeError(`${fn}: option nnorm must be an integer degree 0…5, got ${describe(options.nnorm)}`);
  if (options.step !== undefined && !(options.step > 0)) throw new RangeError(`${fn}: option step must be > 0, got ${options.step}`);

  let e0 = options.e0;
  const e0Found = e0 === undefined || e0 < e[1] || e0 > e[n - 2];
  if (e0Found) e0 = findE0(mu);
  const E0 = e0 as number;
  const ie0 = indexNearest(e, E0);

  let pre1 = options.pre1 ?? (ie0 > 20 ? 5 * roundHalfEven((e[1] - E0) / 5) : 2 * roundHalfEven((e[1] - E0) / 2));
  pre1 = Math.max(pre1, e[0] - E0);
  let pre2 = options.pre2 ?? 0.5 * pre1;
  if (pre1 > pre2) [pre1, pre2] = [pre2, pre1];
  let npre: number = options.npre ?? 1;
  let nvict = options.nvict ?? 0;
  const rel = Float64Array.from(e, (x) => x - E0);
  if (indexOf(rel, pre2) - indexOf(rel, pre1) < 3) { npre = 0; nvict = 0; }

  const emaxRel = e[n - 1] - E0;
  let norm2 = options.norm2 ?? 5 * roundHalfEven(emaxRel / 5);
  if (norm2 < 0) norm2 = emaxRel - norm2; // larch's rule as written (max − e0 − norm2)
  norm2 = Math.min(norm2, emaxRel);
  let norm1 = options.norm1 ?? Math.min(25, 5 * roundHalfEven(norm2 / 15));
  if (norm1 > norm2) [norm1, norm2] = [norm2, norm1];
  norm1 = Math.min(norm1, norm2 - 2);
  let nnorm = options.nnorm ?? (norm2 - norm1 < 30 ? 0 : norm2 - norm1 < 300 ? 1 : 2);
  nnorm = Math.max(Math.min(nnorm, 5), 0);

  // pre-edge
  let p1 = indexOf(e, pre1 + E0);
  let p2 = indexNearest(e, pre2 + E0);
  const pre = new Float64Array(n);
  let preOffset: number, preSlope: number;
  if (npre === 0) {
    if (p2 === p1) p2 = p1 + 1;
    let s = 0;
    for (let i = p1; i < p2; i++) s += v[i];
    preOffset = s / (p2 - p1);
    preSlope = 0;
    pre.fill(preOffset);
  } else {
    if (p2 - p1 < 2) p2 = Math.min(n, p1 + 2);
    const omu = nvict === 0 ? v : Float64Array.from(v, (x, i) => x * e[i] ** nvict);
    const line = polyfitWindow(e, omu, p1, p2, 1, 0);
    [preOffset, preSlope] = [line.coefs[0], line.coefs[1] ?? 0];
    for (let i = 0; i < n; i++) pre[i] = line.at(e[i]) * (nvict === 0 ? 1 : e[i] ** -nvict);
  }

  // post-edge
  p1 = indexOf(e, norm1 + E0);
  p2 = indexNearest(e, norm2 + E0);
  if (p1 > n - 3) p1 = n - 3;
  if (p2 - p1 < 2) { p1 = p1 - 2; nnorm = 0; } else if (p2 - p1 < 5) nnorm = Math.min(1, nnorm);
  if (p2 - p1 < 1) throw new RangeError(`${fn}: the post-edge window [E0${fmt(norm1)}, E0${fmt(norm2)}] eV holds no points; give norm1/norm2 inside the scan (E0 = ${E0} eV, last energy ${e[n - 1]} eV)`);
  const presub = Float64Array.from(v, (x, i) => x - pre[i]);
  const poly = polyfitWindow(e, presub, p1, p2, nnorm, E0);
  const polyAt = Float64Array.from(e, (x) => poly.at(x));
  const post = Float64Array.from(polyAt, (p, i) => p + pre[i]);
  let step = options.step ?? polyAt[ie0];
  step = Math.max(1e-12 * Math.max(1, Math.abs(v[ie0])), Math.abs(step));
  if (options.step === undefined && !(Math.abs(polyAt[ie0]) > 0)) throw new RangeError(`${fn}: the edge step at E0 = ${E0} eV is 0; check the pre-/post-edge windows or pass { step }`);

  const norm = Float64Array.from(v, (x, i) => (x - pre[i]) / step);
  const flat = new Float64Array(n);
  for (let i = 0; i < n; i++) flat[i] = i < ie0 ? norm[i] : norm[i] - polyAt[i] / step + polyAt[ie0] / step;
  const dmude = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const a = Math.max(0, i - 1), b = Math.min(n - 1, i + 1);
    dmude[i] = (norm[b] - norm[a]) / (e[b] - e[a]);
  }
  const name = mu.name ?? "";
  const sp = (values: Float64Array, suffix: string, unit: string): Spectrum => ({ energies: e, values, name: name ? `${name} ${suffix}` : suffix, unit });
  const unit = mu.unit ?? "";
  return {
    mu, e0: E0, edgeStep: step,
    preEdge: sp(pre, "pre-edge", unit), postEdge: sp(post, "post-edge", unit),
    norm: { energies: e, values: norm, name, unit: "normalised μ" }, flat: { energies: e, values: flat, name, unit: "normalised μ" },
    dmude: sp(dmude, "dμ/dE", "1/eV"),
    params: { e0: E0, edgeStep: step, pre1, pre2, norm1, norm2, npre, nnorm, nvict, preOffset, preSlope, normCoefs: poly.coefs, e0Found },
  };
}

function fmt(x: number): string {
  return x < 0 ? ` − ${-x}` : ` + ${x}`;
}
