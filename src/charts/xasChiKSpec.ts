/**
 * k-weighted EXAFS χ(k) of several spectra.
 * @module
 */
import type { ChiK } from "../xas/kspace";
import type { ChartColors } from "./palette";
import { checkFinite, checkInt, checkOptions, checkRange } from "./util";
import { xasLinesSpec } from "./xasLines";

/** Options of {@link xasChiKSpec}. */
export interface XasChiKSpecOptions {
  /** k-weight n of kⁿχ(k). @default 2 */
  kweight?: number;
  /** Only k in [lo, hi] Å⁻¹. @default all */
  kRange?: [number, number];
  /** Vertical offset between successive curves. @default 0 */
  offset?: number;
  title?: string;
  colors?: ChartColors;
  width?: number;
  height?: number;
}

/**
 * A vega-lite chart of kⁿ·χ(k) (Å⁻ⁿ) for several χ(k) (e.g. {@link autobk} results), one colour each.
 *
 * @param chis - χ(k) with unique names (`ChiK.name`), k in Å⁻¹.
 * @param options - {@link XasChiKSpecOptions}.
 * @returns a vega-lite 5 spec (fields x = k, y = kⁿχ, raw, name).
 * @throws RangeError for repeated names or bad options.
 * @example
 * const spec = xasChiKSpec([bkPristine, bkCharged], { kweight: 2, kRange: [0, 14] });
 */
export function xasChiKSpec(chis: readonly ChiK[], options: XasChiKSpecOptions = {}): Record<string, unknown> {
  const fn = "xasChiKSpec";
  checkOptions(fn, options, ["kweight", "kRange", "offset", "title", "colors", "width", "height"]);
  if (!Array.isArray(chis) || chis.length === 0) throw new TypeError(`${fn}: chis must be a non-empty array of { k, chi, name }`);
  const kw = checkInt(fn, "option kweight", options.kweight ?? 2, 0, 4);
  const lines = chis.map((c, i) => ({ name: c.name || String(i + 1), x: c.k, y: Float64Array.from(c.chi, (v: number, j: number) => v * c.k[j] ** kw) }));
  return xasLinesSpec(fn, lines, {
    xLabel: "k (Å⁻¹)", yLabel: kw === 0 ? "χ(k)" : `k${kw === 1 ? "" : ["", "", "²", "³", "⁴"][kw]}χ(k) (Å⁻${kw === 1 ? "¹" : ["", "", "²", "³", "⁴"][kw]})`,
    xRange: options.kRange === undefined ? undefined : checkRange(fn, "option kRange", options.kRange),
    offset: checkFinite(fn, "option offset", options.offset ?? 0), title: options.title, colors: options.colors, width: options.width, height: options.height,
  });
}
