/**
 * Cuts of several RIXS maps at one excitation energy, overlaid (Li et al. Supplementary Fig. 17).
 * @module
 */
import { rixsCut } from "../rixs/rixsCut";
import type { RixsMap } from "../rixs/rixsMap";
import { spectraSpec } from "./spectraSpec";
import { checkOptions } from "./util";

/** Options of {@link rixsCutsSpec}. */
export interface RixsCutsSpecOptions {
  /** Excitation energy of the cuts, eV. @default 531 */
  excitation?: number;
  /** Full width (eV) of excitation averaged. @default 0 (interpolated) */
  width?: number;
  /** Emission range drawn. @default [518, 530] */
  emissionRange?: [number, number];
  /** Emission energies marked by dashed rules. @default [523.75] */
  highlight?: number[];
  /** Vertical offset between cuts (map units). @default 0 */
  offset?: number;
  /** Chart title. @default "Emission at <excitation> eV excitation" */
  title?: string;
  /** Names of the cuts. @default the maps' names */
  names?: readonly string[];
}

/**
 * Overlay the emission cuts of several maps at one excitation energy (e.g. 531 eV), each on its
 * own calibrated emission axis, with the 523.75 eV feature marked.
 *
 * @param maps - calibrated maps.
 * @param options - {@link RixsCutsSpecOptions}.
 * @returns a vega-lite spec (as `spectraSpec`).
 * @example
 * const spec = rixsCutsSpec(results.map((r) => r.map), { excitation: 531, offset: 20 });
 */
export function rixsCutsSpec(maps: readonly RixsMap[], options: RixsCutsSpecOptions = {}): Record<string, unknown> {
  const fn = "rixsCutsSpec";
  checkOptions(fn, options, ["excitation", "width", "emissionRange", "highlight", "offset", "title", "names"]);
  if (!Array.isArray(maps) || maps.length === 0) throw new RangeError(`${fn}: expected at least one map`);
  if (options.names && options.names.length !== maps.length) throw new RangeError(`${fn}: option names has ${options.names.length} names for ${maps.length} maps`);
  const excitation = options.excitation ?? 531;
  const cuts = maps.map((m, i) => ({ ...rixsCut(m, { excitation, width: options.width ?? 0 }), name: options.names?.[i] ?? m.name }));
  return spectraSpec(cuts, {
    xLabel: "Emission energy (eV)", yLabel: `Intensity (${maps[0].unit})${options.offset ? " (offset)" : ""}`,
    energyRange: options.emissionRange ?? [518, 530], highlight: options.highlight ?? [523.75], offset: options.offset ?? 0,
    title: options.title ?? `Emission at ${excitation} eV excitation`,
  });
}
