/**
 * Small multiples of maps with one shared colour scale (e.g. fraction maps per sample).
 * @module
 */
import { mapSpec } from "./mapSpec";
import { checkInt, checkOptions, checkRange, finiteExtent, VL_SCHEMA } from "./util";

/** One panel of {@link mapsGridSpec}. */
export interface MapPanel {
  /** Panel title, e.g. the sample name. */
  title: string;
  /** Values, shape `[ny, nx]`, row-major; NaN = no pixel. */
  image: ArrayLike<number>;
  /** Rows. */
  ny: number;
  /** Columns. */
  nx: number;
}

/** Options of {@link mapsGridSpec}. */
export interface MapsGridSpecOptions {
  /** Panels per row. @default 3 */
  columns?: number;
  /** One colour scale (and one colour bar) for all panels; its domain is `domain` or the finite extent over all images. @default true */
  sharedDomain?: boolean;
  /** Colour scale domain `[lo, hi]` (all panels). @default the finite extent (per panel when `sharedDomain` is false) */
  domain?: [number, number];
  /** A vega colour scheme name. @default "viridis" */
  colorScheme?: string;
  /** Colour bar title. @default "" */
  legendTitle?: string;
  /** Overall title. @default none */
  title?: string;
  /** Longer side of each panel in pixels. @default 200 */
  size?: number;
  /** Largest side in cells before block averaging (see `mapSpec`). @default 128 */
  maxSize?: number;
}

const OPTIONS = ["columns", "sharedDomain", "domain", "colorScheme", "legendTitle", "title", "size", "maxSize"] as const;

/**
 * A vega-lite 5 grid (`concat` with `columns`) of heatmaps built by `mapSpec`, one per panel, in
 * the given order. With `sharedDomain` (default) every panel uses the same colour domain and
 * the views resolve one shared colour scale, so equal colours mean equal values across samples;
 * position scales stay independent (panels may differ in size).
 *
 * @param images - the panels, at least one; each `image.length` must be `ny·nx`.
 * @param options - {@link MapsGridSpecOptions}.
 * @returns a vega-lite spec object (`$schema` v5) with `concat` of per-panel specs.
 * @throws RangeError naming the panel whose image has the wrong length, or an empty list.
 * @example
 * const maps = fractionMaps(table, nn.fractions, 3);
 * const spec = mapsGridSpec(maps.map((m) => ({ title: m.name, image: m.images[0], ny: m.ny, nx: m.nx })),
 *   { legendTitle: "Reduced fraction", domain: [0, 1] });
 */
export function mapsGridSpec(images: readonly MapPanel[], options: MapsGridSpecOptions = {}): Record<string, unknown> {
  const fn = "mapsGridSpec";
  checkOptions(fn, options, OPTIONS);
  if (!Array.isArray(images) || images.length === 0) throw new RangeError(`${fn}: images must be a non-empty array of {title, image, ny, nx}`);
  const columns = checkInt(fn, "option columns", options.columns ?? 3, 1);
  const shared = options.sharedDomain ?? true;
  let domain = options.domain === undefined ? undefined : checkRange(fn, "option domain", options.domain);
  if (shared && !domain) {
    let lo = Infinity;
    let hi = -Infinity;
    for (const p of images) {
      const e = p && p.image ? finiteExtent(p.image) : null;
      if (e) [lo, hi] = [Math.min(lo, e[0]), Math.max(hi, e[1])];
    }
    if (lo < hi) domain = [lo, hi];
    else if (lo === hi) domain = [lo - 0.5, hi + 0.5];
  }
  const concat = images.map((p, i) => {
    if (!p || typeof p !== "object") throw new TypeError(`${fn}: images[${i}] must be {title, image, ny, nx}, got ${String(p)}`);
    let sub: Record<string, unknown>;
    try {
      sub = mapSpec(p.image, p.ny, p.nx, {
        title: p.title ?? "",
        colorScheme: options.colorScheme ?? "viridis",
        legendTitle: options.legendTitle ?? "",
        size: options.size ?? 200,
        maxSize: options.maxSize ?? 128,
        ...(domain ? { domain } : {}),
      });
    } catch (err) {
      const e = err as Error;
      const Ctor = e instanceof RangeError ? RangeError : e instanceof TypeError ? TypeError : Error;
      throw new Ctor(`${fn}: images[${i}] ("${p.title}"): ${e.message}`);
    }
    delete sub.$schema;
    return sub;
  });
  return {
    $schema: VL_SCHEMA,
    ...(options.title ? { title: options.title } : {}),
    columns,
    concat,
    resolve: { scale: { color: shared ? "shared" : "independent", x: "independent", y: "independent" } },
  };
}
