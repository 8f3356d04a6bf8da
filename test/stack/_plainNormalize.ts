/**
 * The per-pixel normalisation as plain loops, one image (or trapezoid step) at a time: the
 * reference that the blocked and WebAssembly paths of normalizePixels must equal bit for bit
 * (test/stack/normalize-blocks.test.ts, fast-paths.test.ts).
 */
import type { Stack } from "../../src/types/stack";

/** Background, area and brightness maps and the normalised data of `st` for the three ranges (eV). */
export function plainNormalize(st: Stack, bgR: readonly [number, number], arR: readonly [number, number], brR: readonly [number, number]) {
  const { nE, ny, nx, energies, data } = st;
  const n = ny * nx;
  const idx = (r: readonly [number, number]): number[] => Array.from(energies.keys()).filter((k) => energies[k] >= r[0] && energies[k] <= r[1]);
  const bgI = idx(bgR);
  const bg = new Float64Array(n);
  for (const k of bgI) for (let i = 0; i < n; i++) bg[i] += data[k * n + i];
  for (let i = 0; i < n; i++) bg[i] /= bgI.length;
  const integrate = (ix: number[]): Float64Array => {
    const acc = new Float64Array(n);
    for (let j = 1; j < ix.length; j++) {
      const h = energies[ix[j]] - energies[ix[j - 1]];
      for (let i = 0; i < n; i++) acc[i] += (h * (data[ix[j] * n + i] - bg[i] + (data[ix[j - 1] * n + i] - bg[i]))) / 2;
    }
    return acc;
  };
  const area = integrate(idx(arR));
  const bright = integrate(idx(brR));
  const out = new Float64Array(nE * n);
  let invalid = 0;
  for (let i = 0; i < n; i++) if (!(area[i] > 0 && Number.isFinite(area[i]))) invalid++;
  for (let k = 0; k < nE; k++) for (let i = 0; i < n; i++) out[k * n + i] = (data[k * n + i] - bg[i]) / (area[i] > 0 && Number.isFinite(area[i]) ? area[i] : NaN);
  return { bg, area, bright, out, invalid, counts: [bgI.length, idx(arR).length, idx(brR).length] };
}
