/**
 * A linear combination fit: data, fit and weighted components above, residual below.
 * @module
 */
import type { LcfResult } from "../decompose/lcf";
import { checkColors, colorAt, type ChartColors } from "./palette";
import { legendWidth, NOTEBOOK_WIDTH, PADDING, Y_AXIS } from "./layout";
import { checkArrayLike, checkInt, checkLength, checkOptions, VL_SCHEMA } from "./util";

/** One weighted reference in {@link lcfSpec} (already multiplied by its weight). */
export interface LcfComponent {
  /** Legend name, e.g. "0.62 × oxidised". */
  name: string;
  /** Weighted reference values on the same energies, length nE. */
  values: ArrayLike<number>;
}

/** Options of {@link lcfSpec}. */
export interface LcfSpecOptions {
  /** Weighted components drawn dashed under the fit (former form only; from an LcfResult they are its weighted references). @default [] */
  components?: readonly LcfComponent[];
  /** Draw the weighted references of an LcfResult. @default true */
  showComponents?: boolean;
  /** Colours of the components by reference name (or a list in reference order). @default {@link PALETTE} by reference order, as `spectraSpec(fit.references)` */
  colors?: ChartColors;
  /** x-axis title. @default "Energy (eV)" */
  xLabel?: string;
  /** y-axis title of the top panel. @default "Intensity" */
  yLabel?: string;
  /** Chart title. @default "Linear combination fit" */
  title?: string;
  /**
   * Width of both panels in px. @default 420, less (down to 300) when the legend beside it would
   * push the figure past 900 px; with longer reference names the legend moves below the panels.
   */
  width?: number;
  /** Height of the top panel in px (the residual panel is 1/3 as high). @default 240 */
  height?: number;
}

const OPTIONS = ["components", "showComponents", "colors", "xLabel", "yLabel", "title", "width", "height"] as const;

/** Colours of the data points and the fit line: black and dark grey, apart from the palette of the references. */
const DATA_COLOR = "#111111";
const FIT_COLOR = "#666666";

function isLcf(v: unknown): v is LcfResult {
  return v != null && typeof v === "object" && (v as { kind?: unknown }).kind === "lcf";
}

function fmtWeight(w: number): string {
  return Number.isFinite(w) ? w.toFixed(2) : String(w);
}

/**
 * A vega-lite 5 figure of a linear combination fit (e.g. `LcfResult.fit` of end members on an
 * average spectrum): the data as points, the fit as a line and the weighted components dashed
 * in the top panel; the residual `data − fit` with a zero rule in a panel below (vconcat,
 * shared energy axis).
 *
 * From an {@link LcfResult} everything comes from the result: the data (`fit.spectrum`), the model
 * (`fit.fit`), each reference times its weight (legend "oxidised × 0.62", coloured by reference
 * order from the {@link PALETTE}, as the same members elsewhere), the residual and the R-factor
 * (subtitle). Data are black points, the fit a dark grey line.
 *
 * @param fit - an {@link LcfResult} (from `lcf(spectrum, references)`).
 * @param options - {@link LcfSpecOptions}.
 * @returns a vega-lite spec object (`$schema` v5) with `vconcat: [fit panel, residual panel]`;
 *   fields `energy` (eV), `value`, `series` ("data", "fit" or a component label) and `residual`.
 *   Points with a non-finite value are left out.
 * @throws TypeError when `fit` is not an LcfResult; RangeError for inconsistent lengths.
 * @example
 * const r = lcf(averageSpectrum, em.members, { sumToOne: true });
 * const spec = lcfSpec(r, { title: "LCF of 230 mAh/g" });
 */
export function lcfSpec(fit: LcfResult, options?: LcfSpecOptions): Record<string, unknown>;
/**
 * The former form: energies, data, fit and weighted components as arrays.
 * @deprecated pass the {@link LcfResult} instead.
 * @param energies - eV, length nE.
 * @param data - the fitted spectrum, length nE.
 * @param fit - the model, length nE.
 * @param components - optional weighted components (overrides `options.components`).
 * @param options - {@link LcfSpecOptions}.
 * @returns a vega-lite spec object, as the main form.
 */
