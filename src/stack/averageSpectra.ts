import type { PixelTable } from "../types/pixel-table";
import type { Spectra } from "../types/spectra";
import type { Stack } from "../types/stack";
import { checkMask, checkOptions, checkStack } from "./_util";

/** Pixel groups of a {@link PixelTable} as per-pixel labels: one label per row; rows labelled `null`, `undefined`, `""`, NaN or a negative number belong to no group. */
export interface PixelLabels {
  /** One label per table row (length `nPixels`): group numbers or group names. */
  labels: ArrayLike<number> | readonly (string | number | null | undefined)[];
  /** Numeric labels only: the name of group `k` is `names[k]`. @default the label as text ("0", "1", …) */
  names?: readonly string[];
}

/** Options of {@link averageSpectra}. */
export interface AverageSpectraOptions {
  /** "mean" (default) or "sum" (the paper sums the thresholded pixels); `std` is the spread of the pixels either way. */
  mode?: "mean" | "sum";
}

/**
 * Result of {@link averageSpectra}: a {@link Spectra}`<"group">` (rows = groups, named, in the order
 * given) with, beside it, the per-energy spread and counts of the pixels that made each value.
 */
export interface AverageSpectraResult extends Spectra<"group"> {
  /** Standard deviation of the pixel values (n − 1 in the denominator), `[k, nE]`, index `g * nE + e`; NaN where fewer than 2 pixels. */
  readonly std: Float64Array;
  /** Standard error of the mean, `std / √count`, `[k, nE]`; NaN where fewer than 2 pixels. */
  readonly sem: Float64Array;
  /** Number of pixels with a value (not NaN), `[k, nE]` (NaN values are skipped per energy). */
  readonly counts: Int32Array;
  /** Number of pixels in each group, length `k`. */
  readonly pixels: Int32Array;
}

const OPTIONS = ["mode"] as const;

function isStack(v: unknown): v is Stack {
  const s = v as Partial<Stack> | null;
  return s != null && typeof s === "object" && typeof s.ny === "number" && typeof s.nx === "number" && typeof s.nE === "number" && !("nPixels" in s);
}

function isTable(v: unknown): v is PixelTable {
  const t = v as Partial<PixelTable> | null;
  return t != null && typeof t === "object" && typeof t.nPixels === "number" && typeof t.nE === "number" && t.data instanceof Float64Array;
}

/** Group members as lists of indices (table rows or stack pixels y·nx + x). */
function groupsFromLabels(fn: string, g: PixelLabels, n: number): { names: string[]; members: number[][] } {
  const labels = g.labels;
  if (!labels || typeof labels.length !== "number" || labels.length !== n) {
    throw new RangeError(`${fn}: groups.labels must have one label per pixel (length ${n}), got length ${labels ? labels.length : String(labels)}`);
  }
  const order = new Map<string, number[]>();
  let numeric = true;
  for (let i = 0; i < n; i++) {
    const l = labels[i];
    if (l === null || l === undefined || l === "" || (typeof l === "number" && (Number.isNaN(l) || l < 0))) continue;
    if (typeof l !== "number") numeric = false;
    const key = String(l);
    let list = order.get(key);
    if (!list) order.set(key, (list = []));
    list.push(i);
  }
  let keys = [...order.keys()];
  if (numeric) keys = keys.sort((a, b) => Number(a) - Number(b));
  if (g.names !== undefined) {
    if (!numeric) throw new TypeError(`${fn}: groups.names is for numeric labels; string labels are the names already`);
    keys.forEach((k) => {
      const idx = Number(k);
      if (!Number.isInteger(idx) || idx >= g.names!.length) throw new RangeError(`${fn}: label ${k} has no name in groups.names (${g.names!.length} names; label k takes names[k])`);
    });
  }
  return { names: keys.map((k) => (g.names ? g.names[Number(k)] : k)), members: keys.map((k) => order.get(k)!) };
}

/**
 * The average spectra of several pixel groups at once — e.g. the thresholded pixels of each
 * sample, the pixels of each cluster, or regions brushed in a score plot — with, per energy, the
 * standard deviation of the pixels, the standard error of the mean and the number of pixels.
 * NaN pixel values are skipped per energy (as {@link averageSpectrum}).
 *
 * Two inputs:
 * - a {@link PixelTable} `[nPixels, nE]` and groups of rows: `{ name: rowIndices }`, or per-row
 *   labels `{ labels, names? }` (`labels[i]` the group of row i; negative, NaN, null or "" = none);
 * - a {@link Stack} `[nE, ny, nx]` and masks `{ name: mask }`, each `[ny, nx]` (index y·nx + x,
 *   non-zero = in the group, e.g. `thresholdMask(...).mask`), or per-pixel labels `[ny, nx]`.
 *
 * Groups may overlap; each is averaged on its own. An object whose only keys are `labels` (and
 * `names`, a list of strings) is read as per-pixel labels, so do not name a single group "labels".
 *
 * @param data - a PixelTable or a Stack.
 * @param groups - `{ name: indices }` (table) / `{ name: mask }` (stack), or {@link PixelLabels}.
 * @param options - {@link AverageSpectraOptions}.
 * @returns {@link AverageSpectraResult}: `Spectra<"group">` `[k, nE]` (values in the data's unit), `std`, `sem`, `counts` `[k, nE]` and `pixels` `[k]`.
 * @throws RangeError for an empty group, an index outside the table, a mask or label array of the wrong length; TypeError for other input.
 * @example
 * // two regions of a pixel table
 * const avg = averageSpectra(T, { particle: [0, 1, 2], edge: [10, 11] });
 * avg.names;                       // ["particle", "edge"]
 * spectrumOf(avg, "edge");         // the mean spectrum of rows 10 and 11
 * avg.std[1 * avg.nCols + 5];      // spread of the two pixels at energies[5]
 * // the thresholded pixels of two stacks' worth of masks
 * const byMask = averageSpectra(od, { kept: thresholdMask(od, { energy: 529.5, threshold: 0.2 }).mask });
 * // k-means clusters as labels
 * const byCluster = averageSpectra(T, { labels: cluster, names: ["reduced", "oxidised"] });
 */
