/**
 * Electrochemistry: cycler readers, cycles and capacities, dQ/dV, GITT, DEMS.
 * @module
 */
export type { CyclerData } from "./cyclerData";
export * from "./io/index";
export { splitHalfCycles, type HalfCycles, type HalfCycle, type CurrentRun, type CurrentKind, type SplitHalfCyclesOptions } from "./splitHalfCycles";
export { cycleCapacities, type CycleCapacities, type CycleCapacity, type HalfCycleCapacity, type CycleCapacitiesOptions } from "./cycleCapacities";
export { voltageProfiles, type VoltageProfile, type VoltageProfilesOptions } from "./voltageProfiles";
export { incrementalCapacity, type IncrementalCapacity, type IncrementalCapacityOptions } from "./incrementalCapacity";
export { dqdv, type DqdvCurve, type DqdvOptions } from "./dqdv";
export { dqdvPeaks, type DqdvPeak, type DqdvPeaksOptions } from "./dqdvPeaks";
export { ATOMIC_WEIGHTS } from "./atomicWeights";
export { parseFormula, molarMass } from "./parseFormula";
export { theoreticalCapacity, FARADAY, type TheoreticalCapacityOptions } from "./theoreticalCapacity";
export type { DemsRecord, GasRates } from "./demsRecord";
export { readDemsCsv, type ReadDemsCsvOptions } from "./readDemsCsv";
export { gasRates, type GasCalibration, type GasRatesOptions } from "./gasRates";
export { subtractBaseline, type BaselineResult, type SubtractBaselineOptions } from "./subtractBaseline";
export { cumulativeGas } from "./cumulativeGas";
export { gasOnset, type GasOnsetOptions } from "./gasOnset";
export { voltageAtTimes } from "./voltageAtTimes";
export { analyzeDems, type DemsAnalysis, type GasAnalysis, type AnalyzeDemsOptions } from "./analyzeDems";
export { oxygenLoss, type OxygenLoss, type OxygenLossOptions } from "./oxygenLoss";
export { gittPulses, gittDiffusion, type GittPulse, type GittPulsesOptions, type GittDiffusionOptions } from "./gittPulses";
