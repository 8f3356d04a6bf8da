/**
 * Several spectra on one energy axis: component spectra, end members, average spectra of a series.
 * @module
 */
import type { Spectra } from "../types/spectra";
import type { Spectrum } from "../types/spectrum";
import { checkColors, colorScale, type ChartColors } from "./palette";
import { legendWidth, NOTEBOOK_WIDTH, PADDING, Y_AXIS } from "./layout";
import { checkArrayLike, checkFinite, checkInt, checkLength, checkOptions, checkRange, num, VL_SCHEMA } from "./util";

/** Options of {@link spectraSpec}. */
export interface SpectraSpecOptions {
  /** x-axis title. @default "Energy (eV)" */
  xLabel?: string;
  /** y-axis title. @default "Intensity" (plus " (unit)" when the spectra have a unit, " (offset)" when `offset` ≠ 0) */
  yLabel?: string;
  /** Vertical offset between successive spectra (spectrum i is drawn at `y + i·offset`), in y units. @default 0 */
  offset?: number;
  /** Chart title. @default none */
  title?: string;
  /** Energies (eV) marked by dashed vertical rules, e.g. `[530.8]` for the oxidised-oxygen feature. @default [] */
  highlight?: ArrayLike<number>;
  /** Only the energies in `[lo, hi]` eV are drawn (e.g. the L₃ edge of an L₃/L₂ spectrum). @default all */
  energyRange?: [number, number];
  /** Colours by spectrum name (or a list in order). @default {@link PALETTE} by order, as every builder */
  colors?: ChartColors;
  /** Plot width in px. @default 420, less when the legend would push the figure past 900 px */
  width?: number;
  /** Plot height in px. @default 280 */
  height?: number;
}

const OPTIONS = ["xLabel", "yLabel", "offset", "title", "highlight", "energyRange", "colors", "width", "height"] as const;

interface Line {
  name: string;
  energies: ArrayLike<number>;
  values: ArrayLike<number>;
}

function isSpectrum(v: unknown): v is Spectrum {
  const s = v as Partial<Spectrum> | null;
  return s != null && typeof s === "object" && s.energies != null && s.values != null && typeof (s.energies as ArrayLike<number>).length === "number";
}

function isSpectra(v: unknown): v is Spectra {
  const s = v as Partial<Spectra> | null;
  return s != null && typeof s === "object" && s.data instanceof Float64Array && s.energies instanceof Float64Array && Array.isArray(s.names);
}

/**
 * A vega-lite 5 line chart of several spectra, one colour per name (legend in the given order,
 * colours from the {@link PALETTE} by order unless `colors` says otherwise, so `em.members` is
 * drawn in the same colours as the regions of `scoreScatterSpec(…, { regions: em })`),
 * optionally stacked with a vertical offset, with optional vertical rules at highlighted
 * energies. Names and energies come from the object.
 *
 * @param spectra - a {@link Spectra} set (`em.members`, `p.components`, `nm.H`, `fit.references`;
 *   rows × energies), one {@link Spectrum}, or an array of spectra (each on its own energies).
 *   Non-finite values are left out (gaps).
 * @param options - {@link SpectraSpecOptions}.
 * @returns a vega-lite spec object (`$schema` v5), data inline in long form with fields
 *   `energy` (eV), `value` (offset applied), `raw` (without offset) and `name`; rules on field `energy`.
 * @throws RangeError for a Spectra set whose sizes disagree, repeated names, or bad options.
 * @example
 * const spec = spectraSpec(em.members, { yLabel: "Normalised absorbance", highlight: [530.8], offset: 0.5 });
 * spectraSpec(p.components, { title: "first PCs" });
 */
export function spectraSpec(spectra: Spectra | Spectrum | readonly Spectrum[], options?: SpectraSpecOptions): Record<string, unknown>;
/**
 * The former form: energies, one array per spectrum and the names.
 * @deprecated pass a {@link Spectra} (e.g. `makeSpectra({ energies, values, names })`) or spectra instead.
 * @param energies - eV, length nE.
 * @param spectra - each of length nE.
 * @param names - one per spectrum, unique.
 * @param options - {@link SpectraSpecOptions}.
 * @returns a vega-lite spec object, as the main form.
 */