export function lcfSpec(energies: ArrayLike<number>, data: ArrayLike<number>, fit: ArrayLike<number>, components?: readonly LcfComponent[], options?: LcfSpecOptions): Record<string, unknown>;
export function lcfSpec(a: unknown, b?: unknown, c?: unknown, d?: unknown, o?: unknown): Record<string, unknown> {
  const fn = "lcfSpec";
  let e: ArrayLike<number>;
  let data: ArrayLike<number>;
  let fit: ArrayLike<number>;
  let comps: readonly LcfComponent[];
  let options: LcfSpecOptions;
  let keys: string[];
  let subtitle = "";
  if (isLcf(a)) {
    options = (b ?? {}) as LcfSpecOptions;
    checkOptions(fn, options, OPTIONS);
    if (options.components !== undefined) throw new TypeError(`${fn}: option components is for the former array form; an LcfResult brings its own weighted references`);
    e = a.energies;
    data = a.spectrum.values;
    fit = a.fit;
    checkLength(fn, "fit.spectrum.values", data, e.length, `[nE=${e.length}] like fit.energies`);
    checkLength(fn, "fit.fit", fit, e.length, `[nE=${e.length}] like fit.energies`);
    const refs = a.references;
    keys = [...a.names];
    comps = options.showComponents === false ? [] : keys.map((name, i) => ({
      name: `${name} × ${fmtWeight(a.weights[i])}`,
      values: Float64Array.from(refs.data.subarray(i * refs.nCols, (i + 1) * refs.nCols), (v) => v * a.weights[i]),
    }));
    subtitle = `R-factor ${Number(a.rFactor.toPrecision(3))}${a.shift !== 0 ? `, shift ${a.shift.toFixed(2)} eV` : ""}`;
  } else {
    if (!(typeof a === "object" && a !== null && typeof (a as ArrayLike<number>).length === "number")) {
      throw new TypeError(`${fn}: expected an LcfResult (from lcf(spectrum, references)), got ${a === null ? "null" : typeof a}`);
    }
    options = (o ?? {}) as LcfSpecOptions;
    checkOptions(fn, options, OPTIONS);
    e = checkArrayLike(fn, "energies", a);
    const shape = `[nE=${e.length}] like energies`;
    data = checkLength(fn, "data", b, e.length, shape);
    fit = checkLength(fn, "fit", c, e.length, shape);
    comps = (d as readonly LcfComponent[] | undefined) ?? options.components ?? [];
    if (!Array.isArray(comps)) throw new TypeError(`${fn}: components must be an array of {name, values}, got ${typeof comps}`);
    comps.forEach((cp, i) => {
      if (!cp || typeof cp.name !== "string") throw new TypeError(`${fn}: components[${i}] must be {name: string, values}, got ${JSON.stringify(cp)}`);
      checkLength(fn, `components[${i}] ("${cp.name}")`, cp.values, e.length, shape);
    });
    keys = comps.map((cp) => cp.name);
  }
  const colors = checkColors(fn, options.colors);
  const main: Record<string, unknown>[] = [];
  const resid: Record<string, unknown>[] = [];
  for (let j = 0; j < e.length; j++) {
    if (!Number.isFinite(e[j])) continue;
    if (Number.isFinite(data[j])) main.push({ energy: e[j], value: data[j], series: "data" });
    if (Number.isFinite(fit[j])) main.push({ energy: e[j], value: fit[j], series: "fit" });
    if (Number.isFinite(data[j]) && Number.isFinite(fit[j])) resid.push({ energy: e[j], residual: data[j] - fit[j] });
    for (const c of comps) if (Number.isFinite(c.values[j])) main.push({ energy: e[j], value: c.values[j], series: c.name });
  }
  const names = ["data", "fit", ...comps.map((c) => c.name)];
  const range = [DATA_COLOR, FIT_COLOR, ...comps.map((_, i) => colorAt(keys, i, colors))];
  // The legend goes beside the panels while it fits the notebook column with a plot ≥ 300 px wide
  // (or the given width); else below them, one entry per line. Labels are never cut (labelLimit 0).
  const fitWidth = NOTEBOOK_WIDTH - Y_AXIS - legendWidth(names) - PADDING;
  const width = options.width === undefined ? (fitWidth >= 300 ? Math.min(420, fitWidth) : 420) : checkInt(fn, "option width", options.width, 10);
  const beside = width <= fitWidth;
  const height = options.height === undefined ? 240 : checkInt(fn, "option height", options.height, 10);
  const x = (title: string | null) => ({ field: "energy", type: "quantitative", title, scale: { zero: false, nice: false } });
  const legend = beside ? { labelLimit: 0 } : { labelLimit: 0, orient: "bottom", direction: "vertical", columns: 1 };
  const color = { field: "series", type: "nominal", title: "", scale: { domain: names, range }, sort: names, legend };
  const top = {
    width,
    height,
    data: { values: main },
    layer: [
      {
        transform: [{ filter: "datum.series !== 'data' && datum.series !== 'fit'" }],
        mark: { type: "line", strokeDash: [4, 3], strokeWidth: 1 },
        encoding: { x: x(null), y: { field: "value", type: "quantitative", title: options.yLabel ?? "Intensity", scale: { zero: false } }, color },
      },
      {
        transform: [{ filter: "datum.series === 'fit'" }],
        mark: { type: "line", strokeWidth: 2 },
        encoding: { x: x(null), y: { field: "value", type: "quantitative" }, color },
      },
      {
        transform: [{ filter: "datum.series === 'data'" }],
        mark: { type: "point", filled: true, size: 16 },
        encoding: { x: x(null), y: { field: "value", type: "quantitative" }, color },
      },
    ],
  };
  const bottom = {
    width,
    height: Math.max(40, Math.round(height / 3)),
    layer: [
      { data: { values: resid }, mark: { type: "line", color: "#555", point: { size: 10, color: "#555" } }, encoding: { x: x(options.xLabel ?? "Energy (eV)"), y: { field: "residual", type: "quantitative", title: "Residual", axis: { format: ".2~g" } } } },
      { data: { values: [{ zero: 0 }] }, mark: { type: "rule", color: "#999", strokeDash: [2, 2] }, encoding: { y: { field: "zero", type: "quantitative" } } },
    ],
  };
  return {
    $schema: VL_SCHEMA,
    title: subtitle ? { text: options.title ?? "Linear combination fit", subtitle } : options.title ?? "Linear combination fit",
    vconcat: [top, bottom],
    resolve: { scale: { x: "shared" } },
  };
}
