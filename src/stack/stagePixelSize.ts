/**
 * The pixel size of an image from its stage axes.
 * @module
 */

/**
 * The pixel size (µm) along x and y from stage axes: the median spacing, when the axes look
 * like stage positions (not the 0, 1, 2 … pixel ramp that readers use when a file has no axes);
 * an axis with one point takes the other's spacing. Undefined when neither axis tells.
 *
 * @param x - column positions in µm.
 * @param y - row positions in µm.
 * @returns `[px, py]` in µm, or undefined.
 * @example
 * stagePixelSize(stack.x, stack.y); // [0.04, 0.04]
 */
export function stagePixelSize(x: ArrayLike<number>, y: ArrayLike<number>): [number, number] | undefined {
  const step = (a: ArrayLike<number>): number => {
    if (a.length < 2) return NaN;
    const d = Array.from({ length: a.length - 1 }, (_, i) => Math.abs(a[i + 1] - a[i])).sort((p, q) => p - q);
    return d[d.length >> 1];
  };
  const isRamp = (a: ArrayLike<number>): boolean => Array.from(a).every((v, i) => v === i);
  if (isRamp(x) && isRamp(y)) return undefined;
  const sx = step(x), sy = step(y);
  const px = Number.isFinite(sx) && sx > 0 ? sx : sy;
  const py = Number.isFinite(sy) && sy > 0 ? sy : sx;
  return Number.isFinite(px) && px > 0 && Number.isFinite(py) && py > 0 ? [px, py] : undefined;
}
