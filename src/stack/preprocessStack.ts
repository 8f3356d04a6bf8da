/**
 * The paper's preprocessing of one raw stack in one call: I0 → optical density → alignment →
 * crop to the common area → (optional) energy calibration against a reference. Each step is
 * also its own verb; this records what every step did.
 *
 * @module
 */
import type { Stack } from "../types/stack";
import type { Rect } from "./_util";
import { checkOptions } from "./_util";
import { extractI0, type I0Result } from "./extractI0";
import { opticalDensity } from "./opticalDensity";
import { computeShifts, type ComputeShiftsOptions, type ShiftResult } from "./computeShifts";
import { applyShifts, type ShiftMethod } from "./applyShifts";
import { cropToCommon } from "./cropToCommon";
import { energyOffset, type EnergyOffsetResult } from "./energyOffset";
import type { Spectrum } from "../types/spectrum";
import { applyEnergyOffset } from "./applyEnergyOffset";

/**
 * How the pipelines align: `computeShifts`' options, plus `applyShifts`' kernel (`interpolation`,
 * its `method`, default "lanczos") and `smoothing` (default 1/3; see `ApplyShiftsOptions`).
 */
export type AlignOptions = ComputeShiftsOptions & { interpolation?: ShiftMethod; smoothing?: number };

/** @internal Split {@link AlignOptions} into computeShifts' options and the kernel. */
export function splitAlign(align: AlignOptions | undefined): { compute: ComputeShiftsOptions; shift: { method: ShiftMethod; smoothing?: number } } {
  const { interpolation, smoothing, ...compute } = align ?? {};
  return { compute, shift: { method: interpolation ?? "lanczos", ...(smoothing !== undefined ? { smoothing } : {}) } };
}

/** Options of {@link preprocessStack}. */
export interface PreprocessStackOptions {
  /** Sample-free rectangle for I0. Default: automatic (brightest-flux pixels). */
  freeRegion?: Rect;
  /**
   * The alignment: options of `computeShifts`, plus `interpolation`, the kernel `applyShifts` moves
   * the images with (default "lanczos", see `applyShifts`); `false` = no alignment.
   * Default: the defaults of both.
   */
  align?: AlignOptions | false;
  /**
   * Energy calibration: the reference material as measured in this session (`session`) and on
   * the true energy scale (`reference`); the offset between them is removed and the stack is
   * resampled onto `grid` (default: the stack's own energies) with `interpolation` (default
   * `"cubic"`, which keeps narrow peaks' heights; see `applyEnergyOffset`). Default: no calibration.
   */
  calibrate?: { session: Spectrum; reference: Spectrum; grid?: ArrayLike<number>; interpolation?: "linear" | "cubic" };
}

/** @internal How the series pipelines resample onto the common energy grid after calibration (see `applyEnergyOffset`). */
export const CALIBRATION_INTERPOLATION = "cubic";

/** Result of {@link preprocessStack}. */
export interface PreprocessStackResult {
  /** Aligned, cropped, calibrated optical density `[nE, ny', nx']`. */
  stack: Stack;
  /** The I0 used. */
  i0: I0Result;
  /** Counts ≤ 0 that were floored before the logarithm. */
  nonPositive: number;
  /** The alignment shifts (null when `align: false`). */
  shifts: ShiftResult | null;
  /** The rectangle of the raw image kept after alignment (pixel indices, end exclusive; null when `align: false`). */
  crop: Rect | null;
  /** The energy calibration (null when not asked for). */
  calibration: EnergyOffsetResult | null;
  /** Energies outside the recorded range after calibration (filled with the nearest value). */
  outside: number;
}

/**
 * Preprocess one raw STXM stack (counts) as in Gent et al. 2017, Supplementary Methods.
 * @param raw - raw counts `[nE, ny, nx]`.
 * @param options - {@link PreprocessStackOptions}.
 * @returns the optical-density stack and what each step did.
 * @example
 * const p = preprocessStack(raw, { freeRegion: { x0: 0, y0: 0, x1: 20, y1: 83 } });
 * p.shifts.dx; p.stack.quantity; // "od"
 */
export function preprocessStack(raw: Stack, options: PreprocessStackOptions = {}): PreprocessStackResult {
  checkOptions("preprocessStack", options, ["freeRegion", "align", "calibrate"]);
  const i0 = extractI0(raw, options.freeRegion ? { region: options.freeRegion } : {});
  const od = opticalDensity(raw, { i0 });
  let stack = od.stack;
  let shifts: ShiftResult | null = null;
  let crop: Rect | null = null;
  if (options.align !== false) {
    const { compute, shift } = splitAlign(options.align);
    shifts = computeShifts(stack, compute);
    // the OD stack is this function's own: shifted and cropped in place (bit for bit the values
    // of new arrays), so one stack's memory serves the three steps, as numpy's views and `del`s do
    const cropped = cropToCommon(applyShifts(stack, shifts, { ...shift, out: stack.data as Float64Array }), shifts, { inPlace: true });
    stack = cropped.stack;
    crop = cropped.rect;
  }
  let calibration: EnergyOffsetResult | null = null;
  let outside = 0;
  if (options.calibrate) {
    calibration = energyOffset(options.calibrate.session, options.calibrate.reference);
    const grid = options.calibrate.grid ?? stack.energies;
    // resampled in place in the OD buffer too when the grid fits in it (it starts where the cropped stack does)
    const need = grid?.length * stack.ny * stack.nx;
    const room = od.stack.data.length;
    const out = od.stack.data instanceof Float64Array && need > 0 && need <= room ? od.stack.data.subarray(0, need) : undefined;
    const r = applyEnergyOffset(stack, calibration.offset, {
      grid, outside: "nearest", interpolation: options.calibrate.interpolation ?? CALIBRATION_INTERPOLATION, ...(out ? { out } : {}),
    });
    stack = r.stack;
    outside = r.outside;
  }
  return { stack, i0, nonPositive: od.nonPositive, shifts, crop, calibration, outside };
}
