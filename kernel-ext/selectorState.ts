/**
 * The synced state of the end-member selector and the checks every update from the front-end
 * passes before it is echoed and applied (indices integers in range, names unique, colours
 * "#rrggbb", component numbers in range, known colour fields). Pure: unit-tested without a kernel.
 *
 * @module
 */
import { indicesToMask, maskProblem, maskToIndices, useMask } from "../widgets/src/groupMask";

/** A named group of pixels (rows of the pixel table), as the kernel API gives it. */
export interface SelectorGroup {
  /** Unique, non-empty. */
  name: string;
  /** "#rrggbb". */
  color: string;
  /** Row indices, ascending, unique, each < the number of pixels. */
  indices: Uint32Array;
}

/** A dense group as it is synced: a bit mask of the pixels (see widgets/src/groupMask.ts). */
export interface SelectorMaskGroup {
  name: string;
  /** "#rrggbb". */
  color: string;
  /** `ceil(n_points / 8)` bytes, bit i (LSB first) = pixel i; no bit at or beyond n_points. */
  mask: Uint8Array;
  /** Number of set bits. */
  count: number;
}

/** A group as it is synced (state, wire, saved notebook): indices (sparse) or a mask (dense, {@link useMask}). */
export type SelectorWireGroup = SelectorGroup | SelectorMaskGroup;

const decoded = new WeakMap<SelectorMaskGroup, Uint32Array>();

/**
 * The ascending pixel indices of a synced group (a mask is decoded once per group object).
 * @example
 * groupIndices({ name: "a", color: "#ff0000", mask: Uint8Array.of(5), count: 2 }) // Uint32Array [0, 2]
 */
export function groupIndices(g: SelectorWireGroup): Uint32Array {
  if ("indices" in g) return g.indices;
  let idx = decoded.get(g);
  if (!idx) {
    idx = maskToIndices(g.mask, g.count);
    decoded.set(g, idx);
  }
  return idx;
}

/** Groups in the API form `{ name, color, indices }` (masks decoded). */
export function groupsWithIndices(groups: readonly SelectorWireGroup[]): SelectorGroup[] {
  return groups.map((g) => ("indices" in g ? g : { name: g.name, color: g.color, indices: groupIndices(g) }));
}

/**
 * The synced form of a checked group of `n` pixels: a mask when that is smaller ({@link useMask}), else as it is.
 * @example
 * toWireGroup({ name: "a", color: "#ff0000", indices: Uint32Array.of(0, 1) }, 8) // { name, color, mask: Uint8Array [3], count: 2 }
 */
export function toWireGroup(g: SelectorGroup, n: number): SelectorWireGroup {
  if (!useMask(g.indices.length, n)) return g;
  const m: SelectorMaskGroup = { name: g.name, color: g.color, mask: indicesToMask(g.indices, n), count: g.indices.length };
  decoded.set(m, g.indices);
  return m;
}

function bytesOf(v: unknown, where: string): Uint8Array {
  if (v instanceof Uint8Array) return v;
  if (v instanceof ArrayBuffer) return new Uint8Array(v);
  if (ArrayBuffer.isView(v)) return new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
  if (Array.isArray(v) && v.every((b) => Number.isInteger(b) && b >= 0 && b < 256)) return Uint8Array.from(v);
  throw new TypeError(`${where}: mask must be a binary buffer (ceil(n_points / 8) bytes), got ${v === null ? "null" : typeof v}`);
}

/** How a colour field is drawn: categories (sample index → name) or a continuous value. */
export interface SelectorColorInfo {
  kind: "category" | "continuous";
  /** Category names, index = value (for "category"). */
  labels?: string[];
}

/** The groups' spectra drawn beside the scatter: energies in eV and, per group, mean and standard deviation (float32, length = energies). */
export interface GroupSpectra {
  energies: Float32Array;
  groups: { name: string; color: string; count: number; mean: Float32Array; std: Float32Array }[];
}

