/**
 * The "lanczos" shift kernel of `applyShifts`, shared by the in-memory path (`applyShifts`) and
 * the banded, out-of-core one (`preprocessSeriesInBands`): one set of weights per image
 * ({@link lanczosPlan}), one x pass ({@link lanczosXPassRow}), one y pass ({@link lanczosYPassInto}).
 *
 * `out(y, x) = Σ_j wy[j] Σ_k wx[k] in(clamp(y + yo[j]), clamp(x + xo[k]))` over the nonzero taps
 * in tap order (indices clamped to the image: the edge replicated); pixels whose source
 * (y + sy, x + sx) lies outside the image by more than 1e-9 px get `fill`.
 *
 * Speed: every value is a sum over the taps written out in full (no loop over taps, no branch per
 * pixel): the x pass reads the row in place where every tap is inside it, and a copy padded with
 * the replicated edge values at the edges (no clamping per tap); the y pass reads rows through
 * precomputed (clamped) row offsets.
 * Pixels that get `fill` are not computed. Sums keep the order `((0 + w0·v0) + w1·v1) + …`, so
 * every value is bit for bit that of the plain loop `v = 0; for k: v += w[k]·in[…]`.
 *
 * @module
 * @internal
 */

/** Lobes of the "lanczos" kernel: taps at −3 … +4 around the source position (8 per axis). */
export const LANCZOS_RADIUS = 4;

/** Lanczos weights for a source position `t` ∈ [0, 1) past a tap: taps k = −a+1 … a, normalised to sum 1. */
function lanczosWeights(t: number, a: number): Float64Array {
  const w = new Float64Array(2 * a);
  if (t < 1e-12) {
    w[a - 1] = 1;
    return w;
  }
  let s = 0;
  for (let k = -a + 1; k <= a; k++) {
    const u = t - k;
    const pu = Math.PI * u;
    const v = (a * Math.sin(pu) * Math.sin(pu / a)) / (pu * pu);
    w[k + a - 1] = v;
    s += v;
  }
  for (let i = 0; i < w.length; i++) w[i] /= s;
  return w;
}

/**
 * The taps of one axis: the Lanczos weights at fractional position t (taps −a+1 … a) convolved with
 * the common smoothing [s/2, 1 − s, s/2]; taps −a … a+1 (2a + 2 of them).
 */
function axisWeights(t: number, a: number, s: number): Float64Array {
  const l = lanczosWeights(t, a);
  const w = new Float64Array(2 * a + 2);
  for (let i = 0; i < l.length; i++) {
    w[i] += (s / 2) * l[i];
    w[i + 1] += (1 - s) * l[i];
    w[i + 2] += (s / 2) * l[i];
  }
  return w;
}

/**
 * The nonzero taps of one axis: offsets (relative to the output index) and weights, in tap order.
 * Zero taps are left out, as the sums skip them (a NaN beside an integer shift stays out).
 */
function nonzeroTaps(w: Float64Array, first: number): { off: Int32Array; wt: Float64Array } {
  const off: number[] = [];
  const wt: number[] = [];
  for (let k = 0; k < w.length; k++) {
    if (w[k] !== 0) {
      off.push(first + k);
      wt.push(w[k]);
    }
  }
  return { off: Int32Array.from(off), wt: Float64Array.from(wt) };
}

/** `i` clamped to 0 … n − 1 (the edge replicated). */
function clampIndex(i: number, n: number): number {
  return i < 0 ? 0 : i >= n ? n - 1 : i;
}

/** Whether a source coordinate `f` (px) lies inside an axis of `n` pixels (to 1e-9 px). */
function insideAxis(f: number, n: number): boolean {
  return f >= -1e-9 && f <= n - 1 + 1e-9;
}

/**
 * @internal The taps of the "lanczos" kernel for one image's shift (sx, sy), as `applyShifts`
 * uses them, with the scratch its passes need. Made by {@link lanczosPlan}; one per image.
 */
export interface LanczosPlan {
  /** x tap offsets (px, relative to the output column), in tap order; only nonzero taps. */
  readonly xo: Int32Array;
  /** x tap weights (sum 1), same length as `xo`. */
  readonly xw: Float64Array;
  /** y tap offsets (rows, relative to the output row), in tap order; only nonzero taps. */
  readonly yo: Int32Array;
  /** y tap weights (sum 1), same length as `yo`. */
  readonly yw: Float64Array;
  /** The shift along x, px (the source column of output column x is x + sx). */
  readonly sx: number;
  /** The shift along y, px (rows). */
  readonly sy: number;
  /** Width of the images, px. */
  readonly nx: number;
  /** Value of pixels whose source lies outside the image. */
  readonly fill: number;
  /** Columns `vx0 … vx1 − 1` have their source x + sx inside the row (the others get `fill`). */
  readonly vx0: number;
  /** See {@link LanczosPlan.vx0}. */
  readonly vx1: number;
  /** Scratch: a row padded with its replicated edge values (`nx + 2·(2·LANCZOS_RADIUS + 2)` values). */
  readonly pad: Float64Array;
  /** Scratch: one start index per tap for {@link sumTaps}. */
  readonly ptr: Int32Array;
}

