/**
 * One image as a heatmap with a colour bar (fraction, residual, score or brightness maps).
 * @module
 */
import { mapView } from "./mapView";
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
  /** Pixel size `[x, y]` in µm (e.g. `PixelMaps.samples[s].pixelSize`): draws a scale bar of a nice length (1, 2 or 5 × 10ⁿ µm) ≈ 1/4 of the width at the bottom right. @default none */
  pixelSize?: readonly [number, number];
}

const OPTIONS = ["title", "colorScheme", "domain", "legendTitle", "maxSize", "size", "xLabel", "yLabel", "pixelSize"] as const;

/** @internal Check a pixel size `[x, y]` in µm. */
export function checkPixelSize(fn: string, name: string, p: unknown): readonly [number, number] | undefined {
  if (p === undefined) return undefined;
  if (!Array.isArray(p) || p.length !== 2 || !(p[0] > 0) || !(p[1] > 0) || !Number.isFinite(p[0]) || !Number.isFinite(p[1])) {
    throw new RangeError(`${fn}: ${name} must be [x, y] in µm, both positive, got ${JSON.stringify(p)}`);
  }
  return [p[0], p[1]];
}

/**
 * A vega-lite 5 heatmap of an image: one `rect` per pixel (or per block after downsampling)
 * placed at its pixel coordinates (x to the right, y down, row 0 at the top, axes in original
 * pixels), coloured by a continuous scheme with a gradient colour bar. NaN pixels (no data, as
 * `toImages` leaves them) are not drawn, so they are transparent. Images larger than
 * `maxSize` on a side are block-averaged (NaN-aware, see `blockAverage`) and the subtitle says
 * "block-averaged f×f: ny×nx → ny'×nx'". With `pixelSize`, a scale bar in µm (rule + text, black
 * on a white halo) sits at the bottom right.
 *
 * @param image - values, shape `[ny, nx]`, row-major (index `y·nx + x`); NaN = no pixel.
 * @param ny - rows.
 * @param nx - columns.
 * @param options - {@link MapSpecOptions}.
 * @returns a vega-lite spec object (`$schema` v5); data fields `x`, `x2`, `y`, `y2` (pixel
 *   edges) and `value` (rects are drawn 0.3 pixel larger to hide anti-aliasing seams); with a
 *   scale bar, a `layer` whose later layers have fields `x`, `x2`, `y`, `label`.
 * @throws RangeError when `image.length ≠ ny·nx` or the domain is not `[lo, hi]` with lo < hi.
 * @example
 * const m = fit.residualMaps().samples[0];
 * const spec = mapSpec(m.images[0], m.ny, m.nx, { title: m.name, legendTitle: "Residual", pixelSize: m.pixelSize });
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
  const pixelSize = checkPixelSize(fn, "option pixelSize", options.pixelSize);
  const scheme = options.colorScheme ?? "viridis";
  if (typeof scheme !== "string" || scheme === "") throw new TypeError(`${fn}: option colorScheme must be a vega scheme name such as "viridis", got ${String(scheme)}`);
  let anyFinite = false;
  for (let i = 0; i < image.length && !anyFinite; i++) anyFinite = Number.isFinite(image[i]);
  // An image with no finite pixel gets a nominal [0, 1] domain (vega warns on an empty extent).
  const colorScale = { scheme, ...(domain ? { domain, clamp: true } : !anyFinite ? { domain: [0, 1] } : {}) };
  const longer = Math.max(nx, ny);
  const { view, note } = mapView(image, ny, nx, {
    width: Math.max(10, Math.round((size * nx) / longer)),
    height: Math.max(10, Math.round((size * ny) / longer)),
    colorScale,
    legendTitle: options.legendTitle ?? "",
    maxSize,
    axes: { kind: "pixels", xLabel: options.xLabel ?? "x (pixel)", yLabel: options.yLabel ?? "y (pixel)" },
    ...(pixelSize ? { pixelSize } : {}),
  });
  const title = options.title ?? "";
  return {
    $schema: VL_SCHEMA,
    ...(title || note ? { title: note ? { text: title, subtitle: note } : title } : {}),
    ...view,
  };
}
