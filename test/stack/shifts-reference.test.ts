// computeShifts against the numpy port of the same algorithm (python/ref_shifts.py, which calls
// bench/stack_ref.py's compute_shifts), and against the drifts planted in the images.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { makeStack } from "../../src/types/stack";
import { computeShifts } from "../../src/stack";

const ref = JSON.parse(readFileSync(join(__dirname, "../fixtures/stack/ref_shifts.json"), "utf8")) as {
  ny: number; nx: number; nE: number; data: (number | null)[]; planted: [number, number][]; reference: number; dx: number[]; dy: number[]; dxHalf: number[]; dyHalf: number[];
};

describe("computeShifts vs numpy (python/ref_shifts.py)", () => {
  const stack = makeStack({ data: Float64Array.from(ref.data, (v) => (v === null ? NaN : v)), nE: ref.nE, ny: ref.ny, nx: ref.nx, energies: Array.from({ length: ref.nE }, (_, i) => 530 + i), quantity: "od" });
  const r = computeShifts(stack);
  it("picks the same reference image (largest variance)", () => assert.equal(r.reference, ref.reference));
  it("gives numpy's drifts to 1e-9 px with the same half-spectrum Fourier shift (rfft2/irfft2)", () => {
    for (let e = 0; e < ref.nE; e++) {
      assert.ok(Math.abs(r.dx[e] - ref.dxHalf[e]) < 1e-9, `dx[${e}] = ${r.dx[e]}, numpy ${ref.dxHalf[e]}`);
      assert.ok(Math.abs(r.dy[e] - ref.dyHalf[e]) < 1e-9, `dy[${e}] = ${r.dy[e]}, numpy ${ref.dyHalf[e]}`);
    }
  });
  // bench/stack_ref.py shifts with numpy's full complex spectrum, which is not Hermitian in its
  // y-Nyquist row once ramped (fy = −0.5 on both sides): ~6e-6 px apart here
  it("and to 1e-4 px with bench/stack_ref.py's full-spectrum Fourier shift", () => {
    for (let e = 0; e < ref.nE; e++) {
      assert.ok(Math.abs(r.dx[e] - ref.dx[e]) < 1e-4, `dx[${e}] = ${r.dx[e]}, numpy ${ref.dx[e]}`);
      assert.ok(Math.abs(r.dy[e] - ref.dy[e]) < 1e-4, `dy[${e}] = ${r.dy[e]}, numpy ${ref.dy[e]}`);
    }
  });
  it("recovers the planted drifts to 0.03 px", () => {
    const [rx, ry] = ref.planted[ref.reference];
    ref.planted.forEach(([sx, sy], e) => {
      assert.ok(Math.abs(r.dx[e] - (sx - rx)) < 0.03, `dx[${e}] = ${r.dx[e]}, planted ${sx - rx}`);
      assert.ok(Math.abs(r.dy[e] - (sy - ry)) < 0.03, `dy[${e}] = ${r.dy[e]}, planted ${sy - ry}`);
    });
  });
});
