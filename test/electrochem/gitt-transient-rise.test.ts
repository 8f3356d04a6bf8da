// The simulated GITT's transientRise (the √t overpotential growing over the half-cycle), read back
// through gittPulses: the overpotential at the end of each pulse is the planted ohmic jump plus the
// planted transient of that pulse.
import assert from "node:assert/strict";
import { gittPulses } from "../../src/electrochem/gittPulses";
import { LNRO_LI_S10, simulateCycler } from "../../src/simulate";

describe("simulateCycler gitt.transientRise", () => {
  it("grows the transient as transient·(1 + rise·f²) and gittPulses reads it back per pulse", () => {
    const gitt = { pulse: 600, relax: 3600, ohmic: 0.02, transient: 0.001, transientRise: 3 };
    const { data, truth } = simulateCycler({ cell: LNRO_LI_S10, mass: 2.5, rate: 12.5, gitt, seed: 4 });
    const pulses = gittPulses(data, { mass: 2.5 });
    const planted = truth.halfCycles.flatMap((h) => h.gitt!.deltaEs.map((es, j) => gitt.ohmic + Math.abs(h.gitt!.deltaEt[j] - es)));
    assert.equal(pulses.length, planted.length);
    const eta = pulses.map((p) => Math.abs(p.eEnd - p.eRelaxed));
    // noise 0.2 mV on each of the two voltages
    eta.forEach((e, k) => assert.ok(Math.abs(e - planted[k]) < 0.0015, `pulse ${k}: ${e} vs planted ${planted[k]}`));
    const charge = truth.halfCycles[0].gitt!;
    const first = charge.deltaEt[0] - charge.deltaEs[0];
    const lastFull = charge.deltaEt[charge.deltaEt.length - 2] - charge.deltaEs[charge.deltaEs.length - 2];
    assert.ok(Math.abs(first - 0.001 * Math.sqrt(600)) < 1e-12, "f = 0 for the first pulse");
    assert.ok(lastFull > 3.5 * first && lastFull < 4 * first, `near the end f → 1: ${lastFull / first}`);
  });
  it("transientRise 0 is the default (the same record); a negative one is refused", () => {
    const a = simulateCycler({ cell: LNRO_LI_S10, rate: 25, gitt: { pulse: 900 }, seed: 2 }).data;
    const b = simulateCycler({ cell: LNRO_LI_S10, rate: 25, gitt: { pulse: 900, transientRise: 0 }, seed: 2 }).data;
    assert.deepEqual(b.voltage, a.voltage);
    assert.throws(() => simulateCycler({ cell: LNRO_LI_S10, gitt: { transientRise: -1 } }), /simulateCycler: option gitt\.transientRise must be a finite number ≥ 0, got -1/);
  });
});
