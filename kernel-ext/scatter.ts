/**
 * The scatter-selection widget (kernel side): points (x, y) drawn by the front-end's
 * vega-lite view; the rows the user brushes come back as a `Uint32Array` of indices.
 *
 * @module
 */
import { WidgetModel, type WidgetClass } from "./widget";

/** Front-end module name and version of the edgeworks widgets (see widgets/package.json). */
export const WIDGETS_MODULE = "edgeworks-widgets";
/** Semver range of the front-end module this kernel speaks to. */
export const WIDGETS_VERSION = "^0.1.0";

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
      },
      { arrayTypes: { selection: Uint32Array, x: Float64Array, y: Float64Array } },
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

  /** Select points from code (indices are checked, sorted and de-duplicated). */
  select(indices: ArrayLike<number>): void {
    const n = this.size;
    const s = Array.from(new Set(Array.from(indices))).sort((a, b) => a - b);
    const bad = s.find((i) => !Number.isInteger(i) || i < 0 || i >= n);
    if (bad !== undefined) throw new RangeError(`ScatterSelect.select: index ${bad} is outside [0, ${n})`);
    this.model.set({ selection: Uint32Array.from(s) });
  }

  /** Call `cb` whenever the selection changes (from the browser or from code). */
  onSelection(cb: (indices: Uint32Array) => void): () => void {
    return this.model.observe("selection", (c) => cb(c.new as Uint32Array));
  }

  /** Resolve with the next selection the user makes in the browser. */
  nextSelection(): Promise<Uint32Array> {
    return this.model.nextChange("selection");
  }

  /** @internal Displays as the widget. */
  [Symbol.for("edgeworks.mimeBundle")](): Record<string, unknown> {
    return this.model.mimeBundle();
  }
}

/**
 * A scatter plot of (x[i], y[i]) where the user brushes a rectangle; the indices of the
 * points inside reach the kernel as `widget.selection`.
 * @example
 * const w = scatterSelect(scores.pc1, scores.pc2, { xLabel: "PC1", yLabel: "PC2" });
 * w            // the last expression of a cell displays it
 * // … brush in the browser, then in a later cell:
 * w.selection.length
 */
export function scatterSelect(x: ArrayLike<number>, y: ArrayLike<number>, options: ScatterSelectOptions = {}): ScatterSelect {
  return new ScatterSelect(x, y, options);
}
