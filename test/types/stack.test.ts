import assert from "node:assert/strict";
import { makeStack, imageAt } from "../../src/types/stack";

describe("makeStack", () => {
  it("fills defaults and keeps the data array", () => {
    const data = new Float64Array(2 * 3 * 4).map((_, i) => i);
    const s = makeStack({ data, nE: 2, ny: 3, nx: 4, energies: [530, 531] });
    assert.equal(s.data, data);
    assert.deepEqual(Array.from(s.x), [0, 1, 2, 3]);
    assert.deepEqual(Array.from(s.dwell), [1, 1]);
    assert.equal(s.scanType, "stack");
    assert.deepEqual(Array.from(imageAt(s, 1)).slice(0, 2), [12, 13]);
  });
  it("names the field whose length is wrong", () => {
    assert.throws(
      () => makeStack({ data: new Float64Array(5), nE: 2, ny: 3, nx: 4, energies: [1, 2], source: "a.hdr" }),
      /Stack \(a\.hdr\): data has length 5, expected 24/,
    );
  });
});
