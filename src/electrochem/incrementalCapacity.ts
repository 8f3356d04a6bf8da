/**
 * dQ/dV of one half-cycle, the way cellpy's incremental capacity analysis does it.
 * @module
 */
import { checkOptions } from "../util/checkOptions";
import { checkPositive } from "./checkCycler";

/** dQ/dV of one half-cycle on a uniform voltage grid. */
export interface IncrementalCapacity {
  /** Voltage at the midpoints of the uniform grid, ascending, V. Shape (m). */
  voltage: Float64Array;
  /** dQ/dV after Gaussian smoothing, in the capacity's unit per volt (mAh g⁻¹ V⁻¹ for mAh/g); negative on discharge. Shape (m). */
  dqdv: Float64Array;
  /** Before smoothing. Shape (m). */
  raw: Float64Array;
  /** Step of the voltage grid actually used, V ((max − min) / (round((max − min) / resolution) − 1)). */
  step: number;
  /** Standard deviation of the Gaussian in grid points: max(1, ⌊fwhm / step⌋ / 2) (cellpy's rule). */
  sigma: number;
}

/** Options of {@link incrementalCapacity}. */
export interface IncrementalCapacityOptions {
  /** Voltage grid step, V. @default 0.005 */
  resolution?: number;
  /** Smoothing width, V: the Gaussian's σ is max(1, ⌊fwhm / step⌋ / 2) grid points (truncated at 4σ, reflecting edges). `0` turns smoothing off. @default 0.01 */
  fwhm?: number;
}

const OPTIONS = ["resolution", "fwhm"] as const;

/** @internal scipy's interp1d (linear, sorted x, searchsorted "left", clipped to [1, n−1]) at points `xs`. */
export function interpSorted(x: ArrayLike<number>, y: ArrayLike<number>, xs: Float64Array, out: Float64Array): void {
  const n = x.length;
  let hi = 1;
  for (let k = 0; k < xs.length; k++) {
    const v = xs[k];
    // xs ascending: move hi to the first index with x[hi] >= v (searchsorted left), at least 1
    while (hi < n - 1 && x[hi] < v) hi++;
    while (hi > 1 && x[hi - 1] >= v) hi--;
    const lo = hi - 1;
    const slope = (y[hi] - y[lo]) / (x[hi] - x[lo]);
    out[k] = slope * (v - x[lo]) + y[lo];
  }
}

/** @internal Indices that sort `key` ascending, stably (ties keep their order). */
export function stableArgsort(key: Float64Array): Uint32Array {
  const arr = Array.from({ length: key.length }, (_, i) => i);
  arr.sort((a, b) => key[a] - key[b] || a - b);
  return Uint32Array.from(arr);
}

/**
 * @internal (x, y) pairs sorted by x ascending, stably (ties keep record order): insertion sort
 * in place for nearly sorted input (ascending, or descending — reversed first), else by index.
 * dQ/dV no longer sorts (see {@link interpGridUnsorted}); this is its fallback and its test reference.
 */
export function sortPairs(x: Float64Array, y: Float64Array): { xs: Float64Array; ys: Float64Array } {
  const n = x.length;
  let desc = 0;
  for (let i = 1; i < n; i++) if (x[i] < x[i - 1]) desc++;
  const reversed = desc > n / 2;
  const xs = new Float64Array(n);
  const ys = new Float64Array(n);
  for (let i = 0; i < n; i++) { const k = reversed ? n - 1 - i : i; xs[i] = x[k]; ys[i] = y[k]; }
  let budget = 64 * n;
  for (let i = 1; i < n; i++) {
    const xt = xs[i];
    if (xs[i - 1] <= xt) continue;
    const yt = ys[i];
    let j = i - 1;
    while (j >= 0 && xs[j] > xt) { xs[j + 1] = xs[j]; ys[j + 1] = ys[j]; j--; }
    xs[j + 1] = xt;
    ys[j + 1] = yt;
    budget -= i - j;
    if (budget < 0) {
      const order = stableArgsort(x);
      for (let k = 0; k < n; k++) { xs[k] = x[order[k]]; ys[k] = y[order[k]]; }
      return { xs, ys };
    }
  }
  if (reversed) {
    // ties were visited in reverse record order: reverse y within each run of equal x
    let s = 0;
    for (let i = 1; i <= n; i++) {
      if (i === n || xs[i] !== xs[s]) {
        for (let a = s, b = i - 1; a < b; a++, b--) { const t = ys[a]; ys[a] = ys[b]; ys[b] = t; }
        s = i;
      }
    }
  }
  return { xs, ys };
}

