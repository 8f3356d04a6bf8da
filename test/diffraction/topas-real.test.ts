// TOPAS .out reader on real files. The only TOPAS outputs found in public repositories that carry
// refined values with esds are the test files of https://github.com/tom-wood/topaspy (an .out-style
// TOPAS Academic v7 file: agreement factors, two str phases with `_esd values, _LIMIT_MIN_ flags,
// #ifdef blocks, macros). The repository has no licence ("copyright rests with the author and with
// STFC"), so the files are not copied here: these tests run only when EDGEWORKS_TOPAS_DATA names a
// folder holding them (sources in test/fixtures/diffraction/real/README.md).
import assert from "node:assert/strict";
import { join } from "node:path";
import { readTopasOut } from "../../src/diffraction/topasOut";

const DATA = process.env.EDGEWORKS_TOPAS_DATA;
const FILES = "topaspy-test.inp (tom-wood/topaspy topaspy/tests/data/test.inp at 93cf526) and topaspy-test-1f30e2a.inp (the same file at 1f30e2a)";
const U = (beq: number) => beq / (8 * Math.PI ** 2);

describe(`TOPAS .out: real files (opt-in: EDGEWORKS_TOPAS_DATA=<folder with ${FILES}>)`, function () {
  before(function () {
    if (!DATA) {
      console.log(`      skipped: EDGEWORKS_TOPAS_DATA is not set; point it at a folder holding ${FILES} (see test/fixtures/diffraction/real/README.md)`);
      this.skip();
    }
  });
  it("topaspy test.inp: agreement factors, Fe4N and Na2O with esds, the #ifdef FE block left out, scale at its limit", () => {
    const r = readTopasOut(join(DATA!, "topaspy-test.inp"));
    assert.deepEqual(r.statistics, { Rexp: 10.8867021, wR: 17.080898, Rp: 13.0440099, gof: 1.56896898 });
    assert.deepEqual(r.histograms.map((h) => [h.name, h.radiation]), [["some_data.xye", "x-ray"], ["Random_extra_file_for_testing_strings.xye", "unknown"]]);
    assert.deepEqual(r.phases.map((p) => [p.name, p.structure.spaceGroup]), [["Fe4N", "Pm-3m"], ["Na2O", "Fm-3m"]], "STR(Pm-3m, \"Fe4N\") opens a phase; the #ifdef FE phase is not defined");
    const [fe4n, na2o] = r.phases;
    for (const k of ["a", "b", "c"] as const) assert.deepEqual(fe4n.cell[k], { value: 3.79422, esd: 0.000125 }, `Fe4N ${k} (b = Get(a); c = Get(a);)`);
    assert.deepEqual([fe4n.cell.alpha.value, fe4n.cell.beta.value, fe4n.cell.gamma.value], [90, 90, 90]);
    assert.deepEqual(fe4n.cell.volume, { value: 54.622, esd: 0.005 });
    assert.deepEqual(fe4n.sites.map((s) => [s.label, s.species, s.x.value, s.y.value, s.z.value, s.occupancy.value]), [["Fe1", "Fe", 0.5, 0, 0, 1], ["Fe2", "Fe", 0.5, 0.5, 0.5, 1], ["N1", "N", 0, 0, 0, 1]]);
    assert.deepEqual(fe4n.sites.map((s) => s.uiso.value), [U(0.63), U(0.373), U(0.42)]);
    assert.deepEqual(fe4n.histograms, [{ histogram: "some_data.xye", phaseFraction: { value: 2.69700201e-06, esd: 4.071e-08 } }]);
    assert.deepEqual(na2o.cell.c, { value: 5.685672, esd: 0.001029 });
    assert.deepEqual(na2o.cell.volume, { value: 183.8, esd: 0.1 });
    assert.deepEqual(na2o.sites.map((s) => [s.label, s.species, s.x.value]), [["O1", "O", 0], ["Na1", "Na", 0.25]]);
    assert.deepEqual(na2o.histograms[0].phaseFraction, { value: 1.27706495e-07, esd: 2.16e-08 }, "`_2.16e-08_LIMIT_MIN_1e-15: an esd and a limit");
    assert.deepEqual(r.notes, ["line 112: #endif without #ifdef/#ifndef; ignored", "line 106: Na2O scale stopped at its min limit (1e-15)"]);
  });
  it("the same file at 1f30e2a (Na2O without its str keyword) is refused at the second phase_name", () => {
    assert.throws(() => readTopasOut(join(DATA!, "topaspy-test-1f30e2a.inp")), /topaspy-test-1f30e2a\.inp: line 88: phase_name Na2O: a second phase_name in the str of line 48 \(already "Fe4N"\); expected a str keyword before each phase/);
  });
});
