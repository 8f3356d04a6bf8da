/**
 * {@link preprocessSeries} for stacks too large for memory: the same steps, but each sample goes
 * through OD → shifts → crop → calibration → normalisation in bands of image rows, straight into
 * the pixel table, and a sample may stay in its file ({@link StackSource} from `openStack`): only
 * the free region (for I₀), the alignment region and one band of rows are read at a time. The
 * table is the same as `preprocessSeries`' (to 1e-8 relative; the logarithm's last bits depend on
 * the path opticalDensity takes).
 *
 * Memory: for the alignment one optical-density copy of `align.region` (or of the whole stack
 * when no region is given: give one for stacks larger than memory) plus its Fourier buffers
 * (~16 bytes per padded pixel per energy), freed before the bands; the free region as read
 * (4 bytes per value for float32 files). The bands reuse buffers allocated once per sample: a
 * window of raw rows (a band's new rows and one stored chunk of rows: sources with `chunkRows`
 * are read in whole chunks, each once; float32 files stay float32 until the logarithm), the OD
 * of the band and its margins after the Lanczos x pass (8 bytes × nE × (bandRows + 2 margin) ×
 * crop width; each row's logarithm and x pass are computed once), and the shifted, cropped band
 * (8 × nE × bandRows × width), normalised in place and copied into the table rows directly; per
 * band only the per-pixel maps of the normalisation are new arrays. The table
 * (8 bytes × pixels × table energies) is written in place band by band and filtered in place
 * (the unfiltered table is not kept unless `keepUnfiltered`, which adds the filtered copy). With
 * in-memory stacks the raw stacks must fit as well (8 bytes per value as the readers return them).
 * @module
 */
import type { Stack } from "../types/stack";
import { makePixelTable, type PixelTable, type PixelTableSample } from "../types/pixel-table";
import { isStackSource, stackSourceOf, type StackSource } from "../io/stackSource";
import { checkOptions, checkRange, derive, rangeIndices, type Rect } from "./_util";
import { BandRows, readRect, type RowPass } from "./_bandRows";
import { extractI0, type I0Result } from "./extractI0";
import { opticalDensity } from "./opticalDensity";
import { computeShifts, type ShiftResult } from "./computeShifts";
import { lanczosPlan, lanczosXPassRow, lanczosYPassInto } from "./_lanczos";
import { resolveShiftOptions, shiftImagePartInto, shiftSupportRows } from "./applyShifts";
import { commonRect } from "./cropToCommon";
import { energyOffset, type EnergyOffsetResult } from "./energyOffset";
import { applyEnergyOffset } from "./applyEnergyOffset";
import { normalizePixels } from "./normalizePixels";
import { transposeRows } from "./_transposeRows";
import { CALIBRATION_INTERPOLATION, splitAlign } from "./preprocessStack";
import { stagePixelSize } from "./stagePixelSize";
import type { NoiseFilterResult } from "./noiseFilter";
import { seriesNoiseFilter, type PreprocessSeriesOptions, type SeriesSample } from "./preprocessSeries";

/** A sample of {@link preprocessSeriesInBands}: a {@link SeriesSample} whose stack may stay in its file. */
export interface BandedSeriesSample extends Omit<SeriesSample, "stack"> {
  /** The raw counts, in memory or as a {@link StackSource} (`await openStack(path)`); a source needs `freeRegion`. */
  stack: Stack | StackSource;
}

/**
 * Options of {@link preprocessSeriesInBands}: those of `preprocessSeries` plus the band height.
 * `align` as in `preprocessSeries`; for very large images give `align.region` (e.g. a 256 × 256
 * area with particles): phase correlation keeps ~16 bytes per padded pixel per energy. The kernel
 * (`align.interpolation`) must be local: "lanczos" (default) or "bilinear"; a band is read with
 * the rows its shift reaches (`|dy| + 6` for "lanczos"), so the table equals `preprocessSeries`'.
 */
