// The RIXS steps against an independent numpy/scipy implementation (python/ref_rixs.py →
// test/fixtures/rixs/reference.json): noise floor, cosmic-ray flags and repairs, integration with
// curvature, the Gaussian peak fit (scipy curve_fit), the weighted polynomial and the calibration line.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { removeCosmicRays, integrateFrame, fitPeak } from "../../src/rixs";
import { makeFrame } from "../../src/rixs/ccdFrame";
import { noiseFloor } from "../../src/rixs/removeCosmicRays";
import { polyfit } from "../../src/rixs/fitCurvature";
import { weightedLine } from "../../src/rixs/calibrateEmission";

const ref = JSON.parse(readFileSync(join(__dirname, "..", "fixtures", "rixs", "reference.json"), "utf8"));
const nums = (a: (number | null)[]): Float64Array => Float64Array.from(a, (v) => (v === null ? NaN : v));

describe("RIXS steps vs numpy / scipy", () => {
  it("cosmic rays: same noise floor, same flagged pixels, same repaired values", () => {
    const c = ref.cosmic;
    const f = makeFrame(nums(c.frame), c.rows, c.cols, "ref", null);
    assert.ok(Math.abs(noiseFloor(f) - c.noise) <= 1e-12 * c.noise);
    const r = removeCosmicRays(f);
    assert.deepEqual(r.pixels.map((p) => p.row * c.cols + p.col), c.flagged);
    assert.ok(c.flagged.length >= 5); // the 4 planted hits + the track neighbour
    const rep = r.frame.data;
    for (let i = 0; i < rep.length; i++) assert.ok(Math.abs(rep[i] - c.repaired[i]) <= 1e-9 * Math.max(1, Math.abs(c.repaired[i])), `pixel ${i}`);
  });
  it("integration with curvature: same spectrum and coverage (relative 1e-12)", () => {
    const g = ref.integrate;
    const r = integrateFrame(makeFrame(nums(g.frame), g.rows, g.cols, "ref", null), { curvature: { coefficients: g.coefficients, referenceColumn: g.referenceColumn } });
    const want = nums(g.counts);
    let scale = 0;
    for (const v of want) if (Number.isFinite(v)) scale = Math.max(scale, Math.abs(v));
    for (let i = 0; i < want.length; i++) {
      if (Number.isNaN(want[i])) assert.ok(Number.isNaN(r.counts[i]), `row ${i} should be NaN`);
      else assert.ok(Math.abs(r.counts[i] - want[i]) <= 1e-12 * scale, `row ${i}: ${r.counts[i]} vs ${want[i]}`);
      assert.ok(Math.abs(r.coverage[i] - g.coverage[i]) <= 1e-12, `coverage ${i}`);
    }
  });
  it("Gaussian + line fit: same centre, amplitude, width as scipy curve_fit; errors within 1 %", () => {
    const p = ref.peak;
    const f = fitPeak(p.x, p.y);
    assert.ok(Math.abs(f.centre - p.centre) < 1e-6, `${f.centre} vs ${p.centre}`);
    assert.ok(Math.abs(f.amplitude - p.amplitude) < 1e-5 * p.amplitude);
    assert.ok(Math.abs(f.fwhm / 2.3548200450309493 - p.sigma) < 1e-6);
    assert.ok(Math.abs(f.centreError / p.centreError - 1) < 0.01, `${f.centreError} vs ${p.centreError}`);
    assert.ok(Math.abs(f.amplitudeError / p.amplitudeError - 1) < 0.01);
  });
  it("weighted polynomial and calibration line: same coefficients as numpy", () => {
    const q = ref.polyfit;
    const c = polyfit(q.x, q.y, 2, q.sigma.map((s: number) => 1 / (s * s)));
    c.forEach((v, k) => assert.ok(Math.abs(v - q.coefficients[k]) <= 1e-9 * Math.max(Math.abs(q.coefficients[k]), 1e-6), `c${k}: ${v} vs ${q.coefficients[k]}`));
    const l = ref.calibration;
    const e0 = l.excitation[0];
    const line = weightedLine(l.excitation.map((e: number) => e - e0), l.pixel, l.sigma.map((s: number) => 1 / (s * s)));
    assert.ok(Math.abs(1 / line.b - l.dispersion) < 1e-12);
    assert.ok(Math.abs(e0 - line.a / line.b - l.offset) < 1e-9);
  });
});
