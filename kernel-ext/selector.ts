/**
 * The end-member selector (kernel side): the pixels of a pixel table as points in the space of
 * a PCA or NMF result; the user draws named groups (lasso, rectangle; shift adds, alt removes)
 * or adopts automatic candidates, and the groups' average spectra become the end members for
 * `nnlsPixels`. The widget model is the only truth: groups set here are drawn by every view,
 * groups drawn in a view arrive here once per finished gesture, checked before they are
 * applied (a rejected update is answered with an error the view shows).
 *
 * @module
 */
import { WidgetModel, type WidgetClass } from "./widget";
import { WIDGETS_MODULE, WIDGETS_VERSION } from "./scatter";
import { checkGroups, checkIndices, groupIndices, groupsWithIndices, SELECTOR_WRITABLE, toWireGroup, validateSelectorUpdate, type GroupSpectra, type SelectorColorInfo, type SelectorGroup, type SelectorState, type SelectorWireGroup } from "./selectorState";
import { selectorPng } from "./selectorPng";
import { pixelSpectrumReply, selectorMapCoords } from "./selectorPixels";
import { endmembersFromGroups, type Endmembers } from "../src/decompose/suggestEndmembers";
import { rowsMeanStd } from "../src/decompose/endmemberFromPixels";
import type { PcaResult } from "../src/decompose/pca";
import type { NmfResult } from "../src/decompose/nmf";
import type { PixelTable } from "../src/types/pixel-table";
import type { Spectra } from "../src/types/spectra";
import type { Matrix } from "../src/types/matrix";

