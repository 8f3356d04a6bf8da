/**
 * The edge position at a fraction of the normalised step ("half step"), as the papers quote it.
 * @module
 */
import { checkOptions } from "../util/checkOptions";
import type { Spectrum } from "../types/spectrum";
import { checkFinite, checkMu } from "./checkMu";
import { preEdge, type PreEdgeOptions, type PreEdgeResult } from "./preEdge";

/** Options of {@link edgePosition}. */
export interface EdgePositionOptions {
  /** Fraction of the edge step, in (0, 1). Default 0.5 (half step; Athena's bkg_e0_fraction). */
  fraction?: number;
  /** Normalisation options when a raw μ(E) is given (ignored for a {@link PreEdgeResult}). */
  preEdge?: PreEdgeOptions;
  /** Search from this energy (eV) upwards. Default: E0 − 30 eV of the normalisation (so a pre-edge peak is not taken). */
  from?: number;
}

/**
 * The energy at which the normalised μ first reaches `fraction` of the edge step (linear
 * interpolation between the bracketing points) — the "edge position at half step" of
 * Xu 2018 (Ru K: 22126.8 eV pristine, 22128.5 eV charged). Not larch's E0 (the derivative maximum).
 *
 * @param x - a raw μ(E) (normalised here with `options.preEdge`) or a {@link PreEdgeResult}.
 * @param options - {@link EdgePositionOptions}.
 * @returns the energy in eV.
 * @throws RangeError when the normalised μ never reaches the fraction above `from`.
 * @example
 * const half = edgePosition(preEdge(sample), { fraction: 0.5 }); // eV
 */
export function edgePosition(x: Spectrum | PreEdgeResult, options: EdgePositionOptions = {}): number {
  const fn = "edgePosition";
  checkOptions(fn, options, ["fraction", "preEdge", "from"]);
  const frac = checkFinite(fn, "option fraction", options.fraction ?? 0.5);
  if (!(frac > 0 && frac < 1)) throw new RangeError(`${fn}: option fraction must lie in (0, 1), got ${frac}`);
  const r: PreEdgeResult = "norm" in x && "params" in x ? x : preEdge(checkMu(fn, "mu", x, 10), options.preEdge);
  const { energies: e, values: y } = r.norm;
  const from = options.from === undefined ? r.e0 - 30 : checkFinite(fn, "option from", options.from);
  let i = 0;
  while (i < e.length && e[i] < from) i++;
  for (; i + 1 < e.length; i++) {
    if (y[i] < frac && y[i + 1] >= frac) return e[i] + ((frac - y[i]) / (y[i + 1] - y[i])) * (e[i + 1] - e[i]);
    if (y[i] >= frac && i === 0) return e[0];
  }
  throw new RangeError(`${fn}: the normalised μ never crosses ${frac} of the edge step above ${from} eV${r.mu.name ? ` ("${r.mu.name}")` : ""}`);
}
