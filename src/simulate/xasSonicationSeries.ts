/**
 * TEY soft-XAS of the fully charged LMR-NMC electrode, intact and after sonication in DMC (Gent et
 * al. 2017, Supplementary Fig. 11), simulated from one charged-state model with a surface layer:
 * O K, Mn L, Co L and Ni L edges, two repeat scans of each electrode.
 * @module
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { createRng } from "../linalg/createRng";
import { checkOptions } from "../util/checkOptions";
import { makeSpectrum } from "../types/spectrum";
import { normalizeSoft } from "../xas/normalizeSoft";
import { writeXdi } from "../xas/writeXdi";
import { COBALT_END_MEMBERS, MANGANESE_END_MEMBERS, NICKEL_END_MEMBERS, OXYGEN_END_MEMBERS, evaluateEndMember, type EndMemberModel } from "./spectra";
import { xasFileStem } from "./xasSeries";

/** Edges of S11, with their scan range and the normalisation windows (eV) the notebook uses. */
export const SONICATION_EDGES = {
  "O K": { range: [520, 560], pre: [520, 524], post: [552, 560] },
  "Mn L": { range: [630, 670], pre: [630, 635], post: [663, 670] },
  "Co L": { range: [770, 805], pre: [770, 774], post: [799, 805] },
  "Ni L": { range: [845, 880], pre: [845, 849], post: [875, 880] },
} as const satisfies Record<string, { range: readonly [number, number]; pre: readonly [number, number]; post: readonly [number, number] }>;

/** One edge of {@link SONICATION_EDGES}. */
export type SonicationEdge = keyof typeof SONICATION_EDGES;

/** The two electrodes of S11. */
export const SONICATION_SAMPLES = ["intact", "sonicated"] as const;

/** Surface species of the charged electrode (carbonate/CEI, O K 534.0 eV; Li2CO3-like π*), on top of the reduced oxide. */
const CARBONATE: EndMemberModel = { name: "carbonate/CEI", baseline: 0.35, peaks: [[534.0, 0.45, 0.9], [539.5, 2.0, 0.3]], steps: [[535.8, 1.0, 0.9]] };

/** Bulk (charged) and surface-layer spectra per edge: the bulk is the oxidised end member, the surface the reduced one (plus carbonate/CEI at the O K edge). */
function layers(edge: SonicationEdge): { bulk: (e: number) => number; surface: (e: number) => number } {
  switch (edge) {
    case "O K": return { bulk: (e) => evaluateEndMember(OXYGEN_END_MEMBERS[1], e), surface: (e) => 0.5 * evaluateEndMember(OXYGEN_END_MEMBERS[0], e) + 0.5 * evaluateEndMember(CARBONATE, e) };
    case "Mn L": return { bulk: (e) => evaluateEndMember(MANGANESE_END_MEMBERS[0], e), surface: (e) => evaluateEndMember(MANGANESE_END_MEMBERS[1], e) };
    case "Co L": return { bulk: (e) => evaluateEndMember(COBALT_END_MEMBERS[1], e), surface: (e) => evaluateEndMember(COBALT_END_MEMBERS[0], e) };
    case "Ni L": return { bulk: (e) => evaluateEndMember(NICKEL_END_MEMBERS[1], e), surface: (e) => evaluateEndMember(NICKEL_END_MEMBERS[0], e) };
  }
}

/** Options of {@link simulateSonicationTey}. */
export interface SonicationTeyOptions {
  /** Seed of the noise. Default 2017. */
  seed?: number;
  /** Thickness of the surface layer, nm. Default 2. */
  surfaceNm?: number;
  /** TEY escape depth λ, nm (signal from depth z weighted e^(−z/λ)). Default 4. */
  escapeNm?: number;
  /**
   * Fractional change of the surface species in the sonicated electrode (−0.1: a tenth of the
   * surface layer washed off by sonication). Default 0: sonication changes nothing, as the paper finds.
   */
  surfaceChange?: number;
  /** Relative noise of the drain current per point. Default 1e-3. */
  teyNoise?: number;
  /** Repeat scans per electrode and edge. Default 2. */
  repeats?: number;
}

