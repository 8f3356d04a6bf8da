/**
 * Normalised μ(E) of several XAS spectra, with their edge positions marked.
 * @module
 */
import type { Spectrum } from "../types/spectrum";
import type { ChartColors } from "./palette";
import { checkFinite, checkOptions, checkRange } from "./util";
import { xasLinesSpec } from "./xasLines";

/** Options of {@link xasNormSpec}. */
export interface XasNormSpecOptions {
  /** Edge positions by spectrum name (eV), drawn as points on the curves (e.g. the half-step energies). */
  edges?: Readonly<Record<string, number>>;
  /** The y value the edge points sit at. @default 0.5 (half step) */
  edgeLevel?: number;
  /** Energies marked by dashed rules with a label, e.g. `[{ energy: 22117, label: "Ru foil 22117 eV" }]`. */
  rules?: readonly { energy: number; label: string }[];
  /** Only energies in [lo, hi] eV. @default all */
  energyRange?: [number, number];
  /** Vertical offset between successive spectra. @default 0 */
  offset?: number;
  /** @default "Normalised μ(E)" */
  yLabel?: string;
  title?: string;
  colors?: ChartColors;
  /** Plot size, px. @default 460 (less with a wide legend; the figure stays ≤ 900 px) × 300 */
  width?: number;
  height?: number;
}

/**
 * A vega-lite chart of normalised μ(E) (e.g. `preEdge(mu).norm`) for several spectra, with the
 * edge position of each marked by a point at `edgeLevel` (the half-step energies of Xu 2018 Fig. 6a)
 * and optional labelled rules (a calibration energy).
 *
 * @param spectra - normalised spectra, each with a unique `name` (energies in eV).
 * @param options - {@link XasNormSpecOptions}.
 * @returns a vega-lite 5 spec (data inline: fields x = energy, y, raw, name).
 * @throws RangeError for repeated names, an edge for an unknown spectrum, or bad options.
 * @example
 * const spec = xasNormSpec([p.norm, c.norm], { edges: { "LNRO pristine": 22126.8, "LNRO 4.8 V": 22128.5 }, energyRange: [22080, 22200] });
 */
export function xasNormSpec(spectra: readonly Spectrum[], options: XasNormSpecOptions = {}): Record<string, unknown> {
  const fn = "xasNormSpec";
  checkOptions(fn, options, ["edges", "edgeLevel", "rules", "energyRange", "offset", "yLabel", "title", "colors", "width", "height"]);
  if (!Array.isArray(spectra) || spectra.length === 0) throw new TypeError(`${fn}: spectra must be a non-empty array of Spectrum`);
  const lines = spectra.map((s, i) => ({ name: s.name || String(i + 1), x: s.energies, y: s.values }));
  const level = checkFinite(fn, "option edgeLevel", options.edgeLevel ?? 0.5);
  const names = new Set(lines.map((l) => l.name));
  const points = Object.entries(options.edges ?? {}).map(([name, e]) => {
    if (!names.has(name)) throw new RangeError(`${fn}: option edges names "${name}", which is not one of the spectra (${[...names].join(", ")})`);
    return { name, x: checkFinite(fn, `edges["${name}"]`, e), y: level, label: `${name}: ${e.toFixed(2)} eV` };
  });
  return xasLinesSpec(fn, lines, {
    xLabel: "Energy (eV)", yLabel: options.yLabel ?? `Normalised μ(E)${options.offset ? " (offset)" : ""}`,
    xRange: options.energyRange === undefined ? undefined : checkRange(fn, "option energyRange", options.energyRange),
    offset: checkFinite(fn, "option offset", options.offset ?? 0), title: options.title, colors: options.colors, width: options.width, height: options.height,
    points, rules: (options.rules ?? []).map((r) => ({ x: checkFinite(fn, "rules[].energy", r.energy), label: String(r.label) })),
  });
}
