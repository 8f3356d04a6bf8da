/**
 * The scatter-selection widget (front-end): a vega-lite point chart with an interval brush.
 * The brushed point indices go to the kernel as a binary Uint32Array (`selection`).
 */
import { DOMWidgetModel, DOMWidgetView, type ISerializers } from "@jupyter-widgets/base";
import embed, { type Result } from "vega-embed";
import { MODULE_NAME, MODULE_VERSION } from "./version";
import { indicesInBrush, type IntervalValue } from "./brush";

/** (De)serialisers for typed-array attributes: the array itself goes out (the manager sends it as a binary buffer). */
function typed<T>(C: { new (b: ArrayBuffer): T; BYTES_PER_ELEMENT: number }) {
  return {
    serialize(v: T): T {
      return v;
    },
    deserialize(v: unknown): T | null {
      if (v == null) return null;
      const dv = v as DataView;
      const copy = new Uint8Array(dv.byteLength);
      copy.set(new Uint8Array(dv.buffer, dv.byteOffset, dv.byteLength));
      return new C(copy.buffer);
    },
  };
}

/** Model: x, y (Float64Array), selection (Uint32Array), labels, size. */
export class ScatterSelectModel extends DOMWidgetModel {
  defaults() {
    return {
      ...super.defaults(),
      _model_name: "ScatterSelectModel",
      _model_module: MODULE_NAME,
      _model_module_version: MODULE_VERSION,
      _view_name: "ScatterSelectView",
      _view_module: MODULE_NAME,
      _view_module_version: MODULE_VERSION,
      x: new Float64Array(0),
      y: new Float64Array(0),
      selection: new Uint32Array(0),
      x_label: "x",
      y_label: "y",
      title: "",
      width: 420,
      height: 320,
    };
  }

  static serializers: ISerializers = {
    ...DOMWidgetModel.serializers,
    x: typed(Float64Array),
    y: typed(Float64Array),
    selection: typed(Uint32Array),
  };
}

/** View: renders the chart, listens to the brush, shows the selected count. */
export class ScatterSelectView extends DOMWidgetView {
  private result: Result | null = null;
  private status!: HTMLDivElement;
  private timer: ReturnType<typeof setTimeout> | null = null;

  render(): void {
    this.el.classList.add("edgeworks-scatter");
    const chart = document.createElement("div");
    chart.className = "edgeworks-scatter-chart";
    this.status = document.createElement("div");
    this.status.className = "edgeworks-scatter-status";
    this.status.style.font = "12px sans-serif";
    this.el.append(chart, this.status);
    this.updateStatus();
    this.listenTo(this.model, "change:selection", () => this.updateStatus());
    this.listenTo(this.model, "change:x change:y change:x_label change:y_label change:title", () => void this.draw(chart));
    void this.draw(chart);
  }

  private updateStatus(): void {
    const sel = this.model.get("selection") as Uint32Array;
    const n = (this.model.get("x") as Float64Array).length;
    this.status.textContent = `${sel.length} of ${n} points selected — drag to brush, double-click to clear`;
  }

  private async draw(el: HTMLElement): Promise<void> {
    const x = this.model.get("x") as Float64Array;
    const y = this.model.get("y") as Float64Array;
    const values = new Array(x.length);
    for (let i = 0; i < x.length; i++) values[i] = { x: x[i], y: y[i] };
    const spec = {
      $schema: "https://vega.github.io/schema/vega-lite/v5.json",
      title: this.model.get("title") || undefined,
      width: this.model.get("width"),
      height: this.model.get("height"),
      data: { values },
      mark: { type: "circle", size: x.length > 20000 ? 4 : 16, opacity: 0.6 },
      params: [{ name: "brush", select: { type: "interval", encodings: ["x", "y"] } }],
      encoding: {
        x: { field: "x", type: "quantitative", title: this.model.get("x_label"), scale: { zero: false } },
        y: { field: "y", type: "quantitative", title: this.model.get("y_label"), scale: { zero: false } },
        color: { condition: { param: "brush", empty: false, value: "#d62728" }, value: "#4c78a8" },
      },
    };
    this.result?.finalize();
    this.result = await embed(el, spec as never, { renderer: "canvas", actions: false });
    this.result.view.addSignalListener("brush", (_name, value) => {
      if (this.timer) clearTimeout(this.timer);
      // Send once the brush rests, not on every mouse move.
      this.timer = setTimeout(() => {
        const idx = indicesInBrush(x, y, (value ?? {}) as IntervalValue);
        this.model.set("selection", idx);
        this.model.save_changes();
      }, 150);
    });
  }

  remove(): void {
    this.result?.finalize();
    super.remove();
  }
}
