/**
 * The view model of the rich display (kernel-ext/richDisplay.ts): what a library object shows
 * (numbers, tables, a chart, images), the formatting of numbers, the chart adapters (the one place
 * that calls the chart builders) and the structural checks that recognise the library's objects.
 * @module
 */
import { escapeHtml } from "./display";
import { screeSpec } from "../src/charts/screeSpec";
import { spectraSpec } from "../src/charts/spectraSpec";
import { lcfSpec } from "../src/charts/lcfSpec";
import { scaleImagePng } from "../src/maps/scaleImagePng";
import type { Matrix } from "../src/types/matrix";
import type { Spectrum } from "../src/types/spectrum";
import type { Spectra } from "../src/types/spectra";
import type { PixelMaps } from "../src/types/pixelMaps";
import type { Stack } from "../src/types/stack";
import type { StxmScan } from "../src/io/scan";
import type { PcaResult } from "../src/decompose/pca";
import type { LcfResult } from "../src/decompose/lcf";

// ---------------------------------------------------------------------------------------------
// The view model: what every kind of object shows
// ---------------------------------------------------------------------------------------------

/** A table in a {@link View}: column headers and rows of already formatted cells. */
export interface ViewTable {
  /** Shown above the table. */
  caption?: string;
  /** Column headers. */
  columns: string[];
  /** Rows of cells (strings, formatted). */
  rows: string[][];
}

/** A PNG image in a {@link View}. */
export interface ViewImage {
  /** Caption under the image (also the alt text). */
  caption: string;
  /** The PNG file bytes. */
  png: Uint8Array;
  /** Width in CSS pixels the image is drawn at (default its own width). */
  width?: number;
}

/** What one object displays; rendered by {@link renderView}. */
export interface View {
  /** The kind of object, e.g. "PcaResult". */
  title: string;
  /** Between title and headline in text (default ": "). */
  separator?: string;
  /** One line after the title, e.g. "74,700 pixels × 50 energies". */
  headline: string;
  /** Shown prominently at the top (e.g. a scan's reader warnings). */
  warnings?: string[];
  /** Label–value pairs. */
  facts: [string, string][];
  /** Tables after the facts. */
  tables?: ViewTable[];
  /** Paragraphs after the tables (e.g. the reasoning of a suggestion). */
  notes?: string[];
  /** Images, laid out in a grid of `imageColumns` (default: in one row, wrapping). */
  images?: ViewImage[];
  /** Columns of the image grid. */
  imageColumns?: number;
  /** HTML shown under the images (e.g. a colour bar); already escaped. */
  imagesFooterHtml?: string;
  /** The same in text. */
  imagesFooterText?: string;
  /** Builds the Vega-Lite 5 spec drawn under the summary (called once; a failure only drops the chart). */
  chart?: () => Record<string, unknown>;
  /** One line describing the chart in `text/plain`. */
  chartText?: string;
  /** An image to put in the bundle as `image/png` too (e.g. a stack's image). */
  png?: ViewImage;
  /** Parts that could not be made, with the reason (shown, never thrown). */
  problems?: string[];
}

// ---------------------------------------------------------------------------------------------
// Formatting
// ---------------------------------------------------------------------------------------------

/** An integer with thousands separators: 74700 → "74,700". */
export function int(n: number): string {
  return Number.isFinite(n) ? Math.round(n).toLocaleString("en-US") : String(n);
}

/** A number with 4 significant digits (exponent for very small or large magnitudes). */
export function num(v: number, digits = 4): string {
  if (!Number.isFinite(v)) return Number.isNaN(v) ? "NaN" : String(v);
  if (v === 0) return "0";
  const a = Math.abs(v);
  if (a < 1e-3 || a >= 1e6) return v.toExponential(digits - 1).replace(/\.?0+e/, "e");
  return v.toPrecision(digits).replace(/(\.\d*?)0+$/, "$1").replace(/\.$/, "");
}

/** A fraction as a percentage: 0.6214 → "62.1 %". */
export function pct(v: number): string {
  if (!Number.isFinite(v)) return "—";
  const p = 100 * v;
  return Math.abs(p) >= 1 || p === 0 ? `${p.toFixed(1)} %` : `${num(p, 2)} %`;
}

/** An energy in eV: up to 2 decimals. */
export function eV(e: number): string {
  return Number.isFinite(e) ? `${Number(e.toFixed(2))}` : String(e);
}

