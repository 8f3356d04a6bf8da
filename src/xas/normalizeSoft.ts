/**
 * The common soft-XAS normalisation (TEY/FY at TM L edges and the O K edge): subtract the
 * pre-edge, scale by the post-edge (or the maximum).
 * @module
 */
import { checkOptions } from "../util/checkOptions";
import type { Spectrum } from "../types/spectrum";
import { checkMu } from "./checkMu";
import { polyfitWindow } from "./lstsq";

/** Options of {@link normalizeSoft}. */
export interface NormalizeSoftOptions {
  /** Pre-edge window [lo, hi] in eV (absolute energies). Required. */
  pre: [number, number];
  /** Post-edge window [lo, hi] in eV: its mean becomes 1 (with `scale: "post"`). Required for "post". */
  post?: [number, number];
  /** "line" (default): a straight line fitted over the pre window is subtracted; "constant": its mean. */
  background?: "line" | "constant";
  /** "post" (default): divide by the mean over `post`; "max": by the largest value after subtraction. */
  scale?: "post" | "max";
}

/** Result of {@link normalizeSoft}. */
export interface NormalizeSoftResult {
  /** The normalised spectrum (same energies, unit "normalised"). */
  norm: Spectrum;
  /** Background subtracted, on the same energies. */
  background: Spectrum;
  /** The divisor (units of the input). */
  scale: number;
  /** Points in the pre and post windows. */
  nPre: number;
  nPost: number;
}

/**
 * Soft-XAS normalisation as beamline scientists do it for TEY/FY scans already divided by I₀
 * (`scanSpectrum(scan, { mode: "tey" | "fluorescence" })`): subtract a line (or constant) fitted
 * over the pre-edge window, then divide by the mean of the post-edge window (or by the maximum),
 * so spectra of different electrodes, modes and probing depths can be overlaid.
 *
 * @param s - the spectrum (eV).
 * @param options - {@link NormalizeSoftOptions}: `pre` window (required), `post` window, background, scale.
 * @returns {@link NormalizeSoftResult}.
 * @throws RangeError for a window with fewer than 2 points, a missing post window, or an unknown option.
 * @example
 * const ni = normalizeSoft(tey, { pre: [845, 850], post: [880, 885] }).norm;
 */
export function normalizeSoft(s: Spectrum, options: NormalizeSoftOptions): NormalizeSoftResult {
  const fn = "normalizeSoft";
  checkOptions(fn, options, ["pre", "post", "background", "scale"]);
  if (options === undefined || options === null) throw new Error(`${fn}: options { pre: [lo, hi] } are required`);
  const { energies: e, values: v } = checkMu(fn, "s", s, 4);
  const win = (name: string, w: unknown): [number, number] => {
    if (!Array.isArray(w) || w.length !== 2 || !Number.isFinite(w[0]) || !Number.isFinite(w[1]) || !(w[1] > w[0])) throw new RangeError(`${fn}: option ${name} must be [lo, hi] in eV with lo < hi, got ${JSON.stringify(w)}`);
    return [w[0], w[1]];
  };
  const range = (w: [number, number]): [number, number] => {
    let i0 = 0;
    while (i0 < e.length && e[i0] < w[0]) i0++;
    let i1 = i0;
    while (i1 < e.length && e[i1] <= w[1]) i1++;
    return [i0, i1];
  };
  const pre = win("pre", options.pre);
  const [p0, p1] = range(pre);
  if (p1 - p0 < 2) throw new RangeError(`${fn}: the pre window ${pre[0]} … ${pre[1]} eV holds ${p1 - p0} points; expected at least 2 (the spectrum covers ${e[0]} … ${e[e.length - 1]} eV)`);
  const kind = options.background ?? "line";
  if (kind !== "line" && kind !== "constant") throw new RangeError(`${fn}: option background must be "line" or "constant", got ${JSON.stringify(kind)}`);
  const fit = polyfitWindow(e, v, p0, p1, kind === "line" ? 1 : 0, 0);
  const bg = Float64Array.from(e, (x) => fit.at(x));
  const sub = Float64Array.from(v, (x, i) => x - bg[i]);
  const how = options.scale ?? "post";
  let scale: number, nPost = 0;
  if (how === "post") {
    if (options.post === undefined) throw new RangeError(`${fn}: option post [lo, hi] is required with scale "post" (or pass scale: "max")`);
    const post = win("post", options.post);
    const [q0, q1] = range(post);
    nPost = q1 - q0;
    if (nPost < 2) throw new RangeError(`${fn}: the post window ${post[0]} … ${post[1]} eV holds ${nPost} points; expected at least 2`);
    scale = 0;
    for (let i = q0; i < q1; i++) scale += sub[i];
    scale /= nPost;
  } else if (how === "max") scale = Math.max(...sub);
  else throw new RangeError(`${fn}: option scale must be "post" or "max", got ${JSON.stringify(how)}`);
  if (!(Math.abs(scale) > 0)) throw new RangeError(`${fn}: the ${how === "post" ? "post-edge mean" : "maximum"} after subtracting the pre-edge is ${scale}; cannot normalise`);
  return {
    norm: { energies: e, values: Float64Array.from(sub, (x) => x / scale), name: s.name ?? "", unit: "normalised" },
    background: { energies: e, values: bg, name: s.name ? `${s.name} background` : "background", unit: s.unit ?? "" },
    scale, nPre: p1 - p0, nPost,
  };
}
