/**
 * Simulated O K RIXS scans through the first cycle (Gent et al. 2017, Supplementary Fig. 12):
 * the same spectrometer as `simulateRixsScan`, with an LNMO-like map whose 530.8 / 523.75 eV
 * feature amplitude is proportional to each state's planted oxidised-oxygen share — the share
 * `level × oShare` that `simulateOxygenCycle` plants in the STXM stacks — so the RIXS and STXM
 * sides share one truth.
 * @module
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { checkOptions } from "../util/checkOptions";
import { rixsModel, type RixsModel } from "./rixsModel";
import { renderRixsScan, type SimulateRixsScanOptions, type SimulatedRixsScan } from "./rixsScan";
import { OXYGEN_CYCLE_STATES, type OxygenCycleState } from "./simulateOxygenCycle";
import { rixsSlug, writeRixsScan, type WriteRixsScanOptions, type WrittenRixsScan } from "./writeRixsScan";
import { RIXS_SIMULATION_VERSION } from "./writeRixsSeries";

/** Feature amplitude per unit oxidised-oxygen share (relative to the TM–O fluorescence maximum). */
export const RIXS_CYCLE_FEATURE_PER_SHARE = 0.55;

/** The oxidised-oxygen share of a cycle state: `level × oShare` (the O-oxidised end member's weight in its particles). */
export function oxidisedOxygenShare(state: OxygenCycleState): number {
  return state.level * state.oShare;
}

/**
 * The RIXS model of LNMO-like material in a first-cycle state: TM–O pre-edge weights as
 * `rixsModel("LNMO", …)` with the state's `level`, and the feature amplitude
 * `RIXS_CYCLE_FEATURE_PER_SHARE × level × oShare`.
 * @example
 * rixsCycleModel({ name: "c1_4.60V", level: 0.95, oShare: 0.75 }).feature; // 0.55 × 0.7125
 */
export function rixsCycleModel(state: OxygenCycleState): RixsModel {
  if (!(state?.level >= 0 && state.level <= 1) || !(state.oShare >= 0 && state.oShare <= 1)) throw new RangeError(`rixsCycleModel: state must be { name, level in [0, 1], oShare in [0, 1] }, got ${JSON.stringify(state)}`);
  const base = rixsModel("LNMO", "pristine");
  const level = state.level;
  return {
    ...base,
    preEdge: [
      { centre: 529.3, fwhm: 1.0, weight: 1 + 0.3 * level },
      { centre: 531.6, fwhm: 1.2, weight: 0.6 + 0.15 * level },
      { centre: 527.8, fwhm: 0.8, weight: 0.25 * level },
    ],
    feature: RIXS_CYCLE_FEATURE_PER_SHARE * oxidisedOxygenShare(state),
  };
}

/** A written scan of the cycle. */
export interface WrittenRixsCycleScan extends WrittenRixsScan {
  readonly state: OxygenCycleState;
  /** Planted oxidised-oxygen share (`level × oShare`) and feature amplitude. */
  readonly share: number;
  readonly amplitude: number;
}

/** Options of {@link writeRixsCycle}. */
export interface WriteRixsCycleOptions {
  /** States. @default OXYGEN_CYCLE_STATES */
  states?: readonly OxygenCycleState[];
  /** Scan options (as `simulateRixsScan`); each state gets seed `seed + 1000 · index`. @default {} */
  scan?: SimulateRixsScanOptions;
  /** Writer options. @default {} */
  write?: WriteRixsScanOptions;
  /** Keep files of the same simulation. @default true */
  reuse?: boolean;
}

/**
 * Simulate one scan per first-cycle state (the spectrometer of `simulateRixsScan`: curvature,
 * tilt, dark, Poisson and read noise, cosmic rays, a saturated pixel) with the map of
 * {@link rixsCycleModel}, and write each as an AI table + TIFF frames + dark + elastic frame in
 * `<dir>/<state>/`, with `truth.json` (which also records `share` and the state).
 * @example
 * const scans = await writeRixsCycle("simulated-data/gent2017-s12/rixs", { scan: { cols: 128 } });
 */
export async function writeRixsCycle(dir: string, options: WriteRixsCycleOptions = {}): Promise<WrittenRixsCycleScan[]> {
  checkOptions("writeRixsCycle", options, ["states", "scan", "write", "reuse"]);
  const states = options.states ?? OXYGEN_CYCLE_STATES;
  mkdirSync(dir, { recursive: true });
  const out: WrittenRixsCycleScan[] = [];
  for (const [i, st] of states.entries()) {
    const model = rixsCycleModel(st);
    const share = oxidisedOxygenShare(st);
    const scanOpts = { ...options.scan, seed: (options.scan?.seed ?? 2017) + 1000 * i };
    const name = `LNMO ${st.name}`;
    const key = JSON.stringify({ version: RIXS_SIMULATION_VERSION, cycle: 1, state: st, scan: scanOpts, write: options.write ?? {} });
    const marker = join(dir, rixsSlug(name), "simulation.json");
    if ((options.reuse ?? true) && existsSync(marker)) {
      const prev = JSON.parse(readFileSync(marker, "utf8")) as { key: string; written: WrittenRixsScan };
      const w = prev.written;
      const files = [w.table, w.dark, w.elastic, w.nexus, w.nexusFrames, w.truth, ...w.frames].filter((f): f is string => f !== null);
      if (prev.key === key && files.every((f) => existsSync(f))) {
        out.push({ ...w, state: st, share, amplitude: model.feature });
        continue;
      }
    }
    const scan = simulateCycleScan(name, model, scanOpts);
    const w = await writeRixsScan(dir, scan, options.write ?? {});
    const truth = JSON.parse(readFileSync(w.truth, "utf8")) as Record<string, unknown>;
    writeFileSync(w.truth, JSON.stringify({ ...truth, state: st.name, cycleState: st, share }, null, 1));
    writeFileSync(marker, JSON.stringify({ key, written: w }));
    out.push({ ...w, state: st, share, amplitude: model.feature });
  }
  writeFileSync(join(dir, "series.json"), JSON.stringify({ options, scans: out }, null, 1));
  return out;
}

/** One scan with a given model (the truth's material/state fields say "LNMO"/"pristine"; the cycle state is in `truth.json`'s `state` and `cycleState`). @internal */
function simulateCycleScan(name: string, model: RixsModel, options: SimulateRixsScanOptions): SimulatedRixsScan {
  // The spectrometer of simulateRixsScan, seeded by options.seed alone; the truth's material/state read "LNMO"/"pristine".
  const scan = renderRixsScan("writeRixsCycle", model, options.seed ?? 2018, options, "LNMO", "pristine");
  return { ...scan, name, truth: { ...scan.truth, feature: { ...scan.truth.feature, amplitude: model.feature, present: model.feature > 0 } } };
}
