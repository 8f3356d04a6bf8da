import assert from "node:assert/strict";
import { preprocessSeries, preprocessSeriesInBands } from "../../src/stack";
import { simulateOxygenPlateau } from "../../src/simulate";

describe("preprocessSeriesInBands", function () {
  this.timeout(120000);
  const series = simulateOxygenPlateau({ seed: 9, capacities: [131, 257], ny: 48, nx: 72 });
  const samples = series.samples.map((s) => ({ stack: s.stack, name: s.name, freeRegion: s.freeRegion, sessionReference: s.sessionReference }));
  const options = {
    reference: series.canonicalReference,
    normalize: { background: [520, 526], area: [525, 535], brightness: [535, 560] },
    energyRange: [520, 535],
    noise: { fraction: 0.1 },
  } as const;

  it("gives the table of preprocessSeries, band by band (7-row bands)", () => {
    const whole = preprocessSeries(samples, options);
    const banded = preprocessSeriesInBands(samples, { ...options, bandRows: 7 });
    const a = whole.unfiltered;
    const b = banded.unfiltered;
    assert.equal(b.nPixels, a.nPixels);
    assert.deepEqual(Array.from(b.sample), Array.from(a.sample));
    assert.deepEqual(Array.from(b.x), Array.from(a.x));
    assert.deepEqual(Array.from(b.y), Array.from(a.y));
    assert.deepEqual(b.samples, a.samples);
    // Relative to each pixel's own scale: dividing by a tiny pre-edge area magnifies last-bit
    // differences of the logarithm (opticalDensity picks its ln path by the counts it sees).
    let worst = 0;
    for (let i = 0; i < a.nPixels; i++) {
      let scale = 0;
      for (let e = 0; e < a.nE; e++) scale = Math.max(scale, Math.abs(a.data[i * a.nE + e]));
      for (let e = 0; e < a.nE; e++) worst = Math.max(worst, Math.abs(a.data[i * a.nE + e] - b.data[i * a.nE + e]) / scale);
    }
    assert.ok(worst < 1e-8, `largest relative difference ${worst}`);
    assert.equal(banded.table.nPixels, whole.table.nPixels);
    assert.deepEqual(banded.samples.map((s) => s.dropped), whole.dropped);
    assert.ok(banded.samples.every((s) => s.bands > 1));
  });
  it("names a bad band height", () => {
    assert.throws(() => preprocessSeriesInBands(samples, { ...options, bandRows: 0 }), /option "bandRows" must be a positive integer, got 0/);
  });
});
