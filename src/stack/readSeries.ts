/**
 * Read a series of STXM files (one per sample) with what the preprocessing needs to know about
 * each: its name, a sample-free region for I₀ and the reference measured in the same session.
 * @module
 */
import { readStack, type ReadStackOptions } from "../io/readStack";
import type { Spectrum } from "../types/spectrum";
import { describe } from "../types/matrix";
import type { Rect } from "./_util";
import type { SeriesSample } from "./preprocessSeries";

/** One file of a series, as {@link readSeries} takes it. */
export interface SeriesEntry {
  /** The scan file (`.hdr`, `.hdf5`/`.h5`/`.nxs`, `.ncb`, `.stk`). */
  path: string;
  /** Display name of the sample (e.g. "131 mAh/g"). Default: the file name. */
  name?: string;
  /** Sample-free rectangle for I₀ (default: automatic). */
  freeRegion?: Rect;
  /** The reference material as measured in this sample's session (for energy calibration). */
  sessionReference?: Spectrum | { energies: ArrayLike<number>; values: ArrayLike<number> };
  /** Which stack of the file (region, channel); default the first. */
  read?: ReadStackOptions;
}

/**
 * Read every file of a series into the samples {@link preprocessSeries} takes, in order.
 * Session references given as plain arrays (e.g. parsed from JSON) become {@link Spectrum}s.
 *
 * @param entries - one {@link SeriesEntry} per sample.
 * @returns the samples, each with its stack, name, free region and session reference.
 * @throws the reader's error (naming the file and field) for a file that cannot be read, or a
 *   TypeError naming the entry that is malformed.
 * @example
 * const samples = await readSeries([
 *   { path: "/data/131mAh.hdr", name: "131 mAh/g", freeRegion: { x0: 130, y0: 0, x1: 150, y1: 83 } },
 *   { path: "/data/311mAh.hdr", name: "311 mAh/g" },
 * ]);
 * const pre = preprocessSeries(samples, { normalize: { background: [520, 526], area: [525, 535], brightness: [535, 560] } });
 */
export async function readSeries(entries: readonly SeriesEntry[]): Promise<SeriesSample[]> {
  const fn = "readSeries";
  if (!Array.isArray(entries) || entries.length === 0) throw new TypeError(`${fn}: expected a non-empty array of { path, name?, freeRegion?, sessionReference? }, got ${describe(entries)}`);
  const out: SeriesSample[] = [];
  for (const [i, e] of entries.entries()) {
    if (!e || typeof e.path !== "string") throw new TypeError(`${fn}: entries[${i}].path must be a file path, got ${describe(e?.path)}`);
    for (const k of Object.keys(e)) if (!["path", "name", "freeRegion", "sessionReference", "read"].includes(k)) throw new Error(`${fn}: entries[${i}] has unknown key "${k}"; expected path, name, freeRegion, sessionReference, read`);
    const stack = await readStack(e.path, e.read ?? {});
    const ref = e.sessionReference;
    const sample: SeriesSample = {
      stack,
      name: e.name ?? (e.path.split(/[\\/]/).pop() as string),
      ...(e.freeRegion ? { freeRegion: e.freeRegion } : {}),
      ...(ref ? { sessionReference: { energies: Float64Array.from(ref.energies), values: Float64Array.from(ref.values), name: (ref as Spectrum).name ?? "session reference", unit: (ref as Spectrum).unit ?? "" } } : {}),
    };
    if (sample.sessionReference && sample.sessionReference.energies.length !== sample.sessionReference.values.length) {
      throw new RangeError(`${fn}: entries[${i}].sessionReference has ${sample.sessionReference.energies.length} energies but ${sample.sessionReference.values.length} values`);
    }
    out.push(sample);
  }
  return out;
}
