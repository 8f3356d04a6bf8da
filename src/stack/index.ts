/**
 * STXM preprocessing: I0, optical density, alignment, energy calibration, threshold masks,
 * average spectra, per-pixel normalisation, the pixel table and the noise filter.
 * Every verb returns new data and never changes its input.
 *
 * Typical order (Gent et al. 2017, Supplementary Methods): `extractI0` → `opticalDensity` →
 * `computeShifts` → `applyShifts` → `cropToCommon` → `energyOffset` + `applyEnergyOffset`
 * (onto a common grid) → `thresholdMask` / `averageSpectrum` → `normalizePixels` →
 * `toPixelTable` → `noiseFilter` → (decompose) → `toImages`.
 *
 * Memory: the verbs stream over energies with per-pixel accumulators and allocate only their
 * output, 8 bytes per value (Float64), so a pipeline holds two or three stack-sized arrays at
 * a time plus the pixel table (`toPixelTable` transposes a block of pixels at a time, about
 * 512 KiB of images; alignment works one image at a time, ~16 bytes per padded pixel per kept
 * spectrum). Measured with bench/stack.bench.ts (2026-12-03): 10⁶ pixels × 100 energies (400 MB
 * of Float32 counts) went through OD, alignment, normalisation, table and noise filter at a peak
 * RSS of 2.44 GiB, numpy's same steps at 2.74 GiB (0.80 GiB of it held before, the input
 * included: the steps added ~2.2 × 8 × pixels × energies bytes). Budget about 3 × 8 × pixels ×
 * energies bytes of RAM beyond the input; Float32 input and `opticalDensity(…, { output:
 * "float32" })` reduce it. Node itself allows typed arrays beyond 4 GiB, so RAM is the limit.
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
export { applyShifts, DEFAULT_SMOOTHING, type ApplyShiftsOptions, type Shifts, type ShiftMethod } from "./applyShifts";
export { cropToCommon, type CropResult, type CropToCommonOptions } from "./cropToCommon";
export { energyOffset, type EnergyOffsetOptions, type EnergyOffsetResult } from "./energyOffset";
export { applyEnergyOffset, type ApplyEnergyOffsetOptions, type ApplyEnergyOffsetResult } from "./applyEnergyOffset";
export { thresholdMask, type ThresholdMaskOptions, type ThresholdMaskResult } from "./thresholdMask";
export { averageSpectrum, type AverageSpectrumOptions, type AverageSpectrumResult } from "./averageSpectrum";
export { normalizePixels, type NormalizePixelsOptions, type NormalizePixelsResult } from "./normalizePixels";
export { toPixelTable, type PixelTableInput, type ToPixelTableOptions, type ToPixelTableResult } from "./toPixelTable";
export { noiseFilter, type NoiseFilterOptions, type NoiseFilterResult } from "./noiseFilter";
export { preprocessStack, type PreprocessStackOptions, type PreprocessStackResult, type AlignOptions } from "./preprocessStack";
export { normalizeSpectrum, type NormalizeSpectrumOptions } from "./normalizeSpectrum";
export { otsuThreshold, type OtsuThresholdOptions } from "./otsuThreshold";
export { preprocessSeries, type PreprocessSeriesOptions, type PreprocessSeriesResult, type SeriesSample } from "./preprocessSeries";
export { preprocessSeriesInBands, type PreprocessSeriesInBandsOptions, type PreprocessSeriesInBandsResult, type BandedSampleReport } from "./preprocessSeriesInBands";
export { commonRect } from "./cropToCommon";
export { readSeries, type SeriesEntry } from "./readSeries";
export { sampleMeans, summarizeBySample, type SampleSummaryRow } from "./sampleMeans";
export { quantile } from "./quantile";
export { averageSpectra, type AverageSpectraOptions, type AverageSpectraResult, type PixelLabels } from "./averageSpectra";
