/**
 * Entry-point checks and small helpers shared by the chart builders and map renderers
 * (internal; not re-exported). Every error names the function, the parameter, what was
 * given and what was expected.
 * @module
 */

/** @internal The vega-lite 5 schema URL every builder stamps on its spec. */
export const VL_SCHEMA = "https://vega.github.io/schema/vega-lite/v5.json";

export { checkOptions } from "../util/checkOptions";


/** @internal Throw unless `v` is an integer in [min, max]. */
export function checkInt(fn: string, name: string, v: unknown, min: number, max = Number.MAX_SAFE_INTEGER): number {
  if (typeof v !== "number" || !Number.isInteger(v) || v < min || v > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `≥ ${min}` : `in [${min}, ${max}]`;
    throw new RangeError(`${fn}: ${name} must be an integer ${range}, got ${String(v)}`);
  }
  return v;
}

/** @internal Throw unless `v` is a finite number. */
export function checkFinite(fn: string, name: string, v: unknown): number {
  if (typeof v !== "number" || !Number.isFinite(v)) throw new RangeError(`${fn}: ${name} must be a finite number, got ${String(v)}`);
  return v;
}

/** @internal Throw unless `a` is array-like with `length` entries. */
export function checkLength(fn: string, name: string, a: unknown, length: number, shape: string): ArrayLike<number> {
  if (a === null || typeof a !== "object" || typeof (a as ArrayLike<number>).length !== "number") {
    throw new TypeError(`${fn}: ${name} must be an array or typed array of shape ${shape}, got ${a === null ? "null" : typeof a}`);
  }
  const n = (a as ArrayLike<number>).length;
  if (n !== length) throw new RangeError(`${fn}: ${name} has length ${n}, expected ${length} (shape ${shape})`);
  return a as ArrayLike<number>;
}

/** @internal Throw unless `a` is array-like; return it. */
export function checkArrayLike(fn: string, name: string, a: unknown): ArrayLike<number> {
  if (a === null || typeof a !== "object" || typeof (a as ArrayLike<number>).length !== "number") {
    throw new TypeError(`${fn}: ${name} must be an array or typed array, got ${a === null ? "null" : typeof a}`);
  }
  return a as ArrayLike<number>;
}

/** @internal Throw unless `d` is `[lo, hi]` with finite lo < hi. */
export function checkRange(fn: string, name: string, d: unknown): [number, number] {
  if (!Array.isArray(d) || d.length !== 2 || !Number.isFinite(d[0]) || !Number.isFinite(d[1]) || !(d[0] < d[1])) {
    throw new RangeError(`${fn}: ${name} must be [lo, hi] with finite lo < hi, got ${JSON.stringify(d)}`);
  }
  return [d[0], d[1]];
}

/** @internal Throw unless `v` is one of `values`. */
export function checkEnum<T extends string>(fn: string, name: string, v: unknown, values: readonly T[]): T {
  if (typeof v !== "string" || !(values as readonly string[]).includes(v)) {
    throw new RangeError(`${fn}: ${name} must be one of ${values.map((s) => `"${s}"`).join(", ")}, got ${JSON.stringify(v)}`);
  }
  return v as T;
}

/** @internal Smallest and largest finite value, or null when there is none. */
export function finiteExtent(values: ArrayLike<number>): [number, number] | null {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return lo <= hi && Number.isFinite(lo) && Number.isFinite(hi) ? [lo, hi] : null;
}

/** @internal The stride that keeps at most `maxPoints` of `n` points (every stride-th, from 0). */
export function strideFor(n: number, maxPoints: number): number {
  return n > maxPoints ? Math.ceil(n / maxPoints) : 1;
}

/** @internal "every 4th of 74,700 points shown" or "" when nothing was dropped. */
export function strideNote(stride: number, n: number, what: string): string {
  if (stride <= 1) return "";
  const ord = stride === 2 ? "2nd" : stride === 3 ? "3rd" : `${stride}th`;
  return `every ${ord} of ${n.toLocaleString("en-US")} ${what} shown`;
}

/** @internal Percentile `p` (0–100) of the finite values, linear interpolation (numpy's default); NaN when none. */
export function finitePercentile(values: ArrayLike<number>, p: number): number {
  const f: number[] = [];
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i])) f.push(values[i]);
  if (f.length === 0) return NaN;
  const s = Float64Array.from(f).sort();
  const h = (s.length - 1) * (p / 100);
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, s.length - 1);
  return s[lo] + (h - lo) * (s[hi] - s[lo]);
}

/** @internal A number for JSON (vega data): finite values kept, everything else null. */
export function num(v: number): number | null {
  return Number.isFinite(v) ? v : null;
}