/** The model state of an {@link EndmemberSelector} (kernel ⇄ front-end). */
export interface SelectorState extends Record<string, unknown> {
  /** Component coordinates of every pixel, row-major `[n_points, n_components]`, float32 (what the view draws and selects on). */
  coords: Float32Array;
  n_points: number;
  n_components: number;
  /** Axis titles of the components, e.g. "NMF 1", "PC 2". */
  component_names: string[];
  /** Components on the axes (0-based). Front-end writable. */
  x_component: number;
  y_component: number;
  /** The colour field drawn ("none" or a key of `color_fields`). Front-end writable. */
  color_by: string;
  /** Per-pixel values that colour the points (float32, length n_points), e.g. sample, brightness. */
  color_fields: Record<string, Float32Array>;
  color_info: Record<string, SelectorColorInfo>;
  /** The groups (dense ones as masks). Front-end writable. */
  groups: SelectorWireGroup[];
  /** The group gestures edit. Front-end writable. */
  active_group: string;
  /** Automatic suggestions (suggestEndmembers' clusters) the user may adopt. */
  candidates: { name: string; indices: Uint32Array }[];
  /** The average spectrum (± standard deviation) of every non-empty group, computed by the kernel whenever the groups change. */
  group_spectra: GroupSpectra;
  /** Sample index of every point (uint16, length n_points): which per-sample map the point is on. */
  pixel_sample: Uint16Array;
  /** Column of every point in its sample's map (uint16, length n_points). */
  pixel_x: Uint16Array;
  /** Row of every point in its sample's map (uint16, length n_points). */
  pixel_y: Uint16Array;
  /** The samples in table order: name and map size (rows ny × columns nx). */
  samples: { name: string; ny: number; nx: number }[];
  /** The last rejected update's message ("" when the last one was accepted). */
  error: string;
  title: string;
  /** Plot size, CSS px. */
  width: number;
  height: number;
}

/** The attributes the front-end may set. */
export const SELECTOR_WRITABLE = ["x_component", "y_component", "color_by", "groups", "active_group"] as const;

const COLOR = /^#[0-9a-fA-F]{6}$/;

/**
 * Row indices as an ascending, duplicate-free Uint32Array, each checked to be an integer in [0, n).
 * Accepts a typed array, a number array, or a DataView / ArrayBuffer of uint32 (little-endian) values.
 * @throws RangeError naming `where`, the bad value and the range.
 * @example
 * checkIndices([4, 1, 1], 5, "groups[0]") // Uint32Array [1, 4]
 */
export function checkIndices(v: unknown, n: number, where: string): Uint32Array {
  let a: ArrayLike<number>;
  if (v instanceof DataView || v instanceof ArrayBuffer) {
    const bytes = v instanceof DataView ? new Uint8Array(v.buffer, v.byteOffset, v.byteLength) : new Uint8Array(v);
    if (bytes.byteLength % 4) throw new RangeError(`${where}: a buffer of ${bytes.byteLength} bytes is not a whole number of uint32 indices`);
    const copy = new Uint8Array(bytes.byteLength);
    copy.set(bytes);
    a = new Uint32Array(copy.buffer);
  } else if (ArrayBuffer.isView(v) || Array.isArray(v)) {
    a = v as ArrayLike<number>;
  } else {
    throw new TypeError(`${where}: indices must be a list or typed array of pixel indices, got ${v === null ? "null" : typeof v}`);
  }
  const out = new Uint32Array(a.length);
  let sorted = true;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    if (!Number.isInteger(x) || x < 0 || x >= n) throw new RangeError(`${where}: index ${x} (at position ${i}) is outside [0, ${n}) — there are ${n} pixels`);
    out[i] = x;
    if (i && out[i] <= out[i - 1]) sorted = false;
  }
  if (sorted) return out;
  out.sort();
  let m = 0;
  for (let i = 0; i < out.length; i++) if (i === 0 || out[i] !== out[i - 1]) out[m++] = out[i];
  return out.slice(0, m);
}

