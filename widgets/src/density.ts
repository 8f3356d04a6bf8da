/**
 * The point renderer: a density raster drawn with the 2D canvas. Every point adds its colour to
 * the device pixel(s) it falls on; a pixel's colour is the mean of its points' colours and its
 * opacity grows with their number (`1 − exp(−count·s)`, `s` from the mean occupancy), so a
 * million points show where they are dense instead of a solid square. Highlighted points (in a
 * group) are composed over the rest, opaque enough to be seen even where they are few.
 *
 * One pass over the points per raster: O(n + pixels), ~0.1–0.3 s for 10⁶ points in software
 * Chromium here, a few ms on a desktop CPU; {@link RasterJob} cuts it into slices with a time
 * budget so the page stays responsive. (regl-scatterplot, WebGL, was measured slower under
 * SwiftShader: see the README's selector section.)
 */

/** The visible data rectangle: x from x0 to x1 (left → right), y from y0 to y1 (bottom → top). */
export interface Domain {
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}

/** What {@link rasterize} draws. */
export interface RasterInput {
  /** x of every point, length n (data units). */
  x: ArrayLike<number>;
  /** y of every point, length n. */
  y: ArrayLike<number>;
  /** Colour of every point, 0xRRGGBB; bit 24 set (0x1000000) marks a highlighted point. */
  colors: Uint32Array;
  /** The visible data rectangle. */
  domain: Domain;
  /** Raster size in device pixels. */
  width: number;
  height: number;
  /** Side of the square each point covers, device pixels (1–4). Default from n. */
  pointSize?: number;
}

/** Flag of a highlighted point in {@link RasterInput.colors}. */
export const HIGHLIGHT = 0x1000000;

/** Reusable accumulation buffers of one raster size. */
export class RasterScratch {
  readonly count: Float32Array;
  readonly rgb: Float32Array;
  readonly hcount: Float32Array;
  readonly hrgb: Float32Array;
  constructor(readonly size: number) {
    this.count = new Float32Array(size);
    this.rgb = new Float32Array(3 * size);
    this.hcount = new Float32Array(size);
    this.hrgb = new Float32Array(3 * size);
  }
}

/** Default point size for n points: bigger squares for small data sets. */
export function defaultPointSize(n: number): number {
  return n <= 2000 ? 4 : n <= 20000 ? 3 : n <= 200000 ? 2 : 1;
}

/**
 * An incremental raster: the points are accumulated a slice at a time ({@link RasterJob.step}
 * with a deadline), so a million points never block the page for longer than the slice budget;
 * the pixels are written when the last point is in. The same result as {@link rasterize}.
 * @example
 * const job = new RasterJob(input, out, scratch);
 * while (!job.step(performance.now() + 30)) await nextFrame();
 */
export class RasterJob {
  /** Points drawn so far (inside the domain). */
  drawn = 0;
  /** Whether `out` holds the finished raster. */
  done = false;
  private next = 0;
  private accumulated = false;
  private readonly ps: number;

  constructor(
    /** What is drawn; the arrays must not change while the job runs. */
    readonly input: RasterInput,
    /** The raster, `width × height` pixels 0xAABBGGRR (the layout of `ImageData.data`), row 0 at the top. */
    readonly out: Uint32Array,
    private readonly scratch: RasterScratch,
  ) {
    this.ps = Math.max(1, Math.min(4, Math.round(input.pointSize ?? defaultPointSize(input.x.length))));
    scratch.count.fill(0);
    scratch.rgb.fill(0);
    scratch.hcount.fill(0);
    scratch.hrgb.fill(0);
  }

