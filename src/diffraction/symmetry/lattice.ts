/**
 * Cell metrics: volume, the reciprocal metric for d-spacings, and Cartesian coordinates for
 * distances between fractional positions.
 * @module
 */
import type { Cell } from "../structure";

const RAD = Math.PI / 180;

/**
 * Check a cell: finite positive lengths, angles in (0°, 180°) forming a real cell.
 * @throws RangeError naming the parameter, e.g. `cell: a must be a positive length in Å, got -4.9`.
 * @example
 * checkCell({ a: 4.2, b: 4.2, c: 4.2, alpha: 90, beta: 90, gamma: 90 });
 */
export function checkCell(cell: Cell, where = "cell"): void {
  for (const k of ["a", "b", "c"] as const) {
    if (!(Number.isFinite(cell[k]) && cell[k] > 0)) throw new RangeError(`${where}: ${k} must be a positive length in Å, got ${cell[k]}`);
  }
  for (const k of ["alpha", "beta", "gamma"] as const) {
    if (!(Number.isFinite(cell[k]) && cell[k] > 0 && cell[k] < 180)) throw new RangeError(`${where}: ${k} must be an angle in degrees between 0 and 180, got ${cell[k]}`);
  }
  if (!(cellVolume(cell) > 0)) throw new RangeError(`${where}: the angles ${cell.alpha}°, ${cell.beta}°, ${cell.gamma}° do not form a cell`);
}

/**
 * Cell volume in Å³.
 * @example
 * cellVolume({ a: 2.94194, b: 2.94194, c: 14.40729, alpha: 90, beta: 90, gamma: 120 }); // 107.99
 */
export function cellVolume(cell: Cell): number {
  const ca = Math.cos(cell.alpha * RAD), cb = Math.cos(cell.beta * RAD), cg = Math.cos(cell.gamma * RAD);
  const q = 1 - ca * ca - cb * cb - cg * cg + 2 * ca * cb * cg;
  return q > 0 ? cell.a * cell.b * cell.c * Math.sqrt(q) : NaN;
}

/**
 * The metric tensor G (Å², by rows): G_ij = a_i · a_j.
 * @example
 * metricTensor({ a: 2, b: 2, c: 2, alpha: 90, beta: 90, gamma: 90 }); // [4,0,0, 0,4,0, 0,0,4]
 */
export function metricTensor(cell: Cell): number[] {
  const { a, b, c } = cell;
  const ca = Math.cos(cell.alpha * RAD), cb = Math.cos(cell.beta * RAD), cg = Math.cos(cell.gamma * RAD);
  return [a * a, a * b * cg, a * c * cb, a * b * cg, b * b, b * c * ca, a * c * cb, b * c * ca, c * c];
}

/**
 * The reciprocal metric tensor G* = G⁻¹ (Å⁻², by rows): 1/d² = hᵀ G* h.
 * @example
 * const gs = reciprocalMetric({ a: 4, b: 4, c: 4, alpha: 90, beta: 90, gamma: 90 }); // [1/16,0,0, …]
 */
export function reciprocalMetric(cell: Cell): number[] {
  const g = metricTensor(cell);
  const det = g[0] * (g[4] * g[8] - g[5] * g[7]) - g[1] * (g[3] * g[8] - g[5] * g[6]) + g[2] * (g[3] * g[7] - g[4] * g[6]);
  return [
    (g[4] * g[8] - g[5] * g[7]) / det, (g[2] * g[7] - g[1] * g[8]) / det, (g[1] * g[5] - g[2] * g[4]) / det,
    (g[5] * g[6] - g[3] * g[8]) / det, (g[0] * g[8] - g[2] * g[6]) / det, (g[2] * g[3] - g[0] * g[5]) / det,
    (g[3] * g[7] - g[4] * g[6]) / det, (g[1] * g[6] - g[0] * g[7]) / det, (g[0] * g[4] - g[1] * g[3]) / det,
  ];
}

/**
 * The d-spacing of the lattice planes (h k l), in Å.
 * @example
 * dSpacing({ a: 4, b: 4, c: 4, alpha: 90, beta: 90, gamma: 90 }, [1, 1, 0]); // 2.828…
 */
export function dSpacing(cell: Cell, hkl: readonly number[]): number {
  const g = reciprocalMetric(cell);
  const [h, k, l] = hkl;
  const q = g[0] * h * h + g[4] * k * k + g[8] * l * l + 2 * (g[1] * h * k + g[2] * h * l + g[5] * k * l);
  return 1 / Math.sqrt(q);
}

/**
 * Distance in Å between two fractional positions, taking the nearest periodic image.
 * @example
 * fractionalDistance(metricTensor(cell), [0.01, 0, 0], [0.99, 0, 0]); // 0.02 · a
 */
export function fractionalDistance(metric: readonly number[], p: readonly number[], q: readonly number[]): number {
  const d = [0, 1, 2].map((i) => {
    const x = p[i] - q[i];
    return x - Math.round(x);
  });
  const g = metric;
  const s = g[0] * d[0] * d[0] + g[4] * d[1] * d[1] + g[8] * d[2] * d[2] + 2 * (g[1] * d[0] * d[1] + g[2] * d[0] * d[2] + g[5] * d[1] * d[2]);
  return Math.sqrt(Math.max(0, s));
}
