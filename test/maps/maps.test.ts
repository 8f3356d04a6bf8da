import assert from "node:assert/strict";
import { fractionMaps, hsvColorMap, hsvColorMapPng, hsvLegendPng, hsvToRgb, phaseFractions, residualMaps, scaleImagePng } from "../../src/maps";
import { makePixelTable } from "../../src/types/pixel-table";
import { decodePng } from "./png";

const close = (a: ArrayLike<number>, b: ArrayLike<number>, tol = 1e-12) => {
  assert.equal(a.length, b.length);
  for (let i = 0; i < a.length; i++) assert.ok(Math.abs(a[i] - b[i]) <= tol || (Number.isNaN(a[i]) && Number.isNaN(b[i])), `index ${i}: ${a[i]} vs ${b[i]}`);
};
const px = (rgba: Uint8Array, i: number) => Array.from(rgba.subarray(4 * i, 4 * i + 4));

describe("hsvToRgb", () => {
  it("gives the primaries and secondaries", () => {
    close(hsvToRgb(0, 1, 1), [1, 0, 0]);
    close(hsvToRgb(1 / 6, 1, 1), [1, 1, 0]);
    close(hsvToRgb(1 / 3, 1, 1), [0, 1, 0]);
    close(hsvToRgb(1 / 2, 1, 1), [0, 1, 1]);
    close(hsvToRgb(2 / 3, 1, 1), [0, 0, 1]);
    close(hsvToRgb(5 / 6, 1, 1), [1, 0, 1]);
    close(hsvToRgb(1, 1, 1), [1, 0, 0]); // hue wraps
    close(hsvToRgb(-1 / 3, 1, 1), [0, 0, 1]);
  });
  it("scales with value, greys with zero saturation, clips s and v, and passes NaN", () => {
    close(hsvToRgb(0, 1, 0.5), [0.5, 0, 0]);
    close(hsvToRgb(0.3, 0, 0.25), [0.25, 0.25, 0.25]);
    close(hsvToRgb(1 / 12, 1, 1), [1, 0.5, 0]); // orange, between red and yellow
    close(hsvToRgb(0, 2, 3), [1, 0, 0]);
    assert.ok(hsvToRgb(NaN, 1, 1).every(Number.isNaN));
  });
});

describe("hsvColorMap", () => {
  it("maps fraction 0 → red, 1 → green, 0.5 → yellow at full brightness; value ∝ brightness; NaN transparent", () => {
    const f = [0, 1, 0.5, 0, NaN, 1.7];
    const b = [1, 1, 1, 0.5, 1, 0];
    const m = hsvColorMap(f, b, 2, 3, { brightnessRange: [0, 1] });
    assert.equal(m.width, 3);
    assert.equal(m.height, 2);
    assert.deepEqual(px(m.rgba, 0), [255, 0, 0, 255]);
    assert.deepEqual(px(m.rgba, 1), [0, 255, 0, 255]);
    assert.deepEqual(px(m.rgba, 2), [255, 255, 0, 255]); // hue 1/6
    assert.deepEqual(px(m.rgba, 3), [128, 0, 0, 255]); // half brightness: round(127.5)
    assert.deepEqual(px(m.rgba, 4), [0, 0, 0, 0]);
    assert.deepEqual(px(m.rgba, 5), [0, 0, 0, 255]); // fraction clipped to 1, brightness 0 → black
    assert.deepEqual(m.brightnessRange, [0, 1]);
  });
  it("defaults the brightness range to the 1st–99th percentile of the drawn pixels", () => {
    const n = 101;
    const f = new Float64Array(n).fill(0);
    const b = Float64Array.from({ length: n }, (_, i) => i);
    f[100] = NaN; // not drawn: its brightness does not count
    const m = hsvColorMap(f, b, 1, n, { nanColor: [1, 2, 3, 4] });
    close(m.brightnessRange, [0.99, 98.01]);
    assert.deepEqual(px(m.rgba, 0), [0, 0, 0, 255]); // below the 1st percentile: clipped to 0
    assert.deepEqual(px(m.rgba, 99), [255, 0, 0, 255]);
    assert.deepEqual(px(m.rgba, 100), [1, 2, 3, 4]);
  });
  it("uses a custom hue range and a flat brightness", () => {
    const m = hsvColorMap([0, 1], [5, 5], 1, 2, { hueRange: [2 / 3, 1 / 3] });
    assert.deepEqual(px(m.rgba, 0), [0, 0, 255, 255]);
    assert.deepEqual(px(m.rgba, 1), [0, 255, 0, 255]);
  });
  it("names wrong lengths and options", () => {
    assert.throws(() => hsvColorMap([0], [0, 1], 1, 2), /hsvColorMap: fraction has length 1, expected 2 \(shape \[ny=1, nx=2\]\)/);
    assert.throws(() => hsvColorMap([0, 1], [0], 1, 2), /hsvColorMap: brightness has length 1, expected 2/);
    assert.throws(() => hsvColorMap([0], [0], 1, 1, { brightnessRange: [1, 0] }), /option brightnessRange must be \[lo, hi\] with finite lo < hi/);
    assert.throws(() => hsvColorMap([0], [0], 1, 1, { nanColor: [0, 0, 0] as never }), /option nanColor must be \[r, g, b, a\] with integers 0–255/);
    assert.throws(() => hsvColorMap([0], [0], 1, 1, { hue: [0, 1] } as never), /hsvColorMap: unknown option "hue"; expected one of: hueRange, brightnessRange, nanColor/);
  });
});