/** One simulated TEY scan. */
export interface SonicationScan {
  /** E.g. "intact O K #1". */
  name: string;
  sample: (typeof SONICATION_SAMPLES)[number];
  edge: SonicationEdge;
  repeat: number;
  /** eV, 0.1 eV steps. */
  energy: Float64Array;
  /** I0 mesh counts. */
  i0: Float64Array;
  /** Sample drain current, nA. */
  tey: Float64Array;
}

/** What {@link simulateSonicationTey} planted. */
export interface SonicationTruth {
  seed: number;
  surfaceNm: number;
  escapeNm: number;
  /** Share of the TEY signal from the surface layer, 1 − e^(−d/λ), per electrode. */
  surfaceWeight: Record<(typeof SONICATION_SAMPLES)[number], number>;
  surfaceChange: number;
  teyNoise: number;
  repeats: number;
  /** Noise-free normalised O K intensity at 530.8 eV (mean over 530.6–531.0 eV, windows of {@link SONICATION_EDGES}) per electrode. */
  feature5308: Record<(typeof SONICATION_SAMPLES)[number], number>;
}

/**
 * The TEY spectra of Gent 2017 S11 on a simulated beamline (I₀ gold mesh with counting noise
 * (2·10⁶ counts), drain current with `teyNoise` relative noise): the charged electrode is an
 * oxidised LMR-NMC bulk (O K 530.8 eV feature, Ni⁴⁺, Co⁴⁺, Mn⁴⁺) under a reduced surface layer
 * (O K: reduced oxide and carbonate/CEI at 534.0 eV; Mn³⁺, Co³⁺, Ni²⁺) of `surfaceNm` nm; TEY weighs
 * depth z by e^(−z/λ), so the surface layer carries 1 − e^(−d/λ) of the signal (0.39 by default).
 * "intact" and "sonicated" come from the same model with independent noise; `surfaceChange` plants a
 * difference (the sonicated surface layer scaled by 1 + surfaceChange) for sensitivity checks.
 *
 * @param options - {@link SonicationTeyOptions}.
 * @returns the scans (every sample × edge × repeat, on 0.1 eV grids) and the truth.
 * @example
 * const { scans, truth } = simulateSonicationTey({ seed: 2017 });
 * const planted10 = simulateSonicationTey({ seed: 2017, surfaceChange: -0.1 });
 */
