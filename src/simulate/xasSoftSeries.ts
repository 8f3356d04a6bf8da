/**
 * Soft-XAS scans of Xu et al. 2018 Fig. 4, simulated: Ni L₃,₂ and O K edges of LNMO and LNRO at
 * pristine, 4.5 V, 4.8 V and 2.0 V, each recorded in TEY (drain current) and FY (photodiode)
 * with I₀, plus Ni²⁺/Ni³⁺/Ni⁴⁺ reference spectra; the planted Ni valence fractions beside them.
 * @module
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { createRng } from "../linalg/createRng";
import { checkOptions } from "../util/checkOptions";
import { writeXdi } from "../xas/writeXdi";
import { xasFileStem } from "./xasSeries";

/** A peak (height in edge-step units, energy and half width in eV). */
interface Line { e: number; h: number; w: number }

/** Ni L₃,₂ line shapes of the three valences (normalised: L₃ + L₂ steps 0.25 + 0.12). */
export const NI_L_LINES: Readonly<Record<"Ni2+" | "Ni3+" | "Ni4+", readonly Line[]>> = {
  "Ni2+": [{ e: 852.9, h: 1.0, w: 0.45 }, { e: 854.6, h: 0.32, w: 0.6 }, { e: 870.1, h: 0.34, w: 0.8 }, { e: 871.6, h: 0.22, w: 0.8 }],
  "Ni3+": [{ e: 853.5, h: 0.62, w: 0.7 }, { e: 854.5, h: 0.6, w: 0.7 }, { e: 870.9, h: 0.33, w: 1.0 }],
  "Ni4+": [{ e: 852.9, h: 0.12, w: 0.5 }, { e: 855.1, h: 1.1, w: 0.55 }, { e: 871.4, h: 0.4, w: 0.9 }],
};

/** States of Fig. 4, in order. */
export const SOFT_XAS_STATES = ["pristine", "4.5 V", "4.8 V", "2.0 V"] as const;

type State = (typeof SOFT_XAS_STATES)[number];
type Mode = "TEY" | "FY";

/** Planted Ni valence fractions [Ni²⁺, Ni³⁺, Ni⁴⁺] by material, state and mode (TEY: the top ~10 nm, slightly reduced when charged). */
export const NI_FRACTIONS: Readonly<Record<"LNMO" | "LNRO", Readonly<Record<State, Readonly<Record<Mode, readonly [number, number, number]>>>>>> = {
  LNMO: {
    "pristine": { TEY: [1, 0, 0], FY: [1, 0, 0] },
    "4.5 V": { TEY: [0.2, 0.05, 0.75], FY: [0.08, 0.02, 0.9] },
    "4.8 V": { TEY: [0.2, 0.05, 0.75], FY: [0.07, 0.02, 0.91] },
    "2.0 V": { TEY: [0.95, 0.05, 0], FY: [0.96, 0.04, 0] },
  },
  LNRO: {
    "pristine": { TEY: [1, 0, 0], FY: [1, 0, 0] },
    "4.5 V": { TEY: [0.2, 0.45, 0.35], FY: [0.1, 0.45, 0.45] },
    "4.8 V": { TEY: [0.2, 0.45, 0.35], FY: [0.1, 0.44, 0.46] },
    "2.0 V": { TEY: [0.94, 0.06, 0], FY: [0.95, 0.05, 0] },
  },
};

/** O K pre-edge and band heights by material and state (t2g 529.2, eg 531.5, Ni⁴⁺ shoulder 527.8, surface species 533.8 eV in TEY). */
const O_K: Record<"LNMO" | "LNRO", Record<State, { t2g: number; eg: number; ni4: number; surface: number }>> = {
  LNMO: { "pristine": { t2g: 0.5, eg: 0.35, ni4: 0, surface: 0 }, "4.5 V": { t2g: 0.75, eg: 0.5, ni4: 0.25, surface: 0 }, "4.8 V": { t2g: 0.78, eg: 0.52, ni4: 0.26, surface: 0 }, "2.0 V": { t2g: 0.55, eg: 0.38, ni4: 0, surface: 0.05 } },
  LNRO: { "pristine": { t2g: 0.45, eg: 0.62, ni4: 0, surface: 0 }, "4.5 V": { t2g: 0.62, eg: 0.66, ni4: 0.08, surface: 0 }, "4.8 V": { t2g: 0.64, eg: 0.67, ni4: 0.08, surface: 0 }, "2.0 V": { t2g: 0.5, eg: 0.58, ni4: 0, surface: 0.22 } },
};

