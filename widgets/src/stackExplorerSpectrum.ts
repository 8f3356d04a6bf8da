/**
 * The spectrum plot beside the explorer's image: the whole image's mean (grey), the clicked
 * pixel's spectrum (blue), the region's mean (red) and a line at the energy shown. The canvas
 * keeps its mapping in `data-plot` ("left,top,width,height", CSS px) and `data-domain`
 * ("e0,e1") so a click can be turned into an energy.
 */
import { ticks } from "./plot";

/** The curves to draw (each in recorded energy order, empty when absent). */
export interface ExplorerCurves {
  energies: Float64Array;
  mean: Float32Array;
  pixel: Float32Array;
  region: Float32Array;
  /** Index of the energy shown. */
  current: number;
  quantity: string;
}

/** Colours of the curves. */
export const CURVE_COLORS = { mean: "#9a9a9a", pixel: "#1f77b4", region: "#d62728", current: "#ff7f0e" };

/**
 * Draw the curves into a canvas of `width × height` CSS px.
 * @example
 * drawExplorerSpectra(canvas, { energies, mean, pixel, region, current: 12, quantity: "od" }, 320, 240);
 */
export function drawExplorerSpectra(canvas: HTMLCanvasElement, c: ExplorerCurves, width: number, height: number): void {
  const dpr = window.devicePixelRatio || 1;
  canvas.width = Math.round(width * dpr);
  canvas.height = Math.round(height * dpr);
  canvas.style.width = `${width}px`;
  canvas.style.height = `${height}px`;
  const ctx = canvas.getContext("2d");
  if (!ctx) return;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.clearRect(0, 0, width, height);
  ctx.font = "10px sans-serif";
  ctx.fillStyle = "#333";
  const E = c.energies, n = E.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => E[a] - E[b]);
  const L = 48, R = 8, T = 8, B = 28, pw = width - L - R, ph = height - T - B;
  const curves = [c.mean, c.pixel, c.region].filter((v) => v.length === n);
  let lo = Infinity, hi = -Infinity;
  for (const v of curves) for (let i = 0; i < n; i++) if (Number.isFinite(v[i])) [lo, hi] = [Math.min(lo, v[i]), Math.max(hi, v[i])];
  if (!(hi > lo)) [lo, hi] = [Number.isFinite(lo) ? lo - 0.5 : 0, Number.isFinite(lo) ? lo + 0.5 : 1];
  const pad = (hi - lo) * 0.05;
  lo -= pad;
  hi += pad;
  const e0 = n ? E[order[0]] : 0, e1 = n > 1 ? E[order[n - 1]] : e0 + 1;
  canvas.dataset.plot = [L, T, pw, ph].join(",");
  canvas.dataset.domain = [e0, e1].join(",");
  const sx = (e: number) => L + ((e - e0) / (e1 - e0 || 1)) * pw;
  const sy = (v: number) => T + ((hi - v) / (hi - lo)) * ph;
  ctx.strokeStyle = "#999";
  ctx.lineWidth = 1;
  ctx.strokeRect(L - 0.5, T - 0.5, pw + 1, ph + 1);
  ctx.textAlign = "center";
  ctx.textBaseline = "top";
  for (const t of ticks(e0, e1, 5)) ctx.fillText(String(Math.round(t * 10) / 10), sx(t), T + ph + 3);
  ctx.fillText("energy (eV) — click to show that energy", L + pw / 2, height - 12);
  ctx.textAlign = "right";
  ctx.textBaseline = "middle";
  for (const t of ticks(lo, hi, 4)) ctx.fillText(String(Number(t.toPrecision(3))), L - 3, sy(t));
  if (n && c.current >= 0 && c.current < n) {
    ctx.strokeStyle = CURVE_COLORS.current;
    ctx.beginPath();
    ctx.moveTo(sx(E[c.current]), T);
    ctx.lineTo(sx(E[c.current]), T + ph);
    ctx.stroke();
  }
  const line = (v: Float32Array, color: string, w: number) => {
    if (v.length !== n) return;
    ctx.strokeStyle = color;
    ctx.lineWidth = w;
    ctx.beginPath();
    for (const i of order) ctx.lineTo(sx(E[i]), sy(v[i]));
    ctx.stroke();
  };
  line(c.mean, CURVE_COLORS.mean, 1);
  line(c.pixel, CURVE_COLORS.pixel, 1.2);
  line(c.region, CURVE_COLORS.region, 1.8);
  ctx.lineWidth = 1;
}

/**
 * The energy (eV) under a click at CSS offset `u` (from the canvas's left edge), or NaN
 * outside the plot.
 * @example
 * energyAt(canvas, 120)
 */
export function energyAt(canvas: HTMLCanvasElement, u: number): number {
  const [L, , pw] = (canvas.dataset.plot ?? "").split(",").map(Number);
  const [e0, e1] = (canvas.dataset.domain ?? "").split(",").map(Number);
  if (!(pw > 0) || u < L - 4 || u > L + pw + 4) return NaN;
  return e0 + ((Math.min(L + pw, Math.max(L, u)) - L) / pw) * (e1 - e0);
}