/**
 * @internal What `interpSorted` gives at the points of a uniform, strictly increasing grid after
 * the (x, y) pairs are sorted stably by x (`sortPairs`), without sorting: O(n + m) and the same
 * numbers bit for bit. After the stable sort, grid point g > min x interpolates between the pair
 * of largest x < g (last in record order among ties) and the pair of smallest x ≥ g (first in
 * record order among ties); g = min x (the grid's first point) between the first two pairs of the
 * sorted order. Each pair is put in its grid cell [grid[c], grid[c + 1]) by exact comparisons,
 * and each cell keeps those two ends. Needs grid[0] = min x, grid[m − 1] = max x, m ≥ 2, n ≥ 2.
 * Returns false (nothing written) when the grid does not increase strictly.
 */
export function interpGridUnsorted(x: Float64Array, y: Float64Array, grid: Float64Array, step: number, out: Float64Array): boolean {
  const n = x.length;
  const m = grid.length;
  for (let k = 1; k < m; k++) if (!(grid[k] > grid[k - 1])) return false;
  const x0 = grid[0];
  // bounds[c + 1] = grid[c]; bounds[0] = −∞, bounds[m + 1] = +∞: cell c is [bounds[c + 1], bounds[c + 2])
  const bounds = new Float64Array(m + 2);
  bounds[0] = -Infinity;
  bounds.set(grid, 1);
  bounds[m + 1] = Infinity;
  const lowX = new Float64Array(m).fill(Infinity); // per cell: smallest x, its first index
  const lowI = new Int32Array(m).fill(-1);
  const highX = new Float64Array(m).fill(-Infinity); // per cell: largest x, its last index
  const highI = new Int32Array(m).fill(-1);
  let a = -1; // first two pairs of the stable order (both in cell 0 or the second in a later cell)
  let b = -1;
  let ax = Infinity;
  let bx = Infinity;
  const inv = 1 / step;
  for (let i = 0; i < n; i++) {
    const xi = x[i];
    let c = ((xi - x0) * inv) | 0;
    if (c < 0) c = 0;
    else if (c >= m) c = m - 1;
    if (xi >= bounds[c + 2]) { do c++; while (xi >= bounds[c + 2]); }
    else if (xi < bounds[c + 1]) { do c--; while (c > 0 && xi < bounds[c + 1]); }
    if (xi < lowX[c]) { lowX[c] = xi; lowI[c] = i; }
    if (xi >= highX[c]) { highX[c] = xi; highI[c] = i; }
    if (xi < bx) {
      if (xi < ax) { b = a; bx = ax; a = i; ax = xi; }
      else { b = i; bx = xi; }
    }
  }
  {
    const slope = (y[b] - y[a]) / (x[b] - x[a]);
    out[0] = slope * (grid[0] - x[a]) + y[a];
  }
  let lo = highI[0]; // cell 0 holds min x
  let j = 1;
  for (let k = 1; k < m; k++) {
    if (highI[k - 1] >= 0) lo = highI[k - 1];
    if (j < k) j = k;
    while (lowI[j] < 0) j++; // cell m − 1 holds max x
    const hi = lowI[j];
    const slope = (y[hi] - y[lo]) / (x[hi] - x[lo]);
    out[k] = slope * (grid[k] - x[lo]) + y[lo];
  }
  return true;
}

