import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { subtractBaseline, cumulativeGas, gasOnset, readDemsCsv, gasRates, voltageAtTimes, type CyclerData } from "../../src/electrochem";

const dir = mkdtempSync(join(tmpdir(), "ew-dems-"));
after(() => rmSync(dir, { recursive: true, force: true }));

describe("DEMS primitives by hand", () => {
  it("constant and linear baselines over a window", () => {
    const t = [0, 60, 120, 180, 240, 300];
    const r = [2, 2, 2, 5, 8, 2];
    const c = subtractBaseline(t, r, { window: [0, 120] });
    assert.deepEqual(Array.from(c.corrected), [0, 0, 0, 3, 6, 0]);
    assert.equal(c.sigma, 0);
    const lin = subtractBaseline(t, [1, 2, 3, 7, 9, 6], { window: [0, 120], model: "linear" });
    assert.ok(Math.abs(lin.slope - 1 / 60) < 1e-15);
    assert.deepEqual(Array.from(lin.corrected, (v) => +v.toFixed(12)), [0, 0, 0, 3, 4, 0]);
    assert.throws(() => subtractBaseline(t, r, { window: [500, 600] }), /holds 0 points; expected at least 3/);
    assert.throws(() => subtractBaseline(t, r, { window: [0, 120], model: "cubic" as never }), /option model must be "constant" or "linear"/);
  });
  it("cumulative amount: 60 nmol/min for 2 min = 0.12 µmol (trapezoid)", () => {
    const c = cumulativeGas([0, 60, 120], [60, 60, 60]);
    assert.deepEqual(Array.from(c, (v) => +v.toFixed(12)), [0, 0.06, 0.12]);
    assert.deepEqual(Array.from(cumulativeGas([0, 60], [0, 60]), (v) => +v.toFixed(12)), [0, 0.03]);
    assert.throws(() => cumulativeGas([0, 60, 30], [1, 1, 1]), /time goes backwards at point 2/);
  });
  it("onset: first point above kσ that stays above for the sustain time; a spike does not count", () => {
    const t = Array.from({ length: 20 }, (_, i) => i * 60);
    const r = t.map((_, i) => (i === 3 ? 10 : i >= 10 ? 1 + i : 0));
    assert.deepEqual(gasOnset(t, r, { sigma: 1, k: 5, sustain: 300 }), { index: 10, time: 600 });
    assert.equal(gasOnset(t, r.map(() => 0), { sigma: 1 }), undefined);
    assert.throws(() => gasOnset(t, r, { sigma: 0 }), /option sigma must be the background noise level/);
  });
  it("voltage at the mass spectrometer's times, NaN outside the record", () => {
    const d: CyclerData = { file: "x", format: "t", nPoints: 3, time: Float64Array.from([0, 100, 200]), voltage: Float64Array.from([3, 4, 4.5]), current: Float64Array.from([0, 1, 1]), extra: {}, metadata: {}, warnings: [] };
    assert.deepEqual(Array.from(voltageAtTimes(d, [-1, 50, 150, 250])), [NaN, 3.5, 4.25, NaN]);
  });
});

describe("readDemsCsv and gasRates", () => {
  it("reads a MASsoft-style export, calibrates, names unknown channels", () => {
    const p = join(dir, "a.csv");
    writeFileSync(p, `"Experiment:","x.exp"\r\n"Units:","A"\r\n\r\n"Time","ms","mass 32","mass 44"\r\n"10:00:00",0,1.0e-12,2.0e-12\r\n"10:00:30",30000,3.0e-12,2.0e-12\r\n`);
    const r = readDemsCsv(p);
    assert.deepEqual(Array.from(r.time), [0, 30]);
    assert.equal(r.metadata.Experiment, "x.exp");
    assert.equal(r.metadata.startClock, "10:00:00");
    const g = gasRates(r, { O2: { channel: "mass 32", factor: 1e12 } }, { mass: 2, offset: 10 });
    assert.deepEqual(Array.from(g.rates.O2, (v) => +v.toFixed(12)), [0.5, 1.5]);
    assert.deepEqual(Array.from(g.time), [10, 40]);
    assert.equal(g.perMg, true);
    assert.throws(() => gasRates(r, { O2: { channel: "mass 31", factor: 1 } }), /channel "mass 31" is not in .*; expected one of: mass 32, mass 44/);
    assert.throws(() => gasRates(r, { O2: { channel: "mass 32", factor: -1 } }), /factor must be a finite number > 0/);
    assert.throws(() => gasRates(r, { O2: { channel: "mass 32", factor: 1 } }, { mass: 0 }), /option mass must be the active mass in mg/);
  });
  it("time columns in s or min, semicolons; clear errors for no time column, short rows, time going back", () => {
    const p = join(dir, "b.csv");
    writeFileSync(p, "Time (min);O2 [nmol/min]\n0;1\n0.5;2\n");
    const r = readDemsCsv(p);
    assert.deepEqual(Array.from(r.time), [0, 30]);
    assert.equal(r.units.O2, "nmol/min");
    writeFileSync(p, "t,mass 32\n0,1\n");
    assert.throws(() => readDemsCsv(p), /no column-name row with a time column; expected one of "ms"/);
    writeFileSync(p, "time/s,mass 32\n0,1\n5\n");
    assert.throws(() => readDemsCsv(p), /line 3: expected 2 values/);
    writeFileSync(p, "time/s,mass 32\n10,1\n5,1\n");
    assert.throws(() => readDemsCsv(p), /time goes backwards/);
    assert.throws(() => readDemsCsv(p, { timeUnit: "h" as never }), /option timeUnit must be "ms", "s" or "min"/);
  });
});
