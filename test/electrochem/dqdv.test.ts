import assert from "node:assert/strict";
import { incrementalCapacity, dqdvPeaks } from "../../src/electrochem";
import { interpGridUnsorted, interpSorted, sortPairs, stableArgsort } from "../../src/electrochem/incrementalCapacity";

describe("incrementalCapacity (cellpy's dQ/dV) by hand", () => {
  it("a straight line q = 100 (V − 3) gives 100 mAh/g/V everywhere, on round(span/resolution) grid points", () => {
    const v = Float64Array.from({ length: 201 }, (_, i) => 3 + i * 0.005);
    const q = Float64Array.from(v, (x) => 100 * (x - 3));
    const r = incrementalCapacity(q, v, { resolution: 0.01 });
    assert.equal(r.voltage.length, 99); // 100 grid points, 99 midpoints
    assert.ok(Math.abs(r.step - 1 / 99) < 1e-15);
    for (const y of r.dqdv) assert.ok(Math.abs(y - 100) < 1e-9);
    assert.equal(r.sigma, 1); // ⌊0.01 / 0.0101⌋ = 0 → max(1, 0) = 1
  });
  it("discharge (voltage falling while capacity rises) is negative", () => {
    const v = Float64Array.from({ length: 101 }, (_, i) => 4 - i * 0.01);
    const q = Float64Array.from(v, (x) => 50 * (4 - x));
    const r = incrementalCapacity(q, v);
    for (const y of r.dqdv) assert.ok(Math.abs(y + 50) < 1e-9);
  });
  it("a Gaussian dQ/dV peak is found where it was put, with its height", () => {
    // q(V) = 20 (V−3) + A Φ((V − 3.6)/0.03): peak height 20 + A/(0.03√(2π))
    const A = 60;
    const phi = (z: number) => 0.5 * (1 + erf(z / Math.SQRT2));
    const v = Float64Array.from({ length: 4001 }, (_, i) => 3 + i * 0.00025);
    const q = Float64Array.from(v, (x) => 20 * (x - 3) + A * phi((x - 3.6) / 0.03));
    const r = incrementalCapacity(q, v, { resolution: 0.002, fwhm: 0 });
    const peaks = dqdvPeaks(r, { minProminence: 0.1 });
    assert.equal(peaks.length, 1);
    assert.ok(Math.abs(peaks[0].voltage - 3.6) < 5e-4, String(peaks[0].voltage));
    assert.ok(Math.abs(peaks[0].height / (20 + A / (0.03 * Math.sqrt(2 * Math.PI))) - 1) < 2e-3);
  });
  it("dqdvPeaks: prominence filter, range, cathodic sign", () => {
    const x = Float64Array.from({ length: 11 }, (_, i) => i);
    const y = Float64Array.from([0, 1, 5, 1, 0, 2, 0.5, 3, 0, 0.2, 0]);
    assert.deepEqual(dqdvPeaks({ voltage: x, dqdv: y }, { minProminence: 0.1 }).map((p) => Math.round(p.voltage)), [2, 5, 7]);
    assert.deepEqual(dqdvPeaks({ voltage: x, dqdv: y }, { minProminence: 0.5 }).map((p) => Math.round(p.voltage)), [2, 7]);
    assert.deepEqual(dqdvPeaks({ voltage: x, dqdv: y }, { minProminence: 0.1, range: [4, 6] }).map((p) => Math.round(p.voltage)), [5]);
    const neg = dqdvPeaks({ voltage: x, dqdv: y.map((v) => -v) }, { minProminence: 0.5 });
    assert.deepEqual(neg.map((p) => [Math.round(p.voltage), Math.sign(p.height)]), [[2, -1], [7, -1]]);
    assert.equal(dqdvPeaks({ voltage: x, dqdv: y }, { minProminence: 0 })[0].prominence, 5);
  });
  it("bad input: decreasing capacity, NaN, too narrow, unknown option", () => {
    assert.throws(() => incrementalCapacity([0, 2, 1], [3, 3.1, 3.2]), /capacity decreases at point 2/);
    assert.throws(() => incrementalCapacity([0, 1, NaN], [3, 3.1, 3.2]), /point 2 is not finite/);
    assert.throws(() => incrementalCapacity([0, 1, 2], [3, 3.001, 3.002]), /fewer than 3 steps of option resolution/);
    assert.throws(() => incrementalCapacity([0, 1, 2], [3, 3.1, 3.2], { smoothing: 1 } as never), /unknown option "smoothing"; expected one of: resolution, fwhm/);
    assert.throws(() => incrementalCapacity([0, 1, 2], [3, 3.1, 3.2], { resolution: 0 }), /option resolution must be a finite number > 0 \(V\)/);
    assert.throws(() => dqdvPeaks({ voltage: [1, 2], dqdv: [1] }), /curve.dqdv has 1 points, expected 2/);
  });
});

