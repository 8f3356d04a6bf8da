/**
 * Pearson's correlation coefficient of two equally long series (e.g. an end member against a
 * reference spectrum on the same energies, or oxidation against migrated TM fraction).
 * @module
 */

/**
 * @param a - values, length n ≥ 2.
 * @param b - values, length n.
 * @returns r in [−1, 1]; NaN when either series is constant.
 * @throws RangeError when the lengths differ or n < 2.
 * @example
 * pearson([1, 2, 3], [2, 4, 7]); // 0.99…
 */
export function pearson(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = a.length;
  if (b.length !== n) throw new RangeError(`pearson: a has ${n} values but b has ${b.length}`);
  if (n < 2) throw new RangeError(`pearson: need at least 2 values, got ${n}`);
  let ma = 0;
  let mb = 0;
  for (let i = 0; i < n; i++) {
    ma += a[i];
    mb += b[i];
  }
  ma /= n;
  mb /= n;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    const da = a[i] - ma;
    const db = b[i] - mb;
    sab += da * db;
    saa += da * da;
    sbb += db * db;
  }
  return sab / Math.sqrt(saa * sbb);
}
