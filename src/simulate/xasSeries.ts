/**
 * Simulated hard-XAS scans as a beamline writes them (energy, I0, It in counts), with the ground
 * truth beside them, and writing them as XDI files.
 * @module
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { createRng } from "../linalg/createRng";
import { writeXdi } from "../xas/writeXdi";
import { makeSpectrum } from "../types/spectrum";
import { edgePosition } from "../xas/edgePosition";
import { preEdge } from "../xas/preEdge";
import { xftf } from "../xas/xftf";
import { halfStepEnergy, placeHalfStep, xasChi, xasMu, xasNormalized, type XasModel } from "./xasModel";

/** One simulated transmission scan. */
export interface SimulatedXasScan {
  /** File stem and display name, e.g. "LNRO pristine". */
  name: string;
  /** "foil" (energy reference), "reference" (a standard) or "sample". */
  role: "foil" | "reference" | "sample";
  /** Recorded energies (eV, on the miscalibrated monochromator scale). */
  energy: Float64Array;
  /** Ion-chamber counts. */
  i0: Float64Array;
  itrans: Float64Array;
  /** XDI fields. */
  metadata: Record<string, string | number>;
}

/** Ground truth of one scan (true energies). */
export interface XasScanTruth {
  name: string;
  role: "foil" | "reference" | "sample";
  /** Formal oxidation state of the absorber, when it has one. */
  valence: number | null;
  /**
   * Half-step edge position, eV: where the noise-free μ(E) on the scan's (true) energies,
   * normalised as the analysis does (preEdge with larch's default ranges), reaches ½ — what the
   * pipeline should find on the noisy, miscalibrated files.
   */
  halfStep: number;
  /** Where the model's own step shape (arctan + peaks + EXAFS, step 1) reaches ½, eV. Differs from `halfStep` by up to ~0.4 eV with a strong white line: the post-edge polynomial sees it and the EXAFS. */
  modelHalfStep: number;
  /** Energy of the largest derivative of the noise-free μ, eV. */
  derivativePeak: number;
  /**
   * Shells: label, N, distance r (Å), σ² (Å²), r − phaseShift (Å), and `ftPeak`: the R (Å) of the
   * largest |χ(R)| within ±0.25 Å of r − phaseShift in the FT of the planted χ(k)
   * ({@link TRUTH_FT}: hanning, k 3–14 Å⁻¹, dk 1, k²) — where the analysis should find the shell.
   */
  shells: { label: string; n: number; r: number; sigma2: number; apparentR: number; ftPeak: number }[];
  /** The model (true energies). */
  model: XasModel;
}

/** A simulated series: the scans and what was planted. */
export interface SimulatedXasSeries {
  element: string;
  edge: string;
  scans: SimulatedXasScan[];
  truth: {
    /** True − recorded energy, eV: the calibration shift the foil should give. */
    calibrationShift: number;
    /** Tabulated foil energy used, eV. */
    tabulated: number;
    scans: XasScanTruth[];
    seed: number;
  };
}

/** Recorded energies of a step scan: pre-edge steps, a fine XANES region, then uniform in k. */
export function xasScanGrid(edge: number, options: { preStart?: number; preStep?: number; xanes?: [number, number]; xanesStep?: number; kmax?: number; kstep?: number } = {}): Float64Array {
  const { preStart = -215, preStep = 5, xanes = [-35, 65], xanesStep = 0.2, kmax = 16, kstep = 0.05 } = options;
  const out: number[] = [];
  const r2 = (x: number): number => Math.round(x * 100) / 100;
  for (let e = edge + preStart; e < edge + xanes[0] - 1e-9; e += preStep) out.push(r2(e));
  for (let i = 0; edge + xanes[0] + i * xanesStep <= edge + xanes[1] + 1e-9; i++) out.push(r2(edge + xanes[0] + i * xanesStep));
  const last = out[out.length - 1];
  for (let k = Math.sqrt((last - edge) / 3.80998) + kstep; k <= kmax + 1e-9; k += kstep) {
    const e = r2(edge + 3.80998 * k * k);
    if (e > out[out.length - 1]) out.push(e);
  }
  return Float64Array.from(out);
}

/** @internal Counts of a transmission scan of `model` on recorded energies (true = recorded + shift). */
export function transmissionScan(model: XasModel, recorded: Float64Array, shift: number, seed: number, flux = 5e6): { i0: Float64Array; itrans: Float64Array } {
  const rng = createRng(seed);
  const trueE = Float64Array.from(recorded, (e) => e + shift);
  const mu = xasMu(model, trueE);
  const i0 = new Float64Array(recorded.length), it = new Float64Array(recorded.length);
  const drift = rng.range(0, 2 * Math.PI);
  for (let i = 0; i < recorded.length; i++) {
    const f = flux * (1 + 0.03 * Math.sin(drift + recorded[i] / 80));
    const t = f * Math.exp(-mu[i]) * 0.8;
    if (Number.isFinite(flux)) {
      i0[i] = Math.round(f + Math.sqrt(f) * rng.normal());
      it[i] = Math.round(t + Math.sqrt(t) * rng.normal());
    } else { // no noise: fixed counts, exact μ
      i0[i] = 1e6; it[i] = 1e6 * Math.exp(-mu[i]);
    }
  }
  return { i0, itrans: it };
}

