/**
 * The end-member selector's view: toolbar (tool, axes, colour), the point plot, and beside it
 * the groups (add, rename, recolour, clear, delete, choose the one gestures edit) and the
 * automatic candidates (adopt with one click). Everything drawn comes from the model; a
 * finished gesture changes the model's `groups` once (mouse-up) and saves it to the kernel.
 */
import { DOMWidgetView } from "@jupyter-widgets/base";
import { PointPlot, type Gesture, type Tool } from "./plot";
import { indicesInPolygon, indicesInRect } from "./geometry";
import { applyToMask, indicesToMask, maskBytes } from "./groupMask";
import { fieldColors, withGroups } from "./selectorColors";
import { addGroup, renameGroup, setIndices, setMask, uniqueName, type Candidate, type ColorInfo, type Group } from "./selectorModel";
import { CATEGORY_COLORS } from "./palette";
import { drawSpectra } from "./selectorSpectra";
import { SelectorHover } from "./selectorHover";

function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<HTMLElementTagNameMap[K]> = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  Object.assign(e, props);
  e.append(...children);
  return e;
}

/** View of an EndmemberSelectorModel. */
export class EndmemberSelectorView extends DOMWidgetView {
  private plot!: PointPlot;
  private xs = new Float32Array(0);
  private ys = new Float32Array(0);
  private toolbar!: HTMLDivElement;
  private side!: HTMLDivElement;
  private status!: HTMLDivElement;
  private errorBox!: HTMLDivElement;
  private localError = "";
  private colorFrame = 0;
  /** The colours of the colour field alone, and what they were computed from (kept between group edits). */
  private base: { colors: Uint32Array; field: unknown; info: unknown; n: number } | null = null;
  private spectra!: HTMLCanvasElement;
  /** Maps per sample, hover on scatter and maps, the hovered pixel's spectrum. */
  private hover!: SelectorHover;

  render(): void {
    this.el.classList.add("edgeworks-selector");
    Object.assign(this.el.style, { font: "12px sans-serif", display: "flex", flexDirection: "column", gap: "4px" });
    this.plot = new PointPlot({ width: this.model.get("width"), height: this.model.get("height"), onGesture: (g) => this.gesture(g) });
    this.hover = new SelectorHover({ root: this.el, plot: this.plot, send: (c) => this.send(c), redrawSpectra: () => this.drawSpectra() });
    this.toolbar = el("div", { className: "edgeworks-selector-toolbar" });
    Object.assign(this.toolbar.style, { display: "flex", gap: "6px", alignItems: "center", flexWrap: "wrap" });
    this.side = el("div", { className: "edgeworks-selector-side" });
    this.spectra = el("canvas", { className: "edgeworks-selector-spectra" });
    Object.assign(this.side.style, { minWidth: "220px", maxWidth: "300px", display: "flex", flexDirection: "column", gap: "6px" });
    this.status = el("div", { className: "edgeworks-selector-status" });
    this.errorBox = el("div", { className: "edgeworks-selector-error" });
    Object.assign(this.errorBox.style, { color: "#b00020", whiteSpace: "pre-wrap" });
    const title = el("div", { className: "edgeworks-selector-title", textContent: this.model.get("title") });
    title.style.fontWeight = "bold";
    const main = el("div", {}, this.plot.el, this.side);
    Object.assign(main.style, { display: "flex", gap: "10px", alignItems: "flex-start" });
    this.el.append(title, this.toolbar, main, this.hover.maps.el, this.status, this.errorBox);
    this.renderToolbar();
    this.updateCoords();
    this.renderSide();
    this.updateError();
    this.listenTo(this.model, "change:coords change:x_component change:y_component change:component_names", () => {
      this.renderToolbar();
      this.updateCoords();
    });
    this.listenTo(this.model, "change:color_by change:color_fields change:color_info", () => {
      this.renderToolbar();
      this.updateColors();
      this.renderSide();
    });
    this.listenTo(this.model, "change:groups change:active_group change:candidates", () => {
      // After the gesture's save has gone out: recolouring 10⁶ points takes a while.
      if (!this.colorFrame) {
        this.colorFrame = requestAnimationFrame(() => {
          this.colorFrame = 0;
          this.updateColors();
          this.drawMaps();
          this.renderSide();
        });
      }
    });
    this.listenTo(this.model, "change:error", () => this.updateError());
    this.listenTo(this.model, "change:group_spectra", () => this.drawSpectra());
    this.drawSpectra();
    this.updateMaps();
    this.listenTo(this.model, "change:pixel_sample change:pixel_x change:pixel_y change:samples", () => this.updateMaps());
    this.listenTo(this.model, "change:color_fields", () => this.drawMaps());
    this.listenTo(this.model, "msg:custom", (content: { type?: string; message?: string }, buffers?: unknown[]) => {
      if (this.hover.receive(content, buffers)) return;
      if (content?.type === "error") {
        this.localError = String(content.message ?? "");
        this.updateError();
      }
    });
  }

