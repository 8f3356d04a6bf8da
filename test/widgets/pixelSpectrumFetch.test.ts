/**
 * Fetching hovered pixels' spectra (widgets/src/pixelSpectrumFetch.ts): one request in flight,
 * the latest wanted pixel sent next, answers cached, errors shown for the pixel wanted.
 */
import { strict as assert } from "node:assert";
import { PixelSpectrumFetch, type PixelSpectrumAnswer } from "../../widgets/src/pixelSpectrumFetch";

function setup(cacheSize = 16) {
  const sent: number[] = [];
  const shown: PixelSpectrumAnswer[] = [];
  const f = new PixelSpectrumFetch((c) => sent.push(c.index), (a) => shown.push(a), cacheSize);
  const answer = (index: number) => f.receive({ type: "pixel_spectrum", index, n_e: 2 }, [new DataView(Float32Array.of(index, index + 0.5).buffer)]);
  return { f, sent, shown, answer };
}

describe("widgets: pixel spectrum requests", () => {
  it("one request in flight; the pixels hovered meanwhile are skipped except the last", () => {
    const { f, sent, shown, answer } = setup();
    f.want(3);
    f.want(4);
    f.want(5);
    assert.deepEqual(sent, [3]);
    answer(3); // not wanted any more: not shown, cached; 5 goes out
    assert.deepEqual(sent, [3, 5]);
    assert.equal(shown.length, 0);
    answer(5);
    assert.deepEqual(shown.map((a) => [a.index, Array.from(a.values!)]), [[5, [5, 5.5]]]);
    f.want(3); // cached: shown at once, nothing sent
    assert.deepEqual(sent, [3, 5]);
    assert.equal(shown[1].index, 3);
    assert.equal(f.receive({ type: "error", message: "x" }), false);
  });

  it("keeps the last few answers only; an error answer is shown and not cached", () => {
    const { f, sent, shown, answer } = setup(2);
    for (const i of [1, 2, 3]) {
      f.want(i);
      answer(i);
    }
    f.want(1); // dropped from the cache of 2
    assert.deepEqual(sent, [1, 2, 3, 1]);
    f.receive({ type: "pixel_spectrum", index: 1, error: "pixel_spectrum: index must be …" }, []);
    assert.equal(shown[shown.length - 1].error, "pixel_spectrum: index must be …");
    f.want(1);
    assert.deepEqual(sent, [1, 2, 3, 1, 1]);
    f.want(-1); // leaving: nothing wanted, the answer in flight is cached but not shown
    const before = shown.length;
    answer(1);
    assert.equal(shown.length, before);
    assert.equal(f.sent, 5);
  });
});
