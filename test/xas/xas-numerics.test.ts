/**
 * XAS numerics by hand on tiny cases, on badly scaled inputs, and their error messages.
 */
import { strict as assert } from "node:assert";
import { autobk, calibrate, edgeEnergy, edgePosition, findE0, ftWindow, KTOE, preEdge, shiftEnergy, xanesLcf, xftf, athenaOptions } from "../../src/xas";
import { makeSpectrum, type Spectrum } from "../../src/types/spectrum";
import { createRng } from "../../src/linalg/createRng";

function grid(lo: number, hi: number, step: number): number[] {
  const out: number[] = [];
  for (let e = lo; e <= hi + 1e-9; e += step) out.push(Math.round(e * 1e6) / 1e6);
  return out;
}
const arctanEdge = (e0: number, w = 1.5) => (e: number): number => 0.5 + Math.atan((e - e0) / w) / Math.PI;

describe("preEdge by hand", () => {
  it("a line below and a line above E0: edge step, norm and flat exact", () => {
    const E = grid(7900, 8400, 1);
    const mu = E.map((e) => 0.3 + 2e-4 * (e - 8000) + (e >= 8000 ? 1.5 + 1e-4 * (e - 8000) : 0));
    const p = preEdge(makeSpectrum(E, mu), { e0: 8000, pre1: -90, pre2: -10, norm1: 20, norm2: 400, nnorm: 1 });
    assert.ok(Math.abs(p.edgeStep - 1.5) < 1e-10);
    assert.ok(Math.abs(p.params.preSlope - 2e-4) < 1e-12);
    assert.ok(Math.abs(p.params.normCoefs[0] - 1.5) < 1e-10 && Math.abs(p.params.normCoefs[1] - 1e-4) < 1e-12, "post-edge polynomial in powers of (E − E0)");
    for (let i = 0; i < E.length; i++) {
      assert.ok(Math.abs(p.norm.values[i] - (E[i] >= 8000 ? 1 + (1e-4 * (E[i] - 8000)) / 1.5 : 0)) < 1e-10);
      assert.ok(Math.abs(p.flat.values[i] - (E[i] >= 8000 ? 1 : 0)) < 1e-10);
    }
  });
  it("larch's default ranges and degree rules", () => {
    const E = grid(8200, 8600, 2);
    const mu = E.map(arctanEdge(8333));
    const p = preEdge(makeSpectrum(E, mu));
    assert.equal(p.params.pre1, 5 * Math.round((8202 - p.e0) / 5));
    assert.equal(p.params.pre2, p.params.pre1 / 2);
    assert.equal(p.params.norm2, Math.min(5 * Math.round((8600 - p.e0) / 5), 8600 - p.e0), "rounded to 5 eV, then clipped to the scan");
    assert.equal(p.params.norm1, 25);
    assert.equal(p.params.nnorm, 1, "norm2 − norm1 < 300 eV → linear");
    const long = grid(8200, 9200, 2);
    assert.equal(preEdge(makeSpectrum(long, long.map(arctanEdge(8333)))).params.nnorm, 2);
    const short = grid(8300, 8360, 1);
    assert.equal(preEdge(makeSpectrum(short, short.map(arctanEdge(8333)))).params.nnorm, 0);
  });
  it("badly scaled μ (× 1e6, offset 1e8): the same E0 and normalised μ", () => {
    const E = grid(21900, 22800, 1);
    const f = arctanEdge(22125, 2);
    const mu = E.map((e) => 0.1 + 1e-5 * (e - 21900) + f(e) * (1 + 0.05 * Math.sin((e - 22125) / 30)));
    const a = preEdge(makeSpectrum(E, mu));
    const b = preEdge(makeSpectrum(E, mu.map((x) => 1e8 + 1e6 * x)));
    assert.equal(a.e0, b.e0);
    assert.ok(Math.abs(b.edgeStep / 1e6 - a.edgeStep) < 1e-8 * a.edgeStep);
    let d = 0;
    for (let i = 0; i < E.length; i++) d = Math.max(d, Math.abs(a.norm.values[i] - b.norm.values[i]));
    assert.ok(d < 1e-7, `norm differs by ${d}`);
  });
  it("refuses bad input naming the field", () => {
    const E = grid(8200, 8400, 1), mu = E.map(arctanEdge(8333));
    const dup = { energies: Float64Array.from(E), values: Float64Array.from(mu) };
    dup.energies[50] = dup.energies[49];
    assert.throws(() => preEdge(dup), /energies\[49\] = 8249 eV and energies\[50\] = 8249 eV \(duplicated\)/);
    const nan = { energies: Float64Array.from(E), values: Float64Array.from(mu) };
    nan.values[7] = NaN;
    assert.throws(() => preEdge(nan), /values\[7\] \(at 8207 eV\) is NaN/);
    assert.throws(() => preEdge(makeSpectrum(E, mu), { nrom1: 3 } as never), /unknown option "nrom1"/);
    assert.throws(() => preEdge(makeSpectrum([1, 2, 3], [0, 1, 1])), /3 points; expected at least 10/);
    assert.throws(() => preEdge(makeSpectrum(E, mu), { nnorm: 7 }), /nnorm must be an integer degree 0…5/);
    assert.throws(() => findE0(makeSpectrum(E.slice(0, 5), mu.slice(0, 5))), /expected at least 10/);
  });
});

