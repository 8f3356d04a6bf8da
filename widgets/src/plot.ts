/**
 * A scatter plot canvas: axes, the density raster of the points, pan (drag with the pan tool),
 * zoom (wheel, around the cursor), reset (double-click), and the selection gestures (free-hand
 * lasso, rectangle) drawn on an SVG overlay. A gesture is reported once, when the mouse button
 * is released, with its shape in data units and the modifier keys' combine mode.
 */
import { RasterJob, RasterScratch, type Domain } from "./density";
import { modeOf, type CombineMode, type Rect } from "./geometry";

/** The tool the left mouse button uses. */
export type Tool = "lasso" | "rect" | "pan";

/** A finished selection gesture, in data units. */
export type Gesture =
  | { kind: "lasso"; polygon: number[]; mode: CombineMode }
  | { kind: "rect"; rect: Rect; mode: CombineMode };

/** Options of {@link PointPlot}. */
export interface PointPlotOptions {
  /** CSS size of the whole plot (axes included), px. */
  width: number;
  height: number;
  /** Called on every finished gesture (mouse-up). */
  onGesture: (g: Gesture) => void;
}

const MARGIN = { left: 58, right: 12, top: 10, bottom: 40 };
/** Main-thread time one frame may spend on re-binning the points, ms (the rest of a raster waits for the next frame). */
const SLICE_MS = 25;
/** A wheel zoom is still going on until this long after its last event, ms (the points are re-binned after it). */
const WHEEL_SETTLE_MS = 150;

function sameDomain(a: Domain, b: Domain): boolean {
  return a.x0 === b.x0 && a.x1 === b.x1 && a.y0 === b.y0 && a.y1 === b.y1;
}
const SVG = "http://www.w3.org/2000/svg";

/** Round tick values covering [a, b]. */
export function ticks(a: number, b: number, count = 5): number[] {
  const span = b - a;
  if (!(span > 0) || !Number.isFinite(span)) return [a];
  const raw = span / count;
  const p = Math.pow(10, Math.floor(Math.log10(raw)));
  const step = [1, 2, 5, 10].map((m) => m * p).find((s) => s >= raw) ?? 10 * p;
  const out: number[] = [];
  for (let t = Math.ceil(a / step) * step; t <= b + step * 1e-9; t += step) out.push(Math.abs(t) < step * 1e-9 ? 0 : t);
  return out;
}

/** The padded bounding box of the points (a unit box around a single value). */
export function extent(x: ArrayLike<number>, y: ArrayLike<number>): Domain {
  let x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
  for (let i = 0; i < x.length; i++) {
    const a = x[i], b = y[i];
    if (a < x0) x0 = a;
    if (a > x1) x1 = a;
    if (b < y0) y0 = b;
    if (b > y1) y1 = b;
  }
  if (!(x1 >= x0)) [x0, x1] = [0, 1];
  if (!(y1 >= y0)) [y0, y1] = [0, 1];
  const px = (x1 - x0 || 1) * 0.04, py = (y1 - y0 || 1) * 0.04;
  return { x0: x0 - px, x1: x1 + px, y0: y0 - py, y1: y1 + py };
}

/** The plot: one canvas (axes and points) under one SVG (gesture). */
export class PointPlot {
  /** The element to insert into the page. */
  readonly el: HTMLDivElement;
  /**
   * The canvas; `data-domain` = "x0,x1,y0,y1" and `data-plot` = "left,top,width,height" (CSS px)
   * describe the mapping; `data-first-draw-ms`, `data-frame-ms` (main-thread time of the last 30
   * frames, raster slices included) and `data-frames` (count) the drawing times; `data-rasters`
   * counts finished rasters and `data-raster-domain` is the domain of the one shown.
   */
  readonly canvas: HTMLCanvasElement;
  /** The active tool. */
  tool: Tool = "lasso";
  /** Time of the first full draw after {@link setPoints}, ms; recent frame times, ms. */
  firstDrawMs = NaN;
  readonly frameMs: number[] = [];
  private readonly svg: SVGSVGElement;
  private readonly path: SVGPathElement;
  private x: ArrayLike<number> = [];
  private y: ArrayLike<number> = [];
  private colors: Uint32Array = new Uint32Array(0);
  private xLabel = "";
  private yLabel = "";
  private domain: Domain = { x0: 0, x1: 1, y0: 0, y1: 1 };
  private home: Domain = this.domain;
  private scratch: RasterScratch | null = null;
  /** The last finished raster of the plot area and what it shows; drawn moved and scaled while a pan or zoom goes on. */
  private bitmap: OffscreenCanvas | null = null;
  private shown: { x: ArrayLike<number>; y: ArrayLike<number>; colors: Uint32Array; domain: Domain } | null = null;
  /** The raster being built, a slice per frame. */
  private job: RasterJob | null = null;
  private fallbackColors = new Uint32Array(0);
  private wheelUntil = 0;
  private wheelTimer = 0;
  private pending = 0;
  private pointsSetAt = NaN;
  private drag: { kind: Tool; pts: number[]; sx: number; sy: number; d0: Domain } | null = null;

