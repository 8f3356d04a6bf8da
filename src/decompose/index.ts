/**
 * edgeworks/decompose — PCA, NMF, end members (from selections and automatic), per-pixel
 * NNLS unmixing and linear combination fitting.
 * @module
 */
export * from "./pca";
export * from "./nmf";
export * from "./nmfAsync";
export * from "./endmemberFromPixels";
export * from "./vca";
export * from "./suggestEndmembers";
export * from "./nnls";
export * from "./nnlsPixels";
export * from "./amountFractions";
export * from "./lcf";
export * from "./lcfAll";
