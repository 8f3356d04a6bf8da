/**
 * The end-member selector and scatter selection, kernel side, against a fake kernel (a
 * CommManager whose published messages are kept): state sent on open, front-end updates
 * validated before they are echoed and applied, rejected updates answered with an error,
 * groups set from code, members() = the groups' average spectra.
 */
import { strict as assert } from "node:assert";
import { fakeKernel, type Sent } from "./fakeKernel";
import { endmemberSelector } from "../../kernel-ext/selector";
import { scatterSelect, WIDGETS_VERSION } from "../../kernel-ext/scatter";
import { checkGroups, checkIndices } from "../../kernel-ext/selectorState";
import { maskToIndices } from "../../widgets/src/groupMask";
import { makePixelTable } from "../../src/types";
import { nmf } from "../../src/decompose/nmf";
import { pca } from "../../src/decompose/pca";
import { endmemberFromPixels } from "../../src/decompose/endmemberFromPixels";

const { sent, comms, use: useFakeKernel } = fakeKernel();

function table(n: number) {
  const nE = 6;
  const data = new Float64Array(n * nE);
  for (let i = 0; i < n; i++) for (let e = 0; e < nE; e++) data[i * nE + e] = 1 + ((i * 7 + e * 3) % 11) / 10 + (i % 2) * e;
  return makePixelTable({
    data, nPixels: n, nE, energies: Float64Array.from({ length: nE }, (_, e) => 528 + e),
    sample: Int32Array.from({ length: n }, (_, i) => (i < n / 2 ? 0 : 1)),
    x: Int32Array.from({ length: n }, (_, i) => i % 5), y: Int32Array.from({ length: n }, (_, i) => Math.floor(i / 5) % 4),
    brightness: Float64Array.from({ length: n }, (_, i) => i),
    samples: [{ name: "A", ny: 4, nx: 5 }, { name: "B", ny: 4, nx: 5 }],
  });
}

/** A front-end update to the model with this comm id; returns the messages the kernel sent in answer. */
function update(commId: string, state: Record<string, unknown>, paths: unknown[] = [], buffers: DataView[] = []): Sent[] {
  const from = sent.length;
  comms.handleMsg({ comm_id: commId, data: { method: "update", state, buffer_paths: paths } }, { buffers, metadata: {} });
  return sent.slice(from);
}
const u32 = (...v: number[]) => new DataView(Uint32Array.from(v).buffer);
const methods = (msgs: Sent[]) => msgs.map((m) => (m.content.data as Record<string, unknown>)?.method);

