/**
 * The selector's hover links between the scatter, the per-sample maps and the spectra: the
 * point nearest the mouse on the scatter (within 6 CSS px, found through a {@link PointIndex}
 * built once per view) or the point under the mouse on a map is marked on both (a ring and
 * cross over the scatter, a square on its map), and its spectrum, fetched from the kernel
 * ({@link PixelSpectrumFetch}), is drawn over the groups' averages. The view element carries
 * `data-hover-index` (the point, absent when none), `data-hover-label` and `data-hover-spectrum`
 * (the values drawn, comma-separated) for tests and for whoever wants to read them.
 */
import type { PointPlot } from "./plot";
import { PointIndex, toScreen, type ScreenView } from "./pointIndex";
import { PixelSpectrumFetch, type PixelSpectrumAnswer } from "./pixelSpectrumFetch";
import { SelectorMapView } from "./selectorMapView";
import type { MapCoords } from "./selectorMaps";
import type { PixelLine } from "./selectorSpectra";

const SVG = "http://www.w3.org/2000/svg";
/** Hover radius on the scatter, CSS px. */
export const HOVER_RADIUS = 6;

/** What the hover links need from the view. */
export interface HoverHost {
  /** The view's root element (gets the data-hover-* attributes). */
  root: HTMLElement;
  /** The scatter. */
  plot: PointPlot;
  /** Sends a custom message to the kernel. */
  send: (content: object) => void;
  /** Redraws the spectra panel (which asks {@link SelectorHover.pixelLine}). */
  redrawSpectra: () => void;
}

/** Hover on the scatter and the maps, the pixel spectrum, and the maps themselves. */
export class SelectorHover {
  /** The maps (insert `maps.el` into the page). */
  readonly maps: SelectorMapView;
  private xs: ArrayLike<number> = [];
  private ys: ArrayLike<number> = [];
  private coords: MapCoords | null = null;
  private index: PointIndex | null = null;
  private indexKey = "";
  private hovered = -1;
  private line: PixelLine | undefined;
  private readonly fetch: PixelSpectrumFetch;
  private readonly marker: SVGSVGElement;
  private readonly domainWatch: MutationObserver;

  constructor(private readonly host: HoverHost) {
    this.maps = new SelectorMapView((i) => this.hover(i));
    this.fetch = new PixelSpectrumFetch((c) => host.send(c), (a) => this.show(a));
    // The point marker: a ring and a cross on an SVG over the scatter.
    this.marker = document.createElementNS(SVG, "svg");
    this.marker.classList.add("edgeworks-hover-marker");
    Object.assign(this.marker.style, { position: "absolute", left: "0", top: "0", width: "100%", height: "100%", pointerEvents: "none", overflow: "visible" });
    const g = document.createElementNS(SVG, "g");
    g.setAttribute("fill", "none");
    for (const [stroke, width] of [["#fff", "3.5"], ["#000", "1.5"]]) {
      const ring = document.createElementNS(SVG, "circle");
      ring.setAttribute("r", "7");
      const cross = document.createElementNS(SVG, "path");
      cross.setAttribute("d", "M-12,0H-4M4,0H12M0,-12V-4M0,4V12");
      for (const e of [ring, cross]) {
        e.setAttribute("stroke", stroke);
        e.setAttribute("stroke-width", width);
        g.append(e);
      }
    }
    this.marker.append(g);
    this.marker.style.display = "none";
    host.plot.el.append(this.marker);
    const canvas = host.plot.canvas;
    canvas.addEventListener("pointermove", (e) => {
      // A pressed button is a gesture (lasso, rectangle, pan), not a hover.
      if (e.buttons !== 0) return;
      this.hover(this.nearest(e));
    });
    canvas.addEventListener("pointerleave", () => this.hover(-1));
    // The marker follows pans and zooms (the plot writes its domain on every draw).
    this.domainWatch = new MutationObserver(() => this.placeMarker());
    this.domainWatch.observe(canvas, { attributes: true, attributeFilter: ["data-domain"] });
  }

  /** New scatter coordinates (data units, length n). */
  setPoints(xs: ArrayLike<number>, ys: ArrayLike<number>): void {
    this.xs = xs;
    this.ys = ys;
    this.index = null;
    this.hover(-1);
  }

