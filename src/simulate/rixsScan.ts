/**
 * A simulated RIXS scan on an Andor-like CCD: one frame per excitation energy with planted
 * curvature and tilt, dark current, Poisson noise, read noise and cosmic rays, plus a dark frame
 * and the ground truth.
 * @module
 */
import { createRng } from "../linalg/createRng";
import type { Curvature } from "../rixs/curvature";
import { checkOptions } from "../util/checkOptions";
import { rixsIntensity, rixsModel, RIXS_FEATURE, type RixsMaterial, type RixsModel, type RixsState } from "./rixsModel";

/** Options of {@link simulateRixsScan}. */
export interface SimulateRixsScanOptions {
  /** Random seed. @default 2018 */
  seed?: number;
  /** Frame rows (emission pixels). @default 512 */
  rows?: number;
  /** Frame columns (non-dispersive). @default 256 */
  cols?: number;
  /** Excitation energies: first, last, step (eV). @default [527.0, 534.0, 0.2] (36 frames) */
  excitation?: readonly [number, number, number];
  /** Exposure per frame, s. @default 60 */
  exposure?: number;
  /** Emission energy at row 0 of the reference column (eV) and dispersion (eV/pixel). @default 517.5, 0.0345 */
  offset?: number;
  dispersion?: number;
  /** Planted line shape: tilt (px/column) and curvature (px/column²) about the middle column. @default 0.015, 1.2e-4 */
  tilt?: number;
  curvature?: number;
  /** Photons per second per pixel column at relative intensity 1 per eV. @default 15 */
  brightness?: number;
  /** Bias (counts), dark current (counts/s/pixel), read noise (counts rms). @default 100, 0.02, 3 */
  bias?: number;
  darkCurrent?: number;
  readNoise?: number;
  /** Mean number of cosmic-ray hits per frame. @default 5 */
  cosmicRate?: number;
  /** Frame index that gets one hit driven into saturation (65535), or −1 for none. @default 7 */
  saturatedFrame?: number;
}

/** One planted cosmic-ray hit. */
export interface PlantedCosmic {
  /** Frame index (scan order). */
  readonly frame: number;
  /** Pixels hit and counts added. */
  readonly pixels: readonly { row: number; col: number; counts: number }[];
}

/** The ground truth of a simulated scan. */
export interface RixsScanTruth {
  readonly material: RixsMaterial;
  readonly state: RixsState;
  readonly seed: number;
  /** Emission energy at row 0 of the reference column and eV per row. */
  readonly offset: number;
  readonly dispersion: number;
  /** Planted curvature (constant term 0: the line's shape only). */
  readonly curvature: Curvature;
  /** The 523.75 eV feature: position, widths, amplitude (0 = absent). */
  readonly feature: { excitation: number; emission: number; fwhmExcitation: number; fwhmEmission: number; amplitude: number; present: boolean };
  readonly bias: number;
  readonly darkCurrent: number;
  readonly readNoise: number;
  /** Every planted cosmic-ray hit. */
  readonly cosmics: readonly PlantedCosmic[];
  /** Pixels set to 65535 (saturated), per frame. */
  readonly saturated: readonly { frame: number; row: number; col: number }[];
}

/** A simulated scan in memory (counts as the CCD's 16-bit ADC gives them). */
export interface SimulatedRixsScan {
  /** "LNMO 4.8 V" etc. */
  readonly name: string;
  readonly rows: number;
  readonly cols: number;
  /** Excitation energy (eV), I₀ and exposure (s) per frame. */
  readonly excitation: Float64Array;
  readonly i0: Float64Array;
  readonly exposure: Float64Array;
  /** Frames, counts, row-major rows × cols, clipped to [0, 65535]. */
  readonly frames: readonly Float64Array[];
  /** A dark frame (same exposure, shutter closed). */
  readonly dark: Float64Array;
  /** An elastic-line reference frame for the curvature: the lowest excitation energy, exposure `elasticExposure` (30 × a frame's, as a calibration exposure; the dark frame then underestimates its dark current, a constant offset). */
  readonly elastic: Float64Array;
  readonly elasticExposure: number;
  readonly truth: RixsScanTruth;
}