describe("edges, calibration, edge position", () => {
  it("edgeEnergy and its errors", () => {
    assert.equal(edgeEnergy("Ru", "K"), 22117);
    assert.equal(edgeEnergy("ni", "L3"), 852.7);
    assert.throws(() => edgeEnergy("Xx"), /"Xx" is not tabulated/);
    assert.throws(() => edgeEnergy("O", "L3"), /O has no tabulated "L3" edge; tabulated: K/);
  });
  it("calibrate puts the foil's derivative peak at 22117 eV; shiftEnergy applies it", () => {
    const E = grid(21950, 22400, 0.25);
    const foil = makeSpectrum(E, E.map(arctanEdge(22114.2, 3)));
    const cal = calibrate(foil, { element: "Ru", edge: "K" });
    assert.ok(Math.abs(cal.shift - 2.8) <= 0.1, `shift ${cal.shift}`);
    assert.ok(Math.abs(findE0(cal.foil) - 22117) <= 0.1);
    const s = shiftEnergy(foil, cal.shift);
    assert.ok(Math.abs(s.energies[0] - (21950 + cal.shift)) < 1e-9);
    assert.throws(() => calibrate(foil, {}), /give \{ element, edge \} or \{ energy \}/);
    assert.throws(() => calibrate(foil, { element: "Ru", edgee: "K" } as never), /unknown option "edgee"/);
  });
  it("edgePosition: interpolated crossing of the fraction of the step", () => {
    const E = grid(7900, 8300, 1);
    const mu = E.map((e) => (e < 8000 ? 0 : e > 8010 ? 1 : (e - 8000) / 10));
    const p = preEdge(makeSpectrum(E, mu), { e0: 8005, pre1: -100, pre2: -20, norm1: 30, norm2: 290, nnorm: 0, npre: 0 });
    assert.ok(Math.abs(edgePosition(p) - 8005) < 1e-9);
    assert.ok(Math.abs(edgePosition(p, { fraction: 0.25 }) - 8002.5) < 1e-9);
    assert.throws(() => edgePosition(p, { fraction: 1.5 }), /fraction must lie in \(0, 1\)/);
  });
});

