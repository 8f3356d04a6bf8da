/**
 * The scatter-selection widget (kernel side): points (x, y) drawn by the front-end's density
 * raster; the rows the user selects (rectangle or lasso, on mouse-up) come back as a
 * `Uint32Array` of indices, checked before they are applied.
 *
 * @module
 */
import fs from "node:fs";
import path from "node:path";
import { WidgetModel, type WidgetClass } from "./widget";
import { checkIndices } from "./selectorState";

/** widgets/package.json, found from this file in the sources (kernel-ext/) or the build (dist/kernel-ext/). */
function widgetsPackage(): { name: string; version: string } {
  for (let dir = __dirname, i = 0; i < 4; i++, dir = path.dirname(dir)) {
    const f = path.join(dir, "widgets", "package.json");
    if (fs.existsSync(f)) return JSON.parse(fs.readFileSync(f, "utf8")) as { name: string; version: string };
  }
  throw new Error(`edgeworks widgets: widgets/package.json not found above ${__dirname}; the kernel needs it to name the front-end module's version`);
}

const WIDGETS_PACKAGE = widgetsPackage();
/** Front-end module name of the edgeworks widgets (widgets/package.json `name`). */
export const WIDGETS_MODULE: string = WIDGETS_PACKAGE.name;
/** Version of the front-end module this kernel speaks to (widgets/package.json `version`, the one the front-end registers). */
export const WIDGETS_VERSION: string = WIDGETS_PACKAGE.version;

/** The synced state of a {@link ScatterSelect}. */
export interface ScatterState extends Record<string, unknown> {
  /** x coordinate of every point, length n. */
  x: Float64Array;
  /** y coordinate of every point, length n. */
  y: Float64Array;
  /** Axis titles and chart title. */
  x_label: string;
  y_label: string;
  title: string;
  /** Selected point indices (ascending), from the brush or set by code. */
  selection: Uint32Array;
  /** Plot size in pixels. */
  width: number;
  height: number;
  /** The last rejected update's message ("" after an accepted one). */
  error: string;
}

/** Options of {@link scatterSelect}. */
export interface ScatterSelectOptions {
  /** Default "x". */
  xLabel?: string;
  /** Default "y". */
  yLabel?: string;
  /** Default "". */
  title?: string;
  /** Default 420. */
  width?: number;
  /** Default 320. */
  height?: number;
}

const SCATTER_CLASS: WidgetClass = {
  modelName: "ScatterSelectModel",
  modelModule: WIDGETS_MODULE,
  modelModuleVersion: WIDGETS_VERSION,
  viewName: "ScatterSelectView",
  viewModule: WIDGETS_MODULE,
  viewModuleVersion: WIDGETS_VERSION,
};

function checkedCoords(name: string, v: ArrayLike<number>): Float64Array {
  const a = Float64Array.from(v);
  const bad = a.findIndex((t) => !Number.isFinite(t));
  if (bad >= 0) throw new RangeError(`scatterSelect: ${name}[${bad}] is ${a[bad]}; every coordinate must be finite`);
  return a;
}

/** A scatter plot whose brushed points reach the kernel. */
export class ScatterSelect {
  /** The underlying widget model (state, observe, close). */
  readonly model: WidgetModel<ScatterState>;

  constructor(x: ArrayLike<number>, y: ArrayLike<number>, options: ScatterSelectOptions = {}) {
    if (x.length !== y.length) throw new RangeError(`scatterSelect: x has ${x.length} points but y has ${y.length}`);
    this.model = new WidgetModel<ScatterState>(
      SCATTER_CLASS,
      {
        x: checkedCoords("x", x),
        y: checkedCoords("y", y),
        x_label: options.xLabel ?? "x",
        y_label: options.yLabel ?? "y",
        title: options.title ?? "",
        selection: new Uint32Array(0),
        width: options.width ?? 420,
        height: options.height ?? 320,
        error: "",
      },
      {
        arrayTypes: { selection: Uint32Array, x: Float64Array, y: Float64Array },
        frontendWritable: ["selection"],
        validate: (patch) => ("selection" in patch ? { selection: checkIndices(patch.selection, this.size, "selection") } : {}),
      },
    );
  }

  /** Number of points. */
  get size(): number {
    return this.model.get("x").length;
  }

  /** The selected point indices, ascending. */
  get selection(): Uint32Array {
    return this.model.get("selection");
  }

  /** Select points from code (indices are checked, sorted and de-duplicated); the views highlight them. */
  select(indices: ArrayLike<number>): void {
    this.model.set({ selection: checkIndices(Array.from(indices), this.size, "ScatterSelect.select") });
  }

  /** Call `cb` whenever the selection changes (from the browser or from code). */
  onSelection(cb: (indices: Uint32Array) => void): () => void {
    return this.model.observe("selection", (c) => cb(c.new as Uint32Array));
  }

  /** Resolve with the next selection the user makes in the browser (sent once per finished gesture, on mouse-up). */
  nextSelection(): Promise<Uint32Array> {
    return this.model.nextChange("selection");
  }

  /** @internal Displays as the widget. */
  [Symbol.for("edgeworks.mimeBundle")](): Record<string, unknown> {
    return this.model.mimeBundle();
  }
}

/**
 * A scatter plot of (x[i], y[i]) where the user drags a rectangle or a lasso (shift adds, alt
 * removes); the indices of the points inside reach the kernel as `widget.selection` when the
 * mouse button is released, and `w.select(…)` highlights points from code.
 * @example
 * const w = scatterSelect(scores.pc1, scores.pc2, { xLabel: "PC1", yLabel: "PC2" });
 * w            // the last expression of a cell displays it
 * // … brush in the browser, then in a later cell:
 * w.selection.length
 */
export function scatterSelect(x: ArrayLike<number>, y: ArrayLike<number>, options: ScatterSelectOptions = {}): ScatterSelect {
  return new ScatterSelect(x, y, options);
}
