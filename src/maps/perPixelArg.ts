/**
 * The per-pixel argument of the maps functions: an `NnlsPixelsResult` or a `Matrix<"pixel", …>`
 * (internal; not re-exported).
 * @module
 */
import type { Matrix } from "../types/matrix";
import type { PixelTable } from "../types/pixel-table";
import type { NnlsPixelsResult } from "../decompose/nnlsPixels";

/** @internal Whether `v` is an `NnlsPixelsResult`. */
export function isNnlsPixels(v: unknown): v is NnlsPixelsResult {
  return v != null && typeof v === "object" && (v as { kind?: unknown }).kind === "nnlsPixels";
}

/**
 * @internal
 * The `[nPixels, k]` matrix of per-pixel values and the name of each column: a fit's
 * `fractions` (or `weights`) with its member names, or a matrix with `names` (default "1" … "k").
 */
export function perPixelColumns(fn: string, t: PixelTable, arg: NnlsPixelsResult | Matrix, which: "fractions" | "weights", names: readonly string[] | undefined, argName = "fractions"): { m: Matrix; names: string[] } {
  const m: Matrix = isNnlsPixels(arg) ? arg[which] : arg;
  if (m == null || typeof m !== "object" || !(m.data instanceof Float64Array) || !Number.isInteger(m.nRows) || !Number.isInteger(m.nCols)) {
    const hint = ArrayBuffer.isView(arg) ? "; wrap a flat array with matrix(data, nPixels, k, [\"pixel\", \"member\"])" : "";
    throw new TypeError(`${fn}: ${argName} must be an NnlsPixelsResult or a Matrix<"pixel", "member"> { data, nRows, nCols }${hint}`);
  }
  if (m.nCols < 1) throw new RangeError(`${fn}: ${argName} has no columns`);
  if (m.data.length !== m.nRows * m.nCols) throw new RangeError(`${fn}: ${argName}.data has length ${m.data.length}, expected nRows · nCols = ${m.nRows} · ${m.nCols}`);
  if (m.nRows !== t.nPixels) throw new RangeError(`${fn}: ${argName} has ${m.nRows} rows, the table has ${t.nPixels} pixels; expected one row per pixel (shape [nPixels=${t.nPixels}, k])`);
  const n = names ?? (isNnlsPixels(arg) ? arg.names : undefined) ?? Array.from({ length: m.nCols }, (_, i) => String(i + 1));
  if (!Array.isArray(n) || n.length !== m.nCols) throw new RangeError(`${fn}: ${Array.isArray(n) ? n.length : 0} names for ${m.nCols} columns`);
  return { m, names: [...n] };
}