describe("hsvColorMapPng and hsvLegendPng", () => {
  it("encodes the map, upscaled, as a PNG whose pixels decode back", () => {
    const png = hsvColorMapPng([0, 1], [1, 1], 1, 2, { brightnessRange: [0, 1], scale: 2 });
    const d = decodePng(png);
    assert.equal(d.width, 4);
    assert.equal(d.height, 2);
    assert.deepEqual([0, 1, 4, 5].map((i) => px(d.rgba, i)), [[255, 0, 0, 255], [255, 0, 0, 255], [255, 0, 0, 255], [255, 0, 0, 255]]);
    assert.deepEqual(px(d.rgba, 7), [0, 255, 0, 255]);
    assert.throws(() => hsvColorMapPng([0], [1], 1, 1, { scale: 0 }), /hsvColorMapPng: option scale must be an integer in \[1, 64\], got 0/);
    assert.throws(() => hsvColorMapPng([0], [1], 1, 1, { zoom: 2 } as never), /hsvColorMapPng: unknown option "zoom"/);
  });
  it("draws the legend: hue along x, value down y", () => {
    const d = decodePng(hsvLegendPng({ width: 3, height: 2 }));
    assert.deepEqual([0, 1, 2].map((i) => px(d.rgba, i)), [[255, 0, 0, 255], [255, 255, 0, 255], [0, 255, 0, 255]]);
    assert.deepEqual(px(d.rgba, 4), [0, 0, 0, 255]);
  });
});

describe("scaleImagePng", () => {
  it("maps min → first and max → last viridis colour, NaN transparent", () => {
    const d = decodePng(scaleImagePng([0, 0.5, 1, NaN], 2, 2));
    assert.deepEqual(px(d.rgba, 0), [0x44, 0x01, 0x54, 255]);
    assert.deepEqual(px(d.rgba, 2), [0xfd, 0xe7, 0x25, 255]);
    assert.deepEqual(px(d.rgba, 3), [0, 0, 0, 0]);
  });
  it("uses a grey scale with a clipped domain and upscales", () => {
    const d = decodePng(scaleImagePng([-1, 0.5, 2], 1, 3, { colorScheme: "gray", domain: [0, 1], scale: 3 }));
    assert.equal(d.width, 9);
    assert.equal(d.height, 3);
    assert.deepEqual([0, 3, 6].map((i) => px(d.rgba, i)), [[0, 0, 0, 255], [128, 128, 128, 255], [255, 255, 255, 255]]);
  });
  it("names bad input", () => {
    assert.throws(() => scaleImagePng([1], 1, 2), /scaleImagePng: image has length 1, expected 2/);
    assert.throws(() => scaleImagePng([1], 1, 1, { colorScheme: "jet" as never }), /option colorScheme must be one of "viridis", "gray", got "jet"/);
  });
});