  /** New map positions of the points. */
  setMaps(c: MapCoords): void {
    this.coords = c;
    this.maps.setCoords(c);
    this.hover(-1);
  }

  /** Handle a custom message from the kernel; returns whether it was a pixel-spectrum answer. */
  receive(content: unknown, buffers?: readonly unknown[]): boolean {
    return this.fetch.receive(content, buffers);
  }

  /** The hovered pixel's spectrum for the spectra panel (undefined when none). */
  pixelLine(): PixelLine | undefined {
    return this.line;
  }

  /** Stop watching the plot. */
  dispose(): void {
    this.domainWatch.disconnect();
  }

  /** The plot's current view, read from the canvas (the mapping the browser tests use too). */
  private view(): { view: ScreenView; left: number; top: number; key: string } | null {
    const c = this.host.plot.canvas;
    const d = (c.dataset.domain ?? "").split(",").map(Number), p = (c.dataset.plot ?? "").split(",").map(Number);
    if (d.length !== 4 || p.length !== 4 || ![...d, ...p].every(Number.isFinite)) return null;
    return { view: { x0: d[0], x1: d[1], y0: d[2], y1: d[3], width: p[2], height: p[3] }, left: p[0], top: p[1], key: `${c.dataset.domain}|${c.dataset.plot}|${this.xs.length}` };
  }

  /** The point within {@link HOVER_RADIUS} of the mouse, −1 when none (the index is rebuilt when the view changed). */
  private nearest(e: PointerEvent): number {
    const v = this.view();
    if (!v || !this.xs.length) return -1;
    const r = this.host.plot.canvas.getBoundingClientRect();
    const u = e.clientX - r.left - v.left, w = e.clientY - r.top - v.top;
    if (u < 0 || w < 0 || u > v.view.width || w > v.view.height) return -1;
    if (!this.index || this.indexKey !== v.key) {
      const t0 = performance.now();
      this.index = new PointIndex(this.xs, this.ys, v.view, HOVER_RADIUS);
      this.indexKey = v.key;
      this.host.root.dataset.hoverIndexMs = (performance.now() - t0).toFixed(1);
    }
    return this.index.nearest(u, w);
  }

  private hover(i: number): void {
    if (i === this.hovered) return;
    this.hovered = i;
    const root = this.host.root;
    if (i < 0) {
      delete root.dataset.hoverIndex;
      delete root.dataset.hoverLabel;
      delete root.dataset.hoverSpectrum;
      this.line = undefined;
      this.host.redrawSpectra();
    } else {
      // The previous pixel's line stays drawn until this one's arrives (no flicker), but is not reported.
      root.dataset.hoverIndex = String(i);
      root.dataset.hoverLabel = this.label(i);
      delete root.dataset.hoverSpectrum;
    }
    this.placeMarker();
    this.maps.mark(i);
    this.fetch.want(i);
  }

  private show(a: PixelSpectrumAnswer): void {
    if (a.index !== this.hovered) return;
    const root = this.host.root;
    if (a.values) {
      this.line = { values: a.values, label: this.label(a.index) };
      root.dataset.hoverSpectrum = Array.from(a.values).join(",");
    } else {
      this.line = undefined;
      root.dataset.hoverLabel = `${this.label(a.index)}: ${a.error ?? "no spectrum"}`;
    }
    this.host.redrawSpectra();
  }

  /** "pixel N (sample, x, y)". */
  private label(i: number): string {
    const c = this.coords;
    if (!c || i >= c.sample.length) return `pixel ${i}`;
    return `pixel ${i} (${c.samples[c.sample[i]]?.name ?? `sample ${c.sample[i]}`}, ${c.x[i]}, ${c.y[i]})`;
  }

  private placeMarker(): void {
    const i = this.hovered;
    const v = this.view();
    if (i < 0 || !v || i >= this.xs.length) {
      this.marker.style.display = "none";
      return;
    }
    const [u, w] = toScreen(v.view, this.xs[i], this.ys[i]);
    if (!(u >= 0 && w >= 0 && u <= v.view.width && w <= v.view.height)) {
      this.marker.style.display = "none";
      return;
    }
    this.marker.style.display = "";
    this.marker.firstElementChild!.setAttribute("transform", `translate(${v.left + u},${v.top + w})`);
    this.marker.dataset.x = String(v.left + u);
    this.marker.dataset.y = String(v.top + w);
  }
}
