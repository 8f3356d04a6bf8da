import assert from "node:assert/strict";
import { otsuThreshold } from "../../src/stack";

describe("otsuThreshold", () => {
  it("splits two well-separated groups between them (by hand)", () => {
    const t = otsuThreshold([1, 1, 1, 2, 9, 9, 10, 10], { bins: 9 });
    assert.ok(t > 2 && t <= 9, `threshold ${t}`);
  });
  it("works on log10 values: splits 1e-3-ish from 1e-1-ish noise", () => {
    const v = [0.001, 0.0012, 0.0009, 0.0011, 0.1, 0.12, 0.09, 0, NaN];
    const t = otsuThreshold(v, { log: true });
    assert.ok(t > 0.0012 && t < 0.09, `threshold ${t}`);
  });
  it("names what is missing", () => {
    assert.throws(() => otsuThreshold([5, 5, NaN]), /need at least two distinct finite values, got 2 usable value\(s\)/);
    assert.throws(() => otsuThreshold([1, 2], { bin: 3 } as never), /unknown option/);
  });
});