describe("fractionMaps, residualMaps, phaseFractions", () => {
  // Two samples: "a" is 2×2 with 3 pixels in the table, "b" is 1×1 with 1 pixel.
  const table = makePixelTable({
    data: new Float64Array(4 * 2), nPixels: 4, nE: 2, energies: [530, 531],
    sample: [0, 0, 0, 1], x: [0, 1, 1, 0], y: [0, 0, 1, 0], brightness: [1, 2, 3, 5],
    samples: [{ name: "a", ny: 2, nx: 2 }, { name: "b", ny: 1, nx: 1 }],
  });
  // k = 2 fractions per pixel (reduced, oxidised)
  const fractions = Float64Array.from([1, 0, 0.5, 0.5, 0, 1, 0.25, 0.75]);

  it("puts each member's fraction back in per-sample images, NaN where no pixel", () => {
    const maps = fractionMaps(table, fractions, 2);
    assert.equal(maps.length, 2);
    assert.deepEqual([maps[0].name, maps[0].ny, maps[0].nx], ["a", 2, 2]);
    close(maps[0].images[0], [1, 0.5, NaN, 0]);
    close(maps[0].images[1], [0, 0.5, NaN, 1]);
    close(maps[1].images[0], [0.25]);
    assert.throws(() => fractionMaps(table, fractions, 3), /fractionMaps: fractions has length 8, expected 12 \(shape \[nPixels=4, k=3\]\)/);
    assert.throws(() => fractionMaps(table, fractions, 0), /fractionMaps: k must be an integer ≥ 1, got 0/);
    assert.throws(() => fractionMaps({} as never, fractions, 2), /fractionMaps: table must be a PixelTable/);
  });
  it("maps residuals per sample", () => {
    const maps = residualMaps(table, [0.1, 0.2, 0.3, 0.4]);
    close(maps[0].image, [0.1, 0.2, NaN, 0.3]);
    close(maps[1].image, [0.4]);
    assert.throws(() => residualMaps(table, [1]), /residualMaps: residualNorm has length 1, expected 4/);
  });
  it("computes brightness-weighted phase fractions by hand on 3 pixels", () => {
    const pf = phaseFractions(table, fractions, 2);
    // sample a: brightness 1, 2, 3 → reduced (1·1 + 2·0.5 + 3·0) / 6 = 1/3, oxidised (0 + 1 + 3) / 6 = 2/3
    close(pf[0].fractions, [1 / 3, 2 / 3]);
    assert.equal(pf[0].weightSum, 6);
    assert.equal(pf[0].nPixels, 3);
    close(pf[1].fractions, [0.25, 0.75]);
    const plain = phaseFractions(table, fractions, 2, { weights: "none" });
    close(plain[0].fractions, [0.5, 0.5]); // (1 + 0.5 + 0) / 3
  });
  it("skips no-phase, NaN and negative-brightness pixels and counts them", () => {
    const t2 = makePixelTable({ ...table, data: table.data, brightness: [1, -2, 3, NaN] });
    const f2 = Float64Array.from([0, 0, 0.5, 0.5, 0.2, 0.8, 0.25, 0.75]);
    const pf = phaseFractions(t2, f2, 2);
    close(pf[0].fractions, [0.2, 0.8]);
    assert.equal(pf[0].nSkipped, 2);
    assert.ok(Number.isNaN(pf[1].fractions[0]));
    assert.equal(pf[1].nSkipped, 1);
    assert.throws(() => phaseFractions(table, fractions, 2, { weights: "area" as never }), /phaseFractions: option weights must be one of "brightness", "none", got "area"/);
    assert.throws(() => phaseFractions(table, fractions, 2, { weight: "none" } as never), /phaseFractions: unknown option "weight"; expected one of: weights/);
  });
});
