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
import { rixsIntensity, rixsModel, RIXS_FEATURE, type RixsModel } from "./rixsModel";
import type { SimulateRixsScanOptions, SimulatedRixsScan, PlantedCosmic } from "./rixsScan";
import { createRng } from "../linalg/createRng";
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
  const scan = simulateRixsScanWithModel(model, options);
  return { ...scan, name, truth: { ...scan.truth, feature: { ...scan.truth.feature, amplitude: model.feature, present: model.feature > 0 } } };
}

const OPTIONS = ["seed", "rows", "cols", "excitation", "exposure", "offset", "dispersion", "tilt", "curvature", "brightness", "bias", "darkCurrent", "readNoise", "cosmicRate", "saturatedFrame"];

/** The spectrometer of `simulateRixsScan` (same steps, same defaults) rendering `model`; seeded by `options.seed` alone. */
function simulateRixsScanWithModel(model: RixsModel, options: SimulateRixsScanOptions): SimulatedRixsScan {
  const material = "LNMO" as const, state = "pristine" as const;
  const fn = "writeRixsCycle";
  checkOptions(fn, options, OPTIONS);
  const seed = options.seed ?? 2018;
  const rows = options.rows ?? 512, cols = options.cols ?? 256;
  if (!Number.isInteger(rows) || !Number.isInteger(cols) || rows < 32 || cols < 16) throw new RangeError(`${fn}: rows and cols must be integers ≥ 32 and ≥ 16, got ${rows} × ${cols}`);
  const [e0, e1, step] = options.excitation ?? [527.0, 534.0, 0.2];
  if (!(step > 0) || !(e1 >= e0)) throw new RangeError(`${fn}: option excitation must be [first, last, step] with step > 0 and last ≥ first, got ${JSON.stringify(options.excitation)}`);
  const nE = Math.round((e1 - e0) / step) + 1;
  const exposure = options.exposure ?? 60;
  const offset = options.offset ?? 517.5, disp = options.dispersion ?? 0.0345;
  const tilt = options.tilt ?? 0.015, curv = options.curvature ?? 1.2e-4;
  const bright = options.brightness ?? 15;
  const bias = options.bias ?? 100, darkCurrent = options.darkCurrent ?? 0.02, readNoise = options.readNoise ?? 3;
  const cosmicRate = options.cosmicRate ?? 5;
  const satFrame = options.saturatedFrame ?? 7;
  const rng = createRng(seed);
  // Poisson counts: inversion by sequential search for small means (one uniform), the library's PTRS above.
  const poisson = (lam: number): number => {
    if (lam >= 10) return rng.poisson(lam);
    const u = rng.uniform();
    let k = 0, p = Math.exp(-lam), F = p;
    while (u > F && k < 200) { k++; p *= lam / k; F += p; }
    return k;
  };
  const c0 = (cols - 1) / 2;
  const shift = new Float64Array(cols);
  for (let c = 0; c < cols; c++) shift[c] = tilt * (c - c0) + curv * (c - c0) ** 2;
  const excitation = Float64Array.from({ length: nE }, (_, i) => Math.round((e0 + i * step) * 1e6) / 1e6);
  const i0 = new Float64Array(nE);
  for (let i = 0; i < nE; i++) i0[i] = 1.2e7 * (1 - 0.04 * (i / Math.max(nE - 1, 1))) * (1 + 0.005 * rng.normal());
  let i0m = 0;
  for (const v of i0) i0m += v / nE;
  const frames: Float64Array[] = [];
  const cosmics: PlantedCosmic[] = [];
  const saturated: { frame: number; row: number; col: number }[] = [];
  // Profile tabulated on a fine grid of rows (1/16 px) per frame.
  const sub = 16, nT = (rows + 16) * sub;
  const tab = new Float64Array(nT);
  const darkMean = darkCurrent * exposure;
  const render = (ein: number, scale: number, expo: number): Float64Array => {
    for (let t = 0; t < nT; t++) tab[t] = scale * rixsIntensity(model, ein, offset + disp * (t / sub - 8));
    const img = new Float64Array(rows * cols);
    const dm = darkCurrent * expo;
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < cols; c++) {
        const u = (r - shift[c] + 8) * sub;
        const k = Math.floor(u), w = u - k;
        const lam = k >= 0 && k + 1 < nT ? (1 - w) * tab[k] + w * tab[k + 1] : 0;
        img[r * cols + c] = poisson(lam + dm) + bias + readNoise * rng.normal();
      }
    }
    return img;
  };
  for (let f = 0; f < nE; f++) {
    const img = render(excitation[f], bright * disp * exposure * (i0[f] / i0m), exposure);
    const nHits = rng.poisson(cosmicRate) + (f === satFrame ? 1 : 0);
    const hits: { row: number; col: number; counts: number }[] = [];
    for (let h = 0; h < nHits; h++) {
      const r = 2 + rng.int(rows - 4), c = 2 + rng.int(cols - 4);
      const big = f === satFrame && h === nHits - 1;
      const e = big ? 70000 : 300 + rng.uniform() * 3700;
      const px = [{ row: r, col: c, counts: e }];
      const extra = rng.int(4);
      for (let x = 0; x < extra; x++) {
        const dr = rng.int(3) - 1, dc = rng.int(3) - 1;
        if (dr === 0 && dc === 0) continue;
        if (px.some((p) => p.row === r + dr && p.col === c + dc)) continue;
        px.push({ row: r + dr, col: c + dc, counts: e * (0.2 + 0.3 * rng.uniform()) });
      }
      for (const p of px) {
        img[p.row * cols + p.col] += p.counts;
        hits.push({ row: p.row, col: p.col, counts: p.counts });
      }
    }
    if (hits.length) cosmics.push({ frame: f, pixels: hits });
    for (let i = 0; i < img.length; i++) {
      const v = Math.round(img[i]);
      img[i] = v < 0 ? 0 : v > 65535 ? 65535 : v;
      if (img[i] === 65535) saturated.push({ frame: f, row: Math.floor(i / cols), col: i % cols });
    }
    frames.push(img);
  }
  const elasticExposure = 30 * exposure;
  const elastic = render(excitation[0], bright * disp * elasticExposure, elasticExposure);
  for (let i = 0; i < elastic.length; i++) elastic[i] = Math.min(65535, Math.max(0, Math.round(elastic[i])));
  const dark = new Float64Array(rows * cols);
  for (let i = 0; i < dark.length; i++) dark[i] = Math.max(0, Math.round(poisson(darkMean) + bias + readNoise * rng.normal()));
  return {
    name: `${material} ${state}`,
    rows, cols, excitation, i0, exposure: new Float64Array(nE).fill(exposure), frames, dark, elastic, elasticExposure,
    truth: {
      material, state, seed, offset, dispersion: disp,
      curvature: { coefficients: [0, tilt, curv], referenceColumn: c0 },
      feature: { ...RIXS_FEATURE, amplitude: model.feature, present: model.feature > 0 },
      bias, darkCurrent, readNoise, cosmics, saturated,
    },
  };
}
