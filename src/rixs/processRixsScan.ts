/**
 * The whole RIXS reduction of one scan: frames → cleaned, integrated, normalised spectra → map →
 * calibrated map, with every step's diagnostics per frame.
 * @module
 */
import { checkOptions } from "../util/checkOptions";
import { checkSameSize, type CcdFrame } from "./ccdFrame";
import { applyEmissionCalibration, calibrateEmission, type CalibrateEmissionOptions, type EmissionCalibration } from "./calibrateEmission";
import type { Curvature } from "./curvature";
import { combineCurvatures, fitCurvature, type CurvatureFit, type FitCurvatureOptions } from "./fitCurvature";
import { integrateFrame } from "./integrateFrame";
import { maskSaturated, type PixelPosition } from "./maskSaturated";
import type { NexusFrames } from "./readNexusFrames";
import type { ScanTable } from "./readScanTable";
import { readTiffFrames } from "./readTiffFrames";
import { removeCosmicRays, type CosmicHit, type CosmicRayOptions } from "./removeCosmicRays";
import type { RixsMap } from "./rixsMap";
import { normalizeSpectrum } from "./normalizeSpectrum";
import { stackRixsMap } from "./stackRixsMap";
import { subtractDark, type DetectorRegion } from "./subtractDark";

/** Options of {@link processRixsScan}. */
export interface ProcessRixsScanOptions {
  /** Dark signal: a dark frame (same size and exposure, or scaled by `darkScale`) or a photon-free detector region. Required. */
  dark: CcdFrame | DetectorRegion;
  /** Multiplier of the dark frame. @default 1 */
  darkScale?: number;
  /** Saturation level (counts). @default the frames' own (65535 for 16-bit) */
  saturation?: number;
  /** Cosmic-ray test options, or false to skip the step. @default {} (threshold 8) */
  cosmicRays?: CosmicRayOptions | false;
  /** A known curvature, or `{ frames: [i, …] }`: fit it on these frames of the scan (indices in order of excitation energy) and average the coefficients (weights 1 / residual²), with `fit` options. @default { frames: [0, 1, 2, 3] } (the lowest excitation energies: below the edge the elastic line dominates) */
  curvature?: Curvature | { frames: readonly number[]; fit?: FitCurvatureOptions };
  /** A known emission calibration, or options for fitting it on the map's elastic line. @default fitted on all rows */
  calibration?: EmissionCalibration | CalibrateEmissionOptions;
  /** Columns `[c0, c1)` to integrate. @default all */
  columns?: readonly [number, number];
  /** Map name. @default the table's / file's name */
  name?: string;
  /** As readTiffFrames' option, for scan tables. @default "rows" */
  dispersive?: "rows" | "columns";
}

/** What happened to one frame. */
export interface FrameDiagnostics {
  /** Frame source (file, page or dataset[index]). */
  readonly source: string;
  /** Excitation energy (eV), I₀ and exposure (s) used. */
  readonly excitation: number;
  readonly i0: number;
  readonly exposure: number;
  /** Saturated pixels (masked) and their positions. */
  readonly saturated: number;
  readonly saturatedPositions: readonly PixelPosition[];
  /** Mean dark level subtracted (counts). */
  readonly darkLevel: number;
  /** Cosmic-ray pixels repaired, hits (groups), noise floor used, and the pixels. */
  readonly cosmicPixels: number;
  readonly cosmicHits: number;
  readonly cosmicNoise: number;
  readonly cosmics: readonly CosmicHit[];
  /** Emission rows scaled up (masked pixels / frame edge) and rows left NaN. */
  readonly rescaledRows: number;
  readonly emptyRows: number;
}

/** The result of {@link processRixsScan}. */
export interface RixsScanResult {
  /** The calibrated map, excitation × emission (eV), counts / s at the scan's mean I₀. */
  readonly map: RixsMap;
  /** The same before calibration (emission in detector pixels). */
  readonly pixelMap: RixsMap;
  /** The curvature used (a {@link CurvatureFit} when fitted here: the average of the frames' fits, `points` those of the first frame, `residualRms` their mean). */
  readonly curvature: Curvature | CurvatureFit;
  /** The emission calibration used. */
  readonly calibration: EmissionCalibration;
  /** Per frame, in order of excitation energy. */
  readonly frames: readonly FrameDiagnostics[];
  /** Totals over the frames. */
  readonly saturatedPixels: number;
  readonly cosmicPixels: number;
  /** The I₀ the map is scaled to (the scan's mean I₀). */
  readonly i0Reference: number;
}

