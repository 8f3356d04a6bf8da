/**
 * Cosmic-ray hits on a CCD frame: a local-median outlier test, then repair from the neighbours.
 * @module
 */
import { checkOptions } from "../util/checkOptions";
import { kthSmallest } from "../util/kthSmallest";
import { checkFrame, makeFrame, type CcdFrame } from "./ccdFrame";
import type { PixelPosition } from "./maskSaturated";

/** Options of {@link removeCosmicRays}. */
export interface CosmicRayOptions {
  /** Flag a pixel when `v − m > threshold · σ`, σ² = gain · max(m, 0) + noise². @default 8 */
  threshold?: number;
  /** Threshold for the 8 neighbours of a flagged pixel (the rest of a track). @default threshold / 2 */
  growThreshold?: number;
  /** Counts per detected photon-electron (ADU/e⁻; Poisson variance = gain · mean). @default 1 */
  gain?: number;
  /** Pixel noise floor σ₀ (counts). @default estimated from the frame: 1.4826 · MAD of horizontal neighbour differences / √2 */
  noise?: number;
}

/** One repaired pixel. */
export interface CosmicHit extends PixelPosition {
  /** Value before repair. */
  readonly value: number;
  /** Local median used in the test. */
  readonly median: number;
  /** Value written (median of the unflagged neighbours; NaN = masked when none). */
  readonly replacement: number;
}

/** What {@link removeCosmicRays} found and did. */
export interface CosmicRayResult {
  /** The repaired frame (a new array). */
  readonly frame: CcdFrame;
  /** Number of pixels flagged (seeds + grown). */
  readonly count: number;
  /** Number of separate hits (8-connected groups of flagged pixels). */
  readonly hits: number;
  /** Every flagged pixel with its value and replacement. */
  readonly pixels: readonly CosmicHit[];
  /** Thresholds and noise used. */
  readonly threshold: number;
  readonly growThreshold: number;
  readonly gain: number;
  readonly noise: number;
  /** Pixels left masked (NaN) because all their neighbours were flagged too. */
  readonly masked: number;
}

/** @internal Median of the finite values among the 3×3 neighbours (centre excluded) of (r, c); NaN when none. */
export function neighbourMedian(d: Float64Array, nRows: number, nCols: number, r: number, c: number, buf: Float64Array, skip?: Uint8Array): number {
  let k = 0;
  for (let dr = -1; dr <= 1; dr++) {
    const rr = r + dr;
    if (rr < 0 || rr >= nRows) continue;
    for (let dc = -1; dc <= 1; dc++) {
      const cc = c + dc;
      if ((dr === 0 && dc === 0) || cc < 0 || cc >= nCols) continue;
      const i = rr * nCols + cc;
      if (skip && skip[i]) continue;
      const v = d[i];
      if (v === v) buf[k++] = v;
    }
  }
  if (k === 0) return NaN;
  // insertion sort of ≤ 8 values
  for (let i = 1; i < k; i++) { const v = buf[i]; let j = i - 1; while (j >= 0 && buf[j] > v) { buf[j + 1] = buf[j]; j--; } buf[j + 1] = v; }
  return k % 2 ? buf[(k - 1) >> 1] : 0.5 * (buf[k / 2 - 1] + buf[k / 2]);
}

/**
 * @internal The noise floor estimate: 1.4826 · median |δ − median δ| / √2 over the differences
 * δ = v[r, c+1] − v[r, c] of the pixel pairs (c even), NaN pairs skipped.
 */
export function noiseFloor(f: CcdFrame): number {
  const { data: d, nRows, nCols } = f;
  const diffs = new Float64Array(nRows * (nCols >> 1));
  let n = 0;
  for (let r = 0; r < nRows; r++) {
    const o = r * nCols;
    for (let c = 0; c + 1 < nCols; c += 2) { const v = d[o + c + 1] - d[o + c]; if (v === v) diffs[n++] = v; }
  }
  if (n === 0) return 0;
  const a = diffs.subarray(0, n);
  const med = (x: Float64Array): number => (x.length % 2 ? kthSmallest(x, (x.length - 1) / 2) : 0.5 * (kthSmallest(x, x.length / 2 - 1) + kthSmallest(x, x.length / 2)));
  const m = med(a);
  for (let i = 0; i < n; i++) a[i] = Math.abs(a[i] - m);
  return (1.4826 * med(a)) / Math.SQRT2;
}

/**
 * Find and repair cosmic-ray hits. Test: a pixel with value v is a hit when
 * `v − m > threshold · √(gain · max(m, 0) + noise²)`, m = the median of its (up to 8) neighbours —
 * photon noise of the local level plus the noise floor. Neighbours of a hit are tested again with
 * `growThreshold` (tracks and charge spread over several pixels), their median taken without the
 * hit pixels. Every flagged pixel is replaced by the median of its unflagged neighbours (NaN, i.e.
 * masked, when it has none) and listed with its position, value and replacement. NaN pixels are
 * left as they are.
 *
 * @param frame - a dark-subtracted frame, rows = emission.
 * @param options - {@link CosmicRayOptions}.
 * @returns a {@link CosmicRayResult}.
 * @example
 * const cr = removeCosmicRays(darkSubtracted);
 * cr.count; cr.pixels[0]; // { row: 120, col: 33, value: 2411, median: 3, replacement: 3 }
 */
