import type { Stack } from "../types/stack";
import { RealFft2, fourierShiftImageReal, nextPow2 } from "./_fft2";
import { checkOptions, checkStack, derive } from "./_util";

/** Shifts to apply: per-energy displacements in pixels, as returned by `computeShifts`. */
export interface Shifts {
  /** Displacement of each image's content along x (columns), px, length `nE`. */
  dx: ArrayLike<number>;
  /** Displacement along y (rows), px, length `nE`. */
  dy: ArrayLike<number>;
}

/** Options of {@link applyShifts}. */
export interface ApplyShiftsOptions {
  /** "bilinear" (default; local, no ringing) or "fourier" (phase ramp on an edge-padded image; exact for band-limited images). */
  method?: "bilinear" | "fourier";
  /** Value of pixels that come from outside the recorded image: a number, or NaN (default). Crop them with `cropToCommon`. */
  fill?: number;
}

/**
 * Move every image back by its drift: `out[e](y, x) = in[e](y + dy[e], x + dx[e])`, interpolated.
 * Pixels whose source lies outside the image get `fill` (NaN by default).
 * Memory: one output array the size of the input (Float64).
 *
 * @param stack - shape `[nE, ny, nx]`.
 * @param shifts - {@link Shifts} in pixels (e.g. a `ShiftResult`).
 * @param options - {@link ApplyShiftsOptions}.
 * @returns a new aligned stack; `metadata.shifts` records the shifts used.
 * @example
 * const aligned = cropToCommon(applyShifts(od, computeShifts(od)), shifts).stack;
 */
export function applyShifts(stack: Stack, shifts: Shifts, options: ApplyShiftsOptions = {}): Stack {
  const fn = "applyShifts";
  checkOptions(fn, options, ["method", "fill"]);
  checkStack(fn, stack);
  const { nE, ny, nx } = stack;
  if (!shifts || !shifts.dx || !shifts.dy || shifts.dx.length !== nE || shifts.dy.length !== nE) {
    throw new RangeError(`${fn}: shifts must have dx and dy of length nE = ${nE}, got ${shifts?.dx?.length} and ${shifts?.dy?.length}`);
  }
  for (let e = 0; e < nE; e++) {
    if (!Number.isFinite(shifts.dx[e]) || !Number.isFinite(shifts.dy[e])) {
      throw new RangeError(`${fn}: shift at energy index ${e} is (${shifts.dx[e]}, ${shifts.dy[e]}); expected finite numbers`);
    }
  }
  const method = options.method ?? "bilinear";
  if (method !== "bilinear" && method !== "fourier") throw new Error(`${fn}: option "method" must be "bilinear" or "fourier", got ${JSON.stringify(method)}`);
  const fill = options.fill ?? NaN;
  if (typeof fill !== "number") throw new TypeError(`${fn}: option "fill" must be a number (NaN allowed), got ${typeof fill}`);
  const n = ny * nx;
  const d = stack.data;
  const out = new Float64Array(d.length);
  const inside = (y: number, x: number): boolean => y >= -1e-9 && y <= ny - 1 + 1e-9 && x >= -1e-9 && x <= nx - 1 + 1e-9;
  if (method === "bilinear") {
    for (let e = 0; e < nE; e++) {
      const off = e * n;
      const sx = shifts.dx[e];
      const sy = shifts.dy[e];
      for (let y = 0; y < ny; y++) {
        const fy = y + sy;
        const y0 = Math.min(Math.max(Math.floor(fy), 0), Math.max(ny - 2, 0));
        const ty = fy - y0;
        for (let x = 0; x < nx; x++) {
          const fx = x + sx;
          if (!inside(fy, fx)) {
            out[off + y * nx + x] = fill;
            continue;
          }
          const x0 = Math.min(Math.max(Math.floor(fx), 0), Math.max(nx - 2, 0));
          const tx = fx - x0;
          const x1 = Math.min(x0 + 1, nx - 1);
          const y1 = Math.min(y0 + 1, ny - 1);
          const a = d[off + y0 * nx + x0];
          const b = d[off + y0 * nx + x1];
          const c = d[off + y1 * nx + x0];
          const dd = d[off + y1 * nx + x1];
          out[off + y * nx + x] = (1 - ty) * ((1 - tx) * a + tx * b) + ty * ((1 - tx) * c + tx * dd);
        }
      }
    }
  } else {
    const fft = new RealFft2(nextPow2(ny + 8), nextPow2(nx + 8));
    for (let e = 0; e < nE; e++) {
      const off = e * n;
      const sx = shifts.dx[e];
      const sy = shifts.dy[e];
      const img = fourierShiftImageReal(d.subarray(off, off + n), ny, nx, sx, sy, fft);
      for (let y = 0; y < ny; y++) {
        for (let x = 0; x < nx; x++) out[off + y * nx + x] = inside(y + sy, x + sx) ? img[y * nx + x] : fill;
      }
    }
  }
  return derive(stack, { data: out, metadata: { shifts: { dx: Array.from(shifts.dx), dy: Array.from(shifts.dy) } } });
}
