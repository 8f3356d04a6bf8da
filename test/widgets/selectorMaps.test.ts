/**
 * The selector's per-sample maps (widgets/src/selectorMaps.ts) on a hand-made table of two
 * samples with missing pixels, every expected pixel written out by hand.
 */
import { strict as assert } from "node:assert";
import { MAP_GREY_HI, MAP_GREY_LO, MAP_UNGROUPED, MapRaster, mapPixels, pointAtPixel, type MapCoords } from "../../widgets/src/selectorMaps";

// Sample "A" is 2 rows × 3 columns with (x 1, y 1) missing; sample "B" is 1 × 2.
//   point: 0      1      2      3      4      5      6
//   A(0,0) A(1,0) A(2,0) A(0,1) A(2,1) B(1,0) B(0,0)
const coords: MapCoords = {
  sample: Uint16Array.of(0, 0, 0, 0, 0, 1, 1),
  x: Uint16Array.of(0, 1, 2, 0, 2, 1, 0),
  y: Uint16Array.of(0, 0, 0, 1, 1, 0, 0),
  samples: [{ name: "A", ny: 2, nx: 3 }, { name: "B", ny: 1, nx: 2 }],
};
const red = { name: "red", color: "#ff0000", indices: Uint32Array.of(1, 5) };
const blue = { name: "blue", color: "#0000ff", indices: Uint32Array.of(4, 5) };
const rgba = (a: Uint8ClampedArray, p: number) => Array.from(a.subarray(4 * p, 4 * p + 4));
const L = MAP_UNGROUPED & 255;

describe("widgets: selector maps", () => {
  it("grouped pixels in their group's colour (the later group wins), others light grey, missing ones transparent", () => {
    const [a, b] = mapPixels(coords, [red, blue]);
    assert.equal(a.length, 2 * 3 * 4);
    assert.equal(b.length, 1 * 2 * 4);
    assert.deepEqual(rgba(a, 0), [L, L, L, 255]); // point 0
    assert.deepEqual(rgba(a, 1), [255, 0, 0, 255]); // point 1, red
    assert.deepEqual(rgba(a, 2), [L, L, L, 255]); // point 2
    assert.deepEqual(rgba(a, 3), [L, L, L, 255]); // point 3 at (0, 1)
    assert.deepEqual(rgba(a, 4), [0, 0, 0, 0]); // (1, 1): no point
    assert.deepEqual(rgba(a, 5), [0, 0, 255, 255]); // point 4, blue
    assert.deepEqual(rgba(b, 0), [L, L, L, 255]); // point 6 at B(0, 0)
    assert.deepEqual(rgba(b, 1), [0, 0, 255, 255]); // point 5: red, then blue on top
  });

  it("ungrouped pixels grey by brightness between its 1st and 99th percentiles; a non-finite brightness is light grey", () => {
    // Brightness 0 … 6 by point, except point 3 (NaN): percentiles of the 6 finite values are 0 and 6.
    const br = Float64Array.of(0, 1, 2, NaN, 4, 5, 6);
    const [a, b] = mapPixels(coords, [red], br);
    const grey = (t: number) => Math.round(MAP_GREY_LO + t * (MAP_GREY_HI - MAP_GREY_LO));
    assert.deepEqual(rgba(a, 0), [grey(0), grey(0), grey(0), 255]);
    assert.deepEqual(rgba(a, 1), [255, 0, 0, 255]);
    assert.deepEqual(rgba(a, 2), [grey(2 / 6), grey(2 / 6), grey(2 / 6), 255]);
    assert.deepEqual(rgba(a, 3), [L, L, L, 255]);
    assert.deepEqual(rgba(a, 5), [grey(4 / 6), grey(4 / 6), grey(4 / 6), 255]);
    assert.deepEqual(rgba(b, 0), [grey(1), grey(1), grey(1), 255]);
  });

  it("a kept raster redraws from its grey layer: pixels of a group that is gone are grey again", () => {
    const r = new MapRaster(coords);
    assert.deepEqual(rgba(r.draw([red])[0], 1), [255, 0, 0, 255]);
    assert.deepEqual(rgba(r.draw([blue])[0], 1), [L, L, L, 255]);
    assert.deepEqual(rgba(r.draw([blue])[0], 5), [0, 0, 255, 255]);
    r.setBrightness(Float64Array.of(0, 1, 2, 3, 4, 5, 6));
    assert.deepEqual(rgba(r.draw([])[0], 1), Array(3).fill(Math.round(MAP_GREY_LO + (1 / 6) * (MAP_GREY_HI - MAP_GREY_LO))).concat(255));
    assert.deepEqual(Array.from(r.where), [0, 1, 2, 3, 5, 7, 6]); // A's 6 pixels first, then B's
  });

  it("the point at each map pixel, -1 where none; lengths are checked", () => {
    const [a, b] = pointAtPixel(coords);
    assert.deepEqual(Array.from(a), [0, 1, 2, 3, -1, 4]);
    assert.deepEqual(Array.from(b), [6, 5]);
    assert.throws(() => mapPixels({ ...coords, x: [0] }, []), /pixel_sample has 7 entries but pixel_x has 1 and pixel_y 7/);
  });
});