  private groups(): Group[] {
    return (this.model.get("groups") as Group[]) ?? [];
  }

  private save(patch: Record<string, unknown>): void {
    this.localError = "";
    this.model.set(patch);
    this.model.save_changes();
    this.updateError();
  }

  private renderToolbar(): void {
    const names: string[] = this.model.get("component_names");
    const tool = (t: Tool, label: string, hint: string) => {
      const b = el("button", { textContent: label, title: hint, className: `edgeworks-tool edgeworks-tool-${t}` });
      b.style.fontWeight = this.plot.tool === t ? "bold" : "normal";
      b.onclick = () => {
        this.plot.tool = t;
        this.renderToolbar();
      };
      return b;
    };
    const axis = (key: "x_component" | "y_component") => {
      const s = el("select", { className: `edgeworks-${key}` });
      names.forEach((n, i) => s.append(el("option", { value: String(i), textContent: n, selected: i === this.model.get(key) })));
      s.onchange = () => this.save({ [key]: Number(s.value) });
      return s;
    };
    const colorSel = el("select", { className: "edgeworks-color-by" });
    for (const n of ["none", ...Object.keys(this.model.get("color_fields") ?? {})]) colorSel.append(el("option", { value: n, textContent: n, selected: n === this.model.get("color_by") }));
    colorSel.onchange = () => this.save({ color_by: colorSel.value });
    const reset = el("button", { textContent: "reset view", title: "zoom back to all points (or double-click the plot)" });
    reset.onclick = () => this.plot.resetView();
    this.toolbar.replaceChildren(
      tool("lasso", "lasso", "free-hand lasso: drag around points (shift adds, alt removes)"),
      tool("rect", "rectangle", "drag a rectangle (shift adds, alt removes)"),
      tool("pan", "pan", "drag to pan; the wheel zooms"),
      reset,
      "x",
      axis("x_component"),
      "y",
      axis("y_component"),
      "colour",
      colorSel,
    );
  }

  private updateCoords(): void {
    const coords: Float32Array = this.model.get("coords");
    const k: number = this.model.get("n_components");
    const n: number = this.model.get("n_points");
    const cx: number = this.model.get("x_component"), cy: number = this.model.get("y_component");
    this.xs = new Float32Array(n);
    this.ys = new Float32Array(n);
    if (coords.length === n * k && cx < k && cy < k) {
      for (let i = 0; i < n; i++) {
        this.xs[i] = coords[i * k + cx];
        this.ys[i] = coords[i * k + cy];
      }
    }
    const names: string[] = this.model.get("component_names");
    this.plot.setPoints(this.xs, this.ys, names[cx] ?? "", names[cy] ?? "");
    this.hover.setPoints(this.xs, this.ys);
    this.updateColors();
  }

  private updateColors(): void {
    const by: string = this.model.get("color_by");
    const fields: Record<string, Float32Array> = this.model.get("color_fields") ?? {};
    const info: Record<string, ColorInfo> = this.model.get("color_info") ?? {};
    const n0 = this.xs.length;
    if (!this.base || this.base.field !== fields[by] || this.base.info !== info[by] || this.base.n !== n0) {
      this.base = { colors: fieldColors(n0, fields[by], info[by]), field: fields[by], info: info[by], n: n0 };
    }
    this.plot.setColors(withGroups(this.base.colors, this.groups()));
    const n = this.xs.length;
    const counts = this.groups().map((g) => `${g.name}: ${g.indices.length}`).join(", ");
    this.status.textContent = `${n.toLocaleString("en")} points${counts ? ` — ${counts}` : ""}`;
  }

  private updateError(): void {
    const e = this.localError || (this.model.get("error") as string);
    this.errorBox.textContent = e;
  }

  /** A finished gesture edits the active group (made when there is none). */
  private gesture(g: Gesture): void {
    const idx = g.kind === "lasso" ? indicesInPolygon(this.xs, this.ys, g.polygon) : indicesInRect(this.xs, this.ys, g.rect);
    let groups = this.groups();
    let active: string = this.model.get("active_group");
    if (!groups.some((x) => x.name === active)) {
      if (!groups.length) groups = addGroup(groups);
      active = groups[groups.length - 1].name;
    }
    const cur = groups.find((x) => x.name === active)!;
    // The new membership as a mask (no merge or sort of 10⁶ indices); dense groups go on the wire as it.
    const n = this.xs.length;
    const mask = g.mode === "replace" ? new Uint8Array(maskBytes(n)) : cur.mask ? cur.mask.slice() : indicesToMask(cur.indices, n);
    this.save({ groups: setMask(groups, active, applyToMask(mask, idx, g.mode), n), active_group: active });
  }

