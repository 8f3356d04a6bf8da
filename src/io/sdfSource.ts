/**
 * Band reads of an SDF image stack (`.hdr` + one `.xim` per energy) for {@link openStack}: each
 * `.xim` is indexed once when the stack is opened (its line offsets and shape), then a rectangle reads
 * only its rows' bytes from every energy's file. A stack read band by band thus costs about one
 * pass over its text, where re-reading it per band cost one pass per band. @internal
 * @module
 */
import { dirname, join } from "node:path";
import { makeStack, type Stack } from "../types/stack";
import { baseName, nonFinitePolicy } from "./errors";
import type { ReadStackOptions } from "./readStack";
import { BYTES_PER_TEXT_VALUE } from "./sdfFields";
import { checkInto, checkRect, type StackRect } from "./stackRect";
import type { StackSource } from "./stackSource";
import { cachedXimIndex, readXimRows, type XimLineIndex } from "./ximLines";

/**
 * `read` and `readInto` for an SDF image stack opened from `path`, given the stack `probe` read
 * from it (rows [0, 1) at every energy: its metadata lists the image files in energy order) and
 * the whole image's `y` positions, or undefined when the probe is not an SDF image stack.
 */
export function sdfDirect(path: string, probe: Stack, y: Float64Array, options: Omit<ReadStackOptions, "select">): Pick<StackSource, "read" | "readInto" | "valueType"> | undefined {
  const m = probe.metadata as { format?: unknown; imageFiles?: unknown; fileShape?: unknown; selection?: { imagesOf?: unknown } };
  const files = m.imageFiles;
  const shape = m.fileShape;
  if (!Array.isArray(files) || !files.every((f) => typeof f === "string") || !Array.isArray(shape) || shape.length !== 3) return undefined;
  const [nE, ny, nx] = shape as number[];
  if (files.length !== nE || probe.nE !== nE || m.selection?.imagesOf !== nE) return undefined;
  const dir = dirname(path);
  const hdr = baseName(options.name ?? path);
  const maxBytes = ny * (nx + 2) * BYTES_PER_TEXT_VALUE + 65536;
  const reject = options.rejectNonFinite === true;
  // Every image file's line index, as the files are now (the probe has just indexed them: these
  // come from the cache); a file changed after this is refused by the reads.
  const indexes: XimLineIndex[] = (files as string[]).map((f) => cachedXimIndex(join(dir, f), { name: f, nRows: ny, nCols: nx, maxBytes, sizeField: hdr }));
  const into = (fn: string, rect: StackRect, out: Float32Array | Float64Array, rowStride?: number, rowAt?: number): void => {
    const { y0, y1, x0, x1, h, w, stride, at } = checkInto(fn, rect, ny, nx, nE, out, rowStride, rowAt);
    const ix = indexes;
    for (let e = 0; e < nE; e++) {
      const o = (e * stride + at) * w;
      readXimRows(ix[e], y0, y1, x0, x1, out, o);
      if (reject) nonFinitePolicy(ix[e].name, "data", out.subarray(o, o + h * w), true);
    }
  };
  return {
    // text values are parsed as float64
    valueType: "float64",
    readInto: async (rect, out, rowStride, rowAt) => into(`openStack(${hdr}).readInto`, rect, out, rowStride, rowAt),
    read: async (rect = {}) => {
      const fn = `openStack(${hdr}).read`;
      const { y0, y1, x0, x1 } = checkRect(fn, rect, ny, nx);
      const data = new Float64Array(nE * (y1 - y0) * (x1 - x0));
      into(fn, rect, data);
      const meta = probe.metadata as Record<string, unknown>;
      return makeStack({
        data, nE, ny: y1 - y0, nx: x1 - x0,
        energies: probe.energies, dwell: probe.dwell,
        x: probe.x.subarray(x0, x1), y: y.subarray(y0, y1),
        quantity: probe.quantity, channel: probe.channel, scanType: probe.scanType, source: probe.source,
        metadata: { ...meta, selection: { rows: [y0, y1], columns: [x0, x1], imagesOf: nE }, nonFiniteCount: nonFinitePolicy(hdr, "data", data, reject) },
      });
    },
  };
}
