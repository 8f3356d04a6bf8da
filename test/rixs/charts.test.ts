// RIXS chart builders: the specs compile and render with vega without warnings, stay within 900 px,
// and the raster holds the map's values in the right places.
import assert from "node:assert/strict";
import { inflateSync } from "node:zlib";
import { renderSvg } from "../charts/render";
import { rixsMapSpec, rixsMapsSpec, rixsCutsSpec, rixsFeatureSpec, rixsFrameSpec } from "../../src/charts";
import { stackRixsMap, applyEmissionCalibration } from "../../src/rixs";
import { makeFrame } from "../../src/rixs/ccdFrame";

const n = 60;
const map = applyEmissionCalibration(
  stackRixsMap([0, 1, 2].map((k) => Float64Array.from({ length: n }, (_, j) => (j === 10 * (k + 1) ? 100 : k))), [530.6, 530.8, 531.0], { name: "toy" }),
  { dispersion: 0.2, offset: 520, residualRms: 0, dispersionError: 0, offsetError: 0, points: [] },
);

function pngOf(spec: Record<string, unknown>): { width: number; height: number; rgba: Uint8Array } {
  const url = ((spec.layer as { data: { values: { url: string }[] } }[])[0].data.values[0].url);
  const b = Buffer.from(url.replace(/^data:image\/png;base64,/, ""), "base64");
  const width = b.readUInt32BE(16), height = b.readUInt32BE(20);
  const chunks: Buffer[] = [];
  for (let o = 8; o < b.length;) { const len = b.readUInt32BE(o); if (b.toString("latin1", o + 4, o + 8) === "IDAT") chunks.push(b.subarray(o + 8, o + 8 + len)); o += 12 + len; }
  const raw = inflateSync(Buffer.concat(chunks));
  const rgba = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) rgba.set(raw.subarray(y * (width * 4 + 1) + 1, (y + 1) * (width * 4 + 1)), y * width * 4);
  return { width, height, rgba };
}

describe("RIXS charts", () => {
  it("rixsMapSpec: one image pixel per map point, highest excitation on top, clamped colour scale; renders without warnings", async () => {
    const spec = rixsMapSpec(map, { domain: [0, 100], markers: [{ excitation: 530.8, emission: 523.75, label: "523.75 eV" }], elasticLine: true });
    const png = pngOf(spec);
    assert.equal(png.width, n);
    assert.equal(png.height, 3);
    // row 0 of the image = excitation 531.0 (k = 2): its bright point at column 30 is the top end of magma (#fcfdbf)
    assert.deepEqual(Array.from(png.rgba.subarray(30 * 4, 30 * 4 + 4)), [0xfc, 0xfd, 0xbf, 255]);
    // bottom row (k = 0) at column 0: value 0 = the bottom of magma
    assert.deepEqual(Array.from(png.rgba.subarray((2 * n) * 4, (2 * n) * 4 + 4)), [0, 0, 4, 255]);
    const { warnings } = await renderSvg(spec);
    assert.deepEqual(warnings, []);
    assert.throws(() => rixsMapSpec(map, { domain: [1, 1] }), /option domain must be \[lo, hi\] with lo < hi/);
    assert.throws(() => rixsMapSpec(map, { colourScheme: "magma" } as never), /unknown option "colourScheme"/);
  });
  it("rixsMapsSpec, rixsCutsSpec, rixsFeatureSpec, rixsFrameSpec render within 900 px", async () => {
    const specs = [
      rixsMapsSpec([map, map, map, map, map], { columns: 4, gamma: 0.6 }),
      rixsCutsSpec([map, map], { excitation: 530.9, emissionRange: [520, 531], names: ["a", "b"] }),
      rixsFeatureSpec([{ material: "LNMO", state: "pristine", intensity: 1 }, { material: "LNMO", state: "4.8 V", intensity: 3, error: 0.2 }]),
      rixsFrameSpec(makeFrame(Float64Array.from({ length: 40 * 20 }, (_, i) => i % 37), 40, 20, "f.tif", 65535)),
    ];
    for (const s of specs) {
      const { svg, warnings } = await renderSvg(s);
      assert.deepEqual(warnings, []);
      const w = Number(/<svg[^>]*width="([\d.]+)"/.exec(svg)?.[1]);
      assert.ok(w > 0 && w <= 900, `width ${w}`);
    }
  });
});