interface Source {
  name: string;
  n: number;
  excitation: number[];
  i0: number[];
  exposure: number[];
  frames(i: number): CcdFrame[];
}

function isTable(s: unknown): s is ScanTable {
  return !!s && typeof s === "object" && Array.isArray((s as ScanTable).rows);
}

/**
 * Reduce one RIXS scan (a scan table with TIFF frames, or an opened NeXus file) to a calibrated
 * map, as the Supplementary Methods of Gent et al. 2017 describe: for every frame, mask saturated
 * pixels ({@link maskSaturated}), subtract the dark ({@link subtractDark}), repair cosmic rays
 * ({@link removeCosmicRays}), correct the curvature and integrate along the columns
 * ({@link integrateFrame}), divide by I₀ (relative to the scan's mean) and exposure
 * ({@link normalizeSpectrum}); stack into a map ({@link stackRixsMap}); calibrate the emission axis
 * on the elastic line ({@link calibrateEmission}). Pages of a multi-page TIFF named by one table row
 * are processed one by one and summed (exposure × pages). Frames are read one at a time.
 *
 * @param scan - from {@link readScanTable} (TIFF frames) or {@link readNexusFrames}.
 * @param options - {@link ProcessRixsScanOptions}; `dark` is required.
 * @returns a {@link RixsScanResult}: map, pixel map, curvature, calibration, per-frame diagnostics.
 * @throws Error when a frame's size differs from the others (naming it), a read fails, or the NeXus file lacks I₀ / exposure.
 * @example
 * const table = readScanTable("lnmo_4.8V/lnmo_4.8V-AI.txt");
 * const dark = readTiffFrames("lnmo_4.8V/dark.tif")[0];
 * const r = await processRixsScan(table, { dark });
 * r.calibration.dispersion; r.frames[0].cosmicPixels;
 */
