/**
 * One image as a heatmap with a colour bar (fraction, residual, score or brightness maps).
 * @module
 */
import { blockAverage } from "./blockAverage";
import { checkInt, checkLength, checkOptions, checkRange, VL_SCHEMA } from "./util";

/** Options of {@link mapSpec}. */
export interface MapSpecOptions {
  /** Chart title. @default none */
  title?: string;
  /** A vega colour scheme name ("viridis", "magma", "greys", "redblue", …). @default "viridis" */
  colorScheme?: string;
  /** Colour scale domain `[lo, hi]`; values outside are clamped. @default the finite extent of the image */
  domain?: [number, number];
  /** Title of the colour bar. @default "" */
  legendTitle?: string;
  /** Largest side (in cells) drawn; larger images are block-averaged by `ceil(max(ny, nx) / maxSize)` and the subtitle says so. @default 128 */
  maxSize?: number;
  /** Length of the longer side of the plot in pixels (the other follows the aspect ratio). @default 300 */
  size?: number;
  /** Axis titles. @default "x (pixel)", "y (pixel)" */
  xLabel?: string;
  yLabel?: string;
}

const OPTIONS = ["title", "colorScheme", "domain", "legendTitle", "maxSize", "size", "xLabel", "yLabel"] as const;

/**
 * A vega-lite 5 heatmap of an image: one `rect` per pixel (or per block after downsampling)
 * placed at its pixel coordinates (x to the right, y down, row 0 at the top, axes in original
 * pixels), coloured by a continuous scheme with a gradient colour bar. NaN pixels (no data, as
 * `toImages` leaves them) are not drawn, so they are transparent. Images larger than
 * `maxSize` on a side are block-averaged (NaN-aware, see `blockAverage`) and the subtitle says
 * "block-averaged f×f: ny×nx → ny'×nx'".
 *
 * @param image - values, shape `[ny, nx]`, row-major (index `y·nx + x`); NaN = no pixel.
 * @param ny - rows.
 * @param nx - columns.
 * @param options - {@link MapSpecOptions}.
 * @returns a vega-lite spec object (`$schema` v5); data fields `x`, `x2`, `y`, `y2` (pixel
 *   edges) and `value` (rects are drawn 0.3 pixel larger to hide anti-aliasing seams).
 * @throws RangeError when `image.length ≠ ny·nx` or the domain is not `[lo, hi]` with lo < hi.
 * @example
 * const [img] = residualMaps(table, nn.residualNorm);
 * const spec = mapSpec(img.image, img.ny, img.nx, { title: img.name, legendTitle: "Residual" });
 */
export function mapSpec(image: ArrayLike<number>, ny: number, nx: number, options: MapSpecOptions = {}): Record<string, unknown> {
  const fn = "mapSpec";
  checkOptions(fn, options, OPTIONS);
  checkInt(fn, "ny", ny, 1);
  checkInt(fn, "nx", nx, 1);
  checkLength(fn, "image", image, ny * nx, `[ny=${ny}, nx=${nx}]`);
  const domain = options.domain === undefined ? undefined : checkRange(fn, "option domain", options.domain);
  const maxSize = checkInt(fn, "option maxSize", options.maxSize ?? 128, 1);
  const size = checkInt(fn, "option size", options.size ?? 300, 10);
  const scheme = options.colorScheme ?? "viridis";
  if (typeof scheme !== "string" || scheme === "") throw new TypeError(`${fn}: option colorScheme must be a vega scheme name such as "viridis", got ${String(scheme)}`);
  const factor = Math.max(1, Math.ceil(Math.max(ny, nx) / maxSize));
  const b = factor > 1 ? blockAverage(image, ny, nx, { factor }) : { image, ny, nx, factor: 1 };
  const values: Record<string, number>[] = [];
  for (let y = 0; y < b.ny; y++) {
    for (let x = 0; x < b.nx; x++) {
      const v = b.image[y * b.nx + x];
      if (!Number.isFinite(v)) continue;
      values.push({ x: x * factor, x2: Math.min((x + 1) * factor, nx), y: y * factor, y2: Math.min((y + 1) * factor, ny), value: v });
    }
  }
  // An image with no finite pixel gets a nominal [0, 1] domain (vega warns on an empty extent).
  const colorScale = { scheme, ...(domain ? { domain, clamp: true } : values.length === 0 ? { domain: [0, 1] } : {}) };
  const longer = Math.max(nx, ny);
  const note = factor > 1 ? `block-averaged ${factor}×${factor}: ${ny}×${nx} → ${b.ny}×${b.nx}` : "";
  const title = options.title ?? "";
  return {
    $schema: VL_SCHEMA,
    ...(title || note ? { title: note ? { text: title, subtitle: note } : title } : {}),
    width: Math.max(10, Math.round((size * nx) / longer)),
    height: Math.max(10, Math.round((size * ny) / longer)),
    data: { values },
    // Each rect is drawn 0.3 pixel wider and taller (x2o, y2o) so that anti-aliasing leaves no
    // seams between neighbours; the data keep the true pixel edges.
    transform: [{ calculate: "datum.x2 + 0.3", as: "x2o" }, { calculate: "datum.y2 + 0.3", as: "y2o" }],
    mark: { type: "rect", strokeWidth: 0, clip: true },
    encoding: {
      x: { field: "x", type: "quantitative", title: options.xLabel ?? "x (pixel)", scale: { domain: [0, nx], nice: false, zero: false }, axis: { grid: false } },
      x2: { field: "x2o" },
      y: { field: "y", type: "quantitative", title: options.yLabel ?? "y (pixel)", scale: { domain: [0, ny], nice: false, zero: false, reverse: true }, axis: { grid: false } },
      y2: { field: "y2o" },
      color: {
        field: "value",
        type: "quantitative",
        title: options.legendTitle ?? "",
        scale: colorScale,
        legend: { type: "gradient" },
      },
      tooltip: [
        { field: "x", type: "quantitative", title: "x" },
        { field: "y", type: "quantitative", title: "y" },
        { field: "value", type: "quantitative", title: options.legendTitle || "value", format: ".4g" },
      ],
    },
  };
}
