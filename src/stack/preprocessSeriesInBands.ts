/**
 * {@link preprocessSeries} for stacks too large for its intermediates: the same steps, but each
 * sample goes through OD → shifts → crop → calibration → normalisation in bands of image rows,
 * straight into the pixel table. The table is the same as `preprocessSeries`' (to 1e-8 relative; the logarithm's last bits depend on the path opticalDensity takes).
 *
 * Memory: the raw stacks (as read); for the alignment one optical-density copy of the stack, or
 * only of `align.region` when given, plus its Fourier buffers (~16 bytes per padded pixel per
 * energy), freed before the bands; one band's intermediates
 * (~5 × 8 bytes × nE × bandRows × nx) and the table (8 bytes × pixels × table energies).
 * `preprocessSeries` instead holds about 4.5 × 8 bytes per value of the largest stack.
 * Measured on one 400 × 600 × 57 stack (109 MB raw): peak RSS rose by 456 MB with
 * `preprocessSeries` and by 316 MB here with 4-row bands and a 256 × 256 alignment region.
 * V8 frees the band intermediates lazily, so smaller bands lower the peak.
 * The limit: the raw stacks themselves (8 bytes per value as the readers return them) and the
 * table must fit in memory.
 * @module
 */
import type { Stack } from "../types/stack";
import { makePixelTable, type PixelTable, type PixelTableSample } from "../types/pixel-table";
import { checkOptions, derive, type Rect } from "./_util";
import { extractI0, type I0Result } from "./extractI0";
import { opticalDensity } from "./opticalDensity";
import { computeShifts, type ComputeShiftsOptions, type ShiftResult } from "./computeShifts";
import { applyShifts } from "./applyShifts";
import { commonRect } from "./cropToCommon";
import { energyOffset, type EnergyOffsetResult } from "./energyOffset";
import { applyEnergyOffset } from "./applyEnergyOffset";
import { normalizePixels } from "./normalizePixels";
import { CALIBRATION_INTERPOLATION } from "./preprocessStack";
import { toPixelTable } from "./toPixelTable";
import type { NoiseFilterResult } from "./noiseFilter";
import { seriesNoiseFilter, type PreprocessSeriesOptions, type SeriesSample } from "./preprocessSeries";

/** Options of {@link preprocessSeriesInBands}: those of `preprocessSeries` plus the band height. */
export interface PreprocessSeriesInBandsOptions extends PreprocessSeriesOptions {
  /** Image rows per band (default 16). */
  bandRows?: number;
  /**
   * Options of the alignment (`computeShifts`). For very large images give a `region` (e.g. a
   * 256 × 256 area with particles): phase correlation keeps ~16 bytes per padded pixel per energy.
   */
  align?: ComputeShiftsOptions;
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
  table: PixelTable;
  unfiltered: PixelTable;
  noise: NoiseFilterResult;
  samples: BandedSampleReport[];
}

/** Rows [y0, y1) of a stack as a new stack (all energies). */
function rowsOf(stack: Stack, y0: number, y1: number): Stack {
  const { nE, ny, nx } = stack;
  const h = y1 - y0;
  const out = new Float64Array(nE * h * nx);
  for (let e = 0; e < nE; e++) out.set(stack.data.subarray((e * ny + y0) * nx, (e * ny + y1) * nx), e * h * nx);
  return derive(stack, { data: out, ny: h, y: stack.y.slice(y0, y1) });
}

/** The rectangle [y0, y1) × [x0, x1) of a stack as a new stack. */
function rectOf(stack: Stack, y0: number, y1: number, x0: number, x1: number): Stack {
  const { nE, ny, nx } = stack;
  const h = y1 - y0;
  const w = x1 - x0;
  const out = new Float64Array(nE * h * w);
  for (let e = 0; e < nE; e++) {
    for (let y = 0; y < h; y++) {
      const src = (e * ny + y0 + y) * nx + x0;
      out.set(stack.data.subarray(src, src + w), (e * h + y) * w);
    }
  }
  return derive(stack, { data: out, ny: h, nx: w, y: stack.y.slice(y0, y1), x: stack.x.slice(x0, x1) });
}

/**
 * @param samples - the raw samples, in order.
 * @param options - as `preprocessSeries`, plus `bandRows`.
 * @returns the filtered table (the same as `preprocessSeries`'), the
 *   unfiltered one, the noise filter and a report per sample.
 * @example
 * const r = preprocessSeriesInBands(samples, { normalize: { background: [520, 526], area: [525, 535], brightness: [535, 560] }, bandRows: 64 });
 */
