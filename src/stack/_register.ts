/**
 * The registration of one image against a reference spectrum by phase correlation: the core of
 * `computeShifts`, in a class of its own so that worker threads run the same code
 * (`_registerThreads.ts`). Internal to the stack module.
 * @internal
 * @module
 */
import { RealFft2, fourierShiftImageReal, freq, nextPow2 } from "./_fft2";

/** Everything a {@link Registrar} needs (plain data: it is posted to worker threads). */
export interface RegisterParams {
  /** Region height and width (px). */
  h: number;
  w: number;
  /** Apodisation weights along y (length h) and x (length w). */
  wy: Float64Array;
  wx: Float64Array;
  /** Width (px) of the Gaussian that shapes the correlation peak. */
  sigma: number;
  /** true: phase correlation (normalised cross-power); false: plain cross-correlation. */
  phase: boolean;
  subpixel: "gaussian" | "parabolic" | "centroid";
  /** Largest shift searched along each axis (px). */
  maxShift: number;
  /** Refinement passes (Fourier shift by the estimate, register again). */
  refine: number;
}

/** Sub-pixel offset of a peak from 3 samples (m, c0, p) around it: a parabola through the logarithms ("gaussian", when all are > 0) or the values. */
function peakOffset(m: number, c0: number, p: number, gaussian: boolean): number {
  if (gaussian && m > 0 && c0 > 0 && p > 0) {
    const lm = Math.log(m);
    const l0 = Math.log(c0);
    const lp = Math.log(p);
    const den = lm - 2 * l0 + lp;
    return den < 0 ? (0.5 * (lm - lp)) / den : 0;
  }
  const den = m - 2 * c0 + p;
  return den < 0 ? (0.5 * (m - p)) / den : 0;
}

/**
 * Registers h × w images to a reference: mean-subtracted, apodised, zero-padded to powers of two
 * (py × px), real-input FFTs with half spectra, a Gaussian-shaped correlation peak, only the
 * correlation rows within `maxShift` transformed back, a 3-point sub-pixel fit, then `refine`
 * passes on the image Fourier-shifted by the estimate. Every buffer is allocated once; one
 * instance per thread.
 */
export class Registrar {
  readonly p: RegisterParams;
  readonly py: number;
  readonly px: number;
  private readonly fft: RealFft2;
  private readonly shiftFft: RealFft2;
  private readonly gauss: Float64Array;
  /** Σ of the Gaussian over the full spectrum (the peak height of a perfect match × py·px) */
  private readonly total: number;
  private readonly limY: number;
  private readonly limX: number;
  /** correlation rows −limY − 1 … limY + 1 (modulo py), and their values (row i = shift i − limY − 1) */
  private readonly rowsNeeded: Int32Array;
  private readonly corr: Float64Array;
  private readonly work: Float64Array;
  private readonly padded: Float64Array;
  private readonly moved: Float64Array;
  private readonly fMove: Float64Array;

  constructor(p: RegisterParams) {
    this.p = p;
    this.py = nextPow2(p.h);
    this.px = nextPow2(p.w);
    const { py, px } = this;
    this.fft = new RealFft2(py, px);
    const hx = this.fft.hx;
    this.shiftFft = new RealFft2(nextPow2(p.h + 8), nextPow2(p.w + 8));
    const g2 = -2 * Math.PI * Math.PI * p.sigma * p.sigma;
    this.gauss = new Float64Array(py * hx);
    let total = 0;
    for (let ky = 0; ky < py; ky++) {
      const fy = freq(ky, py);
      for (let kx = 0; kx < px; kx++) {
        const fx = freq(kx, px);
        const g = Math.exp(g2 * (fx * fx + fy * fy));
        total += g;
        if (kx < hx) this.gauss[ky * hx + kx] = g;
      }
    }
    this.total = total;
    this.limY = Math.min(Math.floor(p.maxShift), py / 2 - 1);
    this.limX = Math.min(Math.floor(p.maxShift), px / 2 - 1);
    this.rowsNeeded = new Int32Array(2 * this.limY + 3);
    for (let i = 0; i < this.rowsNeeded.length; i++) this.rowsNeeded[i] = (i - this.limY - 1 + py) % py;
    this.corr = new Float64Array(this.rowsNeeded.length * px);
    this.work = this.newSpectrum();
    this.padded = new Float64Array(py * px);
    this.moved = new Float64Array(p.h * p.w);
    this.fMove = this.newSpectrum();
  }

  /** A zeroed half spectrum `[py, px/2 + 1]` (interleaved complex). */
  newSpectrum(): Float64Array {
    return new Float64Array(2 * this.py * this.fft.hx);
  }