  constructor(private readonly options: PointPlotOptions) {
    this.el = document.createElement("div");
    this.el.className = "edgeworks-plot";
    Object.assign(this.el.style, { position: "relative", width: `${options.width}px`, height: `${options.height}px`, userSelect: "none" });
    this.canvas = document.createElement("canvas");
    this.canvas.className = "edgeworks-plot-canvas";
    Object.assign(this.canvas.style, { position: "absolute", left: "0", top: "0", width: `${options.width}px`, height: `${options.height}px`, touchAction: "none" });
    this.svg = document.createElementNS(SVG, "svg");
    this.svg.setAttribute("width", String(options.width));
    this.svg.setAttribute("height", String(options.height));
    Object.assign(this.svg.style, { position: "absolute", left: "0", top: "0", pointerEvents: "none" });
    this.path = document.createElementNS(SVG, "path");
    this.path.setAttribute("fill", "rgba(0,0,0,0.08)");
    this.path.setAttribute("stroke", "#333");
    this.path.setAttribute("stroke-dasharray", "4 3");
    this.svg.append(this.path);
    this.el.append(this.canvas, this.svg);
    const dpr = window.devicePixelRatio || 1;
    this.canvas.width = Math.round(options.width * dpr);
    this.canvas.height = Math.round(options.height * dpr);
    this.canvas.dataset.plot = [MARGIN.left, MARGIN.top, this.plotWidth, this.plotHeight].join(",");
    this.canvas.addEventListener("pointerdown", (e) => this.down(e));
    this.canvas.addEventListener("pointermove", (e) => this.move(e));
    this.canvas.addEventListener("pointerup", (e) => this.up(e));
    this.canvas.addEventListener("pointercancel", () => this.cancel());
    this.canvas.addEventListener("wheel", (e) => this.wheel(e), { passive: false });
    this.canvas.addEventListener("dblclick", () => this.resetView());
  }

  private get plotWidth(): number {
    return this.options.width - MARGIN.left - MARGIN.right;
  }

  private get plotHeight(): number {
    return this.options.height - MARGIN.top - MARGIN.bottom;
  }

  /** New coordinates (the view is reset to their extent). */
  setPoints(x: ArrayLike<number>, y: ArrayLike<number>, xLabel: string, yLabel: string): void {
    this.x = x;
    this.y = y;
    this.xLabel = xLabel;
    this.yLabel = yLabel;
    this.home = extent(x, y);
    this.domain = this.home;
    this.pointsSetAt = performance.now();
    this.firstDrawMs = NaN;
    this.redraw();
  }

  /** New colours (0xRRGGBB per point, HIGHLIGHT flag for group members). */
  setColors(colors: Uint32Array): void {
    this.colors = colors;
    this.redraw();
  }

  /** Back to the extent of the points. */
  resetView(): void {
    this.domain = this.home;
    this.redraw();
  }

  /** Draw at the next animation frame (several requests draw once). */
  redraw(): void {
    if (this.pending) return;
    this.pending = requestAnimationFrame(() => {
      this.pending = 0;
      this.draw();
    });
  }

  /** Data coordinates of a pointer event. */
  private toData(e: { clientX: number; clientY: number }): [number, number] {
    const r = this.canvas.getBoundingClientRect();
    const u = e.clientX - r.left - MARGIN.left;
    const v = e.clientY - r.top - MARGIN.top;
    const d = this.domain;
    return [d.x0 + (u / this.plotWidth) * (d.x1 - d.x0), d.y1 - (v / this.plotHeight) * (d.y1 - d.y0)];
  }

  private local(e: { clientX: number; clientY: number }): [number, number] {
    const r = this.canvas.getBoundingClientRect();
    return [e.clientX - r.left, e.clientY - r.top];
  }

  private down(e: PointerEvent): void {
    if (e.button !== 0) return;
    e.preventDefault();
    this.canvas.setPointerCapture(e.pointerId);
    const [sx, sy] = this.local(e);
    this.drag = { kind: this.tool, pts: [...this.toData(e)], sx, sy, d0: { ...this.domain } };
    this.drawGesture();
  }