/**
 * @internal The {@link LanczosPlan} of a shift (sx, sy) of images `nx` columns wide.
 * @param sx shift along x, px (finite).
 * @param sy shift along y, px (finite).
 * @param smoothing variance (px²) of the common [s/2, 1 − s, s/2] smoothing, in [0, 0.5].
 * @param nx image width, px.
 * @param fill value of pixels whose source lies outside the image.
 */
export function lanczosPlan(sx: number, sy: number, smoothing: number, nx: number, fill: number): LanczosPlan {
  const a = LANCZOS_RADIUS;
  const ix = Math.floor(sx);
  const iy = Math.floor(sy);
  const tx = nonzeroTaps(axisWeights(sx - ix, a, smoothing), ix - a);
  const ty = nonzeroTaps(axisWeights(sy - iy, a, smoothing), iy - a);
  // x + sx is nondecreasing in x, so the columns with their source inside are one run
  let vx0 = 0;
  while (vx0 < nx && !insideAxis(vx0 + sx, nx)) vx0++;
  let vx1 = vx0;
  while (vx1 < nx && insideAxis(vx1 + sx, nx)) vx1++;
  const m = Math.max(tx.off.length, ty.off.length);
  return { xo: tx.off, xw: tx.wt, yo: ty.off, yw: ty.wt, sx, sy, nx, fill, vx0, vx1, pad: new Float64Array(nx + 4 * a + 4), ptr: new Int32Array(m) };
}

/**
 * `dst[d + i] = ((0 + w[0]·a[p[0] + i]) + w[1]·a[p[1] + i]) + …` for i = 0 … n − 1, over the
 * `m` taps: the sum written out for the tap counts the kernel has (10 with smoothing, 8 without,
 * 3 and 1 at integer shifts), a loop over the taps otherwise. Same order, so the same bits.
 */
function sumTaps(a: Float64Array, p: Int32Array, w: Float64Array, m: number, dst: Float64Array, d: number, n: number): void {
  if (m === 10) {
    const p0 = p[0], p1 = p[1], p2 = p[2], p3 = p[3], p4 = p[4], p5 = p[5], p6 = p[6], p7 = p[7], p8 = p[8], p9 = p[9];
    const w0 = w[0], w1 = w[1], w2 = w[2], w3 = w[3], w4 = w[4], w5 = w[5], w6 = w[6], w7 = w[7], w8 = w[8], w9 = w[9];
    for (let i = 0; i < n; i++) {
      dst[d + i] = 0 + w0 * a[p0 + i] + w1 * a[p1 + i] + w2 * a[p2 + i] + w3 * a[p3 + i] + w4 * a[p4 + i] + w5 * a[p5 + i] + w6 * a[p6 + i] + w7 * a[p7 + i] + w8 * a[p8 + i] + w9 * a[p9 + i];
    }
  } else if (m === 8) {
    const p0 = p[0], p1 = p[1], p2 = p[2], p3 = p[3], p4 = p[4], p5 = p[5], p6 = p[6], p7 = p[7];
    const w0 = w[0], w1 = w[1], w2 = w[2], w3 = w[3], w4 = w[4], w5 = w[5], w6 = w[6], w7 = w[7];
    for (let i = 0; i < n; i++) {
      dst[d + i] = 0 + w0 * a[p0 + i] + w1 * a[p1 + i] + w2 * a[p2 + i] + w3 * a[p3 + i] + w4 * a[p4 + i] + w5 * a[p5 + i] + w6 * a[p6 + i] + w7 * a[p7 + i];
    }
  } else if (m === 3) {
    const p0 = p[0], p1 = p[1], p2 = p[2];
    const w0 = w[0], w1 = w[1], w2 = w[2];
    for (let i = 0; i < n; i++) dst[d + i] = 0 + w0 * a[p0 + i] + w1 * a[p1 + i] + w2 * a[p2 + i];
  } else if (m === 1) {
    const p0 = p[0], w0 = w[0];
    for (let i = 0; i < n; i++) dst[d + i] = 0 + w0 * a[p0 + i];
  } else {
    for (let i = 0; i < n; i++) {
      let v = 0;
      for (let k = 0; k < m; k++) v += w[k] * a[p[k] + i];
      dst[d + i] = v;
    }
  }
}

/**
 * x pass values of columns `[x0, x1)` of the row at `src[row]` into `dst[t + x]`, through a copy
 * of the source columns their taps read with the edge values replicated (`pad[j − j0] =
 * src[row + clamp(j)]`; the taps of columns whose source is inside the row reach at most
 * 2·LANCZOS_RADIUS + 2 columns beyond it).
 */
