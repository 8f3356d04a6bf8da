/**
 * Diffraction: value(esd), refinement tables and readers, CIF, space groups, powder patterns.
 * @module
 */
export type { Cell, Site, Structure } from "./structure";
export { measured, isMeasured, type Measured } from "./measured";
export { parseValueEsd, type ParseValueEsdOptions } from "./parseValueEsd";
export { formatValueEsd, formatMeasured, type FormatValueEsdOptions } from "./formatValueEsd";
export { addMeasured, subtractMeasured, multiplyMeasured, divideMeasured, scaleMeasured, type MeasuredLike } from "./measuredMath";
export { parseResultTable, readResultTable, type ResultTable, type ResultTableOptions, type ArqueroTable } from "./resultTable";
export { deriveMeasured, measuredColumn, withMeasuredColumn } from "./deriveMeasured";
export { formatResultTable, type FormatResultTableOptions } from "./formatResultTable";
export type { RefinementResult, RefinedPhase, RefinedSite, RefinedCell, RefinedHistogram, PhaseInHistogram } from "./refinementResult";
export { parseGsasLst, readGsasLst, type GsasLstOptions } from "./gsasLst";
