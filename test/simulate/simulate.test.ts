import assert from "node:assert/strict";
import {
  createRng,
  evaluateEndMember,
  OXYGEN_END_MEMBERS,
  NICKEL_END_MEMBERS,
  simulateOxygenPlateau,
  simulateTransitionMetalSeries,
  oxygenPlateauEnergies,
} from "../../src/simulate";
import { extractI0, opticalDensity } from "../../src/stack";

describe("createRng", () => {
  it("is reproducible and matches mulberry32's reference sequence", () => {
    const a = createRng(1);
    const b = createRng(1);
    const xs = [a.uniform(), a.uniform(), a.uniform()];
    assert.deepEqual(xs, [b.uniform(), b.uniform(), b.uniform()]);
    // mulberry32 with seed 1 (the reference JavaScript, re-implemented in Python with 32-bit masks)
    assert.deepEqual(xs.map((v) => v * 4294967296), [2693262067, 11749833, 2265367787]);
  });
  it("draws Poisson counts with the right mean and variance (small and large λ)", () => {
    const r = createRng(5);
    for (const lam of [3.5, 40, 3000]) {
      const n = 20000;
      let s = 0;
      let s2 = 0;
      for (let i = 0; i < n; i++) {
        const k = r.poisson(lam);
        assert.ok(Number.isInteger(k) && k >= 0);
        s += k;
        s2 += k * k;
      }
      const mean = s / n;
      const v = s2 / n - mean * mean;
      assert.ok(Math.abs(mean - lam) < 4 * Math.sqrt(lam / n), `λ ${lam}: mean ${mean}`);
      assert.ok(Math.abs(v / lam - 1) < 0.05, `λ ${lam}: variance ${v}`);
    }
    assert.throws(() => r.poisson(-1), /poisson: lambda must be a finite number ≥ 0, got -1/);
  });
  it("draws normals with mean 0 and unit variance", () => {
    const r = createRng(9);
    let s = 0;
    let s2 = 0;
    const n = 20000;
    for (let i = 0; i < n; i++) {
      const v = r.normal();
      s += v;
      s2 += v * v;
    }
    assert.ok(Math.abs(s / n) < 0.03 && Math.abs(s2 / n - 1) < 0.04);
  });
});

describe("end-member spectra", () => {
  it("put the O K peaks where the papers say", () => {
    const [red, ox] = OXYGEN_END_MEMBERS;
    const d = (e: number): number => evaluateEndMember(ox, e) - evaluateEndMember(red, e);
    assert.ok(d(530.8) > 0.4, "oxidised feature at 530.8 eV");
    assert.ok(d(527.8) > 0.1, "Ni4+ shoulder at 527.8 eV");
    assert.ok(evaluateEndMember(red, 529.2) > evaluateEndMember(red, 528) + 0.5);
    const [ni2, ni4] = NICKEL_END_MEMBERS;
    assert.ok(evaluateEndMember(ni2, 852.9) > evaluateEndMember(ni2, 855.1));
    assert.ok(evaluateEndMember(ni4, 855.1) > evaluateEndMember(ni4, 852.9));
  });
});

