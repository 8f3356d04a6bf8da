/**
 * The density raster (widgets/src/density.ts) and the point colours (selectorColors.ts): where
 * points land, mean colours, opacity growing with density, group members composed on top.
 */
import { strict as assert } from "node:assert";
import { HIGHLIGHT, rasterize, RasterJob, RasterScratch } from "../../widgets/src/density";
import { fieldColors, pointColors, withGroups } from "../../widgets/src/selectorColors";
import { toTyped } from "../../widgets/src/serializers";
import { viridis } from "../../widgets/src/palette";

const domain = { x0: 0, x1: 4, y0: 0, y1: 4 };
const alpha = (p: number) => p >>> 24;
const red = (p: number) => p & 255;
const blue = (p: number) => (p >>> 16) & 255;

describe("widgets: density raster and colours", () => {
  it("a point lands on the pixel of its coordinates (row 0 at the top), colours averaged", () => {
    const out = new Uint32Array(16);
    const drawn = rasterize({ x: [0.5, 0.5, 3.5, 9], y: [3.5, 3.5, 0.5, 1], colors: Uint32Array.of(0xff0000, 0x0000ff, 0xff0000, 0), domain, width: 4, height: 4, pointSize: 1 }, out, new RasterScratch(16));
    assert.equal(drawn, 3); // the point at x = 9 is outside
    assert.equal(red(out[0]), 128); // mean of red and blue
    assert.equal(blue(out[0]), 128);
    assert.equal(red(out[15]), 255);
    assert.equal(out[5], 0);
    assert.ok(alpha(out[0]) > alpha(out[15])); // two points more opaque than one
  });

  it("highlighted points cover the others and stay opaque", () => {
    const out = new Uint32Array(16);
    const x = Array(50).fill(1.5), y = Array(50).fill(1.5);
    const colors = new Uint32Array(50).fill(0x00ff00);
    colors[7] = 0xff0000 | HIGHLIGHT;
    rasterize({ x, y, colors, domain, width: 4, height: 4, pointSize: 1 }, out, new RasterScratch(16));
    const p = out[2 * 4 + 1];
    assert.equal(red(p), 255);
    assert.ok(alpha(p) >= 216);
  });

  it("pointColors: neutral grey, categories, viridis, the last group wins", () => {
    const g = [
      { name: "a", color: "#ff0000", indices: Uint32Array.of(1, 2) },
      { name: "b", color: "#0000ff", indices: Uint32Array.of(2) },
    ];
    assert.deepEqual(Array.from(pointColors(3, undefined, undefined, g)), [0x8c8c8c, 0xff0000 | HIGHLIGHT, 0x0000ff | HIGHLIGHT]);
    assert.deepEqual(Array.from(pointColors(2, [0, 1], { kind: "category", labels: ["s0", "s1"] }, [])), [0x4c78a8, 0xf58518]);
    const c = pointColors(101, Float32Array.from({ length: 101 }, (_, i) => i), { kind: "continuous" }, []);
    assert.equal(c[0], viridis(0));
    assert.equal(c[100], viridis(1));
  });

  it("a raster built in slices (deadline already passed) is the raster built at once, for 1 px and 3 px points", () => {
    let seed = 7;
    const rnd = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    const n = 100000;
    const x = Float32Array.from({ length: n }, () => rnd() * 5 - 0.5), y = Float32Array.from({ length: n }, () => rnd() * 5 - 0.5);
    const colors = Uint32Array.from({ length: n }, (_, i) => (i % 7 === 0 ? 0xff0000 | HIGHLIGHT : (i * 2654435761) & 0xffffff));
    for (const pointSize of [1, 3]) {
      const input = { x, y, colors, domain, width: 37, height: 23, pointSize };
      const whole = new Uint32Array(37 * 23);
      const drawn = rasterize(input, whole, new RasterScratch(37 * 23));
      const job = new RasterJob(input, new Uint32Array(37 * 23), new RasterScratch(37 * 23));
      let slices = 1;
      while (!job.step(0)) slices++;
      assert.equal(slices, Math.ceil(n / 32768) + 1); // the pixel pass in a slice of its own
      assert.equal(job.drawn, drawn);
      assert.deepEqual(Array.from(job.out), Array.from(whole));
      assert.ok(drawn > 0.5 * n && drawn < n);
    }
  });

  it("withGroups recolours the members on a copy of fieldColors; pointColors is the two together", () => {
    const field = Float32Array.of(0, 1, 2, 1);
    const info = { kind: "category" as const, labels: ["a", "b", "c"] };
    const base = fieldColors(4, field, info);
    const before = Array.from(base);
    const g = [{ name: "g", color: "#00ff00", indices: Uint32Array.of(1, 3, 9) }];
    const c = withGroups(base, g);
    assert.deepEqual(Array.from(base), before);
    assert.deepEqual(Array.from(c), [before[0], 0x00ff00 | HIGHLIGHT, before[2], 0x00ff00 | HIGHLIGHT]);
    assert.deepEqual(Array.from(pointColors(4, field, info, g)), Array.from(c));
  });

  it("toTyped views aligned bytes without a copy and copies unaligned ones", () => {
    const buf = new ArrayBuffer(12);
    new Uint32Array(buf).set([5, 6, 7]);
    const aligned = toTyped(Uint32Array, new DataView(buf, 4, 8));
    assert.deepEqual(Array.from(aligned), [6, 7]);
    assert.equal(aligned.buffer, buf);
    const bytes = new Uint8Array(13);
    bytes.set(new Uint8Array(buf), 1);
    const unaligned = toTyped(Uint32Array, new DataView(bytes.buffer, 1, 12));
    assert.deepEqual(Array.from(unaligned), [5, 6, 7]);
    assert.notEqual(unaligned.buffer, bytes.buffer);
    assert.throws(() => toTyped(Uint32Array, new DataView(buf, 0, 6)), /6 bytes is not a whole number of Uint32Array/);
  });
});
