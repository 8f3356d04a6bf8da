import assert from "node:assert/strict";
import { cycleCapacities, splitHalfCycles, voltageProfiles, type CyclerData } from "../../src/electrochem";

/** A record from rows [t s, V, I mA] (and optional cycler cycle numbers). */
function rec(rows: number[][], cycle?: number[]): CyclerData {
  return {
    file: "hand", format: "test", nPoints: rows.length,
    time: Float64Array.from(rows, (r) => r[0]), voltage: Float64Array.from(rows, (r) => r[1]), current: Float64Array.from(rows, (r) => r[2]),
    ...(cycle ? { cycle: Int32Array.from(cycle) } : {}),
    extra: {}, metadata: {}, warnings: [],
  };
}

// rest, charge 1 mA for 1 h (3 rows), rest, discharge −0.5 mA for 1 h, charge again 30 min
const hand = rec([
  [0, 3.0, 0], [100, 3.0, 0],
  [100, 3.5, 1], [1900, 3.7, 1], [3700, 4.1, 1],
  [3800, 4.0, 0],
  [3800, 3.9, -0.5], [7400, 3.1, -0.5],
  [7500, 3.2, 0],
  [7500, 3.6, 1], [9300, 3.9, 1],
]);

describe("splitHalfCycles / cycleCapacities on a hand case", () => {
  it("splits by current sign and numbers cycles by alternation", () => {
    const s = splitHalfCycles(hand);
    assert.equal(s.cycleSource, "alternation");
    assert.deepEqual(s.halfCycles.map((h) => [h.kind, h.start, h.end, h.cycle]), [["charge", 2, 4, 1], ["discharge", 6, 7, 1], ["charge", 9, 10, 2]]);
    assert.deepEqual(s.runs.map((r) => r.kind), ["rest", "charge", "rest", "discharge", "rest", "charge"]);
  });
  it("integrates the current by the trapezoid rule: 1 mAh, 0.5 mAh, 0.5 mAh; CE 50 %; mAh/g with 2 mg", () => {
    const c = cycleCapacities(hand, { mass: 2 });
    assert.deepEqual(c.halfCycles.map((h) => +h.capacity.toFixed(12)), [1, 0.5, 0.5]);
    assert.equal(+c.cycles[0].specificCharge.toFixed(9), 500);
    assert.equal(+c.cycles[0].specificDischarge.toFixed(9), 250);
    assert.equal(+c.cycles[0].coulombicEfficiency.toFixed(9), 50);
    assert.equal(+c.cycles[0].irreversible.toFixed(9), 250);
    // energy: ∫V I dt = 1 mA × (0.5 h × (3.5+3.7)/2 + 0.5 h × (3.7+4.1)/2) = 3.75 mWh; average 3.75 V
    assert.ok(Math.abs(c.halfCycles[0].energy - 3.75) < 1e-12);
    assert.ok(Math.abs(c.cycles[0].averageChargeVoltage - 3.75) < 1e-12);
    assert.ok(Math.abs(c.cycles[0].averageDischargeVoltage - 3.5) < 1e-12);
    assert.ok(Number.isNaN(c.cycles[1].discharge));
    assert.ok(Number.isNaN(c.halfCycles[0].cyclerCapacity));
  });
  it("without a mass gives specific values as NaN and uses metadata.activeMassMg when present", () => {
    assert.ok(Number.isNaN(cycleCapacities(hand).cycles[0].specificCharge));
    const withMass = { ...hand, metadata: { activeMassMg: 4 } };
    assert.equal(+cycleCapacities(withMass).cycles[0].specificCharge.toFixed(9), 250);
  });
  it("takes cycle numbers from the cycler column when there is one, and keeps GITT rests inside a half-cycle", () => {
    const g = rec([[0, 3, 0], [10, 3.1, 1], [20, 3.2, 1], [30, 3.15, 0], [40, 3.15, 0], [40, 3.2, 1], [50, 3.3, 1], [60, 3.2, 0], [60, 3.1, -1], [70, 3.0, -1]], [0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    const s = splitHalfCycles(g);
    assert.equal(s.cycleSource, "cycler");
    assert.deepEqual(s.halfCycles.map((h) => [h.kind, h.start, h.end, h.pulses, h.cycle]), [["charge", 1, 6, 2, 0], ["discharge", 8, 9, 1, 0]]);
    const a = splitHalfCycles(g, { cycles: "alternation" });
    assert.deepEqual(a.halfCycles.map((h) => h.cycle), [1, 1]);
  });
  it("compares with the cycler's own capacity column (sum of maxima between resets)", () => {
    const r = { ...hand, capacity: Float64Array.from([0, 0, 0, 0.5, 1.0, 0, 0, -0.5, 0, 0, 0.5]) };
    const c = cycleCapacities(r);
    assert.deepEqual(c.halfCycles.map((h) => h.cyclerCapacity), [1, 0.5, 0.5]);
  });
  it("voltage profiles count capacity from 0 in each half-cycle, mAh/g", () => {
    const p = voltageProfiles(hand, { mass: 2, cycles: [1] });
    assert.equal(p.length, 2);
    assert.deepEqual(Array.from(p[0].capacity, (x) => +x.toFixed(9)), [0, 250, 500]);
    assert.deepEqual(Array.from(p[1].capacity, (x) => +x.toFixed(9)), [0, 250]);
    assert.equal(p[1].unit, "mAh/g");
    assert.deepEqual(Array.from(p[1].voltage), [3.9, 3.1]);
  });
});

describe("bad cycler input gets a clear error", () => {
  it("unsorted time, NaN, missing current, bad mass, unknown option", () => {
    const bad = rec([[0, 3, 0], [10, 3, 1], [5, 3, 1]]);
    assert.throws(() => cycleCapacities(bad), /data\.time is not sorted: time\[2\] = 5 s < time\[1\] = 10 s/);
    assert.throws(() => cycleCapacities(rec([[0, 3, 0], [10, NaN, 1]])), /data\.voltage\[1\] is NaN/);
    const noCurrent = { ...hand } as Partial<CyclerData>;
    delete noCurrent.current;
    assert.throws(() => cycleCapacities(noCurrent as CyclerData), /data\.current is missing; expected a column of 11 values \(mA, positive = charge\)/);
    assert.throws(() => cycleCapacities(hand, { mass: 0 }), /option mass must be the active mass in mg, a finite number > 0, got 0/);
    assert.throws(() => cycleCapacities(hand, { mass: -3 }), /got -3/);
    assert.throws(() => cycleCapacities(hand, { masss: 3 } as never), /unknown option "masss"; expected one of: mass, tolerance, cycles/);
    assert.throws(() => splitHalfCycles(hand, { cycles: "cycler" }), /has no cycle column/);
    assert.throws(() => voltageProfiles(hand, { cycles: [1.5] }), /option cycles must be a list of integer cycle numbers/);
  });
});
