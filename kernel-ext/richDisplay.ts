/**
 * Rich display of the library's own objects, in the manner of scikit-learn's HTML repr: when a
 * PCA, NMF, end-member, NNLS or LCF result, a stack, a scan, a pixel table, spectra, maps or a
 * matrix is the last expression of a cell (or passed to `show()`), the kernel shows a short HTML
 * summary with its chart or image, and a `text/plain` summary that reads well in a saved notebook.
 *
 * Each kind has one function `xxxView(value) → View` (the numbers, tables, chart and images;
 * `resultViews.ts`, `dataViews.ts`, on the view model of `richView.ts`);
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
import { isPixelTable } from "../src/types/pixel-table";
import { ViewTable, ViewImage, View, message, isObject, isMatrix, isSpectra, isSpectrum, isStack, isStxmScan, isPixelMaps, hasKind } from "./richView";
import { pcaView, nmfView, endmembersView, nnlsPixelsView, lcfView } from "./resultViews";
import { stackView, stxmScanView, pixelTableView, spectraView, spectrumView, pixelMapsView, matrixView } from "./dataViews";

export { pcaView, nmfView, endmembersView, nnlsPixelsView, lcfView, stackView, stxmScanView, pixelTableView, spectraView, spectrumView, pixelMapsView, matrixView };

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
