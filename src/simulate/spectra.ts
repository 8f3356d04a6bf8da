/**
 * End-member absorption spectra of the simulated beamline: sums of Gaussian peaks and arctangent
 * edge steps on a flat non-resonant baseline, in optical density per unit thickness (1 unit ≈
 * 100 nm). Peak energies follow FIGURES.md (Gent et al. 2017; Xu et al. 2018): O K t2g 529.2 eV,
 * eg 531.5 eV, oxidised-oxygen feature 530.8 eV, Ni4+ shoulder 527.8 eV, TM4sp–O2p band above
 * 535 eV; Ni L3 Ni2+ 852.9 eV, Ni4+ 855.1 eV.
 * @module
 */

/** A parametric end-member spectrum (JSON-serialisable). */
export interface EndMemberModel {
  /** Name, e.g. "reduced LMR-NMC". */
  name: string;
  /** Flat non-resonant absorption, OD per unit thickness. */
  baseline: number;
  /** Gaussian peaks `[centre eV, sigma eV, height]`. */
  peaks: [number, number, number][];
  /** Arctangent edge steps `[centre eV, half-width eV, height]`. */
  steps: [number, number, number][];
}

/**
 * The absorption of an end member at one energy (OD per unit thickness).
 * @example
 * const mu = evaluateEndMember(OXYGEN_END_MEMBERS[1], 530.8);
 */
export function evaluateEndMember(m: EndMemberModel, energy: number): number {
  let v = m.baseline;
  for (const [c, s, h] of m.peaks) v += h * Math.exp(-0.5 * ((energy - c) / s) ** 2);
  for (const [c, w, h] of m.steps) v += h * (0.5 + Math.atan((energy - c) / w) / Math.PI);
  return v;
}

/**
 * An end member sampled at the given energies (eV), as a new Float64Array.
 * @example
 * const mu = sampleEndMember(OXYGEN_END_MEMBERS[0], [529.2, 531.5]);
 */
export function sampleEndMember(m: EndMemberModel, energies: ArrayLike<number>): Float64Array {
  return Float64Array.from({ length: energies.length }, (_, i) => evaluateEndMember(m, energies[i]));
}

const oBand: [number, number, number][] = [[541.5, 3.2, 0.55]];
const oStep: [number, number, number][] = [[535.8, 1.0, 0.9]];

/** O K edge end members: reduced LMR-NMC, oxidised LMR-NMC (530.8 eV feature, Ni4+ shoulder), carbon/binder. */
export const OXYGEN_END_MEMBERS: readonly EndMemberModel[] = [
  { name: "reduced LMR-NMC", baseline: 0.35, peaks: [[529.2, 0.55, 0.85], [531.5, 0.65, 0.55], ...oBand], steps: oStep },
  {
    name: "oxidised LMR-NMC",
    baseline: 0.35,
    peaks: [[527.8, 0.5, 0.18], [529.35, 0.55, 0.9], [530.8, 0.45, 0.6], [531.6, 0.65, 0.4], ...oBand],
    steps: oStep,
  },
  { name: "carbon/binder", baseline: 0.12, peaks: [[532.0, 0.7, 0.25], [539.5, 2.5, 0.2]], steps: [[537.0, 1.5, 0.3]] },
];

/** Mn L3,2 end members: Mn4+, Mn3+ (surface reduction on discharge), carbon/binder. */
export const MANGANESE_END_MEMBERS: readonly EndMemberModel[] = [
  { name: "Mn4+", baseline: 0.3, peaks: [[640.6, 0.5, 0.25], [641.8, 0.55, 0.6], [643.6, 0.6, 1.6], [645.0, 0.7, 0.5], [654.0, 1.0, 0.6], [655.5, 1.0, 0.4]], steps: [[643.0, 0.8, 0.25], [654.0, 0.8, 0.12]] },
  { name: "Mn3+", baseline: 0.3, peaks: [[641.6, 0.6, 1.2], [642.6, 0.6, 0.9], [644.0, 0.8, 0.7], [653.6, 1.2, 0.7]], steps: [[642.5, 0.8, 0.25], [653.8, 0.8, 0.12]] },
  { name: "carbon/binder", baseline: 0.1, peaks: [], steps: [] },
];

/** Co L3,2 end members: Co3+, Co4+ (charged), carbon/binder (resonant peaks weaker than Mn: less Co in LMR-NMC). */
export const COBALT_END_MEMBERS: readonly EndMemberModel[] = [
  { name: "Co3+", baseline: 0.3, peaks: [[779.8, 0.45, 0.56], [781.6, 0.6, 0.14], [795.0, 1.0, 0.21]], steps: [[780.0, 0.8, 0.07], [795.0, 0.8, 0.035]] },
  { name: "Co4+", baseline: 0.3, peaks: [[780.4, 0.5, 0.49], [782.0, 0.6, 0.193], [795.5, 1.0, 0.21]], steps: [[780.5, 0.8, 0.07], [795.5, 0.8, 0.035]] },
  { name: "carbon/binder", baseline: 0.1, peaks: [], steps: [] },
];

/** Ni L3 end members: Ni2+ (852.9 eV), Ni4+ (855.1 eV), carbon/binder (resonant peaks weaker than Mn: less Ni in LMR-NMC). */
export const NICKEL_END_MEMBERS: readonly EndMemberModel[] = [
  { name: "Ni2+", baseline: 0.3, peaks: [[852.9, 0.4, 0.75], [854.8, 0.5, 0.225], [870.0, 0.8, 0.35]], steps: [[853.0, 0.8, 0.1], [870.0, 0.8, 0.05]] },
  { name: "Ni4+", baseline: 0.3, peaks: [[853.0, 0.4, 0.175], [855.1, 0.5, 0.65], [871.5, 0.8, 0.35]], steps: [[853.5, 0.8, 0.1], [871.0, 0.8, 0.05]] },
  { name: "carbon/binder", baseline: 0.1, peaks: [], steps: [] },
];
