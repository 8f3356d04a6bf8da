/**
 * A small 2-D FFT of real images over power-of-two sizes (internal to the stack module).
 *
 * Rows: each real row of length px is packed as px/2 complex values (even samples real, odd
 * imaginary), transformed by a radix-2 complex FFT and unpacked into the half spectrum
 * kx = 0 … px/2. Columns: the butterflies of the length-py transform are applied to whole rows
 * of the half spectrum at once (the inner loop runs along a row, contiguous in memory), so no
 * column is ever gathered or scattered. Twiddles and bit-reversal tables are computed once per
 * length and cached.
 * @internal
 * @module
 */

/** Smallest power of two ≥ n (and ≥ 2). */
export function nextPow2(n: number): number {
  let p = 2;
  while (p < n) p *= 2;
  return p;
}

/** Signed frequency (cycles per sample) of bin k of an n-point FFT (Nyquist at −0.5). */
export function freq(k: number, n: number): number {
  return (k < n / 2 ? k : k - n) / n;
}

/** Twiddles cos/sin(2πk/n), k < n/2, and the bit-reversal permutation of a complex FFT of length n (a power of two). */
interface ComplexPlan {
  n: number;
  cos: Float64Array;
  sin: Float64Array;
  rev: Int32Array;
}

const plans = new Map<number, ComplexPlan>();

function planOf(n: number): ComplexPlan {
  let p = plans.get(n);
  if (p) return p;
  const h = Math.max(1, n >> 1);
  const cos = new Float64Array(h);
  const sin = new Float64Array(h);
  for (let k = 0; k < h; k++) {
    cos[k] = Math.cos((2 * Math.PI * k) / n);
    sin[k] = Math.sin((2 * Math.PI * k) / n);
  }
  const rev = new Int32Array(n);
  let bits = 0;
  while (1 << bits < n) bits++;
  for (let i = 0; i < n; i++) {
    let r = 0;
    for (let b = 0; b < bits; b++) if (i & (1 << b)) r |= 1 << (bits - 1 - b);
    rev[i] = r;
  }
  p = { n, cos, sin, rev };
  plans.set(n, p);
  return p;
}

/** Whether n (a power of two) is an odd power: one plain radix-2 stage precedes the radix-4 ones. */
function oddPower(n: number): boolean {
  let k = 0;
  while (1 << k < n) k++;
  return (k & 1) === 1;
}

/**
 * Two radix-2 stages at once on the complex values at d[i0], d[i0 + step], d[i0 + 2·step],
 * d[i0 + 3·step] (interleaved re, im): the first stage's twiddle (ar, ai) pairs 0–1 and 2–3, the
 * second's (br, bi) pairs 0–2, and 1–3 with that twiddle times ±i (`sign` = ∓1).
 */
function radix4(d: Float64Array, i0: number, step: number, ar: number, ai: number, br: number, bi: number, sign: number): void {
  const i1 = i0 + step;
  const i2 = i1 + step;
  const i3 = i2 + step;
  const x1r = d[i1], x1i = d[i1 + 1], x3r = d[i3], x3i = d[i3 + 1];
  const t1r = x1r * ar - x1i * ai, t1i = x1r * ai + x1i * ar;
  const t3r = x3r * ar - x3i * ai, t3i = x3r * ai + x3i * ar;
  const x0r = d[i0], x0i = d[i0 + 1], x2r = d[i2], x2i = d[i2 + 1];
  const a0r = x0r + t1r, a0i = x0i + t1i, a1r = x0r - t1r, a1i = x0i - t1i;
  const a2r = x2r + t3r, a2i = x2i + t3i, a3r = x2r - t3r, a3i = x2i - t3i;
  const u2r = a2r * br - a2i * bi, u2i = a2r * bi + a2i * br;
  const u3r = a3r * br - a3i * bi, u3i = a3r * bi + a3i * br;
  const v3r = -sign * u3i, v3i = sign * u3r;
  d[i0] = a0r + u2r;
  d[i0 + 1] = a0i + u2i;
  d[i2] = a0r - u2r;
  d[i2 + 1] = a0i - u2i;
  d[i1] = a1r + v3r;
  d[i1 + 1] = a1i + v3i;
  d[i3] = a1r - v3r;
  d[i3 + 1] = a1i - v3i;
}