export function spectraSpec(energies: ArrayLike<number>, spectra: ReadonlyArray<ArrayLike<number>>, names: readonly string[], options?: SpectraSpecOptions): Record<string, unknown>;
export function spectraSpec(a: unknown, b?: unknown, c?: unknown, d?: unknown): Record<string, unknown> {
  const fn = "spectraSpec";
  let lines: Line[];
  let options: SpectraSpecOptions;
  let unit = "";
  if (Array.isArray(c) || (Array.isArray(b) && !isSpectrum(b[0]))) {
    // former form (energies, spectra[], names, options)
    const e = checkArrayLike(fn, "energies", a);
    const arr = b as ReadonlyArray<ArrayLike<number>>;
    const names = c as readonly string[];
    if (!Array.isArray(arr)) throw new TypeError(`${fn}: spectra must be an array of spectra, got ${typeof arr}`);
    if (!Array.isArray(names)) throw new TypeError(`${fn}: names must be an array of strings, got ${typeof names}`);
    if (names.length !== arr.length) throw new RangeError(`${fn}: names has ${names.length} entries but there are ${arr.length} spectra`);
    arr.forEach((s, i) => checkLength(fn, `spectra[${i}] ("${names[i]}")`, s, e.length, `[nE=${e.length}] like energies`));
    lines = arr.map((values, i) => ({ name: names[i], energies: e, values }));
    options = (d ?? {}) as SpectraSpecOptions;
  } else {
    options = (b ?? {}) as SpectraSpecOptions;
    if (isSpectra(a)) {
      if (a.energies.length !== a.nCols || a.names.length !== a.nRows || a.data.length !== a.nRows * a.nCols) {
        throw new RangeError(`${fn}: the Spectra set is inconsistent: ${a.nRows} × ${a.nCols} values, ${a.energies.length} energies, ${a.names.length} names`);
      }
      lines = a.names.map((name, i) => ({ name, energies: a.energies, values: a.data.subarray(i * a.nCols, (i + 1) * a.nCols) }));
      unit = a.unit ?? "";
    } else if (isSpectrum(a)) {
      lines = [{ name: a.name || "spectrum", energies: a.energies, values: a.values }];
      unit = a.unit ?? "";
    } else if (Array.isArray(a) && a.length > 0 && a.every(isSpectrum)) {
      lines = (a as Spectrum[]).map((s, i) => ({ name: s.name || String(i + 1), energies: s.energies, values: s.values }));
      unit = (a as Spectrum[])[0].unit ?? "";
    } else {
      throw new TypeError(`${fn}: expected Spectra (e.g. em.members), a Spectrum or an array of spectra, got ${a === null ? "null" : Array.isArray(a) ? `an array of length ${a.length}` : typeof a}`);
    }
    lines.forEach((l, i) => checkLength(fn, `spectra[${i}] ("${l.name}") values`, l.values, l.energies.length, `[nE=${l.energies.length}] like its energies`));
  }
  checkOptions(fn, options, OPTIONS);
  const names = lines.map((l) => l.name);
  if (new Set(names).size !== names.length) throw new RangeError(`${fn}: names must be unique, got ${JSON.stringify(names)}`);
  const offset = checkFinite(fn, "offset", options.offset ?? 0);
  const highlight = Array.from(checkArrayLike(fn, "highlight", options.highlight ?? []), (v, i) => checkFinite(fn, `highlight[${i}]`, v));
  const [lo, hi] = options.energyRange === undefined ? [-Infinity, Infinity] : checkRange(fn, "option energyRange", options.energyRange);
  const colors = checkColors(fn, options.colors);
  const values: Record<string, unknown>[] = [];
  lines.forEach((l, i) => {
    for (let j = 0; j < l.energies.length; j++) {
      const e = l.energies[j];
      const v = l.values[j];
      if (!Number.isFinite(v) || !Number.isFinite(e) || e < lo || e > hi) continue;
      values.push({ energy: e, value: v + i * offset, raw: v, name: l.name });
    }
  });
  const yDefault = `Intensity${unit ? ` (${unit})` : ""}${offset !== 0 ? " (offset)" : ""}`;
  const lineLayer = {
    data: { values },
    mark: { type: "line", strokeWidth: 1.5 },
    encoding: {
      x: { field: "energy", type: "quantitative", title: options.xLabel ?? "Energy (eV)", scale: { zero: false, nice: false } },
      y: { field: "value", type: "quantitative", title: options.yLabel ?? yDefault, scale: { zero: false } },
      color: { field: "name", type: "nominal", title: "", scale: colorScale(names, colors), sort: [...names] },
      tooltip: [
        { field: "name", type: "nominal" },
        { field: "energy", type: "quantitative", title: "Energy (eV)", format: ".2f" },
        { field: "raw", type: "quantitative", title: "Value", format: ".4g" },
      ],
    },
  };
  const layer: Record<string, unknown>[] = [lineLayer];
  if (highlight.length > 0) {
    layer.push({
      data: { values: highlight.map((h) => ({ energy: num(h), label: `${h} eV` })) },
      mark: { type: "rule", strokeDash: [4, 3], color: "#555" },
      encoding: { x: { field: "energy", type: "quantitative" }, tooltip: [{ field: "label", type: "nominal", title: "Highlight" }] },
    });
  }
  const fit = NOTEBOOK_WIDTH - Y_AXIS - legendWidth(names) - PADDING;
  const width = options.width === undefined ? Math.max(200, Math.min(420, fit)) : checkInt(fn, "option width", options.width, 10);
  return {
    $schema: VL_SCHEMA,
    ...(options.title ? { title: options.title } : {}),
    width,
    height: options.height === undefined ? 280 : checkInt(fn, "option height", options.height, 10),
    layer,
  };
}
