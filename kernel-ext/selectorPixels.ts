/**
 * The end-member selector's per-pixel links (kernel side): where every point sits on its
 * sample's map (sent once as binary uint16 arrays, so the views can draw one map per sample
 * and find the point under the mouse), and the answer to a view's request for one pixel's
 * spectrum (`{ type: "pixel_spectrum", index }` → `{ type: "pixel_spectrum", index }` with the
 * float32 values as a binary buffer, or `{ type: "pixel_spectrum", index, error }`). The table
 * stays in the kernel: 10⁶ pixels × 100 energies is too much to send.
 *
 * @module
 */
import type { PixelTable } from "../src/types/pixel-table";

/** Where the points are on the maps: per point its sample, column and row (uint16, length nPixels), and the samples' image sizes. */
export interface SelectorMapCoords {
  pixel_sample: Uint16Array;
  pixel_x: Uint16Array;
  pixel_y: Uint16Array;
  /** The samples in table order: name and image size (rows ny × columns nx). */
  samples: { name: string; ny: number; nx: number }[];
}

const U16 = 65535;

/**
 * The map coordinates of every row of `table`, ready to sync as binary buffers.
 * @throws RangeError when a sample's image or the number of samples exceeds 65,535 (uint16).
 * @example
 * const m = selectorMapCoords(T); // m.pixel_x[i], m.pixel_y[i] on map m.samples[m.pixel_sample[i]]
 */
export function selectorMapCoords(table: PixelTable): SelectorMapCoords {
  if (table.samples.length > U16 + 1) throw new RangeError(`endmemberSelector: the table has ${table.samples.length} samples; the maps hold at most ${U16 + 1}`);
  for (const s of table.samples) {
    if (s.ny > U16 + 1 || s.nx > U16 + 1) throw new RangeError(`endmemberSelector: sample "${s.name}" is ${s.ny} × ${s.nx} pixels; the maps hold images of at most ${U16 + 1} × ${U16 + 1}`);
  }
  return {
    pixel_sample: Uint16Array.from(table.sample),
    pixel_x: Uint16Array.from(table.x),
    pixel_y: Uint16Array.from(table.y),
    samples: table.samples.map((s) => ({ name: s.name, ny: s.ny, nx: s.nx })),
  };
}

/** A reply to a view: the JSON content and the binary buffers that go with it. */
export interface PixelSpectrumReply {
  content: { type: "pixel_spectrum"; index: unknown; error?: string; n_e?: number };
  buffers: Float32Array[];
}

/**
 * The answer to a custom message from a view, or null when the message is not a pixel-spectrum
 * request. The index must be an integer in [0, nPixels); otherwise the reply carries `error`
 * (naming the index and the range) and no buffer.
 * @param table - the selector's pixel table (its row `index` is the spectrum, length nE).
 * @param content - the message content, `{ type: "pixel_spectrum", index }`.
 * @example
 * pixelSpectrumReply(T, { type: "pixel_spectrum", index: 3 })
 * // { content: { type: "pixel_spectrum", index: 3, n_e: T.nE }, buffers: [Float32Array(T.nE)] }
 */
export function pixelSpectrumReply(table: PixelTable, content: unknown): PixelSpectrumReply | null {
  if (!content || typeof content !== "object" || (content as { type?: unknown }).type !== "pixel_spectrum") return null;
  const index = (content as { index?: unknown }).index;
  const n = table.nRows;
  if (typeof index !== "number" || !Number.isInteger(index) || index < 0 || index >= n) {
    return {
      content: { type: "pixel_spectrum", index: index ?? null, error: `pixel_spectrum: index must be an integer in [0, ${n}), got ${JSON.stringify(index ?? null)}` },
      buffers: [],
    };
  }
  const nE = table.nCols;
  return { content: { type: "pixel_spectrum", index, n_e: nE }, buffers: [Float32Array.from(table.data.subarray(index * nE, (index + 1) * nE))] };
}
