/**
 * The buffer reuse of the alignment: applyShifts' `out` (a separate buffer or the input's own data,
 * in place) and cropToCommon's `inPlace` give bit for bit the values of new arrays; preprocessStack,
 * which uses both on its own OD stack, gives the same result as the verbs composed with new
 * arrays and leaves the raw stack alone; a bad `out` or `inPlace` is a clear error.
 */
import assert from "node:assert/strict";
import { makeStack, type Stack } from "../../src/types/stack";
import { applyShifts, computeShifts, cropToCommon, extractI0, opticalDensity, preprocessStack, type ShiftMethod } from "../../src/stack";
import { createRng } from "../../src/simulate";
import { sameBits } from "./_sameBits";

/** A smooth random image stack [nE, ny, nx] (Float64 unless `f32`) with a few NaNs. */
function images(nE: number, ny: number, nx: number, seed: number, f32 = false): Stack {
  const rng = createRng(seed);
  const data = f32 ? new Float32Array(nE * ny * nx) : new Float64Array(nE * ny * nx);
  for (let e = 0; e < nE; e++) {
    for (let y = 0; y < ny; y++) {
      for (let x = 0; x < nx; x++) data[(e * ny + y) * nx + x] = Math.sin(x / 3 + e) * Math.cos(y / 5) + 0.1 * rng.uniform();
    }
  }
  data[7] = NaN;
  const energies = Float64Array.from({ length: nE }, (_, e) => 520 + e);
  return makeStack({ data, nE, ny, nx, energies });
}

const shiftsFor = (nE: number, seed: number): { dx: Float64Array; dy: Float64Array } => {
  const rng = createRng(seed);
  return { dx: Float64Array.from({ length: nE }, (_, e) => (e === 0 ? 0 : rng.range(-2.6, 2.6))), dy: Float64Array.from({ length: nE }, (_, e) => (e === 2 ? 1 : rng.range(-3.2, 1.7))) };
};

