import { OXYGEN_END_MEMBERS, type EndMemberModel } from "./spectra";
import { simulateSeries, type SeriesConfig, type SeriesSampleSpec } from "./_series";
import type { SimulatedSeries } from "./types";
import { checkOptions } from "../util/checkOptions";

/** Options of {@link simulateOxygenPlateau}. */
export interface OxygenPlateauOptions {
  /**
   * Instead of capacities: named electrochemical states with the mean oxidised fraction (0–1) of
   * each, e.g. the second charge `[{ name: "3.65 V", level: 0.45 }, …]`. Default: none.
   */
  states?: readonly { name: string; level: number }[];
  /** Seed of every random choice (default 2017). */
  seed?: number;
  /** Capacities in mAh/g, one sample each (default the paper's 131, 179, 230, 257, 280, 311). */
  capacities?: readonly number[];
  /** Image size of each sample (default 83 × 150: 6 × 12,450 = 74,700 pixels, as the paper's matrix). */
  ny?: number;
  /** See `ny`. */
  nx?: number;
  /** Incident flux, counts per 1 ms dwell (default 20000, a 20 MHz detector count rate). */
  flux?: number;
  /** Largest |energy offset| per sample, eV (default 0.4). */
  maxOffset?: number;
  /** Largest |drift| along each axis, px (default 4). */
  maxDrift?: number;
}

/** The recorded energies of the O K plateau series: 50 points over 520–535 eV plus 7 post-edge points up to 560 eV (for brightness). */
export function oxygenPlateauEnergies(): Float64Array {
  const e: number[] = [];
  for (let i = 0; i < 50; i++) e.push(520 + (15 * i) / 49);
  e.push(536.5, 538, 540, 544, 548, 554, 560);
  return Float64Array.from(e);
}

/**
 * The simulated O K-edge plateau series of Gent et al. 2017 (Supplementary Figs. 15–17):
 * six samples along the first-charge plateau, each a stack of raw counts over 57 energies
 * (50 over the 520–535 eV pre-edge, 7 post-edge up to 560 eV), 83 × 150 pixels (74,700 in all).
 * Particles of varying thickness hold a mix of reduced and oxidised LMR-NMC whose oxidised
 * fraction rises with capacity (core level 0 at 131 → 1 at 311 mAh/g, ±0.08 per particle, clipped
 * to [0, 1], so the first and last samples hold pure reduced and pure oxidised cores)
 * and is lower at the surfaces (by up to 60 % within ~12 % of the radius); a carbon/binder
 * matrix surrounds them; a strip on the right is sample-free. Photon noise from a finite I0
 * spectrum (3000 counts per ms, with the optics' O contamination dip), a sub-pixel drift random walk
 * between energies and an energy offset per sample (±0.4 eV) are applied. Runs in about a second.
 *
 * @param options - {@link OxygenPlateauOptions}.
 * @returns in-memory stacks, session reference spectra and the ground truth.
 * @example
 * const { samples, truth } = simulateOxygenPlateau({ seed: 1 });
 * samples[0].stack.nE; // 57
 */
/** Check a `states` option: a non-empty list of { name, level } with level in [0, 1]. */
export function checkedStates(fn: string, states: readonly { name: string; level: number }[]): { name: string; level: number }[] {
  if (!Array.isArray(states) || states.length === 0) throw new RangeError(`${fn}: option "states" must be a non-empty list of { name, level }`);
  return states.map((st, i) => {
    if (typeof st?.name !== "string" || !(st.level >= 0 && st.level <= 1)) {
      throw new RangeError(`${fn}: states[${i}] must be { name: string, level: number in [0, 1] }, got ${JSON.stringify(st)}`);
    }
    return { name: st.name, level: st.level };
  });
}

export function simulateOxygenPlateau(options: OxygenPlateauOptions = {}): SimulatedSeries {
  checkOptions("simulateOxygenPlateau", options, ["seed", "capacities", "states", "ny", "nx", "flux", "maxOffset", "maxDrift"]);
  const capacities = options.capacities ?? [131, 179, 230, 257, 280, 311];
  const ny = options.ny ?? 83;
  const nx = options.nx ?? 150;
  if (!Number.isInteger(ny) || !Number.isInteger(nx) || ny < 32 || nx < 48) {
    throw new RangeError(`simulateOxygenPlateau: options "ny" and "nx" must be integers ≥ 32 and ≥ 48, got ${ny} and ${nx}`);
  }
  return simulateSeries(
    oxygenSeriesConfig(
      options,
      ny,
      nx,
      OXYGEN_END_MEMBERS,
      options.states
        ? checkedStates("simulateOxygenPlateau", options.states).map((st) => ({ name: st.name, capacity: null, state: st.name, level: st.level }))
        : capacities.map((c) => ({
            name: `${c} mAh/g`,
            capacity: c,
            state: null,
            level: Math.min(1, Math.max(0, (c - 131) / (311 - 131))),
          })),
    ),
  );
}

/**
 * The O K series configuration shared by `simulateOxygenPlateau` and `simulateOxygenCycle`
 * (scene, noise, drift; sizes in px).
 * @internal
 */
export function oxygenSeriesConfig(
  options: { seed?: number; flux?: number; maxOffset?: number; maxDrift?: number },
  ny: number,
  nx: number,
  members: readonly EndMemberModel[],
  samples: SeriesSampleSpec[],
): SeriesConfig {
  return {
    edge: "O",
    seed: options.seed ?? 2017,
    energies: oxygenPlateauEnergies(),
    members,
    samples,
    ny,
    nx,
    freeWidth: Math.max(16, Math.round(nx * 0.14)),
    particles: Math.round((ny * nx) / 150),
    rMin: 5,
    rMax: Math.min(18, ny / 4),
    tMin: 0.3,
    tMax: 1.4,
    activeScale: 1,
    levelSpread: 0.08,
    fraction: (level, depth) => Math.min(1, Math.max(0, level * (1 - 0.6 * Math.exp(-depth / 0.12)))),
    flux: options.flux ?? 20000,
    harmonic: 0.002,
    maxOffset: options.maxOffset ?? 0.4,
    driftStep: 0.3,
    driftLimit: options.maxDrift ?? 4,
    pixelSize: 0.04,
  };
}
