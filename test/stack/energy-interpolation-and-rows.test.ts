import assert from "node:assert/strict";
import { makeStack } from "../../src/types/stack";
import { applyEnergyOffset } from "../../src/stack";
import { fromImages, toImages, makePixelTable } from "../../src/types";

describe("applyEnergyOffset interpolation", () => {
  const energies = [528, 528.5, 529.2, 529.5, 530.3, 531, 531.4];
  const cubic = (e: number): number => 0.3 * (e - 529) ** 3 - (e - 529) ** 2 + 2;
  const stack = makeStack({ data: Float64Array.from(energies, cubic), nE: energies.length, ny: 1, nx: 1, energies });
  const grid = [528.2, 528.9, 529.6, 530.9, 531.3];
  const offset = -0.05; // corrected energies = recorded + 0.05

  it('"cubic" is exact for a cubic on an uneven grid (4-point Lagrange, one-sided at the ends)', () => {
    const out = applyEnergyOffset(stack, offset, { grid, interpolation: "cubic" }).stack.data;
    // the data were sampled at the *recorded* energies, which now stand for recorded − offset
    grid.forEach((g, i) => assert.ok(Math.abs(out[i] - cubic(g + offset)) < 1e-10, `${g}: ${out[i]} vs ${cubic(g + offset)}`));
  });

  it('"linear" (the default) is numpy.interp; grid points on recorded energies are copied exactly', () => {
    const lin = applyEnergyOffset(stack, 0, { grid: [528.25, 529.5] }).stack.data;
    assert.ok(Math.abs(lin[0] - (cubic(528) + cubic(528.5)) / 2) < 1e-12);
    assert.equal(lin[1], cubic(529.5));
    assert.equal(applyEnergyOffset(stack, 0, { grid: [529.5], interpolation: "cubic" }).stack.data[0], cubic(529.5));
  });

  it("keeps a narrow peak's height where linear interpolation flattens it", () => {
    const E = Array.from({ length: 50 }, (_, i) => 520 + (15 * i) / 49);
    const peak = (e: number): number => Math.exp(-0.5 * ((e - 530.8) / 0.45) ** 2);
    const st = makeStack({ data: Float64Array.from(E, peak), nE: 50, ny: 1, nx: 1, energies: E });
    const half = (15 / 49) / 2;
    const g = E.slice(1, -1);
    const err = (mode: "linear" | "cubic"): number => {
      const d = applyEnergyOffset(st, half, { grid: g, interpolation: mode }).stack.data;
      return Math.max(...g.map((e, i) => Math.abs(d[i] - peak(e + half))));
    };
    assert.ok(err("linear") > 0.03, `linear ${err("linear")}`);
    assert.ok(err("cubic") < 0.3 * err("linear"), `cubic ${err("cubic")} vs linear ${err("linear")}`);
    console.log(`      σ = 1.5 steps, half-step offset: max error linear ${err("linear").toFixed(4)}, cubic ${err("cubic").toFixed(4)} of the peak height`);
  });

  it("names a bad interpolation option", () => {
    assert.throws(() => applyEnergyOffset(stack, 0, { grid, interpolation: "spline" as never }), /applyEnergyOffset: option "interpolation" must be "linear" or "cubic", got "spline"/);
  });
});

describe("fromImages", () => {
  const table = makePixelTable({
    data: new Float64Array(3), nPixels: 3, nE: 1, energies: [530], sample: [0, 1, 1], x: [1, 0, 2], y: [0, 1, 0],
    samples: [{ name: "a", ny: 1, nx: 2 }, { name: "b", ny: 2, nx: 3 }],
  });

  it("reads each row's pixel from its sample's image (the inverse of toImages)", () => {
    const images = [[10, 11], [20, 21, 22, 23, 24, 25]];
    assert.deepEqual(Array.from(fromImages(table, images)), [11, 23, 22]);
    const back = toImages(table, [1, 2, 3]).map((im) => Array.from(im.data, (v) => (Number.isNaN(v) ? 0 : v)));
    assert.deepEqual(Array.from(fromImages(table, back)), [1, 2, 3]);
  });

  it("names a missing image or a wrong length", () => {
    assert.throws(() => fromImages(table, [[1, 2]]), /fromImages: expected 2 images \(one per sample\), got 1/);
    assert.throws(() => fromImages(table, [[1, 2], [1, 2, 3]]), /fromImages: images\[1\] \("b"\) has length 3, expected ny·nx = 2·3 = 6/);
  });
});
