/**
 * `edgeworks/xas` — X-ray absorption spectra: readers for what beamlines write (XDI, column
 * text, SPEC, Athena projects), larch-grade normalisation, edge positions, calibration to a
 * reference foil, XANES linear combination fitting and EXAFS. Re-exports only.
 * @module
 */
export * from "./xas/index";