  /**
   * Accumulate points until `deadline` (a `performance.now()` time, ms; checked every 32,768
   * points), then, once all are in, write the pixels.
   * @returns whether the raster is finished.
   */
  step(deadline = Infinity): boolean {
    if (this.done) return true;
    const { x, y, colors, domain, width: W, height: H } = this.input;
    const n = x.length, ps = this.ps;
    const { count, rgb, hcount, hrgb } = this.scratch;
    const sx = W / (domain.x1 - domain.x0);
    const sy = H / (domain.y1 - domain.y0);
    const half = (ps - 1) / 2;
    const dx0 = domain.x0, dy1 = domain.y1;
    let drawn = this.drawn;
    let i = this.next;
    while (i < n) {
      const end = Math.min(n, i + 32768);
      if (ps === 1) {
        for (; i < end; i++) {
          const u = Math.floor((x[i] - dx0) * sx);
          const v = Math.floor((dy1 - y[i]) * sy);
          if (u < 0 || u >= W || v < 0 || v >= H) continue;
          drawn++;
          const c = colors[i];
          const p = v * W + u;
          if (c & HIGHLIGHT) {
            hcount[p]++;
            hrgb[3 * p] += (c >> 16) & 255;
            hrgb[3 * p + 1] += (c >> 8) & 255;
            hrgb[3 * p + 2] += c & 255;
          } else {
            count[p]++;
            rgb[3 * p] += (c >> 16) & 255;
            rgb[3 * p + 1] += (c >> 8) & 255;
            rgb[3 * p + 2] += c & 255;
          }
        }
      } else {
        for (; i < end; i++) {
          const u0 = Math.floor((x[i] - dx0) * sx - half);
          const v0 = Math.floor((dy1 - y[i]) * sy - half);
          if (u0 + ps <= 0 || u0 >= W || v0 + ps <= 0 || v0 >= H) continue;
          drawn++;
          const c = colors[i];
          const r = (c >> 16) & 255, g = (c >> 8) & 255, b = c & 255;
          const hi = c & HIGHLIGHT;
          const cnt = hi ? hcount : count;
          const acc = hi ? hrgb : rgb;
          for (let dv = 0; dv < ps; dv++) {
            const v = v0 + dv;
            if (v < 0 || v >= H) continue;
            for (let du = 0; du < ps; du++) {
              const u = u0 + du;
              if (u < 0 || u >= W) continue;
              const p = v * W + u;
              cnt[p]++;
              acc[3 * p] += r;
              acc[3 * p + 1] += g;
              acc[3 * p + 2] += b;
            }
          }
        }
      }
      if (i < n && performance.now() >= deadline) break;
    }
    this.next = i;
    this.drawn = drawn;
    if (i < n) return false;
    // The pixel pass gets a slice of its own when this one has used its time.
    if (!this.accumulated && deadline !== Infinity && performance.now() >= deadline) {
      this.accumulated = true;
      return false;
    }
    this.finish();
    this.done = true;
    return true;
  }

  /** Mean colours and opacities of the accumulated points into `out`. */
  private finish(): void {
    const { width: W, height: H } = this.input;
    const { count, rgb, hcount, hrgb } = this.scratch;
    const out = this.out;
    // Opacity scale from the mean occupancy of the pixels that have points: alpha ≈ 0.6 there.
    let occupied = 0, total = 0;
    for (let p = 0; p < W * H; p++) {
      if (count[p] > 0) {
        occupied++;
        total += count[p];
      }
    }
    const s = occupied ? (0.9 * occupied) / total : 1;
    for (let p = 0; p < W * H; p++) {
      const hk = hcount[p];
      if (hk > 0) {
        const a = Math.round(255 * Math.max(0.85, 1 - Math.exp(-hk)));
        out[p] = (a << 24) | (Math.round(hrgb[3 * p + 2] / hk) << 16) | (Math.round(hrgb[3 * p + 1] / hk) << 8) | Math.round(hrgb[3 * p] / hk);
        continue;
      }
      const k = count[p];
      if (k === 0) {
        out[p] = 0;
        continue;
      }
      const a = Math.round(255 * Math.max(0.18, 1 - Math.exp(-k * s)));
      out[p] = (a << 24) | (Math.round(rgb[3 * p + 2] / k) << 16) | (Math.round(rgb[3 * p + 1] / k) << 8) | Math.round(rgb[3 * p] / k);
    }
  }
}

/**
 * Rasterise the points into `out` (RGBA bytes as Uint32 little-endian: 0xAABBGGRR, the layout of
 * `ImageData.data`), `width × height`, row 0 at the top, in one go (see {@link RasterJob} for slices).
 * @returns the number of points drawn (inside the domain).
 * @example
 * const out = new Uint32Array(w * h);
 * rasterize({ x, y, colors, domain, width: w, height: h }, out, new RasterScratch(w * h));
 * ctx.putImageData(new ImageData(new Uint8ClampedArray(out.buffer), w, h), 0, 0);
 */
export function rasterize(input: RasterInput, out: Uint32Array, scratch: RasterScratch): number {
  const job = new RasterJob(input, out, scratch);
  job.step();
  return job.drawn;
}
