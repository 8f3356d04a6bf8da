/**
 * STXM preprocessing: I0, optical density, alignment, energy calibration, threshold masks,
 * average spectra, per-pixel normalisation, the pixel table and the noise filter.
 * Every verb returns new data and never changes its input.
 *
 * @example
 * const od = opticalDensity(raw, { i0: extractI0(raw, { region }) }).stack;
 * const shifts = computeShifts(od);
 * const aligned = cropToCommon(applyShifts(od, shifts), shifts).stack;
 * const norm = normalizePixels(aligned, { background: [520, 526], area: [525, 535], brightness: [535, 560] });
 * @module
 */
export type { Rect, EnergyRange } from "./_util";
export { extractI0, type ExtractI0Options, type I0Result } from "./extractI0";
export { opticalDensity, type OpticalDensityOptions, type OpticalDensityResult } from "./opticalDensity";
export { computeShifts, type ComputeShiftsOptions, type ShiftResult } from "./computeShifts";
export { applyShifts, type ApplyShiftsOptions, type Shifts } from "./applyShifts";
export { cropToCommon, type CropResult } from "./cropToCommon";
export { energyOffset, type EnergyOffsetOptions, type EnergyOffsetResult, type SpectrumLike } from "./energyOffset";
export { applyEnergyOffset, type ApplyEnergyOffsetOptions, type ApplyEnergyOffsetResult } from "./applyEnergyOffset";
export { thresholdMask, type ThresholdMaskOptions, type ThresholdMaskResult } from "./thresholdMask";
export { averageSpectrum, type AverageSpectrumOptions, type AverageSpectrumResult } from "./averageSpectrum";
export { normalizePixels, type NormalizePixelsOptions, type NormalizePixelsResult } from "./normalizePixels";
export { toPixelTable, type PixelTableInput, type ToPixelTableOptions, type ToPixelTableResult } from "./toPixelTable";
export { noiseFilter, type NoiseFilterOptions, type NoiseFilterResult } from "./noiseFilter";
export { makePixelTable, toImages, selectRows, type PixelTable, type PixelTableSample, type PixelTableInit, type SampleImage } from "../types/pixel-table";