/** @internal scipy.ndimage.gaussian_filter1d (order 0, mode "reflect", truncate 4). */
export function gaussianFilter(y: Float64Array, sigma: number): Float64Array {
  const n = y.length;
  const r = Math.floor(4 * sigma + 0.5);
  const w = new Float64Array(2 * r + 1);
  let s = 0;
  for (let k = -r; k <= r; k++) { w[k + r] = Math.exp((-0.5 * k * k) / (sigma * sigma)); s += w[k + r]; }
  for (let k = 0; k < w.length; k++) w[k] /= s;
  const at = (i: number): number => {
    // half-sample symmetric reflection (d c b a | a b c d | d c b a), repeated for long kernels
    const p = 2 * n;
    let j = ((i % p) + p) % p;
    if (j >= n) j = p - 1 - j;
    return y[j];
  };
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let acc = 0;
    if (i - r >= 0 && i + r < n) for (let k = -r; k <= r; k++) acc += w[k + r] * y[i + k];
    else for (let k = -r; k <= r; k++) acc += w[k + r] * at(i + k);
    out[i] = acc;
  }
  return out;
}

/**
 * dQ/dV of one half-cycle as cellpy's `ica.Converter` computes it (with `normalize=False`, i.e.
 * in physical units): (1) V(q) interpolated linearly onto a uniform capacity grid of as many
 * points as the input; (2) q(V) on a uniform voltage grid from the lowest to the highest of those
 * voltages, round((max − min) / resolution) points (the points are sorted by voltage first, so
 * noise that makes the voltage non-monotonic is allowed); (3) finite differences divided by the
 * step, placed at the midpoints; (4) a Gaussian of σ = max(1, ⌊fwhm / step⌋ / 2) points
 * (truncated at 4σ, reflecting edges). Capacity must not decrease (count it from 0 for
 * charge and for discharge); dQ/dV is then positive on charge and negative on discharge.
 *
 * @param capacity - charge passed since the half-cycle began, non-decreasing (mAh/g → result in mAh g⁻¹ V⁻¹). Shape (n ≥ 3).
 * @param voltage - V, shape (n).
 * @param options - {@link IncrementalCapacityOptions}.
 * @returns {@link IncrementalCapacity}.
 * @throws RangeError for lengths that differ, fewer than 3 points, NaN, decreasing capacity, a voltage span below 3 grid steps; Error for an unknown option.
 * @example
 * const ica = incrementalCapacity(profile.capacity, profile.voltage, { resolution: 0.005, fwhm: 0.01 });
 * ica.voltage; ica.dqdv; // mAh g⁻¹ V⁻¹
 */
export function incrementalCapacity(capacity: ArrayLike<number>, voltage: ArrayLike<number>, options: IncrementalCapacityOptions = {}): IncrementalCapacity {
  const fn = "incrementalCapacity";
  checkOptions(fn, options, OPTIONS);
  const resolution = checkPositive(fn, "option resolution", options.resolution ?? 0.005, "V");
  const fwhm = checkPositive(fn, "option fwhm", options.fwhm ?? 0.01, "V", true);
  const n = capacity.length;
  if (voltage.length !== n) throw new RangeError(`${fn}: voltage has ${voltage.length} points, expected ${n} like capacity`);
  if (n < 3) throw new RangeError(`${fn}: expected at least 3 points, got ${n}`);
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(capacity[i]) || !Number.isFinite(voltage[i])) throw new RangeError(`${fn}: point ${i} is not finite (capacity ${capacity[i]}, voltage ${voltage[i]})`);
    if (i > 0 && capacity[i] < capacity[i - 1]) throw new RangeError(`${fn}: capacity decreases at point ${i} (${capacity[i - 1]} → ${capacity[i]}); expected charge counted from 0, non-decreasing`);
  }
  if (!(capacity[n - 1] > capacity[0])) throw new RangeError(`${fn}: capacity does not increase (${capacity[0]} … ${capacity[n - 1]}); no charge passed`);
  let v1 = Infinity;
  let v2 = -Infinity;
  for (let i = 0; i < n; i++) { if (voltage[i] < v1) v1 = voltage[i]; if (voltage[i] > v2) v2 = voltage[i]; }
  if (Math.round(Math.abs(v2 - v1) / resolution) < 3) throw new RangeError(`${fn}: the voltage spans ${(v2 - v1).toPrecision(3)} V, fewer than 3 steps of option resolution ${resolution} V`);
  return incrementalCore(capacity, voltage, resolution, fwhm);
}

