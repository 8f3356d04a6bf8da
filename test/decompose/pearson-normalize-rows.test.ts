import assert from "node:assert/strict";
import { pearson, normalizeRows } from "../../src/index";

describe("pearson and normalizeRows", () => {
  it("pearson by hand: perfectly linear, anti-linear, and a known value", () => {
    assert.ok(Math.abs(pearson([1, 2, 3], [2, 4, 6]) - 1) < 1e-15);
    assert.ok(Math.abs(pearson([1, 2, 3], [3, 2, 1]) + 1) < 1e-15);
    // x = [1,2,3], y = [1,3,2]: cov = 0.5·2/… → r = 0.5
    assert.ok(Math.abs(pearson([1, 2, 3], [1, 3, 2]) - 0.5) < 1e-15);
    assert.throws(() => pearson([1, 2], [1]), /a has 2 values but b has 1/);
  });
  it("normalizeRows scales rows to sum 1 and leaves zero rows at 0", () => {
    assert.deepEqual(Array.from(normalizeRows([1, 3, 0, 0], 2, 2)), [0.25, 0.75, 0, 0]);
    assert.throws(() => normalizeRows([1, 2, 3], 2, 2), /expected nRows × nCols = 4/);
  });
});
