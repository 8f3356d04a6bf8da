import assert from "node:assert/strict";
import { simulateOxygenCycle, mixEndMembers, OXYGEN_CYCLE_END_MEMBERS, evaluateEndMember } from "../../src/simulate";

describe("simulateOxygenCycle", () => {
  it("mixes the two oxidised spectra linearly", () => {
    const [, a, b] = OXYGEN_CYCLE_END_MEMBERS;
    const m = mixEndMembers(a, b, 0.3);
    for (const e of [527.8, 529.3, 530.8, 540]) {
      assert.ok(Math.abs(evaluateEndMember(m, e) - (0.7 * evaluateEndMember(a, e) + 0.3 * evaluateEndMember(b, e))) < 1e-12);
    }
  });
  it("plants the Table S2 states with their O share and lists four end members", () => {
    const c = simulateOxygenCycle({ ny: 32, nx: 48, seed: 3 });
    assert.equal(c.samples.length, 8);
    assert.equal(c.truth.endMembers.length, 4);
    assert.deepEqual(c.truth.samples[5].secondMix!.map((p) => p.weight), [1 - 0.75, 0.75]);
    assert.ok(c.truth.samples[5].meanFraction > c.truth.samples[0].meanFraction + 0.5);
    assert.throws(() => simulateOxygenCycle({ states: [{ name: "x", level: 0.5, oShare: 2 }] }), /states\[0\] must be/);
  });
});