const lorentz = (e: number, l: Line): number => l.h / (1 + ((e - l.e) / l.w) ** 2);
const gauss = (e: number, l: Line): number => l.h * Math.exp(-Math.LN2 * ((e - l.e) / l.w) ** 2);
const step = (e: number, at: number, h: number, w: number): number => h * (0.5 + Math.atan((e - at) / w) / Math.PI);

/** Normalised Ni L₃,₂ absorption of a valence mixture (fractions of Ni²⁺, Ni³⁺, Ni⁴⁺) at E (eV). */
export function niLAbsorption(fractions: readonly [number, number, number], e: number): number {
  const keys = ["Ni2+", "Ni3+", "Ni4+"] as const;
  let y = step(e, 853.8, 0.25, 0.8) + step(e, 871, 0.12, 0.9);
  keys.forEach((k, i) => { for (const l of NI_L_LINES[k]) y += fractions[i] * (0.6 * lorentz(e, l) + 0.4 * gauss(e, l)); });
  return y;
}

/** Normalised O K absorption of a material/state at E (eV); `surface` scales the 533.8 eV surface-species peak (1 in TEY, 0.3 in FY). */
export function oKAbsorption(material: "LNMO" | "LNRO", state: State, e: number, surface = 1): number {
  const p = O_K[material][state];
  return gauss(e, { e: 527.8, h: p.ni4, w: 0.5 }) + gauss(e, { e: 529.2, h: p.t2g, w: 0.65 }) + gauss(e, { e: 531.5, h: p.eg, w: 0.8 }) + gauss(e, { e: 533.8, h: surface * p.surface, w: 0.6 })
    + step(e, 536, 0.75, 1.5) + gauss(e, { e: 537.8, h: 0.45, w: 2.5 }) + gauss(e, { e: 543.5, h: 0.35, w: 4 });
}

/** One simulated soft-XAS scan. */
export interface SimulatedSoftScan {
  name: string;
  edge: "Ni L3" | "O K";
  material: "LNMO" | "LNRO" | "reference";
  state: string;
  energy: Float64Array;
  i0: Float64Array;
  tey: Float64Array;
  fy: Float64Array;
}

/** What {@link simulateSoftXasSeries} planted. */
export interface SoftXasTruth {
  niFractions: typeof NI_FRACTIONS;
  order: readonly ["Ni2+", "Ni3+", "Ni4+"];
  seed: number;
}

/**
 * The sXAS data of Xu 2018 Fig. 4 on a simulated beamline (SSRL 10-1-like: TEY as drain current,
 * FY by a photodiode, I₀ from a gold mesh; no energy offset): Ni L₃,₂ (845–880 eV, 0.1 eV) and
 * O K (520–560 eV, 0.1 eV) of LNMO and LNRO at pristine, 4.5 V, 4.8 V and 2.0 V, plus references
 * "Ni2+ ref", "Ni3+ ref", "Ni4+ ref" (same line shapes, FY and TEY alike). Ni²⁺ at 852.9 eV, Ni⁴⁺ at
 * 855.1 eV; Ni⁴⁺ O K shoulder at 527.8 eV in charged LNMO; a stronger eg (> 530 eV) pre-edge for
 * LNRO; TEY slightly reduced at the surface of charged electrodes; a surface-species peak at 533.8 eV
 * in discharged LNRO (mostly TEY). Noise: counting noise on I₀ (2·10⁶) and FY (~10⁵ counts), 0.1 % on the TEY current.
 *
 * @param options - `seed` (default 2018).
 * @returns the scans and the planted Ni fractions.
 * @example
 * const { scans, truth } = simulateSoftXasSeries({ seed: 2018 });
 */
