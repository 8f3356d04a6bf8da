/**
 * The physics of the simulated O K-edge RIXS maps (Xu et al. 2018 Fig. 5, Gent et al. 2017 S12,
 * Li et al. S17): elastic line at emission = excitation, TM–O fluorescence stripes near 525 eV
 * emission following the pre-edge absorption, and the oxidised-oxygen feature at 530.8 eV
 * excitation / 523.75 eV emission in charged Li-rich LNMO only.
 * @module
 */

/** Materials of the simulated RIXS series: Xu et al. 2018's LNMO and LNRO, and Li et al.'s Li1.2Ni0.4Ru0.4O2. */
export type RixsMaterial = "LNMO" | "LNRO" | "Li1.2Ni0.4Ru0.4O2";
/** Electrochemical states of the simulated RIXS series (first cycle). */
export type RixsState = "pristine" | "4.5 V" | "4.8 V" | "2.0 V";

/** The materials and states simulated, in order (`writeRixsSeries` writes the first two by default). */
export const RIXS_MATERIALS: readonly RixsMaterial[] = ["LNMO", "LNRO", "Li1.2Ni0.4Ru0.4O2"];
export const RIXS_STATES: readonly RixsState[] = ["pristine", "4.5 V", "4.8 V", "2.0 V"];

/** The planted oxidised-oxygen feature (eV). */
export const RIXS_FEATURE = { excitation: 530.8, emission: 523.75, fwhmExcitation: 0.5, fwhmEmission: 0.45 } as const;

/** Model parameters of one map (relative intensities; 1 = the TM–O fluorescence maximum of pristine LNMO at its t2g peak). */
export interface RixsModel {
  /** Pre-edge peaks: centre (eV), FWHM (eV), weight. */
  readonly preEdge: readonly { centre: number; fwhm: number; weight: number }[];
  /** Edge step: centre, width (eV), height. */
  readonly edge: { centre: number; width: number; height: number };
  /** Fluorescence emission bands: centre, FWHM (eV), weight. */
  readonly emission: readonly { centre: number; fwhm: number; weight: number }[];
  /** Elastic line: base strength, strength per unit absorption, FWHM (eV). */
  readonly elastic: { base: number; perAbsorption: number; fwhm: number };
  /** Amplitude of the 523.75 eV feature (0 = absent), relative to the fluorescence maximum. */
  readonly feature: number;
}

const g = (x: number, c: number, fwhm: number): number => Math.exp(-4 * Math.LN2 * ((x - c) / fwhm) ** 2);

/**
 * The model of a material in a state: LNMO (Li1.2Ni0.2Mn0.6O2) has Mn/Ni–O t2g and eg pre-edge
 * peaks (529.3, 531.6 eV) that grow on charge (plus a Ni⁴⁺ shoulder at 527.8 eV) and the 530.8 /
 * 523.75 eV feature at 4.5 V (0.25) and 4.8 V (0.4), gone at 2.0 V; LNRO (Li1.2Ni0.2Ru0.6O2) has
 * broader Ru–O hybridisation peaks, changes on charge, and no feature; Li1.2Ni0.4Ru0.4O2 (Li et
 * al.) has Ni/Ru–O peaks that broaden on charge and the feature at 4.5 V (0.2) and 4.8 V (0.3).
 *
 * @example
 * rixsModel("LNMO", "4.8 V").feature; // 0.4
 */
export function rixsModel(material: RixsMaterial, state: RixsState): RixsModel {
  if (!RIXS_MATERIALS.includes(material)) throw new RangeError(`rixsModel: material must be one of ${RIXS_MATERIALS.join(", ")}, got ${JSON.stringify(material)}`);
  if (!RIXS_STATES.includes(state)) throw new RangeError(`rixsModel: state must be one of ${RIXS_STATES.join(", ")}, got ${JSON.stringify(state)}`);
  const charged = state === "4.5 V" || state === "4.8 V";
  const level = state === "4.8 V" ? 1 : state === "4.5 V" ? 0.7 : state === "2.0 V" ? 0.15 : 0;
  const emission = [{ centre: 525.0, fwhm: 2.6, weight: 1 }, { centre: 522.4, fwhm: 2.4, weight: 0.35 }];
  const edge = { centre: 534.6, width: 0.9, height: 1.1 };
  const elastic = { base: 0.25, perAbsorption: 0.35, fwhm: 0.35 };
  if (material === "LNMO") {
    return {
      preEdge: [
        { centre: 529.3, fwhm: 1.0, weight: 1 + 0.3 * level },
        { centre: 531.6, fwhm: 1.2, weight: 0.6 + 0.15 * level },
        { centre: 527.8, fwhm: 0.8, weight: 0.25 * level },
      ],
      edge, emission, elastic,
      feature: state === "4.8 V" ? 0.4 : state === "4.5 V" ? 0.25 : 0,
    };
  }
  if (material === "Li1.2Ni0.4Ru0.4O2") {
    return {
      preEdge: [
        { centre: 529.1, fwhm: 1.2 + 0.4 * level, weight: 1.05 + 0.3 * level },
        { centre: 531.7, fwhm: 1.4 + 0.3 * level, weight: 0.55 + 0.15 * level },
      ],
      edge, emission: [{ centre: 525.0, fwhm: 2.6 + 0.5 * level, weight: 1 }, emission[1]], elastic,
      feature: state === "4.8 V" ? 0.3 : state === "4.5 V" ? 0.2 : 0,
    };
  }
  return {
    preEdge: [
      { centre: 529.0, fwhm: 1.4, weight: 1.1 + 0.2 * level },
      { centre: 531.8, fwhm: 1.5, weight: 0.55 + (charged ? 0.1 : 0) },
    ],
    edge, emission, elastic, feature: 0,
  };
}

/** Absorption (pre-edge peaks + edge step) at excitation `e` (eV). */
export function rixsAbsorption(m: RixsModel, e: number): number {
  let a = 0;
  for (const p of m.preEdge) a += p.weight * g(e, p.centre, p.fwhm);
  return a + m.edge.height * 0.5 * (1 + Math.tanh((e - m.edge.centre) / m.edge.width));
}

/**
 * RIXS intensity (relative units per eV of emission) at excitation `ein` and emission `eem` (eV).
 * @example
 * rixsIntensity(rixsModel("LNMO", "4.8 V"), 530.8, 523.75);
 */
export function rixsIntensity(m: RixsModel, ein: number, eem: number): number {
  const a = rixsAbsorption(m, ein);
  let f = 0;
  for (const b of m.emission) f += b.weight * g(eem, b.centre, b.fwhm);
  const el = (m.elastic.base + m.elastic.perAbsorption * a) * g(eem, ein, m.elastic.fwhm) * 2.5;
  const feat = m.feature * g(ein, RIXS_FEATURE.excitation, RIXS_FEATURE.fwhmExcitation) * g(eem, RIXS_FEATURE.emission, RIXS_FEATURE.fwhmEmission);
  return a * f + el + feat;
}
