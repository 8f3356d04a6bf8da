/**
 * Rich display: turns results into Jupyter MIME bundles. Vega-Lite specs go out as
 * `application/vnd.vegalite.v5+json` (JupyterLab draws them natively) with an SVG rendered
 * in Node as the static fallback, so a notebook saved with outputs reads well on GitHub or
 * nbviewer; the library's results, stacks and tables get an HTML summary (`richDisplay.ts`);
 * tables become HTML; PNG bytes become `image/png`; anything else `text/plain`.
 *
 * @module
 */
import { inspect } from "node:util";
import { richMimeBundle } from "./richDisplay";

/** The MIME type JupyterLab's built-in Vega-Lite 5 renderer handles. */
export const VEGALITE_MIME = "application/vnd.vegalite.v5+json";

const MIME_BUNDLE = Symbol.for("edgeworks.mimeBundle");

/** A value that knows how to display itself. */
export interface Displayable {
  [MIME_BUNDLE](): Record<string, unknown> | Promise<Record<string, unknown>>;
}

function isDisplayable(v: unknown): v is Displayable {
  return v != null && typeof (v as Record<symbol, unknown>)[MIME_BUNDLE] === "function";
}

/** Whether `v` looks like a Vega-Lite spec (a `$schema` naming vega-lite, or mark/layer/concat with data). */
export function isVegaLiteSpec(v: unknown): v is Record<string, unknown> {
  if (!v || typeof v !== "object" || Array.isArray(v)) return false;
  const s = v as Record<string, unknown>;
  if (typeof s.$schema === "string") return s.$schema.includes("vega-lite");
  return false;
}

/**
 * Render a Vega-Lite spec to an SVG string in Node (no browser).
 * @throws Error from the Vega-Lite compiler when the spec is invalid.
 */
export async function vegaLiteToSvg(spec: Record<string, unknown>): Promise<string> {
  const vl = require("vega-lite") as { compile(s: unknown): { spec: unknown } };
  const vega = require("vega") as {
    parse(s: unknown): unknown;
    View: new (rt: unknown, o: { renderer: string }) => { toSVG(): Promise<string>; finalize(): void };
  };
  const view = new vega.View(vega.parse(vl.compile(spec).spec), { renderer: "none" });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** PNG bytes to show as an image. */
export class PngImage implements Displayable {
  constructor(
    /** The encoded PNG file. */
    readonly bytes: Uint8Array,
    /** Alternative text, shown where images are not. */
    readonly alt = "PNG image",
  ) {
    if (bytes.length < 8 || bytes[0] !== 0x89 || bytes[1] !== 0x50 || bytes[2] !== 0x4e || bytes[3] !== 0x47) {
      throw new Error("PngImage: the bytes are not a PNG file (missing the \\x89PNG signature)");
    }
  }
  [MIME_BUNDLE](): Record<string, unknown> {
    return { "image/png": Buffer.from(this.bytes).toString("base64"), "text/plain": this.alt };
  }
}

/** Escape text for HTML. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

function formatCell(v: unknown): string {
  if (typeof v === "number") return Number.isInteger(v) ? String(v) : v.toPrecision(6).replace(/\.?0+$/, "");
  if (v == null) return "";
  return String(v);
}

/**
 * An HTML table (and a plain-text one) for rows of plain objects.
 * Long tables show the first `head` and last `tail` rows, with the count in between.
 */
export function tableBundle(rows: readonly Record<string, unknown>[], options: { head?: number; tail?: number } = {}): Record<string, unknown> {
  const head = options.head ?? 20;
  const tail = options.tail ?? 5;
  const cols = Array.from(new Set(rows.flatMap((r) => Object.keys(r))));
  const shown: (Record<string, unknown> | null)[] =
    rows.length > head + tail ? [...rows.slice(0, head), null, ...rows.slice(rows.length - tail)] : [...rows];
  const th = cols.map((c) => `<th>${escapeHtml(c)}</th>`).join("");
  const body = shown
    .map((r) =>
      r === null
        ? `<tr><td colspan="${cols.length}" style="text-align:center">… ${rows.length - head - tail} more rows …</td></tr>`
        : `<tr>${cols.map((c) => `<td>${escapeHtml(formatCell(r[c]))}</td>`).join("")}</tr>`,
    )
    .join("");
  const html = `<table class="edgeworks-table"><thead><tr>${th}</tr></thead><tbody>${body}</tbody></table><p><small>${rows.length} rows × ${cols.length} columns</small></p>`;
  const widths = cols.map((c) => Math.max(c.length, ...shown.map((r) => (r ? formatCell(r[c]).length : 3))));
  const line = (cells: string[]) => cells.map((s, i) => s.padStart(widths[i])).join("  ");
  const text = [line(cols), ...shown.map((r) => (r ? line(cols.map((c) => formatCell(r[c]))) : "…"))].join("\n");
  return { "text/html": html, "text/plain": text };
}

function isRowArray(v: unknown): v is Record<string, unknown>[] {
  return Array.isArray(v) && v.length > 0 && v.every((r) => r && typeof r === "object" && !Array.isArray(r) && Object.getPrototypeOf(r) === Object.prototype);
}

function isArqueroTable(v: unknown): v is { objects(): Record<string, unknown>[]; numRows(): number } {
  return v != null && typeof v === "object" && typeof (v as Record<string, unknown>).objects === "function" && typeof (v as Record<string, unknown>).numRows === "function" && typeof (v as Record<string, unknown>).columnNames === "function";
}

/**
 * The MIME bundle for any value: displayables, Vega-Lite specs (with SVG fallback), the library's
 * own objects (PCA/NMF/end-member/NNLS/LCF results, stacks, scans, pixel tables, spectra, maps,
 * matrices: an HTML summary with chart or image, see `richDisplay.ts`), arquero tables and arrays
 * of row objects (HTML tables), otherwise `text/plain`.
 */
export async function toMimeBundle(value: unknown): Promise<Record<string, unknown>> {
  if (isDisplayable(value)) return await value[MIME_BUNDLE]();
  if (isVegaLiteSpec(value)) {
    const svg = await vegaLiteToSvg(value);
    const title = typeof value.title === "string" ? value.title : (value.title as { text?: string } | undefined)?.text;
    return { [VEGALITE_MIME]: value, "image/svg+xml": svg, "text/plain": `<Vega-Lite chart${title ? `: ${title}` : ""}>` };
  }
  const rich = await richMimeBundle(value);
  if (rich) return rich;
  if (isArqueroTable(value)) return tableBundle(value.objects());
  if (isRowArray(value)) return tableBundle(value);
  return { "text/plain": inspect(value, { depth: 3, maxArrayLength: 20, breakLength: 100 }) };
}
