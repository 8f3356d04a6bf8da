import assert from "node:assert/strict";
import path from "node:path";
import { parseTopasOut, readTopasOut } from "../../src/diffraction";

// Written here in TOPAS .out syntax (keywords, backtick esds, @, named parameters, macros, comments);
// no real TOPAS output with a licence that allows it was found to ship (see the report).
const OUT = `
r_exp 1.61 r_exp_dash 2.20 r_wp 1.92 r_wp_dash 2.63 r_p 1.41 r_p_dash 2.05 weighted_Durbin_Watson 1.2 gof 1.19
iters 100000
do_errors
xdd "pristine.xy" ' the pattern
  r_exp 1.61 r_exp_dash 2.20 r_wp 1.92 r_wp_dash 2.63 r_p 1.41 r_p_dash 2.05 weighted_Durbin_Watson 1.2 gof 1.19
  bkg @ 17.68\`_0.51 -7.46\`_0.40 3.80\`_0.35
  lam ymin_on_ymax 0.0001 la 1 lo 1.5405902 lh 0.5
  str
    phase_name "LMR C2/m"
    space_group C2/m
    scale @ 0.000123\`_0.000001
    MVW( 1234.56, 201.912\`_0.010, 97.5\`_0.3 )
    a lpa 4.955400\`_0.000100
    b @ 8.575000\`_0.000200
    c @ 5.031000\`_0.000100
    al 90
    be @ 109.2670\`_0.0010
    ga 90
    cell_volume 201.912\`_0.010
    /* the sites */
    site Li1 num_posns 2 x 0 y 0 z 0.5 occ Li+1 0.982 occ Ni+2 = 1 - 0.982; : 0.018 beq 1.2
    site O1 num_posns 4 x @ 0.2394\`_0.0003 y 0 z @ 0.2242\`_0.0002 occ O-2 1 beq bO 0.8\`_0.1
  str
    phase_name rocksalt
    space_group "Fm-3m"
    Cubic(@ 4.158740\`_0.000060)
    scale @ 0.5\`_LIMIT_MIN_0.5
    MVW( 100, 71.926\`_0.001, 2.5\`_0.3 )
    site M num_posns 4 x 0 y 0 z 0 occ Li 0.6 occ Ni 0.2 occ Ru 0.2 beq 0.3
`;

