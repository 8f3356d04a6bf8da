import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  matrix, rowOf, columnOf, makeSpectrum, valueAt, resample, makeSpectra, spectrumOf, spectraList, spectraFrom, selectSpectra,
  concatEnergies, markerScore, spectraOrder, orderSpectra, makePixelTable, pixelMaps, isPixelTable, type Matrix,
} from "../../src/types";
import { pca, nnlsPixels, suggestEndmembers, orderEndmembers, endmembersFromGroups, nmf } from "../../src/decompose";
import { sampleMeans, summarizeBySample, readSeries, preprocessSeries, quantile } from "../../src/stack";
import { dataFile, readTable, writeSdf } from "../../src/io";
import { makeStack } from "../../src/types/stack";
import { loadSimulatedSeries, simulateOxygenPlateau, oxygenPlateauEnergies } from "../../src/simulate";

/** A 2-sample table: sample "a" 1×2 pixels, sample "b" 1×1, three energies. */
function smallTable() {
  return makePixelTable({
    data: new Float64Array([1, 0, 0, 0, 1, 0, 0.5, 0.5, 0]),
    nPixels: 3, nE: 3, energies: [530, 531, 532],
    sample: [0, 0, 1], x: [0, 1, 0], y: [0, 0, 0],
    samples: [{ name: "a", ny: 1, nx: 2, pixelSize: [0.04, 0.04] }, { name: "b", ny: 1, nx: 1 }],
  });
}

describe("data model: Matrix", () => {
  it("wraps without copying, gives rows as views and columns as copies", () => {
    const d = new Float64Array([1, 2, 3, 4, 5, 6]);
    const m = matrix(d, 2, 3, ["pixel", "energy"]);
    assert.equal(m.data, d);
    assert.deepEqual(m.dims, ["pixel", "energy"]);
    const r = rowOf(m, 1);
    assert.deepEqual(Array.from(r), [4, 5, 6]);
    r[0] = 40;
    assert.equal(d[3], 40, "rowOf is a view");
    assert.deepEqual(Array.from(columnOf(m, 2)), [3, 6]);
    assert.throws(() => matrix(d, 4, 2), /matrix: data has length 6, expected nRows · nCols = 4 · 2 = 8/);
    assert.throws(() => matrix([1, 2] as never, 1, 2), /matrix: data must be a Float64Array, got an array of length 2/);
    assert.throws(() => rowOf(m, 2), /rowOf: row 2 is outside \[0, 2\)/);
    assert.throws(() => columnOf(m, -1), /columnOf: column -1 is outside \[0, 3\)/);
  });

  it("a PixelTable is a Matrix<pixel, energy> over the same data", () => {
    const T = smallTable();
    assert.equal(T.nRows, T.nPixels);
    assert.equal(T.nCols, T.nE);
    assert.deepEqual(T.dims, ["pixel", "energy"]);
    assert.ok(isPixelTable(T));
    assert.ok(!isPixelTable(matrix(new Float64Array(3), 1, 3)));
    const p = pca(T, { k: 2 });
    assert.equal(p.scores!.nRows, 3);
    // the same numbers as a plain matrix over the same array
    assert.deepEqual(pca({ data: T.data, nRows: 3, nCols: 3 }, { k: 2 }).eigenvalues, p.eigenvalues);
    assert.deepEqual(Array.from(p.components.energies), [530, 531, 532], "components carry the table's energies");
    assert.deepEqual(p.components.names, ["PC1", "PC2"]);
    // maps of the first component: its score of each pixel, at the pixel's place
    assert.deepEqual(Array.from(p.maps(1).samples[0].images[0]), [p.scores!.data[0], p.scores!.data[2]]);
    assert.deepEqual(Array.from(pca(T, { k: 2, scores: false }).maps(1).samples[1].images[0]), [p.scores!.data[4]]);
  });
});

describe("data model: Spectrum", () => {
  const s = makeSpectrum([529, 530, 531, 532], [0, 1, 4, 9], { name: "s", unit: "OD" });

  it("values at energies: linear, nearest, cubic; NaN outside", () => {
    assert.equal(valueAt(s, 530.5), 2.5);
    assert.equal(valueAt(s, 530.4, "nearest"), 1);
    assert.ok(Math.abs(valueAt(s, 530.5, "cubic") - 2.25) < 1e-12, "a cubic through x² is exact");
    assert.ok(Number.isNaN(valueAt(s, 528)));
    assert.equal(valueAt(s, 532), 9);
  });

  it("resamples onto a grid and refuses points outside unless asked", () => {
    const r = resample(s, [529.5, 531.5]);
    assert.deepEqual(Array.from(r.values), [0.5, 6.5]);
    assert.equal(r.name, "s");
    assert.throws(() => resample(s, [528, 530]), /resample: grid point 528 eV is outside the spectrum "s" \(529 … 532 eV\)/);
    assert.ok(Number.isNaN(resample(s, [528, 530], { outside: "nan" }).values[0]));
    assert.throws(() => makeSpectrum([1, 1], [0, 0]), /makeSpectrum: energies must increase strictly; energies\[0\] = 1 eV, energies\[1\] = 1 eV/);
    assert.throws(() => makeSpectrum([1, 2], [0]), /energies have length 2 but values 1/);
  });
});

