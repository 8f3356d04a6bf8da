/**
 * The selector's `groups` serialiser (widgets/src/serializers.ts): dense groups go out as
 * `{ name, color, mask, count }`, sparse ones as `{ name, color, indices }`; received masks are
 * decoded once (indices for the views, the mask kept); the kernel's echo of the page's own
 * update returns the very list sent; old saved state with indices only still loads.
 */
import { strict as assert } from "node:assert";
import { groupsSerializer } from "../../widgets/src/serializers";
import { indicesToMask, maskToIndices } from "../../widgets/src/groupMask";

/** What the widget manager hands the deserialiser: every typed array as a DataView on copied bytes. */
function overWire(wire: Record<string, unknown>[]): Record<string, unknown>[] {
  return wire.map((o) => Object.fromEntries(Object.entries(o).map(([k, v]) => {
    if (!ArrayBuffer.isView(v)) return [k, v];
    const copy = new Uint8Array(v.byteLength + 1).subarray(1); // an odd offset, as frames of a message may have
    copy.set(new Uint8Array(v.buffer, v.byteOffset, v.byteLength));
    return [k, new DataView(copy.buffer, copy.byteOffset, copy.byteLength)];
  })));
}

describe("groups serialiser (masks on the wire)", () => {
  const n = 1003;
  const model = { get: (k: string) => (k === "n_points" ? n : undefined) };
  const dense = Uint32Array.from({ length: 200 }, (_, i) => i * 5);
  const sparse = Uint32Array.of(7, 900);

  it("sends dense groups as masks (with or without a mask in memory), sparse ones as indices", () => {
    const s = groupsSerializer();
    const mask = indicesToMask(dense, n);
    const list = [
      { name: "a", color: "#ff0000", indices: dense, mask, count: dense.length },
      { name: "b", color: "#00ff00", indices: dense },
      { name: "c", color: "#0000ff", indices: sparse },
    ];
    const wire = s.serialize!(list, model as never) as Record<string, unknown>[];
    assert.deepEqual(wire.map((g) => Object.keys(g).sort()), [["color", "count", "mask", "name"], ["color", "count", "mask", "name"], ["color", "indices", "name"]]);
    assert.equal(wire[0].mask, mask);
    assert.equal((wire[1].mask as Uint8Array).length, 126);
    assert.deepEqual(Array.from(maskToIndices(wire[1].mask as Uint8Array)), Array.from(dense));
    assert.equal(wire[2].indices, sparse);
  });

  it("the echo of the page's own update returns the list sent; another list is decoded", async () => {
    const s = groupsSerializer();
    const list = [{ name: "a", color: "#ff0000", indices: dense, mask: indicesToMask(dense, n), count: dense.length }, { name: "c", color: "#0000ff", indices: sparse }];
    const wire = s.serialize!(list, model as never) as Record<string, unknown>[];
    assert.equal(await s.deserialize!(overWire(wire), undefined as never), list);
    const other = wire.map((g) => ({ ...g }));
    other[1] = { ...other[1], indices: Uint32Array.of(7, 901) };
    const got = (await s.deserialize!(overWire(other), undefined as never)) as { indices: Uint32Array; mask?: Uint8Array; count?: number }[];
    assert.notEqual(got, list);
    assert.deepEqual(Array.from(got[0].indices), Array.from(dense));
    assert.equal(got[0].count, dense.length);
    assert.deepEqual(Array.from(got[0].mask!), Array.from(list[0].mask!));
    assert.deepEqual(Array.from(got[1].indices), [7, 901]);
  });

  it("loads old saved state (indices only) and refuses a mask whose count is wrong", async () => {
    const s = groupsSerializer();
    const old = [{ name: "a", color: "#ff0000", indices: new DataView(dense.slice().buffer) }];
    const got = (await s.deserialize!(old, undefined as never)) as { indices: Uint32Array; mask?: Uint8Array }[];
    assert.deepEqual(Array.from(got[0].indices), Array.from(dense));
    assert.equal(got[0].mask, undefined);
    const bad = [{ name: "x", color: "#ff0000", mask: new DataView(indicesToMask(dense, n).buffer), count: 3 }];
    assert.throws(() => s.deserialize!(bad, undefined as never), /groups\[0\] \("x"\): count is 3 but the mask has 200 set bits/);
  });
});
