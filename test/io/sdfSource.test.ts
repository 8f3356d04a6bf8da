// openStack on SDF image stacks (.hdr + one .xim per energy): reads of any rectangle come from the
// line-indexed .xim files and equal readStack's read of the same selection (data, axes, metadata);
// the files are indexed once, not re-read per band; faults in the files are errors naming them.
import assert from "node:assert/strict";
import { mkdirSync, readFileSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { StxmFileError, openStack, readStack, writeSdf } from "../../src/io";
import { makeStack, type Stack } from "../../src/types/stack";
import { tempDir } from "./helpers";

/** 4 energies × 9 rows × 6 columns, values distinct everywhere, one NaN. */
function stack(): Stack {
  const nE = 4, ny = 9, nx = 6;
  const data = Float64Array.from({ length: nE * ny * nx }, (_, k) => 0.37 * k + 1e-3 * ((k * 7919) % 101));
  data[2 * ny * nx + 5 * nx + 3] = NaN;
  return makeStack({
    data, nE, ny, nx,
    energies: [528.5, 530, 531.25, 540],
    x: Array.from({ length: nx }, (_, i) => 10 + 0.05 * i),
    y: Array.from({ length: ny }, (_, i) => -3 + 0.07 * i),
    dwell: [1, 1.5, 2, 2.5],
  });
}

describe("openStack on SDF stacks: line-indexed band reads", function () {
  this.timeout(60000);
  let tmp: { dir: string; cleanup: () => void };
  let hdr = "";
  before(() => {
    tmp = tempDir();
    hdr = join(tmp.dir, "s.hdr");
    writeSdf(hdr, stack(), { time: "2026-12-02T00:00:00Z" });
  });
  after(() => tmp.cleanup());

  it("read(rect) equals readStack with the same selection: data bit for bit, axes, dwell and metadata", async () => {
    const src = await openStack(hdr);
    assert.equal(src.valueType, "float64");
    for (const rect of [{}, { rows: [0, 1] }, { rows: [8, 9] }, { rows: [2, 7], columns: [1, 5] }, { columns: [5, 6] }] as const) {
      const got = await src.read(rect);
      const want = await readStack(hdr, { select: { rows: rect.rows ?? [0, 9], columns: "columns" in rect ? rect.columns : [0, 6] } });
      const label = JSON.stringify(rect);
      assert.deepEqual([got.nE, got.ny, got.nx], [want.nE, want.ny, want.nx], label);
      assert.ok(got.data.every((v, i) => Object.is(v, want.data[i])), `${label}: data`);
      assert.deepEqual(Array.from(got.x), Array.from(want.x), `${label}: x`);
      assert.deepEqual(Array.from(got.y), Array.from(want.y), `${label}: y`);
      assert.deepEqual(Array.from(got.energies), Array.from(want.energies));
      assert.deepEqual(Array.from(got.dwell), Array.from(want.dwell));
      assert.deepEqual([got.quantity, got.channel, got.scanType, got.source], [want.quantity, want.channel, want.scanType, want.source]);
      assert.deepEqual(got.metadata, want.metadata, `${label}: metadata`);
    }
  });

  it("readInto writes the rectangle in the asked layout (row stride and offset), Float32Array or Float64Array", async () => {
    const src = await openStack(hdr);
    const want = await src.read({ rows: [3, 6], columns: [2, 5] });
    const out = new Float64Array(4 * 5 * 3).fill(-7);
    await src.readInto!({ rows: [3, 6], columns: [2, 5] }, out, 5, 1);
    for (let e = 0; e < 4; e++) for (let y = 0; y < 3; y++) for (let x = 0; x < 3; x++) {
      assert.ok(Object.is(out[(e * 5 + 1 + y) * 3 + x], want.data[(e * 3 + y) * 3 + x]));
    }
    assert.equal(out.filter((v) => v === -7).length, 4 * 2 * 3, "rows outside the band untouched");
    const f32 = new Float32Array(4 * 9 * 6);
    await src.readInto!({}, f32);
    const all = await src.read();
    assert.ok(f32.every((v, i) => Object.is(v, Math.fround(all.data[i]))));
  });

  it("rejectNonFinite: a band holding the NaN is an error naming its image file; other bands read", async () => {
    const src = await openStack(hdr, { rejectNonFinite: true });
    await src.read({ rows: [0, 5] });
    await assert.rejects(src.read({ rows: [4, 6] }), (e: unknown) => e instanceof StxmFileError && /s_a002\.xim/.test(e.message) && /non-finite|NaN/i.test(e.message));
  });

  it("an image file changed after the stack was opened and read is refused by the next read, naming it", async () => {
    const src = await openStack(hdr);
    await src.read({ rows: [0, 2] });
    const f = join(tmp.dir, "s_a001.xim");
    const clean = readFileSync(f);
    const { mtime } = statSync(f);
    try {
      writeFileSync(f, Buffer.from(clean.toString("latin1").replace(/^[^\t]+/, "1234.5"), "latin1"));
      utimesSync(f, new Date(mtime.getTime() + 5000), new Date(mtime.getTime() + 5000));
      await assert.rejects(src.read({ rows: [0, 2] }), /s_a001\.xim: image file: changed since the stack was opened/);
    } finally {
      writeFileSync(f, clean);
    }
  });

  it("an image file with a bad number: the bands without it read, the band with it is an error naming file and line", async () => {
    const dir = join(tmp.dir, "bad");
    mkdirSync(dir);
    const h = join(dir, "b.hdr");
    writeSdf(h, stack(), { time: "2026-12-02T00:00:00Z" });
    const f = join(dir, "b_a003.xim");
    const lines = readFileSync(f, "latin1").split("\r\n");
    lines[6] = lines[6].replace(/^[^\t]+/, "1.2.3");
    writeFileSync(f, lines.join("\r\n"), "latin1");
    // readStack reads every row of every file at once: the bad number stops any read of it
    await assert.rejects(readStack(h), /b_a003\.xim: line 7, column 1: expected a number, got "1\.2\.3"/);
    const src = await openStack(h);
    const good = await src.read({ rows: [0, 6] });
    assert.equal(good.ny, 6);
    await assert.rejects(src.read({ rows: [5, 8] }), /b_a003\.xim: line 7, column 1: expected a number, got "1\.2\.3"/);
  });
});
