// averageSpectra: several pixel groups at once, from a pixel table (indices or labels) or a stack
// (masks or labels) — hand-computed tiny cases, and planted means/spreads recovered on simulated pixels.
import assert from "node:assert/strict";
import { averageSpectra } from "../../src/stack/averageSpectra";
import { averageSpectrum } from "../../src/stack/averageSpectrum";
import { makePixelTable } from "../../src/types/pixel-table";
import { makeStack } from "../../src/types/stack";
import { spectrumOf } from "../../src/types/spectra";
import { createRng } from "../../src/linalg/createRng";

// 4 pixels × 2 energies: rows (1, 10), (3, 20), (5, NaN), (7, 40).
const table = makePixelTable({
  data: Float64Array.from([1, 10, 3, 20, 5, NaN, 7, 40]), nPixels: 4, nE: 2, energies: [530, 531],
  sample: [0, 0, 0, 0], x: [0, 1, 0, 1], y: [0, 0, 1, 1], samples: [{ name: "s", ny: 2, nx: 2 }],
});

describe("averageSpectra", () => {
  it("averages named groups of table rows, with std (n − 1), sem and counts, skipping NaN per energy", () => {
    const a = averageSpectra(table, { first: [0, 1], rest: [1, 2, 3] });
    assert.deepEqual(a.names, ["first", "rest"]);
    assert.deepEqual(a.dims, ["group", "energy"]);
    assert.equal(a.nRows, 2);
    assert.equal(a.nCols, 2);
    assert.deepEqual(Array.from(a.energies), [530, 531]);
    // first: (1+3)/2 = 2, (10+20)/2 = 15; std √((1+1)/1) = √2, √(25+25) = √50
    // rest: (3+5+7)/3 = 5, (20+40)/2 = 30 (NaN skipped); std √((4+0+4)/2) = 2, √(100+100) = √200
    assert.deepEqual(Array.from(a.data), [2, 15, 5, 30]);
    assert.deepEqual(Array.from(a.counts), [2, 2, 3, 2]);
    assert.deepEqual(Array.from(a.pixels), [2, 3]);
    const std = [Math.SQRT2, Math.sqrt(50), 2, Math.sqrt(200)];
    std.forEach((s, i) => assert.ok(Math.abs(a.std[i] - s) < 1e-12, `std[${i}] = ${a.std[i]}, expected ${s}`));
    const sem = [Math.SQRT2 / Math.SQRT2, Math.sqrt(50) / Math.SQRT2, 2 / Math.sqrt(3), Math.sqrt(200) / Math.SQRT2];
    sem.forEach((s, i) => assert.ok(Math.abs(a.sem[i] - s) < 1e-12, `sem[${i}] = ${a.sem[i]}, expected ${s}`));
    assert.deepEqual(Array.from(spectrumOf(a, "rest").values), [5, 30]);
  });

  it("sums instead of averaging with mode 'sum'; one pixel has no spread (NaN)", () => {
    const a = averageSpectra(table, { one: [3], all: [0, 1, 2, 3] }, { mode: "sum" });
    assert.deepEqual(Array.from(a.data), [7, 40, 16, 70]);
    assert.ok(Number.isNaN(a.std[0]) && Number.isNaN(a.sem[1]));
  });

  it("takes per-row labels: numbers (sorted, named by `names`), strings (in order of appearance), none = skipped", () => {
    const byNumber = averageSpectra(table, { labels: [1, 0, -1, 1], names: ["zero", "one"] });
    assert.deepEqual(byNumber.names, ["zero", "one"]);
    assert.deepEqual(Array.from(byNumber.data), [3, 20, 4, 25]);
    const byName = averageSpectra(table, { labels: ["b", null, "a", "b"] });
    assert.deepEqual(byName.names, ["b", "a"]);
    assert.deepEqual(Array.from(byName.pixels), [2, 1]);
    assert.deepEqual(Array.from(byName.data.subarray(0, 2)), [4, 25]);
    const typed = averageSpectra(table, { labels: Int32Array.from([2, 2, 0, 0]) });
    assert.deepEqual(typed.names, ["0", "2"]);
  });

  it("from a stack and masks equals averageSpectrum of each mask", () => {
    // 2 energies × 2 × 3 pixels
    const data = Float64Array.from([1, 2, 3, 4, 5, 6, 10, 20, 30, 40, 50, NaN]);
    const stack = makeStack({ data, nE: 2, ny: 2, nx: 3, energies: [529, 530], quantity: "od" });
    const left = [1, 0, 0, 1, 0, 0];
    const right = [false, true, true, false, true, true];
    const a = averageSpectra(stack, { left, right });
    assert.deepEqual(Array.from(spectrumOf(a, "left").values), Array.from(averageSpectrum(stack, { mask: left }).values));
    assert.deepEqual(Array.from(spectrumOf(a, "right").values), Array.from(averageSpectrum(stack, { mask: right }).values));
    // right at 530 eV: 20, 30, 50 (NaN skipped) → 100/3
    assert.ok(Math.abs(a.data[3] - 100 / 3) < 1e-12);
    assert.deepEqual(Array.from(a.counts), [2, 2, 4, 3]);
    assert.equal(a.unit, "OD");
    const labelled = averageSpectra(stack, { labels: [0, 1, 1, 0, 1, 1], names: ["left", "right"] });
    assert.deepEqual(Array.from(labelled.data), Array.from(a.data));
  });

  it("recovers planted group means and spreads from simulated pixels", () => {
    const rng = createRng(7);
    const nE = 3;
    const planted = [{ mean: [0.2, 1.0, 0.5], sigma: 0.05, n: 4000 }, { mean: [0.3, 0.8, 0.6], sigma: 0.1, n: 2500 }];
    const nPixels = planted.reduce((s, g) => s + g.n, 0);
    const data = new Float64Array(nPixels * nE);
    const labels = new Int32Array(nPixels);
    let r = 0;
    planted.forEach((g, k) => {
      for (let i = 0; i < g.n; i++, r++) {
        labels[r] = k;
        for (let e = 0; e < nE; e++) data[r * nE + e] = rng.normal(g.mean[e], g.sigma);
      }
    });
    const T = makePixelTable({ data, nPixels, nE, energies: [529, 530.8, 533], sample: new Int32Array(nPixels), x: Int32Array.from({ length: nPixels }, (_, i) => i), y: new Int32Array(nPixels), samples: [{ name: "sim", ny: 1, nx: nPixels }] });
    const a = averageSpectra(T, { labels, names: ["18650", "coin"] });
    planted.forEach((g, k) => {
      for (let e = 0; e < nE; e++) {
        const i = k * nE + e;
        // the mean within 4 standard errors, the spread within 5 %
        assert.ok(Math.abs(a.data[i] - g.mean[e]) < 4 * g.sigma / Math.sqrt(g.n), `${a.names[k]} mean at ${e}: ${a.data[i]} vs ${g.mean[e]}`);
        assert.ok(Math.abs(a.std[i] / g.sigma - 1) < 0.05, `${a.names[k]} std at ${e}: ${a.std[i]} vs ${g.sigma}`);
        assert.equal(a.counts[i], g.n);
      }
    });
  });

  it("names the field of bad input", () => {
    assert.throws(() => averageSpectra(table, { a: [0, 4] }), /group "a" has row index 4 at position 1; rows are 0…3/);
    assert.throws(() => averageSpectra(table, { a: [] }), /group "a" has no pixel/);
    assert.throws(() => averageSpectra(table, {}), /no group/);
    assert.throws(() => averageSpectra(table, { labels: [0, 1] }), /groups.labels must have one label per pixel \(length 4\), got length 2/);
    assert.throws(() => averageSpectra(table, { labels: [0, 1, 2, 0], names: ["x", "y"] }), /label 2 has no name in groups.names/);
    assert.throws(() => averageSpectra(table, { a: [0] }, { mode: "median" as "mean" }), /option "mode" must be "mean" or "sum"/);
    assert.throws(() => averageSpectra(table, { a: [0] }, { weights: [1] } as never), /weights/);
    assert.throws(() => averageSpectra({} as never, { a: [0] }), /data must be a PixelTable .* or a Stack/);
    const stack = makeStack({ data: new Float64Array(4), nE: 1, ny: 2, nx: 2, energies: [530] });
    assert.throws(() => averageSpectra(stack, { edge: [1, 0] }), /groups\["edge"\]" must be a mask of length ny·nx = 4/);
  });
});
