/**
 * The simulated RIXS beamline for the notebooks: every material × state written as beamline files.
 * @module
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { checkOptions } from "../util/checkOptions";
import { RIXS_MATERIALS, RIXS_STATES, type RixsMaterial, type RixsState } from "./rixsModel";
import { simulateRixsScan, type SimulateRixsScanOptions } from "./rixsScan";
import { rixsSlug, writeRixsScan, type WriteRixsScanOptions, type WrittenRixsScan } from "./writeRixsScan";

/** Version of the simulated RIXS files: raised whenever the simulator's output changes, so that `writeRixsSeries` never reuses files of an older simulator. */
export const RIXS_SIMULATION_VERSION = 2;

/** Options of {@link writeRixsSeries}. */
export interface WriteRixsSeriesOptions {
  /** Materials. @default ["LNMO", "LNRO"] (Xu et al. 2018) */
  materials?: readonly RixsMaterial[];
  /** States. @default ["pristine", "4.5 V", "4.8 V", "2.0 V"] */
  states?: readonly RixsState[];
  /** Options of every scan (seed, frame size, excitation grid, …). @default {} */
  scan?: SimulateRixsScanOptions;
  /** Options of the writer (formats, TIFF sample type and byte order). @default { formats: ["tiff"] } */
  write?: WriteRixsScanOptions;
  /** Keep a scan's files when its folder already holds the files of the same simulation (same material, state and options, recorded in `simulation.json`). @default true */
  reuse?: boolean;
}

/** One written scan of the series. */
export interface WrittenRixsSeriesScan extends WrittenRixsScan {
  readonly material: RixsMaterial;
  readonly state: RixsState;
}

/**
 * Simulate and write every material × state (`simulateRixsScan` + `writeRixsScan`) into `dir`,
 * one folder per scan, plus `series.json` listing them. Scans are simulated one at a time, so
 * memory holds one scan. A scan folder that already holds the same simulation (its
 * `simulation.json` records material, state and options, and every file is there) is kept.
 *
 * @param dir - output folder (created).
 * @param options - {@link WriteRixsSeriesOptions}.
 * @returns the written scans, in material-major order.
 * @example
 * const scans = await writeRixsSeries("simulated-data/xu2018-rixs", { scan: { seed: 2018 } });
 * scans[2].table; // ".../LNMO_4.8V/LNMO_4.8V-AI.txt"
 */
export async function writeRixsSeries(dir: string, options: WriteRixsSeriesOptions = {}): Promise<WrittenRixsSeriesScan[]> {
  checkOptions("writeRixsSeries", options, ["materials", "states", "scan", "write", "reuse"]);
  const materials = options.materials ?? RIXS_MATERIALS.slice(0, 2), states = options.states ?? RIXS_STATES;
  mkdirSync(dir, { recursive: true });
  const out: WrittenRixsSeriesScan[] = [];
  for (const material of materials) {
    for (const state of states) {
      const key = JSON.stringify({ version: RIXS_SIMULATION_VERSION, material, state, scan: options.scan ?? {}, write: options.write ?? {} });
      const marker = join(dir, rixsSlug(`${material} ${state}`), "simulation.json");
      if ((options.reuse ?? true) && existsSync(marker)) {
        const prev = JSON.parse(readFileSync(marker, "utf8")) as { key: string; written: WrittenRixsScan };
        const w = prev.written;
        const files = [w.table, w.dark, w.elastic, w.nexus, w.nexusFrames, w.truth, ...w.frames].filter((f): f is string => f !== null);
        if (prev.key === key && files.every((f) => existsSync(f))) {
          out.push({ ...w, material, state });
          continue;
        }
      }
      const w = await writeRixsScan(dir, simulateRixsScan(material, state, options.scan ?? {}), options.write ?? {});
      writeFileSync(marker, JSON.stringify({ key, written: w }));
      out.push({ ...w, material, state });
    }
  }
  writeFileSync(join(dir, "series.json"), JSON.stringify({ options, scans: out }, null, 1));
  return out;
}
