import assert from "node:assert/strict";
import { gittPulses, gittDiffusion, type CyclerData } from "../../src/electrochem";
import { simulateCycler, LNRO_LI_S10 } from "../../src/simulate";

describe("GITT", () => {
  it("by hand: one pulse between two rests; ΔEs, ΔEt, ohmic jump and D = 4L²/(πτ)(ΔEs/ΔEt)²", () => {
    const rows = [[0, 3.5, 0], [100, 3.5, 0], [100, 3.55, 1], [700, 3.65, 1], [700, 3.6, 0], [4300, 3.52, 0]];
    const d: CyclerData = { file: "h", format: "t", nPoints: 6, time: Float64Array.from(rows, (r) => r[0]), voltage: Float64Array.from(rows, (r) => r[1]), current: Float64Array.from(rows, (r) => r[2]), extra: {}, metadata: {}, warnings: [] };
    const [p] = gittPulses(d, { mass: 1 });
    assert.equal(p.duration, 600);
    assert.ok(Math.abs(p.deltaEs - 0.02) < 1e-12 && Math.abs(p.deltaEt - 0.1) < 1e-12 && Math.abs(p.ohmic - 0.05) < 1e-12);
    assert.ok(Math.abs(p.capacity - (600 / 3600) * 1000) < 1e-9); // 1 mA × 600 s = 0.1667 mAh over 1 mg
    const [D] = gittDiffusion([p], { length: 1e-4 });
    assert.ok(Math.abs(D - ((4 * 1e-8) / (Math.PI * 600)) * 0.04) < 1e-22);
    const [D2] = gittDiffusion([p], { mass: 1, molarMass: 100, molarVolume: 20, area: 2 }); // L = 0.001·20/(100·2) = 1e-4 cm
    assert.ok(Math.abs(D2 / D - 1) < 1e-12);
    assert.throws(() => gittDiffusion([p], { length: 1e-4, area: 1 }), /either option length or/);
    assert.throws(() => gittDiffusion([p], { mass: 1, molarMass: 100, area: 2 }), /option molarVolume must be a finite number > 0/);
  });
  it("on a simulated GITT record: recovers the planted ΔEs and ΔEt of every pulse (noise 0.2 mV)", () => {
    const { data, truth } = simulateCycler({ cell: LNRO_LI_S10, mass: 2.5, rate: 12.5, gitt: { pulse: 600, relax: 3600 }, seed: 4 });
    const pulses = gittPulses(data);
    const planted = truth.halfCycles.flatMap((h) => h.gitt!.deltaEs.map((es, k) => ({ es, et: h.gitt!.deltaEt[k] })));
    assert.equal(pulses.length, planted.length);
    let worst = 0;
    pulses.forEach((p, k) => { worst = Math.max(worst, Math.abs(p.deltaEs - planted[k].es), Math.abs(p.deltaEt - planted[k].et)); });
    assert.ok(worst < 0.0015, `worst |error| ${worst} V`);
    assert.equal(pulses[0].kind, "charge");
    assert.ok(pulses.some((p) => p.kind === "discharge"));
  });
});
