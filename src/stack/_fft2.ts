/**
 * A small 2-D FFT over power-of-two sizes, built on the 1-D radix-4 transform of `fft.js`
 * (rows, then columns). Internal to the stack module.
 * @internal
 * @module
 */
import FFT from "fft.js";

/** Smallest power of two ≥ n (and ≥ 2). */
export function nextPow2(n: number): number {
  let p = 2;
  while (p < n) p *= 2;
  return p;
}

/** 2-D complex FFT of shape `[py, px]` (both powers of two); data interleaved re/im, row-major. */
export class Fft2 {
  readonly py: number;
  readonly px: number;
  private readonly fx: FFT;
  private readonly fy: FFT;
  private readonly bufIn: Float64Array;
  private readonly bufOut: Float64Array;

  constructor(py: number, px: number) {
    this.py = py;
    this.px = px;
    this.fx = new FFT(px);
    this.fy = new FFT(py);
    const m = Math.max(px, py);
    this.bufIn = new Float64Array(2 * m);
    this.bufOut = new Float64Array(2 * m);
  }

  /** In-place forward (`inverse = false`) or inverse (scaled by 1/(py·px)) transform. */
  transform(c: Float64Array, inverse = false): void {
    const { px, py, bufIn, bufOut } = this;
    // rows
    for (let y = 0; y < py; y++) {
      const off = 2 * y * px;
      const row = c.subarray(off, off + 2 * px);
      const outRow = bufOut.subarray(0, 2 * px);
      if (inverse) this.fx.inverseTransform(outRow, row);
      else this.fx.transform(outRow, row);
      row.set(outRow);
    }
    // columns
    const colIn = bufIn.subarray(0, 2 * py);
    const colOut = bufOut.subarray(0, 2 * py);
    for (let x = 0; x < px; x++) {
      for (let y = 0; y < py; y++) {
        colIn[2 * y] = c[2 * (y * px + x)];
        colIn[2 * y + 1] = c[2 * (y * px + x) + 1];
      }
      if (inverse) this.fy.inverseTransform(colOut, colIn);
      else this.fy.transform(colOut, colIn);
      for (let y = 0; y < py; y++) {
        c[2 * (y * px + x)] = colOut[2 * y];
        c[2 * (y * px + x) + 1] = colOut[2 * y + 1];
      }
    }
    // fft.js inverseTransform already divides by the 1-D size, so the 2-D inverse is normalised.
  }
}

/** Signed frequency (cycles per sample) of bin k of an n-point FFT. */
export function freq(k: number, n: number): number {
  return (k < n / 2 ? k : k - n) / n;
}

/**
 * 2-D FFT of real images, keeping the half spectrum `kx = 0 … px/2` (Hermitian symmetry):
 * rows by `fft.js`' real transform (zero rows skipped), then complex columns. The inverse
 * returns only the requested rows of the real result. About half the work of {@link Fft2}.
 */
export class RealFft2 {
  readonly py: number;
  readonly px: number;
  /** Number of kept columns, px/2 + 1. */
  readonly hx: number;
  private readonly fx: FFT;
  private readonly fy: FFT;
  private readonly row: Float64Array;
  private readonly rowOut: Float64Array;
  private readonly colIn: Float64Array;
  private readonly colOut: Float64Array;

  constructor(py: number, px: number) {
    this.py = py;
    this.px = px;
    this.hx = px / 2 + 1;
    this.fx = new FFT(px);
    this.fy = new FFT(py);
    this.row = new Float64Array(2 * px);
    this.rowOut = new Float64Array(2 * px);
    this.colIn = new Float64Array(2 * py);
    this.colOut = new Float64Array(2 * py);
  }

  /** Half spectrum `[py, hx]` (interleaved complex) of a real image `[py, px]` whose rows ≥ `rows` are zero. */
  forward(real: Float64Array, rows: number = this.py): Float64Array {
    const { py, px, hx, rowOut, colIn, colOut } = this;
    const H = new Float64Array(2 * py * hx);
    for (let y = 0; y < rows; y++) {
      this.fx.realTransform(rowOut, real.subarray(y * px, (y + 1) * px));
      H.set(rowOut.subarray(0, 2 * hx), 2 * y * hx);
    }
    for (let kx = 0; kx < hx; kx++) {
      for (let y = 0; y < py; y++) {
        colIn[2 * y] = H[2 * (y * hx + kx)];
        colIn[2 * y + 1] = H[2 * (y * hx + kx) + 1];
      }
      this.fy.transform(colOut, colIn);
      for (let y = 0; y < py; y++) {
        H[2 * (y * hx + kx)] = colOut[2 * y];
        H[2 * (y * hx + kx) + 1] = colOut[2 * y + 1];
      }
    }
    return H;
  }