describe("data model: Spectra", () => {
  const E = [529, 530, 531];
  const set = makeSpectra({ energies: E, values: [[0, 1, 0], [1, 1, 1], [0, 0, 2]], names: ["peak", "flat", "edge"], dim: "member" });

  it("holds named spectra with views by index or name", () => {
    assert.equal(set.nRows, 3);
    assert.deepEqual(set.dims, ["member", "energy"]);
    assert.deepEqual(Array.from(spectrumOf(set, "edge").values), [0, 0, 2]);
    assert.equal(spectrumOf(set, 1).name, "flat");
    assert.deepEqual(spectraList(set).map((x) => x.name), ["peak", "flat", "edge"]);
    assert.throws(() => spectrumOf(set, "binder"), /spectrumOf: no spectrum named "binder"; the names are "peak", "flat", "edge"/);
    assert.throws(() => makeSpectra({ energies: E, values: [[0, 1]], names: ["x"] }), /makeSpectra: values\[0\] \("x"\) has length 2, expected 3/);
  });

  it("orders by marker energies: lowest last, then by value, difference or ratio", () => {
    // lowest at 530 eV last ("edge"), the others ascending at 529 eV: peak (0) then flat (1)
    assert.deepEqual(spectraOrder(set, { lowestLast: 530, by: 529 }), [0, 1, 2]);
    assert.deepEqual(spectraOrder(set, { by: 531, descending: true }), [2, 1, 0]);
    assert.equal(markerScore(spectrumOf(set, "peak"), { difference: [530, 529] }), 1);
    assert.equal(markerScore(spectrumOf(set, "edge"), { ratio: [531, 530.5] }), 2 / 1);
    assert.equal(markerScore(spectrumOf(set, "peak"), { peak: [529, 530, 531] }), 1);
    const o = orderSpectra(set, { by: (x) => -x.values[2], names: ["A", "B", "C"] });
    assert.deepEqual(o.names, ["A", "B", "C"]);
    assert.deepEqual(Array.from(spectrumOf(o, "A").values), [0, 0, 2]);
    assert.throws(() => spectraOrder(set, { by: 600 }), /markerScore: 600 eV is outside the spectrum "peak"/);
    assert.throws(() => spectraOrder(set, { by: 530, lowest: 1 } as never), /orderSpectra: unknown option "lowest"/);
  });

  it("selects, joins edges along energy, and builds from single spectra", () => {
    const two = selectSpectra(set, ["edge", 0]);
    assert.deepEqual(two.names, ["edge", "peak"]);
    const other = makeSpectra({ energies: [640, 641], values: [[5, 6], [7, 8], [9, 10]], names: ["x", "y", "z"], dim: "member" });
    const joined = concatEnergies(other, set);
    assert.deepEqual(Array.from(joined.energies), [529, 530, 531, 640, 641]);
    assert.deepEqual(Array.from(spectrumOf(joined, 0).values), [0, 1, 0, 5, 6]);
    assert.throws(() => concatEnergies(set, set), /concatEnergies: the energy ranges overlap/);
    const a = makeSpectrum([1, 2, 3], [1, 2, 3], { name: "a" }), b = makeSpectrum([1, 3], [0, 2], { name: "b" });
    assert.throws(() => spectraFrom([a, b]), /spectraFrom: spectra\[1\] \("b"\) has other energies than spectra\[0\]; pass \{ grid \}/);
    assert.deepEqual(Array.from(spectrumOf(spectraFrom([a, b], { grid: [1, 2, 3] }), "b").values), [0, 1, 2]);
  });

  it("makes a wrong shape a compile error", () => {
    const T = smallTable();
    const fit = nnlsPixels(T, makeSpectra({ energies: T.energies, values: set.data, names: set.names }));
    const f: Matrix<"pixel", "member"> = fit.fractions;
    // @ts-expect-error fractions (pixel × member) are not pixel spectra (pixel × energy)
    assert.throws(() => pca(f, { k: 4 }), /pca: k must be an integer in \[1, 3\], got 4/);
  });
});