  private move(e: PointerEvent): void {
    const g = this.drag;
    if (!g) return;
    if (g.kind === "pan") {
      const [lx, ly] = this.local(e);
      const d = g.d0;
      const dx = ((lx - g.sx) / this.plotWidth) * (d.x1 - d.x0);
      const dy = ((ly - g.sy) / this.plotHeight) * (d.y1 - d.y0);
      this.domain = { x0: d.x0 - dx, x1: d.x1 - dx, y0: d.y0 + dy, y1: d.y1 + dy };
      this.redraw();
      return;
    }
    const [x, y] = this.toData(e);
    const n = g.pts.length;
    if (g.kind === "rect") g.pts.splice(2, 2, x, y);
    else if (x !== g.pts[n - 2] || y !== g.pts[n - 1]) g.pts.push(x, y);
    this.drawGesture();
  }

  private up(e: PointerEvent): void {
    const g = this.drag;
    if (!g) return;
    this.move(e);
    this.drag = null;
    this.path.setAttribute("d", "");
    if (g.kind === "pan") this.redraw(); // re-bin the points for the new view
    const mode = modeOf(e);
    if (g.kind === "lasso" && g.pts.length >= 6) this.options.onGesture({ kind: "lasso", polygon: g.pts, mode });
    if (g.kind === "rect" && g.pts.length === 4) this.options.onGesture({ kind: "rect", rect: { x0: g.pts[0], y0: g.pts[1], x1: g.pts[2], y1: g.pts[3] }, mode });
  }

  private cancel(): void {
    this.drag = null;
    this.path.setAttribute("d", "");
  }

  private wheel(e: WheelEvent): void {
    e.preventDefault();
    const [cx, cy] = this.toData(e);
    const f = Math.exp(Math.max(-0.5, Math.min(0.5, e.deltaY * 0.002)));
    const d = this.domain;
    this.domain = { x0: cx + (d.x0 - cx) * f, x1: cx + (d.x1 - cx) * f, y0: cy + (d.y0 - cy) * f, y1: cy + (d.y1 - cy) * f };
    this.wheelUntil = performance.now() + WHEEL_SETTLE_MS;
    clearTimeout(this.wheelTimer);
    this.wheelTimer = window.setTimeout(() => this.redraw(), WHEEL_SETTLE_MS + 10);
    this.redraw();
  }

  private drawGesture(): void {
    const g = this.drag;
    if (!g || g.kind === "pan") return;
    const d = this.domain;
    const sx = (x: number) => MARGIN.left + ((x - d.x0) / (d.x1 - d.x0)) * this.plotWidth;
    const sy = (y: number) => MARGIN.top + ((d.y1 - y) / (d.y1 - d.y0)) * this.plotHeight;
    const p = g.pts;
    let s = "";
    if (g.kind === "rect" && p.length === 4) {
      s = `M${sx(p[0])},${sy(p[1])}H${sx(p[2])}V${sy(p[3])}H${sx(p[0])}Z`;
    } else {
      for (let i = 0; i < p.length; i += 2) s += `${i ? "L" : "M"}${sx(p[i])},${sy(p[i + 1])}`;
      s += "Z";
    }
    this.path.setAttribute("d", s);
  }

