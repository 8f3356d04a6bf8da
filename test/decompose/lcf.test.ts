import assert from "node:assert/strict";
import { lcf, lcfAll } from "../../src/decompose";
import { makeSpectra, type Spectra, type Spectrum } from "../../src/types";
import { fixture, f64, maxAbs, maxRel } from "./helpers";

describe("lcf", () => {
  const fx = fixture("lcf.json");
  const refs: Float64Array[] = fx.references.map(f64);
  const y = f64(fx.spectrum);
  const yNeg = f64(fx.spectrumNeg);
  const energy = f64(fx.energy);
  const S = (values: Float64Array): Spectrum => ({ energies: energy, values });
  const R = (rows: Float64Array[]): Spectra => makeSpectra({ energies: energy, values: rows, names: rows.map((_, i) => `ref ${i + 1}`), dim: "reference" });

  it("hand case: exact combination, R-factor 0", () => {
    const a = new Float64Array([1, 0, 0, 1]), b = new Float64Array([0, 1, 1, 0]);
    const e4 = new Float64Array([0, 1, 2, 3]);
    const r = lcf({ energies: e4, values: new Float64Array([0.25, 0.75, 0.75, 0.25]) }, makeSpectra({ energies: e4, values: [a, b], names: ["a", "b"] }), { sumToOne: true });
    assert.deepEqual(r.names, ["a", "b"]);
    assert.equal(r.kind, "lcf");
    assert.ok(maxAbs(r.weights, [0.25, 0.75]) < 1e-15);
    assert.ok(r.rFactor < 1e-30 && r.chi2 < 1e-30);
    assert.equal(r.nVarys, 1);
    assert.equal(r.nPoints, 4);
  });

  it("badly scaled: one point 10⁶ times the others still gives the exact weights (QR, not normal equations)", () => {
    const e3 = new Float64Array([1, 2, 3]);
    const refs3 = makeSpectra({ energies: e3, values: [[1e6, 1, 0], [1e6, 0, 1]], names: ["a", "b"] });
    const r = lcf({ energies: e3, values: new Float64Array([2e6, 1, 1]) }, refs3);
    assert.ok(maxAbs(r.weights, [1, 1]) < 1e-12, `weights ${Array.from(r.weights)}`);
  });

  it("unconstrained weights and uncertainties match scipy curve_fit (1e-6)", () => {
    const r = lcf(S(y), R(refs), { nonNegative: false });
    assert.ok(maxAbs(r.weights, fx.unconstrained.weights) < 1e-6);
    assert.ok(maxRel(r.uncertainties, fx.unconstrained.uncertainties) < 1e-6);
    assert.ok(Math.abs(r.chi2 - fx.unconstrained.chi2) < 1e-9 * fx.unconstrained.chi2);
    assert.ok(Math.abs(r.reducedChi2 - r.chi2 / (fx.nPoints - 3)) < 1e-15);
    let yy = 0;
    for (const v of y) yy += v * v;
    assert.ok(Math.abs(r.rFactor - r.chi2 / yy) < 1e-15);
    // non-negativity inactive here: same answer
    assert.ok(maxAbs(lcf(S(y), R(refs)).weights, fx.unconstrained.weights) < 1e-6);
  });

  it("sum-to-one weights and propagated uncertainties match scipy (1e-6)", () => {
    const r = lcf(S(y), R(refs), { sumToOne: true });
    assert.ok(maxAbs(r.weights, fx.sumToOne.weights) < 1e-6);
    assert.ok(maxRel(r.uncertainties, fx.sumToOne.uncertainties) < 1e-6);
    assert.ok(Math.abs(r.sum - 1) < 1e-12);
  });

  it("non-negative weights match scipy lsq_linear (bvls) when a bound is active", () => {
    const r = lcf(S(yNeg), R(refs));
    assert.ok(maxAbs(r.weights, fx.nonNegativeNeg.weights) < 1e-6);
    assert.equal(r.weights[1], 0);
    assert.equal(r.uncertainties[1], 0);
    assert.equal(r.nVarys, 2);
    const u = lcf(S(yNeg), R(refs), { nonNegative: false });
    assert.ok(maxAbs(u.weights, fx.unconstrainedNeg.weights) < 1e-6);
    assert.ok(u.weights[1] < 0);
  });

  it("fits an energy shift", () => {
    const e = f64(fx.energy);
    const step = e[1] - e[0];
    // spectrum = references shifted by +1.3 grid steps
    const delta = 1.3 * step;
    const shifted = Float64Array.from(e, (_, i) => {
      const at = e[i] - delta;
      const p = Math.min(Math.max((at - e[0]) / step, 0), e.length - 1);
      const lo = Math.min(Math.floor(p), e.length - 2), t = p - lo;
      return [0.6, 0.4].reduce((s, w, r) => s + w * (refs[r][lo] + t * (refs[r][lo + 1] - refs[r][lo])), 0);
    });
    const r = lcf(S(shifted), R(refs.slice(0, 2)), { energyShift: { min: -5 * step, max: 5 * step } });
    assert.ok(Math.abs(r.shift - delta) < 1e-5 * step, `shift ${r.shift} vs ${delta}`);
    assert.ok(maxAbs(r.weights, [0.6, 0.4]) < 1e-6);
    assert.equal(r.nVarys, 3);
  });

  it("lcfAll ranks all combinations by reduced χ²", () => {
    const all = lcfAll(S(y), R(refs), { sumToOne: true });
    assert.equal(all.length, 7);
    assert.deepEqual(all[0].indices, [0, 1, 2]);
    for (let i = 1; i < all.length; i++) assert.ok(all[i].result.reducedChi2 >= all[i - 1].result.reducedChi2);
    assert.equal(lcfAll(S(y), R(refs), { maxComponents: 2 }).length, 6);
    assert.equal(lcfAll(S(y), R(refs), { minComponents: 2 }).length, 4);
  });

  it("validates its inputs", () => {
    assert.throws(() => lcf(S(y), R([new Float64Array(3)])), /makeSpectra: values\[0\] \("ref 1"\) has length 3, expected 60/);
    assert.throws(() => lcf(y as never, R(refs)), /lcf: spectrum must be a Spectrum \{ energies: Float64Array, values: Float64Array \}.*give it its energies/);
    // references on another grid are resampled; a spectrum beyond their range is refused
    const half = makeSpectra({ energies: energy.subarray(0, 30), values: refs.map((r) => r.subarray(0, 30)) });
    assert.throws(() => lcf(S(y), half), /lcf: the spectrum's energy .* eV is outside reference "1"/);
    const fine = makeSpectra({ energies: Float64Array.from({ length: 119 }, (_, i) => energy[0] + (i * (energy[1] - energy[0])) / 2), values: refs.map((r) => Float64Array.from({ length: 119 }, (_, i) => (i % 2 ? (r[(i - 1) / 2] + r[(i + 1) / 2]) / 2 : r[i / 2]))) });
    assert.ok(maxAbs(lcf(S(y), fine, { nonNegative: false }).weights, fx.unconstrained.weights) < 1e-6);
    assert.throws(() => lcf(S(y), R(refs), { nonnegative: true } as never), /lcf: unknown option "nonnegative"; expected one of: sumToOne, nonNegative, sigma, energyShift/);
    assert.throws(() => lcf(S(y), R(refs), { sigma: 0 }), /lcf: sigma must be a finite number > 0, got 0/);
    assert.throws(() => lcfAll(S(y), R(refs), { maxComponents: 4 }), /lcfAll: maxComponents must be an integer in \[1, 3\], got 4/);
  });
});
