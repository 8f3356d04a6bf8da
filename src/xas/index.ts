/**
 * XAS: readers, normalisation, edges, calibration, LCF, EXAFS.
 * @module
 */
export type { XasScan } from "./scan";
