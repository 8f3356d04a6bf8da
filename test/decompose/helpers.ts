import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { createRng } from "../../src/linalg/createRng";
import { setWasmEnabled } from "../../src/linalg/wasmKernels";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function fixture(name: string): any {
  return JSON.parse(readFileSync(join(__dirname, "..", "fixtures", "decompose", name), "utf8"));
}

export const f64 = (a: ArrayLike<number>): Float64Array => Float64Array.from(a);

/** max |a − b| / max(|b|, floor) over entries */
export function maxRel(a: ArrayLike<number>, b: ArrayLike<number>, floor = 1e-300): number {
  assert.equal(a.length, b.length, "length mismatch");
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]) / Math.max(Math.abs(b[i]), floor));
  return m;
}

export function maxAbs(a: ArrayLike<number>, b: ArrayLike<number>): number {
  assert.equal(a.length, b.length, "length mismatch");
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

export function gaussian(e: number, c: number, w: number): number {
  return Math.exp(-0.5 * ((e - c) / w) ** 2);
}

export interface Planted {
  X: Float64Array;
  n: number;
  E: number;
  k: number;
  /** true end-member spectra [k, E] */
  S: Float64Array;
  /** true weights [n, k] (fractions × thickness) */
  A: Float64Array;
  /** true fractions [n, k], rows sum to 1 */
  F: Float64Array;
}

/**
 * Mixtures of k known non-negative spectra: fractions from a random simplex point (with 5 % of
 * pixels pure per member), a thickness factor in [0.5, 1.5] (or 1: normalised pixels),
 * Gaussian noise of std `noise`.
 */
export function planted(seed: number, n: number, E: number, k: number, noise: number, varyThickness = true): Planted {
  const rng = createRng(seed);
  const S = new Float64Array(k * E);
  for (let t = 0; t < k; t++) {
    for (let j = 0; j < E; j++) {
      const e = j / (E - 1);
      S[t * E + j] = gaussian(e, 0.2 + (0.6 * t) / Math.max(k - 1, 1), 0.07) + 0.5 * gaussian(e, 0.9 - 0.25 * t, 0.1) + 0.2;
    }
  }
  const F = new Float64Array(n * k);
  const A = new Float64Array(n * k);
  const X = new Float64Array(n * E);
  for (let i = 0; i < n; i++) {
    const u = rng.uniform();
    if (u < 0.05 * k) {
      F[i * k + Math.floor(u / 0.05)] = 1;
    } else {
      let s = 0;
      for (let t = 0; t < k; t++) { const g = -Math.log(1 - rng.uniform()); F[i * k + t] = g; s += g; }
      for (let t = 0; t < k; t++) F[i * k + t] /= s;
    }
    const thick = varyThickness ? 0.5 + rng.uniform() : 1;
    for (let t = 0; t < k; t++) A[i * k + t] = F[i * k + t] * thick;
    for (let j = 0; j < E; j++) {
      let v = 0;
      for (let t = 0; t < k; t++) v += A[i * k + t] * S[t * E + j];
      X[i * E + j] = v + noise * rng.normal();
    }
  }
  return { X, n, E, k, S, A, F };
}

/** Run fn with a switch set (e.g. `setWasmEnabled`, `setThreadsEnabled`) to `on`, then restore it. */
export function withSwitch<T>(set: (on: boolean) => boolean, on: boolean, fn: () => T): T {
  const was = set(on);
  try {
    return fn();
  } finally {
    set(was);
  }
}

/** Run fn with the WebAssembly kernels switched off (the plain-loop fallback). */
export const plain = <T>(fn: () => T): T => withSwitch(setWasmEnabled, false, fn);

/** A matrix view of a flat row-major array (no checks, so tests can pass wrong shapes on purpose). */
export const M = (data: Float64Array, nRows: number, nCols: number): { data: Float64Array; nRows: number; nCols: number } => ({ data, nRows, nCols });