  /** The apodised, mean-subtracted, zero-padded spectrum of an h × w image (NaN = the mean), into `out`. */
  spectrum(src: Float64Array, out: Float64Array): Float64Array {
    const { h, w, wy, wx } = this.p;
    const { px, padded } = this;
    let s = 0;
    let c = 0;
    for (let i = 0; i < h * w; i++) {
      const v = src[i];
      if (Number.isFinite(v)) {
        s += v;
        c++;
      }
    }
    const mean = c > 0 ? s / c : 0;
    for (let y = 0; y < h; y++) {
      const wyy = wy[y];
      for (let x = 0; x < w; x++) {
        const v = src[y * w + x];
        padded[y * px + x] = (Number.isFinite(v) ? v - mean : 0) * wyy * wx[x];
      }
      padded.fill(0, y * px + w, (y + 1) * px);
    }
    // the padded image is the FFT's working memory (rows < h rewritten on every call)
    return this.fft.forward(padded, h, out, true);
  }

  /** Shift [sx, sy] (px) and peak height of the image whose spectrum is `fMove`, relative to `fRef`. */
  private correlate(fMove: Float64Array, fRef: Float64Array): [number, number, number] {
    const { py, px, work, gauss, corr, limY, limX } = this;
    const phase = this.p.phase;
    let maxMag = 0;
    const m2 = py * this.fft.hx;
    for (let k = 0; k < m2; k++) {
      const ar = fMove[2 * k];
      const ai = fMove[2 * k + 1];
      const br = fRef[2 * k];
      const bi = fRef[2 * k + 1];
      const re = ar * br + ai * bi;
      const im = ai * br - ar * bi;
      work[2 * k] = re;
      work[2 * k + 1] = im;
      const m = re * re + im * im;
      if (m > maxMag) maxMag = m;
    }
    const eps = 1e-12 * Math.sqrt(maxMag) + Number.MIN_VALUE;
    for (let k = 0; k < m2; k++) {
      const re = work[2 * k];
      const im = work[2 * k + 1];
      const scale = (phase ? 1 / (Math.sqrt(re * re + im * im) + eps) : 1) * gauss[k];
      work[2 * k] = re * scale;
      work[2 * k + 1] = im * scale;
    }
    this.fft.inverseRows(work, this.rowsNeeded, corr);
    let by = 0;
    let bx = 0;
    let bv = -Infinity;
    for (let sy = -limY; sy <= limY; sy++) {
      const row = (sy + limY + 1) * px;
      for (let sx = -limX; sx <= limX; sx++) {
        const v = corr[row + (sx < 0 ? sx + px : sx)];
        if (v > bv) {
          bv = v;
          by = sy;
          bx = sx;
        }
      }
    }
    const cAt = (y: number, x: number): number => corr[(y + limY + 1) * px + (((x % px) + px) % px)];
    let ox: number;
    let oy: number;
    if (this.p.subpixel === "centroid") {
      let sw = 0;
      let swx = 0;
      let swy = 0;
      for (let j = -1; j <= 1; j++) {
        for (let i = -1; i <= 1; i++) {
          const v = Math.max(0, cAt(by + j, bx + i));
          sw += v;
          swx += v * i;
          swy += v * j;
        }
      }
      ox = sw > 0 ? swx / sw : 0;
      oy = sw > 0 ? swy / sw : 0;
    } else {
      const gaussian = this.p.subpixel === "gaussian";
      ox = peakOffset(cAt(by, bx - 1), bv, cAt(by, bx + 1), gaussian);
      oy = peakOffset(cAt(by - 1, bx), bv, cAt(by + 1, bx), gaussian);
    }
    const peak = phase ? (bv * py * px) / this.total : bv;
    return [bx + Math.max(-0.5, Math.min(0.5, ox)), by + Math.max(-0.5, Math.min(0.5, oy)), peak];
  }

  /**
   * Register the h × w image `img` (spectrum `fImg`, e.g. from {@link spectrum}; not changed) to
   * the reference spectrum `fRef`, with the refinement passes: [dx, dy, peak].
   */
  register(img: Float64Array, fImg: Float64Array, fRef: Float64Array): [number, number, number] {
    let [sx, sy, pk] = this.correlate(fImg, fRef);
    for (let it = 0; it < this.p.refine; it++) {
      fourierShiftImageReal(img, this.p.h, this.p.w, sx, sy, this.shiftFft, this.moved);
      const [rx, ry, p2] = this.correlate(this.spectrum(this.moved, this.fMove), fRef);
      sx += rx;
      sy += ry;
      pk = p2;
    }
    return [sx, sy, pk];
  }

  /** {@link register} of an image given alone (its spectrum computed here). */
  registerImage(img: Float64Array, fRef: Float64Array): [number, number, number] {
    return this.register(img, this.spectrum(img, this.fMove), fRef);
  }
}