export function preprocessSeriesInBands(samples: readonly SeriesSample[], options: PreprocessSeriesInBandsOptions): PreprocessSeriesInBandsResult {
  const fn = "preprocessSeriesInBands";
  checkOptions(fn, options, ["reference", "grid", "normalize", "energyRange", "noise", "bandRows", "align"]);
  if (!Array.isArray(samples) || samples.length === 0) throw new RangeError(`${fn}: samples must be a non-empty list of { stack, name }`);
  if (!options?.normalize) throw new Error(`${fn}: option "normalize" ({ background, area, brightness } in eV) is required`);
  const bandRows = options.bandRows ?? 16;
  if (!Number.isInteger(bandRows) || bandRows < 1) throw new RangeError(`${fn}: option "bandRows" must be a positive integer, got ${bandRows}`);
  const grid = options.grid ?? samples[0].stack.energies;
  const parts: { table: PixelTable; sample: number; yOffset: number }[] = [];
  const tableSamples: PixelTableSample[] = [];
  const reports: BandedSampleReport[] = [];
  samples.forEach((s, si) => {
    if (options.reference && !s.sessionReference) {
      throw new Error(`${fn}: samples[${si}] ("${s.name}") has no sessionReference, but option "reference" asks for energy calibration`);
    }
    const raw = s.stack;
    const i0 = extractI0(raw, s.freeRegion ? { region: s.freeRegion } : {});
    // The shifts need whole images (or the align region of every image): one OD copy of that
    // area, dropped right after.
    const { region, ...alignRest } = options.align ?? {};
    const shifts = region
      ? computeShifts(opticalDensity(rectOf(raw, region.y0, region.y1, region.x0, region.x1), { i0 }).stack, alignRest)
      : computeShifts(opticalDensity(raw, { i0 }).stack, alignRest);
    const crop = commonRect(raw.ny, raw.nx, shifts, fn);
    const calibration = options.reference ? energyOffset(s.sessionReference!, options.reference) : null;
    let margin = 2;
    for (let e = 0; e < raw.nE; e++) margin = Math.max(margin, Math.ceil(Math.abs(shifts.dy[e])) + 2);
    let dropped = 0;
    let bands = 0;
    for (let a = crop.y0; a < crop.y1; a += bandRows) {
      const b = Math.min(a + bandRows, crop.y1);
      const lo = Math.max(0, a - margin);
      const hi = Math.min(raw.ny, b + margin);
      // Rows lo…hi hold every source pixel of rows a…b; the bilinear shift of a row only reads its neighbours.
      const od = opticalDensity(rowsOf(raw, lo, hi), { i0 }).stack;
      let band = rectOf(applyShifts(od, shifts), a - lo, b - lo, crop.x0, crop.x1);
      if (calibration) band = applyEnergyOffset(band, calibration.offset, { grid, outside: "nearest", interpolation: CALIBRATION_INTERPOLATION }).stack;
      const norm = normalizePixels(band, options.normalize);
      const t = toPixelTable([{ stack: norm.stack, brightness: norm.brightness, name: s.name }], options.energyRange ? { energyRange: options.energyRange } : {});
      dropped += t.dropped[0];
      parts.push({ table: t.table, sample: si, yOffset: a - crop.y0 });
      bands++;
    }
    tableSamples.push({ name: s.name, ny: crop.y1 - crop.y0, nx: crop.x1 - crop.x0 });
    reports.push({ name: s.name, i0, shifts, crop, calibration, dropped, bands });
  });
  // Concatenate the bands, in order (the rows come out exactly as preprocessSeries orders them).
  const nE = parts[0].table.nE;
  const nPixels = parts.reduce((n, p) => n + p.table.nPixels, 0);
  const data = new Float64Array(nPixels * nE);
  const sample = new Int32Array(nPixels);
  const xs = new Int32Array(nPixels);
  const ys = new Int32Array(nPixels);
  const brightness = new Float64Array(nPixels);
  let r = 0;
  for (const p of parts) {
    const t = p.table;
    data.set(t.data, r * nE);
    for (let i = 0; i < t.nPixels; i++) {
      sample[r + i] = p.sample;
      xs[r + i] = t.x[i];
      ys[r + i] = t.y[i] + p.yOffset;
      brightness[r + i] = t.brightness[i];
    }
    r += t.nPixels;
  }
  const unfiltered = makePixelTable({ data, nPixels, nE, energies: parts[0].table.energies, sample, x: xs, y: ys, brightness, samples: tableSamples });
  const noise = seriesNoiseFilter(fn, unfiltered, options);
  return { table: noise.table, unfiltered, noise, samples: reports };
}
