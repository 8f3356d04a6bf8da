/**
 * The stack explorer's view: toolbar (rectangle / lasso / pixel tool, contrast, colour map,
 * clipping, clear), the image at the chosen energy on a canvas (pixels as squares, the region
 * outlined in red, the clicked pixel in blue), an energy slider, and the spectrum plot beside it
 * (click to show that energy). A click on the image (no drag) picks a pixel; a finished drag
 * sets the region once (mouse-up) and saves it to the kernel, which checks it and answers with
 * the region's mean spectrum.
 *
 * The image canvas keeps `data-scale` (CSS px per image pixel) so tests can map page positions
 * to pixels: pixel x = floor((pageX − canvas left) / scale).
 */
import { DOMWidgetView } from "@jupyter-widgets/base";
import { colorize, displayRange, lassoPolygon, nearestIndex, rectFromDrag, type Region } from "./stackExplorerDraw";
import { CURVE_COLORS, drawExplorerSpectra, energyAt } from "./stackExplorerSpectrum";

type Tool = "rect" | "lasso" | "pixel";

function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<HTMLElementTagNameMap[K]> = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  Object.assign(e, props);
  e.append(...children);
  return e;
}

/** View of a StackExplorerModel. */
export class StackExplorerView extends DOMWidgetView {
  private canvas!: HTMLCanvasElement;
  private spectra!: HTMLCanvasElement;
  private slider!: HTMLInputElement;
  private energyLabel!: HTMLSpanElement;
  private toolbar!: HTMLDivElement;
  private status!: HTMLDivElement;
  private errorBox!: HTMLDivElement;
  private localError = "";
  private tool: Tool = "rect";
  private bitmap: HTMLCanvasElement = document.createElement("canvas");
  private scale = 1;
  private drag: [number, number][] | null = null;
  private sliderFrame = 0;

  render(): void {
    this.el.classList.add("edgeworks-explorer");
    Object.assign(this.el.style, { font: "12px sans-serif", display: "flex", flexDirection: "column", gap: "4px" });
    const title = el("div", { className: "edgeworks-explorer-title", textContent: this.model.get("title") });
    title.style.fontWeight = "bold";
    this.toolbar = el("div", { className: "edgeworks-explorer-toolbar" });
    Object.assign(this.toolbar.style, { display: "flex", gap: "6px", alignItems: "center", flexWrap: "wrap" });
    this.canvas = el("canvas", { className: "edgeworks-explorer-image" });
    Object.assign(this.canvas.style, { cursor: "crosshair", border: "1px solid #999", touchAction: "none" });
    this.spectra = el("canvas", { className: "edgeworks-explorer-spectra" });
    this.spectra.style.cursor = "pointer";
    this.slider = el("input", { type: "range", className: "edgeworks-explorer-slider", min: "0", step: "1" });
    this.energyLabel = el("span", { className: "edgeworks-explorer-energy" });
    this.status = el("div", { className: "edgeworks-explorer-status" });
    this.errorBox = el("div", { className: "edgeworks-explorer-error" });
    Object.assign(this.errorBox.style, { color: "#b00020", whiteSpace: "pre-wrap" });
    const left = el("div", {}, this.canvas, el("div", {}, this.slider, this.energyLabel));
    Object.assign(left.style, { display: "flex", flexDirection: "column", gap: "4px" });
    const legend = el("div", {});
    legend.innerHTML = `<span style="color:${CURVE_COLORS.mean}">━ whole image</span> · <span style="color:${CURVE_COLORS.pixel}">━ pixel</span> · <span style="color:${CURVE_COLORS.region}">━ region</span> · <span style="color:${CURVE_COLORS.current}">│ energy shown</span>`;
    const right = el("div", {}, this.spectra, legend);
    const main = el("div", {}, left, right);
    Object.assign(main.style, { display: "flex", gap: "12px", alignItems: "flex-start", flexWrap: "wrap" });
    this.el.append(title, this.toolbar, main, this.status, this.errorBox);

    this.slider.oninput = () => {
      this.energyLabel.textContent = this.energyText(Number(this.slider.value));
      if (this.sliderFrame) return;
      this.sliderFrame = requestAnimationFrame(() => {
        this.sliderFrame = 0;
        this.save({ energy_index: Number(this.slider.value) });
      });
    };
    this.spectra.onclick = (ev) => {
      const e = energyAt(this.spectra, ev.offsetX);
      if (Number.isFinite(e)) this.save({ energy_index: nearestIndex(this.model.get("energies"), e) });
    };
    this.canvas.onpointerdown = (ev) => this.pointerDown(ev);
    this.canvas.onpointermove = (ev) => this.pointerMove(ev);
    this.canvas.onpointerup = (ev) => this.pointerUp(ev);
    this.canvas.onpointerleave = () => {
      if (!this.drag) this.updateStatus();
    };

    this.renderToolbar();
    this.updateImage();
    this.drawSpectra();
    this.updateStatus();
    this.listenTo(this.model, "change:image change:contrast change:colormap change:clip change:nx change:ny change:size", () => {
      this.renderToolbar();
      this.updateImage();
    });
    this.listenTo(this.model, "change:region change:pixel", () => {
      this.redraw();
      this.updateStatus();
    });
    this.listenTo(this.model, "change:energy_index", () => {
      this.syncSlider();
      this.drawSpectra();
    });
    this.listenTo(this.model, "change:pixel_spectrum change:region_spectrum change:mean_spectrum change:region_count", () => {
      this.drawSpectra();
      this.updateStatus();
    });
    this.listenTo(this.model, "change:error", () => this.updateError());
    this.listenTo(this.model, "msg:custom", (content: { type?: string; message?: string }) => {
      if (content?.type === "error") {
        this.localError = String(content.message ?? "");
        this.updateError();
      }
    });
    this.updateError();
  }

