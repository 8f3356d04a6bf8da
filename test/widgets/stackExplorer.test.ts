/**
 * The stack explorer's drawing arithmetic (widgets/src/stackExplorerDraw.ts): the rectangle a
 * drag gives is the pixels between the start and end pixels, the same the kernel's mask holds;
 * a lasso becomes a polygon the kernel accepts; colours and display range; the kernel and the
 * view compute the same display range.
 */
import { strict as assert } from "node:assert";
import { colorize, displayRange, lassoPolygon, nearestIndex, rectFromDrag } from "../../widgets/src/stackExplorerDraw";
import { explorerPng } from "../../kernel-ext/stackExplorerPng";
import { decodePng } from "../maps/png";
import { checkRegion, regionMask } from "../../kernel-ext/stackExplorerRegion";

describe("widgets: stack explorer drawing", () => {
  it("a drag covers the pixels from the one under the start to the one under the end, clamped, in either direction", () => {
    assert.deepEqual(rectFromDrag(1.2, 0.7, 3.9, 2.1, 4, 5), { kind: "rect", x0: 1, y0: 0, x1: 4, y1: 3 });
    assert.deepEqual(rectFromDrag(3.9, 2.1, 1.2, 0.7, 4, 5), { kind: "rect", x0: 1, y0: 0, x1: 4, y1: 3 });
    assert.deepEqual(rectFromDrag(-3, -1, 9, 9, 4, 5), { kind: "rect", x0: 0, y0: 0, x1: 5, y1: 4 });
    const r = rectFromDrag(0.5, 1.5, 2.5, 2.5, 4, 5);
    const m = regionMask(checkRegion(r, 4, 5), 4, 5);
    const want: number[] = [];
    for (let y = 0; y < 4; y++) for (let x = 0; x < 5; x++) want.push(x >= 0 && x <= 2 && y >= 1 && y <= 2 ? 1 : 0);
    assert.deepEqual(Array.from(m), want);
  });

  it("a lasso path becomes a clamped, de-duplicated polygon the kernel accepts", () => {
    const p = lassoPolygon([[0.5, 0.5], [0.5, 0.5], [3.256, 0.5], [0.5, 9], [-1, 2]], 4, 5);
    assert.deepEqual(p, [[0.5, 0.5], [3.26, 0.5], [0.5, 4], [0, 2]]);
    assert.equal(checkRegion({ kind: "polygon", points: p }, 4, 5)?.kind, "polygon");
  });

  it("colours: grey from black to white over the range, viridis ends, log contrast", () => {
    assert.deepEqual(Array.from(colorize(Float32Array.of(0, 0.5, 1, 7), "linear", "grey", [0, 1])), [0, 0, 0, 255, 128, 128, 128, 255, 255, 255, 255, 255, 255, 255, 255, 255]);
    assert.deepEqual(Array.from(colorize(Float32Array.of(0, 1), "linear", "viridis", [0, 1]).subarray(0, 3)), [0x44, 0x01, 0x54]);
    assert.deepEqual(Array.from(colorize(Float32Array.of(10, -1), "log", "grey", [0, 2])), [128, 128, 128, 255, 0, 0, 0, 255]);
  });

  it("the kernel's PNG fallback draws the view's colours (one module), each pixel scaled up", () => {
    const v = Float32Array.from({ length: 12 * 10 }, (_, i) => Math.sin(i) * 100 + (i % 17) + 101);
    for (const contrast of ["linear", "log"]) {
      for (const colormap of ["grey", "viridis"]) {
        const want = colorize(v, contrast, colormap, displayRange(v, contrast, 1));
        const png = decodePng(explorerPng(v, 12, 10, null, { contrast, colormap, size: 36 }));
        assert.equal(png.width, 30);
        assert.equal(png.height, 36);
        for (const [x, y] of [[0, 0], [9, 11], [4, 7]]) {
          const p = 4 * ((3 * y + 1) * 30 + 3 * x + 2), q = 4 * (y * 10 + x);
          assert.deepEqual(Array.from(png.rgba.subarray(p, p + 4)), Array.from(want.subarray(q, q + 4)), `${contrast} ${colormap} pixel (${x}, ${y})`);
        }
      }
    }
    assert.equal(nearestIndex(Float64Array.of(530, 529, 531), 529.2), 1);
  });
});