export function averageSpectra(
  data: PixelTable | Stack,
  groups: Readonly<Record<string, ArrayLike<number | boolean>>> | PixelLabels,
  options: AverageSpectraOptions = {},
): AverageSpectraResult {
  const fn = "averageSpectra";
  checkOptions(fn, options, OPTIONS);
  const mode = options.mode ?? "mean";
  if (mode !== "mean" && mode !== "sum") throw new Error(`${fn}: option "mode" must be "mean" or "sum", got ${JSON.stringify(mode)}`);
  if (groups === null || typeof groups !== "object" || Array.isArray(groups)) {
    throw new TypeError(`${fn}: groups must be { name: indices } (table), { name: mask } (stack) or { labels, names? }, got ${Array.isArray(groups) ? "an array" : String(groups)}`);
  }
  // `{ labels }` or `{ labels, names }` (names a list of strings) is the label form; anything else names groups.
  const keys = Object.keys(groups);
  const byLabels = keys.includes("labels") && keys.every((key) => key === "labels" || key === "names")
    && (!keys.includes("names") || (Array.isArray((groups as PixelLabels).names) && (groups as PixelLabels).names!.every((x) => typeof x === "string")));
  let names: string[];
  let members: number[][];
  let nE: number;
  let energies: Float64Array;
  // value of pixel p at energy e
  let at: (p: number, e: number) => number;
  if (isTable(data)) {
    nE = data.nE;
    energies = data.energies;
    const d = data.data;
    at = (p, e) => d[p * nE + e];
    if (byLabels) ({ names, members } = groupsFromLabels(fn, groups as PixelLabels, data.nPixels));
    else {
      names = Object.keys(groups);
      members = names.map((name) => {
        const idx = (groups as Record<string, ArrayLike<number>>)[name];
        if (!idx || typeof idx.length !== "number") throw new TypeError(`${fn}: group "${name}" must be a list of row indices, got ${String(idx)}`);
        const list: number[] = [];
        for (let i = 0; i < idx.length; i++) {
          const r = Number(idx[i]);
          if (typeof idx[i] !== "number" || !Number.isInteger(r) || r < 0 || r >= data.nPixels) {
            throw new RangeError(`${fn}: group "${name}" has row index ${String(idx[i])} at position ${i}; rows are 0…${data.nPixels - 1}`);
          }
          list.push(r);
        }
        return list;
      });
    }
  } else if (isStack(data)) {
    checkStack(fn, data, "data");
    nE = data.nE;
    energies = Float64Array.from(data.energies);
    const n = data.ny * data.nx;
    const d = data.data;
    at = (p, e) => d[e * n + p];
    if (byLabels) ({ names, members } = groupsFromLabels(fn, groups as PixelLabels, n));
    else {
      names = Object.keys(groups);
      members = names.map((name) => {
        const { mask } = checkMask(fn, `groups["${name}"]`, (groups as Record<string, ArrayLike<number | boolean>>)[name], data.ny, data.nx);
        const list: number[] = [];
        for (let i = 0; i < n; i++) if (mask[i]) list.push(i);
        return list;
      });
    }
  } else {
    throw new TypeError(`${fn}: data must be a PixelTable (pixels × energies) or a Stack (energies × y × x), got ${data === null ? "null" : typeof data}`);
  }
  if (names.length === 0) throw new RangeError(`${fn}: groups has no group; expected at least one`);
  names.forEach((name, g) => { if (members[g].length === 0) throw new RangeError(`${fn}: group "${name}" has no pixel; expected at least one`); });
  const k = names.length;
  const values = new Float64Array(k * nE);
  const std = new Float64Array(k * nE);
  const sem = new Float64Array(k * nE);
  const counts = new Int32Array(k * nE);
  for (let g = 0; g < k; g++) {
    const list = members[g];
    for (let e = 0; e < nE; e++) {
      // Two passes (mean, then squared deviations) for accuracy on offsets far from zero.
      let s = 0;
      let c = 0;
      for (const p of list) {
        const v = at(p, e);
        if (!Number.isNaN(v)) {
          s += v;
          c++;
        }
      }
      const mean = c > 0 ? s / c : NaN;
      let ss = 0;
      for (const p of list) {
        const v = at(p, e);
        if (!Number.isNaN(v)) ss += (v - mean) * (v - mean);
      }
      const o = g * nE + e;
      values[o] = mode === "sum" ? s : mean;
      counts[o] = c;
      std[o] = c > 1 ? Math.sqrt(ss / (c - 1)) : NaN;
      sem[o] = c > 1 ? std[o] / Math.sqrt(c) : NaN;
    }
  }
  const unit = isTable(data) ? "" : ({ od: "OD", counts: "counts", transmission: "" } as Record<string, string>)[(data as Stack).quantity] ?? "";
  return {
    data: values, nRows: k, nCols: nE, dims: ["group", "energy"], energies: Float64Array.from(energies), names, unit,
    std, sem, counts, pixels: Int32Array.from(members, (m) => m.length),
  };
}
