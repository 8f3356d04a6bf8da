/**
 * A light shape check of a PixelTable at the maps entry points (internal; not re-exported).
 * @module
 */
import type { PixelTable } from "../types/pixel-table";

/** @internal Throw unless `table` looks like a {@link PixelTable} (rows, samples, positions). */
export function checkTable(fn: string, table: unknown): PixelTable {
  const t = table as PixelTable;
  if (!t || typeof t !== "object" || !Number.isInteger(t.nPixels) || !Array.isArray(t.samples) || !t.sample || !t.x || !t.y) {
    throw new TypeError(`${fn}: table must be a PixelTable (see makePixelTable), got ${t === null ? "null" : typeof t}`);
  }
  if (t.sample.length !== t.nPixels || t.x.length !== t.nPixels || t.y.length !== t.nPixels || t.brightness?.length !== t.nPixels) {
    throw new RangeError(`${fn}: table is inconsistent: sample/x/y/brightness lengths must all equal nPixels = ${t.nPixels}`);
  }
  return t;
}
