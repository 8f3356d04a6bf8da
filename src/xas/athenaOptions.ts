/**
 * Athena's stored processing parameters turned into edgeworks options, to re-apply them.
 * @module
 */
import type { AutobkOptions } from "./autobk";
import type { FtWindowType } from "./ftWindow";
import type { PreEdgeOptions } from "./preEdge";
import type { XftfOptions } from "./xftf";

/** The options {@link athenaOptions} derives from an Athena group's parameters. */
export interface AthenaOptions {
  /** bkg_e0, bkg_pre1/2, bkg_nor1/2, bkg_nnorm − 1 (Athena counts terms: 3 = quadratic), bkg_nvict; bkg_step when bkg_fixstep is set. */
  preEdge: PreEdgeOptions;
  /** bkg_rbkg, bkg_spl1/2 (k range), bkg_kw, bkg_dk, bkg_kwindow, bkg_clamp1/2 (None 0, Slight 3, Weak 6, Medium 12, Strong 24, Rigid 96), bkg_nclamp. */
  autobk: AutobkOptions;
  /** fft_kmin, fft_kmax, fft_dk, fft_kw (default bkg_kw, else 2), fft_kwindow (or fft_win). */
  xftf: XftfOptions;
  /** bkg_e0_fraction when stored (Athena's E0 at a fraction of the step). */
  e0Fraction?: number;
  /** bkg_eshift, eV (add to the energies). */
  eshift: number;
  /** Parameters found but not mapped (e.g. an unknown window name), one sentence each. */
  notes: string[];
}

const CLAMPS: Record<string, number> = { none: 0, slight: 3, weak: 6, medium: 12, strong: 24, rigid: 96 };
const WINDOWS: Record<string, FtWindowType> = { hanning: "hanning", "kaiser-bessel": "kaiser", kaiser: "kaiser", sine: "sine", parzen: "parzen", welch: "welch", gaussian: "gaussian" };

/**
 * Athena's stored background and FT parameters (the `@args` of a `.prj` group: pass the group from
 * `readAthena`, whose numeric parameters are in `params` and text ones such as windows and clamps
 * in `metadata`, or a plain object with keys like `bkg_e0`, `bkg_pre1`, `fft_kmin`, also grouped as
 * larch's `{ bkg: { e0 } }`) as options of {@link preEdge}, {@link autobk} and
 * {@link xftf}. Athena's bkg_nnorm counts polynomial terms, so 3 becomes degree 2 (larch's
 * `read_athena` passes 3 on as a cubic). Reading a project does not re-process; pass these explicitly.
 *
 * @param source - an Athena group (`readAthena(path).groups[i]`) or its stored parameters (numbers or numeric strings).
 * @returns {@link AthenaOptions}.
 * @example
 * const g = readAthena("MnO_bv.prj").groups[0];
 * const o = athenaOptions(g);
 * const n = preEdge(scanSpectrum(g, { mode: "mu" }), o.preEdge);
 */
export function athenaOptions(source: Readonly<Record<string, unknown>> | { params: Readonly<Record<string, unknown>>; metadata: Readonly<Record<string, unknown>> }): AthenaOptions {
  if (source === null || typeof source !== "object") throw new TypeError(`athenaOptions: give an Athena group (readAthena(…).groups[i]) or its stored parameters (bkg_e0, bkg_pre1, …), got ${source === null ? "null" : typeof source}`);
  // a group from readAthena: numeric parameters in params, text ones (windows, clamps) in metadata
  const params: Readonly<Record<string, unknown>> = "params" in source && "metadata" in source && typeof source.params === "object" && typeof source.metadata === "object"
    ? { ...(source.metadata as Record<string, unknown>), ...(source.params as Record<string, unknown>) }
    : (source as Readonly<Record<string, unknown>>);
  const notes: string[] = [];
  const get = (key: string): unknown => params[key] ?? (params as Record<string, Record<string, unknown>>)[key.split("_")[0]]?.[key.split("_").slice(1).join("_")];
  const num = (key: string): number | undefined => {
    const x = get(key);
    if (x === undefined || x === null || x === "") return undefined;
    const v = typeof x === "number" ? x : Number(x);
    if (!Number.isFinite(v)) { notes.push(`${key} = ${JSON.stringify(x)} is not a number; left at the default`); return undefined; }
    return v;
  };
  const set = <T extends object>(o: T, k: keyof T, v: number | undefined): void => { if (v !== undefined) (o as Record<string, unknown>)[k as string] = v; };
  const pre: PreEdgeOptions = {};
  set(pre, "e0", num("bkg_e0"));
  set(pre, "pre1", num("bkg_pre1"));
  set(pre, "pre2", num("bkg_pre2"));
  set(pre, "norm1", num("bkg_nor1"));
  set(pre, "norm2", num("bkg_nor2"));
  const nn = num("bkg_nnorm");
  if (nn !== undefined) pre.nnorm = Math.max(0, Math.min(5, Math.round(nn) - 1));
  set(pre, "nvict", num("bkg_nvict"));
  if ((num("bkg_fixstep") ?? 0) !== 0) set(pre, "step", num("bkg_step"));
  const bk: AutobkOptions = {};
  set(bk, "rbkg", num("bkg_rbkg"));
  set(bk, "kmin", num("bkg_spl1"));
  set(bk, "kmax", num("bkg_spl2"));
  set(bk, "kweight", num("bkg_kw"));
  set(bk, "dk", num("bkg_dk"));
  set(bk, "nclamp", num("bkg_nclamp"));
  for (const [key, opt] of [["bkg_clamp1", "clampLo"], ["bkg_clamp2", "clampHi"]] as const) {
    const x = get(key);
    if (x === undefined) continue;
    const v = typeof x === "number" ? x : CLAMPS[String(x).trim().toLowerCase()] ?? Number(x);
    if (Number.isFinite(v)) bk[opt] = v; else notes.push(`${key} = ${JSON.stringify(x)} is not a known clamp (None, Slight, Weak, Medium, Strong, Rigid or a number)`);
  }
  const win = (key: string): FtWindowType | undefined => {
    const x = get(key);
    if (x === undefined) return undefined;
    const w = WINDOWS[String(x).trim().toLowerCase()];
    if (!w) notes.push(`${key} = ${JSON.stringify(x)} is not a supported window; left at the default`);
    return w;
  };
  const bw = win("bkg_kwindow");
  if (bw) bk.window = bw;
  else if (get("bkg_win") !== undefined) notes.push(`bkg_win = ${JSON.stringify(get("bkg_win"))} is not applied to the background fit (larch's read_athena does not either; autobk uses its hanning window)`);
  const ft: XftfOptions = {};
  set(ft, "kmin", num("fft_kmin"));
  set(ft, "kmax", num("fft_kmax"));
  set(ft, "dk", num("fft_dk"));
  ft.kweight = num("fft_kw") ?? num("bkg_kw") ?? 2;
  const fw = get("fft_kwindow") !== undefined ? win("fft_kwindow") : win("fft_win");
  if (fw) ft.window = fw;
  const out: AthenaOptions = { preEdge: pre, autobk: bk, xftf: ft, eshift: num("bkg_eshift") ?? 0, notes };
  const fr = num("bkg_e0_fraction");
  if (fr !== undefined) out.e0Fraction = fr;
  if (pre.e0 !== undefined) bk.e0 = pre.e0;
  return out;
}
