// Planted ground truth: simulated O K RIXS scans written as real files (ALS-style scan table +
// 16-bit TIFF frames, and NeXus with an external link) go through the whole pipeline; the
// 523.75 eV feature, the dispersion, the curvature, the cosmic rays and the saturated pixel
// planted by the simulator must come back.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readScanTable, readTiffFrames, readNexusFrames, processRixsScan, findFeature, fitCurvature, subtractDark, removeCosmicRays, featureIntensity, type RixsScanResult } from "../../src/rixs";
import { simulateRixsScan, writeRixsScan, type SimulatedRixsScan, type WrittenRixsScan } from "../../src/simulate";

const dir = mkdtempSync(join(tmpdir(), "rixs-sim-"));
after(() => rmSync(dir, { recursive: true, force: true }));

async function run(scan: SimulatedRixsScan, formats: ("tiff" | "nexus")[] = ["tiff"]): Promise<{ w: WrittenRixsScan; r: RixsScanResult }> {
  const w = await writeRixsScan(dir, scan, { formats });
  const dark = readTiffFrames(w.dark as string)[0];
  const el = readTiffFrames(w.elastic as string)[0];
  const curvature = fitCurvature(removeCosmicRays(subtractDark(el, { dark }).frame).frame);
  const r = await processRixsScan(readScanTable(w.table as string), { dark, curvature });
  return { w, r };
}

describe("RIXS pipeline on simulated scans with a planted truth", function () {
  this.timeout(300000);
  let lnmo: SimulatedRixsScan, res: RixsScanResult, written: WrittenRixsScan;
  before(async () => {
    lnmo = simulateRixsScan("LNMO", "4.8 V", { seed: 11 });
    ({ w: written, r: res } = await run(lnmo, ["tiff", "nexus"]));
  });
  it("recovers the dispersion within 1 % and the offset within 0.05 eV", () => {
    const t = lnmo.truth;
    assert.ok(Math.abs(res.calibration.dispersion / t.dispersion - 1) < 0.01, `${res.calibration.dispersion} vs ${t.dispersion}`);
    assert.ok(Math.abs(res.calibration.offset - t.offset) < 0.05, `${res.calibration.offset} vs ${t.offset}`);
    assert.ok(res.calibration.residualRms < 0.02);
  });
  it("recovers the planted curvature and tilt (5 %) from the elastic reference frame", () => {
    const [, tilt, curv] = lnmo.truth.curvature.coefficients;
    const c = res.curvature.coefficients;
    assert.ok(Math.abs(c[1] / tilt - 1) < 0.05, `tilt ${c[1]} vs ${tilt}`);
    assert.ok(Math.abs(c[2] / curv - 1) < 0.05, `curvature ${c[2]} vs ${curv}`);
  });
  it("finds the 523.75 eV feature at 530.8 eV excitation within 0.05 eV", () => {
    const f = findFeature(res.map);
    assert.ok(f.present, JSON.stringify(f));
    assert.ok(Math.abs(f.centre - 523.75) < 0.05, `${f.centre}`);
  });
  it("finds the planted cosmic rays and the saturated pixel", () => {
    const planted = new Set<string>(), centres = new Set<string>();
    for (const h of lnmo.truth.cosmics) h.pixels.forEach((p, k) => { const key = `${h.frame}:${p.row}:${p.col}`; planted.add(key); if (k === 0) centres.add(key); });
    const found = new Set<string>();
    res.frames.forEach((f, i) => f.cosmics.forEach((p) => found.add(`${i}:${p.row}:${p.col}`)));
    const sat = new Set(lnmo.truth.saturated.map((s) => `${s.frame}:${s.row}:${s.col}`));
    let hitCentres = 0, hitAll = 0, falsePos = 0;
    for (const k of centres) if (found.has(k) || sat.has(k)) hitCentres++;
    for (const k of planted) if (found.has(k) || sat.has(k)) hitAll++;
    for (const k of found) if (!planted.has(k)) falsePos++;
    assert.equal(hitCentres, centres.size, "every hit's brightest pixel");
    assert.ok(hitAll >= 0.95 * planted.size, `${hitAll} of ${planted.size} planted pixels`);
    assert.ok(falsePos <= 0.02 * found.size + 2, `${falsePos} false positives of ${found.size}`);
    assert.equal(res.saturatedPixels, lnmo.truth.saturated.length);
    assert.ok(res.saturatedPixels >= 1);
    const f = res.frames.find((d) => d.saturated > 0);
    assert.ok(f && f.saturatedPositions.length === f.saturated);
  });
  it("the NeXus file (frames behind an external link) gives the same map", async () => {
    const nx = await readNexusFrames(written.nexus as string);
    try {
      const r2 = await processRixsScan(nx, { dark: readTiffFrames(written.dark as string)[0], curvature: res.curvature });
      // the same frames; I₀ differs only by the table's 8-decimal rounding
      let scale = 0, diff = 0;
      res.map.data.forEach((v, i) => { scale = Math.max(scale, Math.abs(v)); diff = Math.max(diff, Math.abs(v - r2.map.data[i])); });
      assert.ok(diff <= 1e-12 * scale, `largest difference ${diff} of ${scale}`);
      assert.ok(Math.abs(r2.calibration.dispersion - res.calibration.dispersion) < 1e-12);
    } finally {
      nx.close();
    }
  });
  it("LNRO at 4.8 V and pristine LNMO show no feature; the window intensity orders the states", async () => {
    const opts = { seed: 11, rows: 512, cols: 128 };
    const lnro = (await run(simulateRixsScan("LNRO", "4.8 V", opts))).r;
    const pristine = (await run(simulateRixsScan("LNMO", "pristine", opts))).r;
    assert.equal(findFeature(lnro.map).present, false);
    assert.equal(findFeature(pristine.map).present, false);
    const win = { excitation: [530.6, 531.0] as [number, number], emission: [523.5, 524.0] as [number, number] };
    assert.ok(featureIntensity(res.map, win).mean > 1.5 * featureIntensity(pristine.map, win).mean);
  });
});
