/**
 * applyEnergyOffset's `out`: the resampled stack written into a separate buffer or in place into
 * the input's own data (blocks of pixels) is bit for bit the stack of a new array, for linear and
 * cubic resampling, grids shorter and longer than the recorded axis and energies outside it;
 * a bad `out` is a clear error. preprocessStack, which calibrates in its own OD buffer, gives the
 * same stack as the verbs composed with new arrays.
 */
import assert from "node:assert/strict";
import { makeStack, type Stack } from "../../src/types/stack";
import { applyEnergyOffset, applyShifts, computeShifts, cropToCommon, energyOffset, extractI0, opticalDensity, preprocessStack } from "../../src/stack";
import { createRng, simulateOxygenPlateau } from "../../src/simulate";
import { sameBits } from "./_sameBits";

/** [nE, ny, nx] spectra (more than one in-place block of pixels: 70 × 70 > 4096). */
function spectra(nE: number, ny: number, nx: number, seed: number): Stack {
  const rng = createRng(seed);
  const data = new Float64Array(nE * ny * nx);
  for (let i = 0; i < data.length; i++) data[i] = Math.sin(i / 997) + rng.uniform();
  const energies = Float64Array.from({ length: nE }, (_, e) => 520 + e * 0.5 + (e > 10 ? e * 0.1 : 0));
  return makeStack({ data, nE, ny, nx, energies });
}

describe("applyEnergyOffset out", () => {
  const grids: [string, Float64Array][] = [
    ["same length, inside", Float64Array.from({ length: 20 }, (_, g) => 520.3 + g * 0.55)],
    ["shorter, past both ends (nearest)", Float64Array.from({ length: 12 }, (_, g) => 518 + g * 1.3)],
    ["longer than the recorded axis", Float64Array.from({ length: 26 }, (_, g) => 520.5 + g * 0.4)],
  ];

  it("writes the same values into a separate out and in place (linear, cubic, nearest, nan)", () => {
    for (const [what, grid] of grids) {
      for (const interpolation of ["linear", "cubic"] as const) {
        for (const outside of ["nearest", "nan"] as const) {
          const opts = { grid, interpolation, outside };
          const st = spectra(20, 70, 70, 1);
          const copy = Float64Array.from(st.data);
          const plain = applyEnergyOffset(st, 0.37, opts);
          const n = st.ny * st.nx;
          const buf = new Float64Array(grid.length * n + 4).fill(-5);
          const r = applyEnergyOffset(st, 0.37, { ...opts, out: buf });
          const tag = `${what}, ${interpolation}, ${outside}`;
          sameBits(r.stack.data, plain.stack.data, `${tag}: separate out`);
          assert.equal(r.stack.data.buffer, buf.buffer);
          assert.deepEqual(Array.from(buf.subarray(grid.length * n)), [-5, -5, -5, -5]);
          assert.equal(r.outside, plain.outside);
          sameBits(st.data, copy, `${tag}: input untouched`);
          sameBits(r.stack.energies, plain.stack.energies, "energies");
          // in place: the input's data with room for the grid
          const room = new Float64Array(Math.max(20, grid.length) * n);
          room.set(copy);
          const own = makeStack({ data: room.subarray(0, 20 * n), nE: 20, ny: 70, nx: 70, energies: st.energies });
          const p = applyEnergyOffset(own, 0.37, { ...opts, out: room.subarray(0, grid.length * n) });
          assert.equal(p.stack.data.buffer, room.buffer);
          sameBits(p.stack.data, plain.stack.data, `${tag}: in place`);
          assert.equal(p.outside, plain.outside);
        }
      }
    }
  });

  it("rejects out without grid, short, mistyped or partly overlapping, naming the option", () => {
    const st = spectra(4, 3, 5, 2);
    const grid = [520.2, 520.6, 521];
    assert.throws(() => applyEnergyOffset(st, 0.1, { out: new Float64Array(60) }), { name: "RangeError", message: 'applyEnergyOffset: option "out" needs option "grid" (without a grid the data are kept as they are)' });
    assert.throws(() => applyEnergyOffset(st, 0.1, { grid, out: new Float64Array(44) }), { name: "RangeError", message: 'applyEnergyOffset: option "out" has length 44, expected at least 45 (grid energies·ny·nx)' });
    assert.throws(() => applyEnergyOffset(st, 0.1, { grid, out: new Float32Array(45) as unknown as Float64Array }), { name: "TypeError", message: /applyEnergyOffset: option "out" must be a Float64Array of at least 45 values, got Float32Array/ });
    const big = new Float64Array(100);
    const inner = makeStack({ data: big.subarray(8, 68), nE: 4, ny: 3, nx: 5, energies: st.energies });
    assert.throws(() => applyEnergyOffset(inner, 0.1, { grid, out: big }), { name: "RangeError", message: /option "out" overlaps the stack's data at a different offset/ });
  });

  it("preprocessStack with calibration (in its own OD buffer) equals the verbs composed with new arrays", () => {
    const series = simulateOxygenPlateau({ seed: 11, capacities: [230] });
    const s = series.samples[0];
    const rawCopy = Float64Array.from(s.stack.data);
    const grid = Float64Array.from({ length: s.stack.nE - 3 }, (_, g) => s.stack.energies[g + 1] + 0.05);
    for (const align of [undefined, false] as const) {
      const calibrate = { session: s.sessionReference, reference: series.canonicalReference, grid };
      const p = preprocessStack(s.stack, { freeRegion: s.freeRegion, calibrate, ...(align === false ? { align } : {}) });
      sameBits(s.stack.data, rawCopy, "raw untouched");
      let st = opticalDensity(s.stack, { i0: extractI0(s.stack, { region: s.freeRegion }) }).stack;
      if (align !== false) {
        const sh = computeShifts(st);
        st = cropToCommon(applyShifts(st, sh), sh).stack;
      }
      const off = energyOffset(s.sessionReference, series.canonicalReference).offset;
      const ref = applyEnergyOffset(st, off, { grid, outside: "nearest", interpolation: "cubic" });
      assert.equal(p.outside, ref.outside);
      assert.deepEqual([p.stack.nE, p.stack.ny, p.stack.nx], [ref.stack.nE, ref.stack.ny, ref.stack.nx]);
      sameBits(p.stack.data, ref.stack.data, `align ${align === false ? "off" : "on"}: preprocessStack vs the verbs`);
    }
  });
});