function erf(x: number): number {
  // Maclaurin series for |x| < 5 (1e-13 here), ±1 beyond
  if (Math.abs(x) >= 5) return Math.sign(x);
  let sum = x, term = x;
  for (let n = 1; n < 200; n++) {
    term *= (-x * x) / n;
    sum += term / (2 * n + 1);
    if (Math.abs(term) < 1e-17) break;
  }
  return (2 / Math.sqrt(Math.PI)) * sum;
}

describe("sortPairs (the voltage sort inside dQ/dV)", () => {
  it("matches a stable index sort on ascending, descending and shuffled input with ties", () => {
    const cases = [
      [1, 2, 2, 3, 2.5, 4, 4, 5],
      [5, 4, 4, 4.5, 3, 3, 2, 1, 1, 0],
      Array.from({ length: 200 }, (_, i) => Math.round(Math.sin(i * 7.3) * 5)),
    ];
    for (const c of cases) {
      const x = Float64Array.from(c);
      const y = Float64Array.from(c, (_, i) => i);
      const { xs, ys } = sortPairs(x, y);
      const o = stableArgsort(x);
      assert.deepEqual(Array.from(ys), Array.from(o));
      assert.deepEqual(Array.from(xs), Array.from(o, (i) => x[i]));
    }
  });
});

describe("interpGridUnsorted (q(V) on the voltage grid without sorting)", () => {
  // the path it replaces: stable sort of the pairs by voltage, then interpolation on the sorted pairs
  const bySorting = (x: Float64Array, y: Float64Array, grid: Float64Array): Float64Array => {
    const { xs, ys } = sortPairs(x, y);
    const out = new Float64Array(grid.length);
    interpSorted(xs, ys, grid, out);
    return out;
  };
  const gridOf = (x: Float64Array, m: number): { grid: Float64Array; step: number } => {
    let v1 = Infinity, v2 = -Infinity;
    for (const v of x) { v1 = Math.min(v1, v); v2 = Math.max(v2, v); }
    const step = (v2 - v1) / (m - 1);
    const grid = Float64Array.from({ length: m }, (_, k) => v1 + k * step);
    grid[m - 1] = v2;
    return { grid, step };
  };
  it("gives the sorted path's numbers bit for bit: noisy rising and falling, shuffled, ties on and between grid points", () => {
    let s = 12345;
    const rnd = (): number => { s = (s * 16807) % 2147483647; return s / 2147483647; };
    const cases: Float64Array[] = [];
    for (const dir of [1, -1]) cases.push(Float64Array.from({ length: 5000 }, (_, i) => 3.5 + dir * (0.6 * i / 5000) + 0.002 * (rnd() - 0.5)));
    cases.push(Float64Array.from({ length: 3000 }, () => 3 + rnd()));
    cases.push(Float64Array.from({ length: 3000 }, () => 3 + Math.round(rnd() * 40) / 40)); // many ties, on grid points
    cases.push(Float64Array.from({ length: 400 }, (_, i) => 3 + Math.round(Math.sin(i * 7.3) * 5) / 10));
    cases.push(Float64Array.from([3, 3, 3, 3.1, 3.2, 3.2, 3.3, 3.3, 3.3]));
    cases.push(Float64Array.from([3.3, 3.3, 3.2, 3.1, 3.1, 3, 3, 3]));
    for (const x of cases) {
      const y = Float64Array.from(x, (_, i) => 0.01 * i + 1e-3 * rnd());
      for (const m of [3, 4, 7, 41, 81, 250]) {
        const { grid, step } = gridOf(x, m);
        const out = new Float64Array(m).fill(-1);
        assert.equal(interpGridUnsorted(x, y, grid, step, out), true);
        const ref = bySorting(x, y, grid);
        for (let k = 0; k < m; k++) assert.ok(Object.is(out[k], ref[k]), `n ${x.length}, m ${m}, point ${k}: ${out[k]} vs ${ref[k]}`);
      }
    }
  });
  it("declines a grid that does not increase strictly", () => {
    const x = Float64Array.from([1, 1, 1]);
    assert.equal(interpGridUnsorted(x, x, Float64Array.from([1, 1, 1]), 0, new Float64Array(3)), false);
  });
});
