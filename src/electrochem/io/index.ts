/**
 * Cycler file readers: BioLogic `.mpt` / `.mpr`, Neware `.nda` / `.ndax`, Maccor and Arbin text
 * exports, mapped CSV, and {@link readCycler} that recognises the format from the content.
 * @module
 */
export { CyclerFileError } from "./cyclerFileError";
export { readMpt, parseMpt, type ReadMptOptions } from "./readMpt";
export { readMpr, parseMpr, type ReadMprOptions } from "./readMpr";
export { readNda, parseNda, type ReadNdaOptions } from "./readNda";
export { readNdax, parseNdax, type ReadNdaxOptions } from "./readNdax";
export { NEWARE_STATES } from "./newareRecords";
export { MPR_DATA_COLUMNS, MPR_FLAG_COLUMNS, MPR_TECHNIQUES, type MprValueType } from "./mprColumns";
export type { BiologicColumnChoice } from "./biologicColumns";
export { unitFactor, type CyclerQuantity } from "./unitScale";
export { readMaccor, parseMaccor, type ReadMaccorOptions } from "./readMaccor";
export { readArbin, parseArbin, type ReadArbinOptions } from "./readArbin";
export { readCyclerCsv, parseCyclerCsv, type ReadCyclerCsvOptions, type CyclerCsvColumns, type CyclerCsvUnits } from "./readCyclerCsv";
export { readCycler, sniffCyclerFormat, type ReadCyclerOptions, type CyclerFormat } from "./readCycler";
