/**
 * The end-member selector's hover and maps at 1,000,000 points (10 samples of 400 × 250 pixels,
 * a group of 300,000), in Node (the same code the browser runs; no canvas):
 *
 *   npx tsx bench/selectorHover.bench.ts
 *
 * Hover: building the screen-space grid (once per view) and one nearest-point query, against a
 * scan of all points per query (what the grid replaces). Maps: a redraw of the kept raster (copy of
 * the grey layer + one write per group member) against drawing from scratch (`mapPixels`). Both
 * sides run in the same process, alternating, best of 5 rounds; the load average is printed.
 */
import { loadavg } from "node:os";
import { MapRaster, mapPixels } from "../widgets/src/selectorMaps";
import { PointIndex, toScreen, type ScreenView } from "../widgets/src/pointIndex";
import { createRng } from "../src/linalg";

const n = 1_000_000, S = 10, nx = 400, ny = 250;
const rng = createRng(9);
const sample = new Uint16Array(n), x = new Uint16Array(n), y = new Uint16Array(n), brightness = new Float32Array(n);
const xs = new Float32Array(n), ys = new Float32Array(n);
for (let i = 0; i < n; i++) {
  const p = i % (nx * ny);
  sample[i] = Math.floor(i / (nx * ny));
  x[i] = p % nx;
  y[i] = Math.floor(p / nx);
  brightness[i] = rng.uniform();
  // A dense triangle of mixtures, like NMF weights.
  const a = rng.uniform(), b = rng.uniform() * (1 - a);
  xs[i] = a + 0.01 * rng.uniform();
  ys[i] = b + 0.01 * rng.uniform();
}
const coords = { sample, x, y, samples: Array.from({ length: S }, (_, k) => ({ name: `s${k}`, ny, nx })) };
const groups = [{ name: "g", color: "#ff0000", indices: Uint32Array.from({ length: 300000 }, (_, k) => 3 * k) }];
const view: ScreenView = { x0: -0.05, x1: 1.05, y0: -0.05, y1: 1.05, width: 450, height: 370 };

function scan(u: number, v: number, r: number): number {
  let best = -1, bestD = r * r;
  for (let i = 0; i < n; i++) {
    const [pu, pv] = toScreen(view, xs[i], ys[i]);
    const d = (pu - u) ** 2 + (pv - v) ** 2;
    if (d < bestD) [best, bestD] = [i, d];
  }
  return best;
}

const time = (f: () => void, reps = 1) => {
  const t = performance.now();
  for (let k = 0; k < reps; k++) f();
  return (performance.now() - t) / reps;
};
const best = { build: Infinity, query: Infinity, scan: Infinity, setup: Infinity, redraw: Infinity, scratch: Infinity };
const queries = Array.from({ length: 2000 }, () => [rng.uniform() * view.width, rng.uniform() * view.height]);
let same = 0;
for (let round = 0; round < 5; round++) {
  let idx: PointIndex | null = null;
  best.build = Math.min(best.build, time(() => (idx = new PointIndex(xs, ys, view))));
  best.query = Math.min(best.query, time(() => queries.forEach(([u, v]) => idx!.nearest(u, v)), 1) / queries.length);
  best.scan = Math.min(best.scan, time(() => queries.slice(0, 5).forEach(([u, v]) => scan(u, v, 6))) / 5);
  if (round === 0) same = queries.slice(0, 5).filter(([u, v]) => idx!.nearest(u, v) === scan(u, v, 6)).length;
  let raster: MapRaster | null = null;
  best.setup = Math.min(best.setup, time(() => {
    raster = new MapRaster(coords);
    raster.setBrightness(brightness);
  }));
  best.redraw = Math.min(best.redraw, time(() => raster!.draw(groups), 3));
  best.scratch = Math.min(best.scratch, time(() => mapPixels(coords, groups, brightness)));
}
const f = (ms: number) => (ms < 1 ? `${(ms * 1000).toFixed(1)} µs` : `${ms.toFixed(1)} ms`);
console.log(`selector hover and maps, 1,000,000 points (best of 5; load average ${loadavg().map((l) => l.toFixed(2)).join(", ")})`);
console.log(`  hover grid: build ${f(best.build)} once per view; nearest point ${f(best.query)} per mousemove vs a scan of all points ${f(best.scan)} (ratio ${(best.query / best.scan).toExponential(1)}; same answer in ${same} of 5)`);
console.log(`  maps: set-up + grey layer ${f(best.setup)} once; redraw with a 300,000-pixel group ${f(best.redraw)} vs from scratch ${f(best.scratch)} (ratio ${(best.redraw / best.scratch).toFixed(2)})`);