const OPTIONS = ["seed", "rows", "cols", "excitation", "exposure", "offset", "dispersion", "tilt", "curvature", "brightness", "bias", "darkCurrent", "readNoise", "cosmicRate", "saturatedFrame"];

/**
 * Simulate one O K-edge RIXS scan of `material` at `state`. Each frame: expected photons per pixel
 * `brightness · I(E_in, E) · dispersion · exposure · I₀/⟨I₀⟩`, with E the emission energy of the
 * pixel, whose line of constant energy is bent as `row = (E − offset)/dispersion + tilt·(c − c₀) +
 * curvature·(c − c₀)²` (c₀ the middle column); Poisson photon noise, dark current (Poisson, with the photons) +
 * bias + Gaussian read noise, cosmic-ray hits (1–4 pixels, 300–4000 counts), clipped to 16 bits.
 *
 * @param material - "LNMO", "LNRO" or "Li1.2Ni0.4Ru0.4O2".
 * @param state - "pristine", "4.5 V", "4.8 V" or "2.0 V".
 * @param options - {@link SimulateRixsScanOptions}.
 * @returns the frames, the dark frame, the per-frame scan table values and the ground truth.
 * @example
 * const scan = simulateRixsScan("LNMO", "4.8 V", { seed: 1 });
 * scan.frames.length; // 36
 */
export function simulateRixsScan(material: RixsMaterial, state: RixsState, options: SimulateRixsScanOptions = {}): SimulatedRixsScan {
  const fn = "simulateRixsScan";
  checkOptions(fn, options, OPTIONS);
  const seed = options.seed ?? 2018;
  const rngSeed = seed + 7919 * (["LNMO", "LNRO", "Li1.2Ni0.4Ru0.4O2"].indexOf(material) + 1) + 104729 * ["pristine", "4.5 V", "4.8 V", "2.0 V"].indexOf(state);
  return renderRixsScan(fn, rixsModel(material, state), rngSeed, options, material, state);
}

/**
 * The spectrometer of {@link simulateRixsScan} rendering any `model` (the first-cycle series uses
 * it with its own models): frames, dark, elastic frame and truth, drawn from `createRng(rngSeed)`.
 * `material` and `state` only label the truth. @internal
 */
