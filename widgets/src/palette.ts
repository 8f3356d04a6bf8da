/**
 * Colours: a categorical palette for samples and groups, a continuous colour map for values,
 * packed as 0xRRGGBB numbers for the raster and as CSS strings for the legend.
 */

/** Tableau 10, the categorical palette vega-lite uses (samples). */
export const CATEGORY_COLORS = ["#4c78a8", "#f58518", "#54a24b", "#e45756", "#72b7b2", "#eeca3b", "#b279a2", "#ff9da6", "#9d755d", "#bab0ac"];

/** Group colours: strong, distinct from a grey cloud and from each other. */
export const GROUP_COLORS = ["#d62728", "#1f77b4", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf", "#e377c2", "#8c564b", "#bcbd22", "#000000"];

/** The colour of points that are not coloured by anything (`color_by` "none"). */
export const NEUTRAL = "#8c8c8c";

/** "#rrggbb" → 0xRRGGBB (NaN-free: an unreadable colour becomes neutral grey). */
export function packColor(css: string): number {
  const m = /^#([0-9a-f]{6})$/i.exec(css.trim());
  return m ? parseInt(m[1], 16) : 0x8c8c8c;
}

/** 0xRRGGBB → "#rrggbb". */
export function cssColor(packed: number): string {
  return `#${(packed & 0xffffff).toString(16).padStart(6, "0")}`;
}

// Viridis anchors (matplotlib), interpolated linearly.
const VIRIDIS = [0x440154, 0x482878, 0x3e4989, 0x31688e, 0x26828e, 0x1f9e89, 0x35b779, 0x6ece58, 0xb5de2b, 0xfde725];

/**
 * Viridis colour of t in [0, 1] (clamped; NaN → neutral grey), packed 0xRRGGBB.
 * @example
 * viridis(0) === 0x440154
 */
export function viridis(t: number): number {
  if (!Number.isFinite(t)) return 0x8c8c8c;
  const u = Math.min(1, Math.max(0, t)) * (VIRIDIS.length - 1);
  const i = Math.min(VIRIDIS.length - 2, Math.floor(u));
  const f = u - i;
  const a = VIRIDIS[i], b = VIRIDIS[i + 1];
  const ch = (s: number) => Math.round(((a >> s) & 255) * (1 - f) + ((b >> s) & 255) * f);
  return (ch(16) << 16) | (ch(8) << 8) | ch(0);
}
