/**
 * The NeXus rules for finding what an NXstxm file holds: which groups are STXM entries
 * (`definition = "NXstxm"` in an NXentry, or in an NXsubentry inside a plain NXentry, or, as a
 * fallback with a warning, a group laid out like one without any NeXus attributes), which groups
 * are detector channels (NXdata) and monitors (NXmonitor), which field is the signal, and which
 * axis spans each dimension of the signal.
 *
 * Axis conventions, in the order NeXus gives them precedence:
 * 1. NeXus 2014: group `@axes` (one name per dimension, "." for none) and `@AXISNAME_indices`
 *    (the dimension(s) an axis spans; names only in `_indices` are auxiliary axes, e.g. the
 *    sample x/y positions along a line scan). A name whose position in `@axes` disagrees with
 *    its `_indices` is an error (the data could be transposed either way).
 * 2. NeXus 2012: `@axes` on the signal field ("energy:sample_y:sample_x").
 * 3. Older files: `@axis = n` (1-based dimension) on each axis field, `@primary = 1` choosing
 *    among several fields of one dimension; the signal marked `@signal = 1`.
 * 4. None of those: conventional names (energy or photon_energy, sample_y, sample_x,
 *    line_position) by rank and `stxm_scan_type`, with a warning.
 *
 * @module
 */
import { StxmFileError } from "./errors";
import type { DatasetInfo, H5Reader } from "./h5Read";
import { asNumbers, asStrings, naturalKeys } from "./h5Values";

/** How an STXM entry was recognised. */
export type EntryRecognition = "definition" | "subentry" | "names";

/** A group holding one NXstxm entry (one region). */
export interface StxmEntry {
  /** Absolute path, e.g. "/entry1" or "/entry/stxm" (an NXsubentry). */
  readonly path: string;
  /** The path without the leading "/" (used as the entry name). */
  readonly key: string;
  /** How it was recognised. */
  readonly via: EntryRecognition;
}

/** The axis conventions {@link resolveAxes} knows. */
export type AxesConvention = "axes" | "indices" | "signal-axes" | "axis" | "names" | "none";

/** The signal of one NXdata group and the axis spanning each of its dimensions. */
export interface SignalAxes {
  /** Name of the signal field (e.g. "data"). */
  readonly signal: string;
  /** The signal dataset. */
  readonly info: DatasetInfo;
  /** Per dimension of the signal, the name of the axis field spanning it ("" when none). */
  readonly dims: readonly string[];
  /** Axes that are not the primary axis of a dimension, with the dimensions they span. */
  readonly auxiliary: ReadonlyMap<string, readonly number[]>;
  /** Which convention named the axes. */
  readonly convention: AxesConvention;
}

/** @internal `definition` of a group as text ("" when absent). */
export function definitionOf(r: H5Reader, path: string): string {
  const p = `${path}/definition`;
  return r.kind(p) === "dataset" ? r.readText(p).trim() : "";
}

function hasDatasets(r: H5Reader, path: string, names: readonly string[][]): boolean {
  const keys = new Set(r.keys(path));
  return names.every((alternatives) => alternatives.some((n) => keys.has(n) && r.kind(`${path}/${n}`) === "dataset"));
}

/** A group laid out like an NXstxm channel: a `data` field and an energy field. */
function looksLikeChannel(r: H5Reader, path: string): boolean {
  return hasDatasets(r, path, [["data"], ["energy", "photon_energy"]]);
}

/**
 * @internal
 * The NXstxm entries of a file, in file order. Warnings are pushed to `warnings`.
 * @throws StxmFileError when there is none, listing the NXentry groups found.
 */
