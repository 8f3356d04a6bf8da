/**
 * Several spectra on one energy axis: component spectra, end members, average spectra of a series.
 * @module
 */
import { checkArrayLike, checkFinite, checkLength, checkOptions, num, VL_SCHEMA } from "./util";

/** Options of {@link spectraSpec}. */
export interface SpectraSpecOptions {
  /** x-axis title. @default "Energy (eV)" */
  xLabel?: string;
  /** y-axis title. @default "Intensity" (with " (offset)" appended when `offset` ≠ 0) */
  yLabel?: string;
  /** Vertical offset between successive spectra (spectrum i is drawn at `y + i·offset`), in y units. @default 0 */
  offset?: number;
  /** Chart title. @default none */
  title?: string;
  /** Energies (eV) marked by dashed vertical rules, e.g. `[530.8]` for the oxidised-oxygen feature. @default [] */
  highlight?: ArrayLike<number>;
  /** Plot size in pixels. @default 420 × 280 */
  width?: number;
  height?: number;
}

const OPTIONS = ["xLabel", "yLabel", "offset", "title", "highlight", "width", "height"] as const;

/**
 * A vega-lite 5 line chart of several spectra sharing one energy axis, one colour per name
 * (legend in the given order), optionally stacked with a vertical offset, with optional
 * vertical rules at highlighted energies.
 *
 * @param energies - energies in eV, length nE.
 * @param spectra - the spectra, each of length nE (e.g. rows of `PcaResult.components` or NMF `H`).
 *   Non-finite values are left out (gaps).
 * @param names - one legend name per spectrum, unique, length `spectra.length`.
 * @param options - {@link SpectraSpecOptions}.
 * @returns a vega-lite spec object (`$schema` v5), data inline in long form with fields
 *   `energy`, `value` (offset applied), `raw` (without offset) and `name`; rules on field `energy`.
 * @throws RangeError naming the spectrum whose length differs from `energies`, or a names/spectra mismatch.
 * @example
 * const spec = spectraSpec(energies, [reduced, oxidised, carbon], ["reduced", "oxidised", "carbon/binder"],
 *   { yLabel: "Normalised absorbance", highlight: [530.8], offset: 0.5 });
 */
export function spectraSpec(
  energies: ArrayLike<number>,
  spectra: ReadonlyArray<ArrayLike<number>>,
  names: readonly string[],
  options: SpectraSpecOptions = {},
): Record<string, unknown> {
  const fn = "spectraSpec";
  checkOptions(fn, options, OPTIONS);
  const e = checkArrayLike(fn, "energies", energies);
  if (!Array.isArray(spectra)) throw new TypeError(`${fn}: spectra must be an array of spectra, got ${typeof spectra}`);
  if (!Array.isArray(names)) throw new TypeError(`${fn}: names must be an array of strings, got ${typeof names}`);
  if (names.length !== spectra.length) throw new RangeError(`${fn}: names has ${names.length} entries but there are ${spectra.length} spectra`);
  if (new Set(names).size !== names.length) throw new RangeError(`${fn}: names must be unique, got ${JSON.stringify(names)}`);
  spectra.forEach((s, i) => checkLength(fn, `spectra[${i}] ("${names[i]}")`, s, e.length, `[nE=${e.length}] like energies`));
  const offset = checkFinite(fn, "offset", options.offset ?? 0);
  const highlight = Array.from(checkArrayLike(fn, "highlight", options.highlight ?? []), (v, i) => checkFinite(fn, `highlight[${i}]`, v));
  const values: Record<string, unknown>[] = [];
  spectra.forEach((s, i) => {
    for (let j = 0; j < e.length; j++) {
      if (!Number.isFinite(s[j]) || !Number.isFinite(e[j])) continue;
      values.push({ energy: e[j], value: s[j] + i * offset, raw: s[j], name: names[i] });
    }
  });
  const lines = {
    data: { values },
    mark: { type: "line", strokeWidth: 1.5 },
    encoding: {
      x: { field: "energy", type: "quantitative", title: options.xLabel ?? "Energy (eV)", scale: { zero: false, nice: false } },
      y: { field: "value", type: "quantitative", title: options.yLabel ?? (offset !== 0 ? "Intensity (offset)" : "Intensity"), scale: { zero: false } },
      color: { field: "name", type: "nominal", title: "", scale: { domain: [...names] }, sort: [...names] },
      tooltip: [
        { field: "name", type: "nominal" },
        { field: "energy", type: "quantitative", title: "Energy (eV)", format: ".2f" },
        { field: "raw", type: "quantitative", title: "Value", format: ".4g" },
      ],
    },
  };
  const layer: Record<string, unknown>[] = [lines];
  if (highlight.length > 0) {
    layer.push({
      data: { values: highlight.map((h) => ({ energy: num(h), label: `${h} eV` })) },
      mark: { type: "rule", strokeDash: [4, 3], color: "#555" },
      encoding: { x: { field: "energy", type: "quantitative" }, tooltip: [{ field: "label", type: "nominal", title: "Highlight" }] },
    });
  }
  return {
    $schema: VL_SCHEMA,
    ...(options.title ? { title: options.title } : {}),
    width: options.width ?? 420,
    height: options.height ?? 280,
    layer,
  };
}
