/**
 * |χ(R)| (or its real / imaginary part) of several EXAFS Fourier transforms, with shells marked.
 * @module
 */
import type { ChiR } from "../xas/xftf";
import type { ChartColors } from "./palette";
import { checkEnum, checkFinite, checkOptions } from "./util";
import { xasLinesSpec } from "./xasLines";

/** Options of {@link xasChiRSpec}. */
export interface XasChiRSpecOptions {
  /** Which part. @default "mag" */
  part?: "mag" | "re" | "im";
  /** Largest R drawn, Å. @default 6 */
  rmax?: number;
  /** R positions (Å) marked by labelled dashed rules, e.g. `[{ r: 1.4, label: "Ru–O" }]`. */
  shells?: readonly { r: number; label: string }[];
  /** Vertical offset between successive curves. @default 0 */
  offset?: number;
  title?: string;
  colors?: ChartColors;
  width?: number;
  height?: number;
}

/**
 * A vega-lite chart of χ(R) from {@link xftf} for several samples — |χ(R)| by default, the
 * "radial distribution" of Xu 2018 Fig. 6b (no phase correction: peaks sit below the bond lengths).
 *
 * @param items - `{ name, chir }` pairs (unique names; chir from xftf).
 * @param options - {@link XasChiRSpecOptions}.
 * @returns a vega-lite 5 spec (fields x = R in Å, y, raw, name).
 * @throws RangeError for repeated names or bad options.
 * @example
 * const spec = xasChiRSpec([{ name: "pristine", chir: ft1 }, { name: "4.8 V", chir: ft2 }], { shells: [{ r: 1.4, label: "Ru–O" }, { r: 2.3, label: "Ru–TM" }] });
 */
export function xasChiRSpec(items: readonly { name: string; chir: ChiR }[], options: XasChiRSpecOptions = {}): Record<string, unknown> {
  const fn = "xasChiRSpec";
  checkOptions(fn, options, ["part", "rmax", "shells", "offset", "title", "colors", "width", "height"]);
  if (!Array.isArray(items) || items.length === 0) throw new TypeError(`${fn}: items must be a non-empty array of { name, chir }`);
  const part = checkEnum(fn, "option part", options.part ?? "mag", ["mag", "re", "im"] as const);
  const rmax = checkFinite(fn, "option rmax", options.rmax ?? 6);
  const kw = items[0].chir.params.kweight;
  const lines = items.map(({ name, chir }, i) => {
    if (!chir || !(chir.r instanceof Float64Array)) throw new TypeError(`${fn}: items[${i}].chir must be an xftf result`);
    return { name, x: chir.r, y: chir[part] };
  });
  const what = part === "mag" ? "|χ(R)|" : part === "re" ? "Re χ(R)" : "Im χ(R)";
  return xasLinesSpec(fn, lines, {
    xLabel: "R (Å)", yLabel: `${what} (Å⁻${["¹", "²", "³", "⁴", "⁵"][kw] ?? String(kw + 1)})`, xRange: [0, rmax], xFormat: ".3f",
    offset: checkFinite(fn, "option offset", options.offset ?? 0), title: options.title, colors: options.colors, width: options.width, height: options.height,
    rules: (options.shells ?? []).map((s) => ({ x: checkFinite(fn, "shells[].r", s.r), label: String(s.label) })),
  });
}