export function findStxmEntries(r: H5Reader, warnings: string[]): StxmEntry[] {
  const seen: string[] = [];
  const entries: StxmEntry[] = [];
  const plain: string[] = [];
  for (const key of naturalKeys(r.keys("/"))) {
    const p = `/${key}`;
    if (r.kind(p) !== "group") continue;
    const cls = r.attrString(p, "NX_class");
    const def = definitionOf(r, p);
    if (cls === "NXentry" || def) seen.push(`${key} (NX_class "${cls}", definition "${def}")`);
    if (def === "NXstxm" && (cls === "NXentry" || cls === "")) {
      entries.push({ path: p, key, via: "definition" });
      continue;
    }
    if (cls !== "NXentry" && cls !== "") continue;
    let sub = false;
    for (const k of naturalKeys(r.keys(p))) {
      const sp = `${p}/${k}`;
      if (r.kind(sp) !== "group" || r.attrString(sp, "NX_class") !== "NXsubentry") continue;
      const sdef = definitionOf(r, sp);
      seen.push(`${key}/${k} (NX_class "NXsubentry", definition "${sdef}")`);
      if (sdef === "NXstxm") {
        entries.push({ path: sp, key: `${key}/${k}`, via: "subentry" });
        sub = true;
      }
    }
    if (!sub && def === "") plain.push(key);
  }
  if (entries.length === 0) {
    for (const key of plain) {
      const p = `/${key}`;
      const channels = r.keys(p).filter((k) => r.kind(`${p}/${k}`) === "group" && looksLikeChannel(r, `${p}/${k}`));
      if (channels.length === 0) continue;
      entries.push({ path: p, key, via: "names" });
      warnings.push(
        `/${key}: no NXentry with definition "NXstxm"; read as NXstxm by its conventional names (${channels.map((c) => `${c}/data, energy`).join("; ")})`,
      );
    }
  }
  if (entries.length === 0) {
    throw new StxmFileError(
      r.file,
      "NXentry/definition",
      `expected at least one NXentry with definition "NXstxm" (or an NXsubentry with it, or a group holding <channel>/data and <channel>/energy), got ${seen.length ? seen.join(", ") : "no NXentry groups"}`,
    );
  }
  return entries;
}

/** @internal The detector channels (NXdata) and monitors (NXmonitor) of an entry. */
export function findChannels(r: H5Reader, entry: StxmEntry, warnings: string[]): { data: string[]; monitors: string[] } {
  const data: string[] = [];
  const monitors: string[] = [];
  const classless: string[] = [];
  for (const k of naturalKeys(r.keys(entry.path))) {
    const p = `${entry.path}/${k}`;
    if (r.kind(p) !== "group") continue;
    const cls = r.attrString(p, "NX_class");
    if (cls === "NXdata") data.push(k);
    else if (cls === "NXmonitor") monitors.push(k);
    else if (cls === "") classless.push(k);
  }
  if (data.length === 0 || entry.via === "names") {
    for (const k of classless) {
      const p = `${entry.path}/${k}`;
      if (/^(control|monitor.*|i0)$/i.test(k) && hasDatasets(r, p, [["data"]])) {
        monitors.push(k);
      } else if (looksLikeChannel(r, p)) {
        data.push(k);
        if (entry.via !== "names") warnings.push(`${p}: no NX_class "NXdata"; read as a detector channel by its conventional names (data, energy)`);
      }
    }
  }
  if (data.length === 0) {
    throw new StxmFileError(r.file, entry.path, `expected at least one NXdata group (a detector channel), got none (groups: ${r.keys(entry.path).join(", ") || "none"})`);
  }
  return { data, monitors };
}

function isOne(v: unknown): boolean {
  const n = asNumbers(v);
  return n !== undefined && n.length >= 1 && n[0] === 1;
}

/** Integer dimension indices of an `_indices` / `@axis` attribute, checked against the rank. */
function dimList(r: H5Reader, where: string, v: unknown, rank: number, base: number): number[] {
  const n = asNumbers(v);
  const out = n ? Array.from(n, (d) => d - base) : [];
  if (!n || n.length === 0 || out.some((d) => !Number.isInteger(d) || d < 0 || d >= rank)) {
    throw new StxmFileError(r.file, where, `expected dimension ${base === 0 ? "indices 0" : "numbers 1"}…${rank - 1 + base} of the rank-${rank} signal, got ${JSON.stringify(n ? Array.from(n) : v)}`);
  }
  return out;
}

