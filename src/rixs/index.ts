/**
 * RIXS: scan tables and CCD frames to calibrated maps and cuts.
 * @module
 */
export {};
export { type CcdFrame } from "./ccdFrame";
export { encodeTiff, type TiffPage, type TiffSampleType, type EncodeTiffOptions } from "./encodeTiff";
export { readTiffFrames, type ReadTiffFramesOptions } from "./readTiffFrames";
export { readScanTable, type ReadScanTableOptions, type ScanColumns, type ScanRow, type ScanTable } from "./readScanTable";
export { readNexusFrames, type ReadNexusFramesOptions, type NexusFrames } from "./readNexusFrames";
export { fitPeak, type FitPeakOptions, type PeakFit } from "./fitPeak";
export { maskSaturated, type MaskSaturatedOptions, type SaturatedResult, type PixelPosition } from "./maskSaturated";
export { subtractDark, type SubtractDarkOptions, type DarkResult, type DetectorRegion } from "./subtractDark";
export { removeCosmicRays, type CosmicRayOptions, type CosmicRayResult, type CosmicHit } from "./removeCosmicRays";
export { curvatureShifts, type Curvature } from "./curvature";
export { fitCurvature, combineCurvatures, type FitCurvatureOptions, type CurvatureFit, type CurvaturePoint } from "./fitCurvature";
export { correctCurvature, type CorrectedFrame } from "./correctCurvature";
export { integrateFrame, type IntegrateFrameOptions, type IntegratedFrame } from "./integrateFrame";
export { normalizeSpectrum } from "./normalizeSpectrum";
export { type RixsMap } from "./rixsMap";
export { stackRixsMap, type StackRixsMapOptions } from "./stackRixsMap";
export { calibrateEmission, applyEmissionCalibration, type CalibrateEmissionOptions, type EmissionCalibration, type ElasticPoint } from "./calibrateEmission";
export { rixsCut, type RixsCutOptions } from "./rixsCut";
export { featureIntensity, type FeatureIntensityOptions, type FeatureIntensity } from "./featureIntensity";
export { findFeature, type FindFeatureOptions, type FeatureFit } from "./findFeature";
export { processRixsScan, type ProcessRixsScanOptions, type FrameDiagnostics, type RixsScanResult } from "./processRixsScan";
