/**
 * A narrow emission feature in a cut at fixed excitation: its position, width and significance
 * (the 523.75 eV feature of oxidised oxygen at 530.8 eV excitation).
 * @module
 */
import { checkOptions } from "../util/checkOptions";
import { fitPeak, type PeakFit } from "./fitPeak";
import { rixsCut } from "./rixsCut";
import type { RixsMap } from "./rixsMap";

/** Options of {@link findFeature}. */
export interface FindFeatureOptions {
  /** Excitation energy of the cut, eV. @default 530.8 */
  excitation?: number;
  /** Emission window `[lo, hi]` fitted, eV. @default [522.75, 524.75] */
  emission?: readonly [number, number];
  /** Full width (eV) of excitation averaged into the cut. @default 0 (interpolated) */
  width?: number;
  /** Smallest significance (amplitude / its standard error) to call the feature present. The background is only approximately quadratic under a narrow window, so its misfit on the fluorescence alone reached 4.5 on a simulated LNRO map without the feature: 10 keeps clear of that. @default 10 */
  minSignificance?: number;
  /** Allowed FWHM range (eV). @default [0.2, 0.9] */
  fwhmRange?: readonly [number, number];
}

/** What {@link findFeature} found. */
export interface FeatureFit extends PeakFit {
  /** Amplitude / its standard error. */
  readonly significance: number;
  /** True when significance ≥ minSignificance, amplitude > 0 and the fit did not stop at a bound. */
  readonly present: boolean;
  /** Excitation energy of the cut, eV. */
  readonly excitation: number;
}

/**
 * Fit a Gaussian on a quadratic background (the smooth TM–O fluorescence underneath) to the emission cut at `excitation` inside the `emission`
 * window and say whether the feature is there (significance = amplitude / standard error of the
 * amplitude ≥ `minSignificance`, positive, centre and width not at a bound).
 *
 * @param map - a calibrated {@link RixsMap}.
 * @param options - {@link FindFeatureOptions}.
 * @returns a {@link FeatureFit}: centre (eV), FWHM, amplitude, significance, present.
 * @example
 * const f = findFeature(map); // 530.8 eV excitation, 522.75–524.75 eV emission
 * f.present && f.centre; // 523.75
 */
export function findFeature(map: RixsMap, options: FindFeatureOptions = {}): FeatureFit {
  const fn = "findFeature";
  checkOptions(fn, options, ["excitation", "emission", "width", "minSignificance", "fwhmRange"]);
  if (map.emissionUnit !== "eV") throw new Error(`${fn}: map ${map.name} has its emission in ${map.emissionUnit}; calibrate it first (calibrateEmission, applyEmissionCalibration)`);
  const excitation = options.excitation ?? 530.8;
  const [lo, hi] = options.emission ?? [522.75, 524.75];
  if (!(lo < hi)) throw new RangeError(`${fn}: option emission must be [lo, hi] with lo < hi, got [${lo}, ${hi}]`);
  const cut = rixsCut(map, { excitation, width: options.width ?? 0 });
  const xs: number[] = [], ys: number[] = [];
  cut.energies.forEach((e, j) => { if (e >= lo && e <= hi && Number.isFinite(cut.values[j])) { xs.push(e); ys.push(cut.values[j]); } });
  const p = fitPeak(xs, ys, { fwhmRange: options.fwhmRange ?? [0.2, 0.9], fwhm: 0.5, backgroundDegree: 2 });
  const significance = p.amplitude / p.amplitudeError;
  const present = p.amplitude > 0 && !p.atBound && significance >= (options.minSignificance ?? 10);
  return { ...p, significance, present, excitation };
}