  private renderSide(): void {
    const groups = this.groups();
    const active: string = this.model.get("active_group");
    const rows = groups.map((g) => {
      const radio = el("input", { type: "radio", name: `active-${this.cid}`, checked: g.name === active, title: "gestures edit this group" });
      radio.onchange = () => this.save({ active_group: g.name });
      const color = el("input", { type: "color", value: g.color, title: "colour" });
      Object.assign(color.style, { width: "22px", height: "18px", padding: "0", border: "none" });
      color.onchange = () => this.save({ groups: groups.map((x) => (x.name === g.name ? { ...x, color: color.value } : x)) });
      const name = el("input", { value: g.name, title: "rename", className: "edgeworks-group-name" });
      name.style.width = "110px";
      name.onchange = () => {
        try {
          this.save({ groups: renameGroup(groups, g.name, name.value), active_group: active === g.name ? name.value.trim() : active });
        } catch (e) {
          this.localError = (e as Error).message;
          name.value = g.name;
          this.updateError();
        }
      };
      const clear = el("button", { textContent: "clear", title: "empty this group" });
      clear.onclick = () => this.save({ groups: setIndices(groups, g.name, new Uint32Array(0)) });
      const del = el("button", { textContent: "×", title: "delete this group" });
      del.onclick = () => {
        const rest = groups.filter((x) => x.name !== g.name);
        this.save({ groups: rest, active_group: active === g.name ? (rest[0]?.name ?? "") : active });
      };
      const row = el("div", { className: "edgeworks-group" }, radio, color, name, el("span", { textContent: ` ${g.indices.length}` }), clear, del);
      Object.assign(row.style, { display: "flex", gap: "4px", alignItems: "center" });
      row.dataset.group = g.name;
      return row;
    });
    const add = el("button", { textContent: "+ group", className: "edgeworks-add-group" });
    add.onclick = () => {
      const next = addGroup(groups);
      this.save({ groups: next, active_group: next[next.length - 1].name });
    };
    const parts: (Node | string)[] = [el("b", { textContent: "Groups" }), ...rows, add, el("b", { textContent: "Average spectra (± 1 s.d.)" }), this.spectra];
    const cands = (this.model.get("candidates") as Candidate[]) ?? [];
    if (cands.length) {
      parts.push(el("b", { textContent: "Suggested (suggestEndmembers)" }));
      for (const c of cands) {
        const b = el("button", { textContent: `adopt "${c.name}" (${c.indices.length})`, className: "edgeworks-adopt", title: "add these pixels as a group" });
        b.onclick = () => {
          const next = addGroup(groups, uniqueName(c.name, groups.map((x) => x.name)), c.indices.slice());
          this.save({ groups: next, active_group: next[next.length - 1].name });
        };
        parts.push(b);
      }
    }
    const by: string = this.model.get("color_by");
    const info: ColorInfo | undefined = (this.model.get("color_info") ?? {})[by];
    if (info?.kind === "category" && info.labels) {
      parts.push(el("b", { textContent: by }));
      info.labels.forEach((l, i) => {
        const sw = el("span", { textContent: "■ " });
        sw.style.color = CATEGORY_COLORS[i % CATEGORY_COLORS.length];
        parts.push(el("div", {}, sw, l));
      });
    } else if (info?.kind === "continuous") {
      parts.push(el("div", { textContent: `${by}: viridis, 1st–99th percentile` }));
    }
    parts.push(el("div", { textContent: "lasso/rectangle: replace · shift: add · alt: remove · wheel: zoom · double-click: reset" }));
    this.side.replaceChildren(...parts);
  }

  private drawSpectra(): void {
    drawSpectra(this.spectra, this.model.get("group_spectra"), 280, 170, this.hover.pixelLine());
  }

  /** The per-sample maps: where the points are (once), then their colours. */
  private updateMaps(): void {
    this.hover.setMaps({ sample: this.model.get("pixel_sample"), x: this.model.get("pixel_x"), y: this.model.get("pixel_y"), samples: this.model.get("samples") ?? [] });
    this.drawMaps();
  }

  private drawMaps(): void {
    this.hover.maps.draw(this.groups(), (this.model.get("color_fields") ?? {}).brightness);
  }

  remove(): void {
    if (this.colorFrame) cancelAnimationFrame(this.colorFrame);
    this.plot.dispose();
    this.hover.dispose();
    super.remove();
  }
}