describe("xftf, ftWindow and autobk by hand", () => {
  it("hanning window: 0 outside, 1 inside, ½ at the taper centres", () => {
    const k = Float64Array.from({ length: 401 }, (_, i) => 0.05 * i);
    const w = ftWindow(k, { xmin: 3, xmax: 12, dx: 1, window: "hanning" });
    assert.equal(w[40], 0); assert.equal(w[200], 1); assert.equal(w[300], 0);
    assert.ok(Math.abs(w[60] - 0.5) < 0.05 && Math.abs(w[240] - 0.5) < 0.05);
    assert.throws(() => ftWindow(k, { window: "hamming" as never }), /window must be one of hanning, kaiser/);
  });
  it("xftf equals the direct sum (kstep/√π)·Σ w k^kw χ e^{−2πimn/N}; a sin(2kR) shell peaks at R", () => {
    const k = Float64Array.from({ length: 321 }, (_, i) => 0.05 * i);
    const chi = Float64Array.from(k, (x) => Math.sin(2 * x * 2.2) * Math.exp(-0.01 * x * x) / Math.max(x, 0.5) ** 2);
    const ft = xftf({ k, chi }, { kmin: 3, kmax: 14, dk: 1, kweight: 2, window: "hanning" });
    for (const m of [0, 7, 71]) {
      let re = 0, im = 0;
      for (let n = 0; n < ft.k.length; n++) { const a = (2 * Math.PI * m * n) / 2048; const y = ft.window[n] * ft.kchi[n]; re += y * Math.cos(a); im -= y * Math.sin(a); }
      const s = 0.05 / Math.sqrt(Math.PI);
      assert.ok(Math.abs(ft.re[m] - s * re) < 1e-12 && Math.abs(ft.im[m] - s * im) < 1e-12);
    }
    let best = 0;
    for (let i = 0; i < ft.r.length; i++) if (ft.mag[i] > ft.mag[best]) best = i;
    assert.ok(Math.abs(ft.r[best] - 2.2) < 0.035, `peak at ${ft.r[best]}`);
    assert.ok(Math.abs(ft.r[1] - Math.PI / (0.05 * 2048)) < 1e-15);
    assert.throws(() => xftf({ k, chi }, { nfft: 1000 }), /nfft must be a power of 2/);
    assert.throws(() => xftf({ k, chi }, { kmaxx: 3 } as never), /unknown option "kmaxx"/);
  });
  it("autobk recovers a planted χ(k) under a smooth background (and × 1e6 + 1e8)", () => {
    const e0 = 8333;
    const E = [...grid(8150, 8320, 2), ...grid(8320.5, 8360, 0.5)];
    for (let k = Math.sqrt(30 / KTOE) + 0.05; k <= 15; k += 0.05) E.push(e0 + KTOE * k * k);
    const truth = (k: number): number => (k <= 0 ? 0 : 0.25 * Math.sin(2 * k * 2.2 + 0.4) * Math.exp(-2 * 0.004 * k * k) / (k * 2.2 * 2.2) * (1 - Math.exp(-k * k)));
    const bg = (e: number): number => 0.2 - 2e-5 * (e - 8150) + arctanEdge(e0, 2)(e) * (1 - 1e-4 * Math.max(0, e - e0));
    const mu = E.map((e) => bg(e) + (e > e0 ? truth(Math.sqrt((e - e0) / KTOE)) : 0));
    let first: Float64Array | undefined;
    for (const [scale, off] of [[1, 0], [1e6, 1e8]]) {
      const s: Spectrum = makeSpectrum(E, mu.map((x) => off + scale * x));
      const bk = autobk(s, { rbkg: 1, kweight: 2, e0, preEdge: { e0 } });
      if (!first) first = bk.chi;
      else for (let i = 0; i < bk.chi.length; i++) assert.ok(Math.abs(bk.chi[i] - first[i]) < 1e-6, `χ(k) scale-invariant at ${bk.k[i]}`);
      let d = 0, m = 0;
      for (let i = 0; i < bk.k.length; i++) {
        const k = bk.k[i];
        if (k < 3 || k > 13) continue;
        d = Math.max(d, Math.abs(bk.chi[i] * k * k - (scale * truth(k) * k * k) / bk.pre.edgeStep));
        m = Math.max(m, Math.abs(truth(k) * k * k));
      }
      // autobk leaves a little of the 1/k envelope's low-R content in the background (as larch does)
      assert.ok(d < 0.1 * m, `k²χ error ${d} of ${m} (scale ${scale})`);
      const ft = xftf(bk, { kmin: 3, kmax: 13, dk: 1, kweight: 2, window: "hanning" });
      let best = 0;
      for (let i = 0; i < ft.r.length; i++) if (ft.mag[i] > ft.mag[best]) best = i;
      assert.ok(Math.abs(ft.r[best] - 2.2) < 0.06, `peak ${ft.r[best]}`);
    }
    assert.throws(() => autobk(makeSpectrum(E, mu), { rbkgg: 1 } as never), /unknown option "rbkgg"/);
  });
});

describe("xanesLcf and athenaOptions", () => {
  it("recovers planted weights over the window relative to E0", () => {
    const E = grid(22050, 22250, 0.5);
    const a = makeSpectrum(E, E.map(arctanEdge(22124, 2)), { name: "RuCl3" });
    const b = makeSpectrum(E, E.map((e) => arctanEdge(22128, 2)(e) + 0.3 * Math.exp(-(((e - 22132) / 3) ** 2))), { name: "RuO2" });
    const rng = createRng(3);
    const s = makeSpectrum(E, E.map((_, i) => 0.35 * a.values[i] + 0.65 * b.values[i] + 1e-4 * rng.normal()));
    const fit = xanesLcf(s, [a, b], { e0: 22126, range: [-20, 30], sumToOne: true });
    assert.ok(Math.abs(fit.weights[0] - 0.35) < 0.005 && Math.abs(fit.weights[1] - 0.65) < 0.005);
    assert.deepEqual(fit.names, ["RuCl3", "RuO2"]);
    assert.deepEqual(fit.window, [22106, 22156]);
    assert.ok(fit.rFactor < 1e-6);
    assert.throws(() => xanesLcf(s, [a, b], { e0: 22126, range: [30, -20] }), /range must be \[low, high\]/);
    assert.throws(() => xanesLcf(s, [makeSpectrum(grid(22120, 22300, 1), grid(22120, 22300, 1))], { e0: 22126 }), /covers 22120 … 22300 eV, not the fit window/);
  });
  it("athenaOptions maps Athena's names, clamps and nnorm", () => {
    const o = athenaOptions({ bkg_e0: "7122.9", bkg_pre1: "-150", bkg_nnorm: "3", bkg_clamp2: "Strong", bkg_rbkg: 1.1, fft_win: "kaiser-bessel", bkg_fixstep: "1", bkg_step: "1.4" });
    assert.equal(o.preEdge.nnorm, 2);
    assert.equal(o.preEdge.step, 1.4);
    assert.equal(o.autobk.clampHi, 24);
    assert.equal(o.xftf.window, "kaiser");
    assert.equal(o.autobk.e0, 7122.9);
    assert.match(athenaOptions({ bkg_pre1: "abc" }).notes[0], /bkg_pre1 = "abc" is not a number/);
  });
});
