/**
 * The simulated beamline: seeded, reproducible STXM series with a known ground truth.
 *
 * @example
 * const { samples, truth } = simulateOxygenPlateau({ seed: 1 });
 * @module
 */
export { createRng, type Rng } from "../linalg/createRng";
export {
  evaluateEndMember,
  sampleEndMember,
  OXYGEN_END_MEMBERS,
  MANGANESE_END_MEMBERS,
  COBALT_END_MEMBERS,
  NICKEL_END_MEMBERS,
  type EndMemberModel,
} from "./spectra";
export { simulateOxygenPlateau, oxygenPlateauEnergies, type OxygenPlateauOptions } from "./simulateOxygenPlateau";
export { simulateTransitionMetalSeries, transitionMetalEnergies, type TransitionMetalOptions } from "./simulateTransitionMetalSeries";
export type { SimulatedSample, SimulatedSeries, SampleTruth, SeriesTruth } from "./types";
export { writeSimulatedSeries, type WriteSimulatedSeriesOptions, type WrittenSeries } from "./writeSimulatedSeries";
export { simulateOxygenCycle, mixEndMembers, OXYGEN_CYCLE_END_MEMBERS, OXYGEN_CYCLE_STATES, type OxygenCycleOptions, type OxygenCycleState } from "./simulateOxygenCycle";
export * from "./truthOnTable";
export { loadSimulatedSeries, type LoadedSimulatedSeries } from "./loadSimulatedSeries";
