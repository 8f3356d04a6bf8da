/** Shapes of the end-member selector's attributes (no DOM, so pure modules and tests can use them). */

/** A named group of points (pixels). */
export interface Group {
  name: string;
  /** "#rrggbb". */
  color: string;
  /** Point indices, ascending, unique. */
  indices: Uint32Array;
  /** The same points as a bit mask (widgets/src/groupMask.ts) when the group is dense: then it goes on the wire as `{ name, color, mask, count }`. */
  mask?: Uint8Array;
  /** Set bits of `mask` (= indices.length), present with `mask`. */
  count?: number;
}

/** An automatic candidate (suggestEndmembers' cluster) the user may adopt as a group. */
export interface Candidate {
  name: string;
  indices: Uint32Array;
}

/** How a per-point colour field is drawn. */
export interface ColorInfo {
  kind: "category" | "continuous";
  /** Category names (index = value), for "category". */
  labels?: string[];
}
