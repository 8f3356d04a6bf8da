/**
 * Rich display of the library's own objects, in the manner of scikit-learn's HTML repr: when a
 * PCA, NMF, end-member, NNLS or LCF result, a stack, a scan, a pixel table, spectra, maps or a
 * matrix is the last expression of a cell (or passed to `show()`), the kernel shows a short HTML
 * summary with its chart or image, and a `text/plain` summary that reads well in a saved notebook.
 *
 * Each kind has one function `xxxView(value) → View` (the numbers, tables, chart and images);
 * {@link richMimeBundle} renders any View to a MIME bundle. Charts come from the builders in
 * `src/charts` (adapted in the "chart adapters" section below, the one place that calls them) and
 * go out three ways: the Vega-Lite spec (`application/vnd.vegalite.v5+json`), its SVG
 * (`image/svg+xml`), and that SVG inside the HTML as a data: image — JupyterLab prefers `text/html`
 * over Vega-Lite, so the HTML carries the chart for the summary and chart to appear together (an
 * `<img>`, not inline `<svg>`, since JupyterLab's sanitizer keeps the one and strips the other).
 *
 * A display never breaks a cell: whatever fails (a chart, an image, the summary itself) is left
 * out and the reason is written in `text/plain` (and in the HTML when there is one).
 *
 * @module
 */
import { inspect } from "node:util";
import { escapeHtml, vegaLiteToSvg, VEGALITE_MIME } from "./display";
import { screeSpec } from "../src/charts/screeSpec";
import { spectraSpec } from "../src/charts/spectraSpec";
import { lcfSpec } from "../src/charts/lcfSpec";
import { scaleImagePng } from "../src/maps/scaleImagePng";
import { isPixelTable, type PixelTable } from "../src/types/pixel-table";
import type { Matrix } from "../src/types/matrix";
import type { Spectrum } from "../src/types/spectrum";
import type { Spectra } from "../src/types/spectra";
import type { PixelMaps } from "../src/types/pixelMaps";
import type { Stack } from "../src/types/stack";
import type { StxmScan } from "../src/io/scan";
import type { PcaResult } from "../src/decompose/pca";
import type { NmfResult } from "../src/decompose/nmf";
import type { Endmembers } from "../src/decompose/suggestEndmembers";
import type { NnlsPixelsResult } from "../src/decompose/nnlsPixels";
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
function int(n: number): string {
  return Number.isFinite(n) ? Math.round(n).toLocaleString("en-US") : String(n);
}

/** A number with 4 significant digits (exponent for very small or large magnitudes). */
function num(v: number, digits = 4): string {
  if (!Number.isFinite(v)) return Number.isNaN(v) ? "NaN" : String(v);
  if (v === 0) return "0";
  const a = Math.abs(v);
  if (a < 1e-3 || a >= 1e6) return v.toExponential(digits - 1).replace(/\.?0+e/, "e");
  return v.toPrecision(digits).replace(/(\.\d*?)0+$/, "$1").replace(/\.$/, "");
}

/** A fraction as a percentage: 0.6214 → "62.1 %". */
function pct(v: number): string {
  if (!Number.isFinite(v)) return "—";
  const p = 100 * v;
  return Math.abs(p) >= 1 || p === 0 ? `${p.toFixed(1)} %` : `${num(p, 2)} %`;
}

/** An energy in eV: up to 2 decimals. */
function eV(e: number): string {
  return Number.isFinite(e) ? `${Number(e.toFixed(2))}` : String(e);
}