describe("kernel: end-member selector", () => {
  beforeEach(useFakeKernel);
  const T = table(40);

  it("opens with the coordinates and colour fields as binary buffers and the widgets' package version", () => {
    sent.length = 0;
    const f = nmf(T, { k: 3, seed: 1, maxIter: 50 });
    const sel = endmemberSelector(f, T, { colorBy: "sample" });
    const open = sent.find((m) => m.type === "comm_open")!;
    const data = open.content.data as { state: Record<string, unknown>; buffer_paths: unknown[][] };
    assert.equal(data.state._model_name, "EndmemberSelectorModel");
    assert.equal(data.state._model_module_version, WIDGETS_VERSION);
    assert.equal(WIDGETS_VERSION, require("../../widgets/package.json").version);
    assert.deepEqual(data.buffer_paths.map((p) => p.join(".")).sort(), ["color_fields.brightness", "color_fields.sample", "coords", "group_spectra.energies", "pixel_sample", "pixel_x", "pixel_y"]);
    assert.equal(data.state.n_points, 40);
    assert.deepEqual(data.state.component_names, ["NMF 1", "NMF 2", "NMF 3"]);
    const coords = open.buffers[data.buffer_paths.findIndex((p) => p[0] === "coords")] as Float32Array;
    assert.equal(coords.length, 40 * 3);
    assert.equal(coords[4], Math.fround(f.W.data[4]));
    assert.equal(sel.size, 40);
  });

  it("a valid front-end update (groups with binary indices) is echoed, applied, normalised and observed", () => {
    const sel = endmemberSelector(pca(T), T);
    const id = sel.model.modelId;
    let seen = 0;
    sel.observe((g) => (seen = Object.keys(g).length));
    const msgs = update(id, { groups: [{ name: "a", color: "#FF0000" }], active_group: "a" }, [["groups", 0, "indices"]], [u32(7, 3, 3)]);
    // The echo, then what validation normalised (sorted indices, lower-case colour), then the group's spectrum.
    assert.deepEqual(methods(msgs), ["echo_update", "update", "update"]);
    const spectra = msgs[2].content.data as { state: { group_spectra: { groups: { name: string; count: number }[] } }; buffer_paths: unknown[][] };
    assert.deepEqual(spectra.state.group_spectra.groups.map((g) => [g.name, g.count]), [["a", 2]]);
    assert.deepEqual(spectra.buffer_paths.map((p) => p.join(".")), ["group_spectra.energies", "group_spectra.groups.0.mean", "group_spectra.groups.0.std"]);
    const mean = msgs[2].buffers[1] as Float32Array;
    const want = endmemberFromPixels(T, [3, 7]).spectrum.values;
    for (let e = 0; e < T.nE; e++) assert.equal(mean[e], Math.fround(want[e]));
    assert.deepEqual(Array.from(sel.groups.a), [3, 7]);
    assert.equal(sel.groupList[0].color, "#ff0000");
    assert.equal(seen, 1);
    assert.equal(sel.error, "");
    // Already normalised: only the echo goes back, not a second copy of the groups.
    const again = update(id, { groups: [{ name: "a", color: "#ff0000" }] }, [["groups", 0, "indices"]], [u32(3, 7)]);
    assert.deepEqual(methods(again), ["echo_update"]);
  });

  it("rejects indices out of range, wrong buffer counts and unknown attributes: nothing applied or echoed, the error reaches the view", () => {
    const sel = endmemberSelector(pca(T), T, { groups: { a: [1, 2] } });
    const id = sel.model.modelId;
    let msgs = update(id, { groups: [{ name: "a", color: "#ff0000" }] }, [["groups", 0, "indices"]], [u32(99)]);
    assert.ok(!methods(msgs).includes("echo_update"));
    assert.deepEqual(Array.from(sel.groups.a), [1, 2]);
    assert.match(sel.error, /index 99 \(at position 0\) is outside \[0, 40\)/);
    const custom = msgs.find((m) => methods([m])[0] === "custom")!;
    assert.match(String((custom.content.data as { content: { message: string } }).content.message), /outside \[0, 40\)/);
    const restore = msgs.find((m) => methods([m])[0] === "update")!;
    assert.ok((restore.content.data as { buffer_paths: unknown[] }).buffer_paths.length >= 1); // the kernel's groups go back

    msgs = update(id, { groups: [] }, [["groups", 0, "indices"], ["x"]], [u32(1), u32(2), u32(3), u32(4), u32(5)]);
    assert.ok(!methods(msgs).includes("echo_update"));
    assert.match(sel.error, /buffer_paths has 2 entries but the message carries 5 buffers/);
    assert.ok(msgs.every((m) => m.buffers.length <= 1)); // the 5 buffers are not sent back

    msgs = update(id, { n_points: 3 });
    assert.match(sel.error, /may not set "n_points"/);
    assert.equal(sel.size, 40);

    update(id, { groups: [{ name: "a", color: "#ff0000" }, { name: "a", color: "#00ff00" }] }, [["groups", 0, "indices"], ["groups", 1, "indices"]], [u32(1), u32(2)]);
    assert.match(sel.error, /used twice/);
    update(id, { x_component: 7 });
    assert.match(sel.error, /x_component must be a component number in \[0, /);
    update(id, { color_by: "nope" });
    assert.match(sel.error, /color_by must be "none" or one of "sample", "brightness"/);
    // An accepted update clears the error.
    update(id, { color_by: "brightness" });
    assert.equal(sel.error, "");
  });

  it("groups set from code go to the views; members() are the groups' average spectra", () => {
    const sel = endmemberSelector(pca(T), T);
    const from = sent.length;
    sel.setGroups({ first: [0, 1, 2, 3], second: { indices: Uint32Array.of(30, 20), color: "#123456" } });
    const up = sent.slice(from).find((m) => methods([m])[0] === "update")!;
    // 4 and 2 of 40 pixels are dense (count > n / 32): they go as 5-byte masks with their counts.
    assert.deepEqual((up.content.data as { buffer_paths: unknown[][] }).buffer_paths, [["groups", 0, "mask"], ["groups", 1, "mask"]]);
    assert.deepEqual(Array.from(maskToIndices(up.buffers[1] as Uint8Array)), [20, 30]);
    assert.deepEqual((up.content.data as { state: { groups: { count: number }[] } }).state.groups.map((g) => g.count), [4, 2]);
    const M = sel.members();
    assert.deepEqual(M.names, ["first", "second"]);
    const want = endmemberFromPixels(T, [20, 30]).spectrum.values;
    for (let e = 0; e < T.nE; e++) assert.ok(Math.abs(M.data[T.nE + e] - want[e]) < 1e-12);
    sel.setGroup("first", [5]);
    assert.deepEqual(Array.from(sel.groups.first), [5]);
    sel.removeGroup("first");
    assert.deepEqual(Object.keys(sel.groups), ["second"]);
    assert.throws(() => sel.setGroups({ bad: [40] }), /index 40 .* outside \[0, 40\)/);
    sel.setGroups({});
    assert.throws(() => sel.members(), /no group has pixels yet/);
  });

  it("nextChange() resolves on the next front-end change of the groups, not on code", async () => {
    const sel = endmemberSelector(pca(T), T);
    const p = sel.nextChange();
    sel.setGroups({ code: [1] });
    update(sel.model.modelId, { groups: [{ name: "lasso", color: "#ff0000" }] }, [["groups", 0, "indices"]], [u32(4, 5)]);
    const g = await p;
    assert.deepEqual(Object.keys(g), ["lasso"]);
  });

  it("displays with a PNG fallback", () => {
    const sel = endmemberSelector(pca(T), T, { groups: { a: [1] } });
    const b = (sel as unknown as Record<symbol, () => Record<string, string>>)[Symbol.for("edgeworks.mimeBundle")]();
    assert.ok(b["application/vnd.jupyter.widget-view+json"]);
    assert.equal(Buffer.from(b["image/png"], "base64").subarray(1, 4).toString(), "PNG");
  });
});

describe("kernel: scatter selection", () => {
  beforeEach(useFakeKernel);
  it("select(…) from code is checked; a front-end selection out of range is rejected, in range accepted", () => {
    const w = scatterSelect([0, 1, 2, 3, 4], [4, 3, 2, 1, 0]);
    assert.throws(() => w.select([5]), /index 5 .* outside \[0, 5\)/);
    w.select([4, 1, 1]);
    assert.deepEqual(Array.from(w.selection), [1, 4]);
    let msgs = update(w.model.modelId, {}, [["selection"]], [u32(99)]);
    assert.ok(!methods(msgs).includes("echo_update"));
    assert.deepEqual(Array.from(w.selection), [1, 4]);
    msgs = update(w.model.modelId, {}, [["selection"]], [u32(3, 0)]);
    assert.equal(methods(msgs)[0], "echo_update");
    assert.deepEqual(Array.from(w.selection), [0, 3]);
  });
});

describe("kernel: selector state checks", () => {
  beforeEach(useFakeKernel);
  it("checkIndices sorts, de-duplicates, reads uint32 buffers and names the bad index", () => {
    assert.deepEqual(Array.from(checkIndices([4, 1, 1], 5, "s")), [1, 4]);
    assert.deepEqual(Array.from(checkIndices(u32(2, 0), 5, "s")), [0, 2]);
    assert.throws(() => checkIndices([1.5], 5, "s"), /s: index 1.5 \(at position 0\) is outside \[0, 5\)/);
    assert.throws(() => checkIndices(new DataView(new ArrayBuffer(6)), 5, "s"), /6 bytes is not a whole number/);
    assert.throws(() => checkGroups([{ name: "", color: "#ffffff", indices: [] }], 5), /name must be a non-empty string/);
    assert.throws(() => checkGroups([{ name: "a", color: "red", indices: [] }], 5), /color must be "#rrggbb"/);
  });
});