export function renderRixsScan(fn: string, model: RixsModel, rngSeed: number, options: SimulateRixsScanOptions, material: RixsMaterial, state: RixsState): SimulatedRixsScan {
  checkOptions(fn, options, OPTIONS);
  const seed = options.seed ?? 2018;
  const rows = options.rows ?? 512, cols = options.cols ?? 256;
  if (!Number.isInteger(rows) || !Number.isInteger(cols) || rows < 32 || cols < 16) throw new RangeError(`${fn}: rows and cols must be integers ≥ 32 and ≥ 16, got ${rows} × ${cols}`);
  const [e0, e1, step] = options.excitation ?? [527.0, 534.0, 0.2];
  if (!(step > 0) || !(e1 >= e0)) throw new RangeError(`${fn}: option excitation must be [first, last, step] with step > 0 and last ≥ first, got ${JSON.stringify(options.excitation)}`);
  const nE = Math.round((e1 - e0) / step) + 1;
  const exposure = options.exposure ?? 60;
  const offset = options.offset ?? 517.5, disp = options.dispersion ?? 0.0345;
  const tilt = options.tilt ?? 0.015, curv = options.curvature ?? 1.2e-4;
  const bright = options.brightness ?? 15;
  const bias = options.bias ?? 100, darkCurrent = options.darkCurrent ?? 0.02, readNoise = options.readNoise ?? 3;
  const cosmicRate = options.cosmicRate ?? 5;
  const satFrame = options.saturatedFrame ?? 7;
  const rng = createRng(rngSeed);
  // Poisson counts: inversion by sequential search for small means (one uniform), the library's PTRS above.
  const poisson = (lam: number): number => {
    if (lam >= 10) return rng.poisson(lam);
    const u = rng.uniform();
    let k = 0, p = Math.exp(-lam), F = p;
    while (u > F && k < 200) { k++; p *= lam / k; F += p; }
    return k;
  };
  const c0 = (cols - 1) / 2;
  const shift = new Float64Array(cols);
  for (let c = 0; c < cols; c++) shift[c] = tilt * (c - c0) + curv * (c - c0) ** 2;
  const excitation = Float64Array.from({ length: nE }, (_, i) => Math.round((e0 + i * step) * 1e6) / 1e6);
  const i0 = new Float64Array(nE);
  for (let i = 0; i < nE; i++) i0[i] = 1.2e7 * (1 - 0.04 * (i / Math.max(nE - 1, 1))) * (1 + 0.005 * rng.normal());
  let i0m = 0;
  for (const v of i0) i0m += v / nE;
  const frames: Float64Array[] = [];
  const cosmics: PlantedCosmic[] = [];
  const saturated: { frame: number; row: number; col: number }[] = [];
  // Profile tabulated on a fine grid of rows (1/16 px) per frame.
  const sub = 16, nT = (rows + 16) * sub;
  const tab = new Float64Array(nT);
  const darkMean = darkCurrent * exposure;
  const render = (ein: number, scale: number, expo: number): Float64Array => {
    for (let t = 0; t < nT; t++) tab[t] = scale * rixsIntensity(model, ein, offset + disp * (t / sub - 8));
    const img = new Float64Array(rows * cols);
    const dm = darkCurrent * expo;
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < cols; c++) {
        const u = (r - shift[c] + 8) * sub;
        const k = Math.floor(u), w = u - k;
        const lam = k >= 0 && k + 1 < nT ? (1 - w) * tab[k] + w * tab[k + 1] : 0;
        img[r * cols + c] = poisson(lam + dm) + bias + readNoise * rng.normal();
      }
    }
    return img;
  };
  for (let f = 0; f < nE; f++) {
    const img = render(excitation[f], bright * disp * exposure * (i0[f] / i0m), exposure);
    const nHits = rng.poisson(cosmicRate) + (f === satFrame ? 1 : 0);
    const hits: { row: number; col: number; counts: number }[] = [];
    for (let h = 0; h < nHits; h++) {
      const r = 2 + rng.int(rows - 4), c = 2 + rng.int(cols - 4);
      const big = f === satFrame && h === nHits - 1;
      const e = big ? 70000 : 300 + rng.uniform() * 3700;
      const px = [{ row: r, col: c, counts: e }];
      const extra = rng.int(4);
      for (let x = 0; x < extra; x++) {
        const dr = rng.int(3) - 1, dc = rng.int(3) - 1;
        if (dr === 0 && dc === 0) continue;
        if (px.some((p) => p.row === r + dr && p.col === c + dc)) continue;
        px.push({ row: r + dr, col: c + dc, counts: e * (0.2 + 0.3 * rng.uniform()) });
      }
      for (const p of px) {
        img[p.row * cols + p.col] += p.counts;
        hits.push({ row: p.row, col: p.col, counts: p.counts });
      }
    }
    if (hits.length) cosmics.push({ frame: f, pixels: hits });
    for (let i = 0; i < img.length; i++) {
      const v = Math.round(img[i]);
      img[i] = v < 0 ? 0 : v > 65535 ? 65535 : v;
      if (img[i] === 65535) saturated.push({ frame: f, row: Math.floor(i / cols), col: i % cols });
    }
    frames.push(img);
  }
  const elasticExposure = 30 * exposure;
  const elastic = render(excitation[0], bright * disp * elasticExposure, elasticExposure);
  for (let i = 0; i < elastic.length; i++) elastic[i] = Math.min(65535, Math.max(0, Math.round(elastic[i])));
  const dark = new Float64Array(rows * cols);
  for (let i = 0; i < dark.length; i++) dark[i] = Math.max(0, Math.round(poisson(darkMean) + bias + readNoise * rng.normal()));
  return {
    name: `${material} ${state}`,
    rows, cols, excitation, i0, exposure: new Float64Array(nE).fill(exposure), frames, dark, elastic, elasticExposure,
    truth: {
      material, state, seed, offset, dispersion: disp,
      curvature: { coefficients: [0, tilt, curv], referenceColumn: c0 },
      feature: { ...RIXS_FEATURE, amplitude: model.feature, present: model.feature > 0 },
      bias, darkCurrent, readNoise, cosmics, saturated,
    },
  };
}