/** FT parameters of the truth's shell peaks (`XasScanTruth.shells[].ftPeak`). */
export const TRUTH_FT = { kmin: 3, kmax: 14, dk: 1, kweight: 2, window: "hanning" } as const;

/** @internal The half-step of the noise-free μ of `model` on `trueGrid`, normalised with larch's defaults. */
export function normalizedHalfStep(model: XasModel, trueGrid: Float64Array): number {
  return edgePosition(preEdge(makeSpectrum(trueGrid, xasMu(model, trueGrid))));
}

/** @internal `model` moved so that {@link normalizedHalfStep} on `trueGrid` is `target` (three fixed-point steps; < 1e-3 eV). */
export function placeNormalizedHalfStep(model: XasModel, target: number, trueGrid: Float64Array): XasModel {
  let m = model;
  for (let i = 0; i < 4; i++) {
    const d = target - normalizedHalfStep(m, trueGrid);
    if (Math.abs(d) < 1e-4) break;
    m = placeHalfStep(m, halfStepEnergy(m) + d);
  }
  return m;
}

function ftPeak(model: XasModel, around: number): number {
  const k = Float64Array.from({ length: 341 }, (_, i) => i * 0.05);
  const ft = xftf({ k, chi: Float64Array.from(k, (x) => xasChi(model, x)) }, TRUTH_FT);
  let best = -1;
  for (let i = 1; i < ft.r.length - 1; i++) if (Math.abs(ft.r[i] - around) <= 0.25 && (best < 0 || ft.mag[i] > ft.mag[best])) best = i;
  const [a, b, c] = [ft.mag[best - 1], ft.mag[best], ft.mag[best + 1]];
  const den = a - 2 * b + c;
  return Math.round((ft.r[best] + (den !== 0 ? (0.5 * (a - c)) / den : 0) * (ft.r[1] - ft.r[0])) * 1e4) / 1e4;
}

/** @internal The truth record of a model scanned on `trueGrid`. */
export function scanTruth(model: XasModel, role: XasScanTruth["role"], valence: number | null, trueGrid: Float64Array): XasScanTruth {
  let best = model.e0, dmax = -Infinity;
  for (let e = model.e0 - 15; e <= model.e0 + 15; e += 0.001) {
    const d = xasNormalized(model, e + 0.0005) - xasNormalized(model, e - 0.0005);
    if (d > dmax) { dmax = d; best = e; }
  }
  return {
    name: model.name, role, valence, halfStep: normalizedHalfStep(model, trueGrid), modelHalfStep: halfStepEnergy(model), derivativePeak: Math.round(best * 1000) / 1000,
    shells: model.shells.map((s) => ({ label: s.label, n: s.n, r: s.r, sigma2: s.sigma2, apparentR: s.r - (s.phaseShift ?? 0.5), ftPeak: ftPeak(model, s.r - (s.phaseShift ?? 0.5)) })),
    model,
  };
}

/** What {@link writeXasSeries} wrote. */
export interface WrittenXasSeries {
  /** XDI path by scan name. */
  files: Record<string, string>;
  /** Path of truth.json. */
  truth: string;
}

/** File stem of a scan name: "LNRO 4.8 V" → "lnro-4.8v". */
export function xasFileStem(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9.]+/g, "-").replace(/^-|-$/g, "");
}

/**
 * Write every scan of a simulated series as an XDI file (energy, i0, itrans) into `dir`, and the
 * ground truth as `truth.json` beside them.
 *
 * @param dir - output folder (created).
 * @param series - e.g. {@link simulateRuKSeries}.
 * @returns the paths written.
 * @example
 * const w = writeXasSeries("simulated-data/xu2018-ru-k", simulateRuKSeries({ seed: 2018 }));
 * const foil = scanSpectrum(readXdi(w.files["Ru foil"]), { mode: "transmission" });
 */
export function writeXasSeries(dir: string, series: SimulatedXasSeries): WrittenXasSeries {
  mkdirSync(dir, { recursive: true });
  const files: Record<string, string> = {};
  for (const s of series.scans) {
    files[s.name] = writeXdi(join(dir, `${xasFileStem(s.name)}.xdi`), { columns: { energy: s.energy, i0: s.i0, itrans: s.itrans }, units: { energy: "eV" } }, s.metadata,
      { comments: [`${s.name}: simulated by edgeworks (${s.role}); not measured data.`] });
  }
  const truth = join(dir, "truth.json");
  writeFileSync(truth, JSON.stringify(series.truth, null, 1));
  return { files, truth };
}
