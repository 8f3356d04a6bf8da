import assert from "node:assert/strict";
import { applyShifts, resolveShiftOptions, shiftImagePartInto } from "../../src/stack/applyShifts";
import { makeStack } from "../../src/types/stack";

describe("shiftImagePartInto (part of an image, as applyShifts shifts the whole)", () => {
  const ny = 23, nx = 19;
  const data = new Float64Array(2 * ny * nx).map((_, i) => Math.sin(i * 0.37) * 5 + (i % 7));
  const stack = makeStack({ data, nE: 2, ny, nx, energies: [530, 531] });
  const shifts = { dx: [1.3, -2.6], dy: [-3.25, 0.5] };
  for (const method of ["lanczos", "bilinear"] as const) {
    it(`${method}: every row and column range equals applyShifts' values bit for bit (edges, NaN fill)`, () => {
      const whole = applyShifts(stack, shifts, { method }).data;
      const opts = resolveShiftOptions("test", { method });
      for (const [r0, r1, c0, c1] of [[0, ny, 0, nx], [0, 4, 0, nx], [5, 13, 3, 16], [19, 23, 10, 19], [11, 12, 0, 1]]) {
        const w = c1 - c0;
        const out = new Float64Array((r1 - r0) * w).fill(-7);
        const tmp = new Float64Array(ny * w);
        for (let e = 0; e < 2; e++) {
          shiftImagePartInto(data, e * ny * nx, nx, ny, nx, shifts.dx[e], shifts.dy[e], opts, r0, r1, c0, c1, out, 0, tmp);
          for (let y = r0; y < r1; y++) {
            for (let x = c0; x < c1; x++) {
              assert.ok(Object.is(out[(y - r0) * w + x - c0], whole[(e * ny + y) * nx + x]), `${method} e ${e} (${y}, ${x}) rows [${r0}, ${r1}) columns [${c0}, ${c1})`);
            }
          }
        }
      }
    });
  }
  it("refuses the Fourier kernel (it needs whole images)", () => {
    const opts = resolveShiftOptions("test", { method: "fourier" });
    assert.throws(() => shiftImagePartInto(data, 0, nx, ny, nx, 0, 0, opts, 0, 1, 0, 1, new Float64Array(1), 0, new Float64Array(ny)), /method "fourier" needs whole images/);
  });
});