  /**
   * Real inverse of a half spectrum (changed in place by the column pass), only for the rows
   * listed; returns a map from row index to a row of length px.
   */
  inverseRows(H: Float64Array, rows: readonly number[]): Map<number, Float64Array> {
    const { py, px, hx, row, rowOut, colIn, colOut } = this;
    for (let kx = 0; kx < hx; kx++) {
      for (let y = 0; y < py; y++) {
        colIn[2 * y] = H[2 * (y * hx + kx)];
        colIn[2 * y + 1] = H[2 * (y * hx + kx) + 1];
      }
      this.fy.inverseTransform(colOut, colIn);
      for (let y = 0; y < py; y++) {
        H[2 * (y * hx + kx)] = colOut[2 * y];
        H[2 * (y * hx + kx) + 1] = colOut[2 * y + 1];
      }
    }
    const out = new Map<number, Float64Array>();
    for (const y of rows) {
      if (out.has(y)) continue;
      for (let k = 0; k < hx; k++) {
        row[2 * k] = H[2 * (y * hx + k)];
        row[2 * k + 1] = H[2 * (y * hx + k) + 1];
      }
      for (let k = hx; k < px; k++) {
        row[2 * k] = H[2 * (y * hx + px - k)];
        row[2 * k + 1] = -H[2 * (y * hx + px - k) + 1];
      }
      this.fx.inverseTransform(rowOut, row);
      const r = new Float64Array(px);
      for (let x = 0; x < px; x++) r[x] = rowOut[2 * x];
      out.set(y, r);
    }
    return out;
  }
}

/**
 * Shift an image by a sub-pixel amount with a Fourier phase ramp: `out(y, x) = in(y + sy, x + sx)`.
 * The image is padded (to the {@link RealFft2}'s size, ≥ ny + 8 by nx + 8) with a linear blend from
 * its last row/column back to its first, so the periodic extension has no jump (little ringing).
 * NaN values count as 0.
 */
export function fourierShiftImageReal(img: ArrayLike<number>, ny: number, nx: number, sx: number, sy: number, f: RealFft2): Float64Array {
  const { py, px, hx } = f;
  const buf = new Float64Array(py * px);
  const val = (y: number, x: number): number => {
    const v = img[y * nx + x];
    return Number.isFinite(v) ? v : 0;
  };
  for (let y = 0; y < ny; y++) {
    for (let x = 0; x < px; x++) {
      const tx = x < nx ? 0 : (x - nx + 1) / (px - nx + 1);
      buf[y * px + x] = x < nx ? val(y, x) : (1 - tx) * val(y, nx - 1) + tx * val(y, 0);
    }
  }
  for (let y = ny; y < py; y++) {
    const ty = (y - ny + 1) / (py - ny + 1);
    for (let x = 0; x < px; x++) buf[y * px + x] = (1 - ty) * buf[(ny - 1) * px + x] + ty * buf[x];
  }
  const H = f.forward(buf);
  const cx = new Float64Array(hx);
  const sxv = new Float64Array(hx);
  for (let kx = 0; kx < hx; kx++) {
    cx[kx] = Math.cos(2 * Math.PI * freq(kx, px) * sx);
    sxv[kx] = Math.sin(2 * Math.PI * freq(kx, px) * sx);
  }
  for (let ky = 0; ky < py; ky++) {
    const cy = Math.cos(2 * Math.PI * freq(ky, py) * sy);
    const sy1 = Math.sin(2 * Math.PI * freq(ky, py) * sy);
    for (let kx = 0; kx < hx; kx++) {
      const c = cx[kx] * cy - sxv[kx] * sy1;
      const s = cx[kx] * sy1 + sxv[kx] * cy;
      const k = 2 * (ky * hx + kx);
      const re = H[k];
      const im = H[k + 1];
      H[k] = re * c - im * s;
      H[k + 1] = re * s + im * c;
    }
  }
  const rows = f.inverseRows(H, Array.from({ length: ny }, (_, y) => y));
  const out = new Float64Array(ny * nx);
  for (let y = 0; y < ny; y++) out.set((rows.get(y) as Float64Array).subarray(0, nx), y * nx);
  return out;
}
