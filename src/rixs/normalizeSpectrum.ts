/**
 * Normalisation of an integrated spectrum by the incident flux and the exposure time.
 * @module
 */

/**
 * Divide counts by the exposure (s) and by I₀ relative to a reference I₀:
 * `values = counts / exposure / (i0 / i0Reference)`. With `i0Reference` the scan's mean I₀ the
 * result stays in counts per second at average flux.
 *
 * @param counts - integrated counts per emission pixel.
 * @param i0 - the frame's I₀ (> 0).
 * @param exposure - the frame's exposure in seconds (> 0).
 * @param i0Reference - the I₀ the result is scaled to. @default 1
 * @returns a new array, counts / s / (I₀ / i0Reference).
 * @throws RangeError when i0, exposure or i0Reference is not positive and finite.
 * @example
 * normalizeSpectrum(Float64Array.of(120, 240), 2e7, 60, 1e7); // [1, 2]
 */
export function normalizeSpectrum(counts: Float64Array, i0: number, exposure: number, i0Reference = 1): Float64Array {
  for (const [k, v] of [["i0", i0], ["exposure", exposure], ["i0Reference", i0Reference]] as const) {
    if (!(v > 0) || !Number.isFinite(v)) throw new RangeError(`normalizeSpectrum: ${k} must be a positive number, got ${v}`);
  }
  const f = i0Reference / (i0 * exposure);
  const out = new Float64Array(counts.length);
  for (let i = 0; i < out.length; i++) out[i] = counts[i] * f;
  return out;
}
