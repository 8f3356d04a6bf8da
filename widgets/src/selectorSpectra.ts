/**
 * The groups' spectra beside the scatter: each non-empty group's average spectrum (the kernel
 * computes it whenever the groups change) as a line in the group's colour, with a band of ± one
 * standard deviation, on a shared energy axis; the hovered pixel's spectrum, when there is one,
 * as a thin black line on top, labelled.
 */
import type { ISerializers } from "@jupyter-widgets/base";
import { toTyped } from "./serializers";
import { ticks } from "./plot";

/** One group's spectrum. */
export interface GroupSpectrum {
  name: string;
  color: string;
  count: number;
  mean: Float32Array;
  std: Float32Array;
}

/** One pixel's spectrum drawn over the groups' (values per energy, and the label shown). */
export interface PixelLine {
  values: Float32Array;
  /** e.g. "pixel 1234 (S16, 12, 40)". */
  label: string;
}

/** The `group_spectra` attribute. */
export interface GroupSpectra {
  energies: Float32Array;
  groups: GroupSpectrum[];
}

/** Deserialiser of `group_spectra` (binary energies, means and spreads). */
export const groupSpectraSerializer: NonNullable<ISerializers[string]> = {
  serialize: (v: GroupSpectra) => v,
  deserialize: (v: unknown): GroupSpectra => {
    const o = (v ?? {}) as { energies?: unknown; groups?: Record<string, unknown>[] };
    return {
      energies: o.energies == null ? new Float32Array(0) : toTyped(Float32Array, o.energies),
      groups: (o.groups ?? []).map((g) => ({ name: String(g.name), color: String(g.color), count: Number(g.count), mean: toTyped(Float32Array, g.mean), std: toTyped(Float32Array, g.std) })),
    };
  },
};

/**
 * Draw the spectra into a canvas of `width × height` CSS px.
 * @param pixel - a pixel's spectrum to draw on top (same energies), or undefined.
 * @example
 * drawSpectra(canvas, model.get("group_spectra"), 280, 180);
 */
export function drawSpectra(canvas: HTMLCanvasElement, s: GroupSpectra, width: number, height: number, pixel?: PixelLine): void {
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
  const E = s.energies;
  const px = pixel && pixel.values.length === E.length ? pixel : undefined;
  if ((!s.groups.length && !px) || E.length < 2) {
    ctx.fillText("the groups' average spectra appear here", 8, height / 2);
    return;
  }
  const L = 36, R = 14, T = 6, B = 26, pw = width - L - R, ph = height - T - B;
  let lo = Infinity, hi = -Infinity;
  for (const g of s.groups) {
    for (let e = 0; e < E.length; e++) {
      lo = Math.min(lo, g.mean[e] - g.std[e]);
      hi = Math.max(hi, g.mean[e] + g.std[e]);
    }
  }
  if (px) {
    for (let e = 0; e < E.length; e++) {
      if (!Number.isFinite(px.values[e])) continue;
      lo = Math.min(lo, px.values[e]);
      hi = Math.max(hi, px.values[e]);
    }
  }
  if (!(hi > lo)) hi = lo + 1;
  const e0 = E[0], e1 = E[E.length - 1];
  const sx = (e: number) => L + ((e - e0) / (e1 - e0)) * pw;
  const sy = (v: number) => T + ((hi - v) / (hi - lo)) * ph;
  ctx.strokeStyle = "#999";
  ctx.strokeRect(L - 0.5, T - 0.5, pw + 1, ph + 1);
  ctx.textAlign = "center";
  ctx.textBaseline = "top";
  for (const t of ticks(e0, e1, 4)) ctx.fillText(String(Math.round(t * 10) / 10), sx(t), T + ph + 3);
  ctx.fillText("energy (eV)", L + pw / 2, height - 11);
  ctx.textAlign = "right";
  ctx.textBaseline = "middle";
  for (const t of ticks(lo, hi, 3)) ctx.fillText(String(Math.round(t * 100) / 100), L - 3, sy(t));
  for (const g of s.groups) {
    ctx.globalAlpha = 0.18;
    ctx.fillStyle = g.color;
    ctx.beginPath();
    for (let e = 0; e < E.length; e++) ctx.lineTo(sx(E[e]), sy(g.mean[e] + g.std[e]));
    for (let e = E.length - 1; e >= 0; e--) ctx.lineTo(sx(E[e]), sy(g.mean[e] - g.std[e]));
    ctx.fill();
    ctx.globalAlpha = 1;
    ctx.strokeStyle = g.color;
    ctx.lineWidth = 1.5;
    ctx.beginPath();
    for (let e = 0; e < E.length; e++) ctx.lineTo(sx(E[e]), sy(g.mean[e]));
    ctx.stroke();
  }
  if (px) {
    ctx.strokeStyle = "#000";
    ctx.lineWidth = 1;
    ctx.beginPath();
    for (let e = 0; e < E.length; e++) if (Number.isFinite(px.values[e])) ctx.lineTo(sx(E[e]), sy(px.values[e]));
    ctx.stroke();
    ctx.fillStyle = "#000";
    ctx.textAlign = "left";
    ctx.textBaseline = "top";
    ctx.fillText(px.label, L + 4, T + 3);
  }
}
