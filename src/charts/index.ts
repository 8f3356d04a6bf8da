/**
 * Chart builders: pure functions from data or results to vega-lite 5 specs (data inline), plus
 * the PNG encoder. Re-exports only.
 * @module
 */
export * from "./scatter-spec";
export * from "./encode-png";
export * from "./screeSpec";
export * from "./spectraSpec";
export * from "./scoreScatterSpec";
export * from "./lcfSpec";
export * from "./histogramBins";
export * from "./histogramSpec";
export * from "./blockAverage";
export * from "./mapSpec";
export * from "./mapsGridSpec";
export * from "./xySpec";
export * from "./palette";
export * from "./panelsSpec";
export * from "./trendSpec";
export * from "./cyclerProfilesSpec";
export * from "./dqdvSpec";
export * from "./demsSpec";
export * from "./demsCumulativeSpec";
export * from "./xasNormSpec";
export * from "./xasChiKSpec";
export * from "./xasChiRSpec";
export * from "./powderPatternSpec";
export * from "./rixsMapSpec";
export * from "./rixsMapsSpec";
export * from "./rixsCutsSpec";
export * from "./rixsFeatureSpec";
export * from "./rixsFrameSpec";
