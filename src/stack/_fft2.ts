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
