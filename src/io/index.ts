/**
 * STXM file readers and writers: ALS-style SDF `.hdr` + `.xim`, NeXus NXstxm (HDF5),
 * aXis2000 `.ncb` + `.dat`, Stony Brook `.stk`; all return {@link Stack}s `[nE, ny, nx]`.
 *
 * @module
 */
export { StxmFileError, DEFAULT_MAX_VALUES } from "./errors";
export { monitorOf, type StxmScan, type StxmFormat, type ReadOptions, type MonitorData } from "./scan";
export { parseSdfHeader, formatSdfHeader, type SdfValue, type SdfStruct, type SdfHeaderOptions } from "./sdfHeader";
export { parseXim, formatXim, type XimImage, type XimOptions } from "./xim";
export { parseSdf, readSdf, type SdfOptions, type SdfSelection } from "./sdf";
export { formatSdf, writeSdf, type SdfFiles, type SdfWriteOptions } from "./sdfWriter";
export { parseNxstxm, readNxstxm, type NxstxmOptions, type NxstxmSelect, type NxstxmKind, type SlotAxis, type NxstxmRange } from "./nxstxm";
export { hasHdf5Signature } from "./h5Signature";
export { writeNxstxm, encodeNxstxm, type NxstxmWriteOptions } from "./nxstxmWriter";
export { parseNcb, readNcb, formatNcb, type NcbOptions, type NcbWriteOptions } from "./ncb";
export { parseStk, readStk, formatStk, type StkOptions } from "./stk";
export { readStack, readStxm, detectStxmFormat, type ReadStackOptions, type StackSelection } from "./readStack";
export { parseUncertain, parseTable, readTable, type UncertainValue, type TextTable } from "./readTable";
export { dataFile } from "./dataFile";
export { openStack, stackSourceOf, isStackSource, type StackSource, type StackRect } from "./stackSource";
