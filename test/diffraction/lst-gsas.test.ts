import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { formatMeasured, parseGsasLst, readGsasLst } from "../../src/diffraction";

const external = path.join(__dirname, "..", "..", "..", "shared", "external", "diffraction", "gsas2_SingleHistFit.lst");

/** A minimal listing written here from GSAS-II's layout (GSASIIstrIO): one phase, one histogram, X-ray. */
function tiny(opts: { uiso?: string; truncate?: boolean } = {}): string {
  const bar = "=".repeat(135);
  const lines = [
    "*".repeat(80), "   General Structure Analysis System-II Crystal Structure Refinement", "*".repeat(80),
    " Phase name: LMR", bar, " Space Group: C 2/m",
    " Unit cell: a = 4.95500 b = 8.57500 c = 5.03100 alpha = 90.000 beta = 109.270 gamma = 90.000 volume = 201.900 Refine? True",
    " Histogram: PWDR pristine.xye Bank 1 histogram Id: 0", bar, " Histogram limits:    10.00 deg to    80.00 deg",
    " Refinement results:", "-".repeat(135),
    " Number of function calls: 5 No. of observations: 7001 No. of parameters: 21 User rejected: 0 Sp. gp. extinct: 0",
    " Refinement time =    1.000s,    0.500s/cycle, for 2 cycles",
    " wR =    1.92%, chi**2 =       7100.5, GOF =   1.01",
    " Result for phase: LMR", bar,
    " New unit cell:",
    "  names :           a           b           c       alpha        beta       gamma      Volume",
    "  values:    4.955400    8.575000    5.031000     90.0000    109.2670     90.0000     201.912",
    "  esds  :    0.000100    0.000200    0.000100                  0.0010                   0.010",
    "", " Atoms:", "   name      x         y         z      frac   Uiso     U11     U22     U33     U12     U13     U23", "-".repeat(135),
    "    Li1     Li:", " values:   0.00000   0.00000   0.50000   0.982 0.01000", " sig   :                                 0.003        ",
    "     O1      O:", ` values:   0.23940   0.00000   0.22420   1.000${opts.uiso ?? "-0.00419"}`, " sig   :    0.00030            0.00020         0.00048 ",
    "", " Phase: LMR in histogram: PWDR pristine.xye Bank 1", bar,
    " Final refinement RF, RF^2 = 3.00%, 5.00% on 120 reflections",
    " Phase fraction  :    0.97000, sig    0.00100 Weight fraction  :  0.99000, sig    0.00020",
    "", " Histogram: PWDR pristine.xye Bank 1 histogram Id: 0", bar,
    " Final refinement wR = 1.92% on 7001 observations in this histogram",
    " Other residuals: R = 1.50%, R-bkg = 2.00%, wR-bkg = 2.10% wRmin = 1.80%",
    " Resonant form factors:(ref: D.T. Cromer & D.A. Liberman (1981), Acta Cryst. A37, 267-268.)",
  ];
  return (opts.truncate ? lines.slice(0, lines.indexOf(" Result for phase: LMR") + 8) : lines).join("\n") + "\n";
}

