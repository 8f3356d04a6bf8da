/**
 * Map rendering: per-sample images from per-pixel results, the paper's HSV chemical maps,
 * colour-mapped PNGs and per-sample phase fractions. Re-exports only.
 * @module
 */
export * from "./hsvToRgb";
export * from "./hsvColorMap";
export * from "./hsvColorMapPng";
export * from "./hsvLegendPng";
export * from "./scaleImagePng";
export * from "./fractionMaps";
export * from "./residualMaps";
export * from "./phaseFractions";
export * from "./hsvMapsGridSpec";
