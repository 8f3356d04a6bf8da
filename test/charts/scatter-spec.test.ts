import assert from "node:assert/strict";
import { scatterSpec } from "../../src/charts/scatter-spec";
import { encodePng } from "../../src/charts/encode-png";
import { inflateSync } from "node:zlib";

describe("scatterSpec", () => {
  it("puts the points inline with axis titles", () => {
    const s = scatterSpec([1, 2], [3, 4], { xLabel: "PC1", yLabel: "PC2", group: ["a", "b"] });
    assert.deepEqual((s.data as { values: unknown[] }).values, [{ x: 1, y: 3, group: "a" }, { x: 2, y: 4, group: "b" }]);
    assert.equal((s.encoding as Record<string, { title: string }>).x.title, "PC1");
    assert.match(String(s.$schema), /vega-lite\/v5/);
  });
  it("names the mismatch", () => {
    assert.throws(() => scatterSpec([1], [1, 2]), /x has 1 points but y has 2/);
  });
});

describe("encodePng", () => {
  it("writes a valid 2×1 RGBA PNG whose pixels decode back", () => {
    const px = new Uint8Array([255, 0, 0, 255, 0, 0, 255, 128]);
    const png = encodePng(px, 2, 1);
    assert.deepEqual(Array.from(png.subarray(0, 8)), [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const buf = Buffer.from(png);
    assert.equal(buf.readUInt32BE(16), 2); // width in IHDR
    assert.equal(buf.readUInt32BE(20), 1);
    const idatLen = buf.readUInt32BE(33);
    assert.equal(buf.toString("latin1", 37, 41), "IDAT");
    const raw = inflateSync(buf.subarray(41, 41 + idatLen));
    assert.deepEqual(Array.from(raw), [0, ...px]);
  });
  it("refuses a wrong pixel count", () => {
    assert.throws(() => encodePng(new Uint8Array(3), 1, 1), /rgba has 3 bytes, expected width × height × 4 = 4/);
  });
});
