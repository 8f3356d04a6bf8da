/**
 * The end-member selector's dense groups as bit masks (widgets/src/groupMask.ts), kernel side:
 * checkGroups' validation of masks, a front-end update carrying a mask (echoed, applied, read
 * back as indices; a bad one rejected with an error naming the group and field), and groups set
 * from code taking the smaller wire form.
 */
import { strict as assert } from "node:assert";
import { fakeKernel, type Sent } from "./fakeKernel";
import { endmemberSelector } from "../../kernel-ext/selector";
import { checkGroups, groupIndices } from "../../kernel-ext/selectorState";
import { indicesToMask, maskToIndices } from "../../widgets/src/groupMask";
import { makePixelTable } from "../../src/types";
import { pca } from "../../src/decompose/pca";
import { endmemberFromPixels } from "../../src/decompose/endmemberFromPixels";

const { sent, comms, use: useFakeKernel } = fakeKernel();

function table(n: number) {
  const nE = 5;
  const data = new Float64Array(n * nE);
  for (let i = 0; i < n; i++) for (let e = 0; e < nE; e++) data[i * nE + e] = 1 + ((i * 13 + e * 5) % 17) / 10 + (i % 3) * e;
  return makePixelTable({
    data, nPixels: n, nE, energies: Float64Array.from({ length: nE }, (_, e) => 700 + e),
    sample: new Int32Array(n),
    x: Int32Array.from({ length: n }, (_, i) => i % 20), y: Int32Array.from({ length: n }, (_, i) => Math.floor(i / 20)),
    brightness: Float64Array.from({ length: n }, (_, i) => i % 7),
    samples: [{ name: "A", ny: Math.ceil(n / 20), nx: 20 }],
  });
}

function update(commId: string, state: Record<string, unknown>, paths: unknown[] = [], buffers: DataView[] = []): Sent[] {
  const from = sent.length;
  comms.handleMsg({ comm_id: commId, data: { method: "update", state, buffer_paths: paths } }, { buffers, metadata: {} });
  return sent.slice(from);
}
const methods = (msgs: Sent[]) => msgs.map((m) => (m.content.data as Record<string, unknown>)?.method);
const dv = (a: Uint8Array) => new DataView(a.buffer, a.byteOffset, a.byteLength);