describe("GSAS-II .lst reader", () => {
  it("reads a listing: statistics, cell with esds, atoms with esds (run-together fields), phase fraction, X-ray", () => {
    const r = parseGsasLst(tiny(), { name: "tiny.lst" });
    assert.equal(r.program, "GSAS-II");
    assert.equal(r.kind, "single");
    assert.deepEqual(r.statistics, { observations: 7001, parameters: 21, cycles: 2, wR: 1.92, chi2: 7100.5, gof: 1.01 });
    const p = r.phases[0];
    assert.equal(p.structure.spaceGroup, "C 2/m");
    assert.deepEqual(p.cell.b, { value: 8.575, esd: 0.0002 });
    assert.deepEqual(p.cell.beta, { value: 109.267, esd: 0.001 });
    assert.ok(Number.isNaN(p.cell.alpha.esd));
    assert.deepEqual(p.sites.map((s) => [s.label, s.species]), [["Li1", "Li"], ["O1", "O"]]);
    assert.deepEqual(p.sites[0].occupancy, { value: 0.982, esd: 0.003 });
    assert.deepEqual(p.sites[1].uiso, { value: -0.00419, esd: 0.00048 });
    assert.deepEqual([p.sites[1].x.esd, p.sites[1].z.esd], [0.0003, 0.0002]);
    assert.ok(Number.isNaN(p.sites[1].y.esd));
    assert.deepEqual(p.structure.sites[0], { label: "Li1", species: "Li", x: 0, y: 0, z: 0.5, occupancy: 0.982, uiso: 0.01, esd: { occupancy: 0.003 } });
    assert.deepEqual(p.structure.cell.esd, { a: 0.0001, b: 0.0002, c: 0.0001, beta: 0.001 });
    assert.deepEqual(p.histograms[0], { histogram: "PWDR pristine.xye Bank 1", rF: 3, rF2: 5, reflections: 120, phaseFraction: { value: 0.97, esd: 0.001 }, weightFraction: { value: 0.99, esd: 0.0002 } });
    assert.equal(r.histograms[0].radiation, "x-ray");
    assert.deepEqual([r.histograms[0].wR, r.histograms[0].R, r.histograms[0].observations, r.histograms[0].other.wRmin], [1.92, 1.5, 7001, 1.8]);
  });
  it("takes the last completed run; an unfinished later run is skipped and said so", () => {
    const r = parseGsasLst(tiny() + tiny({ truncate: true }), { name: "two.lst" });
    assert.deepEqual(r.block, { index: 1, count: 2, line: 2 });
    assert.match(r.notes[0], /^run 2 of 2 \(line \d+\) skipped: 'Final refinement wR' for 0 of 1 histograms \(truncated\)/);
  });
  it("clear errors: no completed refinement, not a listing, a malformed number, an unknown option", () => {
    assert.throws(() => parseGsasLst(tiny({ truncate: true }), { name: "cut.lst" }), /^StxmFileError: cut\.lst: refinement: expected a completed refinement, found none in 1 run\(s\): run 1 \(line 2\): 'Final refinement wR' for 0 of 1 histograms \(truncated\)/);
    const noResults = tiny().split("\n").filter((l) => !/Refinement results/.test(l)).join("\n");
    assert.throws(() => parseGsasLst(noResults, { name: "echo.lst" }), /echo\.lst: refinement: expected a completed refinement, found none in 1 run\(s\): run 1 \(line 2\): no 'Refinement results' section/);
    assert.throws(() => parseGsasLst("hello\n", { name: "x.lst" }), /x\.lst: header: expected a GSAS-II listing/);
    assert.throws(() => parseGsasLst(tiny({ uiso: " 0.0x419" }), { name: "bad.lst" }), /bad\.lst: line 30: atom O1 Uiso: expected a number, got "0\.0x419"/);
    assert.throws(() => parseGsasLst(tiny(), { nmae: "x" } as never), /unknown option "nmae"/);
    assert.throws(() => readGsasLst(path.join(__dirname, "missing.lst")), /missing\.lst: GSAS-II listing: not found/);
  });

  (existsSync(external) ? describe : describe.skip)(`real file ../shared/external/diffraction/gsas2_SingleHistFit.lst${existsSync(external) ? "" : " (skipped: the shared external folder is absent)"}`, () => {
    it("two-phase X-ray refinement: wR 13.99 %, χ² 12594.1, GOF 1.09; CuCr2O4 and CuO cells; CuO fraction 0.02829(108)", () => {
      const r = readGsasLst(external);
      assert.deepEqual([r.statistics.wR, r.statistics.chi2, r.statistics.gof, r.statistics.observations, r.statistics.parameters], [13.99, 12594.1, 1.09, 10708, 28]);
      assert.deepEqual(r.phases.map((p) => [p.name, p.structure.spaceGroup]), [["CuCr2O4", "F d d d"], ["CuO", "C 1 2/c 1"]]);
      const [spinel, cuo] = r.phases;
      assert.deepEqual(spinel.cell.a, { value: 7.712694, esd: 0.000035 });
      assert.deepEqual(spinel.cell.volume, { value: 562.48, esd: 0.006 });
      assert.deepEqual(cuo.cell.beta, { value: 99.8273, esd: 0.0056 });
      assert.equal(formatMeasured(spinel.cell.a), "7.71269(4)");
      const o = spinel.sites[2];
      assert.deepEqual([o.label, o.x, o.y, o.z, o.occupancy.value, o.uiso], ["O", { value: 0.24575, esd: 0.00022 }, { value: 0.26835, esd: 0.00042 }, { value: 0.2673, esd: 0.00045 }, 1, { value: -0.00419, esd: 0.00048 }]);
      assert.deepEqual(cuo.sites.map((s) => s.species), ["Cu+2", "O-2"]);
      assert.deepEqual(cuo.histograms[0].phaseFraction, { value: 0.02829, esd: 0.00108 });
      assert.deepEqual(cuo.histograms[0].weightFraction, { value: 0.00484, esd: 0.00018 });
      assert.equal(spinel.histograms[0].phaseFraction, undefined, "CuCr2O4's fraction was fixed, so GSAS-II prints no sigma line");
      assert.deepEqual([r.histograms[0].name, r.histograms[0].wR, r.histograms[0].radiation], ["PWDR OH_00.fxye Bank 1", 13.99, "x-ray"]);
      assert.deepEqual(r.notes, []);
    });
    it("a copy cut inside its results is refused, and appended to the full file it is skipped", () => {
      const text = readFileSync(external, "utf8");
      const cut = text.slice(0, text.indexOf(" Result for phase: CuO"));
      assert.throws(() => parseGsasLst(cut, { name: "cut.lst" }), /cut\.lst: refinement: expected a completed refinement, found none/);
      const r = parseGsasLst(text + cut, { name: "appended.lst" });
      assert.equal(r.block.index, 1);
      assert.equal(r.phases.length, 2);
      assert.match(r.notes[0], /run 2 of 2 .* skipped/);
    });
  });
});
