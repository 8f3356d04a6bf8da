/**
 * One CCD frame as a raster image, rows (emission pixels) upwards.
 * @module
 */
import type { CcdFrame } from "../rixs/ccdFrame";
import { makeRixsMap } from "../rixs/rixsMap";
import { rixsMapSpec, type RixsMapSpecOptions } from "./rixsMapSpec";

/** Options of {@link rixsFrameSpec}: those of the map chart but markers, elastic line and emission range. */
export type RixsFrameSpecOptions = Omit<RixsMapSpecOptions, "markers" | "elasticLine" | "emissionRange">;

/**
 * A vega-lite chart of a CCD frame drawn as a PNG raster (one image pixel per detector pixel):
 * columns to the right, rows (the emission axis) upwards, colour scale by percentiles or domain,
 * masked (NaN) pixels transparent — to look at the elastic line's curvature, cosmic rays and
 * saturation before and after each step.
 *
 * @param frame - a {@link CcdFrame}.
 * @param options - {@link RixsFrameSpecOptions}.
 * @returns a vega-lite spec.
 * @example
 * await show(rixsFrameSpec(readTiffFrames("frame.tif")[0], { domain: [95, 160] }));
 */
export function rixsFrameSpec(frame: CcdFrame, options: RixsFrameSpecOptions = {}): Record<string, unknown> {
  if (!frame || !(frame.data instanceof Float64Array)) throw new TypeError("rixsFrameSpec: frame must be a CcdFrame (from readTiffFrames / readNexusFrames)");
  const rows = Float64Array.from({ length: frame.nRows }, (_, i) => i);
  const cols = Float64Array.from({ length: frame.nCols }, (_, j) => j);
  const m = makeRixsMap(frame.data, rows, cols, "pixel", "counts", frame.source);
  return rixsMapSpec(m, { xLabel: "column (pixel)", yLabel: "row = emission (pixel)", legendTitle: "counts", ...options });
}
