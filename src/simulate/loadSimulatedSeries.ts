/**
 * Simulate → write real files → read them back: the loop every notebook on simulated data runs,
 * in one call, so that the analysis starts from files exactly as it would on beamline data.
 * @module
 */
import { readFileSync } from "node:fs";
import { readSeries } from "../stack/readSeries";
import type { SeriesSample } from "../stack/preprocessSeries";
import type { Spectrum } from "../types/spectrum";
import type { SimulatedSeries } from "./types";
import { writeSimulatedSeries, type WrittenSeries } from "./writeSimulatedSeries";

/** What {@link loadSimulatedSeries} returns. */
export interface LoadedSimulatedSeries {
  /** The samples read back from the written files, ready for `preprocessSeries`. */
  readonly samples: SeriesSample[];
  /** The reference material on the true energy scale (for the energy calibration), read from `references.json`. */
  readonly reference: Spectrum;
  /** What was written (paths of every file, `truth.json`, `references.json`). */
  readonly written: WrittenSeries;
  /** The simulated series itself (ground truth in `series.truth`). */
  readonly series: SimulatedSeries;
}

/**
 * Write a simulated series as instrument files into `dir`, then read it back with the same
 * readers as real data (`readSeries`), with each sample's free region and session reference
 * taken from the written `references.json`.
 *
 * @param dir - output folder (created if missing), e.g. `"simulated-data/gent2017-o-plateau"`.
 * @param series - from `simulateOxygenPlateau`, `simulateTransitionMetalSeries` or `simulateOxygenCycle`.
 * @param options - `format`: which files to write and read, `"sdf"` (`.hdr` + `.xim`, default) or `"nxstxm"` (`.hdf5`).
 * @returns the samples read back and the canonical reference.
 * @example
 * const sim = await loadSimulatedSeries("simulated-data/plateau", simulateOxygenPlateau({ seed: 2017 }));
 * const pre = preprocessSeries(sim.samples, { reference: sim.reference, normalize: { background: [520, 526], area: [525, 535], brightness: [535, 560] } });
 */
export async function loadSimulatedSeries(dir: string, series: SimulatedSeries, options: { format?: "sdf" | "nxstxm" } = {}): Promise<LoadedSimulatedSeries> {
  const fn = "loadSimulatedSeries";
  for (const k of Object.keys(options)) if (k !== "format") throw new Error(`${fn}: unknown option "${k}"; expected one of: format`);
  const format = options.format ?? "sdf";
  if (format !== "sdf" && format !== "nxstxm") throw new RangeError(`${fn}: format must be "sdf" or "nxstxm", got ${JSON.stringify(format)}`);
  const written = await writeSimulatedSeries(dir, series, { formats: [format] });
  const refs = JSON.parse(readFileSync(written.references, "utf8")) as {
    session: { name: string; energies: number[]; values: number[] }[];
    canonical: { energies: number[]; values: number[] };
  };
  const samples = await readSeries(written.samples.map((s, i) => ({
    path: (format === "sdf" ? s.sdf : s.nxstxm) as string,
    name: s.name,
    freeRegion: s.freeRegion,
    sessionReference: { ...refs.session[i], name: `${s.name} session reference` },
  })));
  const reference: Spectrum = { energies: Float64Array.from(refs.canonical.energies), values: Float64Array.from(refs.canonical.values), name: "reference (true energies)", unit: "OD" };
  return { samples, reference, written, series };
}
