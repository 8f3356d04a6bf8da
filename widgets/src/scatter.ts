/**
 * The scatter-selection widget (front-end): the selector's simplest mode, one selection. Points
 * drawn by the density raster (fluid at 10⁶ points); a rectangle or free-hand lasso selects
 * (shift adds, alt removes) and the indices go to the kernel as a binary Uint32Array
 * (`selection`) once, when the mouse button is released. The highlighted points are always
 * the model's `selection`, so a selection set from the kernel is drawn too.
 */
import { DOMWidgetModel, DOMWidgetView, type ISerializers } from "@jupyter-widgets/base";
import { MODULE_NAME, MODULE_VERSION } from "./version";
import { typed } from "./serializers";
import { PointPlot, type Gesture, type Tool } from "./plot";
import { combine, indicesInPolygon, indicesInRect } from "./geometry";
import { pointColors } from "./selectorColors";

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
      error: "",
    };
  }

  static serializers: ISerializers = {
    ...DOMWidgetModel.serializers,
    x: typed(Float64Array),
    y: typed(Float64Array),
    selection: typed(Uint32Array),
  };
}

/** View: the plot, a tool switch and the selected count. */
export class ScatterSelectView extends DOMWidgetView {
  private plot!: PointPlot;
  private status!: HTMLDivElement;
  private error = "";

  render(): void {
    this.el.classList.add("edgeworks-scatter");
    this.el.style.font = "12px sans-serif";
    const title = document.createElement("div");
    title.style.fontWeight = "bold";
    title.textContent = this.model.get("title");
    this.plot = new PointPlot({ width: this.model.get("width"), height: this.model.get("height"), onGesture: (g) => this.gesture(g) });
    this.plot.tool = "rect";
    const bar = document.createElement("div");
    const tools: [Tool, string][] = [["rect", "rectangle"], ["lasso", "lasso"], ["pan", "pan"]];
    const draw = () =>
      bar.replaceChildren(
        ...tools.map(([t, label]) => {
          const b = document.createElement("button");
          b.textContent = label;
          b.style.fontWeight = this.plot.tool === t ? "bold" : "normal";
          b.onclick = () => {
            this.plot.tool = t;
            draw();
          };
          return b;
        }),
      );
    draw();
    this.status = document.createElement("div");
    this.status.className = "edgeworks-scatter-status";
    this.el.append(title, bar, this.plot.el, this.status);
    this.points();
    this.listenTo(this.model, "change:x change:y change:x_label change:y_label", () => this.points());
    this.listenTo(this.model, "change:selection", () => this.colors());
    this.listenTo(this.model, "change:error", () => this.updateStatus());
    this.listenTo(this.model, "msg:custom", (c: { type?: string; message?: string }) => {
      if (c?.type === "error") {
        this.error = String(c.message ?? "");
        this.updateStatus();
      }
    });
  }

  private points(): void {
    this.plot.setPoints(this.model.get("x"), this.model.get("y"), this.model.get("x_label"), this.model.get("y_label"));
    this.colors();
  }

  private colors(): void {
    const n = (this.model.get("x") as Float64Array).length;
    const sel = this.model.get("selection") as Uint32Array;
    const base = pointColors(n, undefined, undefined, [{ name: "selection", color: "#d62728", indices: sel }]);
    // Unselected points in the usual blue.
    for (let i = 0; i < n; i++) if (base[i] === 0x8c8c8c) base[i] = 0x4c78a8;
    this.plot.setColors(base);
    this.updateStatus();
  }

  private updateStatus(): void {
    const sel = this.model.get("selection") as Uint32Array;
    const n = (this.model.get("x") as Float64Array).length;
    const err = this.error || this.model.get("error");
    this.status.textContent = `${sel.length} of ${n} points selected — drag to select (shift adds, alt removes), wheel zooms, double-click resets the view${err ? ` — ${err}` : ""}`;
  }

  private gesture(g: Gesture): void {
    const x = this.model.get("x") as Float64Array, y = this.model.get("y") as Float64Array;
    const idx = g.kind === "lasso" ? indicesInPolygon(x, y, g.polygon) : indicesInRect(x, y, g.rect);
    this.error = "";
    this.model.set("selection", combine(this.model.get("selection") as Uint32Array, idx, g.mode));
    this.model.save_changes();
  }

  remove(): void {
    this.plot.dispose();
    super.remove();
  }
}