/** Smallest and largest finite value, or null. */
function extent(a: ArrayLike<number>): [number, number] | null {
  let lo = Infinity, hi = -Infinity;
  for (let i = 0; i < a.length; i++) {
    const v = a[i];
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return Number.isFinite(lo) && Number.isFinite(hi) && lo <= hi ? [lo, hi] : null;
}

/** Percentile p (0–100) of the finite values of `a` (at most ~200,000 of them, evenly strided); NaN when none. */
function percentile(a: ArrayLike<number>, p: number): number {
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

function message(e: unknown): string {
  return e instanceof Error ? `${e.name}: ${e.message}` : String(e);
}

/** "1 energy", "50 energies" (with thousands separators). */
function count(n: number, one: string, many: string): string {
  return `${int(n)} ${n === 1 ? one : many}`;
}

/** Energy range text "529.0 – 545.0 eV (50 energies)". */
function energyRange(energies: ArrayLike<number>): string {
  const ex = extent(energies);
  if (!ex) return count(energies.length, "energy", "energies");
  return `${ex[0] === ex[1] ? eV(ex[0]) : `${eV(ex[0])} – ${eV(ex[1])}`} eV (${count(energies.length, "energy", "energies")})`;
}

/** Names made unique for a chart legend ("a", "a (2)"). */
function uniqueNames(names: readonly string[]): string[] {
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
const MAX_CHART_SPECTRA = 12;

/** Scree chart of a PCA (log scale, first ≤ 20 components); `screeSpec` marks the suggested number. */
function screeChart(p: PcaResult): Record<string, unknown> {
  return screeSpec(p, { nShow: Math.min(20, p.explainedVarianceRatio.length), logScale: true, title: "Explained variance (log scale)" });
}

/** A line chart of a set of spectra (the first {@link MAX_CHART_SPECTRA}; repeated names numbered). */
function spectraChart(s: Spectra, title: string): Record<string, unknown> {
  const shown = Math.min(s.nRows, MAX_CHART_SPECTRA);
  const names = uniqueNames(s.names.slice(0, shown));
  const part: Spectra = shown === s.nRows && names.every((n, i) => n === s.names[i])
    ? s
    : { ...s, data: s.data.subarray(0, shown * s.nCols), nRows: shown, names };
  return spectraSpec(part, { ...(title ? { title } : {}), yLabel: s.unit || "Intensity" });
}

/** A chart of one spectrum. */
function spectrumChart(s: Spectrum): Record<string, unknown> {
  return spectraSpec(s.name ? s : { ...s, name: "spectrum" }, { yLabel: s.unit || "Intensity", ...(s.name ? { title: s.name } : {}) });
}

/** The LCF chart: data, fit, weighted references, residual (R-factor in the subtitle). */
function lcfChart(r: LcfResult): Record<string, unknown> {
  return lcfSpec(r, { title: `Linear combination fit${r.spectrum.name ? ` of ${r.spectrum.name}` : ""}`, yLabel: r.spectrum.unit || "Intensity" });
}

/** Stacked horizontal bars of phase fractions, one bar per row label (a sample, or "all pixels"). */
function fractionsChart(labels: readonly string[], members: readonly string[], fractions: readonly number[][]): Record<string, unknown> {
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
function imagePng(image: ArrayLike<number>, ny: number, nx: number, domain: [number, number] | undefined, scheme: "viridis" | "gray", size = 200): { png: Uint8Array; width: number } {
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
function colourBarHtml(domain: [number, number], label: string): string {
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

function isObject(v: unknown): v is Record<string, unknown> {
  return v != null && typeof v === "object" && !Array.isArray(v) && !ArrayBuffer.isView(v);
}

function isCount(v: unknown): v is number {
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

function hasKind(v: unknown, kind: string): boolean {
  return isObject(v) && v.kind === kind;
}

// ---------------------------------------------------------------------------------------------
// One view per kind
// ---------------------------------------------------------------------------------------------

/** PCA: pixels × energies, k, centring, variance of the first components, the suggestion; the scree chart. */
export function pcaView(p: PcaResult): View {
  const cum = p.cumulativeVarianceRatio;
  const facts: [string, string][] = [
    ["pixels × energies", `${int(p.nPixels)} × ${int(p.nE)}`],
    ["components kept (k)", String(p.k)],
    ["centred", p.center ? "yes (mean spectrum subtracted)" : "no"],
  ];
  for (let i = 0; i < Math.min(3, cum.length); i++) facts.push([i === 0 ? "variance explained by PC1" : `… by PC1–${i + 1}`, pct(cum[i])]);
  const s = p.suggestion;
  facts.push(["suggested components", `${s.nComponents} (scree elbow ${s.elbow}, Malinowski IND ${s.ind})`]);
  facts.push(["scores", p.scores ? `${int(p.scores.nRows)} × ${int(p.scores.nCols)}` : "not computed"]);
  return {
    title: "PcaResult",
    headline: `${count(p.nPixels, "pixel", "pixels")} × ${count(p.nE, "energy", "energies")}, ${s.nComponents} suggested`,
    facts,
    notes: [s.reasoning],
    chart: () => screeChart(p),
    chartText: `scree chart: explained variance ratio of the first ${count(Math.min(20, p.explainedVarianceRatio.length), "component", "components")} (log scale), ${s.nComponents} suggested`,
  };
}

/** NMF: k, iterations, stop reason, reconstruction error; the component spectra. */
export function nmfView(r: NmfResult): View {
  const stop = r.converged ? "converged" : r.stopReason === "maxIter" ? "stopped at maxIter (not converged)" : `stopped by ${r.stopReason} (not converged)`;
  return {
    title: "NmfResult",
    headline: `${count(r.nPixels, "pixel", "pixels")} × ${count(r.nE, "energy", "energies")}, k = ${r.k}, ${r.converged ? "converged" : "not converged"}`,
    facts: [
      ["pixels × energies", `${int(r.nPixels)} × ${int(r.nE)}`],
      ["components (k)", String(r.k)],
      ["solver / init", `${r.solver} / ${r.init}${r.init === "random" ? ` (seed ${r.seed})` : ""}`],
      ["iterations", `${int(r.nIter)} of at most ${int(r.maxIter)} (tol ${num(r.tol)})`],
      ["stop", stop],
      ["reconstruction error ‖X − WH‖_F", `${num(r.reconstructionError)} (initial ${num(r.initialError)})`],
    ],
    chart: () => spectraChart(r.H, "NMF component spectra"),
    chartText: `chart: the ${r.k} component spectra (${r.H.names.join(", ")})`,
  };
}

/** End members: the member spectra and a table of name, cluster size, purity. */
export function endmembersView(em: Endmembers): View {
  const m = em.members;
  const facts: [string, string][] = [
    ["members", String(m.nRows)],
    ["energies", energyRange(m.energies)],
    ["refinement rounds", String(em.refined)],
  ];
  if (em.vca) facts.push(["VCA", `${em.vca.projection} projection, SNR ${num(em.vca.snr, 3)} dB`]);
  return {
    title: "Endmembers",
    headline: `${m.nRows} members: ${m.names.join(", ")}`,
    facts,
    tables: [{
      columns: ["member", "cluster size (pixels)", "purity"],
      rows: m.names.map((n, i) => [n, int(em.clusters[i]?.length ?? NaN), Number.isFinite(em.purity[i]) ? em.purity[i].toFixed(3) : "—"]),
    }],
    notes: em.refined === 0 ? ["Purity is the mean abundance of a member over its own cluster after refinement; — when there was none."] : [],
    chart: () => spectraChart(m, "End members"),
    chartText: `chart: the ${m.nRows} member spectra`,
  };
}

/** Which sample each fitted row belongs to, found from the result's maps; null (with the reason) when it cannot be told. */
function rowSamples(r: NnlsPixelsResult): { sample: Int32Array; names: string[] } | { reason: string } {
  const table = r.table;
  if (isPixelTable(table) && table.nPixels === r.nPixels) return { sample: table.sample, names: table.samples.map((s) => s.name) };
  return { reason: "the input was a plain matrix, not a PixelTable" };
}

/** Per-pixel NNLS: phase fractions (per sample when it can tell the samples), residual summary, counts. */
export function nnlsPixelsView(r: NnlsPixelsResult): View {
  const k = r.k;
  const extra = new Set(r.extraneous);
  const phases = r.names.map((_, i) => i).filter((i) => !extra.has(i));
  const F = r.fractions.data;
  // one pass: per group (sample, or 0 for all) the pixel count, Σ phase total and Σ fraction·total
  const weighted = (group: Int32Array | null, nGroups: number): { n: number; f: number[] }[] => {
    const n = new Float64Array(nGroups), tot = new Float64Array(nGroups), acc = new Float64Array(nGroups * k);
    const P = r.phaseTotal;
    for (let row = 0; row < r.nPixels; row++) {
      const g = group ? group[row] : 0;
      n[g]++;
      const t = P[row];
      if (!(t > 0)) continue;
      tot[g] += t;
      for (let j = 0; j < phases.length; j++) acc[g * k + phases[j]] += F[row * k + phases[j]] * t;
    }
    return Array.from({ length: nGroups }, (_, g) => ({ n: n[g], f: phases.map((m) => (tot[g] > 0 ? acc[g * k + m] / tot[g] : NaN)) }));
  };
  const columns = ["sample", "pixels", ...phases.map((m) => r.names[m])];
  const tableRows: string[][] = [];
  const labels: string[] = [];
  const values: number[][] = [];
  const notes: string[] = [];
  const samples = rowSamples(r);
  const add = (label: string, w: { n: number; f: number[] }): void => {
    tableRows.push([label, int(w.n), ...w.f.map(pct)]);
    labels.push(label);
    values.push(w.f);
  };
  if ("sample" in samples) weighted(samples.sample, samples.names.length).forEach((w, s) => add(samples.names[s], w));
  else notes.push(`Per-sample fractions are not shown: ${samples.reason}.`);
  add("all pixels", weighted(null, 1)[0]);
  notes.push("Fractions: per sample, the mean phase fraction of each member weighted by the pixel's phase total (Σ of non-extraneous weights), i.e. Σ weight / Σ phase total." +
    (r.extraneous.length ? ` Extraneous (fitted, not a phase): ${r.extraneous.map((i) => r.names[i]).join(", ")}.` : ""));
  const res = r.residualNorm;
  let mean = 0;
  for (let i = 0; i < res.length; i++) mean += res[i];
  mean /= Math.max(res.length, 1);
  const ex = extent(res);
  return {
    title: "NnlsPixelsResult",
    headline: `${int(r.nPixels)} pixels, ${k} members: ${r.names.join(", ")}`,
    warnings: r.nNotConverged > 0 ? [`${int(r.nNotConverged)} pixels hit the iteration limit of the active-set solve`] : [],
    facts: [
      ["pixels", int(r.nPixels)],
      ["members", r.names.map((n, i) => (extra.has(i) ? `${n} (extraneous)` : n)).join(", ")],
      ["sum to one", r.sumToOne ? "yes" : "no"],
      ["residual ‖x − Σwe‖₂", res.length ? `mean ${num(mean)}, median ${num(percentile(res, 50))}, 95th percentile ${num(percentile(res, 95))}, max ${ex ? num(ex[1]) : "—"}` : "—"],
      ["not converged", int(r.nNotConverged)],
      ["no phase (fractions 0)", int(r.nNoPhase)],
    ],
    tables: [{ caption: "Phase fractions", columns, rows: tableRows }],
    notes,
    chart: phases.length ? () => fractionsChart(uniqueNames(labels), uniqueNames(phases.map((m) => r.names[m])), values) : undefined,
    chartText: phases.length ? `chart: the phase fractions of ${labels.length === 1 ? "all pixels" : "each sample"}` : undefined,
  };
}

/** LCF: weights ± uncertainties, R-factor, reduced χ²; the fit chart. */
export function lcfView(r: LcfResult): View {
  const facts: [string, string][] = [
    ["spectrum", `${r.spectrum.name || "(unnamed)"}, ${energyRange(r.energies)}`],
    ["R-factor", num(r.rFactor)],
    ["reduced χ²", num(r.reducedChi2)],
    ["χ²", num(r.chi2)],
    ["points / free parameters", `${int(r.nPoints)} / ${r.nVarys}`],
    ["Σ weights", num(r.sum)],
    ["constraints", [r.nonNegative ? "non-negative" : "", r.sumToOne ? "sum to one" : ""].filter(Boolean).join(", ") || "none"],
  ];
  if (r.shift !== 0) facts.push(["energy shift", `${num(r.shift)} eV`]);
  return {
    title: "LcfResult",
    headline: r.names.map((n, i) => `${num(r.weights[i], 3)} × ${n}`).join(" + ") + `, R = ${num(r.rFactor, 3)}`,
    facts,
    tables: [{ columns: ["reference", "weight", "± 1σ"], rows: r.names.map((n, i) => [n, num(r.weights[i]), num(r.uncertainties[i])]) }],
    chart: () => lcfChart(r),
    chartText: "chart: data, fit, weighted references and residual",
  };
}

/** Pixel size in µm from a stack's stage axes, or null when the axes are in pixel units (0, 1, 2, …). */
function pixelSize(s: Stack): [number, number] | null {
  const step = (a: Float64Array): number => (a.length > 1 ? Math.abs(a[a.length - 1] - a[0]) / (a.length - 1) : NaN);
  const ramp = (a: Float64Array): boolean => a.every((v, i) => v === i);
  if (ramp(s.x) && ramp(s.y)) return null;
  return [step(s.x), step(s.y)];
}

/** The energy index with the most contrast (largest spread of the image relative to its mean; for OD, the largest spread); -1 when no image has two finite values. */
function contrastIndex(s: Stack): number {
  const n = s.ny * s.nx;
  const stride = Math.max(1, Math.floor(n / 4096));
  let best = -1, bestC = -Infinity;
  for (let e = 0; e < s.nE; e++) {
    let sum = 0, sum2 = 0, m = 0;
    for (let i = 0; i < n; i += stride) {
      const v = s.data[e * n + i];
      if (!Number.isFinite(v)) continue;
      sum += v; sum2 += v * v; m++;
    }
    if (m < 2) continue;
    const mean = sum / m;
    const sd = Math.sqrt(Math.max(sum2 / m - mean * mean, 0));
    const c = s.quantity === "od" ? sd : mean !== 0 ? sd / Math.abs(mean) : 0;
    if (c > bestC) { bestC = c; best = e; }
  }
  return best;
}

/** A stack's facts (used for a stack and for each stack of a scan). */
function stackFacts(s: Stack): [string, string][] {
  const px = pixelSize(s);
  const facts: [string, string][] = [
    ["size nE × ny × nx", `${int(s.nE)} × ${int(s.ny)} × ${int(s.nx)}`],
    ["energies", energyRange(s.energies)],
    ["pixel size", px ? `${num(px[0], 3)} × ${num(px[1], 3)} µm (x × y); field ${num(px[0] * s.nx, 3)} × ${num(px[1] * s.ny, 3)} µm` : "unknown (axes in pixel units)"],
    ["quantity", s.quantity === "od" ? "optical density" : s.quantity],
    ["channel", s.channel || "—"],
    ["scan type", s.scanType],
    ["source", s.source || "(in memory)"],
  ];
  const dw = extent(s.dwell);
  if (dw && !(dw[0] === 1 && dw[1] === 1)) facts.push(["dwell", dw[0] === dw[1] ? `${num(dw[0])} ms` : `${num(dw[0])} – ${num(dw[1])} ms`]);
  const nonFinite = s.metadata?.nonFiniteCount;
  if (typeof nonFinite === "number" && nonFinite > 0) facts.push(["non-finite values", int(nonFinite)]);
  return facts;
}

/** The image of a stack at its highest-contrast energy (robust 1–99 % grey scale). */
function stackImage(s: Stack, size = 240): ViewImage {
  const c = s.nE > 1 ? contrastIndex(s) : -1;
  const e = c >= 0 ? c : Math.floor(s.nE / 2);
  const why = s.nE === 1 ? "" : c >= 0 ? ", highest contrast" : ", middle";
  const n = s.ny * s.nx;
  const img = s.data.subarray(e * n, (e + 1) * n);
  const lo = percentile(img, 1), hi = percentile(img, 99);
  const { png, width } = imagePng(img, s.ny, s.nx, Number.isFinite(lo) && Number.isFinite(hi) && lo < hi ? [lo, hi] : undefined, "gray", size);
  return { caption: `${eV(s.energies[e])} eV (energy ${e + 1} of ${s.nE}${why})${s.source ? ` — ${s.source}` : ""}`, png, width };
}

/** A stack: sizes, energy range, pixel size, quantity, channel, source; the image at one energy as PNG. */
export function stackView(s: Stack): View {
  const img = stackImage(s);
  return {
    title: "Stack",
    headline: `${int(s.nE)} × ${int(s.ny)} × ${int(s.nx)} (energy × y × x), ${s.quantity}${s.channel ? `, ${s.channel}` : ""}`,
    facts: stackFacts(s),
    images: [img],
    png: img,
  };
}

/** A scan as read from a file: its warnings first, a summary line per stack, the first stacks' images. */
export function stxmScanView(scan: StxmScan): View {
  const problems: string[] = [];
  const images: ViewImage[] = [];
  for (const s of scan.stacks.slice(0, 4)) {
    try {
      images.push(stackImage(s, 160));
    } catch (e) {
      problems.push(`image of ${s.channel || "a stack"}: ${message(e)}`);
    }
  }
  return {
    title: "StxmScan",
    headline: `${scan.format} file ${scan.source || ""}: ${scan.stacks.length} ${scan.stacks.length === 1 ? "stack" : "stacks"}${scan.warnings.length ? `, ${scan.warnings.length} ${scan.warnings.length === 1 ? "warning" : "warnings"}` : ""}`,
    warnings: [...scan.warnings],
    facts: [
      ["format", scan.format],
      ["source", scan.source || "(bytes)"],
      ["stacks", String(scan.stacks.length)],
    ],
    tables: [{
      columns: ["#", "channel", "nE × ny × nx", "energies (eV)", "pixel size (µm)", "quantity", "scan type"],
      rows: scan.stacks.map((s, i) => {
        const px = pixelSize(s);
        const ex = extent(s.energies);
        return [String(i), s.channel || "—", `${int(s.nE)} × ${int(s.ny)} × ${int(s.nx)}`, ex ? `${eV(ex[0])} – ${eV(ex[1])}` : "—", px ? `${num(px[0], 3)} × ${num(px[1], 3)}` : "unknown", s.quantity, s.scanType];
      }),
    }],
    images,
    problems,
  };
}

/** A pixel table: samples with pixel counts and image sizes, energies, brightness range. */
export function pixelTableView(t: PixelTable): View {
  const counts = new Array<number>(t.samples.length).fill(0);
  for (let r = 0; r < t.nPixels; r++) counts[t.sample[r]]++;
  const b = extent(t.brightness);
  return {
    title: "PixelTable",
    headline: `${int(t.nPixels)} pixels × ${int(t.nE)} energies from ${t.samples.length} ${t.samples.length === 1 ? "sample" : "samples"}`,
    facts: [
      ["pixels × energies", `${int(t.nPixels)} × ${int(t.nE)}`],
      ["energies", energyRange(t.energies)],
      ["brightness", b ? `${num(b[0])} – ${num(b[1])}` : "unknown (NaN)"],
    ],
    tables: [{
      columns: ["sample", "pixels", "image ny × nx", "of the image", "pixel size (µm)"],
      rows: t.samples.map((s, i) => [s.name, int(counts[i]), `${s.ny} × ${s.nx}`, pct(counts[i] / (s.ny * s.nx)), s.pixelSize ? `${num(s.pixelSize[0], 3)} × ${num(s.pixelSize[1], 3)}` : "—"]),
    }],
  };
}

/** A set of spectra: names, energies, the chart. */
export function spectraView(s: Spectra): View {
  const dim = s.dims?.[0] && s.dims[0] !== "spectrum" ? ` (${s.dims[0]})` : "";
  const shown = Math.min(s.nRows, MAX_CHART_SPECTRA);
  return {
    title: "Spectra",
    headline: `${count(s.nRows, "spectrum", "spectra")}${dim} × ${count(s.nCols, "energy", "energies")}`,
    facts: [
      ["spectra", s.names.length <= 20 ? s.names.join(", ") : `${s.names.slice(0, 20).join(", ")}, … (${int(s.names.length)})`],
      ["energies", energyRange(s.energies)],
      ["unit", s.unit || "—"],
    ],
    chart: () => spectraChart(s, ""),
    chartText: `chart: ${shown === s.nRows ? "the spectra" : `the first ${shown} of ${s.nRows} spectra`}`,
  };
}

/** One spectrum: name, energies, the chart. */
export function spectrumView(s: Spectrum): View {
  const v = extent(s.values);
  return {
    title: "Spectrum",
    headline: `${s.name ? `"${s.name}", ` : ""}${int(s.values.length)} points`,
    facts: [
      ["energies", energyRange(s.energies)],
      ["values", v ? `${num(v[0])} – ${num(v[1])}${s.unit ? ` ${s.unit}` : ""}` : "—"],
    ],
    chart: () => spectrumChart(s),
    chartText: "chart: the spectrum",
  };
}

/** Per-sample maps: one panel per sample × map on one colour scale. */
export function pixelMapsView(m: PixelMaps): View {
  const maxPanels = 24;
  let lo = Infinity, hi = -Infinity;
  for (const s of m.samples) for (const img of s.images) {
    const e = extent(img);
    if (e) { lo = Math.min(lo, e[0]); hi = Math.max(hi, e[1]); }
  }
  const domain: [number, number] | undefined = m.quantity === "fraction" ? [0, 1] : lo < hi ? [lo, hi] : undefined;
  const images: ViewImage[] = [];
  const lines: string[] = [];
  for (const s of m.samples) {
    const means = s.images.map((img) => {
      let sum = 0, n = 0;
      for (let i = 0; i < img.length; i++) if (Number.isFinite(img[i])) { sum += img[i]; n++; }
      return n ? sum / n : NaN;
    });
    lines.push(`${s.name} (${s.ny} × ${s.nx}): ${m.names.map((n, j) => `${n} mean ${num(means[j], 3)}`).join(", ")}`);
    s.images.forEach((img, j) => {
      if (images.length >= maxPanels) return;
      const { png, width } = imagePng(img, s.ny, s.nx, domain, "viridis", 160);
      images.push({ caption: `${s.name} — ${m.names[j]}`, png, width });
    });
  }
  const nPanels = m.samples.length * m.names.length;
  const notes = nPanels > maxPanels ? [`The first ${maxPanels} of ${nPanels} panels are shown.`] : [];
  return {
    title: "PixelMaps",
    headline: `${m.quantity}: ${m.names.length} ${m.names.length === 1 ? "map" : "maps"} × ${m.samples.length} ${m.samples.length === 1 ? "sample" : "samples"}`,
    facts: [
      ["quantity", m.quantity],
      ["maps", m.names.join(", ")],
      ["samples", m.samples.map((s) => `${s.name} (${s.ny} × ${s.nx})`).join(", ")],
    ],
    notes: [...lines, ...notes],
    images,
    imageColumns: m.names.length,
    imagesFooterHtml: domain ? colourBarHtml(domain, `${m.quantity}, one scale for all panels`) : undefined,
    imagesFooterText: domain ? `colour scale (all panels): ${num(domain[0])} – ${num(domain[1])}` : undefined,
  };
}

/** A plain matrix: its dimensions and the first rows. */
export function matrixView(x: Matrix): View {
  const dims = x.dims ? `${x.dims[0]} × ${x.dims[1]}, ` : "";
  const nr = Math.min(5, x.nRows), nc = Math.min(8, x.nCols);
  const columns = ["", ...Array.from({ length: nc }, (_, c) => String(c)), ...(x.nCols > nc ? ["…"] : [])];
  const body = Array.from({ length: nr }, (_, r) => [String(r), ...Array.from({ length: nc }, (_, c) => num(x.data[r * x.nCols + c])), ...(x.nCols > nc ? ["…"] : [])]);
  if (x.nRows > nr) body.push(["…", ...Array.from({ length: columns.length - 1 }, () => "")]);
  return {
    title: "Matrix",
    separator: " ",
    headline: `${dims}${int(x.nRows)} × ${int(x.nCols)}`,
    facts: [],
    tables: [{ caption: `first ${nr} of ${int(x.nRows)} rows`, columns, rows: body }],
  };
}

/** Which view fits a value (null: not one of the library's objects). */
function viewFor(v: unknown): ((v: never) => View) | null {
  if (!isObject(v)) return null;
  if (hasKind(v, "pca") && v.explainedVarianceRatio instanceof Float64Array && isObject(v.suggestion)) return pcaView;
  if (hasKind(v, "nmf") && isSpectra(v.H)) return nmfView;
  if (hasKind(v, "endmembers") && isSpectra(v.members)) return endmembersView;
  if (hasKind(v, "nnlsPixels") && isMatrix(v.fractions)) return nnlsPixelsView;
  if (hasKind(v, "lcf") && isSpectra(v.references) && isSpectrum(v.spectrum)) return lcfView;
  if (isPixelMaps(v)) return pixelMapsView;
  if (isStxmScan(v)) return stxmScanView;
  if (isStack(v)) return stackView;
  if (isPixelTable(v)) return pixelTableView;
  if (isSpectra(v)) return spectraView;
  if (isSpectrum(v)) return spectrumView;
  if (isMatrix(v)) return matrixView;
  return null;
}

// ---------------------------------------------------------------------------------------------
// Rendering a view
// ---------------------------------------------------------------------------------------------

const BOX = "display:inline-block;max-width:100%;border:1px solid rgba(127,127,127,.45);border-radius:4px;padding:6px 10px;font-family:var(--jp-ui-font-family,sans-serif);font-size:13px;line-height:1.35";
const WARN = "margin:4px 0;padding:4px 8px;border-left:4px solid #e0a800;background:#fff3cd;color:#664d03";
const CELL = "padding:1px 8px 1px 0;text-align:left;vertical-align:top;border:none";

function tableHtml(t: ViewTable): string {
  const head = t.columns.map((c) => `<th style="${CELL};border-bottom:1px solid rgba(127,127,127,.45)">${escapeHtml(c)}</th>`).join("");
  const body = t.rows.map((r) => `<tr>${r.map((c) => `<td style="${CELL}">${escapeHtml(c)}</td>`).join("")}</tr>`).join("");
  return `${t.caption ? `<div style="margin-top:6px;font-weight:600">${escapeHtml(t.caption)}</div>` : ""}<table style="font-size:inherit;border-collapse:collapse;margin:4px 0">` +
    `<thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

function tableText(t: ViewTable): string {
  const w = t.columns.map((c, i) => Math.max(c.length, ...t.rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]): string => cells.map((s, i) => (i === 0 ? s.padEnd(w[i]) : s.padStart(w[i]))).join("  ").trimEnd();
  return [...(t.caption ? [`${t.caption}:`] : []), line(t.columns), ...t.rows.map(line)].map((l) => `  ${l}`).join("\n");
}

/** Text wrapped at `width` columns (words kept whole), each line indented. */
function wrap(text: string, width: number, indent: string): string {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && indent.length + line.length + 1 + word.length > width) {
      lines.push(indent + line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(indent + line);
  return lines.join("\n");
}

/** The `text/plain` of a view. */
export function viewText(v: View): string {
  const out = [`${v.title}${v.separator ?? ": "}${v.headline}`];
  for (const w of v.warnings ?? []) out.push(`  ⚠ ${w}`);
  const lw = Math.max(0, ...v.facts.map(([l]) => l.length));
  for (const [l, val] of v.facts) out.push(`  ${l.padEnd(lw)}  ${val}`);
  for (const t of v.tables ?? []) out.push(tableText(t));
  for (const n of v.notes ?? []) out.push(wrap(n, 98, "  "));
  if (v.images?.length) out.push(`  images: ${v.images.map((i) => i.caption).join("; ")}`);
  if (v.imagesFooterText) out.push(`  ${v.imagesFooterText}`);
  if (v.chartText) out.push(`  (${v.chartText})`);
  for (const p of v.problems ?? []) out.push(`  (not shown: ${p})`);
  return out.join("\n");
}

function imageHtml(i: ViewImage): string {
  const src = `data:image/png;base64,${Buffer.from(i.png).toString("base64")}`;
  return `<figure style="margin:0"><img src="${src}" alt="${escapeHtml(i.caption)}" style="image-rendering:pixelated${i.width ? `;width:${i.width}px` : ""}"/>` +
    `<figcaption style="font-size:11px;opacity:.8;max-width:${Math.max(i.width ?? 160, 120)}px">${escapeHtml(i.caption)}</figcaption></figure>`;
}

/** The `text/html` of a view; `svg` is the rendered chart, if any. */
export function viewHtml(v: View, svg?: string): string {
  const parts = [`<div class="edgeworks-repr" style="${BOX}">`,
    `<div style="font-weight:600;margin-bottom:4px">${escapeHtml(v.title)} <span style="font-weight:normal;opacity:.8">${escapeHtml(v.headline)}</span></div>`];
  for (const w of v.warnings ?? []) parts.push(`<div style="${WARN}">⚠ ${escapeHtml(w)}</div>`);
  if (v.facts.length) {
    parts.push(`<table style="font-size:inherit;border-collapse:collapse;margin:2px 0">${v.facts.map(([l, val]) => `<tr><th style="${CELL};font-weight:normal;opacity:.8">${escapeHtml(l)}</th><td style="${CELL}">${escapeHtml(val)}</td></tr>`).join("")}</table>`);
  }
  for (const t of v.tables ?? []) parts.push(tableHtml(t));
  for (const n of v.notes ?? []) parts.push(`<p style="margin:4px 0;max-width:60em">${escapeHtml(n)}</p>`);
  if (v.images?.length) {
    const grid = v.imageColumns ? `display:grid;grid-template-columns:repeat(${v.imageColumns},max-content)` : "display:flex;flex-wrap:wrap";
    parts.push(`<div style="${grid};gap:6px;margin-top:6px">${v.images.map(imageHtml).join("")}</div>`);
  }
  if (v.imagesFooterHtml) parts.push(v.imagesFooterHtml);
  // as an <img> (not inline <svg>): JupyterLab's sanitizer, applied when a saved notebook is
  // reopened untrusted, removes <svg> elements but keeps data: images
  if (svg) parts.push(`<div style="margin-top:6px"><img src="data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}" alt="${escapeHtml(v.chartText ?? "chart")}"/></div>`);
  for (const p of v.problems ?? []) parts.push(`<div style="${WARN}">not shown: ${escapeHtml(p)}</div>`);
  parts.push("</div>");
  return parts.join("");
}

/**
 * The MIME bundle of one of the library's objects, or null when `value` is none of them.
 *
 * Recognised: results by `kind` (`"pca"`, `"nmf"`, `"endmembers"`, `"nnlsPixels"`, `"lcf"`,
 * `"maps"`), and by shape a `StxmScan`, `Stack`, `PixelTable`, `Spectra`, `Spectrum` and any
 * `Matrix`. The bundle has `text/html` and `text/plain`, plus the chart as
 * `application/vnd.vegalite.v5+json` and `image/svg+xml`, or the image as `image/png`, when the
 * object has one. Never throws for a recognised object: a part that fails is left out and the
 * reason given in the text (and everything failing gives `text/plain` with the reason).
 *
 * @example
 * const b = await richMimeBundle(pca(T));
 * b["text/html"]; // summary + scree chart
 */
export async function richMimeBundle(value: unknown): Promise<Record<string, unknown> | null> {
  let make: ((v: never) => View) | null;
  try {
    make = viewFor(value);
  } catch {
    return null;
  }
  if (!make) return null;
  let view: View;
  try {
    view = make(value as never);
  } catch (e) {
    const name = isObject(value) && typeof value.kind === "string" ? value.kind : make.name.replace(/View$/, "");
    let text: string;
    try {
      text = inspect(value, { depth: 1, maxArrayLength: 8, breakLength: 100 });
    } catch {
      text = String(value);
    }
    return { "text/plain": `${text}\n(rich display of this ${name} failed: ${message(e)})` };
  }
  const bundle: Record<string, unknown> = {};
  let svg: string | undefined;
  if (view.chart) {
    try {
      const spec = view.chart();
      svg = await vegaLiteToSvg(spec);
      bundle[VEGALITE_MIME] = spec;
      bundle["image/svg+xml"] = svg;
    } catch (e) {
      view = { ...view, chartText: undefined, problems: [...(view.problems ?? []), `the chart (${message(e)})`] };
    }
  }
  if (view.png) bundle["image/png"] = Buffer.from(view.png.png).toString("base64");
  try {
    bundle["text/html"] = viewHtml(view, svg);
  } catch (e) {
    view = { ...view, problems: [...(view.problems ?? []), `the HTML summary (${message(e)})`] };
  }
  bundle["text/plain"] = viewText(view);
  return bundle;
}
