/**
 * The whole STXM preprocessing of a series of samples, as in Gent et al. 2017 (Supplementary
 * Methods): per sample I0 → OD → alignment → energy calibration → per-pixel normalisation; all
 * pixels into one PixelTable over the analysis energy range; the noise filter. Every step's
 * outcome is kept in the result, so nothing is silently dropped.
 *
 * @module
 */
import type { Stack } from "../types/stack";
import type { PixelTable } from "../types/pixel-table";
import type { EnergyRange, Rect } from "./_util";
import { checkOptions } from "./_util";
import type { Spectrum } from "../types/spectrum";
import { preprocessStack, type AlignOptions, type PreprocessStackResult } from "./preprocessStack";
import { normalizePixels, type NormalizePixelsResult } from "./normalizePixels";
import { toPixelTable } from "./toPixelTable";
import { filterByNoise, rowNoise, type NoiseFilterResult } from "./noiseFilter";
import { otsuThreshold } from "./otsuThreshold";

/** One raw sample of a series. */
export interface SeriesSample {
  /** Raw counts `[nE, ny, nx]`. */
  stack: Stack;
  /** Display name (e.g. "131 mAh/g"). */
  name: string;
  /** Sample-free rectangle for I0 (default: automatic). */
  freeRegion?: Rect;
  /** The reference material as measured in this sample's session (for the energy calibration). */
  sessionReference?: Spectrum;
}

/** Options of {@link preprocessSeries}. */
export interface PreprocessSeriesOptions {
  /** The reference material on the true energy scale; with each sample's `sessionReference` it calibrates energies. Default: no calibration. */
  reference?: Spectrum;
  /** Common energy grid after calibration (eV). Default: the first sample's energies. */
  grid?: ArrayLike<number>;
  /** Per-pixel normalisation ranges (eV). Required: e.g. O K `{ background: [520, 526], area: [525, 535], brightness: [535, 560] }`. */
  normalize: { background: EnergyRange; area: EnergyRange; brightness: EnergyRange };
  /**
   * The alignment of every sample: `computeShifts`' options plus `interpolation`, the kernel of
   * `applyShifts` (default "lanczos"). Default: the defaults of both.
   */
  align?: AlignOptions;
  /** Energies kept in the table (eV), e.g. the O K pre-edge [520, 535]. Default: all. */
  energyRange?: EnergyRange;
  /**
   * The noise filter: background range and either a cutoff, a fraction to remove, or "otsu"
   * (Otsu's threshold on log10 σ). Default: `{ range: normalize.background, cutoff: "otsu" }`.
   */
  noise?: { range?: EnergyRange; cutoff?: number | "otsu"; fraction?: number };
}

/** Result of {@link preprocessSeries}. */
export interface PreprocessSeriesResult {
  /** The filtered pixel table (pixels × energies), ready for PCA / NMF. */
  table: PixelTable;
  /** The table before the noise filter. */
  unfiltered: PixelTable;
  /** What the noise filter did (noise per pixel, cutoff, count removed, histogram). */
  noise: NoiseFilterResult;
  /** Per sample: I0, shifts, energy calibration. */
  preprocessed: PreprocessStackResult[];
  /** Per sample: the normalised stack, background, area, brightness maps, invalid pixel count. */
  normalized: NormalizePixelsResult[];
  /** Per sample: pixels dropped because they could not be normalised (area ≤ 0 or not finite). */
  dropped: number[];
}

/**
 * @param samples - the raw samples, in order.
 * @param options - {@link PreprocessSeriesOptions}; `normalize` is required.
 * @returns the filtered PixelTable and every intermediate outcome.
 * @example
 * const r = preprocessSeries(samples, { reference, normalize: { background: [520, 526], area: [525, 535], brightness: [535, 560] }, energyRange: [520, 535] });
 * r.table.nPixels; r.noise.removed;
 */
export function preprocessSeries(samples: readonly SeriesSample[], options: PreprocessSeriesOptions): PreprocessSeriesResult {
  const fn = "preprocessSeries";
  checkOptions(fn, options, ["reference", "grid", "normalize", "energyRange", "noise", "align"]);
  if (!Array.isArray(samples) || samples.length === 0) throw new RangeError(`${fn}: samples must be a non-empty list of { stack, name }`);
  if (!options?.normalize) throw new Error(`${fn}: option "normalize" ({ background, area, brightness } in eV) is required`);
  const grid = options.grid ?? samples[0].stack.energies;
  const preprocessed = samples.map((s, i) => {
    if (options.reference && !s.sessionReference) {
      throw new Error(`${fn}: samples[${i}] ("${s.name}") has no sessionReference, but option "reference" asks for energy calibration`);
    }
    return preprocessStack(s.stack, {
      ...(s.freeRegion ? { freeRegion: s.freeRegion } : {}),
      ...(options.align ? { align: options.align } : {}),
      ...(options.reference ? { calibrate: { session: s.sessionReference!, reference: options.reference, grid } } : {}),
    });
  });
  const normalized = preprocessed.map((p) => normalizePixels(p.stack, options.normalize));
  const { table, dropped } = toPixelTable(
    normalized.map((n, i) => ({ stack: n.stack, brightness: n.brightness, name: samples[i].name })),
    options.energyRange ? { energyRange: options.energyRange } : {},
  );
  const noise = seriesNoiseFilter(fn, table, options);
  return { table: noise.table, unfiltered: table, noise, preprocessed, normalized, dropped };
}

/** The noise filter as `preprocessSeries` applies it (Otsu on log10 σ unless a cutoff or fraction is given). @internal */
export function seriesNoiseFilter(fn: string, table: PixelTable, options: PreprocessSeriesOptions, inPlace = false): NoiseFilterResult {
  const nz = options.noise ?? {};
  checkOptions(`${fn}: option "noise"`, nz, ["range", "cutoff", "fraction"]);
  if (nz.cutoff !== undefined && nz.fraction !== undefined) throw new Error(`${fn}: option "noise": give either "cutoff" or "fraction", not both`);
  // σ of every row once; the cutoff (Otsu on log10 σ by default) and the kept rows from it.
  const sigma = rowNoise(`${fn}: option "noise"`, table, nz.range ?? options.normalize.background);
  const otsu = nz.cutoff === "otsu" || (nz.cutoff === undefined && nz.fraction === undefined);
  const rule = otsu ? { cutoff: otsuThreshold(sigma, { log: true }) } : nz.cutoff !== undefined ? { cutoff: nz.cutoff as number } : { fraction: nz.fraction };
  return filterByNoise(fn, table, sigma, { ...rule, inPlace });
}
