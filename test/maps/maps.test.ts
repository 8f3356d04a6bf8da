import assert from "node:assert/strict";
import { fractionMaps, hsvColorMap, hsvColorMapPng, hsvLegendPng, hsvMapsGridSpec, hsvToRgb, phaseFractions, residualMaps, scaleImagePng } from "../../src/maps";
import { makePixelTable } from "../../src/types/pixel-table";
import { matrix } from "../../src/types/matrix";
import { makeSpectra } from "../../src/types/spectra";
import { nnlsPixels } from "../../src/decompose";
import { renderSvg } from "../charts/render";
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
    samples: [{ name: "a", ny: 2, nx: 2, pixelSize: [0.05, 0.05] }, { name: "b", ny: 1, nx: 1 }],
  });
  // k = 2 fractions per pixel (reduced, oxidised)
  const fractions = matrix(Float64Array.from([1, 0, 0.5, 0.5, 0, 1, 0.25, 0.75]), 4, 2, ["pixel", "member"]);

  it("puts each member's fraction back in per-sample images, NaN where no pixel", () => {
    const maps = fractionMaps(table, fractions, { names: ["reduced", "oxidised"] });
    assert.equal(maps.kind, "maps");
    assert.equal(maps.quantity, "fraction");
    assert.deepEqual(maps.names, ["reduced", "oxidised"]);
    assert.equal(maps.samples.length, 2);
    assert.deepEqual([maps.samples[0].name, maps.samples[0].ny, maps.samples[0].nx], ["a", 2, 2]);
    assert.deepEqual(maps.samples[0].pixelSize, [0.05, 0.05]); // for the scale bars
    close(maps.samples[0].images[0], [1, 0.5, NaN, 0]);
    close(maps.samples[0].images[1], [0, 0.5, NaN, 1]);
    close(maps.samples[1].images[0], [0.25]);
    assert.deepEqual(fractionMaps(table, fractions).names, ["1", "2"]);
    const three = matrix(new Float64Array(9), 3, 3, ["pixel", "member"]);
    assert.throws(() => fractionMaps(table, three), /fractionMaps: fractions has 3 rows, the table has 4 pixels; expected one row per pixel \(shape \[nPixels=4, k\]\)/);
    assert.throws(() => fractionMaps(table, fractions, { names: ["a"] }), /fractionMaps: 1 names for 2 columns/);
    assert.throws(() => fractionMaps(table, fractions.data as never), /fractionMaps: fractions must be an NnlsPixelsResult or a Matrix<"pixel", "member">.*wrap a flat array with matrix/);
    assert.throws(() => fractionMaps({} as never, fractions), /fractionMaps: table must be a PixelTable/);
  });
  it("takes an NnlsPixelsResult: its fractions or weights, named by its members, as fit.maps() gives", () => {
    const fit = nnlsPixels(table, makeSpectra({ energies: [530, 531], values: [[1, 0], [0, 1]], names: ["reduced", "oxidised"], dim: "member" }));
    const maps = fractionMaps(table, fit);
    assert.deepEqual(maps.names, ["reduced", "oxidised"]);
    assert.deepEqual(maps, fit.maps());
    const w = fractionMaps(table, fit, { values: "weights" });
    assert.equal(w.quantity, "weight");
    assert.throws(() => fractionMaps(table, fit, { values: "w" as never }), /option values must be one of "fractions", "weights"/);
  });
  it("maps residuals per sample", () => {
    const maps = residualMaps(table, [0.1, 0.2, 0.3, 0.4]);
    assert.deepEqual([maps.quantity, maps.names], ["residual", ["residual"]]);
    close(maps.samples[0].images[0], [0.1, 0.2, NaN, 0.3]);
    close(maps.samples[1].images[0], [0.4]);
    assert.throws(() => residualMaps(table, [1]), /residualMaps: residualNorm has length 1, expected 4/);
    const fit = nnlsPixels(table, makeSpectra({ energies: [530, 531], values: [[1, 1]], names: ["flat"], dim: "member" }));
    close(residualMaps(table, fit).samples[0].images[0], fit.residualMaps().samples[0].images[0]);
  });
  it("computes brightness-weighted phase fractions by hand on 3 pixels", () => {
    const pf = phaseFractions(table, fractions, { names: ["reduced", "oxidised"] });
    // sample a: brightness 1, 2, 3 → reduced (1·1 + 2·0.5 + 3·0) / 6 = 1/3, oxidised (0 + 1 + 3) / 6 = 2/3
    close(pf[0].fractions, [1 / 3, 2 / 3]);
    assert.deepEqual(pf[0].names, ["reduced", "oxidised"]);
    assert.equal(pf[0].weightSum, 6);
    assert.equal(pf[0].nPixels, 3);
    close(pf[1].fractions, [0.25, 0.75]);
    const plain = phaseFractions(table, fractions, { weights: "none" });
    close(plain[0].fractions, [0.5, 0.5]); // (1 + 0.5 + 0) / 3
  });
  it("skips no-phase, NaN and negative-brightness pixels and counts them", () => {
    const t2 = makePixelTable({ ...table, data: table.data, brightness: [1, -2, 3, NaN] });
    const f2 = matrix(Float64Array.from([0, 0, 0.5, 0.5, 0.2, 0.8, 0.25, 0.75]), 4, 2, ["pixel", "member"]);
    const pf = phaseFractions(t2, f2);
    close(pf[0].fractions, [0.2, 0.8]);
    assert.equal(pf[0].nSkipped, 2);
    assert.ok(Number.isNaN(pf[1].fractions[0]));
    assert.equal(pf[1].nSkipped, 1);
    assert.throws(() => phaseFractions(table, fractions, { weights: "area" as never }), /phaseFractions: option weights must be one of "brightness", "none", got "area"/);
    assert.throws(() => phaseFractions(table, fractions, { weight: "none" } as never), /phaseFractions: unknown option "weight"; expected one of: weights/);
  });
  it("takes the fractions of an NnlsPixelsResult, with its member names", () => {
    const fit = nnlsPixels(table, makeSpectra({ energies: [530, 531], values: [[1, 0], [0, 1]], names: ["reduced", "oxidised"], dim: "member" }));
    const pf = phaseFractions(table, fit);
    assert.deepEqual(pf[0].names, ["reduced", "oxidised"]);
    close(pf[0].fractions, phaseFractions(table, fit.fractions)[0].fractions);
  });
});