describe("applyShifts out and cropToCommon in place", () => {
  const methods: ShiftMethod[] = ["lanczos", "bilinear", "fourier"];

  it("applyShifts writes the same values into a separate out (a view of it, the input untouched) and in place", () => {
    for (const method of methods) {
      const st = images(6, 23, 31, 1);
      const sh = shiftsFor(6, 2);
      const copy = Float64Array.from(st.data);
      const plain = applyShifts(st, sh, { method });
      const buf = new Float64Array(st.data.length + 5).fill(-9);
      const r = applyShifts(st, sh, { method, out: buf });
      sameBits(r.data, plain.data, `${method}, separate out`);
      assert.equal(r.data.buffer, buf.buffer, `${method}: data is a view of out`);
      assert.deepEqual(Array.from(buf.subarray(st.data.length)), [-9, -9, -9, -9, -9], `${method}: values after the result are untouched`);
      sameBits(st.data, copy, `${method}: input untouched`);
      assert.deepEqual(r.metadata.shifts, plain.metadata.shifts);
      const own = st.data as Float64Array;
      const p = applyShifts(st, sh, { method, out: own });
      assert.equal(p.data, own, `${method}: in place returns the input's own array`);
      sameBits(own, plain.data, `${method}, in place`);
    }
  });

  it("applyShifts in place also with fill and smoothing options, and a Float32 input into a Float64 out", () => {
    const st = images(5, 17, 19, 3);
    const sh = shiftsFor(5, 4);
    const plain = applyShifts(st, sh, { fill: -1, smoothing: 0 });
    sameBits(applyShifts(st, sh, { fill: -1, smoothing: 0, out: st.data as Float64Array }).data, plain.data, "fill −1, smoothing 0, in place");
    const s32 = images(5, 17, 19, 5, true);
    const out = new Float64Array(s32.data.length);
    sameBits(applyShifts(s32, sh, { out }).data, applyShifts(s32, sh).data, "Float32 input, Float64 out");
  });

  it("applyShifts rejects a short, mistyped or partly overlapping out, naming the option", () => {
    const st = images(3, 4, 5, 6);
    const sh = shiftsFor(3, 7);
    assert.throws(() => applyShifts(st, sh, { out: new Float64Array(59) }), { name: "RangeError", message: 'applyShifts: option "out" has length 59, expected at least 60 (nE·ny·nx)' });
    assert.throws(() => applyShifts(st, sh, { out: new Float32Array(60) as unknown as Float64Array }), { name: "TypeError", message: 'applyShifts: option "out" must be a Float64Array of at least 60 values, got Float32Array' });
    const big = new Float64Array(80);
    const shifted = makeStack({ data: big.subarray(10, 70), nE: 3, ny: 4, nx: 5, energies: st.energies });
    assert.throws(() => applyShifts(shifted, sh, { out: big }), { name: "RangeError", message: /applyShifts: option "out" overlaps the stack's data at a different offset/ });
    assert.throws(() => applyShifts(shifted, sh, { out: big.subarray(11) }), { name: "RangeError", message: /option "out" overlaps/ });
    // a Float32 stack's bytes under a Float64 out at the same offset: overlapping, not in place
    const bytes = new ArrayBuffer(60 * 8);
    const s32 = makeStack({ data: new Float32Array(bytes, 0, 60), nE: 3, ny: 4, nx: 5, energies: st.energies });
    assert.throws(() => applyShifts(s32, sh, { out: new Float64Array(bytes) }), { name: "RangeError", message: /option "out" overlaps the stack's data/ });
  });

  it("cropToCommon in place gives the same values as a copy, as a view of the input's array (Float64 and Float32)", () => {
    for (const f32 of [false, true]) {
      const st = images(7, 29, 26, 9, f32);
      const sh = shiftsFor(7, 10);
      const plain = cropToCommon(st, sh);
      const copy = f32 ? Float32Array.from(st.data) : Float64Array.from(st.data);
      const r = cropToCommon(st, sh, { inPlace: true });
      assert.deepEqual(r.rect, plain.rect);
      assert.deepEqual([r.stack.nE, r.stack.ny, r.stack.nx], [plain.stack.nE, plain.stack.ny, plain.stack.nx]);
      assert.ok(r.rect.x1 - r.rect.x0 < 26 && r.rect.y1 - r.rect.y0 < 29, "the shifts crop both axes");
      sameBits(r.stack.data, plain.stack.data, `in place (${f32 ? "Float32" : "Float64"})`);
      assert.equal(r.stack.data.buffer, st.data.buffer, "a view of the input's array");
      assert.equal(r.stack.data.constructor, copy.constructor, "the input's array type");
      sameBits(r.stack.x, plain.stack.x, "x");
      sameBits(r.stack.y, plain.stack.y, "y");
      assert.deepEqual(r.stack.metadata.crop, plain.stack.metadata.crop);
      // the copy leaves the input alone
      const st2 = images(7, 29, 26, 9, f32);
      cropToCommon(st2, sh);
      sameBits(st2.data, copy, "input untouched without inPlace");
    }
    const none = images(3, 6, 6, 11);
    const zero = { dx: [0, 0, 0], dy: [0, 0, 0] };
    const r = cropToCommon(none, zero, { inPlace: true });
    assert.equal(r.stack.data.length, none.data.length);
    sameBits(r.stack.data, cropToCommon(images(3, 6, 6, 11), zero).stack.data, "no shift, in place");
  });

  it("cropToCommon rejects a non-boolean inPlace and unknown options", () => {
    const st = images(2, 5, 5, 12);
    const sh = { dx: [0, 1], dy: [0, 0] };
    assert.throws(() => cropToCommon(st, sh, { inPlace: "yes" as unknown as boolean }), { name: "TypeError", message: 'cropToCommon: option "inPlace" must be true or false, got "yes"' });
    assert.throws(() => cropToCommon(st, sh, { inplace: true } as never), /cropToCommon/);
  });

  it("preprocessStack (OD shifted and cropped in its own buffer) equals the verbs composed with new arrays; the raw stack is untouched", () => {
    const rng = createRng(13);
    const nE = 8, ny = 40, nx = 44;
    const data = new Float32Array(nE * ny * nx);
    for (let e = 0; e < nE; e++) {
      const sx = Math.round(2 * Math.sin(e)), sy = Math.round(2 * Math.cos(e / 2));
      for (let y = 0; y < ny; y++) {
        for (let x = 0; x < nx; x++) {
          const q = ((x - sx - 20) ** 2 + (y - sy - 18) ** 2) / 100;
          data[(e * ny + y) * nx + x] = Math.round(3000 * Math.exp(-(q < 1 ? 1.2 * Math.sqrt(1 - q) : 0) * (0.5 + e / 10)) + 40 * rng.uniform());
        }
      }
    }
    const raw = makeStack({ data, nE, ny, nx, energies: Float64Array.from({ length: nE }, (_, e) => 525 + e) });
    const rawCopy = Float32Array.from(raw.data);
    const freeRegion = { x0: 36, y0: 0, x1: 44, y1: 40 };
    for (const interpolation of ["lanczos", "bilinear"] as const) {
      const p = preprocessStack(raw, { freeRegion, align: { interpolation } });
      sameBits(raw.data, rawCopy, "raw untouched");
      const od = opticalDensity(raw, { i0: extractI0(raw, { region: freeRegion }) }).stack;
      const sh = computeShifts(od);
      const ref = cropToCommon(applyShifts(od, sh, { method: interpolation }), sh);
      sameBits(p.shifts!.dx, sh.dx, "dx");
      assert.deepEqual(p.crop, ref.rect);
      assert.ok(p.crop!.x1 - p.crop!.x0 < nx, "something is cropped");
      assert.deepEqual([p.stack.ny, p.stack.nx], [ref.stack.ny, ref.stack.nx]);
      sameBits(p.stack.data, ref.stack.data, `${interpolation}: preprocessStack vs the verbs`);
    }
  });
});
