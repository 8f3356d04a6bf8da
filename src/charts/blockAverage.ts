/**
 * Downsample an image by averaging f × f blocks, ignoring NaN.
 * @module
 */
import { checkInt, checkLength, checkOptions } from "./util";

/** Options of {@link blockAverage}. */
export interface BlockAverageOptions {
  /** Block side in pixels (1 = copy). Required. */
  factor: number;
}

/** Result of {@link blockAverage}. */
export interface BlockAveraged {
  /** Averaged image, shape `[ny, nx]`, index `y·nx + x`; NaN where a block has no finite pixel. */
  image: Float64Array;
  /** Rows, `ceil(ny_in / factor)`. */
  ny: number;
  /** Columns, `ceil(nx_in / factor)`. */
  nx: number;
  /** The block side used. */
  factor: number;
}

/**
 * Average `factor × factor` blocks of an image (the last row/column of blocks may be smaller).
 * NaN pixels (no data) are left out of each mean; a block with no finite pixel is NaN.
 *
 * @param image - values, shape `[ny, nx]`, row-major (index `y·nx + x`).
 * @param ny - rows.
 * @param nx - columns.
 * @param options - {@link BlockAverageOptions}.
 * @returns {@link BlockAveraged} (a new image; the input is not changed).
 * @throws RangeError when `image.length ≠ ny·nx` or `factor` < 1.
 * @example
 * blockAverage(Float64Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16]), 4, 4, { factor: 2 }).image;
 * // Float64Array [3.5, 5.5, 11.5, 13.5]
 */
export function blockAverage(image: ArrayLike<number>, ny: number, nx: number, options: BlockAverageOptions): BlockAveraged {
  const fn = "blockAverage";
  checkOptions(fn, options, ["factor"]);
  checkInt(fn, "ny", ny, 1);
  checkInt(fn, "nx", nx, 1);
  checkLength(fn, "image", image, ny * nx, `[ny=${ny}, nx=${nx}]`);
  const f = checkInt(fn, "option factor", options?.factor, 1);
  const my = Math.ceil(ny / f);
  const mx = Math.ceil(nx / f);
  const sum = new Float64Array(my * mx);
  const cnt = new Float64Array(my * mx);
  for (let y = 0; y < ny; y++) {
    const by = Math.floor(y / f) * mx;
    for (let x = 0; x < nx; x++) {
      const v = image[y * nx + x];
      if (!Number.isFinite(v)) continue;
      const b = by + Math.floor(x / f);
      sum[b] += v;
      cnt[b]++;
    }
  }
  const out = new Float64Array(my * mx);
  for (let i = 0; i < out.length; i++) out[i] = cnt[i] > 0 ? sum[i] / cnt[i] : NaN;
  return { image: out, ny: my, nx: mx, factor: f };
}
