/**
 * The selector's per-pixel links, kernel side: the map coordinates sent on open (binary uint16,
 * equal to the table's sample / x / y), and the answers to a view's pixel-spectrum requests
 * (the table row as float32; a bad index answered with an error naming it, no buffer).
 */
import { strict as assert } from "node:assert";
import { fakeKernel, type Sent } from "./fakeKernel";
import { endmemberSelector } from "../../kernel-ext/selector";
import { pixelSpectrumReply, selectorMapCoords } from "../../kernel-ext/selectorPixels";
import { makePixelTable } from "../../src/types";
import { pca } from "../../src/decompose/pca";
import { selectorPng } from "../../kernel-ext/selectorPng";
import { decodePng } from "../maps/png";

const { sent, comms, use: useFakeKernel } = fakeKernel();

function table() {
  // Two samples: "A" 3 × 4 with 10 of its 12 pixels kept, "B" 2 × 2 with all 4.
  const pos: [number, number, number][] = [];
  for (let y = 0; y < 3; y++) for (let x = 0; x < 4; x++) if (!(y === 1 && (x === 1 || x === 2))) pos.push([0, x, y]);
  for (let y = 0; y < 2; y++) for (let x = 0; x < 2; x++) pos.push([1, x, y]);
  const n = pos.length, nE = 5;
  const data = Float64Array.from({ length: n * nE }, (_, k) => Math.sin(k * 0.7) + (k % nE) * 0.1 + 1 / 3);
  return makePixelTable({
    data, nPixels: n, nE, energies: [530, 531, 532, 533, 534],
    sample: pos.map((p) => p[0]), x: pos.map((p) => p[1]), y: pos.map((p) => p[2]),
    samples: [{ name: "A", ny: 3, nx: 4 }, { name: "B", ny: 2, nx: 2 }],
  });
}

/** A custom message from the view; returns what the kernel sent in answer. */
function custom(commId: string, content: unknown): Sent[] {
  const from = sent.length;
  comms.handleMsg({ comm_id: commId, data: { method: "custom", content } }, { buffers: [], metadata: {} });
  return sent.slice(from);
}
const contentOf = (m: Sent) => (m.content.data as { content: Record<string, unknown> }).content;

describe("kernel: end-member selector pixel links", () => {
  beforeEach(useFakeKernel);
  const T = table();

  it("sends every point's sample, column and row once, as uint16 buffers, with the samples' map sizes", () => {
    sent.length = 0;
    endmemberSelector(pca(T), T);
    const open = sent.find((m) => m.type === "comm_open")!;
    const data = open.content.data as { state: Record<string, unknown>; buffer_paths: unknown[][] };
    const buf = (name: string) => open.buffers[data.buffer_paths.findIndex((p) => p[0] === name)] as Uint16Array;
    for (const [name, want] of [["pixel_sample", T.sample], ["pixel_x", T.x], ["pixel_y", T.y]] as const) {
      assert.ok(buf(name) instanceof Uint16Array, name);
      assert.deepEqual(Array.from(buf(name)), Array.from(want), name);
    }
    assert.deepEqual(data.state.samples, [{ name: "A", ny: 3, nx: 4 }, { name: "B", ny: 2, nx: 2 }]);
  });

  it("refuses maps that do not fit uint16", () => {
    const big = { ...T, samples: [{ name: "wide", ny: 2, nx: 70000 }, T.samples[1]] };
    assert.throws(() => selectorMapCoords(big), /sample "wide" is 2 × 70000 pixels; the maps hold images of at most 65536/);
  });

  it("answers a pixel_spectrum request with the table row as a float32 buffer", () => {
    const sel = endmemberSelector(pca(T), T);
    for (const index of [0, 7, T.nRows - 1]) {
      const msgs = custom(sel.model.modelId, { type: "pixel_spectrum", index });
      assert.equal(msgs.length, 1);
      assert.equal((msgs[0].content.data as { method: string }).method, "custom");
      assert.deepEqual(contentOf(msgs[0]), { type: "pixel_spectrum", index, n_e: T.nE });
      const values = msgs[0].buffers[0] as Float32Array;
      assert.ok(values instanceof Float32Array);
      assert.deepEqual(Array.from(values), Array.from(T.data.subarray(index * T.nE, (index + 1) * T.nE), Math.fround));
    }
  });

  it("answers a bad index with an error naming it and the range, without a buffer; ignores other messages", () => {
    const sel = endmemberSelector(pca(T), T);
    for (const index of [-1, T.nRows, 2.5, "3", null]) {
      const msgs = custom(sel.model.modelId, { type: "pixel_spectrum", index });
      assert.equal(msgs.length, 1, String(index));
      const c = contentOf(msgs[0]);
      assert.equal(c.type, "pixel_spectrum");
      assert.ok(String(c.error).includes(`index must be an integer in [0, ${T.nRows}), got ${JSON.stringify(index)}`), String(c.error));
      assert.equal(msgs[0].buffers.length, 0);
    }
    assert.deepEqual(custom(sel.model.modelId, { type: "something else", index: 1 }), []);
    assert.equal(pixelSpectrumReply(T, "pixel_spectrum"), null);
  });

  it("the PNG fallback draws one map per sample under the scatter: group pixels coloured, others grey, missing ones white", () => {
    // Points 1 (A at x 1, y 0) and 11 (B at x 1, y 0) in red; A (1, 1) and (2, 1) are not in the table.
    const red = { name: "r", color: "#ff0000", indices: Uint32Array.of(1, 11) };
    const xy = Float32Array.from({ length: T.nRows }, (_, i) => i);
    const png = decodePng(selectorPng(xy, xy, [red], {}, { ...selectorMapCoords(T), brightness: T.brightness }));
    // Scatter 360 × 300, then a row of maps 110 px high: A (3 × 4) 147 px wide at x 8, B (2 × 2) 110 px wide at x 163, from y 304.
    assert.equal(png.width, 360);
    assert.equal(png.height, 300 + 4 + 110 + 8);
    const at = (left: number, w: number, nx: number, ny: number, x: number, y: number) => {
      const u = left + Math.floor(((x + 0.5) * w) / nx), v = 304 + Math.floor(((y + 0.5) * 110) / ny);
      return Array.from(png.rgba.subarray(4 * (v * 360 + u), 4 * (v * 360 + u) + 3));
    };
    assert.deepEqual(at(8, 147, 4, 3, 1, 0), [255, 0, 0]);
    assert.deepEqual(at(8, 147, 4, 3, 1, 1), [255, 255, 255]);
    assert.deepEqual(at(8, 147, 4, 3, 2, 1), [255, 255, 255]);
    const grey = at(8, 147, 4, 3, 0, 2);
    assert.ok(grey[0] === grey[1] && grey[1] === grey[2] && grey[0] < 255, String(grey));
    assert.deepEqual(at(163, 110, 2, 2, 1, 0), [255, 0, 0]);
    assert.deepEqual(at(163, 110, 2, 2, 0, 1).length, 3);
    assert.notDeepEqual(at(163, 110, 2, 2, 0, 1), [255, 255, 255]);
    // Without maps: the scatter alone.
    assert.equal(decodePng(selectorPng(xy, xy, [red])).height, 300);
  });
});