describe("kernel: end-member selector groups as masks", () => {
  beforeEach(useFakeKernel);
  const n = 203; // not a multiple of 8: 26 bytes, 5 unused bits
  const T = table(n);
  const dense = Array.from({ length: 90 }, (_, i) => (i * 11) % n).sort((a, b) => a - b);

  it("checkGroups keeps a valid mask as it is and names the group and field of a bad one", () => {
    const mask = indicesToMask(dense, n);
    const [g] = checkGroups([{ name: "a", color: "#ABCDEF", mask, count: dense.length }], n);
    assert.ok("mask" in g && g.mask === mask && g.count === dense.length && g.color === "#abcdef");
    assert.deepEqual(Array.from(groupIndices(g)), dense);
    // A DataView of the message's bytes is read in place.
    const [h] = checkGroups([{ name: "a", color: "#abcdef", mask: dv(mask), count: dense.length }], n);
    assert.deepEqual(Array.from(groupIndices(h)), dense);

    assert.throws(() => checkGroups([{ name: "a", color: "#ff0000", mask: new Uint8Array(25), count: 0 }], n), /groups\[0\] \("a"\)\.mask: mask has 25 bytes, expected ceil\(203 \/ 8\) = 26/);
    const high = new Uint8Array(26);
    high[25] = 0b1000; // bit 203
    assert.throws(() => checkGroups([{ name: "b", color: "#ff0000", mask: high, count: 1 }], n), /groups\[0\] \("b"\)\.mask: bit 203 is set but there are only 203 points/);
    assert.throws(() => checkGroups([{ name: "c", color: "#ff0000", mask, count: dense.length - 1 }], n), /groups\[0\] \("c"\)\.count: count is 89 but the mask has 90 set bits/);
    assert.throws(() => checkGroups([{ name: "d", color: "#ff0000", mask }], n), /\("d"\)\.count: count is undefined/);
    assert.throws(() => checkGroups([{ name: "e", color: "#ff0000", mask, count: 90, indices: [1] }], n), /groups\[0\] \("e"\) has both mask and indices/);
    assert.throws(() => checkGroups([{ name: "f", color: "#ff0000", mask: "xyz", count: 0 }], n), /\("f"\)\.mask: mask must be a binary buffer/);
  });

  it("a front-end update with a mask is echoed as sent, applied as a mask and read back as indices; a bad mask is rejected", () => {
    const sel = endmemberSelector(pca(T), T);
    const id = sel.model.modelId;
    const mask = indicesToMask(dense, n);
    const msgs = update(id, { groups: [{ name: "a", color: "#ff0000", count: dense.length }, { name: "few", color: "#00ff00" }], active_group: "a" }, [["groups", 0, "mask"], ["groups", 1, "indices"]], [dv(mask), new DataView(Uint32Array.of(2, 4).buffer)]);
    assert.deepEqual(methods(msgs).slice(0, 1), ["echo_update"]);
    // Nothing to normalise: the groups do not go back a second time (only the spectra follow).
    assert.ok(msgs.slice(1).every((m) => !("groups" in ((m.content.data as { state?: object }).state ?? {}))));
    const echoed = msgs[0].buffers[0] as ArrayBufferView;
    assert.deepEqual(Array.from(new Uint8Array(echoed.buffer, echoed.byteOffset, echoed.byteLength)), Array.from(mask));
    const state = sel.model.get("groups");
    assert.ok("mask" in state[0] && state[0].count === dense.length);
    assert.ok("indices" in state[1]);
    assert.deepEqual(Array.from(sel.groups.a), dense);
    assert.deepEqual(Array.from(sel.groups.few), [2, 4]);
    assert.deepEqual(Array.from(sel.groupList[0].indices), dense);
    const M = sel.members();
    const want = endmemberFromPixels(T, dense).spectrum.values;
    for (let e = 0; e < T.nE; e++) assert.ok(Math.abs(M.data[e] - want[e]) < 1e-12);

    const bad = mask.slice();
    bad[25] |= 0x80;
    const rej = update(id, { groups: [{ name: "a", color: "#ff0000", count: dense.length + 1 }] }, [["groups", 0, "mask"]], [dv(bad)]);
    assert.ok(!methods(rej).includes("echo_update"));
    assert.match(sel.error, /groups\[0\] \("a"\)\.mask: bit 207 is set but there are only 203 points/);
    const custom = rej.find((m) => methods([m])[0] === "custom")!;
    assert.match(String((custom.content.data as { content: { message: string } }).content.message), /bit 207 is set/);
    assert.deepEqual(Array.from(sel.groups.a), dense); // unchanged
  });

  it("groups set from code take the smaller form: dense as a mask in the state and on the wire, sparse as indices; the API gives indices", () => {
    const sel = endmemberSelector(pca(T), T);
    const from = sent.length;
    sel.setGroups({ big: dense, small: [9, 3] });
    const up = sent.slice(from).find((m) => methods([m])[0] === "update")!;
    const data = up.content.data as { state: { groups: Record<string, unknown>[] }; buffer_paths: unknown[][] };
    assert.deepEqual(data.buffer_paths.slice(0, 2), [["groups", 0, "mask"], ["groups", 1, "indices"]]);
    assert.equal((up.buffers[0] as Uint8Array).byteLength, 26);
    assert.deepEqual(Array.from(maskToIndices(up.buffers[0] as Uint8Array)), dense);
    assert.equal(data.state.groups[0].count, dense.length);
    const state = sel.model.get("groups");
    assert.ok("mask" in state[0]);
    assert.deepEqual(Array.from(sel.groups.big), dense);
    assert.deepEqual(Array.from(sel.groups.small), [3, 9]);
    sel.setGroup("small", dense.slice(0, 40));
    assert.ok("mask" in sel.model.get("groups")[1]);
    assert.deepEqual(Array.from(sel.groups.small), dense.slice(0, 40));
    // The spectra beside the scatter follow the decoded groups.
    const gs = sel.model.get("group_spectra").groups;
    assert.deepEqual(gs.map((g) => [g.name, g.count]), [["big", 90], ["small", 40]]);
  });
});
