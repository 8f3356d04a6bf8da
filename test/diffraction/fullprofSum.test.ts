// FullProf .sum reader. The real .sum files it was written from (FullProf.2k 5.40 runs of the
// PbSO4 D1A round-robin data and of a rutile/anatase mixture, from the examples of
// https://github.com/xpclove/autofp, GPL-3.0) may not be copied into this repository: those tests
// run only when EDGEWORKS_FULLPROF_DATA names a folder holding pbso4.sum and rutana_tch.sum
// (sources in test/fixtures/diffraction/real/README.md). The refusals below need no file.
import assert from "node:assert/strict";
import { join } from "node:path";
import { parseFullprofSum, readFullprofSum } from "../../src/diffraction/fullprofSum";

const DATA = process.env.EDGEWORKS_FULLPROF_DATA;
const FILES = "pbso4.sum (xpclove/autofp example/pbso4/pbso4.sum) and rutana_tch.sum (example/rutana_tch/rutana_tch.sum)";
const close = (a: number, b: number, tol = 1e-12) => Math.abs(a - b) <= tol * Math.max(1, Math.abs(b));

describe("FullProf .sum: refusals", () => {
  it("refuses a text without the FullProf banner, and a run without reliability factors", () => {
    assert.throws(() => parseFullprofSum("General Structure Analysis System-II\n", { name: "x.sum" }), /x\.sum: line 1: expected the banner "PROGRAM FullProf\.2k" in the first lines: not a FullProf \.sum file/);
    assert.throws(() => parseFullprofSum("\n ** PROGRAM FullProf.2k (Version 5.40 - Mar2014-ILL JRC) **\n", { name: "y.sum" }), /y\.sum: reliability factors: expected "RELIABILITY FACTORS WITH ALL NON-EXCLUDED POINTS".*the run did not finish/);
    assert.throws(() => parseFullprofSum("", { nam: "z" } as never), /parseFullprofSum: unknown option "nam"; expected one of: name/);
    assert.throws(() => readFullprofSum(join(__dirname, "missing.sum")), /missing\.sum/);
  });
});

describe(`FullProf .sum: real files (opt-in: EDGEWORKS_FULLPROF_DATA=<folder with ${FILES}>)`, function () {
  before(function () {
    if (!DATA) {
      console.log(`      skipped: EDGEWORKS_FULLPROF_DATA is not set; point it at a folder holding ${FILES} (see test/fixtures/diffraction/real/README.md)`);
      this.skip();
    }
  });
  it("PbSO4 (neutron, Pnma): R-factors, cell and atoms with esds, Bragg R, volume, fraction", () => {
    const r = readFullprofSum(join(DATA!, "pbso4.sum"));
    assert.equal(r.program, "FullProf");
    assert.deepEqual(r.statistics, { parameters: 34, cycles: 1, wR: 7.22, Rp: 7.67, Rexp: 3.6, chi2: 4.01 });
    const [h] = r.histograms;
    assert.equal(h.name, "pbso4.dat");
    assert.equal(h.radiation, "neutron");
    assert.deepEqual([h.other["Rp-uncorrected"], h.other["Rwp-uncorrected"], h.other["Rexp-uncorrected"]], [3.23, 3.87, 1.93]);
    assert.deepEqual([h.other["cRwp-bragg"], h.other["chi2-bragg"], h.other["chi2-global-bragg"]], [7.17, 4.15, 4.2]);
    assert.deepEqual([h.other.zero, h.other.zeroEsd, h.other.lambda1], [-0.088, 0.0033, 1.912]);
    const [p] = r.phases;
    assert.equal(p.structure.spaceGroup, "P n m a");
    assert.deepEqual(p.cell.a, { value: 8.47884, esd: 0.00015 });
    assert.ok(Number.isNaN(p.cell.alpha.esd));
    assert.deepEqual(p.cell.volume, { value: 318.402, esd: 0.01 });
    assert.deepEqual(p.sites.map((s) => s.label), ["Pb", "S", "O1", "O2", "O3"]);
    assert.deepEqual(p.sites[0].x, { value: 0.18749, esd: 0.00009 });
    assert.ok(Number.isNaN(p.sites[0].y.esd), "y = 1/4 fixed: esd printed as 0");
    // occ. 0.5 on the mirror (Mult 4) and 1.0 in the general position (Mult 8) are both full sites.
    assert.deepEqual(p.sites.map((s) => s.occupancy.value), [1, 1, 1, 1, 1]);
    assert.ok(close(p.sites[0].uiso.value, 1.417 / (8 * Math.PI ** 2)));
    assert.ok(close(p.sites[0].uiso.esd, 0.024 / (8 * Math.PI ** 2)));
    const [ph] = p.histograms;
    assert.equal(ph.rBragg, 4.14);
    assert.equal(ph.reflections, 207);
    assert.deepEqual(ph.weightFraction, { value: 1, esd: 0.005 });
    assert.deepEqual(ph.phaseFraction, { value: 1.480805635, esd: 0.005270046 });
  });
  it("rutile + anatase (X-ray, two phases): one block per phase, fractions and Bragg R of each", () => {
    const r = readFullprofSum(join(DATA!, "rutana_tch.sum"));
    assert.equal(r.histograms[0].radiation, "x-ray");
    assert.deepEqual([r.statistics.wR, r.statistics.Rp, r.statistics.Rexp, r.statistics.chi2, r.statistics.cycles], [20.9, 21.3, 18.06, 1.34, 6]);
    assert.deepEqual(r.phases.map((p) => p.structure.spaceGroup), ["P 42/m n m", "I 41/a m d"]);
    assert.deepEqual(r.phases.map((p) => p.histograms[0].rBragg), [4.34, 7.11]);
    assert.deepEqual(r.phases.map((p) => p.histograms[0].weightFraction), [{ value: 0.78, esd: 0.0019 }, { value: 0.22, esd: 0.0025 }]);
    assert.deepEqual(r.phases.map((p) => p.histograms[0].reflections), [50, 54]);
    const [rut, ana] = r.phases;
    // Rutile's cell was not refined (esds printed as 0), anatase's was.
    assert.ok(Number.isNaN(rut.cell.a.esd));
    assert.deepEqual(ana.cell.c, { value: 9.53147, esd: 0.00017 });
    assert.deepEqual(ana.cell.volume, { value: 136.425, esd: 0.003 });
    assert.deepEqual(ana.sites[1].z, { value: 0.16738, esd: 0.00051 });
    assert.ok(close(ana.sites[1].uiso.esd, 0.164 / (8 * Math.PI ** 2)));
    // occ. 0.125 / Mult 2 in P42/mnm (order 16) and 0.125 / Mult 4 in I41/amd (order 32): full sites.
    assert.deepEqual(r.phases.flatMap((p) => p.sites.map((s) => s.occupancy.value)), [1, 1, 1, 1]);
    assert.equal(ana.structure.cell.esd?.c, 0.00017);
  });
});
