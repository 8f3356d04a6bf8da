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
export { parseCif, cifColumn, cifLoopOf, type CifBlock, type CifLoop, type CifValue } from "./cifSyntax";
export { cifNumber, type CifNumber } from "./cifNumber";
export { cifBlockToStructure, isStructureBlock } from "./cifStructure";
export { readCif, readCifStructure, parseCifStructures, type ReadCifOptions } from "./cifRead";
export { parseOperation, formatOperation, multiplyOperations, applyOperation, closeGroup, IDENTITY, type SymmetryOperation } from "./symmetry/operation";
export { hallGenerators, operationsFromHall } from "./symmetry/hall";
export { spaceGroup, spaceGroupFromHall, spaceGroupFromOperations, operationStrings, type SpaceGroup } from "./symmetry/spaceGroup";
export { SPACE_GROUP_SETTINGS, type SpaceGroupSetting } from "./symmetry/spaceGroupSettings";
export { spaceGroupOf } from "./symmetry/spaceGroupOf";
export { expandSites, type CellAtom, type UnitCellContents, type ExpandSitesOptions } from "./symmetry/expandSites";
export { cellVolume, dSpacing, metricTensor, reciprocalMetric, fractionalDistance, checkCell } from "./symmetry/lattice";
export { ATOMIC_NUMBERS, parseSpecies, elementOf, typeSymbolCase, type SpeciesSymbol } from "./elements";
export { FORM_FACTOR_COEFFICIENTS, xrayFormFactor } from "./formFactor";
export { NEUTRON_SCATTERING_LENGTHS, neutronScatteringLength } from "./scatteringLength";
export { WAVELENGTHS, resolveWavelength, type Wavelength } from "./powderWavelength";
export { laueRotations, equivalentHkls, representativeHkl, hklLabel, type Hkl } from "./powderHkl";
export { powderPattern, type PowderPattern, type PowderPatternOptions, type Reflection, type PowderPeak } from "./powderPattern";
export { powderProfile, type PowderProfile, type PowderProfileOptions } from "./powderProfile";
export { findReflection, intensityRatio } from "./powderRatio";
export { parseTopasOut, readTopasOut, type TopasOutOptions } from "./topasOut";
export { parseFullprofSum, readFullprofSum, type FullprofSumOptions } from "./fullprofSum";
