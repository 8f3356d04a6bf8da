/**
 * Scree plot of a PCA: explained and cumulative variance vs component number (Gent 2017 S15b, S18).
 * @module
 */
import { checkArrayLike, checkInt, checkOptions, VL_SCHEMA } from "./util";

/** Options of {@link screeSpec}. */
export interface ScreeSpecOptions {
  /** Number of components shown (the first `nShow`). @default 20 */
  nShow?: number;
  /** Draw the cumulative explained variance as a line on a second axis (0–100 %). @default true */
  cumulative?: boolean;
  /** Log scale for the per-component ratio (drawn as points, since bars need a zero). @default false */
  logScale?: boolean;
  /** Chart title. @default "Explained variance" */
  title?: string;
  /** Plot size in pixels. @default 360 × 240 */
  width?: number;
  height?: number;
}

const OPTIONS = ["nShow", "cumulative", "logScale", "title", "width", "height"] as const;

/**
 * A vega-lite 5 scree plot: the explained variance ratio of each component (bars, or points on
 * a log scale) and, on a right-hand axis, the cumulative ratio (line with points), both in %.
 *
 * @param explainedVarianceRatio - fraction of the total variance per component, descending,
 *   length ≥ 1 (e.g. `PcaResult.explainedVarianceRatio`). Non-finite entries are drawn as gaps.
 * @param options - {@link ScreeSpecOptions}.
 * @returns a vega-lite spec object (`$schema` v5) with the data inline; fields `component`
 *   (1-based), `ratio` and `cumulative` (fractions, formatted as %).
 * @throws RangeError for an empty ratio array or `nShow` < 1; Error for an unknown option.
 * @example
 * const spec = screeSpec(pcaResult.explainedVarianceRatio, { nShow: 20 });
 */
export function screeSpec(explainedVarianceRatio: ArrayLike<number>, options: ScreeSpecOptions = {}): Record<string, unknown> {
  const fn = "screeSpec";
  checkOptions(fn, options, OPTIONS);
  const r = checkArrayLike(fn, "explainedVarianceRatio", explainedVarianceRatio);
  if (r.length < 1) throw new RangeError(`${fn}: explainedVarianceRatio is empty; expected at least one component`);
  const nShow = Math.min(checkInt(fn, "nShow", options.nShow ?? 20, 1), r.length);
  const cumulative = options.cumulative ?? true;
  const logScale = options.logScale ?? false;
  const values: Record<string, number | null>[] = [];
  let cum = 0;
  for (let i = 0; i < nShow; i++) {
    const v = r[i];
    if (Number.isFinite(v)) cum += v;
    values.push({ component: i + 1, ratio: Number.isFinite(v) && (!logScale || v > 0) ? v : null, cumulative: cum });
  }
  const x = { field: "component", type: "ordinal", title: "Component", axis: { labelAngle: 0 } };
  const ratioLayer = {
    mark: logScale ? { type: "point", filled: true, size: 40 } : { type: "bar", color: "#4c78a8" },
    encoding: {
      x,
      y: {
        field: "ratio",
        type: "quantitative",
        title: "Explained variance",
        axis: { format: logScale ? ".1~%" : ".0%", titleColor: "#4c78a8" },
        scale: logScale ? { type: "log" } : { zero: true },
      },
      tooltip: [
        { field: "component", type: "ordinal", title: "Component" },
        { field: "ratio", type: "quantitative", title: "Explained", format: ".2%" },
        { field: "cumulative", type: "quantitative", title: "Cumulative", format: ".2%" },
      ],
    },
  };
  const cumLayer = {
    mark: { type: "line", color: "#e45756", point: { color: "#e45756" } },
    encoding: {
      x,
      y: { field: "cumulative", type: "quantitative", title: "Cumulative variance", scale: { domain: [0, 1] }, axis: { format: ".0%", titleColor: "#e45756" } },
    },
  };
  return {
    $schema: VL_SCHEMA,
    title: options.title ?? "Explained variance",
    width: options.width ?? 360,
    height: options.height ?? 240,
    data: { values },
    ...(cumulative ? { layer: [ratioLayer, cumLayer], resolve: { scale: { y: "independent" } } } : ratioLayer),
  };
}
