// computeShifts on helper threads gives the same shifts, bit for bit, as on the calling thread alone.
import assert from "node:assert/strict";
import { makeStack } from "../../src/types/stack";
import { computeShifts } from "../../src/stack";
import { imagesRegisteredByHelpers, startRegisterHelpers } from "../../src/stack/_registerThreads";
import { setThreadsEnabled, threadsAllowed } from "../../src/linalg/workerPool";

function drifting(nE: number, ny: number, nx: number): Float64Array {
  const data = new Float64Array(nE * ny * nx);
  for (let e = 0; e < nE; e++) {
    const sx = 2.3 * Math.sin(e / 3);
    const sy = 1.7 * Math.cos(e / 4);
    for (let y = 0; y < ny; y++) {
      for (let x = 0; x < nx; x++) {
        const X = x - sx;
        const Y = y - sy;
        data[e * ny * nx + y * nx + x] = Math.exp(-((X - 20) ** 2 + (Y - 15) ** 2) / 20) + 0.7 * Math.exp(-((X - 41) ** 2 + (Y - 27) ** 2) / 9) + 0.4 * Math.exp(-((X - 11) ** 2 + (Y - 33) ** 2) / 6);
      }
    }
  }
  return data;
}

describe("computeShifts on worker threads", function () {
  this.timeout(120_000);
  const nE = 24;
  const stack = makeStack({ data: drifting(nE, 44, 56), nE, ny: 44, nx: 56, energies: Array.from({ length: nE }, (_, i) => 525 + i * 0.5), quantity: "od" });

  it("equals the single-thread result bit for bit, with helpers doing part of the work (when the machine has > 1 core)", () => {
    const was = setThreadsEnabled(false);
    const alone = computeShifts(stack);
    setThreadsEnabled(was);
    if (threadsAllowed() === 0) {
      console.log("      (one core or threads disabled: the threaded path is not exercised)");
      return;
    }
    assert.ok(startRegisterHelpers() > 0, "helper threads started");
    const before = imagesRegisteredByHelpers();
    const threaded = computeShifts(stack);
    const byHelpers = imagesRegisteredByHelpers() - before;
    console.log(`      ${byHelpers} of ${nE - 1} images registered by helper threads`);
    assert.ok(byHelpers > 0, "helpers registered some images");
    for (const k of ["dx", "dy", "peak"] as const) assert.deepEqual(Array.from(threaded[k]), Array.from(alone[k]), k);
    assert.equal(threaded.reference, alone.reference);
  });

  it("neighbour registration and other options stay on the calling thread and still agree", () => {
    const a = computeShifts(stack, { reference: "neighbour", subpixel: "centroid" });
    const was = setThreadsEnabled(false);
    const b = computeShifts(stack, { reference: "neighbour", subpixel: "centroid" });
    setThreadsEnabled(was);
    assert.deepEqual(Array.from(a.dx), Array.from(b.dx));
    const c = computeShifts(stack, { reference: 5, normalization: "cross", refine: 2, maxShift: 4 });
    setThreadsEnabled(false);
    const d = computeShifts(stack, { reference: 5, normalization: "cross", refine: 2, maxShift: 4 });
    setThreadsEnabled(was);
    assert.deepEqual(Array.from(c.dy), Array.from(d.dy));
  });
});
