/**
 * The modified Bessel function I₀ (internal; for the Kaiser window).
 * @module
 */

/** @internal I₀(x) by its power series Σ ((x/2)^j / j!)² (relative error < 1e-15 for |x| ≤ 50). */
export function besselI0(x: number): number {
  const q = (x * x) / 4;
  let term = 1, sum = 1;
  for (let j = 1; j < 500; j++) {
    term *= q / (j * j);
    sum += term;
    if (term < 1e-17 * sum) break;
  }
  return sum;
}
