/**
 * The selection geometry of the widgets (widgets/src/geometry.ts) against independent
 * implementations written here: the winding number (equal to the even–odd rule for simple
 * polygons) and an even–odd count along a vertical ray (for self-intersecting lassos).
 */
import { strict as assert } from "node:assert";
import { combine, indicesInPolygon, indicesInRect, modeOf, pointInPolygon } from "../../widgets/src/geometry";

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Winding number of the polygon around (px, py) (Sunday's algorithm, signed crossings upward/downward). */
function winding(px: number, py: number, v: number[]): number {
  const m = v.length / 2;
  let w = 0;
  for (let i = 0; i < m; i++) {
    const ax = v[2 * i], ay = v[2 * i + 1], bx = v[(2 * i + 2) % v.length], by = v[(2 * i + 3) % v.length];
    const side = (bx - ax) * (py - ay) - (px - ax) * (by - ay);
    if (ay <= py) {
      if (by > py && side > 0) w++;
    } else if (by <= py && side < 0) w--;
  }
  return w;
}

/** Even–odd by counting edges crossed by the ray from (px, py) towards +y. */
function evenOddUp(px: number, py: number, v: number[]): boolean {
  const m = v.length / 2;
  let c = 0;
  for (let i = 0; i < m; i++) {
    const ax = v[2 * i], ay = v[2 * i + 1], bx = v[(2 * i + 2) % v.length], by = v[(2 * i + 3) % v.length];
    if (ax <= px === bx <= px) continue;
    const yAt = ay + ((px - ax) / (bx - ax)) * (by - ay);
    if (yAt > py) c++;
  }
  return c % 2 === 1;
}

/** A star-shaped (simple) polygon around (cx, cy) with m vertices. */
function star(r: () => number, m: number, cx: number, cy: number): number[] {
  const v: number[] = [];
  for (let i = 0; i < m; i++) {
    const a = (2 * Math.PI * i) / m;
    const rad = 0.2 + 0.8 * r();
    v.push(cx + rad * Math.cos(a), cy + rad * Math.sin(a));
  }
  return v;
}

describe("widgets: selection geometry", () => {
  it("the unit square: inside, outside, on both sides of each edge", () => {
    const sq = [0, 0, 1, 0, 1, 1, 0, 1];
    assert.equal(pointInPolygon(0.5, 0.5, sq), true);
    assert.equal(pointInPolygon(1.5, 0.5, sq), false);
    assert.equal(pointInPolygon(0.5, -0.01, sq), false);
    assert.equal(pointInPolygon(0.99, 0.99, sq), true);
  });

  it("simple polygons: the same points as the winding number (20 polygons × 5,000 points)", () => {
    const r = rng(7);
    for (let t = 0; t < 20; t++) {
      const poly = star(r, 5 + Math.floor(r() * 60), r() - 0.5, r() - 0.5);
      const x = Float32Array.from({ length: 5000 }, () => 3 * r() - 1.5);
      const y = Float32Array.from({ length: 5000 }, () => 3 * r() - 1.5);
      const got = indicesInPolygon(x, y, poly);
      const want: number[] = [];
      for (let i = 0; i < x.length; i++) if (winding(x[i], y[i], poly) !== 0) want.push(i);
      assert.deepEqual(Array.from(got), want);
      assert.ok(want.length > 0);
    }
  });

  it("self-intersecting free-hand lassos: the same points as an even–odd count along a vertical ray", () => {
    const r = rng(11);
    for (let t = 0; t < 20; t++) {
      const poly = Array.from({ length: 2 * (8 + Math.floor(r() * 40)) }, () => 2 * r() - 1);
      const x = Float32Array.from({ length: 4000 }, () => 2.4 * r() - 1.2);
      const y = Float32Array.from({ length: 4000 }, () => 2.4 * r() - 1.2);
      const got = indicesInPolygon(x, y, poly);
      const want: number[] = [];
      for (let i = 0; i < x.length; i++) if (evenOddUp(x[i], y[i], poly)) want.push(i);
      assert.deepEqual(Array.from(got), want);
    }
  });

  it("fewer than 3 vertices select nothing; a rectangle is inclusive and takes its corners in any order", () => {
    assert.equal(indicesInPolygon([0], [0], [0, 0, 1, 1]).length, 0);
    const x = [0, 1, 2, 1], y = [0, 1, 2, 3];
    assert.deepEqual(Array.from(indicesInRect(x, y, { x0: 2, x1: 1, y0: 2, y1: 0.5 })), [1, 2]);
  });

  it("combine: replace, add (union) and subtract (difference) of ascending index sets; modifier keys", () => {
    const a = Uint32Array.of(1, 3, 5, 9), b = Uint32Array.of(0, 3, 4, 9, 12);
    assert.deepEqual(Array.from(combine(a, b, "replace")), [0, 3, 4, 9, 12]);
    assert.deepEqual(Array.from(combine(a, b, "add")), [0, 1, 3, 4, 5, 9, 12]);
    assert.deepEqual(Array.from(combine(a, b, "subtract")), [1, 5]);
    assert.deepEqual(Array.from(combine(new Uint32Array(0), b, "subtract")), []);
    assert.equal(modeOf({ shiftKey: true, altKey: false }), "add");
    assert.equal(modeOf({ shiftKey: false, altKey: true }), "subtract");
    assert.equal(modeOf({ shiftKey: false, altKey: false }), "replace");
  });

  it("indicesInPolygon (grid of whole cells) selects exactly the points pointInPolygon accepts one by one", () => {
    const r = rng(99);
    const n = 60000;
    const x = Float32Array.from({ length: n }, () => r()), y = Float32Array.from({ length: n }, () => r());
    for (let trial = 0; trial < 120; trial++) {
      const m = 3 + Math.floor(r() * 40);
      const poly: number[] = [];
      if (trial % 4 === 3) {
        // vertices on data points, a sliver, vertical and horizontal edges
        for (let i = 0; i < m; i++) {
          const j = Math.floor(r() * n);
          poly.push(i % 5 === 0 ? x[(j + 1) % n] : x[j], i % 7 === 0 ? poly[poly.length - 1] ?? y[j] : y[j]);
        }
      } else {
        const cx = r(), cy = r(), sc = trial % 4 === 2 ? 1e-3 : r();
        for (let i = 0; i < m; i++) poly.push(cx + sc * (r() - 0.5), cy + sc * (r() - 0.5));
      }
      const want: number[] = [];
      for (let i = 0; i < n; i++) if (pointInPolygon(x[i], y[i], poly)) want.push(i);
      assert.deepEqual(Array.from(indicesInPolygon(x, y, poly)), want, `polygon ${trial}`);
    }
  });
});