/**
 * In-place complex FFT of length `p.n` of the interleaved values `d[o … o + 2n)` (unscaled);
 * `sign` −1 = forward (e^{−2πi…}), +1 = inverse. Decimation in time: bit-reversal, then the
 * radix-2 stages two at a time (radix 4: each pass reads and writes every value once).
 */
function fftRow(d: Float64Array, o: number, p: ComplexPlan, sign: number): void {
  const n = p.n;
  if (n < 2) return;
  const rev = p.rev;
  for (let i = 0; i < n; i++) {
    const j = rev[i];
    if (j > i) {
      const a = o + 2 * i;
      const b = o + 2 * j;
      const tr = d[a];
      const ti = d[a + 1];
      d[a] = d[b];
      d[a + 1] = d[b + 1];
      d[b] = tr;
      d[b + 1] = ti;
    }
  }
  let half = 1;
  if (oddPower(n)) {
    for (let a = o, e = o + 2 * n; a < e; a += 4) {
      const ur = d[a];
      const ui = d[a + 1];
      const vr = d[a + 2];
      const vi = d[a + 3];
      d[a] = ur + vr;
      d[a + 1] = ui + vi;
      d[a + 2] = ur - vr;
      d[a + 3] = ui - vi;
    }
    half = 2;
  }
  const cs = p.cos;
  const sn = p.sin;
  const end = o + 2 * n;
  for (; half < n; half *= 4) {
    // stages `half` and `2·half` fused: rows r, r + half, r + 2·half, r + 3·half of each group of 4·half
    const stepA = n / (2 * half);
    const stepB = stepA / 2;
    const h2 = 2 * half;
    const span = 8 * half;
    for (let j = 0; j < half; j++) {
      const ar = cs[j * stepA];
      const ai = sign * sn[j * stepA];
      const br = cs[j * stepB];
      const bi = sign * sn[j * stepB];
      for (let i0 = o + 2 * j; i0 < end; i0 += span) radix4(d, i0, h2, ar, ai, br, bi, sign);
    }
  }
}

/**
 * In-place complex FFT of length `p.n` down every column of `d` (`p.n` rows of `width` interleaved
 * complex values, row-major, unscaled): each butterfly combines whole rows, so the inner loop
 * runs along contiguous memory. Radix 4 as {@link fftRow}.
 */
function fftColumns(d: Float64Array, width: number, p: ComplexPlan, sign: number): void {
  const n = p.n;
  const w2 = 2 * width;
  const rev = p.rev;
  for (let i = 0; i < n; i++) {
    const j = rev[i];
    if (j > i) {
      for (let a = i * w2, b = j * w2, e = a + w2; a < e; a++, b++) {
        const t = d[a];
        d[a] = d[b];
        d[b] = t;
      }
    }
  }
  let half = 1;
  if (oddPower(n)) {
    for (let r = 0; r < n; r += 2) {
      for (let a = r * w2, c = a + w2, e = a + w2; a < e; a++, c++) {
        const u = d[a];
        const v = d[c];
        d[a] = u + v;
        d[c] = u - v;
      }
    }
    half = 2;
  }
  const cs = p.cos;
  const sn = p.sin;
  for (; half < n; half *= 4) {
    const stepA = n / (2 * half);
    const stepB = stepA / 2;
    const hw = half * w2;
    for (let j = 0; j < half; j++) {
      const ar = cs[j * stepA];
      const ai = sign * sn[j * stepA];
      const br = cs[j * stepB];
      const bi = sign * sn[j * stepB];
      for (let r = j; r < n; r += 4 * half) {
        for (let i0 = r * w2, e = i0 + w2; i0 < e; i0 += 2) radix4(d, i0, hw, ar, ai, br, bi, sign);
      }
    }
  }
}

/**
 * 2-D FFT of real images `[py, px]` (powers of two), keeping the half spectrum `kx = 0 … px/2`
 * (Hermitian symmetry), interleaved complex `[py, hx]`. The inverse returns only the requested
 * rows of the real result. Buffers are reused: one instance per thread of work.
 */
export class RealFft2 {
  readonly py: number;
  readonly px: number;
  /** Number of kept columns, px/2 + 1. */
  readonly hx: number;
  private readonly m: number;
  private readonly rowPlan: ComplexPlan;
  private readonly colPlan: ComplexPlan;
  /** cos/sin(2πk/px), k = 0 … px/2: the unpacking twiddles of the real row transform */
  private readonly wc: Float64Array;
  private readonly ws: Float64Array;
  /** one packed row (px doubles) */
  private readonly z: Float64Array;
  private shiftBufs?: { pad: Float64Array; spectrum: Float64Array; rows: Int32Array };

