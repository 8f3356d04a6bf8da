import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { cycleCapacities, dqdv, type CyclerData } from "../../src/electrochem";

interface Ref {
  made_by: string;
  mass_mg: number;
  tolerance_mA: number;
  time: number[];
  voltage: number[];
  current: number[];
  half_cycles: { kind: string; start: number; end: number; capacity_mAh: number; energy_mWh: number; dqdv_voltage: number[]; dqdv: number[] }[];
}

const ref = JSON.parse(readFileSync(join(__dirname, "..", "fixtures", "electrochem", "ref_electrochem.json"), "utf8")) as Ref;
const record: CyclerData = {
  file: "ref", format: "test", nPoints: ref.time.length,
  time: Float64Array.from(ref.time), voltage: Float64Array.from(ref.voltage), current: Float64Array.from(ref.current),
  extra: {}, metadata: {}, warnings: [],
};

describe("electrochem against pandas / numpy / cellpy (python/ref_electrochem.py)", () => {
  it("finds the same half-cycles and capacities as pandas runs + numpy.trapezoid (1e-12 relative)", () => {
    const c = cycleCapacities(record, { mass: ref.mass_mg });
    assert.ok(Math.abs(c.split.tolerance - ref.tolerance_mA) < 1e-15);
    assert.equal(c.halfCycles.length, ref.half_cycles.length);
    c.halfCycles.forEach((h, i) => {
      const r = ref.half_cycles[i];
      assert.equal(h.kind, r.kind);
      assert.equal(h.start, r.start);
      assert.equal(h.end, r.end);
      assert.ok(Math.abs(h.capacity / r.capacity_mAh - 1) < 1e-12, `${i}: ${h.capacity} vs ${r.capacity_mAh}`);
      assert.ok(Math.abs(h.energy / r.energy_mWh - 1) < 1e-12);
    });
    assert.deepEqual(c.cycles.map((x) => x.cycle), [1, 2]);
  });

  it("computes the same dQ/dV as cellpy's ica.Converter (normalize=False), 1e-9 of the peak", () => {
    const curves = dqdv(record, { mass: ref.mass_mg, resolution: 0.005, fwhm: 0.01 });
    assert.equal(curves.length, ref.half_cycles.length);
    curves.forEach((cu, i) => {
      const r = ref.half_cycles[i];
      assert.equal(cu.voltage.length, r.dqdv_voltage.length, `half-cycle ${i}: grid length`);
      const top = Math.max(...r.dqdv.map(Math.abs));
      let worst = 0;
      for (let k = 0; k < r.dqdv.length; k++) {
        assert.ok(Math.abs(cu.voltage[k] - r.dqdv_voltage[k]) < 1e-12);
        worst = Math.max(worst, Math.abs(cu.dqdv[k] - r.dqdv[k]) / top);
      }
      assert.ok(worst < 1e-9, `half-cycle ${i}: worst relative deviation ${worst}`);
    });
  });
});