describe("results know their shapes and map back to images", () => {
  it("nnlsPixels: member names, extraneous by name, fraction and residual maps per sample", () => {
    const T = smallTable();
    const members = makeSpectra({ energies: [530, 531, 532], values: [[1, 0, 0], [0, 1, 0], [0, 0, 1]], names: ["red", "ox", "binder"], dim: "member" });
    const fit = nnlsPixels(T, members, { extraneous: ["binder"] });
    assert.deepEqual(fit.names, ["red", "ox", "binder"]);
    assert.deepEqual(fit.extraneous, [2]);
    assert.deepEqual(Array.from(columnOf(fit.fractions, 0)), [1, 0, 0.5]);
    const maps = fit.maps();
    assert.equal(maps.quantity, "fraction");
    assert.deepEqual(maps.samples.map((s) => [s.name, s.ny, s.nx]), [["a", 1, 2], ["b", 1, 1]]);
    assert.deepEqual(Array.from(maps.samples[0].images[1]), [0, 1]);
    assert.deepEqual(maps.samples[0].pixelSize, [0.04, 0.04]);
    assert.equal(maps.samples[1].pixelSize, undefined);
    assert.deepEqual(Array.from(fit.residualMaps().samples[1].images[0]), [0]);
    assert.throws(() => nnlsPixels(T, members, { extraneous: ["carbon"] }), /nnlsPixels: extraneous names "carbon", which is not an end member; the names are "red", "ox", "binder"/);
    const shifted = makeSpectra({ energies: [530.5, 531, 532], values: [[1, 0, 0], [0, 1, 0], [0, 0, 1]] });
    assert.throws(() => nnlsPixels(T, shifted), /nnlsPixels: energy 0 is 530 eV for the pixels but 530.5 eV for the members; resample the members/);
    assert.throws(() => nnlsPixels({ data: T.data, nRows: 3, nCols: 3 }, members).maps(), /nnlsPixels\(…\)\.maps\(\): the input was a plain matrix, not a PixelTable/);
    assert.equal(fit.table, T, "the fitted table, by reference");
    const direct = pixelMaps(T, fit.fractions, fit.names, "fraction");
    assert.deepEqual(direct.samples[0].images[0], maps.samples[0].images[0]);
  });

  it("suggested end members are ordered and renamed with their clusters; groups make end members", () => {
    // planted: pixels mixing a peak at 530 and a peak at 532 (plus a flat third), three pure corners
    const E = 6, n = 300;
    const S = [[0, 1, 0, 0, 0, 0], [0, 0, 0, 1, 0, 0], [0.3, 0.3, 0.3, 0.3, 0.3, 0.3]];
    const data = new Float64Array(n * E);
    for (let i = 0; i < n; i++) {
      const w = [i % 3 === 0 ? 1 : (i % 7) / 7, i % 3 === 1 ? 1 : (i % 5) / 5, i % 3 === 2 ? 1 : (i % 4) / 4];
      const s = w[0] + w[1] + w[2];
      for (let e = 0; e < E; e++) data[i * E + e] = (w[0] * S[0][e] + w[1] * S[1][e] + w[2] * S[2][e]) / s;
    }
    const T = makePixelTable({ data, nPixels: n, nE: E, energies: [529, 530, 531, 532, 533, 534], sample: new Array(n).fill(0), x: Array.from({ length: n }, (_, i) => i), y: new Array(n).fill(0), samples: [{ name: "s", ny: 1, nx: n }] });
    const em = suggestEndmembers(T, { k: 3, seed: 1, clusterSize: 20 });
    assert.equal(em.kind, "endmembers");
    const named = orderEndmembers(em, { lowestLast: 530, by: 532, names: ["peak 530", "peak 532", "flat"] });
    assert.deepEqual(named.members.names, ["peak 530", "peak 532", "flat"]);
    assert.ok(valueAt(spectrumOf(named.members, "peak 530"), 530) > valueAt(spectrumOf(named.members, "peak 530"), 532));
    // clusters travel with their members
    const order = spectraOrder(em.members, { lowestLast: 530, by: 532 });
    assert.deepEqual(named.clusters, order.map((i) => em.clusters[i]));
    const groups = endmembersFromGroups(T, [{ name: "first", indices: [0, 3, 3] }, { name: "second", indices: [1] }]);
    assert.deepEqual(groups.members.names, ["first", "second"]);
    assert.deepEqual(Array.from(groups.clusters[0]), [0, 3]);
    assert.deepEqual(Array.from(spectrumOf(groups.members, "second").values), Array.from(rowOf(T, 1)));
    assert.throws(() => endmembersFromGroups(T, [{ name: "none", indices: [] }]), /endmembersFromGroups: group "none" is empty/);
    const nm = nmf(T, { k: 2, maxIter: 20 });
    assert.equal(nm.maps().samples[0].images.length, 2);
    assert.deepEqual(nm.H.names, ["NMF 1", "NMF 2"]);
  });

  it("per-sample means and summaries", () => {
    const T = smallTable();
    const m = sampleMeans(T);
    assert.deepEqual(m.names, ["a", "b"]);
    assert.deepEqual(Array.from(spectrumOf(m, "a").values), [0.5, 0.5, 0]);
    const rows = summarizeBySample(T, columnOf(T, 0));
    assert.deepEqual(rows, [{ sample: "a", pixels: 2, mean: 0.5 }, { sample: "b", pixels: 1, mean: 0.5 }]);
    const w = summarizeBySample(T, T, { names: ["e0", "e1", "e2"], weights: [3, 1, 0] });
    assert.deepEqual(w[0], { sample: "a", pixels: 2, e0: 0.75, e1: 0.25, e2: 0 });
    assert.equal(w[1].pixels, 0);
    assert.throws(() => summarizeBySample(T, new Float64Array(2)), /summarizeBySample: values have 2 rows, the table 3 pixels/);
    const typed: number = summarizeBySample(T, T, { names: ["e0", "e1", "e2"] as const })[0].e1;
    assert.equal(typed, 0.5);
  });

  it("quantiles as numpy's default (linear), NaN ignored", () => {
    // numpy.quantile([1, 2, 3, 4], 0.5) = 2.5; np.quantile(np.arange(101), 0.99) = 99.0; np.quantile([1, 2, 3, 4], 0.1) = 1.3
    assert.equal(quantile([4, 1, 3, 2], 0.5), 2.5);
    assert.equal(quantile(Float64Array.from({ length: 101 }, (_, i) => i), 0.99), 99);
    assert.ok(Math.abs(quantile([1, 2, 3, 4, NaN], 0.1) - 1.3) < 1e-15);
    assert.ok(Number.isNaN(quantile([NaN], 0.5)));
    assert.throws(() => quantile([1], 1.5), /quantile: q must be in \[0, 1\], got 1.5/);
  });
});

