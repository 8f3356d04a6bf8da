/**
 * A linear combination fit: data, fit and weighted components above, residual below.
 * @module
 */
import { checkArrayLike, checkLength, checkOptions, VL_SCHEMA } from "./util";

/** One weighted reference in {@link lcfSpec} (already multiplied by its weight). */
export interface LcfComponent {
  /** Legend name, e.g. "0.62 × oxidised". */
  name: string;
  /** Weighted reference values on the same energies, length nE. */
  values: ArrayLike<number>;
}

/** Options of {@link lcfSpec}. */
export interface LcfSpecOptions {
  /** Weighted components drawn dashed under the fit. @default [] */
  components?: readonly LcfComponent[];
  /** x-axis title. @default "Energy (eV)" */
  xLabel?: string;
  /** y-axis title of the top panel. @default "Intensity" */
  yLabel?: string;
  /** Chart title. @default "Linear combination fit" */
  title?: string;
  /** Size of the top panel in pixels (the residual panel is 1/3 as high). @default 420 × 240 */
  width?: number;
  height?: number;
}

const OPTIONS = ["components", "xLabel", "yLabel", "title", "width", "height"] as const;

/**
 * A vega-lite 5 figure of a linear combination fit (e.g. `LcfResult.fit` of end members on an
 * average spectrum): the data as points, the fit as a line and the weighted components dashed
 * in the top panel; the residual `data − fit` with a zero rule in a panel below (vconcat,
 * shared energy axis).
 *
 * @param energies - energies in eV, length nE.
 * @param data - the fitted spectrum, length nE.
 * @param fit - the model, length nE.
 * @param components - optional weighted components (overrides `options.components`).
 * @param options - {@link LcfSpecOptions}.
 * @returns a vega-lite spec object (`$schema` v5) with `vconcat: [fit panel, residual panel]`;
 *   fields `energy`, `value`, `series` ("data", "fit" or a component name) and `residual`.
 *   Points with a non-finite value are left out.
 * @throws RangeError naming the array whose length differs from `energies`.
 * @example
 * const r = lcf(avg, [reduced, oxidised]);
 * const spec = lcfSpec(energies, avg, r.fit, [
 *   { name: "reduced", values: reduced.map((v) => v * r.weights[0]) },
 *   { name: "oxidised", values: oxidised.map((v) => v * r.weights[1]) }]);
 */
export function lcfSpec(
  energies: ArrayLike<number>,
  data: ArrayLike<number>,
  fit: ArrayLike<number>,
  components?: readonly LcfComponent[],
  options: LcfSpecOptions = {},
): Record<string, unknown> {
  const fn = "lcfSpec";
  checkOptions(fn, options, OPTIONS);
  const e = checkArrayLike(fn, "energies", energies);
  const shape = `[nE=${e.length}] like energies`;
  checkLength(fn, "data", data, e.length, shape);
  checkLength(fn, "fit", fit, e.length, shape);
  const comps = components ?? options.components ?? [];
  if (!Array.isArray(comps)) throw new TypeError(`${fn}: components must be an array of {name, values}, got ${typeof comps}`);
  comps.forEach((c, i) => {
    if (!c || typeof c.name !== "string") throw new TypeError(`${fn}: components[${i}] must be {name: string, values}, got ${JSON.stringify(c)}`);
    checkLength(fn, `components[${i}] ("${c.name}")`, c.values, e.length, shape);
  });
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
  const width = options.width ?? 420;
  const height = options.height ?? 240;
  const x = (title: string | null) => ({ field: "energy", type: "quantitative", title, scale: { zero: false, nice: false } });
  const color = { field: "series", type: "nominal", title: "", scale: { domain: names }, sort: names };
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
      { data: { values: resid }, mark: { type: "line", color: "#555", point: { size: 10, color: "#555" } }, encoding: { x: x(options.xLabel ?? "Energy (eV)"), y: { field: "residual", type: "quantitative", title: "Residual" } } },
      { data: { values: [{ zero: 0 }] }, mark: { type: "rule", color: "#999", strokeDash: [2, 2] }, encoding: { y: { field: "zero", type: "quantitative" } } },
    ],
  };
  return {
    $schema: VL_SCHEMA,
    title: options.title ?? "Linear combination fit",
    vconcat: [top, bottom],
    resolve: { scale: { x: "shared" } },
  };
}
