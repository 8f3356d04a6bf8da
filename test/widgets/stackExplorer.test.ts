/**
 * The stack explorer's drawing arithmetic (widgets/src/stackExplorerDraw.ts): the rectangle a
 * drag gives is the pixels between the start and end pixels, the same the kernel's mask holds;
 * a lasso becomes a polygon the kernel accepts; colours and display range; the kernel and the
 * view compute the same display range.
 */
import { strict as assert } from "node:assert";
import { colorize, displayRange, lassoPolygon, nearestIndex, rectFromDrag } from "../../widgets/src/stackExplorerDraw";
import { displayRange as kernelRange } from "../../kernel-ext/stackExplorerPng";
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

  it("display range equals the kernel's (the PNG fallback and the view agree)", () => {
    const v = Float32Array.from({ length: 1000 }, (_, i) => Math.sin(i) * 100 + (i % 17));
    for (const c of ["linear", "log"]) for (const clip of [0, 1, 5]) assert.deepEqual(displayRange(v, c, clip), kernelRange(v, c, clip));
    assert.equal(nearestIndex(Float64Array.of(530, 529, 531), 529.2), 1);
  });
});
