/**
 * edgeworks' XAS numerics against xraylarch's outputs (python/ref_xas.py → test/fixtures/xas/ref_*.json):
 * real foils and Athena projects from ../shared/external/xas, and synthetic spectra.
 */
import { strict as assert } from "node:assert";
import { athenaOptions, autobk, EDGE_ENERGIES, findE0, preEdge, readAthena, scanSpectrum, xftf } from "../../src/xas";
import { makeSpectrum } from "../../src/types/spectrum";
import { join } from "node:path";
import { EXTERNAL, fixture, foil, HAVE_EXTERNAL, maxAbs, maxAbsDiff, peakR, SKIP_MESSAGE } from "./larchRef";

const k2 = (c: ArrayLike<number>): number[] => Array.from(c, (x, i) => x * (0.05 * i) ** 2);

describe("xas vs larch: real foils (Ni, Co K edges, XDI)", function () {
  before(function () { if (!HAVE_EXTERNAL) { console.log(`      ${SKIP_MESSAGE}`); this.skip(); } });
  const F = fixture("ref_foils.json");
  for (const name of ["ni_metal_rt", "co_metal_rt"]) {
    it(`${name}: E0, ranges, edge step, norm, flat, χ(k), |χ(R)|`, () => {
      const ref = F[name];
      const mu = foil(name);
      assert.equal(mu.energies.length, ref.npts);
      assert.ok(Math.abs(findE0(mu) - ref.find_e0) <= 0.1, `E0 ${findE0(mu)} vs larch ${ref.find_e0}`);
      const p = preEdge(mu);
      for (const key of ["pre1", "pre2", "norm1", "norm2"] as const) assert.ok(Math.abs(p.params[key] - ref[key]) < 1e-9, `${key} ${p.params[key]} vs ${ref[key]}`);
      assert.equal(p.params.nnorm, ref.nnorm);
      assert.ok(Math.abs(p.edgeStep - ref.edge_step) <= 1e-6 * ref.edge_step);
      assert.ok(maxAbsDiff(p.norm.values, ref.norm) <= 1e-3, "norm within 1e-3 of the step");
      assert.ok(maxAbsDiff(p.flat.values, ref.flat) <= 1e-3, "flat within 1e-3");
      const bk = autobk(p, { rbkg: 1, kweight: 2 });
      assert.equal(bk.params.nknots, ref.nspl);
      assert.equal(bk.params.irbkg, ref.irbkg);
      assert.equal(bk.k.length, ref.k.length);
      assert.ok(maxAbsDiff(k2(bk.chi), k2(ref.chi)) <= 1e-3 * maxAbs(k2(ref.chi)), `k²χ ${maxAbsDiff(k2(bk.chi), k2(ref.chi))}`);
      const ft = xftf(bk, ref.ft_kws);
      assert.ok(maxAbsDiff(ft.mag, ref.chir_mag) <= 1e-3 * maxAbs(ref.chir_mag));
      assert.ok(Math.abs(peakR(ft.r, ft.mag, 1, 3) - peakR(ref.r, ref.chir_mag, 1, 3)) <= 0.05);
    });
  }
});

describe("xas vs larch: Athena projects re-processed with their stored parameters", function () {
  before(function () { if (!HAVE_EXTERNAL) { console.log(`      ${SKIP_MESSAGE}`); this.skip(); } });
  const A = fixture("ref_athena.json");
  for (const name of ["MnO_bv", "FeO"]) {
    it(`${name}: norm, edge step (also vs Athena's stored step), χ(k), |χ(R)|`, () => {
      const ref = A[name];
      const g = readAthena(join(EXTERNAL, `${name}.prj`)).groups[0];
      const o = athenaOptions(g);
      assert.equal(o.preEdge.nnorm, ref.pre_kws.nnorm, "Athena's nnorm counts terms");
      const p = preEdge(scanSpectrum(g, { mode: "mu" }), o.preEdge);
      assert.equal(p.e0, ref.e0);
      assert.ok(Math.abs(p.edgeStep - ref.edge_step) <= 1e-6 * ref.edge_step);
      assert.ok(Math.abs(p.edgeStep - ref.athena_step) <= 5e-3 * ref.athena_step, `step ${p.edgeStep} vs Athena ${ref.athena_step}`);
      assert.ok(maxAbsDiff(p.norm.values, ref.norm) <= 1e-3);
      const bk = autobk(p, o.autobk);
      assert.equal(bk.params.nknots, ref.nspl);
      assert.ok(maxAbsDiff(k2(bk.chi), k2(ref.chi)) <= 1e-3 * maxAbs(k2(ref.chi)), `k²χ ${maxAbsDiff(k2(bk.chi), k2(ref.chi))}`);
      const ft = xftf(bk, o.xftf);
      assert.equal(ft.params.window, ref.ft_kws.window);
      assert.ok(maxAbsDiff(ft.mag, ref.chir_mag) <= 1e-3 * maxAbs(ref.chir_mag));
      assert.ok(Math.abs(peakR(ft.r, ft.mag, 1, 3) - peakR(ref.r, ref.chir_mag, 1, 3)) <= 0.05);
    });
  }
});

describe("xas vs larch: synthetic spectra", () => {
  const S = fixture("ref_synthetic.json");
  it("findE0 ignores a one-point glitch as larch does", () => {
    const g = S.glitch;
    const mu = makeSpectrum(g.energy, g.mu);
    assert.equal(findE0(mu), g.find_e0);
    assert.ok(Math.abs(findE0(mu) - 8333) < 0.6);
  });
  it("Ru K edge with two shells: all steps, and the windows kaiser / sine", () => {
    const ref = S.ru_two_shells;
    const mu = makeSpectrum(ref.energy, ref.mu);
    const p = preEdge(mu);
    assert.ok(Math.abs(p.e0 - ref.e0) <= 0.1);
    assert.ok(maxAbsDiff(p.norm.values, ref.norm) <= 1e-3);
    const bk = autobk(p, { rbkg: 1, kweight: 2 });
    assert.ok(maxAbsDiff(k2(bk.chi), k2(ref.chi)) <= 1e-3 * maxAbs(k2(ref.chi)));
    const ft = xftf(bk, ref.ft_kws);
    assert.ok(Math.abs(peakR(ft.r, ft.mag, 1, 2) - peakR(ref.r, ref.chir_mag, 1, 2)) <= 0.05);
    for (const kind of ["kaiser", "sine"]) {
      const r = S[`ft_${kind}`];
      const f = xftf({ k: Float64Array.from(ref.k), chi: Float64Array.from(ref.chi) }, r.ft_kws);
      assert.equal(f.r.length, r.r.length);
      const scale = maxAbs(r.chir_mag);
      assert.ok(maxAbsDiff(f.re, r.chir_re) <= 1e-9 * scale, `${kind} re`);
      assert.ok(maxAbsDiff(f.im, r.chir_im) <= 1e-9 * scale, `${kind} im`);
    }
  });
  it("the edge table is xraydb's", () => {
    const E = fixture("ref_edges.json");
    for (const [el, row] of Object.entries(EDGE_ENERGIES)) for (const [edge, v] of Object.entries(row)) assert.equal(v, E[el][edge], `${el} ${edge}`);
  });
});