/**
 * Checked groups: a list of `{ name, color, indices }` or `{ name, color, mask, count }`, names
 * unique and non-empty, colours "#rrggbb", indices per {@link checkIndices}, a mask exactly
 * `ceil(n / 8)` bytes with no bit at or beyond `n` and `count` equal to its set bits. Each group
 * keeps the form it came in (a mask stays a mask: one pass over its bytes, no decoding).
 * @throws TypeError / RangeError saying which group and field is wrong.
 * @example
 * checkGroups([{ name: "a", color: "#ff0000", indices: [2, 0] }], 3) // [{ name: "a", color: "#ff0000", indices: Uint32Array [0, 2] }]
 * checkGroups([{ name: "a", color: "#ff0000", mask: Uint8Array.of(5), count: 2 }], 3) // the mask group, colour lower-cased
 */
export function checkGroups(v: unknown, n: number): SelectorWireGroup[] {
  if (!Array.isArray(v)) throw new TypeError(`groups must be a list of { name, color, indices } or { name, color, mask, count }, got ${v === null ? "null" : typeof v}`);
  const seen = new Set<string>();
  return v.map((g: unknown, i) => {
    if (!g || typeof g !== "object") throw new TypeError(`groups[${i}] must be { name, color, indices } or { name, color, mask, count }, got ${JSON.stringify(g)}`);
    const o = g as Record<string, unknown>;
    const { name, color } = o;
    if (typeof name !== "string" || !name.trim()) throw new TypeError(`groups[${i}].name must be a non-empty string, got ${JSON.stringify(name)}`);
    if (seen.has(name)) throw new RangeError(`groups[${i}].name "${name}" is used twice; group names must be unique`);
    seen.add(name);
    if (typeof color !== "string" || !COLOR.test(color)) throw new TypeError(`groups[${i}].color must be "#rrggbb", got ${JSON.stringify(color)}`);
    const hasMask = o.mask !== undefined && o.mask !== null;
    if (hasMask && o.indices !== undefined && o.indices !== null) throw new TypeError(`groups[${i}] ("${name}") has both mask and indices; give one of them`);
    if (hasMask) {
      const mask = bytesOf(o.mask, `groups[${i}] ("${name}").mask`);
      const problem = maskProblem(mask, o.count, n);
      if (problem) throw new RangeError(`groups[${i}] ("${name}").${problem.startsWith("count") ? "count" : "mask"}: ${problem} (there are ${n} pixels)`);
      return { name, color: color.toLowerCase(), mask, count: o.count as number };
    }
    return { name, color: color.toLowerCase(), indices: checkIndices(o.indices, n, `groups[${i}] ("${name}").indices`) };
  });
}

/**
 * Check an update from the front-end against the current state; returns the normalised patch.
 * @throws Error with a message the user sees in the widget.
 */
export function validateSelectorUpdate(patch: Partial<SelectorState>, state: SelectorState): Partial<SelectorState> {
  const out: Partial<SelectorState> = {};
  for (const key of ["x_component", "y_component"] as const) {
    if (!(key in patch)) continue;
    const c = patch[key];
    if (!Number.isInteger(c) || (c as number) < 0 || (c as number) >= state.n_components) {
      throw new RangeError(`${key} must be a component number in [0, ${state.n_components}), got ${JSON.stringify(c)}`);
    }
    out[key] = c;
  }
  if ("color_by" in patch) {
    const c = patch.color_by;
    if (c !== "none" && !(typeof c === "string" && c in state.color_fields)) {
      throw new RangeError(`color_by must be "none" or one of ${Object.keys(state.color_fields).map((k) => JSON.stringify(k)).join(", ")}, got ${JSON.stringify(c)}`);
    }
    out.color_by = c;
  }
  const groups = "groups" in patch ? checkGroups(patch.groups, state.n_points) : state.groups;
  if ("groups" in patch) out.groups = groups;
  if ("active_group" in patch) {
    const a = patch.active_group;
    if (typeof a !== "string" || (a !== "" && !groups.some((g) => g.name === a))) {
      throw new RangeError(`active_group must name a group (${groups.map((g) => JSON.stringify(g.name)).join(", ") || "there are none"}), got ${JSON.stringify(a)}`);
    }
    out.active_group = a;
  }
  return out;
}