export async function processRixsScan(scan: ScanTable | NexusFrames, options: ProcessRixsScanOptions): Promise<RixsScanResult> {
  const fn = "processRixsScan";
  checkOptions(fn, options, ["dark", "darkScale", "saturation", "cosmicRays", "curvature", "calibration", "columns", "name", "dispersive"]);
  if (!options || options.dark === undefined) throw new Error(`${fn}: option dark is required: a dark frame (readTiffFrames("dark.tif")[0]) or a photon-free region { r0, r1, c0, c1 }`);
  let src: Source;
  if (isTable(scan)) {
    const rows = scan.rows;
    src = {
      name: scan.file.split(/[\\/]/).pop()?.replace(/(-AI)?\.(txt|csv|dat)$/i, "") ?? "",
      n: rows.length,
      excitation: rows.map((r) => r.excitation), i0: rows.map((r) => r.i0), exposure: rows.map((r) => r.exposure),
      frames: (i) => readTiffFrames(rows[i].framePath, { dispersive: options.dispersive ?? "rows" }),
    };
  } else {
    const nx = scan as NexusFrames;
    if (!nx.i0) throw new Error(`${fn}: ${nx.file} has no I₀ (an NXmonitor's data); give its path with readNexusFrames' i0 option`);
    if (!nx.exposure) throw new Error(`${fn}: ${nx.file} has no exposure times (count_time); give their path with readNexusFrames' exposure option`);
    src = {
      name: nx.file.split(/[\\/]/).pop()?.replace(/\.(nxs|h5|hdf5)$/i, "") ?? "",
      n: nx.count, excitation: Array.from(nx.excitation), i0: Array.from(nx.i0 as Float64Array), exposure: Array.from(nx.exposure as Float64Array),
      frames: (i) => [nx.frame(i)],
    };
  }
  const order = Array.from({ length: src.n }, (_, i) => i).sort((a, b) => src.excitation[a] - src.excitation[b]);
  const i0Reference = src.i0.reduce((a, b) => a + b, 0) / src.n;
  const darkFrame = (options.dark as CcdFrame).data instanceof Float64Array ? (options.dark as CcdFrame) : undefined;
  const cosmicOpts = options.cosmicRays === false ? null : options.cosmicRays ?? {};
  let first: CcdFrame | undefined;
  const clean = (f: CcdFrame) => {
    if (!first) first = f;
    else checkSameSize(fn, first, f, "frame");
    const sat = maskSaturated(f, options.saturation === undefined ? {} : { level: options.saturation });
    const dk = darkFrame ? subtractDark(sat.frame, { dark: darkFrame, ...(options.darkScale !== undefined ? { scale: options.darkScale } : {}) }) : subtractDark(sat.frame, { region: options.dark as DetectorRegion });
    const cr = cosmicOpts ? removeCosmicRays(dk.frame, cosmicOpts) : null;
    return { frame: cr ? cr.frame : dk.frame, sat, dk, cr };
  };
  // Curvature: given, or fitted on one frame.
  let curvature: Curvature | CurvatureFit;
  const cOpt = options.curvature ?? { frames: [0, 1, 2, 3].filter((k) => k < src.n) };
  if ("coefficients" in cOpt) curvature = cOpt;
  else {
    checkOptions(`${fn}: option curvature`, cOpt, ["frames", "fit"]);
    const ks = cOpt.frames;
    if (!Array.isArray(ks) || ks.length === 0) throw new RangeError(`${fn}: option curvature.frames must list frame indices, got ${JSON.stringify(ks)}`);
    const fits: CurvatureFit[] = [];
    for (const k of ks) {
      if (!Number.isInteger(k) || k < 0 || k >= src.n) throw new RangeError(`${fn}: option curvature.frames: ${k} is not a frame index in [0, ${src.n})`);
      fits.push(fitCurvature(clean(src.frames(order[k])[0]).frame, cOpt.fit ?? {}));
    }
    curvature = combineCurvatures(fits);
  }
  const spectra: Float64Array[] = [];
  const diags: FrameDiagnostics[] = [];
  let totalSat = 0, totalCosmic = 0;
  for (const i of order) {
    const frames = src.frames(i);
    let sum: Float64Array | null = null;
    const d = { saturated: 0, sp: [] as PixelPosition[], dark: 0, cp: 0, ch: 0, noise: 0, cos: [] as CosmicHit[], res: 0, emp: 0 };
    for (const f of frames) {
      const c = clean(f);
      const integ = integrateFrame(c.frame, { curvature, ...(options.columns ? { columns: options.columns } : {}) });
      if (!sum) sum = Float64Array.from(integ.counts);
      else for (let j = 0; j < sum.length; j++) sum[j] += integ.counts[j];
      d.saturated += c.sat.count; d.sp.push(...c.sat.positions); d.dark += c.dk.level / frames.length;
      if (c.cr) { d.cp += c.cr.count; d.ch += c.cr.hits; d.noise += c.cr.noise / frames.length; d.cos.push(...c.cr.pixels); }
      d.res = Math.max(d.res, integ.rescaledRows); d.emp = Math.max(d.emp, integ.emptyRows);
    }
    const exposure = src.exposure[i] * frames.length;
    spectra.push(normalizeSpectrum(sum as Float64Array, src.i0[i], exposure, i0Reference));
    totalSat += d.saturated; totalCosmic += d.cp;
    diags.push({ source: frames.map((f) => f.source).join(", "), excitation: src.excitation[i], i0: src.i0[i], exposure, saturated: d.saturated, saturatedPositions: d.sp, darkLevel: d.dark,
      cosmicPixels: d.cp, cosmicHits: d.ch, cosmicNoise: d.noise, cosmics: d.cos, rescaledRows: d.res, emptyRows: d.emp });
  }
  const name = options.name ?? src.name;
  const pixelMap = stackRixsMap(spectra, order.map((i) => src.excitation[i]), { name, unit: "counts / s at mean I₀" });
  const cal = options.calibration;
  const calibration = cal && "dispersion" in cal ? cal : calibrateEmission(pixelMap, (cal as CalibrateEmissionOptions | undefined) ?? {});
  const map = applyEmissionCalibration(pixelMap, calibration);
  return { map, pixelMap, curvature, calibration, frames: diags, saturatedPixels: totalSat, cosmicPixels: totalCosmic, i0Reference };
}
