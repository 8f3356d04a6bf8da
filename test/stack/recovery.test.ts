// The preprocessing recovers what the simulated beamline planted: drift between energies
// (< 0.1 px) and the per-sample energy offsets (< 0.02 eV), on the full O K plateau series.
import assert from "node:assert/strict";
import { simulateOxygenPlateau, oxygenPlateauEnergies, simulateTransitionMetalSeries } from "../../src/simulate";
import { applyEnergyOffset, applyShifts, averageSpectrum, computeShifts, cropToCommon, energyOffset, extractI0, noiseFilter, normalizePixels, opticalDensity, thresholdMask, toPixelTable, type PixelTableInput } from "../../src/stack";
import { toImages } from "../../src/types";

describe("recovery of planted drift and energy offsets (simulated O K plateau)", function () {
  this.timeout(120000);
  const sim = simulateOxygenPlateau({ seed: 11 });
  const driftErr: number[] = [];
  const offsetErr: number[] = [];
  const inputs: PixelTableInput[] = [];
  const grid = oxygenPlateauEnergies();
  const avg530: number[] = [];

  before(() => {
    sim.samples.forEach((s, i) => {
      const truth = sim.truth.samples[i];
      const od = opticalDensity(s.stack, { i0: extractI0(s.stack, { region: s.freeRegion }) }).stack;
      const sh = computeShifts(od);
      const r = sh.reference as number;
      let worst = 0;
      for (let e = 0; e < od.nE; e++) {
        worst = Math.max(worst, Math.abs(sh.dx[e] - (truth.shifts.dx[e] - truth.shifts.dx[r])), Math.abs(sh.dy[e] - (truth.shifts.dy[e] - truth.shifts.dy[r])));
      }
      driftErr.push(worst);
      const off = energyOffset(s.sessionReference, sim.canonicalReference);
      offsetErr.push(Math.abs(off.offset - truth.energyOffset));
      const aligned = cropToCommon(applyShifts(od, sh), sh).stack;
      const cal = applyEnergyOffset(aligned, off.offset, { grid }).stack;
      const norm = normalizePixels(cal, { background: [520, 526], area: [525, 535], brightness: [535, 560] });
      const mask = thresholdMask(cal, { energy: 529.5, threshold: 0.15, backgroundRange: [520, 526] }).mask;
      const avg = averageSpectrum(cal, { mask });
      const k = avg.energies.findIndex((e) => e >= 530.8);
      const kb = avg.energies.findIndex((e) => e >= 529.2);
      avg530.push(avg.values[k] / avg.values[kb]);
      inputs.push({ stack: norm.stack, mask, brightness: norm.brightness, name: s.name });
    });
  });

  it("recovers the drift of every energy to < 0.1 px", () => {
    for (const [i, e] of driftErr.entries()) assert.ok(e < 0.1, `sample ${i}: worst drift error ${e.toFixed(3)} px`);
  });
  it("recovers every sample's energy offset to < 0.02 eV", () => {
    for (const [i, e] of offsetErr.entries()) assert.ok(e < 0.02, `sample ${i}: offset error ${e.toFixed(4)} eV`);
  });
  it("builds the pixel table, filters ~10 % noise and maps rows back to images", () => {
    const { table } = toPixelTable(inputs, { energyRange: [520, 535] });
    assert.equal(table.nE, 50);
    assert.ok(table.nPixels > 20000, `${table.nPixels} pixels`);
    const f = noiseFilter(table, { range: [520, 526], fraction: 0.1 });
    assert.ok(Math.abs(f.removed / table.nPixels - 0.1) < 0.001);
    const imgs = toImages(f.table, f.noise.filter((_, r) => f.kept[r]));
    assert.equal(imgs.length, 6);
    // the removed rows are the dim ones whose noise the normalisation amplified
    let bRemoved = 0;
    let bKept = 0;
    for (let r = 0; r < table.nPixels; r++) {
      if (f.kept[r]) bKept += table.brightness[r];
      else bRemoved += table.brightness[r];
    }
    bKept /= table.nPixels - f.removed;
    bRemoved /= f.removed;
    assert.ok(bRemoved < 0.5 * bKept, `mean brightness removed ${bRemoved.toFixed(3)} vs kept ${bKept.toFixed(3)}`);
  });
  it("shows the 530.8 eV oxidised-oxygen feature growing with capacity", () => {
    for (let i = 1; i < avg530.length; i++) assert.ok(avg530[i] > avg530[i - 1] - 0.01, `ratios ${avg530.map((v) => v.toFixed(3)).join(" ")}`);
    assert.ok(avg530[5] > avg530[0] + 0.1);
  });
  after(() => {
    // a record of the measured errors for the report
    console.log(`      worst drift errors (px): ${driftErr.map((v) => v.toFixed(3)).join(", ")}`);
    console.log(`      offset errors (eV): ${offsetErr.map((v) => v.toFixed(4)).join(", ")}`);
  });
});