/** Scratch for V(q) and its capacity grid, reused from call to call (nothing returned refers to it). */
let scratchQ = new Float64Array(0);
let scratchV = new Float64Array(0);

/** @internal {@link incrementalCapacity} without the checks: capacity non-decreasing and increasing overall, n ≥ 3, voltage spanning ≥ 3 steps. */
export function incrementalCore(capacity: ArrayLike<number>, voltage: ArrayLike<number>, resolution: number, fwhm: number): IncrementalCapacity {
  const fn = "incrementalCapacity";
  const n = capacity.length;
  // (1) V(q) on a uniform q grid (interpSorted inlined, with the min and max of V(q))
  if (scratchQ.length < n) { scratchQ = new Float64Array(n); scratchV = new Float64Array(n); }
  const qg = scratchQ.subarray(0, n);
  const vg = scratchV.subarray(0, n);
  const c1 = capacity[0];
  const dq = (capacity[n - 1] - c1) / (n - 1);
  const cn = capacity[n - 1];
  let v1 = Infinity;
  let v2 = -Infinity;
  let hi = 1;
  for (let k = 0; k < n; k++) {
    const x = k === n - 1 ? cn : c1 + k * dq;
    qg[k] = x;
    while (hi < n - 1 && capacity[hi] < x) hi++;
    while (hi > 1 && capacity[hi - 1] >= x) hi--;
    const lo = hi - 1;
    const slope = (voltage[hi] - voltage[lo]) / (capacity[hi] - capacity[lo]);
    const v = slope * (x - capacity[lo]) + voltage[lo];
    vg[k] = v;
    if (v < v1) v1 = v;
    if (v > v2) v2 = v;
  }
  // (2) q(V) on a uniform V grid
  const nV = Math.round(Math.abs(v2 - v1) / resolution);
  if (nV < 3) throw new RangeError(`${fn}: the voltage spans ${(v2 - v1).toPrecision(3)} V, fewer than 3 steps of option resolution ${resolution} V`);
  const step = (v2 - v1) / (nV - 1);
  const vGrid = new Float64Array(nV);
  for (let k = 0; k < nV; k++) vGrid[k] = v1 + k * step;
  vGrid[nV - 1] = v2;
  const qInv = new Float64Array(nV);
  if (!interpGridUnsorted(vg, qg, vGrid, step, qInv)) {
    const { xs, ys } = sortPairs(vg, qg);
    interpSorted(xs, ys, vGrid, qInv);
  }
  // (3) differences at midpoints
  const m = nV - 1;
  const raw = new Float64Array(m);
  const mid = new Float64Array(m);
  for (let k = 0; k < m; k++) { raw[k] = (qInv[k + 1] - qInv[k]) / step; mid[k] = vGrid[k + 1] - 0.5 * step; }
  // (4) Gaussian
  const sigma = Math.max(1, Math.floor(fwhm / step) / 2);
  const dqdv = fwhm === 0 ? raw.slice() : gaussianFilter(raw, sigma);
  return { voltage: mid, dqdv, raw, step, sigma: fwhm === 0 ? 0 : sigma };
}
