import assert from "node:assert/strict";
import { preprocessSeries } from "../../src/stack";
import { simulateOxygenPlateau } from "../../src/simulate";

describe("preprocessSeries", function () {
  this.timeout(60000);
  const series = simulateOxygenPlateau({ seed: 7, capacities: [131, 311], ny: 48, nx: 72 });
  const samples = series.samples.map((s) => ({ stack: s.stack, name: s.name, freeRegion: s.freeRegion, sessionReference: s.sessionReference }));
  const normalize = { background: [520, 526], area: [525, 535], brightness: [535, 560] } as const;

  it("gives one filtered table over the pre-edge, counting every pixel it leaves out", () => {
    const r = preprocessSeries(samples, { reference: series.canonicalReference, normalize, energyRange: [520, 535] });
    assert.equal(r.table.nE, 50);
    assert.deepEqual(r.table.samples.map((s) => s.name), ["131 mAh/g", "311 mAh/g"]);
    const cropped = r.preprocessed.reduce((n, p) => n + p.stack.ny * p.stack.nx, 0);
    assert.equal(r.unfiltered.nPixels + r.dropped.reduce((a, b) => a + b, 0), cropped);
    assert.equal(r.table.nPixels + r.noise.removed, r.unfiltered.nPixels);
    assert.ok(r.preprocessed.every((p) => Math.abs(p.calibration!.offset) < 0.5));
  });
  it("removes the asked fraction, and names a missing session reference", () => {
    const r = preprocessSeries(samples, { normalize, noise: { fraction: 0.1 } });
    assert.ok(Math.abs(r.noise.removed / r.unfiltered.nPixels - 0.1) < 0.01);
    assert.throws(
      () => preprocessSeries([{ stack: samples[0].stack, name: "a" }], { reference: series.canonicalReference, normalize }),
      /samples\[0\] \("a"\) has no sessionReference/,
    );
  });
});
