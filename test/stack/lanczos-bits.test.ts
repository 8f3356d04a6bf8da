// applyShifts' "lanczos" kernel gives the values it gave before its refactors bit for bit: the
// outputs in test/fixtures/stack/lanczos_bits.json were written by test/stack/lanczosBitsFixture.ts
// from the code of commit 64a18b8 (integer, negative, > 1 px, beyond-the-image and near-integer
// shifts; NaN pixels; images narrower than the kernel, one row, one column). The in-memory path
// (new array, separate out, in place) and the banded path's pieces (shiftImagePartInto, and
// lanczosXPassRow + lanczosYPassInto as preprocessSeriesInBands calls them) are all checked.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { lanczosPlan, lanczosXPassRow, lanczosYPassInto } from "../../src/stack/_lanczos";
import { applyShifts, resolveShiftOptions, shiftImagePartInto, type ApplyShiftsOptions } from "../../src/stack/applyShifts";
import { makeStack } from "../../src/types/stack";
import { lanczosBitsInput, type LanczosBitsCase } from "./lanczosBitsInput";

const fixture = JSON.parse(readFileSync(join(__dirname, "../fixtures/stack/lanczos_bits.json"), "utf8")) as { cases: LanczosBitsCase[] };

function fromBase64(s: string): Float64Array {
  const b = Buffer.from(s, "base64");
  return new Float64Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
}

/** Assert `got` equals `want` bit for bit (NaN = NaN, −0 ≠ 0), naming the first differing value. */
function sameBits(got: ArrayLike<number>, want: Float64Array, what: string, nx: number, ny: number): void {
  assert.equal(got.length, want.length, `${what}: length`);
  for (let i = 0; i < want.length; i++) {
    if (!Object.is(got[i], want[i])) {
      const e = Math.floor(i / (nx * ny)), y = Math.floor(i / nx) % ny, x = i % nx;
      assert.fail(`${what}: image ${e} (${y}, ${x}) is ${got[i]}, the fixture has ${want[i]}`);
    }
  }
}

describe("applyShifts lanczos: bit for bit the values of the fixture (lanczos_bits.json)", () => {
  assert.ok(fixture.cases.length >= 6);
  for (const c of fixture.cases) {
    const want = fromBase64(c.output);
    const shifts = { dx: c.dx, dy: c.dy };
    const opts: ApplyShiftsOptions = { method: "lanczos", ...c.options };
    const stackOf = (data: Float64Array) => makeStack({ data, nE: c.nE, ny: c.ny, nx: c.nx, energies: c.dx.map((_, e) => 500 + e) });
    it(`${c.name}: new array, separate out, in place`, () => {
      const input = lanczosBitsInput(c);
      sameBits(applyShifts(stackOf(input), shifts, opts).data, want, "new array", c.nx, c.ny);
      const out = new Float64Array(input.length + 5).fill(7);
      sameBits(applyShifts(stackOf(input), shifts, { ...opts, out }).data, want, "out", c.nx, c.ny);
      const own = input.slice();
      const r = applyShifts(stackOf(own), shifts, { ...opts, out: own });
      assert.equal(r.data, own);
      sameBits(own, want, "in place", c.nx, c.ny);
      sameBits(input, lanczosBitsInput(c), "input unchanged", c.nx, c.ny);
    });
    it(`${c.name}: a Float32 stack gives the values of its Float64 copy`, () => {
      const f32 = Float32Array.from(lanczosBitsInput(c));
      const from32 = applyShifts(makeStack({ data: f32, nE: c.nE, ny: c.ny, nx: c.nx, energies: c.dx.map((_, e) => 500 + e) }), shifts, opts).data;
      sameBits(from32, applyShifts(stackOf(Float64Array.from(f32)), shifts, opts).data as Float64Array, "float32 input", c.nx, c.ny);
    });
    it(`${c.name}: banded pieces (shiftImagePartInto; x pass by row, then y pass)`, () => {
      const input = lanczosBitsInput(c);
      const { ny, nx } = c;
      const n = ny * nx;
      const so = resolveShiftOptions("test", opts);
      const part = new Float64Array(c.nE * n);
      const tmp = new Float64Array(n);
      for (let e = 0; e < c.nE; e++) shiftImagePartInto(input, e * n, nx, ny, nx, c.dx[e], c.dy[e], so, 0, ny, 0, nx, part, e * n, tmp);
      sameBits(part, want, "shiftImagePartInto", nx, ny);
      // columns c0 … c1 − 1 only, as preprocessSeriesInBands crops
      const c0 = Math.min(1, nx - 1), c1 = Math.max(c0 + 1, nx - 2), w = c1 - c0;
      const xp = new Float64Array(ny * w);
      const cut = new Float64Array(ny * w);
      for (let e = 0; e < c.nE; e++) {
        const p = lanczosPlan(c.dx[e], c.dy[e], so.smoothing, nx, so.fill);
        for (let y = 0; y < ny; y++) lanczosXPassRow(input, e * n + y * nx, p, c0, c1, xp, y * w);
        lanczosYPassInto(xp, 0, w, ny, p, 0, ny, c0, cut, 0);
        for (let y = 0; y < ny; y++) {
          for (let x = c0; x < c1; x++) {
            assert.ok(Object.is(cut[y * w + x - c0], want[e * n + y * nx + x]), `x/y passes, columns [${c0}, ${c1}): image ${e} (${y}, ${x}) is ${cut[y * w + x - c0]}, the fixture has ${want[e * n + y * nx + x]}`);
          }
        }
      }
    });
  }
});
