/**
 * `edgeworks/rixs` — RIXS maps from raw CCD frames: scan tables, TIFF and HDF5 frame readers,
 * dark subtraction, cosmic rays, curvature correction, integration, calibration, maps and cuts.
 * Re-exports only.
 * @module
 */
export * from "./rixs/index";
