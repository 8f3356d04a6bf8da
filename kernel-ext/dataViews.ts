/**
 * Rich-display views of the data: stacks, scans, pixel tables, spectra, maps and plain matrices.
 * @module
 */
import { type PixelTable } from "../src/types/pixel-table";
import type { Matrix } from "../src/types/matrix";
import type { Spectrum } from "../src/types/spectrum";
import type { Spectra } from "../src/types/spectra";
import type { PixelMaps } from "../src/types/pixelMaps";
import type { Stack } from "../src/types/stack";
import type { StxmScan } from "../src/io/scan";
import { ViewImage, View, int, num, pct, eV, extent, percentile, message, count, energyRange, MAX_CHART_SPECTRA, spectraChart, spectrumChart, imagePng, colourBarHtml } from "./richView";
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
