/**
 * How much of a map lies in a window around a feature (e.g. 530.8 eV excitation / 523.75 eV emission).
 * @module
 */
import { checkOptions } from "../util/checkOptions";
import { checkMap, type RixsMap } from "./rixsMap";

/** Options of {@link featureIntensity}. */
export interface FeatureIntensityOptions {
  /** Excitation window `[lo, hi]`, eV. */
  excitation: readonly [number, number];
  /** Emission window `[lo, hi]`, eV. */
  emission: readonly [number, number];
}

/** The intensity in a window of a map. */
export interface FeatureIntensity {
  /** Mean value of the map points inside the window. */
  readonly mean: number;
  /** Sum of them. */
  readonly sum: number;
  /** Number of map points (rows × columns) inside. */
  readonly points: number;
  /** Rows and columns inside. */
  readonly rows: number;
  readonly columns: number;
  /** NaN points left out. */
  readonly masked: number;
}

/**
 * The mean (and sum) of a map inside an excitation × emission window — the quantity papers plot
 * against state of charge for the oxidised-oxygen feature.
 *
 * @param map - a calibrated {@link RixsMap}.
 * @param options - the window, {@link FeatureIntensityOptions}.
 * @returns a {@link FeatureIntensity}.
 * @throws RangeError when the window holds no map point.
 * @example
 * featureIntensity(map, { excitation: [530.6, 531.0], emission: [523.5, 524.0] }).mean;
 */
export function featureIntensity(map: RixsMap, options: FeatureIntensityOptions): FeatureIntensity {
  const fn = "featureIntensity";
  checkOptions(fn, options, ["excitation", "emission"]);
  checkMap(fn, "map", map);
  const win = (w: unknown, k: string): [number, number] => {
    if (!Array.isArray(w) || w.length !== 2 || !(w[0] < w[1])) throw new RangeError(`${fn}: option ${k} must be [lo, hi] in eV with lo < hi, got ${JSON.stringify(w)}`);
    return [w[0], w[1]];
  };
  const [x0, x1] = win(options?.excitation, "excitation"), [m0, m1] = win(options?.emission, "emission");
  const rows: number[] = [], cols: number[] = [];
  map.excitation.forEach((e, i) => { if (e >= x0 - 1e-9 && e <= x1 + 1e-9) rows.push(i); });
  map.emission.forEach((e, j) => { if (e >= m0 && e <= m1) cols.push(j); });
  if (rows.length === 0 || cols.length === 0) throw new RangeError(`${fn}: the window [${x0}, ${x1}] × [${m0}, ${m1}] eV holds no point of map ${map.name} (excitation ${map.excitation[0]}–${map.excitation[map.nRows - 1]} eV, emission ${map.emission[0]}–${map.emission[map.nCols - 1]} ${map.emissionUnit})`);
  let s = 0, k = 0, masked = 0;
  for (const i of rows) for (const j of cols) { const v = map.data[i * map.nCols + j]; if (v === v) { s += v; k++; } else masked++; }
  return { mean: k ? s / k : NaN, sum: s, points: k, rows: rows.length, columns: cols.length, masked };
}