  private save(patch: Record<string, unknown>): void {
    this.localError = "";
    this.model.set(patch);
    this.model.save_changes();
    this.updateError();
  }

  private energyText(i: number): string {
    const E: Float64Array = this.model.get("energies");
    return E.length ? `${E[i]?.toFixed(2)} eV (${i + 1}/${E.length})` : "";
  }

  private syncSlider(): void {
    const n: number = this.model.get("n_e");
    this.slider.max = String(Math.max(0, n - 1));
    this.slider.value = String(this.model.get("energy_index"));
    this.energyLabel.textContent = this.energyText(this.model.get("energy_index"));
  }

  private renderToolbar(): void {
    const tool = (t: Tool, label: string, hint: string) => {
      const b = el("button", { textContent: label, title: hint, className: `edgeworks-tool edgeworks-tool-${t}` });
      b.style.fontWeight = this.tool === t ? "bold" : "normal";
      b.onclick = () => {
        this.tool = t;
        this.renderToolbar();
      };
      return b;
    };
    const select = (key: string, options: string[]) => {
      const s = el("select", { className: `edgeworks-explorer-${key}` });
      for (const o of options) s.append(el("option", { value: o, textContent: o, selected: o === this.model.get(key) }));
      s.onchange = () => this.save({ [key]: s.value });
      return s;
    };
    const clip = el("input", { type: "number", min: "0", max: "49", step: "0.5", value: String(this.model.get("clip")), className: "edgeworks-explorer-clip", title: "percent clipped at each end of the colour scale" });
    clip.style.width = "48px";
    clip.onchange = () => this.save({ clip: Number(clip.value) });
    const clear = el("button", { textContent: "clear region", className: "edgeworks-explorer-clear" });
    clear.onclick = () => this.save({ region: null });
    this.toolbar.replaceChildren(
      tool("rect", "rectangle", "drag a rectangle of whole pixels"),
      tool("lasso", "lasso", "drag a free-hand polygon; pixels whose centre is inside count"),
      tool("pixel", "pixel", "click a pixel for its spectrum (a click without dragging works with every tool)"),
      clear,
      "contrast",
      select("contrast", ["linear", "log"]),
      "colours",
      select("colormap", ["grey", "viridis"]),
      "clip %",
      clip,
    );
  }

  /** Colour the image at native resolution into the bitmap, then draw it scaled. */
  private updateImage(): void {
    const ny: number = this.model.get("ny"), nx: number = this.model.get("nx");
    const img: Float32Array = this.model.get("image");
    const size: number = this.model.get("size");
    this.scale = Math.max(1, size / Math.max(1, nx, ny));
    const w = nx * this.scale, h = ny * this.scale;
    const dpr = window.devicePixelRatio || 1;
    this.canvas.width = Math.round(w * dpr);
    this.canvas.height = Math.round(h * dpr);
    this.canvas.style.width = `${w}px`;
    this.canvas.style.height = `${h}px`;
    this.canvas.dataset.scale = String(this.scale);
    this.canvas.dataset.size = `${nx},${ny}`;
    this.bitmap.width = Math.max(1, nx);
    this.bitmap.height = Math.max(1, ny);
    if (img.length === nx * ny && nx * ny > 0) {
      const contrast: string = this.model.get("contrast");
      const range = displayRange(img, contrast, this.model.get("clip"));
      const rgba = colorize(img, contrast, this.model.get("colormap"), range);
      const data = new ImageData(nx, ny);
      data.data.set(rgba);
      this.bitmap.getContext("2d")?.putImageData(data, 0, 0);
      this.canvas.dataset.range = range.join(",");
    }
    this.syncSlider();
    this.redraw();
  }