describe("TOPAS .out reader", () => {
  it("agreement factors, cells with backtick esds, weight percent, sites with mixed occupancy and beq", () => {
    const r = parseTopasOut(OUT, { name: "lmr.out" });
    assert.equal(r.program, "TOPAS");
    assert.deepEqual(r.statistics, { wR: 1.92, Rexp: 1.61, Rp: 1.41, gof: 1.19 });
    assert.deepEqual([r.histograms[0].name, r.histograms[0].wR, r.histograms[0].radiation], ["pristine.xy", 1.92, "x-ray"]);
    const [lmr, rs] = r.phases;
    assert.deepEqual([lmr.name, lmr.structure.spaceGroup, rs.name, rs.structure.spaceGroup], ["LMR C2/m", "C2/m", "rocksalt", "Fm-3m"]);
    assert.deepEqual(lmr.cell.a, { value: 4.9554, esd: 0.0001 });
    assert.deepEqual(lmr.cell.beta, { value: 109.267, esd: 0.001 });
    assert.ok(Number.isNaN(lmr.cell.alpha.esd));
    assert.deepEqual(lmr.cell.volume, { value: 201.912, esd: 0.01 });
    assert.deepEqual(lmr.histograms[0].weightFraction, { value: 0.975, esd: 0.003 });
    assert.deepEqual(lmr.sites.map((s) => [s.label, s.species, s.occupancy.value]), [["Li1", "Li+1", 0.982], ["Li1", "Ni+2", 0.018], ["O1", "O-2", 1]]);
    assert.deepEqual(lmr.sites[2].x, { value: 0.2394, esd: 0.0003 });
    assert.ok(Math.abs(lmr.sites[2].uiso.value - 0.8 / (8 * Math.PI ** 2)) < 1e-15);
    assert.ok(Math.abs(lmr.sites[0].uiso.value - 1.2 / (8 * Math.PI ** 2)) < 1e-15 && Math.abs(lmr.sites[1].uiso.value - lmr.sites[0].uiso.value) < 1e-15);
    assert.deepEqual([rs.cell.a, rs.cell.c, rs.cell.gamma.value], [{ value: 4.15874, esd: 0.00006 }, { value: 4.15874, esd: 0.00006 }, 90]);
    assert.deepEqual(rs.sites.map((s) => s.species), ["Li", "Ni", "Ru"]);
    assert.match(r.notes.join("\n"), /rocksalt scale stopped at its min limit \(0\.5\); no esd/);
  });
  it("what real .out files hold: STR( ) macro, #ifdef blocks, macro bodies, Get( ) and fraction equations, volume, limits with esds, scale after the sites", () => {
    // The constructs below were met in real TOPAS outputs (the topaspy test file, see
    // test/fixtures/diffraction/real/README.md, and a NaCoO2 refinement); the text is written here.
    const text = [
      "r_exp 10.9 r_wp 17.08 r_p 13.04 gof 1.57",
      "xdd \"a.xye\"",
      "  lam ymin_on_ymax 0.00001 la 1.000 lo 0.826833 lh 0.0010_LIMIT_MIN_0.001",
      "macro test_macro2(av) { Cubic(av) }",
      "#define FE4N",
      "'#define FE",
      "#ifdef FE4N",
      "  STR(Pm-3m, \"Fe4N\")",
      "    a @ 3.794220`_0.000125",
      "    b = Get(a);",
      "    c = Get(a);",
      "    al 90. be 90. ga 90.",
      "    volume 54.622`_0.005",
      "    site Fe1 x 0.5 y 0 z 0 occ Fe 1. beq .630",
      "    scale scal12 2.69700201e-06`_4.071e-08",
      "#else",
      "  str phase_name never a 1 b 1 c 1 al 90 be 90 ga 90",
      "#endif",
      "#ifdef FE",
      "  str phase_name \"Fe\" a @ 2.819719 b @ 2.833541 c @ 3.022334 al 90 be 90 ga 90",
      "#endif",
      "xdd \"b.xye\"",
      "  str",
      "    phase_name NaCoO2 space_group 194",
      "    a lpa 2.832224 b lpa 2.832224 c lpc 10.916868 al 90. be 90. ga 120.",
      "    site Na2 num_posns 0 x =2/3; y = 1/3; z 0.25 occ Na+1 occNa2 0.51000 beq 1.3",
      "    scale scal15 1.27706495e-07`_2.16e-08_LIMIT_MIN_1e-15",
    ].join("\n");
    const r = parseTopasOut(text, { name: "real-like.out" });
    assert.deepEqual(r.phases.map((p) => [p.name, p.structure.spaceGroup, p.histograms[0]?.histogram]), [["Fe4N", "Pm-3m", "a.xye"], ["NaCoO2", "194", "b.xye"]]);
    const [fe4n, naco] = r.phases;
    assert.deepEqual([fe4n.cell.a, fe4n.cell.b, fe4n.cell.c], Array(3).fill({ value: 3.79422, esd: 0.000125 }), "b = Get(a); is the same parameter as a");
    assert.deepEqual(fe4n.cell.volume, { value: 54.622, esd: 0.005 });
    assert.deepEqual(fe4n.histograms[0].phaseFraction, { value: 2.69700201e-06, esd: 4.071e-08 });
    assert.ok(Math.abs(fe4n.sites[0].uiso.value - 0.63 / (8 * Math.PI ** 2)) < 1e-15);
    assert.ok(Math.abs(naco.sites[0].x.value - 2 / 3) < 1e-15 && Math.abs(naco.sites[0].y.value - 1 / 3) < 1e-15 && Number.isNaN(naco.sites[0].x.esd));
    assert.deepEqual(naco.sites[0].occupancy.value, 0.51);
    assert.deepEqual(naco.histograms[0].phaseFraction, { value: 1.27706495e-07, esd: 2.16e-08 }, "an esd and a limit on one value, and scale after the site lines");
    assert.match(r.notes.join("\n"), /line 27: NaCoO2 scale stopped at its min limit \(1e-15\)$/m);
  });
  it("equations that use named parameters: prm lines, local, and names given to a value", () => {
    const r = parseTopasOut("r_wp 2\nprm !lp 4.95`_0.001 min 4 max 6\nlocal k 2\nstr\n a = lp; b = Get(a); c = k * lp + 0.1;\n al 90 be 90 ga gam 120`_0.01\n site O x = 1/3; y = 2/3; z 0.25 occ O 1 beq = ga / 100;\n", { name: "p.out" });
    const { cell, sites } = r.phases[0];
    assert.deepEqual([cell.a, cell.b], [{ value: 4.95, esd: 0.001 }, { value: 4.95, esd: 0.001 }]);
    assert.ok(Math.abs(cell.c.value - 10.0) < 1e-12 && Number.isNaN(cell.c.esd), "arithmetic of parameters: value only");
    assert.deepEqual(cell.gamma, { value: 120, esd: 0.01 });
    assert.ok(Math.abs(sites[0].uiso.value - 1.2 / (8 * Math.PI ** 2)) < 1e-15, "beq = ga / 100 from the cell");
  });
  it("a second phase_name in one str is refused with its line; an #endif without #ifdef is noted", () => {
    assert.throws(() => parseTopasOut("r_wp 2\nstr phase_name one a 1 b 1 c 1 al 90 be 90 ga 90\nphase_name two\n", { name: "t.out" }), /t\.out: line 3: phase_name two: a second phase_name in the str of line 2 \(already "one"\); expected a str keyword before each phase/);
    const r = parseTopasOut("r_wp 2\nstr a 1 b 1 c 1 al 90 be 90 ga 90\n#endif\n", { name: "t.out" });
    assert.deepEqual(r.notes, ["line 3: #endif without #ifdef/#ifndef; ignored"]);
    assert.throws(() => parseTopasOut("r_wp 2\nstr a 1`_0.1_LIMIT_MIN_x b 1 c 1 al 90 be 90 ga 90\n", { name: "t.out" }), /t\.out: line 2: str 1 a: expected a number after _LIMIT_MIN_, got "x"/);
  });
  it("clear errors: no agreement factors, an incomplete cell, a malformed value, unknown option, missing file", () => {
    assert.throws(() => parseTopasOut("str a 1 b 1 c 1 al 90 be 90 ga 90\n", { name: "inp.out" }), /inp\.out: r_wp: expected the agreement factors of a finished refinement/);
    assert.throws(() => parseTopasOut("r_wp 2\nstr phase_name x a 1 b 1\n", { name: "t.out" }), /t\.out: line 2: str x: expected all lattice parameters .* missing c, alpha, beta, gamma/);
    assert.throws(() => parseTopasOut("r_wp 2\nstr a 4.95`_0.0x1 b 1 c 1 al 90 be 90 ga 90\n", { name: "t.out" }), /t\.out: line 2: str 1 a: expected an esd after `_, got "0\.0x1"/);
    assert.throws(() => parseTopasOut("r_wp 2", { file: "x" } as never), /unknown option "file"/);
    assert.throws(() => readTopasOut(path.join(__dirname, "missing.out")), /missing\.out: TOPAS output: not found/);
  });
});