describe("recovery on the simulated TM L-edge series (thick, saturating Mn particles included)", function () {
  this.timeout(120000);
  for (const [edge, limit] of [["Mn", 0.1], ["Ni", 0.1], ["Co", 0.15]] as const) {
    it(`recovers ${edge} drift to < ${limit} px and offsets to < 0.02 eV`, () => {
      const sim = simulateTransitionMetalSeries({ edge, seed: 4 });
      sim.samples.forEach((s, i) => {
        const truth = sim.truth.samples[i];
        const od = opticalDensity(s.stack, { i0: extractI0(s.stack, { region: s.freeRegion }) }).stack;
        const sh = computeShifts(od);
        const r = sh.reference as number;
        for (let e = 0; e < od.nE; e++) {
          const ex = Math.abs(sh.dx[e] - (truth.shifts.dx[e] - truth.shifts.dx[r]));
          const ey = Math.abs(sh.dy[e] - (truth.shifts.dy[e] - truth.shifts.dy[r]));
          assert.ok(ex < limit && ey < limit, `${edge} ${s.name} energy ${e}: errors ${ex.toFixed(3)}, ${ey.toFixed(3)} px`);
        }
        const off = energyOffset(s.sessionReference, sim.canonicalReference);
        assert.ok(Math.abs(off.offset - truth.energyOffset) < 0.02, `${edge} ${s.name}: offset ${off.offset} vs ${truth.energyOffset}`);
      });
    });
  }
});

describe("automatic I0 and alignment of a sub-region on simulated data", function () {
  this.timeout(60000);
  const sim = simulateOxygenPlateau({ seed: 21, capacities: [230] });
  const s = sim.samples[0];
  it("finds the sample-free pixels by their flux (I0 within 0.3 % of the free-region I0)", () => {
    const auto = extractI0(s.stack);
    const region = extractI0(s.stack, { region: s.freeRegion });
    assert.ok(auto.pixelCount >= region.pixelCount, `${auto.pixelCount} pixels`);
    for (let e = 0; e < s.stack.nE; e++) assert.ok(Math.abs(auto.i0[e] / region.i0[e] - 1) < 0.003, `energy ${e}: ${auto.i0[e]} vs ${region.i0[e]}`);
  });
  it("aligns on a sub-region as well as on the whole image", () => {
    const truth = sim.truth.samples[0];
    const od = opticalDensity(s.stack, { i0: extractI0(s.stack, { region: s.freeRegion }) }).stack;
    const sh = computeShifts(od, { region: { x0: 0, y0: 0, x1: 110, y1: 83 }, reference: 30 });
    for (let e = 0; e < od.nE; e++) {
      assert.ok(Math.abs(sh.dx[e] - (truth.shifts.dx[e] - truth.shifts.dx[30])) < 0.1);
      assert.ok(Math.abs(sh.dy[e] - (truth.shifts.dy[e] - truth.shifts.dy[30])) < 0.1);
    }
  });
});
