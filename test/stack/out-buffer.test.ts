/**
 * The `out` option of opticalDensity and normalizePixels: results written into a caller's
 * buffer are bit for bit the results without it, returned as views of that buffer; a buffer
 * that is too short, of the wrong type or overlapping the input is a clear error.
 */
import assert from "node:assert/strict";
import { makeStack, type Stack } from "../../src/types/stack";
import { normalizePixels, opticalDensity } from "../../src/stack";
import { createRng } from "../../src/simulate";
import { sameBits } from "./_sameBits";

/** Counts [nE, ny, nx] with a few zeros (integers unless `fractional`); more than 2¹⁶ integer values take the ln-table path. */
function counts(nE: number, ny: number, nx: number, seed: number, fractional = false): Stack {
  const rng = createRng(seed);
  const data = new Float64Array(nE * ny * nx);
  for (let i = 0; i < data.length; i++) {
    const v = rng.uniform() < 0.002 ? 0 : 500 * (0.3 + rng.uniform());
    data[i] = fractional ? v : Math.round(v);
  }
  const energies = Float64Array.from({ length: nE }, (_, e) => 518 + (44 * e) / (nE - 1));
  return makeStack({ data, nE, ny, nx, energies });
}

describe("out buffers of opticalDensity and normalizePixels", () => {
  const i0For = (nE: number): Float64Array => Float64Array.from({ length: nE }, (_, e) => 2000 + 7 * e);

  it("opticalDensity writes the same values into out (table path, Math.log path, NaN mode, float32) and returns a view of it", () => {
    const cases: [string, Stack, Parameters<typeof opticalDensity>[1]][] = [
      ["integer counts (ln table)", counts(30, 60, 50, 1), { i0: i0For(30) }],
      ["fractional counts (Math.log)", counts(30, 60, 50, 2, true), { i0: i0For(30) }],
      ["small stack, nonPositive nan", counts(5, 4, 3, 3), { i0: i0For(5), nonPositive: "nan" }],
    ];
    for (const [what, st, opts] of cases) {
      const plain = opticalDensity(st, opts);
      const buf = new Float64Array(st.data.length + 7).fill(-123);
      const r = opticalDensity(st, { ...opts, out: buf });
      sameBits(r.stack.data, plain.stack.data, what);
      assert.equal(r.stack.data.buffer, buf.buffer, `${what}: data is a view of out`);
      assert.equal(r.stack.data.byteOffset, buf.byteOffset);
      assert.equal(r.nonPositive, plain.nonPositive);
      for (let i = st.data.length; i < buf.length; i++) assert.equal(buf[i], -123, `${what}: values after the result are untouched`);
      const exact = new Float64Array(st.data.length);
      assert.equal(opticalDensity(st, { ...opts, out: exact }).stack.data, exact, `${what}: an exact-length out is the data itself`);
    }
    const st = counts(6, 10, 10, 4);
    const f32 = new Float32Array(st.data.length);
    const r32 = opticalDensity(st, { i0: i0For(6), output: "float32", out: f32 });
    sameBits(r32.stack.data, opticalDensity(st, { i0: i0For(6), output: "float32" }).stack.data, "float32");
    assert.equal(r32.stack.data, f32);
  });

  it("opticalDensity rejects a short, mistyped or overlapping out", () => {
    const st = counts(4, 5, 6, 5);
    const i0 = i0For(4);
    assert.throws(() => opticalDensity(st, { i0, out: new Float64Array(119) }), { name: "RangeError", message: 'opticalDensity: option "out" has length 119, expected at least 120 (nE·ny·nx)' });
    assert.throws(() => opticalDensity(st, { i0, out: new Float32Array(120) }), { name: "TypeError", message: 'opticalDensity: option "out" must be a Float64Array of at least 120 values, got Float32Array' });
    assert.throws(() => opticalDensity(st, { i0, output: "float32", out: new Float64Array(120) }), { name: "TypeError", message: /must be a Float32Array/ });
    assert.throws(() => opticalDensity(st, { i0, out: st.data as Float64Array }), { name: "RangeError", message: /option "out" overlaps the stack's data/ });
  });

  it("normalizePixels writes the same values into out, separate or in place, with the same maps", () => {
    const st0 = counts(40, 37, 53, 6);
    const od = opticalDensity(st0, { i0: i0For(40) }).stack;
    const n = od.ny * od.nx;
    for (let e = 0; e < od.nE; e++) (od.data as Float64Array)[e * n + 11] = 0.25; // a flat pixel: area 0, invalid
    const opts = { background: [520, 526], area: [525, 535], brightness: [535, 553] } as const;
    const plain = normalizePixels(od, opts);
    const buf = new Float64Array(od.data.length + 3).fill(7);
    const r = normalizePixels(od, { ...opts, out: buf });
    sameBits(r.stack.data, plain.stack.data, "separate out");
    assert.equal(r.stack.data.buffer, buf.buffer);
    assert.deepEqual([buf[od.data.length], buf[od.data.length + 2]], [7, 7]);
    sameBits(r.background, plain.background, "background");
    sameBits(r.area, plain.area, "area");
    sameBits(r.brightness, plain.brightness, "brightness");
    assert.equal(r.invalid, plain.invalid);
    const own = Float64Array.from(od.data);
    const inPlace = normalizePixels(makeStack({ ...od, data: own }), { ...opts, out: own });
    assert.equal(inPlace.stack.data, own);
    sameBits(own, plain.stack.data, "in place");
  });

  it("normalizePixels rejects a short, mistyped or partly overlapping out", () => {
    const od = opticalDensity(counts(20, 4, 5, 7), { i0: i0For(20) }).stack;
    assert.throws(() => normalizePixels(od, { out: new Float64Array(399) }), { name: "RangeError", message: 'normalizePixels: option "out" has length 399, expected at least 400 (nE·ny·nx)' });
    assert.throws(() => normalizePixels(od, { out: [] as never }), { name: "TypeError", message: 'normalizePixels: option "out" must be a Float64Array of at least 400 values, got object' });
    const big = new Float64Array(500);
    const shifted = makeStack({ ...od, data: big.subarray(0, 400) });
    assert.throws(() => normalizePixels(shifted, { out: big.subarray(50) }), { name: "RangeError", message: /overlaps the stack's data at a different offset/ });
  });
});
