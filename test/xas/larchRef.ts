/**
 * Test helpers: the committed larch outputs and the real files in ../shared/external/xas.
 */
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type { Spectrum } from "../../src/types/spectrum";
import { readXdi } from "../../src/xas/io/readXdi";
import { scanSpectrum } from "../../src/xas/scanSpectrum";

export const ROOT = resolve(__dirname, "..", "..");
export const EXTERNAL = resolve(ROOT, "..", "shared", "external", "xas");
export const HAVE_EXTERNAL = existsSync(EXTERNAL);
export const SKIP_MESSAGE = `../shared/external/xas is absent (${EXTERNAL}); the real-file checks against larch are skipped`;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function fixture(name: string): any {
  return JSON.parse(readFileSync(join(ROOT, "test", "fixtures", "xas", name), "utf8"));
}

/** μ(E) of a foil from its XDI file (the stored mutrans column). */
export function foil(name: string): Spectrum {
  return scanSpectrum(readXdi(join(EXTERNAL, `${name}.xdi`)), { mode: "mu", name });
}

export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>, from = 0, to = Math.min(a.length, b.length)): number {
  let m = 0;
  for (let i = from; i < to; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

export function maxAbs(a: ArrayLike<number>, from = 0, to = a.length): number {
  let m = 0;
  for (let i = from; i < to; i++) m = Math.max(m, Math.abs(a[i]));
  return m;
}

/** R of the largest |χ(R)| in [rlo, rhi] (Å), refined by a parabola through the top three points. */
export function peakR(r: ArrayLike<number>, mag: ArrayLike<number>, rlo: number, rhi: number): number {
  let best = -1;
  for (let i = 1; i < r.length - 1; i++) if (r[i] >= rlo && r[i] <= rhi && (best < 0 || mag[i] > mag[best])) best = i;
  const [a, b, c] = [mag[best - 1], mag[best], mag[best + 1]];
  const d = a - 2 * b + c;
  const off = d !== 0 ? (0.5 * (a - c)) / d : 0;
  return r[best] + off * (r[1] - r[0]);
}