describe("series and shipped data", () => {
  it("dataFile finds the published tables from any working directory", () => {
    const cwd = process.cwd();
    try {
      process.chdir(tmpdir());
      const t = readTable(dataFile("gent2017/table-s2-rietveld.tsv"));
      assert.ok(t.rows.length >= 8);
    } finally {
      process.chdir(cwd);
    }
    assert.throws(() => dataFile("gent2017/nothing.tsv"), /dataFile: gent2017\/nothing.tsv is not in edgeworks' data folder/);
    assert.throws(() => dataFile("../package.json"), /dataFile: name must be a path inside edgeworks' data\/ folder/);
  });

  it("readSeries reads files with names, free regions and session references", async () => {
    const dir = mkdtempSync(join(tmpdir(), "edgeworks-series-"));
    try {
      const st = makeStack({ data: Float64Array.from({ length: 2 * 3 * 4 }, (_, i) => 1000 + i), nE: 2, ny: 3, nx: 4, energies: [530, 531] });
      writeSdf(join(dir, "a.hdr"), st);
      const samples = await readSeries([{ path: join(dir, "a.hdr"), name: "first", freeRegion: { x0: 0, y0: 0, x1: 1, y1: 1 }, sessionReference: { energies: [530, 531], values: [0.1, 0.2] } }]);
      assert.equal(samples[0].name, "first");
      assert.ok(samples[0].sessionReference!.energies instanceof Float64Array);
      assert.deepEqual(Array.from(samples[0].stack.data), Array.from(st.data));
      await assert.rejects(readSeries([{ path: join(dir, "missing.hdr") }]), /missing\.hdr/);
      await assert.rejects(readSeries([{ path: join(dir, "a.hdr"), region: 1 } as never]), /readSeries: entries\[0\] has unknown key "region"/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("loadSimulatedSeries: simulate → files → read gives what preprocessSeries needs", async function () {
    this.timeout(120000);
    const dir = mkdtempSync(join(tmpdir(), "edgeworks-sim-"));
    try {
      const series = simulateOxygenPlateau({ seed: 5, capacities: [131, 311], ny: 32, nx: 48 });
      const data = await loadSimulatedSeries(dir, series);
      assert.deepEqual(data.samples.map((s) => s.name), series.samples.map((s) => s.name));
      assert.deepEqual(Array.from(data.samples[1].stack.data.subarray(0, 50)), Array.from(series.samples[1].stack.data.subarray(0, 50)));
      const pre = preprocessSeries(data.samples, { reference: data.reference, grid: oxygenPlateauEnergies(), normalize: { background: [520, 526], area: [525, 535], brightness: [535, 560] }, energyRange: [520, 535] });
      assert.ok(pre.table.nPixels > 0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
