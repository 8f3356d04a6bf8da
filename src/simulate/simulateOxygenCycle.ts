/**
 * The O K edge through the first cycle with two kinds of oxidation (Gent et al. 2017,
 * Supplementary Fig. 8): TM–O oxidation (holes on hybridised TM–O states, more weight at the
 * 529.3 eV pre-edge peak) and O oxidation (the 530.8 eV feature).
 * @module
 */
import { OXYGEN_END_MEMBERS, type EndMemberModel } from "./spectra";
import { simulateSeries } from "./_series";
import { oxygenSeriesConfig } from "./simulateOxygenPlateau";
import type { SimulatedSeries } from "./types";
import { evaluateEndMember } from "./spectra";
import { checkOptions } from "../util/checkOptions";

const oBand: [number, number, number][] = [[541.5, 3.2, 0.55]];
const oStep: [number, number, number][] = [[535.8, 1.0, 0.9]];

/** The O K end members of the cycle: reduced (blue), TM–O oxidised (purple), O oxidised (red), carbon/binder. */
export const OXYGEN_CYCLE_END_MEMBERS: readonly EndMemberModel[] = [
  OXYGEN_END_MEMBERS[0],
  { name: "TM–O oxidised LMR-NMC", baseline: 0.35, peaks: [[527.8, 0.5, 0.2], [529.3, 0.55, 1.15], [531.5, 0.65, 0.5], ...oBand], steps: oStep },
  { name: "O oxidised LMR-NMC", baseline: 0.35, peaks: [[527.8, 0.5, 0.2], [529.35, 0.55, 0.9], [530.8, 0.45, 0.8], [531.6, 0.65, 0.35], ...oBand], steps: oStep },
  OXYGEN_END_MEMBERS[2],
];

/** One state of the cycle. */
export interface OxygenCycleState {
  /** E.g. "c1_4.35V". */
  name: string;
  /** Mean oxidised fraction (TM–O plus O oxidised), 0–1. */
  level: number;
  /** Share of the oxidised part that is O oxidised (the rest is TM–O oxidised), 0–1. */
  oShare: number;
}

/**
 * The default states: the first-cycle samples of Supplementary Table 2 (names as there).
 * Levels and shares are planted: TM–O oxidation is nearly complete by 4.35 V (the sloping
 * region), O oxidation grows over the plateau and is the last to be reversed on discharge —
 * so O oxidation, not TM–O oxidation, follows the TM migration of Table S2 (the paper's finding).
 */
export const OXYGEN_CYCLE_STATES: readonly OxygenCycleState[] = [
  { name: "Pristine", level: 0.02, oShare: 0 },
  { name: "c1_4.35V", level: 0.85, oShare: 0.05 },
  { name: "c1_230mAh/g", level: 0.88, oShare: 0.35 },
  { name: "c1_257mAh/g", level: 0.9, oShare: 0.5 },
  { name: "c1_280mAh/g", level: 0.92, oShare: 0.6 },
  { name: "c1_4.60V", level: 0.95, oShare: 0.75 },
  { name: "d1_3.65V", level: 0.6, oShare: 0.8 },
  { name: "d1_2.00V", level: 0.3, oShare: 0.7 },
];

/** Options of {@link simulateOxygenCycle}. */
export interface OxygenCycleOptions {
  /** Default {@link OXYGEN_CYCLE_STATES}. */
  states?: readonly OxygenCycleState[];
  /** Seed (default 2017). */
  seed?: number;
  /** Image size (default 64 × 96 px). */
  ny?: number;
  /** See `ny`. */
  nx?: number;
  /** Counts per 1 ms dwell (default 20000). */
  flux?: number;
}

/** A model whose absorption is (1 − w)·a + w·b (models are linear in baseline and heights). */
export function mixEndMembers(a: EndMemberModel, b: EndMemberModel, w: number): EndMemberModel {
  const scale = (list: [number, number, number][], k: number) => list.map(([c, s, h]) => [c, s, h * k] as [number, number, number]);
  return {
    name: `${(1 - w).toFixed(2)} ${a.name} + ${w.toFixed(2)} ${b.name}`,
    baseline: (1 - w) * a.baseline + w * b.baseline,
    peaks: [...scale(a.peaks, 1 - w), ...scale(b.peaks, w)],
    steps: [...scale(a.steps, 1 - w), ...scale(b.steps, w)],
  };
}

/**
 * Simulated O K stacks of the first cycle. In each sample the oxidised part of every pixel is a
 * mixture of the TM–O oxidised and the O oxidised spectra with the sample's `oShare`; the
 * ground truth gives both (`truth.samples[i].secondMix`) and lists all four end members.
 * @example
 * const cyc = simulateOxygenCycle({ seed: 8 });
 * cyc.truth.samples.map((s) => s.name); // ["Pristine", "c1_4.35V", …]
 */
export function simulateOxygenCycle(options: OxygenCycleOptions = {}): SimulatedSeries {
  checkOptions("simulateOxygenCycle", options, ["states", "seed", "ny", "nx", "flux"]);
  const states = options.states ?? OXYGEN_CYCLE_STATES;
  states.forEach((st, i) => {
    if (typeof st?.name !== "string" || !(st.level >= 0 && st.level <= 1) || !(st.oShare >= 0 && st.oShare <= 1)) {
      throw new RangeError(`simulateOxygenCycle: states[${i}] must be { name, level in [0, 1], oShare in [0, 1] }, got ${JSON.stringify(st)}`);
    }
  });
  const [reduced, tmo, oox, binder] = OXYGEN_CYCLE_END_MEMBERS;
  const series = simulateSeries(
    oxygenSeriesConfig(
      options,
      options.ny ?? 64,
      options.nx ?? 96,
      [reduced, tmo, binder],
      states.map((st) => ({
        name: st.name,
        capacity: null,
        state: st.name,
        level: st.level,
        second: mixEndMembers(tmo, oox, st.oShare),
        secondMix: [
          { name: tmo.name, weight: 1 - st.oShare },
          { name: oox.name, weight: st.oShare },
        ],
      })),
    ),
  );
  const fine = series.truth.endMembers[0].energies;
  series.truth.endMembers = OXYGEN_CYCLE_END_MEMBERS.map((m) => ({ model: m, energies: fine, mu: fine.map((e) => evaluateEndMember(m, e)) }));
  return series;
}

