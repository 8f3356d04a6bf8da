/**
 * The colour of every point of the selector: the colour field chosen (`color_by`: a category
 * such as the sample, or a continuous value such as the brightness, on viridis between its 1st
 * and 99th percentiles), overridden by the colour of the last group that holds the point.
 */
import { HIGHLIGHT } from "./density";
import { CATEGORY_COLORS, NEUTRAL, packColor, viridis } from "./palette";
import type { ColorInfo, Group } from "./selectorTypes";

/** The 1st and 99th percentiles of the finite values (a sample of at most 20,000 of them). */
export function robustRange(v: ArrayLike<number>): [number, number] {
  const step = Math.max(1, Math.floor(v.length / 20000));
  const s: number[] = [];
  for (let i = 0; i < v.length; i += step) if (Number.isFinite(v[i])) s.push(v[i]);
  if (!s.length) return [0, 1];
  s.sort((a, b) => a - b);
  const lo = s[Math.floor(0.01 * (s.length - 1))], hi = s[Math.ceil(0.99 * (s.length - 1))];
  return hi > lo ? [lo, hi] : [lo - 0.5, lo + 0.5];
}

/**
 * Packed colours (0xRRGGBB) of n points from the colour field alone (no groups): the part of
 * {@link pointColors} that changes only with `color_by`, worth keeping between group edits.
 * @param field - the per-point values of the colour field, or undefined for neutral grey.
 * @example
 * fieldColors(2, [0, 1], { kind: "category", labels: ["a", "b"] }) // [0x4c78a8, 0xf58518]
 */
export function fieldColors(n: number, field: ArrayLike<number> | undefined, info: ColorInfo | undefined): Uint32Array {
  const out = new Uint32Array(n);
  if (!field || field.length !== n) {
    out.fill(packColor(NEUTRAL));
  } else if (info?.kind === "category") {
    const pal = CATEGORY_COLORS.map(packColor);
    for (let i = 0; i < n; i++) {
      const c = field[i];
      out[i] = Number.isInteger(c) && c >= 0 ? pal[c % pal.length] : packColor(NEUTRAL);
    }
  } else {
    const [lo, hi] = robustRange(field);
    for (let i = 0; i < n; i++) out[i] = viridis((field[i] - lo) / (hi - lo));
  }
  return out;
}

/**
 * The colours `base` (from {@link fieldColors}, length n) with every group's members in the
 * group's colour, flagged with HIGHLIGHT (the last group that holds a point wins). A new array:
 * `base` is not changed. O(n + group sizes).
 * @example
 * withGroups(Uint32Array.of(1, 2), [{ name: "a", color: "#ff0000", indices: Uint32Array.of(1) }]) // [1, 0x1ff0000]
 */
export function withGroups(base: Uint32Array, groups: readonly Group[]): Uint32Array {
  const out = base.slice();
  const n = out.length;
  for (const g of groups) {
    const c = (packColor(g.color) | HIGHLIGHT) >>> 0;
    const idx = g.indices;
    for (let k = 0; k < idx.length; k++) {
      const i = idx[k];
      if (i < n) out[i] = c;
    }
  }
  return out;
}

/**
 * Packed colours (0xRRGGBB, group members flagged with HIGHLIGHT) of n points.
 * @param field - the per-point values of the colour field, or undefined for neutral grey.
 * @example
 * pointColors(3, undefined, undefined, [{ name: "a", color: "#ff0000", indices: Uint32Array.of(1) }])
 * // [0x8c8c8c, 0x1ff0000, 0x8c8c8c]
 */
export function pointColors(n: number, field: ArrayLike<number> | undefined, info: ColorInfo | undefined, groups: readonly Group[]): Uint32Array {
  return withGroups(fieldColors(n, field, info), groups);
}