  /**
   * One frame: the last finished raster, moved and scaled to the current view (cheap), and the
   * axes. When the points, colours or view differ from that raster and no pan or wheel zoom is
   * going on, a new raster is built a slice of at most SLICE_MS per frame and shown when done.
   */
  private draw(): void {
    const t0 = performance.now();
    const ctx = this.canvas.getContext("2d");
    if (!ctx) return;
    const dpr = this.canvas.width / this.options.width;
    const W = Math.round(this.plotWidth * dpr), H = Math.round(this.plotHeight * dpr);
    if (!this.scratch || this.scratch.size !== W * H) {
      this.scratch = new RasterScratch(W * H);
      this.job = null;
    }
    const d = this.domain;
    this.canvas.dataset.domain = [d.x0, d.x1, d.y0, d.y1].join(",");
    if (this.fallbackColors.length !== this.x.length) this.fallbackColors = new Uint32Array(this.x.length).fill(0x4c78a8);
    const colors = this.colors.length === this.x.length ? this.colors : this.fallbackColors;
    const sh = this.shown;
    const stale = !sh || sh.x !== this.x || sh.y !== this.y || sh.colors !== colors || !sameDomain(sh.domain, d);
    const interacting = this.drag?.kind === "pan" || t0 < this.wheelUntil;
    let finished = false;
    if (stale && !interacting) {
      const j = this.job?.input;
      if (!j || j.x !== this.x || j.y !== this.y || j.colors !== colors || !sameDomain(j.domain, d)) {
        this.job = new RasterJob({ x: this.x, y: this.y, colors, domain: { ...d }, width: W, height: H }, new Uint32Array(W * H), this.scratch);
      }
      const job = this.job!;
      if (job.step(t0 + SLICE_MS)) {
        const off = this.bitmap && this.bitmap.width === W && this.bitmap.height === H ? this.bitmap : new OffscreenCanvas(W, H);
        off.getContext("2d")!.putImageData(new ImageData(new Uint8ClampedArray(job.out.buffer as ArrayBuffer), W, H), 0, 0);
        this.bitmap = off;
        this.shown = { x: this.x, y: this.y, colors, domain: job.input.domain };
        this.job = null;
        finished = true;
      } else {
        this.redraw(); // the next slice at the next frame
      }
    }
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.fillStyle = "#fff";
    ctx.fillRect(0, 0, this.canvas.width, this.canvas.height);
    if (this.bitmap && this.shown && this.shown.x === this.x && this.shown.y === this.y) {
      // The raster's domain mapped into the current view (device px of the canvas).
      const b = this.shown.domain;
      const L = MARGIN.left * dpr, T = MARGIN.top * dpr;
      const u0 = ((b.x0 - d.x0) / (d.x1 - d.x0)) * W, u1 = ((b.x1 - d.x0) / (d.x1 - d.x0)) * W;
      const v0 = ((d.y1 - b.y1) / (d.y1 - d.y0)) * H, v1 = ((d.y1 - b.y0) / (d.y1 - d.y0)) * H;
      ctx.save();
      ctx.beginPath();
      ctx.rect(Math.round(L), Math.round(T), W, H);
      ctx.clip();
      ctx.imageSmoothingEnabled = false;
      ctx.drawImage(this.bitmap, Math.round(L) + u0, Math.round(T) + v0, u1 - u0, v1 - v0);
      ctx.restore();
      this.canvas.dataset.rasterDomain = [b.x0, b.x1, b.y0, b.y1].join(",");
    }
    this.drawAxes(ctx, dpr);
    const ms = performance.now() - t0;
    this.frameMs.push(ms);
    if (this.frameMs.length > 30) this.frameMs.shift();
    if (finished) {
      if (Number.isNaN(this.firstDrawMs)) {
        this.firstDrawMs = performance.now() - this.pointsSetAt;
        this.canvas.dataset.firstDrawMs = this.firstDrawMs.toFixed(1);
      }
      this.canvas.dataset.rasters = String(Number(this.canvas.dataset.rasters ?? 0) + 1);
    }
    this.canvas.dataset.frameMs = this.frameMs.map((f) => f.toFixed(1)).join(",");
    this.canvas.dataset.frames = String(Number(this.canvas.dataset.frames ?? 0) + 1);
  }

  private drawAxes(ctx: CanvasRenderingContext2D, dpr: number): void {
    const d = this.domain;
    const L = MARGIN.left, T = MARGIN.top, PW = this.plotWidth, PH = this.plotHeight;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.strokeStyle = "#888";
    ctx.lineWidth = 1;
    ctx.strokeRect(L - 0.5, T - 0.5, PW + 1, PH + 1);
    ctx.fillStyle = "#333";
    ctx.font = "11px sans-serif";
    const fmt = (v: number, step: number) => v.toFixed(Math.max(0, Math.min(6, -Math.floor(Math.log10(step || 1)))));
    const xt = ticks(d.x0, d.x1);
    ctx.textAlign = "center";
    ctx.textBaseline = "top";
    for (const t of xt) {
      const u = L + ((t - d.x0) / (d.x1 - d.x0)) * PW;
      ctx.fillRect(u, T + PH, 1, 4);
      ctx.fillText(fmt(t, xt[1] - xt[0]), u, T + PH + 6);
    }
    const yt = ticks(d.y0, d.y1);
    ctx.textAlign = "right";
    ctx.textBaseline = "middle";
    for (const t of yt) {
      const v = T + ((d.y1 - t) / (d.y1 - d.y0)) * PH;
      ctx.fillRect(L - 4, v, 4, 1);
      ctx.fillText(fmt(t, yt[1] - yt[0]), L - 6, v);
    }
    ctx.textAlign = "center";
    ctx.textBaseline = "bottom";
    ctx.fillText(this.xLabel, L + PW / 2, this.options.height - 2);
    ctx.save();
    ctx.translate(12, T + PH / 2);
    ctx.rotate(-Math.PI / 2);
    ctx.textBaseline = "middle";
    ctx.fillText(this.yLabel, 0, 0);
    ctx.restore();
  }

  /** Stop drawing. */
  dispose(): void {
    if (this.pending) cancelAnimationFrame(this.pending);
    this.pending = 0;
    clearTimeout(this.wheelTimer);
    this.job = null;
  }
}
