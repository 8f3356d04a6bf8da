/**
 * `edgeworks/diffraction` — crystallographers' values with uncertainties, Rietveld-result tables,
 * readers of refinement outputs (GSAS-II, TOPAS, FullProf) and CIF, space groups, and powder
 * patterns calculated from a structure (X-ray and neutron). Re-exports only.
 * @module
 */
export * from "./diffraction/index";