  /** The image, the region, the picked pixel and the gesture in progress. */
  private redraw(): void {
    const ctx = this.canvas.getContext("2d");
    if (!ctx) return;
    const dpr = window.devicePixelRatio || 1, s = this.scale;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.imageSmoothingEnabled = false;
    ctx.clearRect(0, 0, this.canvas.width, this.canvas.height);
    ctx.drawImage(this.bitmap, 0, 0, this.bitmap.width * s, this.bitmap.height * s);
    const region = this.model.get("region") as Region | null;
    ctx.lineWidth = 2;
    if (region) {
      ctx.strokeStyle = "#ff0000";
      ctx.beginPath();
      if (region.kind === "rect") ctx.rect(region.x0 * s, region.y0 * s, (region.x1 - region.x0) * s, (region.y1 - region.y0) * s);
      else {
        region.points.forEach(([x, y]) => ctx.lineTo(x * s, y * s));
        ctx.closePath();
      }
      ctx.stroke();
    }
    const p = this.model.get("pixel") as [number, number] | null;
    if (p) {
      ctx.strokeStyle = CURVE_COLORS.pixel;
      ctx.strokeRect(p[1] * s, p[0] * s, s, s);
    }
    if (this.drag && this.drag.length > 1) {
      ctx.strokeStyle = "#ffd400";
      ctx.setLineDash([4, 3]);
      ctx.beginPath();
      if (this.tool === "rect") {
        const [a, b] = [this.drag[0], this.drag[this.drag.length - 1]];
        ctx.rect(a[0] * s, a[1] * s, (b[0] - a[0]) * s, (b[1] - a[1]) * s);
      } else {
        this.drag.forEach(([x, y]) => ctx.lineTo(x * s, y * s));
      }
      ctx.stroke();
      ctx.setLineDash([]);
    }
  }

  /** Pixel coordinates (continuous) of a pointer event. */
  private at(ev: PointerEvent): [number, number] {
    const r = this.canvas.getBoundingClientRect();
    return [(ev.clientX - r.left) / this.scale, (ev.clientY - r.top) / this.scale];
  }

  private pointerDown(ev: PointerEvent): void {
    if (ev.button !== 0) return;
    this.canvas.setPointerCapture?.(ev.pointerId);
    this.drag = [this.at(ev)];
  }

  private pointerMove(ev: PointerEvent): void {
    const p = this.at(ev);
    this.updateStatus(p);
    if (!this.drag) return;
    this.drag.push(p);
    this.redraw();
  }

  private pointerUp(ev: PointerEvent): void {
    const d = this.drag;
    this.drag = null;
    if (!d) return;
    const end = this.at(ev);
    d.push(end);
    const ny: number = this.model.get("ny"), nx: number = this.model.get("nx");
    const moved = Math.hypot(end[0] - d[0][0], end[1] - d[0][1]) * this.scale;
    const maxFromStart = Math.max(...d.map(([x, y]) => Math.hypot(x - d[0][0], y - d[0][1]))) * this.scale;
    if (this.tool === "pixel" || maxFromStart < 3) {
      const x = Math.floor(end[0]), y = Math.floor(end[1]);
      if (x >= 0 && y >= 0 && x < nx && y < ny) this.save({ pixel: [y, x] });
      this.redraw();
      return;
    }
    if (this.tool === "rect" && moved >= 1) this.save({ region: rectFromDrag(d[0][0], d[0][1], end[0], end[1], ny, nx) });
    else if (this.tool === "lasso") {
      const poly = lassoPolygon(d, ny, nx);
      if (poly.length >= 3) this.save({ region: { kind: "polygon", points: poly } });
    }
    this.redraw();
  }

  private updateStatus(p?: [number, number]): void {
    const ny: number = this.model.get("ny"), nx: number = this.model.get("nx");
    const parts: string[] = [`${ny} × ${nx} pixels`];
    if (p) {
      const x = Math.floor(p[0]), y = Math.floor(p[1]);
      if (x >= 0 && y >= 0 && x < nx && y < ny) {
        const xu: Float64Array = this.model.get("x_um"), yu: Float64Array = this.model.get("y_um");
        const v = (this.model.get("image") as Float32Array)[y * nx + x];
        parts.push(`pixel y ${y}, x ${x} (${yu[y]?.toFixed(2)}, ${xu[x]?.toFixed(2)} µm): ${Number(v.toPrecision(4))}`);
      }
    }
    const r = this.model.get("region") as Region | null;
    if (r) parts.push(r.kind === "rect" ? `region x ${r.x0}…${r.x1 - 1}, y ${r.y0}…${r.y1 - 1}` : `region: polygon of ${r.points.length} points`, `${this.model.get("region_count")} pixels`);
    this.status.textContent = parts.join(" — ");
  }

  private drawSpectra(): void {
    drawExplorerSpectra(
      this.spectra,
      {
        energies: this.model.get("energies"),
        mean: this.model.get("mean_spectrum"),
        pixel: this.model.get("pixel_spectrum"),
        region: this.model.get("region_spectrum"),
        current: this.model.get("energy_index"),
        quantity: this.model.get("quantity"),
      },
      340,
      Math.max(200, Math.min(300, this.model.get("size") * 0.75)),
    );
  }

  private updateError(): void {
    this.errorBox.textContent = this.localError || (this.model.get("error") as string);
  }

  remove(): void {
    if (this.sliderFrame) cancelAnimationFrame(this.sliderFrame);
    super.remove();
  }
}