export function simulateSonicationTey(options: SonicationTeyOptions = {}): { scans: SonicationScan[]; truth: SonicationTruth } {
  const fn = "simulateSonicationTey";
  checkOptions(fn, options, ["seed", "surfaceNm", "escapeNm", "surfaceChange", "teyNoise", "repeats"]);
  const seed = options.seed ?? 2017, d = options.surfaceNm ?? 2, lam = options.escapeNm ?? 4, change = options.surfaceChange ?? 0, noise = options.teyNoise ?? 1e-3, repeats = options.repeats ?? 2;
  if (!(d >= 0) || !(lam > 0)) throw new RangeError(`${fn}: surfaceNm must be ≥ 0 and escapeNm > 0 nm, got ${d}, ${lam}`);
  if (!(change > -1) || !Number.isFinite(change)) throw new RangeError(`${fn}: surfaceChange must be a fraction > −1, got ${change}`);
  if (!(noise >= 0)) throw new RangeError(`${fn}: teyNoise must be ≥ 0, got ${noise}`);
  if (!Number.isInteger(repeats) || repeats < 1) throw new RangeError(`${fn}: repeats must be an integer ≥ 1, got ${repeats}`);
  const rng = createRng(seed);
  // a layer of thickness t on top carries 1 − e^(−t/λ) of the TEY signal
  const weight = { intact: 1 - Math.exp(-d / lam), sonicated: 1 - Math.exp(-(d * (1 + change)) / lam) };
  const model = (edge: SonicationEdge, sample: (typeof SONICATION_SAMPLES)[number]) => {
    const { bulk, surface } = layers(edge);
    return (e: number): number => weight[sample] * surface(e) + (1 - weight[sample]) * bulk(e);
  };
  const scans: SonicationScan[] = [];
  const feature = {} as Record<(typeof SONICATION_SAMPLES)[number], number>;
  for (const sample of SONICATION_SAMPLES) {
    for (const edge of Object.keys(SONICATION_EDGES) as SonicationEdge[]) {
      const { range } = SONICATION_EDGES[edge];
      const energy = Float64Array.from({ length: Math.round((range[1] - range[0]) / 0.1) + 1 }, (_, i) => Math.round((range[0] + 0.1 * i) * 10) / 10);
      const mu = model(edge, sample);
      if (edge === "O K") {
        const w = SONICATION_EDGES["O K"];
        const norm = normalizeSoft(makeSpectrum(energy, Float64Array.from(energy, (e) => 0.4 + 0.002 * (e - range[0]) + 0.5 * mu(e))), { pre: [...w.pre], post: [...w.post], background: "constant" }).norm;
        let s = 0, n = 0;
        norm.energies.forEach((e, i) => { if (e >= 530.6 - 1e-9 && e <= 531.0 + 1e-9) { s += norm.values[i]; n++; } });
        feature[sample] = s / n;
      }
      for (let r = 1; r <= repeats; r++) {
        const i0 = new Float64Array(energy.length), tey = new Float64Array(energy.length);
        const phase = rng.range(0, 6);
        for (let i = 0; i < energy.length; i++) {
          const e = energy[i];
          const flux = 2e6 * (1 + 0.1 * Math.sin(phase + e / 7));
          i0[i] = Math.round(flux + Math.sqrt(flux) * rng.normal());
          tey[i] = flux * (0.4 + 0.002 * (e - range[0]) + 0.5 * mu(e)) * 1e-6 * (1 + noise * rng.normal());
        }
        scans.push({ name: `${sample} ${edge} #${r}`, sample, edge, repeat: r, energy, i0, tey });
      }
    }
  }
  return { scans, truth: { seed, surfaceNm: d, escapeNm: lam, surfaceWeight: weight, surfaceChange: change, teyNoise: noise, repeats, feature5308: feature } };
}

/**
 * Write the S11 scans as XDI files (energy, i0, tey) and `truth.json` into `dir`.
 * @param dir - output folder (created).
 * @param series - from {@link simulateSonicationTey}.
 * @returns the XDI path by scan name ("intact O K #1", …) and the truth path.
 * @example
 * const w = writeSonicationTey("simulated-data/gent2017-s11", simulateSonicationTey());
 */
export function writeSonicationTey(dir: string, series: { scans: SonicationScan[]; truth: SonicationTruth }): { files: Record<string, string>; truth: string } {
  mkdirSync(dir, { recursive: true });
  const files: Record<string, string> = {};
  for (const s of series.scans) {
    const [sym, edge] = s.edge.split(" ");
    files[s.name] = writeXdi(join(dir, `${xasFileStem(s.name)}.xdi`), { columns: { energy: s.energy, i0: s.i0, tey: s.tey }, units: { energy: "eV" } },
      { "Element.symbol": sym, "Element.edge": edge === "L" ? "L3" : edge, "Mono.name": "grating (simulated)", "Facility.name": "edgeworks simulated beamline", "Sample.name": `LMR-NMC 4.8 V, ${s.sample}`, "Detector.tey": "drain current", "Scan.repeat": s.repeat },
      { comments: [`${s.name}: simulated by edgeworks; not measured data.`] });
  }
  const truth = join(dir, "truth.json");
  writeFileSync(truth, JSON.stringify(series.truth, null, 1));
  return { files, truth };
}