function xPassPadded(src: Float64Array | Float32Array, row: number, p: LanczosPlan, x0: number, x1: number, dst: Float64Array, t: number): void {
  const { xo, xw, nx, pad, ptr } = p;
  const m = xo.length;
  const j0 = x0 + xo[0];
  const j1 = x1 - 1 + xo[m - 1];
  const first = src[row];
  const last = src[row + nx - 1];
  let j = j0;
  for (; j < 0 && j <= j1; j++) pad[j - j0] = first;
  const jEnd = Math.min(j1, nx - 1);
  for (; j <= jEnd; j++) pad[j - j0] = src[row + j];
  for (; j <= j1; j++) pad[j - j0] = last;
  for (let k = 0; k < m; k++) ptr[k] = x0 + xo[k] - j0;
  sumTaps(pad, ptr, xw, m, dst, t + x0, x1 - x0);
}

/**
 * @internal The x pass of the "lanczos" shift for one image row (`p.nx` values at `src[row]`),
 * columns `[c0, c1)`, into `dst[dstOff + x − c0]`: the values `applyShifts`' x pass computes
 * (taps clamped to the row); columns whose source lies outside the row (they get `fill` in the
 * output) are set to `fill`. Float64 rows are read in place where every tap falls inside the
 * row; the edge columns and Float32 rows go through a padded float64 copy.
 */
export function lanczosXPassRow(src: Float64Array | Float32Array, row: number, p: LanczosPlan, c0: number, c1: number, dst: Float64Array, dstOff: number): void {
  const { xo, xw, nx, ptr } = p;
  const m = xo.length;
  const u0 = Math.max(c0, p.vx0);
  const u1 = Math.min(c1, p.vx1);
  const t = dstOff - c0;
  if (u0 >= u1) {
    dst.fill(p.fill, dstOff, dstOff + c1 - c0);
    return;
  }
  if (u0 > c0) dst.fill(p.fill, dstOff, t + u0);
  if (c1 > u1) dst.fill(p.fill, t + u1, dstOff + c1 - c0);
  // columns xa … xb − 1: every tap inside the row
  const xa = Math.min(u1, Math.max(u0, -xo[0]));
  const xb = Math.max(xa, Math.min(u1, nx - xo[m - 1]));
  if (!(src instanceof Float64Array) || xb - xa < 2 * m) {
    xPassPadded(src, row, p, u0, u1, dst, t);
    return;
  }
  if (xa > u0) xPassPadded(src, row, p, u0, xa, dst, t);
  for (let k = 0; k < m; k++) ptr[k] = row + xa + xo[k];
  sumTaps(src, ptr, xw, m, dst, t + xa, xb - xa);
  if (u1 > xb) xPassPadded(src, row, p, xb, u1, dst, t);
}

/**
 * @internal The y pass of the "lanczos" shift and the fill of pixels from outside: `xp` holds
 * the x pass of an image `ny` rows high (row y at `xp[xpOff + y·w]`, columns `c0 … c0 + w − 1`
 * of images `p.nx` wide); rows `[r0, r1)` go to `out[outOff + (y − r0)·w + (x − c0)]`, equal to
 * `applyShifts`' values (taps clamped to rows 0 … ny − 1). Only the columns whose source lies
 * inside the image are read.
 */
export function lanczosYPassInto(xp: Float64Array, xpOff: number, w: number, ny: number, p: LanczosPlan, r0: number, r1: number, c0: number, out: Float64Array, outOff: number): void {
  const { yo, yw, sy, fill, ptr } = p;
  const my = yo.length;
  const c1 = c0 + w;
  const u0 = Math.max(c0, p.vx0);
  const u1 = Math.min(c1, p.vx1);
  for (let y = r0; y < r1; y++) {
    const o = outOff + (y - r0) * w;
    if (u0 >= u1 || !insideAxis(y + sy, ny)) {
      out.fill(fill, o, o + w);
      continue;
    }
    for (let k = 0; k < my; k++) ptr[k] = xpOff + clampIndex(y + yo[k], ny) * w + (u0 - c0);
    sumTaps(xp, ptr, yw, my, out, o + (u0 - c0), u1 - u0);
    if (u0 > c0) out.fill(fill, o, o + (u0 - c0));
    if (c1 > u1) out.fill(fill, o + (u1 - c0), o + w);
  }
}

/**
 * @internal One image (`ny × nx` values at `src[off]`) shifted by the plan `p` into
 * `out[off …]`: the x pass of the rows the y taps of the rows inside reach, into `tmp` (at least
 * `ny·nx` values), then the y pass. `out` may be `src` (the image is read whole before it is written).
 */
export function lanczosShiftImage(src: Float64Array | Float32Array, off: number, ny: number, nx: number, p: LanczosPlan, out: Float64Array, tmp: Float64Array): void {
  let y0 = 0;
  while (y0 < ny && !insideAxis(y0 + p.sy, ny)) y0++;
  let y1 = y0;
  while (y1 < ny && insideAxis(y1 + p.sy, ny)) y1++;
  if (y0 < y1) {
    const s0 = clampIndex(y0 + p.yo[0], ny);
    const s1 = clampIndex(y1 - 1 + p.yo[p.yo.length - 1], ny);
    for (let y = s0; y <= s1; y++) lanczosXPassRow(src, off + y * nx, p, 0, nx, tmp, y * nx);
  }
  lanczosYPassInto(tmp, 0, nx, ny, p, 0, ny, 0, out, off);
}