/** Smallest and largest finite value, or null. */
export function extent(a: ArrayLike<number>): [number, number] | null {
  let lo = Infinity, hi = -Infinity;
  for (let i = 0; i < a.length; i++) {
    const v = a[i];
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return Number.isFinite(lo) && Number.isFinite(hi) && lo <= hi ? [lo, hi] : null;
}

/** Percentile p (0–100) of the finite values of `a` (at most ~200,000 of them, evenly strided); NaN when none. */
export function percentile(a: ArrayLike<number>, p: number): number {
  const stride = Math.max(1, Math.ceil(a.length / 200_000));
  const buf = new Float64Array(Math.ceil(a.length / stride));
  let m = 0;
  for (let i = 0; i < a.length; i += stride) if (Number.isFinite(a[i])) buf[m++] = a[i];
  if (m === 0) return NaN;
  const s = buf.subarray(0, m).sort();
  const h = (s.length - 1) * (p / 100);
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, s.length - 1);
  return s[lo] + (h - lo) * (s[hi] - s[lo]);
}

export function message(e: unknown): string {
  return e instanceof Error ? `${e.name}: ${e.message}` : String(e);
}

/** "1 energy", "50 energies" (with thousands separators). */
export function count(n: number, one: string, many: string): string {
  return `${int(n)} ${n === 1 ? one : many}`;
}

/** Energy range text "529.0 – 545.0 eV (50 energies)". */
export function energyRange(energies: ArrayLike<number>): string {
  const ex = extent(energies);
  if (!ex) return count(energies.length, "energy", "energies");
  return `${ex[0] === ex[1] ? eV(ex[0]) : `${eV(ex[0])} – ${eV(ex[1])}`} eV (${count(energies.length, "energy", "energies")})`;
}

/** Names made unique for a chart legend ("a", "a (2)"). */
export function uniqueNames(names: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return names.map((n, i) => {
    const base = n === "" ? String(i + 1) : n;
    const c = (seen.get(base) ?? 0) + 1;
    seen.set(base, c);
    return c === 1 ? base : `${base} (${c})`;
  });
}

// ---------------------------------------------------------------------------------------------
// Chart adapters: the only calls into src/charts (kept together so that a change of the
// builders' signatures, e.g. to take the result objects directly, is made here)
// ---------------------------------------------------------------------------------------------

/** Most spectra drawn in one chart. */
export const MAX_CHART_SPECTRA = 12;

/** Scree chart of a PCA (log scale, first ≤ 20 components); `screeSpec` marks the suggested number. */
export function screeChart(p: PcaResult): Record<string, unknown> {
  return screeSpec(p, { nShow: Math.min(20, p.explainedVarianceRatio.length), logScale: true, title: "Explained variance (log scale)" });
}

/** A line chart of a set of spectra (the first {@link MAX_CHART_SPECTRA}; repeated names numbered). */
export function spectraChart(s: Spectra, title: string): Record<string, unknown> {
  const shown = Math.min(s.nRows, MAX_CHART_SPECTRA);
  const names = uniqueNames(s.names.slice(0, shown));
  const part: Spectra = shown === s.nRows && names.every((n, i) => n === s.names[i])
    ? s
    : { ...s, data: s.data.subarray(0, shown * s.nCols), nRows: shown, names };
  return spectraSpec(part, { ...(title ? { title } : {}), yLabel: s.unit || "Intensity" });
}

/** A chart of one spectrum. */
export function spectrumChart(s: Spectrum): Record<string, unknown> {
  return spectraSpec(s.name ? s : { ...s, name: "spectrum" }, { yLabel: s.unit || "Intensity", ...(s.name ? { title: s.name } : {}) });
}

/** The LCF chart: data, fit, weighted references, residual (R-factor in the subtitle). */
export function lcfChart(r: LcfResult): Record<string, unknown> {
  return lcfSpec(r, { title: `Linear combination fit${r.spectrum.name ? ` of ${r.spectrum.name}` : ""}`, yLabel: r.spectrum.unit || "Intensity" });
}

/** Stacked horizontal bars of phase fractions, one bar per row label (a sample, or "all pixels"). */
export function fractionsChart(labels: readonly string[], members: readonly string[], fractions: readonly number[][]): Record<string, unknown> {
  const values: Record<string, unknown>[] = [];
  labels.forEach((label, i) => members.forEach((m, j) => {
    if (Number.isFinite(fractions[i][j])) values.push({ sample: label, member: m, fraction: fractions[i][j], order: j });
  }));
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v5.json",
    title: "Phase fractions (weighted by phase total)",
    width: 320,
    height: { step: 22 },
    data: { values },
    mark: { type: "bar" },
    encoding: {
      y: { field: "sample", type: "nominal", title: null, sort: [...labels] },
      x: { field: "fraction", type: "quantitative", title: "Fraction", scale: { domain: [0, 1] }, axis: { format: ".0%" } },
      color: { field: "member", type: "nominal", title: "", scale: { domain: [...members] }, sort: [...members] },
      order: { field: "order", type: "quantitative" },
      tooltip: [{ field: "sample", type: "nominal" }, { field: "member", type: "nominal" }, { field: "fraction", type: "quantitative", format: ".1%" }],
    },
  };
}

