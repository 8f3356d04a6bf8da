/**
 * edgeworks/decompose — PCA, NMF, end members (from selections and automatic), per-pixel
 * NNLS unmixing and linear combination fitting. Every function takes a {@link Matrix} (a
 * PixelTable, Spectra or `{ data, nRows, nCols }`) and returns a result that knows its shapes.
 * @module
 */
export { pca, pcaTransform, pcaInverse, type PcaOptions, type PcaSuggestion, type PcaResult } from "./pca";
export { nmf, type NmfOptions, type NmfResult, type NmfIterationInfo } from "./nmf";
export { nmfAsync, type NmfAsyncOptions } from "./nmfAsync";
export { endmemberFromPixels, type Endmember } from "./endmemberFromPixels";
export { vca, type VcaOptions, type VcaResult } from "./vca";
export { suggestEndmembers, orderEndmembers, endmembersFromGroups, type SuggestEndmembersOptions, type Endmembers } from "./suggestEndmembers";
export { nnls, type NnlsOptions, type NnlsResult } from "./nnls";
export { nnlsPixels, type NnlsPixelsOptions, type NnlsPixelsResult } from "./nnlsPixels";
export { amountFractions, signalPerAmount } from "./amountFractions";
export { lcf, lcfArrays, type LcfOptions, type LcfArrayOptions, type LcfFit, type LcfResult } from "./lcf";
export { lcfAll, type LcfAllOptions, type LcfCombination } from "./lcfAll";
