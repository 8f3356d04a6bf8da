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
export { rixsModel, rixsAbsorption, rixsIntensity, RIXS_MATERIALS, RIXS_STATES, RIXS_FEATURE, type RixsMaterial, type RixsState, type RixsModel } from "./rixsModel";
export { simulateRixsScan, type SimulateRixsScanOptions, type SimulatedRixsScan, type RixsScanTruth, type PlantedCosmic } from "./rixsScan";
export { writeRixsScan, type WriteRixsScanOptions, type WrittenRixsScan } from "./writeRixsScan";
export { LNMO_XU2018, LNRO_XU2018, LNRO_LI_S10, modelPeakVoltages, type CellModel, type HalfCycleModel, type DqdvPeakModel } from "./electrochemModels";
export { simulateCycler, type SimulateCyclerOptions, type GittProtocol, type CyclerTruth, type HalfCycleTruth } from "./electrochemCycler";
export { formatMpt, writeMpt, type WriteMptOptions } from "./electrochemMpt";
export { simulateDems, type SimulateDemsOptions, type GasModel, type DemsTruth, type SimulatedMs } from "./demsSimulate";
export { formatDemsCsv, writeDemsCsv } from "./demsCsv";
export { LNMO_DEMS_XU2018, LNRO_DEMS_XU2018, LNMO_GASES_XU2018, LNRO_GASES_XU2018, LI_S18_GASES, LI_S18_CELL } from "./demsModels";
export { xasChi, xasMu, xasNormalized, halfStepEnergy, placeHalfStep, type XasModel, type XasPeak, type XasShell } from "./xasModel";
export { xasScanGrid, writeXasSeries, xasFileStem, type SimulatedXasScan, type XasScanTruth, type SimulatedXasSeries, type WrittenXasSeries } from "./xasSeries";
export { simulateRuKSeries, type RuKSeriesOptions } from "./xasRuSeries";
export { writeRixsSeries, RIXS_SIMULATION_VERSION, type WriteRixsSeriesOptions, type WrittenRixsSeriesScan } from "./writeRixsSeries";
export { simulateSoftXasSeries, writeSoftXasSeries, niLAbsorption, oKAbsorption, NI_L_LINES, NI_FRACTIONS, SOFT_XAS_STATES, type SimulatedSoftScan, type SoftXasTruth } from "./xasSoftSeries";
export { simulateTmKSeries, TM_K_STATES } from "./xasTmKSeries";
export { simulateLiS16Series, LI_S16_STATES, LI_S16_PLANT, type LiS16State, type LiS16Plant, type LiS16SeriesOptions } from "./xasLiSeries";
export { simulateSonicationTey, writeSonicationTey, SONICATION_EDGES, SONICATION_SAMPLES, type SonicationEdge, type SonicationTeyOptions, type SonicationScan, type SonicationTruth } from "./xasSonicationSeries";
export { writeRixsCycle, rixsCycleModel, oxidisedOxygenShare, RIXS_CYCLE_FEATURE_PER_SHARE, type WriteRixsCycleOptions, type WrittenRixsCycleScan } from "./rixsCycle";