export interface PreprocessSeriesInBandsOptions extends PreprocessSeriesOptions {
  /** Image rows per band (default 16). */
  bandRows?: number;
  /**
   * Keep the table before the noise filter as `unfiltered` (default false: the filter then moves
   * the kept rows within the one table buffer, so no second table is held in memory).
   */
  keepUnfiltered?: boolean;
  /** Called after each band is in the table (progress, or memory diagnostics). */
  onBand?: (band: BandProgress) => void;
}

/** What {@link PreprocessSeriesInBandsOptions.onBand} is told after each band. */
export interface BandProgress {
  /** Index of the sample in `samples`. */
  sample: number;
  /** Index of the band within the sample (0-based), and how many the sample has. */
  band: number;
  bands: number;
  /** The image rows `[y0, y1)` of the band (raw image indices). */
  rows: [number, number];
}

/** What was done to one sample. */
export interface BandedSampleReport {
  name: string;
  i0: I0Result;
  shifts: ShiftResult;
  /** The common area kept after alignment, in the raw image's pixel indices. */
  crop: Rect;
  calibration: EnergyOffsetResult | null;
  /** Pixels that could not be normalised (area ≤ 0 or not finite). */
  dropped: number;
  /** Bands processed. */
  bands: number;
}

/** Result of {@link preprocessSeriesInBands}. */
export interface PreprocessSeriesInBandsResult {
  /** The pixels kept by the noise filter (pixels × table energies). */
  table: PixelTable;
  /** Every normalised pixel before the noise filter; only with option `keepUnfiltered`. */
  unfiltered?: PixelTable;
  noise: NoiseFilterResult;
  samples: BandedSampleReport[];
}

/**
 * @param samples - the raw samples, in order: stacks in memory or sources from `openStack`.
 * @param options - as `preprocessSeries`, plus `bandRows` and `align` (give `align.region` for large stacks).
 * @returns the filtered table (the same as `preprocessSeries`'), the
 *   unfiltered one (with `keepUnfiltered`), the noise filter and a report per sample.
 * @example
 * const src = await openStack("/data/big.hdf5");
 * const r = await preprocessSeriesInBands([{ stack: src, name: "big", freeRegion: { x0: 0, y0: 0, x1: 40, y1: 40 } }],
 *   { normalize: { background: [520, 526], area: [525, 535], brightness: [535, 560] }, energyRange: [520, 535], bandRows: 64, align: { region: { x0: 1000, y0: 1000, x1: 1256, y1: 1256 } } });
 */
