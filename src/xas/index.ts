/**
 * XAS: readers, normalisation, edges, calibration, LCF, EXAFS.
 * @module
 */
export type { XasScan } from "./scan";
export { readXdi } from "./io/readXdi";
export type { ReadXdiOptions } from "./io/readXdi";
export { scanSpectrum } from "./scanSpectrum";
export type { ScanSpectrum, ScanSpectrumOptions, ScanMode } from "./scanSpectrum";
export * from "./kspace";
export * from "./findE0";
export * from "./preEdge";
export * from "./edgePosition";
export * from "./edges";
export * from "./calibrate";
export * from "./shiftEnergy";
export * from "./xanesLcf";
export * from "./ftWindow";
export * from "./xftf";
export * from "./autobk";
export * from "./athenaOptions";
export { readAthena } from "./io/readAthena";
export type { AthenaProject, AthenaGroup, AthenaParams } from "./io/readAthena";
export * from "./writeXdi";
export { readColumnFile } from "./io/readColumnFile";
export type { ReadColumnFileOptions } from "./io/readColumnFile";
export { readSpec } from "./io/readSpec";
export type { ReadSpecOptions } from "./io/readSpec";
export { readXas, sniffXasFormat } from "./io/readXas";
export type { ReadXasOptions, XasFormat, XasFormatGuess } from "./io/readXas";
export * from "./normalizeSoft";