  constructor(py: number, px: number) {
    if (!(py >= 2 && px >= 2 && (py & (py - 1)) === 0 && (px & (px - 1)) === 0)) throw new RangeError(`RealFft2: sizes must be powers of two ≥ 2, got ${py} × ${px}`);
    this.py = py;
    this.px = px;
    this.m = px / 2;
    this.hx = this.m + 1;
    this.rowPlan = planOf(this.m);
    this.colPlan = planOf(py);
    this.wc = new Float64Array(this.hx);
    this.ws = new Float64Array(this.hx);
    for (let k = 0; k <= this.m; k++) {
      this.wc[k] = Math.cos((2 * Math.PI * k) / px);
      this.ws[k] = Math.sin((2 * Math.PI * k) / px);
    }
    this.z = new Float64Array(px);
  }

  /**
   * Half spectrum `[py, hx]` (interleaved complex, length 2·py·hx) of a real image `[py, px]`
   * (row-major) whose rows ≥ `rows` are zero; written into `out` when given (else a new array).
   * With `scratch`, the image (then a Float64Array) is used as working memory and overwritten.
   */
  forward(real: ArrayLike<number>, rows: number = this.py, out?: Float64Array, scratch = false): Float64Array {
    const { py, px, hx, m, wc, ws } = this;
    const H = out ?? new Float64Array(2 * py * hx);
    if (H.length < 2 * py * hx) throw new RangeError(`RealFft2.forward: out has ${H.length} values, expected ${2 * py * hx}`);
    const inPlace = scratch && real instanceof Float64Array;
    for (let y = 0; y < rows; y++) {
      let z = this.z;
      let r = 0;
      if (inPlace) {
        z = real as Float64Array;
        r = y * px;
      } else for (let i = 0, src = y * px; i < px; i++) z[i] = real[src + i];
      fftRow(z, r, this.rowPlan, -1);
      // X[k] = E[k] + W^k O[k]; E = (Z[k] + conj Z[m−k]) / 2, O = (Z[k] − conj Z[m−k]) / 2i, W = e^{−2πi/px}
      const o = 2 * y * hx;
      for (let k = 0; k <= m; k++) {
        const a = r + 2 * (k === m ? 0 : k);
        const b = r + 2 * (k === 0 ? 0 : m - k);
        const zr = z[a];
        const zi = z[a + 1];
        const cr = z[b];
        const ci = -z[b + 1];
        const er = 0.5 * (zr + cr);
        const ei = 0.5 * (zi + ci);
        const or = 0.5 * (zi - ci);
        const oi = -0.5 * (zr - cr);
        const c = wc[k];
        const s = -ws[k];
        H[o + 2 * k] = er + c * or - s * oi;
        H[o + 2 * k + 1] = ei + c * oi + s * or;
      }
    }
    H.fill(0, 2 * rows * hx, 2 * py * hx);
    fftColumns(H, hx, this.colPlan, -1);
    return H;
  }

  /** @internal Working memory of {@link fourierShiftImageReal}: an image `[py, px]` and a half spectrum. */
  shiftBuffers(): { pad: Float64Array; spectrum: Float64Array } {
    this.shiftBufs ??= { pad: new Float64Array(this.py * this.px), spectrum: new Float64Array(2 * this.py * this.hx), rows: Int32Array.from({ length: this.py }, (_, i) => i) };
    return this.shiftBufs;
  }

  /** @internal The row indices 0 … n − 1 (n ≤ py). */
  firstRows(n: number): Int32Array {
    return this.shiftBuffers() && (this.shiftBufs as { rows: Int32Array }).rows.subarray(0, n);
  }

