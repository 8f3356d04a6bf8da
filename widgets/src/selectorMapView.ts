/**
 * The selector's per-sample maps on the page: one small canvas per sample at its native size
 * (ny × nx device-independent image, scaled up with crisp pixels), titled with the sample's
 * name, redrawn with one `putImageData` per sample from a {@link MapRaster}; hovering a map pixel
 * reports the point there, and a square marks the point hovered anywhere.
 */
import { MapRaster, pointAtPixel, type MapCoords } from "./selectorMaps";
import type { Group } from "./selectorTypes";

/** Longest side of a map on the page, CSS px. */
const MAP_SIZE = 160;

/** The maps of all samples. */
export class SelectorMapView {
  /** The element to insert into the page (class `edgeworks-selector-maps`). */
  readonly el: HTMLDivElement;
  private coords: MapCoords | null = null;
  private raster: MapRaster | null = null;
  private brightness: ArrayLike<number> | undefined;
  private lookup: Int32Array[] = [];
  private canvases: HTMLCanvasElement[] = [];
  private scales: number[] = [];
  private readonly marker: HTMLDivElement;
  /** Time of the last redraw of all maps, ms. */
  lastDrawMs = NaN;

  /** @param onHover - called with the point under the mouse (−1 on a pixel without a point or when it leaves the maps). */
  constructor(private readonly onHover: (index: number) => void) {
    this.el = document.createElement("div");
    this.el.className = "edgeworks-selector-maps";
    Object.assign(this.el.style, { display: "flex", flexWrap: "wrap", gap: "10px", alignItems: "flex-start" });
    this.marker = document.createElement("div");
    this.marker.className = "edgeworks-map-marker";
    Object.assign(this.marker.style, { position: "absolute", border: "2px solid #000", outline: "1px solid #fff", pointerEvents: "none", display: "none", boxSizing: "border-box" });
  }

  /** New point positions and samples: the map canvases are made again. */
  setCoords(c: MapCoords): void {
    this.coords = c;
    this.raster = new MapRaster(c);
    this.brightness = undefined;
    this.lookup = pointAtPixel(c);
    this.canvases = [];
    this.scales = [];
    const figures = c.samples.map((s, k) => {
      // Whole CSS px per map pixel (crisp, and the mouse maps to pixels exactly), fractional only for maps larger than MAP_SIZE.
      const side = Math.max(1, s.nx, s.ny);
      const scale = side > MAP_SIZE ? MAP_SIZE / side : Math.max(1, Math.min(8, Math.round(MAP_SIZE / side)));
      const canvas = document.createElement("canvas");
      canvas.className = "edgeworks-map-canvas";
      canvas.width = Math.max(1, s.nx);
      canvas.height = Math.max(1, s.ny);
      canvas.dataset.sample = s.name;
      canvas.dataset.sampleIndex = String(k);
      Object.assign(canvas.style, { width: `${s.nx * scale}px`, height: `${s.ny * scale}px`, imageRendering: "pixelated", border: "1px solid #bbb", boxSizing: "content-box", maxWidth: "none", display: "block" });
      canvas.addEventListener("mousemove", (e) => this.onHover(this.pointAt(k, e)));
      canvas.addEventListener("mouseleave", () => this.onHover(-1));
      this.canvases.push(canvas);
      this.scales.push(scale);
      const title = document.createElement("div");
      title.className = "edgeworks-map-title";
      title.textContent = s.name;
      Object.assign(title.style, { maxWidth: `${Math.max(60, s.nx * scale)}px`, overflow: "hidden", textOverflow: "ellipsis", whiteSpace: "nowrap" });
      const box = document.createElement("div");
      box.style.position = "relative";
      box.append(canvas);
      const fig = document.createElement("div");
      fig.className = "edgeworks-map";
      fig.style.flex = "0 0 auto"; // wrap to the next row rather than squeeze the map
      fig.append(title, box);
      return fig;
    });
    this.el.replaceChildren(...figures);
  }

  /** Redraw every map: groups in their colours, others grey by `brightness` (per point) or light grey. */
  draw(groups: readonly Group[], brightness?: ArrayLike<number>): void {
    const c = this.coords, r = this.raster;
    if (!c || !r) return;
    const t0 = performance.now();
    if (brightness !== this.brightness) {
      r.setBrightness(brightness);
      this.brightness = brightness;
    }
    r.draw(groups).forEach((px, k) => {
      const s = c.samples[k];
      if (!px.length) return;
      const img = new ImageData(new Uint8ClampedArray(px.buffer as ArrayBuffer, px.byteOffset, px.length), s.nx, s.ny);
      this.canvases[k].getContext("2d")?.putImageData(img, 0, 0);
    });
    this.lastDrawMs = performance.now() - t0;
    this.el.dataset.drawMs = this.lastDrawMs.toFixed(1);
  }

  /** Mark the map pixel of point `index` (−1: no mark). */
  mark(index: number): void {
    const c = this.coords;
    const k = c && index >= 0 && index < c.sample.length ? c.sample[index] : -1;
    const canvas = this.canvases[k];
    if (!c || !canvas) {
      this.marker.style.display = "none";
      return;
    }
    const s = this.scales[k], size = Math.max(6, s + 4);
    Object.assign(this.marker.style, {
      display: "block",
      left: `${1 + (c.x[index] + 0.5) * s - size / 2}px`,
      top: `${1 + (c.y[index] + 0.5) * s - size / 2}px`,
      width: `${size}px`,
      height: `${size}px`,
    });
    if (this.marker.parentElement !== canvas.parentElement) canvas.parentElement!.append(this.marker);
  }

  /** The point at the mouse on map k, −1 where none. */
  private pointAt(k: number, e: MouseEvent): number {
    const r = this.canvases[k].getBoundingClientRect();
    const s = this.coords!.samples[k];
    const x = Math.floor(((e.clientX - r.left - 1) / (r.width - 2)) * s.nx), y = Math.floor(((e.clientY - r.top - 1) / (r.height - 2)) * s.ny);
    return x >= 0 && y >= 0 && x < s.nx && y < s.ny ? this.lookup[k][y * s.nx + x] : -1;
  }
}