/**
 * For the conventional-name fallback: whether the image dimensions (`last2`, the signal's last two
 * lengths) of a signal named `names` (ending "sample_y", "sample_x") are y, x as NXstxm orders
 * them ("yx"), x, y ("xy": the 1-D `sample_x` and `sample_y` fields' lengths match only that
 * order), or cannot be told ("same": both fields have one length and the image is square); "yx"
 * when the names are not an image's or the fields are missing or not 1-D.
 */
function imageOrder(r: H5Reader, path: string, isDs: (k: string) => boolean, last2: readonly number[], names: readonly string[]): "yx" | "xy" | "same" {
  if (names.length < 2 || names[names.length - 1] !== "sample_x" || !isDs("sample_x") || !isDs("sample_y")) return "yx";
  const sx = r.info(`${path}/sample_x`).shape;
  const sy = r.info(`${path}/sample_y`).shape;
  if (sx.length !== 1 || sy.length !== 1) return "yx";
  const [a, b] = last2;
  if (sx[0] === sy[0]) return a === b && a === sx[0] ? "same" : "yx";
  return a === sx[0] && b === sy[0] ? "xy" : "yx";
}

/** Energy fields by convention. */
export const ENERGY_NAMES: readonly string[] = ["energy", "photon_energy"];

/**
 * @internal
 * The signal of NXdata group `path` and the axis of each of its dimensions (see the module
 * comment for the rules). Warnings are pushed to `warnings`.
 * @param scanType the group's `stxm_scan_type` (lower case), used only by the conventional-name fallback.
 */