export function simulateSoftXasSeries(options: { seed?: number } = {}): { scans: SimulatedSoftScan[]; truth: SoftXasTruth } {
  checkOptions("simulateSoftXasSeries", options, ["seed"]);
  const seed = options.seed ?? 2018;
  const rng = createRng(seed);
  const grid = (lo: number, hi: number): Float64Array => Float64Array.from({ length: Math.round((hi - lo) / 0.1) + 1 }, (_, i) => Math.round((lo + 0.1 * i) * 10) / 10);
  const measure = (energy: Float64Array, teyNorm: (e: number) => number, fyNorm: (e: number) => number, e0: number): Pick<SimulatedSoftScan, "i0" | "tey" | "fy"> => {
    const i0 = new Float64Array(energy.length), tey = new Float64Array(energy.length), fy = new Float64Array(energy.length);
    const phase = rng.range(0, 6);
    for (let i = 0; i < energy.length; i++) {
      const e = energy[i];
      const flux = 2e6 * (1 + 0.1 * Math.sin(phase + e / 7));
      const a = flux + Math.sqrt(flux) * rng.normal();
      const t = flux * (0.4 + 0.002 * (e - e0) + 0.5 * teyNorm(e)) * 1e-6; // drain current, nA: 0.1 % noise
      const f = flux * (0.15 + 0.25 * fyNorm(e)) * 0.2;
      i0[i] = Math.round(a);
      tey[i] = t * (1 + 1e-3 * rng.normal());
      fy[i] = Math.round(f + Math.sqrt(f) * rng.normal());
    }
    return { i0, tey, fy };
  };
  const scans: SimulatedSoftScan[] = [];
  const ni = grid(845, 880), o = grid(520, 560);
  for (const [k, fr] of [["Ni2+", [1, 0, 0]], ["Ni3+", [0, 1, 0]], ["Ni4+", [0, 0, 1]]] as const) {
    const f = (e: number): number => niLAbsorption(fr, e);
    scans.push({ name: `${k} ref`, edge: "Ni L3", material: "reference", state: k, energy: ni, ...measure(ni, f, f, 845) });
  }
  for (const material of ["LNMO", "LNRO"] as const) {
    for (const state of SOFT_XAS_STATES) {
      const fr = NI_FRACTIONS[material][state];
      scans.push({ name: `${material} ${state} Ni L3`, edge: "Ni L3", material, state, energy: ni, ...measure(ni, (e) => niLAbsorption(fr.TEY, e), (e) => niLAbsorption(fr.FY, e), 845) });
      scans.push({ name: `${material} ${state} O K`, edge: "O K", material, state, energy: o, ...measure(o, (e) => oKAbsorption(material, state, e, 1), (e) => oKAbsorption(material, state, e, 0.3), 520) });
    }
  }
  return { scans, truth: { niFractions: NI_FRACTIONS, order: ["Ni2+", "Ni3+", "Ni4+"], seed } };
}

/**
 * Write the soft-XAS scans as XDI files (energy, i0, tey, fy) and `truth.json` into `dir`.
 * @returns the XDI path by scan name and the truth path.
 * @example
 * const w = writeSoftXasSeries("simulated-data/xu2018-sxas", simulateSoftXasSeries());
 */
export function writeSoftXasSeries(dir: string, series: { scans: SimulatedSoftScan[]; truth: SoftXasTruth }): { files: Record<string, string>; truth: string } {
  mkdirSync(dir, { recursive: true });
  const files: Record<string, string> = {};
  for (const s of series.scans) {
    const [sym, edge] = s.edge.split(" ");
    files[s.name] = writeXdi(join(dir, `${xasFileStem(s.name)}.xdi`), { columns: { energy: s.energy, i0: s.i0, tey: s.tey, fy: s.fy }, units: { energy: "eV" } },
      { "Element.symbol": sym, "Element.edge": edge, "Mono.name": "grating (simulated)", "Facility.name": "edgeworks simulated beamline", "Beamline.name": "10-1 (simulated)", "Sample.name": s.name, "Detector.tey": "drain current", "Detector.fy": "photodiode" },
      { comments: [`${s.name}: simulated by edgeworks; not measured data.`] });
  }
  const truth = join(dir, "truth.json");
  writeFileSync(truth, JSON.stringify(series.truth, null, 1));
  return { files, truth };
}
