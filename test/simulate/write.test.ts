import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { simulateOxygenPlateau, writeSimulatedSeries } from "../../src/simulate";
import { readSdf, readNxstxm } from "../../src/io";

describe("writeSimulatedSeries", function () {
  this.timeout(60000);
  it("writes SDF and NXstxm files that read back to the simulated counts, plus truth and references", async () => {
    const dir = mkdtempSync(join(tmpdir(), "edgeworks-sim-"));
    try {
      const sim = simulateOxygenPlateau({ seed: 2, capacities: [131, 311], ny: 40, nx: 64 });
      const out = await writeSimulatedSeries(dir, sim);
      assert.equal(out.samples.length, 2);
      const s0 = sim.samples[0].stack;
      const sdf = readSdf(out.samples[0].sdf as string).stacks[0];
      assert.deepEqual([sdf.nE, sdf.ny, sdf.nx], [s0.nE, s0.ny, s0.nx]);
      assert.deepEqual(Array.from(sdf.data), Array.from(s0.data));
      for (let e = 0; e < s0.nE; e++) assert.ok(Math.abs(sdf.energies[e] - s0.energies[e]) < 1e-6);
      const nx = (await readNxstxm(out.samples[1].nxstxm as string)).stacks[0];
      assert.deepEqual(Array.from(nx.data), Array.from(sim.samples[1].stack.data));
      const truth = JSON.parse(readFileSync(out.truth, "utf8"));
      assert.deepEqual(truth, sim.truth);
      const refs = JSON.parse(readFileSync(out.references, "utf8"));
      assert.equal(refs.session.length, 2);
      await assert.rejects(writeSimulatedSeries(dir, sim, { format: ["sdf"] } as never), { message: 'writeSimulatedSeries: unknown option "format"; expected one of: formats, time' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