  /**
   * Real inverse (scaled by 1/(py·px)) of a half spectrum `H` (changed in place by the column
   * pass), only for the rows listed: row `rows[i]` of the image goes to `out[i·px … (i+1)·px)`
   * (a new array of rows.length·px values when `out` is not given). Along x the half spectrum is
   * completed Hermitian from its columns kx = 1 … px/2 − 1 (the imaginary parts of the columns 0
   * and px/2 do not contribute: the real part of the full complex inverse).
   */
  inverseRows(H: Float64Array, rows: ArrayLike<number>, out?: Float64Array): Float64Array {
    const { py, px, hx, m, z, wc, ws } = this;
    const res = out ?? new Float64Array(rows.length * px);
    if (res.length < rows.length * px) throw new RangeError(`RealFft2.inverseRows: out has ${res.length} values, expected ${rows.length * px}`);
    fftColumns(H, hx, this.colPlan, 1);
    const scale = 1 / (py * m);
    for (let i = 0; i < rows.length; i++) {
      const y = rows[i];
      if (!(y >= 0 && y < py)) throw new RangeError(`RealFft2.inverseRows: row ${y} outside [0, ${py})`);
      const o = 2 * y * hx;
      // Z[k] = E[k] + i O[k]; E = (X[k] + conj X[m−k]) / 2, O = (X[k] − conj X[m−k]) conj(W^k) / 2
      for (let k = 0; k < m; k++) {
        const xr = H[o + 2 * k];
        const xi = k === 0 ? 0 : H[o + 2 * k + 1];
        const cr = H[o + 2 * (m - k)];
        const ci = k === 0 ? 0 : -H[o + 2 * (m - k) + 1];
        const er = xr + cr;
        const ei = xi + ci;
        const dr = xr - cr;
        const di = xi - ci;
        const c = wc[k];
        const s = ws[k];
        const or = dr * c - di * s;
        const oi = dr * s + di * c;
        z[2 * k] = (er - oi) * 0.5 * scale;
        z[2 * k + 1] = (ei + or) * 0.5 * scale;
      }
      fftRow(z, 0, this.rowPlan, 1);
      res.set(z, i * px);
    }
    return res;
  }
}

/**
 * Shift an image by a sub-pixel amount with a Fourier phase ramp: `out(y, x) = in(y + sy, x + sx)`.
 * The image is padded (to the {@link RealFft2}'s size, ≥ ny + 8 by nx + 8) with a linear blend from
 * its last row/column back to its first, so the periodic extension has no jump (little ringing).
 * NaN values count as 0. Written into `out` (ny·nx values) when given.
 */
export function fourierShiftImageReal(img: ArrayLike<number>, ny: number, nx: number, sx: number, sy: number, f: RealFft2, out?: Float64Array): Float64Array {
  const { py, px, hx } = f;
  const { pad: buf, spectrum: H } = f.shiftBuffers();
  for (let y = 0; y < ny; y++) {
    const r = y * px;
    for (let x = 0; x < nx; x++) {
      const v = img[y * nx + x];
      buf[r + x] = Number.isFinite(v) ? v : 0;
    }
    const last = buf[r + nx - 1];
    const first = buf[r];
    for (let x = nx; x < px; x++) {
      const tx = (x - nx + 1) / (px - nx + 1);
      buf[r + x] = (1 - tx) * last + tx * first;
    }
  }
  for (let y = ny; y < py; y++) {
    const ty = (y - ny + 1) / (py - ny + 1);
    for (let x = 0; x < px; x++) buf[y * px + x] = (1 - ty) * buf[(ny - 1) * px + x] + ty * buf[x];
  }
  f.forward(buf, py, H, true);
  const cx = new Float64Array(hx);
  const sxv = new Float64Array(hx);
  for (let kx = 0; kx < hx; kx++) {
    cx[kx] = Math.cos(2 * Math.PI * freq(kx, px) * sx);
    sxv[kx] = Math.sin(2 * Math.PI * freq(kx, px) * sx);
  }
  for (let ky = 0; ky < py; ky++) {
    const cy = Math.cos(2 * Math.PI * freq(ky, py) * sy);
    const sy1 = Math.sin(2 * Math.PI * freq(ky, py) * sy);
    for (let kx = 0, k = 2 * ky * hx; kx < hx; kx++, k += 2) {
      const c = cx[kx] * cy - sxv[kx] * sy1;
      const s = cx[kx] * sy1 + sxv[kx] * cy;
      const re = H[k];
      const im = H[k + 1];
      H[k] = re * c - im * s;
      H[k + 1] = re * s + im * c;
    }
  }
  f.inverseRows(H, f.firstRows(ny), buf);
  const res = out ?? new Float64Array(ny * nx);
  for (let y = 0; y < ny; y++) for (let x = 0; x < nx; x++) res[y * nx + x] = buf[y * px + x];
  return res;
}
