/**
 * Scree plot of a PCA: explained and cumulative variance vs component number (Gent 2017 S15b, S18).
 * @module
 */
import type { PcaResult } from "../decompose/pca";
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
  /**
   * Mark this number of components (a dashed rule at that component and "suggested: n" in the
   * subtitle); `false` draws no mark. @default `p.suggestion.nComponents` for a PcaResult, none for an array
   */
  suggested?: number | false;
  /** Plot size in pixels (the figure with both axes is ≈ width + 150 px wide). @default 360 × 240 */
  width?: number;
  height?: number;
}

const OPTIONS = ["nShow", "cumulative", "logScale", "title", "suggested", "width", "height"] as const;

function isPca(v: unknown): v is PcaResult {
  return v != null && typeof v === "object" && (v as { kind?: unknown }).kind === "pca";
}

/**
 * A vega-lite 5 scree plot: the explained variance ratio of each component (bars, or points on
 * a log scale) and, on a right-hand axis, the cumulative ratio (line with points), both in %.
 *
 * From a {@link PcaResult} the ratio is `p.explainedVarianceRatio` and the suggested number of
 * components (`p.suggestion.nComponents`, elbow and Malinowski's IND) is marked by a dashed rule
 * and named in the subtitle.
 *
 * @param p - a {@link PcaResult}, or the fraction of the total variance per component,
 *   descending, length ≥ 1. Non-finite entries are drawn as gaps.
 * @param options - {@link ScreeSpecOptions}.
 * @returns a vega-lite spec object (`$schema` v5) with the data inline; fields `component`
 *   (1-based), `ratio` and `cumulative` (fractions, formatted as %); the mark layer has field `suggested`.
 * @throws RangeError for an empty ratio array, `nShow` < 1 or a bad `suggested`; Error for an unknown option.
 * @example
 * const spec = screeSpec(pca(T, { k: 10 }), { nShow: 20 });
 * screeSpec([0.6, 0.2, 0.1], { suggested: 2 });
 */
export function screeSpec(p: PcaResult | ArrayLike<number>, options: ScreeSpecOptions = {}): Record<string, unknown> {
  const fn = "screeSpec";
  checkOptions(fn, options, OPTIONS);
  const r = checkArrayLike(fn, "explainedVarianceRatio", isPca(p) ? p.explainedVarianceRatio : p);
  if (r.length < 1) throw new RangeError(`${fn}: explainedVarianceRatio is empty; expected at least one component`);
  const nShow = Math.min(checkInt(fn, "nShow", options.nShow ?? 20, 1), r.length);
  const want = options.suggested ?? (isPca(p) ? p.suggestion.nComponents : false);
  const suggested = want === false ? undefined : checkInt(fn, "option suggested", want, 1, r.length);
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
  const text = options.title ?? "Explained variance";
  const title = suggested === undefined ? text : { text, subtitle: isPca(p) && options.suggested === undefined
    ? `suggested: ${suggested} component${suggested === 1 ? "" : "s"} (elbow ${p.suggestion.elbow}, IND ${p.suggestion.ind})`
    : `suggested: ${suggested} component${suggested === 1 ? "" : "s"}` };
  const markLayer = suggested === undefined || suggested > nShow ? undefined : {
    data: { values: [{ suggested }] },
    mark: { type: "rule", color: "#333", strokeDash: [4, 3], strokeWidth: 1.5 },
    encoding: { x: { field: "suggested", type: "ordinal", title: "Component" }, tooltip: [{ field: "suggested", type: "ordinal", title: "Suggested components" }] },
  };
  const body = cumulative || markLayer
    ? { layer: [ratioLayer, ...(cumulative ? [cumLayer] : []), ...(markLayer ? [markLayer] : [])], ...(cumulative ? { resolve: { scale: { y: "independent" } } } : {}) }
    : ratioLayer;
  return {
    $schema: VL_SCHEMA,
    title,
    width: options.width ?? 360,
    height: options.height ?? 240,
    data: { values },
    ...body,
  };
}