describe("hsvMapsGridSpec", () => {
  // Two samples of 2 × 4 pixels (0.5 µm), every pixel in the table; fractions of "reduced" go 0 → 1 along x.
  const ny = 2, nx = 4;
  const sample: number[] = [], x: number[] = [], y: number[] = [], brightness: number[] = [], f: number[] = [];
  for (let s = 0; s < 2; s++) for (let j = 0; j < ny; j++) for (let i = 0; i < nx; i++) {
    sample.push(s); x.push(i); y.push(j); brightness.push(s === 0 ? 1 : 0.5); f.push(i / 3, 1 - i / 3);
  }
  const table = makePixelTable({ data: new Float64Array(16), nPixels: 16, nE: 1, energies: [530], sample, x, y, brightness,
    samples: [{ name: "131 mAh/g", ny, nx, pixelSize: [0.5, 0.5] }, { name: "311 mAh/g", ny, nx, pixelSize: [0.5, 0.5] }] });
  const maps = fractionMaps(table, matrix(Float64Array.from(f), 16, 2, ["pixel", "member"]), { names: ["reduced", "oxidised"] });
  type Spec = Record<string, unknown>;
  const panelsOf = (s: Spec) => (((s.hconcat as Spec[])[0].vconcat as Spec[])[0].hconcat as Spec[]);
  const urlOf = (panel: Spec) => (((panel.layer as Spec[])[0].data as { values: { url: string }[] }).values[0].url);

  it("colours each sample as hsvColorMap does, in image marks, with a shared brightness range, scale bars and the key", async () => {
    const s = hsvMapsGridSpec(maps, table, { member: "reduced", brightnessRange: [0, 1] });
    const panels = panelsOf(s);
    assert.deepEqual(panels.map((p) => p.title), ["131 mAh/g", "311 mAh/g"]);
    const url = urlOf(panels[1]);
    assert.match(url, /^data:image\/png;base64,/);
    const png = decodePng(Buffer.from(url.slice(url.indexOf(",") + 1), "base64"));
    const scale = png.width / nx; // upscaled with nearest neighbours so the browser does not blur it
    assert.ok(Number.isInteger(scale) && scale >= 1);
    assert.equal(png.height, ny * scale);
    const want = hsvColorMap(maps.samples[1].images[0], Array(8).fill(0.5), ny, nx, { brightnessRange: [0, 1] }).rgba;
    for (let i = 0; i < nx; i++) assert.deepEqual(px(png.rgba, i * scale), px(want, i)); // red → green at half value
    assert.deepEqual(px(png.rgba, 0), [128, 0, 0, 255]);
    const meta = s.usermeta as { brightnessRanges: number[][]; scaleBars: (number | null)[] };
    assert.deepEqual(meta.brightnessRanges, [[0, 1]]);
    assert.deepEqual(meta.scaleBars, [0.5, 0.5]); // 4 pixels × 0.5 µm: 0.5 µm is the nice length nearest 1/4 of the width
    const bar = (panels[0].layer as Spec[])[2];
    assert.deepEqual((bar.data as { values: Spec[] }).values[0].label, "0.5 µm");
    const key = (s.hconcat as Spec[])[1];
    assert.equal(key.title, "key: reduced");
    assert.deepEqual(((key.encoding as Record<string, Spec>).y.scale as Spec).domain, [0, 1]);
    const { svg, warnings } = await renderSvg(s);
    assert.deepEqual(warnings, []);
    assert.equal(svg.match(/<image /g)?.length, 3); // two maps and the key
  });
  it("defaults the brightness range to the 1st–99th percentile over the row, takes rows of edges, and names bad input", () => {
    const s = hsvMapsGridSpec(maps, table, { member: 0 });
    const [[lo, hi]] = (s.usermeta as { brightnessRanges: number[][] }).brightnessRanges;
    assert.ok(Math.abs(lo - 0.5) < 1e-12 && Math.abs(hi - 1) < 1e-12, `${lo} ${hi}`);
    const two = hsvMapsGridSpec([{ maps, brightness: table, member: "reduced", label: "Ni L3" }, { maps, brightness: table, member: "oxidised", label: "Co L3" }]);
    const rows = ((two.hconcat as Spec[])[0].vconcat as Spec[]);
    assert.equal(rows.length, 2);
    assert.equal(((((rows[1].hconcat as Spec[])[0].layer as Spec[])[0].encoding as Record<string, Spec>).y).title, "Co L3");
    assert.equal(((two.hconcat as Spec[])[1]).title, "key");
    assert.throws(() => hsvMapsGridSpec(maps, table, { member: "carbon" }), /hsvMapsGridSpec: member "carbon" is not one of the maps "reduced", "oxidised"/);
    assert.throws(() => hsvMapsGridSpec(maps, table, {} as never), /option member .* is required/);
    const small = makePixelTable({ ...table, data: new Float64Array(16), samples: [table.samples[0]], sample: new Array(16).fill(0), x: new Array(16).fill(0), y: new Array(16).fill(0) });
    assert.throws(() => hsvMapsGridSpec(maps, small, { member: 0 }), /the brightness has 1 samples, the maps 2/);
  });
});
