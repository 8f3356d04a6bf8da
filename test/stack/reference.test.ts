// Compares OD, normalisation, the noise filter and the thresholded average with numpy
// (fixture made by python/ref_stack.py).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { makeStack } from "../../src/types/stack";
import { averageSpectrum, extractI0, noiseFilter, normalizePixels, opticalDensity, thresholdMask, toPixelTable } from "../../src/stack";

const ref = JSON.parse(readFileSync(join(__dirname, "../fixtures/stack/ref_stack.json"), "utf8"));
const TOL = 1e-12;

function close(got: ArrayLike<number>, want: ArrayLike<number | null>, what: string): void {
  assert.equal(got.length, want.length, `${what}: length`);
  for (let i = 0; i < got.length; i++) {
    const w = want[i];
    if (w === null) {
      assert.ok(Number.isNaN(got[i]), `${what}[${i}]: expected NaN, got ${got[i]}`);
      continue;
    }
    const err = Math.abs(got[i] - w) / Math.max(1, Math.abs(w));
    assert.ok(err <= TOL, `${what}[${i}]: ${got[i]} vs numpy ${w} (relative error ${err})`);
  }
}

describe("stack preprocessing vs numpy (python/ref_stack.py)", () => {
  const stack = makeStack({ data: Float64Array.from(ref.counts), nE: ref.nE, ny: ref.ny, nx: ref.nx, energies: ref.energies, dwell: ref.dwell });
  const i0 = extractI0(stack, { region: ref.region });
  const odr = opticalDensity(stack, { i0 });
  const norm = normalizePixels(odr.stack, ref.ranges);

  it("I0 from a sample-free rectangle", () => close(i0.i0, ref.i0, "i0"));
  it("optical density with counts ≤ 0 floored to 1 and counted", () => {
    close(odr.stack.data, ref.od, "od");
    assert.equal(odr.nonPositive, ref.nonPositive);
  });
  it("per-pixel background, area, brightness and normalised spectra", () => {
    close(norm.background, ref.background, "background");
    close(norm.area, ref.area, "area");
    close(norm.brightness, ref.brightness, "brightness");
    close(norm.stack.data, ref.norm, "normalised");
  });
  it("noise (population std over 520–526 eV) and the fraction cutoff", () => {
    const { table, dropped } = toPixelTable([{ stack: norm.stack, brightness: norm.brightness }], { energyRange: [520, 535] });
    assert.equal(table.nPixels, ref.tableRows);
    assert.equal(dropped[0], ref.ny * ref.nx - ref.tableRows);
    const f = noiseFilter(table, { range: [520, 526], fraction: ref.noiseFraction });
    close(f.noise, ref.noise, "noise");
    close([f.cutoff], [ref.cutoff], "cutoff");
    assert.deepEqual(Array.from(f.kept), ref.kept);
  });
  it("thresholded average spectrum", () => {
    const t = thresholdMask(odr.stack, { energy: ref.threshold.energy, threshold: ref.threshold.threshold, backgroundRegion: ref.region });
    assert.equal(t.energyIndex, ref.threshold.energyIndex);
    assert.deepEqual(Array.from(t.mask), ref.threshold.mask);
    close(averageSpectrum(odr.stack, { mask: t.mask }).values, ref.average, "average");
  });
});