/** Default group colours (the front-end uses the same list for groups it adds). */
export const GROUP_COLORS = ["#d62728", "#1f77b4", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf", "#e377c2", "#8c564b", "#bcbd22", "#000000"];

/** Groups as a record: name → ascending pixel indices. */
export type Groups = Record<string, Uint32Array>;

/** A group given from code: indices, or `{ indices, color }`. */
export type GroupInput = ArrayLike<number> | { indices: ArrayLike<number>; color?: string };

/** Options of {@link endmemberSelector}. */
export interface EndmemberSelectorOptions {
  /** Components on the x and y axes, 0-based. Default [0, 1]. */
  components?: [number, number];
  /** Initial colour field: "none", "sample", "brightness" or a key of `values`. Default "none". */
  colorBy?: string;
  /** Extra per-pixel values to colour by (each of length nPixels), e.g. `{ "NNLS residual": r }`. */
  values?: Record<string, ArrayLike<number>>;
  /** Automatic candidates shown for one-click adoption, e.g. `suggestEndmembers(T, { k: 3 })`. */
  candidates?: Endmembers;
  /** Initial groups (name → indices or { indices, color }). */
  groups?: Record<string, GroupInput>;
  /** Title above the plot. Default "". */
  title?: string;
  /** Plot size, CSS px. Default 520 × 420. */
  width?: number;
  height?: number;
}

const SELECTOR_CLASS: WidgetClass = {
  modelName: "EndmemberSelectorModel",
  modelModule: WIDGETS_MODULE,
  modelModuleVersion: WIDGETS_VERSION,
  viewName: "EndmemberSelectorView",
  viewModule: WIDGETS_MODULE,
  viewModuleVersion: WIDGETS_VERSION,
};

/** What the points' coordinates come from: a PCA result (scores), an NMF result (W), or any pixels × components matrix. */
export type SelectorSpace = PcaResult | NmfResult | Matrix<"pixel", "component">;

function coordsOf(r: SelectorSpace): { m: Matrix | null; names: (k: number) => string[] } {
  const kind = (r as { kind?: string }).kind;
  if (kind === "pca") return { m: (r as PcaResult).scores, names: (k) => Array.from({ length: k }, (_, i) => `PC ${i + 1}`) };
  if (kind === "nmf") return { m: (r as NmfResult).W, names: (k) => Array.from({ length: k }, (_, i) => (r as NmfResult).H.names?.[i] ?? `NMF ${i + 1}`) };
  return { m: r as Matrix, names: (k) => Array.from({ length: k }, (_, i) => `component ${i + 1}`) };
}

/** The end-member selector widget; display it as the last expression of a cell. */
export class EndmemberSelector {
  /** The underlying widget model (state, observe, close). */
  readonly model: WidgetModel<SelectorState>;

  /** See {@link endmemberSelector}. */
  constructor(
    result: SelectorSpace,
    /** The pixel table the result was computed from (its rows are the points). */
    readonly table: PixelTable,
    options: EndmemberSelectorOptions = {},
  ) {
    const fn = "endmemberSelector";
    const { m, names: namesOf } = coordsOf(result);
    if (!m || !ArrayBuffer.isView(m.data as unknown) || !Number.isInteger(m.nRows) || !Number.isInteger(m.nCols)) {
      throw new TypeError(`${fn}: expected pca(T) (with scores), nmf(T, …) or a pixels × components Matrix as the first argument`);
    }
    if (m.nRows !== table.nRows) throw new RangeError(`${fn}: the result has ${m.nRows} pixels but the table has ${table.nRows}; pass the table the result was computed from`);
    const k = m.nCols;
    if (k < 2) throw new RangeError(`${fn}: the result has ${k} component; the scatter needs at least 2`);
    const names = namesOf(k);
    const [cx, cy] = options.components ?? [0, 1];
    for (const c of [cx, cy]) if (!Number.isInteger(c) || c < 0 || c >= k) throw new RangeError(`${fn}: components must be two numbers in [0, ${k}), got ${JSON.stringify(options.components)}`);
    const n = table.nRows;
    const color_fields: Record<string, Float32Array> = { sample: Float32Array.from(table.sample) };
    const color_info: Record<string, SelectorColorInfo> = { sample: { kind: "category", labels: table.samples.map((s) => s.name) } };
    if (table.brightness.some((b) => Number.isFinite(b))) {
      color_fields.brightness = Float32Array.from(table.brightness);
      color_info.brightness = { kind: "continuous" };
    }
    for (const [name, v] of Object.entries(options.values ?? {})) {
      if (v.length !== n) throw new RangeError(`${fn}: values["${name}"] has ${v.length} entries, expected one per pixel (${n})`);
      color_fields[name] = Float32Array.from(v);
      color_info[name] = { kind: "continuous" };
    }
    const colorBy = options.colorBy ?? "none";
    if (colorBy !== "none" && !(colorBy in color_fields)) throw new RangeError(`${fn}: colorBy must be "none" or one of ${Object.keys(color_fields).join(", ")}, got "${colorBy}"`);
    const candidates = (options.candidates?.clusters ?? []).map((c, i) => ({ name: options.candidates!.members.names?.[i] ?? `candidate ${i + 1}`, indices: checkIndices(c, n, `candidates[${i}]`) }));
    const groups = toGroups(options.groups ?? {}, n, []);
    this.model = new WidgetModel<SelectorState>(
      SELECTOR_CLASS,
      {
        coords: Float32Array.from(m.data),
        n_points: n,
        n_components: k,
        component_names: names,
        x_component: cx,
        y_component: cy,
        color_by: colorBy,
        color_fields,
        color_info,
        groups,
        active_group: groups[0]?.name ?? "",
        candidates,
        group_spectra: spectraOf(table, groups),
        ...selectorMapCoords(table),
        error: "",
        title: options.title ?? "",
        width: options.width ?? 520,
        height: options.height ?? 420,
      },
      { frontendWritable: SELECTOR_WRITABLE, validate: (patch) => validateSelectorUpdate(patch, this.state) },
    );
    // The spectra beside the scatter follow the groups, whoever changed them.
    this.model.observe("groups", (c) => this.model.set({ group_spectra: spectraOf(this.table, c.new as SelectorWireGroup[]) }));
    // A view hovering a pixel asks for its spectrum (the table stays here).
    this.model.onCustom((content) => {
      const reply = pixelSpectrumReply(this.table, content);
      if (reply) this.model.sendCustom(reply.content, reply.buffers);
    });
  }

  private get state(): SelectorState {
    const s = {} as Record<string, unknown>;
    for (const k of ["n_points", "n_components", "color_fields", "groups"]) s[k] = this.model.get(k);
    return s as SelectorState;
  }

  /** Number of points (pixels). */
  get size(): number {
    return this.model.get("n_points");
  }

  /** The groups: name → ascending pixel indices (a new object each time). */
  get groups(): Groups {
    const out: Groups = {};
    for (const g of this.model.get("groups")) out[g.name] = groupIndices(g);
    return out;
  }

  /** The groups with their colours, in order (dense groups, synced as masks, decoded to indices). */
  get groupList(): readonly SelectorGroup[] {
    return groupsWithIndices(this.model.get("groups"));
  }

  /** The message of the last rejected front-end update ("" when the last one was accepted). */
  get error(): string {
    return this.model.get("error");
  }

  /**
   * Replace all groups from code; every view redraws them.
   * @example
   * sel.setGroups({ reduced: em.clusters[0], oxidised: { indices: em.clusters[1], color: "#1f77b4" } });
   */
  setGroups(groups: Record<string, GroupInput>): void {
    const list = toGroups(groups, this.size, []);
    const active = this.model.get("active_group");
    this.model.set({ groups: list, active_group: list.some((g) => g.name === active) ? active : (list[0]?.name ?? "") });
  }

  /** Add (or replace) one group. */
  setGroup(name: string, indices: ArrayLike<number>, color?: string): void {
    const cur = this.model.get("groups");
    const i = cur.findIndex((g) => g.name === name);
    const [g] = toGroups({ [name]: { indices, color: color ?? cur[i]?.color } }, this.size, i >= 0 ? cur.filter((_, j) => j !== i) : cur);
    const next = i >= 0 ? cur.map((x, j) => (j === i ? g : x)) : [...cur, g];
    this.model.set({ groups: next, active_group: this.model.get("active_group") || name });
  }

  /** Delete one group (no error when it does not exist). */
  removeGroup(name: string): void {
    const next = this.model.get("groups").filter((g) => g.name !== name);
    const active = this.model.get("active_group");
    this.model.set({ groups: next, active_group: active === name ? (next[0]?.name ?? "") : active });
  }

  /** Colour the points by "none", "sample", "brightness" or a `values` field. */
  colorBy(field: string): void {
    this.model.set(validateSelectorUpdate({ color_by: field }, this.state));
  }

  /** Put components `x` and `y` (0-based) on the axes. */
  axes(x: number, y: number): void {
    this.model.set(validateSelectorUpdate({ x_component: x, y_component: y }, this.state));
  }

  /** Call `cb` whenever the groups change (from the browser or from code). Returns a function that stops it. */
  observe(cb: (groups: Groups) => void): () => void {
    return this.model.observe("groups", () => cb(this.groups));
  }

  /** Resolve with the groups after the user's next finished gesture (or group edit) in the browser. */
  async nextChange(): Promise<Groups> {
    await this.model.nextChange("groups");
    return this.groups;
  }

  /**
   * The groups' average spectra and spreads (non-empty groups, in order), as end members.
   * @throws RangeError when no group has pixels.
   */
  endmembers(): Endmembers {
    const groups = this.groupList.filter((g) => g.indices.length > 0);
    if (!groups.length) throw new RangeError("EndmemberSelector: no group has pixels yet; draw a lasso in the widget or call setGroups(…)");
    return endmembersFromGroups(this.table, groups.map((g) => ({ name: g.name, indices: g.indices })));
  }

  /**
   * The average spectrum of each non-empty group, named after it: `Spectra` `[groups, energies]`
   * ready for `nnlsPixels(T, sel.members())`.
   * @example
   * const fit = ew.nnlsPixels(T, sel.members());
   */
  members(): Spectra<"member"> {
    return this.endmembers().members;
  }

  /** @internal Displays as the widget, with a PNG of the points and groups for viewers without the widget manager. */
  [Symbol.for("edgeworks.mimeBundle")](): Record<string, unknown> {
    const k = this.model.get("n_components"), n = this.size;
    const coords = this.model.get("coords");
    const cx = this.model.get("x_component"), cy = this.model.get("y_component");
    const x = new Float32Array(n), y = new Float32Array(n);
    for (let i = 0; i < n; i++) {
      x[i] = coords[i * k + cx];
      y[i] = coords[i * k + cy];
    }
    const m = this.model;
    const png = selectorPng(x, y, this.groupList, {}, { pixel_sample: m.get("pixel_sample"), pixel_x: m.get("pixel_x"), pixel_y: m.get("pixel_y"), samples: m.get("samples"), brightness: this.table.brightness });
    return { ...this.model.mimeBundle(), "image/png": Buffer.from(png).toString("base64") };
  }
}

/**
 * Mean and standard deviation spectra of the non-empty groups. The groups' indices are already
 * checked (ascending, unique, in range: checkGroups), so they are averaged as they are, without
 * endmemberFromPixels' de-duplication (a Set and a sort of up to 10⁶ indices, ~0.5 s, between
 * the echo and its sending).
 */
function spectraOf(table: PixelTable, groups: readonly SelectorWireGroup[]): GroupSpectra {
  return {
    energies: Float32Array.from(table.energies),
    groups: groups
      .map((g) => ({ name: g.name, color: g.color, indices: groupIndices(g) }))
      .filter((g) => g.indices.length > 0)
      .map((g) => {
        const idx = g.indices;
        const { mean, std } = rowsMeanStd(table.data, table.nCols, new Int32Array(idx.buffer, idx.byteOffset, idx.length));
        return { name: g.name, color: g.color, count: idx.length, mean: Float32Array.from(mean), std: Float32Array.from(std) };
      }),
  };
}

/** Groups given from code, checked, each in its synced form (dense ones as masks). */
function toGroups(groups: Record<string, GroupInput>, n: number, existing: readonly SelectorWireGroup[]): SelectorWireGroup[] {
  if (!groups || typeof groups !== "object") throw new TypeError(`groups must be an object { name: indices }, got ${groups === null ? "null" : typeof groups}`);
  const used = existing.map((g) => g.color);
  const list = Object.entries(groups).map(([name, g]) => {
    const plain = ArrayBuffer.isView(g) || Array.isArray(g);
    const indices = plain ? (g as ArrayLike<number>) : (g as { indices: ArrayLike<number> }).indices;
    let color = plain ? undefined : (g as { color?: string }).color;
    if (!color) {
      color = GROUP_COLORS.find((c) => !used.includes(c)) ?? GROUP_COLORS[used.length % GROUP_COLORS.length];
    }
    used.push(color);
    return { name, color, indices: Array.isArray(indices) || ArrayBuffer.isView(indices) ? indices : Array.from(indices) };
  });
  return checkGroups(list, n).map((g) => ("indices" in g ? toWireGroup(g, n) : g));
}

/**
 * The end-member selector: every pixel of `table` as a point in the space of `result`
 * (PCA scores or NMF abundances), components on the axes chosen in the widget. Draw groups
 * with the lasso or rectangle (shift adds, alt removes), add/rename/delete groups, adopt
 * automatic candidates; read them here as `sel.groups`, await `sel.nextChange()`, set them with
 * `sel.setGroups(…)`, and fit every pixel with `nnlsPixels(T, sel.members())`.
 * @param result - `pca(T)` (with scores), `nmf(T, …)` of the same table, or any pixels × components `Matrix`.
 * @param table - the pixel table (`Matrix<"pixel","energy">` with samples, positions, brightness).
 * @param options - {@link EndmemberSelectorOptions}.
 * @example
 * const f = ew.nmf(T, { k: 3, seed: 1 });
 * const sel = endmemberSelector(f, T, { colorBy: "sample", candidates: ew.suggestEndmembers(T, { k: 3 }) });
 * sel                                   // displays the widget
 * // … lasso in the browser, then in a later cell:
 * const fit = ew.nnlsPixels(T, sel.members());
 */
export function endmemberSelector(result: SelectorSpace, table: PixelTable, options: EndmemberSelectorOptions = {}): EndmemberSelector {
  return new EndmemberSelector(result, table, options);
}
