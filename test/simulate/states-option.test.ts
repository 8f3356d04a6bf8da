import assert from "node:assert/strict";
import { simulateOxygenPlateau, simulateTransitionMetalSeries } from "../../src/simulate";

describe("simulate: the states option (e.g. the second charge)", () => {
  it("names the samples after the states and orders the mean fraction like the levels", () => {
    const states = [
      { name: "2.0 V", level: 0.1 },
      { name: "4.6 V", level: 0.8 },
    ];
    const o = simulateOxygenPlateau({ states, ny: 32, nx: 48, seed: 5 });
    assert.deepEqual(o.samples.map((s) => s.name), ["2.0 V", "4.6 V"]);
    assert.ok(o.truth.samples[1].meanFraction > o.truth.samples[0].meanFraction + 0.3);
    const ni = simulateTransitionMetalSeries({ edge: "Ni", states, ny: 32, nx: 48, seed: 5 });
    assert.equal(ni.truth.samples[1].state, "4.6 V");
    assert.ok(ni.truth.samples[1].meanFraction > ni.truth.samples[0].meanFraction + 0.3);
  });
  it("refuses a level outside [0, 1], naming the entry", () => {
    assert.throws(() => simulateOxygenPlateau({ states: [{ name: "x", level: 2 }] }), /states\[0\] must be \{ name: string, level: number in \[0, 1\] \}/);
  });
});
