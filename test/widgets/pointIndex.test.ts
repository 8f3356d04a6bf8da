/**
 * The hover index (widgets/src/pointIndex.ts) against a brute-force scan: random points (some
 * outside the view, some stacked on the same spot), random mouse positions and radii.
 */
import { strict as assert } from "node:assert";
import { PointIndex, toScreen, type ScreenView } from "../../widgets/src/pointIndex";

/** A seeded uniform generator (mulberry32). */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function brute(x: Float32Array, y: Float32Array, view: ScreenView, u: number, v: number, r: number): number {
  let best = -1, bestD = Infinity;
  for (let i = 0; i < x.length; i++) {
    const [pu, pv] = toScreen(view, x[i], y[i]);
    const d = (pu - u) ** 2 + (pv - v) ** 2;
    if (d <= r * r && d < bestD) {
      best = i;
      bestD = d;
    }
  }
  return best;
}

describe("widgets: hover point index", () => {
  it("finds the same nearest point as a scan of all points, in several views", () => {
    const rand = rng(7);
    const n = 20000;
    const x = new Float32Array(n), y = new Float32Array(n);
    for (let i = 0; i < n; i++) {
      // A dense blob and a sparse spread, some points far outside the views.
      const dense = rand() < 0.5;
      x[i] = dense ? 0.5 + (rand() - 0.5) * 0.1 : (rand() - 0.25) * 2;
      y[i] = dense ? 0.3 + (rand() - 0.5) * 0.1 : (rand() - 0.25) * 2;
    }
    x[10] = x[11]; // two points on the same spot: the lower index wins
    y[10] = y[11];
    const views: ScreenView[] = [
      { x0: 0, x1: 1, y0: 0, y1: 1, width: 450, height: 370 },
      { x0: 0.45, x1: 0.55, y0: 0.25, y1: 0.35, width: 450, height: 370 }, // zoomed into the blob
      { x0: -3, x1: 3, y0: -2, y1: 4, width: 200, height: 120 },
    ];
    let found = 0, queries = 0;
    for (const view of views) {
      const idx = new PointIndex(x, y, view, 6);
      assert.ok(idx.size > 0 && idx.size <= n);
      for (let q = 0; q < 400; q++) {
        const u = rand() * view.width, v = rand() * view.height; // the mouse is over the plot area
        const r = q % 3 === 0 ? 6 : 1 + rand() * 5;
        const want = brute(x, y, view, u, v, r);
        assert.equal(idx.nearest(u, v, r), want, `view ${JSON.stringify(view)}, mouse (${u}, ${v}), r ${r}`);
        queries++;
        if (want >= 0) found++;
      }
      const [u11, v11] = toScreen(view, x[11], y[11]);
      if (u11 >= 0 && u11 <= view.width && v11 >= 0 && v11 <= view.height) assert.equal(idx.nearest(u11, v11), 10);
    }
    // The test means something only if both outcomes occurred often.
    assert.ok(found > queries / 5 && found < queries - queries / 5, `${found} of ${queries} queries found a point`);
  });

  it("a radius larger than the index's is clamped; bad views are refused", () => {
    const idx = new PointIndex(Float32Array.of(0.5), Float32Array.of(0.5), { x0: 0, x1: 1, y0: 0, y1: 1, width: 100, height: 100 }, 6);
    assert.equal(idx.nearest(50, 58), -1); // 8 px away
    assert.equal(idx.nearest(50, 58, 20), -1); // clamped to 6
    assert.equal(idx.nearest(50, 55), 0);
    assert.throws(() => new PointIndex([0], [0], { x0: 0, x1: 0, y0: 0, y1: 1, width: 10, height: 10 }), /non-empty domain/);
    assert.throws(() => new PointIndex([0], [0, 1], { x0: 0, x1: 1, y0: 0, y1: 1, width: 10, height: 10 }), /x has 1 points but y has 2/);
  });
});
