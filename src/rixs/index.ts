/**
 * RIXS: scan tables and CCD frames to calibrated maps and cuts.
 * @module
 */
export {};
