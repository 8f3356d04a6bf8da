/**
 * The one seeded pseudo-random generator of edgeworks (simulated beamline, NMF random
 * initialisation, VCA directions): mulberry32 for uniforms,
 * Box–Muller for normals, Knuth's product method (λ < 10) and Hörmann's PTRS transformed
 * rejection (λ ≥ 10, as numpy) for Poisson counts. Reproducible across platforms (32-bit integer arithmetic).
 * @module
 */

/** A seeded random source. */
export interface Rng {
  /** Uniform in [0, 1). */
  uniform(): number;
  /** Uniform in [lo, hi). */
  range(lo: number, hi: number): number;
  /** Normal with mean `mu` and standard deviation `sigma` (defaults 0, 1). */
  normal(mu?: number, sigma?: number): number;
  /** A Poisson-distributed count with mean `lambda` ≥ 0. */
  poisson(lambda: number): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
  /** The seed the stream was created with. */
  readonly seed: number;
}

function logGamma(x: number): number {
  // Lanczos approximation (g = 7, n = 9), |error| < 1e-13 for x > 0.5
  const c = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
  x -= 1;
  let a = c[0];
  const t = x + 7.5;
  for (let i = 1; i < 9; i++) a += c[i] / (x + i);
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
}

/**
 * A seeded {@link Rng} (mulberry32).
 *
 * @param seed - any integer (taken modulo 2³²).
 * @example
 * const rng = createRng(42);
 * const counts = rng.poisson(3000);
 */
export function createRng(seed: number): Rng {
  if (typeof seed !== "number" || !Number.isFinite(seed)) {
    throw new TypeError(`createRng: seed must be a finite number, got ${String(seed)}`);
  }
  let s = seed >>> 0;
  let spare = NaN;
  const uniform = (): number => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const std = (): number => {
    if (!Number.isNaN(spare)) {
      const v = spare;
      spare = NaN;
      return v;
    }
    let u = 0;
    while (u === 0) u = uniform();
    const v = uniform();
    const r = Math.sqrt(-2 * Math.log(u));
    spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  };
  const poisson = (lam: number): number => {
    if (!(lam >= 0) || !Number.isFinite(lam)) throw new RangeError(`poisson: lambda must be a finite number ≥ 0, got ${lam}`);
    if (lam === 0) return 0;
    if (lam < 10) {
      const L = Math.exp(-lam);
      let k = 0;
      let p = uniform();
      while (p > L) {
        k++;
        p *= uniform();
      }
      return k;
    }
    const slam = Math.sqrt(lam);
    const loglam = Math.log(lam);
    const b = 0.931 + 2.53 * slam;
    const a = -0.059 + 0.02483 * b;
    const invalpha = 1.1239 + 1.1328 / (b - 3.4);
    const vr = 0.9277 - 3.6224 / (b - 2);
    for (;;) {
      const U = uniform() - 0.5;
      const V = uniform();
      const us = 0.5 - Math.abs(U);
      const k = Math.floor(((2 * a) / us + b) * U + lam + 0.43);
      if (us >= 0.07 && V <= vr) return k;
      if (k < 0 || (us < 0.013 && V > us)) continue;
      if (Math.log(V) + Math.log(invalpha) - Math.log(a / (us * us) + b) <= -lam + k * loglam - logGamma(k + 1)) return k;
    }
  };
  return {
    seed,
    uniform,
    int: (n) => Math.floor(uniform() * n),
    range: (lo, hi) => lo + (hi - lo) * uniform(),
    normal: (mu = 0, sigma = 1) => mu + sigma * std(),
    poisson,
  };
}
