import assert from "node:assert/strict";
import { normalizeSpectrum, preprocessStack } from "../../src/stack";
import { simulateOxygenPlateau } from "../../src/simulate";

describe("normalizeSpectrum", () => {
  it("subtracts the background mean and divides by the trapezoidal area (by hand)", () => {
    const s = normalizeSpectrum(
      { energies: Float64Array.from([0, 1, 2, 3]), values: Float64Array.from([1, 1, 3, 3]) },
      { background: [0, 1], area: [1, 3] },
    );
    // after subtraction: [0, 0, 2, 2]; area over 1..3 = 0.5*(0+2)*1 + 0.5*(2+2)*1 = 3
    assert.deepEqual(Array.from(s.values), [0, 0, 2 / 3, 2 / 3]);
  });
  it("keeps the spectrum's name and says what the unit now is", () => {
    const s = normalizeSpectrum({ energies: Float64Array.from([0, 1, 2, 3]), values: Float64Array.from([1, 1, 3, 3]), name: "core A", unit: "OD" }, { background: [0, 1], area: [1, 3] });
    assert.equal(s.name, "core A");
    assert.equal(s.unit, "normalised (area = 1)");
  });
  it("names an empty background range", () => {
    assert.throws(
      () => normalizeSpectrum({ energies: Float64Array.from([530, 531]), values: Float64Array.from([1, 2]) }, { background: [520, 526], area: [530, 531] }),
      /background range \[520,526\] eV holds no energy of the spectrum \(530–531 eV\)/,
    );
  });
});

describe("preprocessStack", () => {
  it("recovers the planted drift and energy offset of a simulated sample", () => {
    const series = simulateOxygenPlateau({ seed: 11, capacities: [230] });
    const s = series.samples[0];
    const truth = series.truth.samples[0];
    const p = preprocessStack(s.stack, { freeRegion: s.freeRegion, calibrate: { session: s.sessionReference, reference: series.canonicalReference } });
    assert.equal(p.stack.quantity, "od");
    assert.deepEqual([p.crop!.x1 - p.crop!.x0, p.crop!.y1 - p.crop!.y0], [p.stack.nx, p.stack.ny]);
    assert.ok(Math.abs(p.calibration!.offset - truth.energyOffset) < 0.02, `offset ${p.calibration!.offset} vs ${truth.energyOffset}`);
    const ref = p.shifts!.reference as number;
    let worst = 0;
    for (let e = 0; e < s.stack.nE; e++) {
      worst = Math.max(worst, Math.abs(p.shifts!.dx[e] - (truth.shifts.dx[e] - truth.shifts.dx[ref])), Math.abs(p.shifts!.dy[e] - (truth.shifts.dy[e] - truth.shifts.dy[ref])));
    }
    assert.ok(worst < 0.1, `worst drift error ${worst} px`);
    assert.throws(() => preprocessStack(s.stack, { freeRgion: s.freeRegion } as never), /unknown option/);
  });
});
