/**
 * `edgeworks/kernel` — what notebook code uses from the kernel: `show` for rich display,
 * `progress` bars, `clearOutput`, widgets (`endmemberSelector`, `scatterSelect`, `WidgetModel`).
 *
 * @example
 * import { show, progress, scatterSelect } from "edgeworks/kernel";
 * await show({ $schema: "https://vega.github.io/schema/vega-lite/v5.json", mark: "point", data: { values: [{ a: 1, b: 2 }] }, encoding: { x: { field: "a" }, y: { field: "b" } } });
 *
 * @module
 */
import { contextStore, getKernel } from "./context";
import { KeyboardInterrupt } from "./interrupt";
import { toMimeBundle, PngImage, tableBundle, vegaLiteToSvg, VEGALITE_MIME } from "./display";

export { progress, type Progress, type ProgressOptions } from "./progress";
export { WidgetModel, type WidgetClass, type Change, type WidgetOptions, type RejectedUpdate } from "./widget";
export { ScatterSelect, scatterSelect, type ScatterSelectOptions, type ScatterState } from "./scatter";
export { EndmemberSelector, endmemberSelector, type EndmemberSelectorOptions, type Groups, type GroupInput, type SelectorSpace } from "./selector";
export type { SelectorGroup, SelectorState, SelectorColorInfo, GroupSpectra } from "./selectorState";
export { StackExplorer, stackExplorer, type StackExplorerOptions, type StackExplorerState, type ExplorerRegion, type RectRegion, type PolygonRegion, type RegionInput } from "./stackExplorer";
export { PngImage, tableBundle, vegaLiteToSvg, toMimeBundle, VEGALITE_MIME };

/**
 * Display a value in the output of the running cell: a Vega-Lite spec (chart + SVG fallback),
 * one of the library's objects (a PCA/NMF/end-member/NNLS/LCF result, a stack or scan, a pixel
 * table, spectra, maps or a matrix: HTML summary with its chart or image, see `richDisplay.ts`),
 * a table (arquero or rows of objects), a widget, a `PngImage`, or anything as text.
 * Outside a kernel nothing is shown (use `toMimeBundle` to get the bundle).
 */
export async function show(value: unknown): Promise<void> {
  const data = await toMimeBundle(value);
  getKernel()?.publish("display_data", { data, metadata: {}, transient: {} });
}

/** Show PNG bytes (e.g. a colour map) as an image. */
export function showPng(bytes: Uint8Array, alt?: string): Promise<void> {
  return show(new PngImage(bytes, alt));
}

/** Clear the output of the running cell (`wait`: clear when the next output arrives). */
export function clearOutput(wait = false): void {
  getKernel()?.publish("clear_output", { wait });
}

/** Whether code runs inside the edgeworks kernel. */
export function inKernel(): boolean {
  return getKernel() !== undefined;
}

/**
 * Let the kernel breathe inside a long loop: yields to the event loop (so comm messages and
 * progress updates get through) and throws KeyboardInterrupt if the cell was interrupted.
 * @example
 * for (const f of files) { await checkpoint(); process(f); }
 */
export async function checkpoint(): Promise<void> {
  await new Promise<void>((r) => setImmediate(r));
  if (contextStore().getStore()?.signal?.aborted) throw new KeyboardInterrupt();
}
