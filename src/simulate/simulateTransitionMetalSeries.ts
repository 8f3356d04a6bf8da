import { checkedStates } from "./simulateOxygenPlateau";
import { COBALT_END_MEMBERS, MANGANESE_END_MEMBERS, NICKEL_END_MEMBERS } from "./spectra";
import { simulateSeries } from "./_series";
import type { SimulatedSeries } from "./types";
import { checkOptions } from "../util/checkOptions";

/** Options of {@link simulateTransitionMetalSeries}. */
export interface TransitionMetalOptions {
  /** Which L3 edge: "Mn", "Co" or "Ni". Required. */
  edge: "Mn" | "Co" | "Ni";
  /**
   * Named states with the mean fraction (0–1) of the second end member in each (Ni4+, Co4+, or
   * surface Mn3+). Default: the first cycle — pristine, charged 4.35 V, charged 4.8 V, discharged 2.0 V.
   */
  states?: readonly { name: string; level: number }[];
  /** Seed (default 2017). */
  seed?: number;
  /** Image size per sample (default 64 × 96). */
  ny?: number;
  /** See `ny`. */
  nx?: number;
}

const STATES = ["pristine", "charged 4.35 V", "charged 4.8 V", "discharged 2.0 V"];
const LEVELS: Record<"Mn" | "Co" | "Ni", number[]> = {
  Ni: [0.02, 0.65, 0.8, 0.1],
  Co: [0.0, 0.4, 0.5, 0.05],
  Mn: [0.0, 0.0, 0.0, 0.7],
};
const RANGES: Record<"Mn" | "Co" | "Ni", [number, number]> = { Mn: [630, 660], Co: [770, 800], Ni: [845, 875] };

/**
 * Recorded energies of a TM L-edge series: 76 points, 0.4 eV apart (Mn 630–660, Co 770–800, Ni 845–875 eV).
 * @example
 * transitionMetalEnergies("Ni")[0]; // 845
 */
export function transitionMetalEnergies(edge: "Mn" | "Co" | "Ni"): Float64Array {
  const [lo] = RANGES[edge];
  return Float64Array.from({ length: 76 }, (_, i) => lo + 0.4 * i);
}

/**
 * Simulated Ni, Co or Mn L-edge series of the first cycle (pristine, charged 4.35 V, charged
 * 4.8 V, discharged 2.0 V; Gent et al. 2017 Supplementary Figs. S4, S7, S18). Second end member:
 * Ni4+ (855.1 eV vs Ni2+ 852.9 eV) or Co4+, rising on charge and lower at surfaces; for Mn the
 * second end member is Mn3+, present only at particle surfaces after discharge (the Mn surface
 * reduction of the first discharge). Mn particles are thick (OD up to ~6 at the L3 peak) and
 * 2 % higher-order light saturates them (measured OD ≤ −ln 0.02 ≈ 3.9), broadening the L3 edge.
 * Energy offsets ±0.4 eV and sub-pixel drift as in the O K series.
 *
 * @param options - {@link TransitionMetalOptions}; `edge` is required.
 * @returns in-memory stacks, session reference spectra and the ground truth.
 * @example
 * const mn = simulateTransitionMetalSeries({ edge: "Mn", seed: 3 });
 * mn.truth.samples[3].surfaceFraction > mn.truth.samples[3].coreFraction; // true
 */
export function simulateTransitionMetalSeries(options: TransitionMetalOptions): SimulatedSeries {
  checkOptions("simulateTransitionMetalSeries", options, ["edge", "states", "seed", "ny", "nx"]);
  const edge = options?.edge;
  if (edge !== "Mn" && edge !== "Co" && edge !== "Ni") {
    throw new Error(`simulateTransitionMetalSeries: option "edge" must be "Mn", "Co" or "Ni", got ${JSON.stringify(edge)}`);
  }
  const ny = options.ny ?? 64;
  const nx = options.nx ?? 96;
  const members = edge === "Mn" ? MANGANESE_END_MEMBERS : edge === "Co" ? COBALT_END_MEMBERS : NICKEL_END_MEMBERS;
  const surface = edge === "Mn";
  return simulateSeries({
    edge,
    seed: options.seed ?? 2017,
    energies: transitionMetalEnergies(edge),
    members,
    samples: (options.states ? checkedStates("simulateTransitionMetalSeries", options.states) : STATES.map((s, i) => ({ name: s, level: LEVELS[edge][i] }))).map((st) => ({
      name: st.name,
      capacity: null,
      state: st.name,
      level: st.level,
    })),
    ny,
    nx,
    freeWidth: Math.max(16, Math.round(nx * 0.16)),
    particles: Math.round((ny * nx) / 800),
    rMin: 5,
    rMax: Math.min(16, ny / 4),
    tMin: edge === "Mn" ? 0.4 : 0.3,
    tMax: edge === "Mn" ? 3.2 : 1.4,
    activeScale: 1,
    levelSpread: surface ? 0 : 0.06,
    fraction: surface
      ? (level, depth) => Math.min(1, Math.max(0, level * Math.exp(-depth / 0.1)))
      : (level, depth) => Math.min(1, Math.max(0, level * (1 - 0.3 * Math.exp(-depth / 0.12)))),
    flux: 20000,
    harmonic: 0.02,
    maxOffset: 0.4,
    driftStep: 0.3,
    driftLimit: 4,
    pixelSize: edge === "Ni" ? 0.04 : 0.06,
  });
}
