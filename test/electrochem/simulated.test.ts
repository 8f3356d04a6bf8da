import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readMpt, cycleCapacities, dqdv, dqdvPeaks, readDemsCsv, gasRates, analyzeDems, voltageProfiles } from "../../src/electrochem";
import { simulateCycler, writeMpt, LNMO_XU2018, LNRO_XU2018, LNRO_LI_S10, simulateDems, writeDemsCsv, LNMO_DEMS_XU2018, LNMO_GASES_XU2018 } from "../../src/simulate";

const dir = mkdtempSync(join(tmpdir(), "ew-echem-"));
after(() => rmSync(dir, { recursive: true, force: true }));

describe("simulated cycler → .mpt → readMpt → analyses recover the planted truth", () => {
  for (const [cell, label] of [[LNMO_XU2018, "LNMO"], [LNRO_XU2018, "LNRO"]] as const) {
    it(`${label}: first-cycle capacities within 1 %, dQ/dV peaks within 0.02 V`, () => {
      const { data, truth } = simulateCycler({ cell, mass: 3.2, seed: 7 });
      const path = writeMpt(join(dir, `${label}.mpt`), data, { material: cell.formula });
      const back = readMpt(path);
      assert.equal(back.metadata.activeMassMg, 3.2);
      assert.equal(back.nPoints, data.nPoints);
      const c = cycleCapacities(back);
      assert.equal(c.split.cycleSource, "cycler");
      const [ch, dis] = truth.halfCycles;
      assert.ok(Math.abs(c.cycles[0].specificCharge / ch.capacity - 1) < 0.01, `${c.cycles[0].specificCharge} vs ${ch.capacity}`);
      assert.ok(Math.abs(c.cycles[0].specificDischarge / dis.capacity - 1) < 0.01);
      // the cycler's own column agrees with the integral
      for (const h of c.halfCycles) assert.ok(Math.abs(h.cyclerCapacity / h.capacity - 1) < 1e-3);
      const curves = dqdv(back, { fwhm: 0.02 });
      assert.equal(curves.length, 2);
      curves.forEach((cu, k) => {
        const planted = truth.halfCycles[k].peaks;
        const found = dqdvPeaks(cu, { minProminence: 0.02 });
        for (const p of planted) {
          const near = found.reduce((best, f) => (Math.abs(f.voltage - p) < Math.abs(best - p) ? f.voltage : best), Infinity);
          assert.ok(Math.abs(near - p) < 0.02, `${label} ${cu.kind}: planted ${p} V, nearest found ${near} V (found ${found.map((f) => f.voltage.toFixed(3))})`);
        }
      });
    });
  }
  it("LNRO's strongest peaks: 3.65 V on charge, 3.4 and 3.7 V on discharge (Xu 2018 Fig. 2d)", () => {
    const { data } = simulateCycler({ cell: LNRO_XU2018, mass: 3.2, seed: 8 });
    const [c, d] = dqdv(data, { fwhm: 0.02 });
    const top = (cu: typeof c, k: number) => dqdvPeaks(cu, { minProminence: 0.1 }).sort((a, b) => b.prominence - a.prominence).slice(0, k).map((p) => Math.round(p.voltage * 100) / 100).sort();
    assert.deepEqual(top(c, 1), [3.65]);
    assert.deepEqual(top(d, 2), [3.4, 3.7]);
  });
  it("five cycles with fade: capacities of every cycle within 1 %, voltage profiles per cycle", () => {
    const { data, truth } = simulateCycler({ cell: LNRO_LI_S10, mass: 2.5, cycles: 5, seed: 3, interval: 300 });
    const c = cycleCapacities(data);
    assert.equal(c.cycles.length, 5);
    c.cycles.forEach((cy, k) => {
      assert.ok(Math.abs(cy.specificCharge / truth.halfCycles[2 * k].capacity - 1) < 0.01);
      assert.ok(Math.abs(cy.specificDischarge / truth.halfCycles[2 * k + 1].capacity - 1) < 0.01);
    });
    assert.ok(c.cycles[4].averageDischargeVoltage < c.cycles[1].averageDischargeVoltage);
    assert.equal(voltageProfiles(data, { cycles: [2] }).length, 2);
  });
});

describe("simulated DEMS (Xu 2018 Fig. 3a) → CSV → readDemsCsv → analyzeDems", () => {
  it("recovers cumulative CO2 and O2 within 2 %, onsets near 4.0 and 4.5 V, O2 rate ~4e-2 µmol/min at 4.8 V", () => {
    const { cycler, ms, truth } = simulateDems({ cell: LNMO_DEMS_XU2018, gases: LNMO_GASES_XU2018, mass: 32.9, cycles: 2, seed: 5 });
    const path = writeDemsCsv(join(dir, "dems.csv"), ms, "LNMO_DEMS.exp");
    const rec = readDemsCsv(path);
    assert.deepEqual(Object.keys(rec.channels), ["mass 32", "mass 44"]);
    assert.equal(rec.units["mass 32"], "A");
    const gas = gasRates(rec, Object.fromEntries(truth.gases.map((g) => [g.species, { channel: g.channel, factor: g.factor }])));
    const a = analyzeDems(gas, cycler);
    const o2 = a.gases.find((g) => g.species === "O2")!;
    const co2 = a.gases.find((g) => g.species === "CO2")!;
    assert.ok(Math.abs(o2.perCycle[0].total / 10.7 - 1) < 0.02, String(o2.perCycle[0].total));
    assert.ok(Math.abs(co2.perCycle[0].total / 6.5 - 1) < 0.02, String(co2.perCycle[0].total));
    assert.ok(Math.abs(co2.perCycle[1].total / 0.9 - 1) < 0.05, String(co2.perCycle[1].total));
    assert.ok(Math.abs(o2.perCycle[1].total) < 0.1);
    assert.ok(o2.onset && o2.onset.voltage > 4.5 && o2.onset.voltage < 4.56, JSON.stringify(o2.onset));
    assert.ok(co2.onset && co2.onset.voltage > 4.0 && co2.onset.voltage < 4.1, JSON.stringify(co2.onset));
    assert.ok(Math.abs(o2.max.rate / 1000 - 0.04) < 0.005 && o2.max.voltage > 4.75, JSON.stringify(o2.max));
  });
});