/** A colour-mapped PNG of an image (viridis or gray), scaled so its longer side is about `size` px. */
export function imagePng(image: ArrayLike<number>, ny: number, nx: number, domain: [number, number] | undefined, scheme: "viridis" | "gray", size = 200): { png: Uint8Array; width: number } {
  // images larger than 1.5·size are subsampled (nearest) first, to keep the notebook small
  const step = Math.max(1, Math.ceil(Math.max(ny, nx) / (1.5 * size)));
  let img = image, h = ny, w = nx;
  if (step > 1) {
    h = Math.ceil(ny / step);
    w = Math.ceil(nx / step);
    const sub = new Float64Array(h * w);
    for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) sub[y * w + x] = image[y * step * nx + x * step];
    img = sub;
  }
  // enlarged by whole pixels to at least `size` (≤ 16×), drawn with the longer side at `size` CSS px
  const scale = Math.max(1, Math.min(16, Math.ceil(size / Math.max(h, w))));
  const png = scaleImagePng(img, h, w, { colorScheme: scheme, scale, ...(domain && domain[0] < domain[1] ? { domain } : {}) });
  return { png, width: Math.max(1, Math.round((size * w) / Math.max(h, w))) };
}

/** A horizontal colour bar (viridis) with its domain, as HTML. */
export function colourBarHtml(domain: [number, number], label: string): string {
  const ramp = Float64Array.from({ length: 256 }, (_, i) => i);
  const png = scaleImagePng(ramp, 1, 256, { domain: [0, 255] });
  const src = `data:image/png;base64,${Buffer.from(png).toString("base64")}`;
  return `<div style="display:flex;align-items:center;gap:6px;margin-top:4px"><span>${escapeHtml(num(domain[0]))}</span>` +
    `<img src="${src}" alt="colour bar" style="width:200px;height:10px;image-rendering:pixelated"/>` +
    `<span>${escapeHtml(num(domain[1]))}</span><span style="opacity:.75">${escapeHtml(label)}</span></div>`;
}

// ---------------------------------------------------------------------------------------------
// Detection
// ---------------------------------------------------------------------------------------------

export function isObject(v: unknown): v is Record<string, unknown> {
  return v != null && typeof v === "object" && !Array.isArray(v) && !ArrayBuffer.isView(v);
}

export function isCount(v: unknown): v is number {
  return typeof v === "number" && Number.isInteger(v) && v >= 0;
}

/** Whether `v` is a {@link Matrix} (Float64Array data of length nRows·nCols). */
export function isMatrix(v: unknown): v is Matrix {
  return isObject(v) && v.data instanceof Float64Array && isCount(v.nRows) && isCount(v.nCols) && v.data.length === v.nRows * v.nCols;
}

/** Whether `v` is a {@link Spectra} set (a matrix with energies per column and names per row). */
export function isSpectra(v: unknown): v is Spectra {
  return isMatrix(v) && (v as Partial<Spectra>).energies instanceof Float64Array && (v as Spectra).energies.length === v.nCols &&
    Array.isArray((v as Partial<Spectra>).names) && (v as Spectra).names.length === v.nRows;
}

/** Whether `v` is a {@link Spectrum} (energies and values of one length). */
export function isSpectrum(v: unknown): v is Spectrum {
  return isObject(v) && v.energies instanceof Float64Array && v.values instanceof Float64Array && v.energies.length === v.values.length && !("nRows" in v);
}

/** Whether `v` is a {@link Stack} (energy × y × x data with its axes). */
export function isStack(v: unknown): v is Stack {
  if (!isObject(v)) return false;
  const s = v as Partial<Stack>;
  return (s.data instanceof Float64Array || s.data instanceof Float32Array) && isCount(s.nE) && isCount(s.ny) && isCount(s.nx) &&
    s.data.length === s.nE * s.ny * s.nx && s.energies instanceof Float64Array && s.x instanceof Float64Array && s.y instanceof Float64Array &&
    typeof s.quantity === "string";
}

/** Whether `v` is a {@link StxmScan} (a reader's result: stacks and warnings). */
export function isStxmScan(v: unknown): v is StxmScan {
  return isObject(v) && typeof v.format === "string" && Array.isArray(v.stacks) && Array.isArray(v.warnings) && v.stacks.every(isStack);
}

/** Whether `v` is {@link PixelMaps} (kind "maps"). */
export function isPixelMaps(v: unknown): v is PixelMaps {
  return isObject(v) && v.kind === "maps" && Array.isArray(v.names) && Array.isArray(v.samples);
}

export function hasKind(v: unknown, kind: string): boolean {
  return isObject(v) && v.kind === kind;
}