describe("simulateOxygenPlateau", function () {
  this.timeout(60000);
  const sim = simulateOxygenPlateau({ seed: 3 });
  it("has six samples of 83 × 150 pixels (74,700 in all) and 50 + 7 energies", () => {
    assert.equal(sim.samples.length, 6);
    let total = 0;
    for (const s of sim.samples) total += s.stack.ny * s.stack.nx;
    assert.equal(total, 74700);
    const e = oxygenPlateauEnergies();
    assert.equal(e.length, 57);
    assert.equal(e.filter((v) => v <= 535 + 1e-9).length, 50);
    assert.equal(e[49], 535);
    assert.equal(e[56], 560);
    assert.equal(sim.samples[0].stack.quantity, "counts");
  });
  it("is reproducible for a seed and differs between seeds", () => {
    const again = simulateOxygenPlateau({ seed: 3, capacities: [131] });
    assert.deepEqual(Array.from(again.samples[0].stack.data.subarray(0, 500)), Array.from(sim.samples[0].stack.data.subarray(0, 500)));
    const other = simulateOxygenPlateau({ seed: 4, capacities: [131] });
    assert.notDeepEqual(Array.from(other.samples[0].stack.data.subarray(0, 500)), Array.from(sim.samples[0].stack.data.subarray(0, 500)));
  });
  it("has a JSON-serialisable ground truth", () => {
    const json = JSON.parse(JSON.stringify(sim.truth));
    assert.deepEqual(json, sim.truth);
    assert.equal(json.samples[2].capacity, 230);
    assert.equal(json.samples[0].fraction.length, 83 * 150);
    assert.equal(json.endMembers[1].model.name, "oxidised LMR-NMC");
  });
  it("raises the oxidised fraction with capacity, lower at the surfaces than in the cores", () => {
    const t = sim.truth.samples;
    for (let i = 1; i < t.length; i++) assert.ok(t[i].meanFraction > t[i - 1].meanFraction, `${t[i].name}: ${t[i].meanFraction}`);
    for (const s of t) assert.ok(s.surfaceFraction < s.coreFraction, `${s.name}: surface ${s.surfaceFraction} core ${s.coreFraction}`);
  });
  it("keeps the free region sample-free at every energy and shows photon noise", () => {
    const s = sim.samples[0];
    const od = opticalDensity(s.stack, { i0: extractI0(s.stack, { region: s.freeRegion }) }).stack;
    const n = od.ny * od.nx;
    const r = s.freeRegion;
    let sum = 0;
    let sum2 = 0;
    let c = 0;
    for (let e = 0; e < od.nE; e++) {
      for (let y = r.y0; y < r.y1; y++) {
        for (let x = r.x0; x < r.x1; x++) {
          const v = od.data[e * n + y * od.nx + x];
          sum += v;
          sum2 += v * v;
          c++;
        }
      }
    }
    const sd = Math.sqrt(sum2 / c - (sum / c) ** 2);
    assert.ok(Math.abs(sum / c) < 1e-3, `mean OD in the free region ${sum / c}`);
    assert.ok(sd > 0.005 && sd < 0.01, `Poisson noise of OD ≈ 1/√20000 ≈ 0.0071, got ${sd}`);
    // truth: no material in the free region
    for (let y = r.y0; y < r.y1; y++) for (let x = r.x0; x < r.x1; x++) assert.equal(sim.truth.samples[0].activeThickness[y * s.stack.nx + x] + sim.truth.samples[0].binderThickness[y * s.stack.nx + x], 0);
  });
  it("plants sub-pixel drift within ±4 px and offsets within ±0.4 eV", () => {
    for (const t of sim.truth.samples) {
      assert.ok(t.shifts.dx.every((v) => Math.abs(v) <= 4) && t.shifts.dy.every((v) => Math.abs(v) <= 4));
      assert.ok(t.shifts.dx.some((v) => Math.abs(v - Math.round(v)) > 0.1));
      assert.ok(Math.abs(t.energyOffset) <= 0.4);
    }
  });
  it("rejects unknown options", () => {
    assert.throws(() => simulateOxygenPlateau({ sed: 1 } as never), {
      message: 'simulateOxygenPlateau: unknown option "sed"; expected one of: seed, capacities, states, ny, nx, flux, maxOffset, maxDrift',
    });
  });
});

describe("simulateTransitionMetalSeries", function () {
  this.timeout(60000);
  it("saturates thick particles at the Mn edge and reduces Mn at surfaces on discharge", () => {
    const mn = simulateTransitionMetalSeries({ edge: "Mn", seed: 5 });
    assert.equal(mn.samples.length, 4);
    const dis = mn.truth.samples[3];
    assert.equal(dis.state, "discharged 2.0 V");
    assert.ok(dis.surfaceFraction > 0.15 && dis.coreFraction < 0.05, `surface ${dis.surfaceFraction} core ${dis.coreFraction}`);
    assert.equal(mn.truth.samples[1].meanFraction, 0);
    assert.ok(mn.truth.samples.some((t) => t.saturatedPixels > 50));
    // measured OD cannot exceed −ln(harmonic) by much
    const s = mn.samples[0];
    const od = opticalDensity(s.stack, { i0: extractI0(s.stack, { region: s.freeRegion }) }).stack;
    let max = 0;
    for (const v of od.data) max = Math.max(max, v);
    assert.ok(max < -Math.log(mn.truth.harmonicFraction) + 1.5, `max OD ${max}`);
    assert.ok(max > 3, `max OD ${max}`);
  });
  it("oxidises Ni on charge (Ni4+ fraction rising) and back on discharge", () => {
    const ni = simulateTransitionMetalSeries({ edge: "Ni", seed: 5 });
    const f = ni.truth.samples.map((t) => t.meanFraction);
    assert.ok(f[1] > f[0] + 0.3 && f[2] > f[1] && f[3] < f[2] - 0.3, f.join(" "));
    assert.equal(ni.samples[0].stack.energies[0], 845);
    assert.throws(() => simulateTransitionMetalSeries({ edge: "Fe" } as never), { message: 'simulateTransitionMetalSeries: option "edge" must be "Mn", "Co" or "Ni", got "Fe"' });
  });
});
