/**
 * The data model: stacks (energy × y × x), matrices that carry their shape and named dimensions,
 * spectra and sets of spectra, the pixel table and per-pixel maps. Re-exports only.
 * @module
 */
export * from "./stack";
export { matrix, rowOf, columnOf, type Matrix, type Dim } from "./matrix";
export { makeSpectrum, valueAt, resample, type Spectrum, type Interpolation } from "./spectrum";
export {
  makeSpectra, spectrumOf, spectraList, spectraFrom, selectSpectra, concatEnergies, markerScore, spectraOrder, orderSpectra,
  type Spectra, type SpectraInit, type MarkerScore, type OrderSpectraOptions,
} from "./spectra";
export { makePixelTable, toImages, fromImages, selectRows, isPixelTable, type PixelTable, type PixelTableSample, type PixelTableInit, type SampleImage } from "./pixel-table";
export { pixelMaps, type PixelMaps, type SampleMaps } from "./pixelMaps";