export function removeCosmicRays(frame: CcdFrame, options: CosmicRayOptions = {}): CosmicRayResult {
  const fn = "removeCosmicRays";
  checkOptions(fn, options, ["threshold", "growThreshold", "gain", "noise"]);
  checkFrame(fn, "frame", frame);
  const T = options.threshold ?? 8;
  const G = options.growThreshold ?? T / 2;
  const gain = options.gain ?? 1;
  for (const [k, v] of [["threshold", T], ["growThreshold", G], ["gain", gain]] as const) {
    if (!(v > 0) || !Number.isFinite(v)) throw new RangeError(`${fn}: option ${k} must be a positive number, got ${v}`);
  }
  if (options.noise !== undefined && !(options.noise >= 0)) throw new RangeError(`${fn}: option noise must be a non-negative number of counts, got ${options.noise}`);
  const { data: d, nRows, nCols } = frame;
  const s0 = options.noise ?? noiseFloor(frame);
  const s2 = s0 * s0;
  const buf = new Float64Array(8);
  const flag = new Uint8Array(d.length);
  const medians = new Map<number, number>();
  // Seeds. A hit needs v − m > T·s0 and m ≥ min of the neighbours, so v > min + T·s0 first (cheap).
  let gmin = Infinity;
  for (let i = 0; i < d.length; i++) if (d[i] < gmin) gmin = d[i];
  const floor = gmin + T * s0;
  const seeds: number[] = [];
  for (let r = 0; r < nRows; r++) {
    const o = r * nCols;
    for (let c = 0; c < nCols; c++) {
      const v = d[o + c];
      if (!(v > floor)) continue;
      const m = neighbourMedian(d, nRows, nCols, r, c, buf);
      if (m !== m) continue;
      if (v - m > T * Math.sqrt(gain * Math.max(m, 0) + s2)) { flag[o + c] = 1; seeds.push(o + c); medians.set(o + c, m); }
    }
  }
  // Grow once around the seeds with the lower threshold, medians without flagged pixels.
  for (const i of seeds) {
    const r = Math.floor(i / nCols), c = i % nCols;
    for (let dr = -1; dr <= 1; dr++) for (let dc = -1; dc <= 1; dc++) {
      const rr = r + dr, cc = c + dc;
      if (rr < 0 || rr >= nRows || cc < 0 || cc >= nCols) continue;
      const j = rr * nCols + cc;
      if (flag[j]) continue;
      const v = d[j];
      if (v !== v) continue;
      const m = neighbourMedian(d, nRows, nCols, rr, cc, buf, flag);
      if (m === m && v - m > G * Math.sqrt(gain * Math.max(m, 0) + s2)) { flag[j] = 2; medians.set(j, m); }
    }
  }
  const out = Float64Array.from(d);
  const pixels: CosmicHit[] = [];
  let masked = 0;
  const flagged = [...medians.keys()].sort((a, b) => a - b);
  for (const i of flagged) {
    const r = Math.floor(i / nCols), c = i % nCols;
    let rep = neighbourMedian(d, nRows, nCols, r, c, buf, flag);
    if (rep !== rep) {
      // all 8 neighbours flagged: the 5 × 5 ring
      const vals: number[] = [];
      for (let dr = -2; dr <= 2; dr++) for (let dc = -2; dc <= 2; dc++) {
        const rr = r + dr, cc = c + dc;
        if (rr < 0 || rr >= nRows || cc < 0 || cc >= nCols || flag[rr * nCols + cc]) continue;
        const v = d[rr * nCols + cc];
        if (v === v) vals.push(v);
      }
      vals.sort((a, b) => a - b);
      rep = vals.length === 0 ? NaN : vals.length % 2 ? vals[(vals.length - 1) >> 1] : 0.5 * (vals[vals.length / 2 - 1] + vals[vals.length / 2]);
      if (rep !== rep) masked++;
    }
    out[i] = rep;
    pixels.push({ row: r, col: c, value: d[i], median: medians.get(i) as number, replacement: rep });
  }
  // Count 8-connected groups.
  let hits = 0;
  const seen = new Uint8Array(d.length);
  for (const i of flagged) {
    if (seen[i]) continue;
    hits++;
    const stack = [i];
    seen[i] = 1;
    while (stack.length) {
      const j = stack.pop() as number;
      const r = Math.floor(j / nCols), c = j % nCols;
      for (let dr = -1; dr <= 1; dr++) for (let dc = -1; dc <= 1; dc++) {
        const rr = r + dr, cc = c + dc;
        if (rr < 0 || rr >= nRows || cc < 0 || cc >= nCols) continue;
        const k = rr * nCols + cc;
        if (flag[k] && !seen[k]) { seen[k] = 1; stack.push(k); }
      }
    }
  }
  return { frame: makeFrame(out, nRows, nCols, frame.source, frame.saturation), count: pixels.length, hits, pixels, threshold: T, growThreshold: G, gain, noise: s0, masked };
}
