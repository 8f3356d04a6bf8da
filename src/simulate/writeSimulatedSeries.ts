import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { writeSdf } from "../io/sdfWriter";
import { writeNxstxm } from "../io/nxstxmWriter";
import type { SimulatedSeries } from "./types";
import { checkOptions } from "../util/checkOptions";

/** Options of {@link writeSimulatedSeries}. */
export interface WriteSimulatedSeriesOptions {
  /** File formats to write for every sample (default both): "sdf" (`.hdr` + `.xim`) and/or "nxstxm" (`.hdf5`). */
  formats?: readonly ("sdf" | "nxstxm")[];
  /** Timestamp written into the files' headers (default a fixed "2017-01-01T00:00:00", so files are reproducible). */
  time?: string;
}

/** What {@link writeSimulatedSeries} wrote. */
export interface WrittenSeries {
  /** Every path written. */
  files: string[];
  /** Per sample: its name, the header or HDF5 path of each format, and its sample-free rectangle. */
  samples: { name: string; sdf: string | null; nxstxm: string | null; freeRegion: { x0: number; y0: number; x1: number; y1: number } }[];
  /** `truth.json`: the {@link SeriesTruth}. */
  truth: string;
  /** `references.json`: session reference spectra per sample (recorded energies) and the canonical reference (true energies). */
  references: string;
}

function slug(s: string): string {
  return s.replace(/[^A-Za-z0-9.]+/g, "_").replace(/^_+|_+$/g, "");
}

/**
 * Write a simulated series as raw instrument files plus the ground truth: for each sample an
 * SDF scan `<edge>_<name>.hdr` + `.xim` and/or an NXstxm file `<edge>_<name>.hdf5` (raw counts,
 * recorded energies, positions in µm, dwell in ms, via src/io's writers), `truth.json` (the plain
 * ground truth) and `references.json` (the session reference spectra and the canonical reference).
 *
 * @param dir - output directory (created if needed; files of the same names are overwritten).
 * @param series - from `simulateOxygenPlateau` or `simulateTransitionMetalSeries`.
 * @param options - {@link WriteSimulatedSeriesOptions}.
 * @returns the paths written.
 * @example
 * const out = await writeSimulatedSeries("/tmp/plateau", simulateOxygenPlateau({ seed: 1 }));
 * out.samples[0].sdf; // "/tmp/plateau/O_131_mAh.g.hdr"
 */
export async function writeSimulatedSeries(dir: string, series: SimulatedSeries, options: WriteSimulatedSeriesOptions = {}): Promise<WrittenSeries> {
  const fn = "writeSimulatedSeries";
  checkOptions(fn, options, ["formats", "time"]);
  const formats = options.formats ?? ["sdf", "nxstxm"];
  for (const f of formats) {
    if (f !== "sdf" && f !== "nxstxm") throw new Error(`${fn}: option "formats" may hold "sdf" and "nxstxm", got ${JSON.stringify(f)}`);
  }
  if (typeof dir !== "string" || dir === "") throw new TypeError(`${fn}: dir must be a directory path, got ${JSON.stringify(dir)}`);
  const time = options.time ?? "2017-01-01T00:00:00";
  mkdirSync(dir, { recursive: true });
  const edge = series.truth.edge;
  const files: string[] = [];
  const samples: WrittenSeries["samples"] = [];
  for (const s of series.samples) {
    const base = `${edge}_${slug(s.name)}`;
    let sdf: string | null = null;
    let nx: string | null = null;
    if (formats.includes("sdf")) {
      const paths = writeSdf(join(dir, `${base}.hdr`), s.stack, { time });
      files.push(...paths);
      sdf = paths[0];
    }
    if (formats.includes("nxstxm")) {
      nx = await writeNxstxm(join(dir, `${base}.hdf5`), s.stack, { title: `simulated ${edge} ${s.name}`, startTime: time });
      files.push(nx);
    }
    samples.push({ name: s.name, sdf, nxstxm: nx, freeRegion: { ...s.freeRegion } });
  }
  const truth = join(dir, "truth.json");
  writeFileSync(truth, JSON.stringify(series.truth));
  const references = join(dir, "references.json");
  writeFileSync(
    references,
    JSON.stringify({
      note: "session references: the reference material measured with each sample (recorded energies, same offset); canonical: true energy scale",
      session: series.samples.map((s) => ({ name: s.name, energies: Array.from(s.sessionReference.energies), values: Array.from(s.sessionReference.values) })),
      canonical: { energies: Array.from(series.canonicalReference.energies), values: Array.from(series.canonicalReference.values) },
      freeRegions: samples.map((s) => ({ name: s.name, ...s.freeRegion })),
    }),
  );
  files.push(truth, references);
  return { files, samples, truth, references };
}
