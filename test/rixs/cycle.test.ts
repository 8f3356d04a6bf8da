// First-cycle RIXS (Gent 2017 S12): the feature amplitude planted ∝ the oxidised-oxygen share
// level × oShare of simulateOxygenCycle's states comes back through the files and the pipeline.
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readScanTable, readTiffFrames, processRixsScan, findFeature, fitCurvature, subtractDark, removeCosmicRays } from "../../src/rixs";
import { writeRixsCycle, rixsCycleModel, oxidisedOxygenShare, OXYGEN_CYCLE_STATES, RIXS_CYCLE_FEATURE_PER_SHARE } from "../../src/simulate";

const dir = mkdtempSync(join(tmpdir(), "rixs-cycle-"));
after(() => rmSync(dir, { recursive: true, force: true }));

describe("writeRixsCycle: RIXS through the first cycle with a planted oxidised-oxygen share", function () {
  this.timeout(300000);
  it("plants amplitude = k · level · oShare and rejects bad states", () => {
    const st = OXYGEN_CYCLE_STATES[5];
    assert.ok(Math.abs(rixsCycleModel(st).feature - RIXS_CYCLE_FEATURE_PER_SHARE * st.level * st.oShare) < 1e-12);
    assert.equal(rixsCycleModel(OXYGEN_CYCLE_STATES[0]).feature, 0);
    assert.throws(() => rixsCycleModel({ name: "x", level: 2, oShare: 0 }), /level in \[0, 1\]/);
  });
  it("recovers the feature at 523.75 eV with amplitudes in the planted ratio (within 0.08), none in the pristine scan", async () => {
    const states = [OXYGEN_CYCLE_STATES[0], OXYGEN_CYCLE_STATES[2], OXYGEN_CYCLE_STATES[5]];
    const scans = await writeRixsCycle(dir, { states, scan: { cols: 64, rows: 512, excitation: [529.4, 532.2, 0.2] } });
    assert.equal(scans.length, 3);
    const truth = JSON.parse(readFileSync(scans[1].truth, "utf8"));
    assert.equal(truth.state, "c1_230mAh/g");
    assert.ok(Math.abs(truth.share - oxidisedOxygenShare(states[1])) < 1e-12);
    const amps: number[] = [];
    for (const s of scans) {
      const dark = readTiffFrames(s.dark!)[0];
      const curvature = fitCurvature(removeCosmicRays(subtractDark(readTiffFrames(s.elastic!)[0], { dark }).frame).frame);
      const r = await processRixsScan(readScanTable(s.table!), { dark, curvature });
      const f = findFeature(r.map);
      amps.push(f.amplitude);
      if (s.share > 0) assert.ok(f.present && Math.abs(f.centre - 523.75) < 0.05, JSON.stringify(f));
    }
    const shares = scans.map((s) => s.share);
    assert.ok(Math.abs(amps[0]) < 0.1 * amps[2], `pristine ${amps[0]} vs ${amps[2]}`);
    const ratio = amps[1] / amps[2], planted = shares[1] / shares[2];
    assert.ok(Math.abs(ratio - planted) < 0.08, `${ratio} vs ${planted}`);
  });
});