export function resolveAxes(r: H5Reader, path: string, scanType: string, warnings: string[]): SignalAxes {
  const members = r.keys(path);
  const isDs = (k: string): boolean => members.includes(k) && r.kind(`${path}/${k}`) === "dataset";
  const gattrs = r.attrNames(path);

  // The signal field.
  let signal = "";
  if (gattrs.includes("signal")) {
    const s = asStrings(r.attr(path, "signal"));
    signal = s[0] ?? "";
    if (!isDs(signal)) {
      throw new StxmFileError(r.file, `${path}@signal`, `expected the name of a dataset in the group (${members.join(", ") || "none"}), got "${signal}"`);
    }
  } else {
    for (const k of members) if (!signal && isDs(k) && r.attrNames(`${path}/${k}`).includes("signal") && isOne(r.attr(`${path}/${k}`, "signal"))) signal = k;
    if (!signal && isDs("data")) signal = "data";
    if (!signal) throw new StxmFileError(r.file, path, `expected a signal (group @signal, a field with @signal=1, or a field named "data"), got none (members: ${members.join(", ") || "none"})`);
  }
  const signalPath = `${path}/${signal}`;
  const info = r.info(signalPath);
  const rank = info.shape.length;
  const dims: string[] = new Array<string>(rank).fill("");
  const auxiliary = new Map<string, number[]>();
  const indices = new Map<string, number[]>();
  for (const k of gattrs) {
    const m = /^(.+)_indices$/.exec(k);
    if (m && rank > 0) indices.set(m[1], dimList(r, `${path}@${k}`, r.attr(path, k), rank, 0));
  }
  let convention: AxesConvention = "none";
  let axesNames: string[] | undefined;
  let axesWhere = `${path}@axes`;
  if (gattrs.includes("axes")) {
    axesNames = asStrings(r.attr(path, "axes"));
    convention = "axes";
  } else if (r.attrNames(signalPath).includes("axes")) {
    axesNames = asStrings(r.attr(signalPath, "axes"));
    axesWhere = `${signalPath}@axes`;
    convention = "signal-axes";
  }
  if (axesNames !== undefined && rank === 0) {
    if (axesNames.length > 0 && !(axesNames.length === 1 && axesNames[0] === ".")) warnings.push(`${axesWhere}: names [${axesNames.join(", ")}] for a single value (rank-0 signal); ignored`);
    axesNames = [];
  }
  if (axesNames !== undefined && rank > 0) {
    if (axesNames.length !== rank) {
      throw new StxmFileError(r.file, axesWhere, `expected ${rank} names (one per dimension of ${signal}, shape [${info.shape.join(", ")}]), got [${axesNames.join(", ")}]`);
    }
    axesNames.forEach((a, i) => {
      if (a === "." || a === "") return;
      const idx = indices.get(a);
      if (idx && !idx.includes(i)) {
        throw new StxmFileError(r.file, axesWhere, `names "${a}" for dimension ${i}, but @${a}_indices says [${idx.join(", ")}]; expected the two to agree (which one is right cannot be known)`);
      }
      dims[i] = a;
    });
  } else if (indices.size > 0 && rank > 0) {
    convention = "indices";
    for (const [a, idx] of indices) {
      if (idx.length === 1 && dims[idx[0]] === "" && isDs(a)) dims[idx[0]] = a;
    }
  } else if (rank > 0) {
    // Older per-field @axis (1-based), with @primary choosing among several.
    const cands: { name: string; primary: boolean }[][] = Array.from({ length: rank }, () => []);
    for (const k of members) {
      if (k === signal || !isDs(k)) continue;
      const fa = r.attrNames(`${path}/${k}`);
      if (!fa.includes("axis")) continue;
      const ds = dimList(r, `${path}/${k}@axis`, r.attr(`${path}/${k}`, "axis"), rank, 1);
      const primary = fa.includes("primary") ? isOne(r.attr(`${path}/${k}`, "primary")) : false;
      if (ds.length === 1) cands[ds[0]].push({ name: k, primary });
      else for (const d of ds) auxiliary.set(k, [...(auxiliary.get(k) ?? []), d]);
    }
    cands.forEach((c, d) => {
      if (c.length === 0) return;
      convention = "axis";
      const pick = c.find((x) => x.primary) ?? c[0];
      dims[d] = pick.name;
      for (const o of c) if (o !== pick) auxiliary.set(o.name, [d]);
      if (c.length > 1) warnings.push(`${path}: fields ${c.map((x) => x.name).join(", ")} all have @axis=${d + 1}; used ${pick.name}${pick.primary ? " (@primary=1)" : " (the first; none has @primary=1)"}`);
    });
  }
  if (convention === "none" && rank > 0) {
    const energy = ENERGY_NAMES.find(isDs) ?? "energy";
    let names: string[];
    if (rank === 3) names = [energy, "sample_y", "sample_x"];
    else if (rank === 2 && (isDs("line_position") || scanType.includes("line"))) names = [energy, "line_position"];
    else if (rank === 2) names = ["sample_y", "sample_x"];
    else names = [energy];
    convention = "names";
    const order = imageOrder(r, path, isDs, info.shape.slice(-2), names);
    if (order === "xy") names = [...names.slice(0, -2), "sample_x", "sample_y"];
    names.forEach((n, i) => (dims[i] = n));
    const why =
      order === "xy"
        ? ` (the lengths of sample_x and sample_y say the last two dimensions are x, y rather than NXstxm's y, x)`
        : order === "same"
          ? ` (sample_x and sample_y have the same length, so the file cannot tell whether the image is stored y, x as NXstxm says or x, y; NXstxm's order was taken)`
          : "";
    warnings.push(`${path}: no @axes, @AXISNAME_indices or @axis attributes; dimensions of ${signal} [${info.shape.join(", ")}] taken by conventional names [${names.join(", ")}]${why}`);
  }
  for (const [a, idx] of indices) if (!dims.includes(a)) auxiliary.set(a, idx);
  return { signal, info, dims, auxiliary, convention };
}
