/**
 * A small seeded pseudo-random number generator (sfc32 seeded through splitmix32).
 * @module
 */

/** A seeded random number stream. Every random choice in edgeworks draws from one of these. */
export interface Rng {
  /** Uniform double in [0, 1) with 32 random bits. */
  uniform(): number;
  /** Standard normal deviate (Box–Muller, polar form). */
  normal(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
  /** The seed the stream was created with. */
  readonly seed: number;
}

/**
 * Create a seeded PRNG: sfc32 (Small Fast Counting generator, Chris Doty-Humphrey,
 * PractRand) with its 128-bit state filled by splitmix32 from the seed. Same seed, same
 * stream, on every platform.
 *
 * @param seed - any finite number; it is reduced to an unsigned 32-bit integer.
 * @returns an {@link Rng}.
 * @example
 * ```ts
 * const rng = createRng(42);
 * const u = rng.uniform(); // in [0, 1)
 * const z = rng.normal();  // N(0, 1)
 * ```
 * @see https://pracrand.sourceforge.net/ (sfc32); Steele, Lea & Flood, "Fast splittable
 * pseudorandom number generators", OOPSLA 2014 (splitmix).
 */
export function createRng(seed: number): Rng {
  if (typeof seed !== "number" || !Number.isFinite(seed)) {
    throw new TypeError(`createRng: seed must be a finite number, got ${String(seed)}`);
  }
  let s = Math.floor(Math.abs(seed)) >>> 0;
  const splitmix = (): number => {
    s = (s + 0x9e3779b9) | 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = splitmix();
  let b = splitmix();
  let c = splitmix();
  let d = splitmix();
  const next = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  for (let i = 0; i < 12; i++) next();
  let spare = NaN;
  const uniform = (): number => next() / 4294967296;
  return {
    seed,
    uniform,
    normal(): number {
      if (!Number.isNaN(spare)) {
        const v = spare;
        spare = NaN;
        return v;
      }
      let u = 0;
      let v = 0;
      let q = 0;
      do {
        u = 2 * uniform() - 1;
        v = 2 * uniform() - 1;
        q = u * u + v * v;
      } while (q >= 1 || q === 0);
      const f = Math.sqrt((-2 * Math.log(q)) / q);
      spare = v * f;
      return u * f;
    },
    int(n: number): number {
      return Math.floor(uniform() * n);
    },
  };
}
