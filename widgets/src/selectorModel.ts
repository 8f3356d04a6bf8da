/**
 * The end-member selector's model (front-end): the attributes the kernel syncs, their
 * serialisers, and the pure operations the view applies to groups before saving them.
 */
import { DOMWidgetModel, type ISerializers } from "@jupyter-widgets/base";
import { MODULE_NAME, MODULE_VERSION } from "./version";
import { groupsSerializer, typed, typedInList, typedRecord } from "./serializers";
import { groupSpectraSerializer } from "./selectorSpectra";
import { GROUP_COLORS } from "./palette";
import { maskCount, maskToIndices, useMask } from "./groupMask";
import type { Group } from "./selectorTypes";

export type { Group, Candidate, ColorInfo } from "./selectorTypes";

/** Model: see the kernel's `SelectorState` (kernel-ext/selectorState.ts) for every attribute. */
export class EndmemberSelectorModel extends DOMWidgetModel {
  defaults() {
    return {
      ...super.defaults(),
      _model_name: "EndmemberSelectorModel",
      _model_module: MODULE_NAME,
      _model_module_version: MODULE_VERSION,
      _view_name: "EndmemberSelectorView",
      _view_module: MODULE_NAME,
      _view_module_version: MODULE_VERSION,
      coords: new Float32Array(0),
      n_points: 0,
      n_components: 0,
      component_names: [],
      x_component: 0,
      y_component: 1,
      color_by: "none",
      color_fields: {},
      color_info: {},
      groups: [],
      active_group: "",
      candidates: [],
      group_spectra: { energies: new Float32Array(0), groups: [] },
      pixel_sample: new Uint16Array(0),
      pixel_x: new Uint16Array(0),
      pixel_y: new Uint16Array(0),
      samples: [],
      error: "",
      title: "",
      width: 520,
      height: 420,
    };
  }

  static serializers: ISerializers = {
    ...DOMWidgetModel.serializers,
    coords: typed(Float32Array),
    color_fields: typedRecord(Float32Array),
    groups: groupsSerializer(),
    candidates: typedInList(Uint32Array, "indices"),
    group_spectra: groupSpectraSerializer,
    pixel_sample: typed(Uint16Array),
    pixel_x: typed(Uint16Array),
    pixel_y: typed(Uint16Array),
  };
}

/** A name not among `taken`: `base`, else `base 2`, `base 3`, … */
export function uniqueName(base: string, taken: readonly string[]): string {
  if (!taken.includes(base)) return base;
  for (let i = 2; ; i++) if (!taken.includes(`${base} ${i}`)) return `${base} ${i}`;
}

/** The first group colour no group uses (cycling when all are used). */
export function nextColor(groups: readonly Group[]): string {
  const used = new Set(groups.map((g) => g.color.toLowerCase()));
  return GROUP_COLORS.find((c) => !used.has(c)) ?? GROUP_COLORS[groups.length % GROUP_COLORS.length];
}

/** Groups with a new empty group appended. */
export function addGroup(groups: readonly Group[], name?: string, indices: Uint32Array = new Uint32Array(0)): Group[] {
  const n = uniqueName(name ?? `group ${groups.length + 1}`, groups.map((g) => g.name));
  return [...groups, { name: n, color: nextColor(groups), indices }];
}

/** Groups with one renamed; refused (Error) when the new name is empty or taken. */
export function renameGroup(groups: readonly Group[], from: string, to: string): Group[] {
  const name = to.trim();
  if (!name) throw new Error("a group needs a name");
  if (name !== from && groups.some((g) => g.name === name)) throw new Error(`there is already a group "${name}"`);
  return groups.map((g) => (g.name === from ? { ...g, name } : g));
}

/** Groups with the named one's indices replaced (its mask, if any, dropped: the serialiser makes one when it is dense). */
export function setIndices(groups: readonly Group[], name: string, indices: Uint32Array): Group[] {
  return groups.map((g) => (g.name === name ? { name: g.name, color: g.color, indices } : g));
}

/**
 * Groups with the named one's membership given as a mask of `n` points (its ascending indices
 * decoded in one pass); the mask is kept for the wire when the group is dense ({@link useMask}).
 */
export function setMask(groups: readonly Group[], name: string, mask: Uint8Array, n: number): Group[] {
  const count = maskCount(mask);
  const indices = maskToIndices(mask, count);
  return groups.map((g) => (g.name !== name ? g : useMask(count, n) ? { name: g.name, color: g.color, indices, mask, count } : { name: g.name, color: g.color, indices }));
}