export async function preprocessSeriesInBands(samples: readonly BandedSeriesSample[], options: PreprocessSeriesInBandsOptions): Promise<PreprocessSeriesInBandsResult> {
  const fn = "preprocessSeriesInBands";
  checkOptions(fn, options, ["reference", "grid", "normalize", "energyRange", "noise", "bandRows", "align", "keepUnfiltered", "onBand"]);
  if (options.onBand !== undefined && typeof options.onBand !== "function") throw new TypeError(`${fn}: option "onBand" must be a function, got ${typeof options.onBand}`);
  if (!Array.isArray(samples) || samples.length === 0) throw new RangeError(`${fn}: samples must be a non-empty list of { stack, name }`);
  if (!options?.normalize) throw new Error(`${fn}: option "normalize" ({ background, area, brightness } in eV) is required`);
  const bandRows = options.bandRows ?? 16;
  if (!Number.isInteger(bandRows) || bandRows < 1) throw new RangeError(`${fn}: option "bandRows" must be a positive integer, got ${bandRows}`);
  const grid = options.grid ?? samples[0].stack.energies;
  const { compute: alignCompute, shift } = splitAlign(options.align);
  if (shift.method === "fourier") {
    throw new Error(`${fn}: option "align.interpolation" "fourier" needs whole images (a Fourier shift along y mixes every row of a column); use "lanczos" (the default, same sharpness, 8-row support) or preprocessSeries`);
  }
  // Phase 1, per sample: I₀, shifts, crop and calibration (reads the free and alignment regions only).
  const plans: { src: StackSource; base: Stack; name: string; i0: I0Result; shifts: ShiftResult; crop: Rect; calibration: EnergyOffsetResult | null; margin: number }[] = [];
  for (const [si, s] of samples.entries()) {
    if (options.reference && !s.sessionReference) {
      throw new Error(`${fn}: samples[${si}] ("${s.name}") has no sessionReference, but option "reference" asks for energy calibration`);
    }
    const inFile = isStackSource(s.stack);
    const src = inFile ? (s.stack as StackSource) : stackSourceOf(s.stack as Stack);
    // What a read of this source looks like (quantity, scan type, metadata): one pixel.
    const base = inFile ? await src.read({ rows: [0, 1], columns: [0, 1] }) : (s.stack as Stack);
    let i0: I0Result;
    if (inFile) {
      const fr = s.freeRegion;
      if (!fr) throw new Error(`${fn}: samples[${si}] ("${s.name}") is read from its file, so it needs a freeRegion for I₀ (the automatic choice would read the whole stack)`);
      const part = await readRect(src, base, fr);
      i0 = extractI0(part, { region: { x0: 0, y0: 0, x1: fr.x1 - fr.x0, y1: fr.y1 - fr.y0 } });
    } else {
      i0 = extractI0(s.stack as Stack, s.freeRegion ? { region: s.freeRegion } : {});
    }
    // The shifts need whole images (or the align region of every image): one OD copy of that area, dropped right after.
    const { region, ...alignRest } = alignCompute;
    const area = region ? await readRect(src, base, region) : inFile ? await src.read() : (s.stack as Stack);
    const shifts = computeShifts(opticalDensity(area, { i0 }).stack, alignRest);
    const crop = commonRect(src.ny, src.nx, shifts, fn);
    const calibration = options.reference ? energyOffset(s.sessionReference!, options.reference) : null;
    let margin = 2;
    for (let e = 0; e < src.nE; e++) margin = Math.max(margin, shiftSupportRows(shift.method, shifts.dy[e]));
    plans.push({ src, base, name: s.name, i0, shifts, crop, calibration, margin });
  }
  const shiftOpts = resolveShiftOptions(fn, shift);
  // Phase 2: the bands, written straight into one table buffer sized for every cropped pixel.
  const capacity = plans.reduce((n, p) => n + (p.crop.y1 - p.crop.y0) * (p.crop.x1 - p.crop.x0), 0);
  let nE = 0;
  let energies: Float64Array = new Float64Array(0);
  let data: Float64Array = new Float64Array(0);
  const sample = new Int32Array(capacity);
  const xs = new Int32Array(capacity);
  const ys = new Int32Array(capacity);
  const brightness = new Float64Array(capacity);
  let kept = new Int32Array(0); // a band's kept pixels (transposeRows)
  let r = 0;
  let cols: Int32Array | null = null; // the table's energy columns in the current sample's bands
  let colsOf = -1;
  const energyRange = options.energyRange !== undefined ? checkRange(fn, "energyRange", options.energyRange) : undefined;
  const tableSamples: PixelTableSample[] = [];
  const reports: BandedSampleReport[] = [];
  for (const [si, p] of plans.entries()) {
    const { src, base, crop, shifts, calibration, i0, margin } = p;
    const cw = crop.x1 - crop.x0;
    const sE = src.nE;
    // "lanczos" is separable: its x pass is applied to each OD row once, as the row is made (and
    // only to the crop's columns); each band then needs only the y pass.
    const lanczos = shiftOpts.method === "lanczos" ? Array.from({ length: sE }, (_, e) => lanczosPlan(shifts.dx[e], shifts.dy[e], shiftOpts.smoothing, src.nx, shiftOpts.fill)) : null;
    const pass: RowPass | undefined = lanczos ? { width: cw, apply: (e, s, row, dst, off) => lanczosXPassRow(s, row, lanczos[e], crop.x0, crop.x1, dst, off) } : undefined;
    const rows = new BandRows(src, base, i0, bandRows, margin, pass);
    const cut = new Float64Array(sE * bandRows * cw); // the shifted, cropped band (reused)
    const tmp = lanczos ? new Float64Array(0) : new Float64Array(rows.capacity * cw); // bilinear's scratch
    const cx = src.x.subarray(crop.x0, crop.x1);
    const nBands = Math.ceil((crop.y1 - crop.y0) / bandRows);
    let dropped = 0;
    let bands = 0;
    for (let a = crop.y0; a < crop.y1; a += bandRows) {
      const b = Math.min(a + bandRows, crop.y1);
      const lo = Math.max(0, a - margin);
      const hi = Math.min(src.ny, b + margin);
      // Rows lo…hi hold every source row the kernel reads for rows a…b (clamped at the image's edges
      // exactly as in the whole image), so the band is resampled as in preprocessSeries.
      const od = await rows.od(lo, hi);
      const h = b - a;
      for (let e = 0; e < sE; e++) {
        if (lanczos) lanczosYPassInto(od.data, od.offset(e, lo), cw, hi - lo, lanczos[e], a - lo, b - lo, crop.x0, cut, e * h * cw);
        else shiftImagePartInto(od.data, od.offset(e, lo), src.nx, hi - lo, src.nx, shifts.dx[e], shifts.dy[e], shiftOpts, a - lo, b - lo, crop.x0, crop.x1, cut, e * h * cw, tmp);
      }
      let band = derive(base, { data: cut.subarray(0, sE * h * cw), ny: h, nx: cw, x: cx, y: src.y.subarray(a, b), quantity: "od" });
      if (calibration) band = applyEnergyOffset(band, calibration.offset, { grid, outside: "nearest", interpolation: CALIBRATION_INTERPOLATION }).stack;
      // in place: the band's buffer (cut, or the calibrated copy) becomes the normalised band
      const norm = normalizePixels(band, { ...options.normalize, out: band.data as Float64Array });
      // The band's rows of the table, written in place (as toPixelTable makes them: the columns in
      // energyRange, pixels with a non-finite value there left out and counted as dropped).
      const ns = norm.stack;
      if (cols === null || colsOf !== si) {
        const c = energyRange ? rangeIndices(fn, "energyRange", ns.energies, energyRange) : Array.from({ length: ns.nE }, (_, i) => i);
        if (cols === null) {
          nE = c.length;
          energies = Float64Array.from(c, (i) => ns.energies[i]);
          data = new Float64Array(capacity * nE);
        } else if (c.length !== nE || c.some((k, j) => Math.abs(ns.energies[k] - energies[j]) > 1e-6)) {
          throw new RangeError(`${fn}: samples[${si}] ("${p.name}") has other energies than samples[0] in the table's range; give option "reference" (calibration onto one grid) or resample the stacks first`);
        }
        cols = Int32Array.from(c);
        colsOf = si;
      }
      const n = h * cw;
      const nb = norm.brightness;
      if (kept.length < n) kept = new Int32Array(n);
      const nk = transposeRows(data, nE, r, ns, null, cols, kept);
      dropped += n - nk;
      for (let k = 0; k < nk; k++, r++) {
        const px = kept[k];
        const y = (px / cw) | 0;
        sample[r] = si;
        xs[r] = px - y * cw;
        ys[r] = y + a - crop.y0;
        brightness[r] = nb[px];
      }
      bands++;
      options.onBand?.({ sample: si, band: bands - 1, bands: nBands, rows: [a, b] });
    }
    const pixelSize = stagePixelSize(src.x.subarray(crop.x0, crop.x1), src.y.subarray(crop.y0, crop.y1));
    tableSamples.push({ name: p.name, ny: crop.y1 - crop.y0, nx: crop.x1 - crop.x0, ...(pixelSize ? { pixelSize } : {}) });
    reports.push({ name: p.name, i0, shifts, crop, calibration, dropped, bands });
  }
  const unfiltered = makePixelTable({
    data: data.subarray(0, r * nE), nPixels: r, nE, energies,
    sample: sample.subarray(0, r), x: xs.subarray(0, r), y: ys.subarray(0, r), brightness: brightness.subarray(0, r), samples: tableSamples,
  });
  const keep = options.keepUnfiltered === true;
  const noise = seriesNoiseFilter(fn, unfiltered, options, !keep);
  return keep ? { table: noise.table, unfiltered, noise, samples: reports } : { table: noise.table, noise, samples: reports };
}
