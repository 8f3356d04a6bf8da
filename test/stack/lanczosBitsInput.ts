// The inputs of test/fixtures/stack/lanczos_bits.json (see lanczosBitsFixture.ts): made from a
// seed with integer arithmetic and correctly rounded + − × ÷ only (no Math.sin etc.), so every
// machine and Node version makes the same bits.

/** One case of the fixture; `output` is the little-endian float64 bytes of the shifted stack, base64. */
export interface LanczosBitsCase {
  name: string;
  /** Seed of {@link lanczosBitsInput}. */
  seed: number;
  /** Whether NaNs are put at a few pixels (see {@link lanczosBitsInput}). */
  nan: boolean;
  nE: number;
  ny: number;
  nx: number;
  dx: number[];
  dy: number[];
  options: { smoothing?: number; fill?: number };
  output: string;
}

/**
 * The input stack of a case, `nE · ny · nx` float64 values: a quadratic bowl, a bright disk with
 * sharp edges and uniform noise in [0, 1) from a linear congruential generator; with `nan`, one
 * pixel in 300 (by the same generator) is NaN, the first pixel always.
 */
export function lanczosBitsInput(c: Pick<LanczosBitsCase, "seed" | "nan" | "nE" | "ny" | "nx">): Float64Array {
  const { nE, ny, nx } = c;
  const d = new Float64Array(nE * ny * nx);
  let s = c.seed >>> 0;
  const next = (): number => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  for (let i = 0; i < d.length; i++) {
    const y = Math.floor(i / nx) % ny, x = i % nx;
    const r2 = (x - nx / 2) ** 2 + (y - ny / 3) ** 2;
    d[i] = r2 / (nx * ny) + (r2 < (nx * ny) / 6 ? 2.5 : 0) + next();
    if (c.nan && (i === 0 || next() < 1 / 300)) d[i] = NaN;
  }
  return d;
}
