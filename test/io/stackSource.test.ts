import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, truncateSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { StxmFileError, openStack, readStack, writeNxstxm } from "../../src/io";
import { stackSourceOf } from "../../src/io/stackSource";
import { makeStack } from "../../src/types/stack";
import { VENV_PYTHON } from "./nexusLayoutFiles";

const SCRIPT = join(__dirname, "..", "..", "python", "make_big_nxstxm.py");

describe("stack sources: readInto (straight into the caller's array)", function () {
  this.timeout(60000);
  let dir = "";
  let file = "";
  before(function () {
    if (!existsSync(VENV_PYTHON)) this.skip();
    dir = mkdtempSync(join(tmpdir(), "edgeworks-source-"));
    file = join(dir, "f32.hdf5");
    // float32 counts, 6 energies × 40 rows × 24 columns, chunks of 1 energy × 8 rows × 24 columns
    execFileSync(VENV_PYTHON, [SCRIPT, file, "--energies", "6", "--ny", "40", "--nx", "24", "--chunk-rows", "8"], { stdio: "pipe" });
  });
  after(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("an NXstxm float32 stack: says float32 and its chunk rows; readInto gives read's values, in the asked layout", async () => {
    const src = await openStack(file);
    assert.equal(src.valueType, "float32");
    assert.equal(src.chunkRows, 8);
    const rect = { rows: [5, 23] as const, columns: [3, 17] as const };
    const ref = await src.read(rect);
    const h = 18, w = 14;
    const out = new Float32Array(6 * h * w);
    await src.readInto!(rect, out);
    assert.deepEqual(Array.from(out), Array.from(ref.data));
    // rows at row 2 of a 21-row stride per energy; the rest untouched
    const strided = new Float64Array(6 * 21 * w).fill(-1);
    await src.readInto!(rect, strided, 21, 2);
    for (let e = 0; e < 6; e++) {
      for (let y = 0; y < 21; y++) {
        for (let x = 0; x < w; x++) {
          const want = y >= 2 && y < 2 + h ? ref.data[(e * h + y - 2) * w + x] : -1;
          assert.equal(strided[(e * 21 + y) * w + x], want, `e ${e} y ${y} x ${x}`);
        }
      }
    }
  });

  it("refuses a rectangle outside the image, an output too short and a layout that does not fit, naming them", async () => {
    const src = await openStack(file);
    await assert.rejects(src.readInto!({ rows: [30, 41] }, new Float32Array(6 * 11 * 24)), { name: "RangeError", message: /f32\.hdf5\)\.readInto: rows must be \[start, end\) with 0 ≤ start < end ≤ 40/ });
    await assert.rejects(src.readInto!({ rows: [0, 8] }, new Float32Array(6 * 8 * 24 - 1)), { name: "RangeError", message: /out has 1151 values, expected at least nE·rowStride·w = 1152/ });
    await assert.rejects(src.readInto!({ rows: [0, 8] }, new Float32Array(6 * 9 * 24), 9, 2), { name: "RangeError", message: /rows 8 at row 2 do not fit a row stride of 9/ });
  });

  it("a file cut short after it was opened is an error naming the file, never partial data", async () => {
    const cut = join(dir, "cut.hdf5");
    execFileSync(VENV_PYTHON, [SCRIPT, cut, "--energies", "6", "--ny", "40", "--nx", "24", "--chunk-rows", "8"], { stdio: "pipe" });
    const src = await openStack(cut);
    truncateSync(cut, Math.floor(statSync(cut).size * 0.6));
    await assert.rejects(src.readInto!({ rows: [32, 40] }, new Float32Array(6 * 8 * 24)), (e: unknown) => e instanceof StxmFileError && /^cut\.hdf5: /.test(e.message));
  });

  it("a float64 NXstxm stack says float64 (readInto a Float64Array keeps every value); in-memory sources copy the rectangle", async () => {
    const data = new Float64Array(3 * 4 * 5).map((_, i) => 1000 + i / 7);
    const stack = makeStack({ data, nE: 3, ny: 4, nx: 5, energies: [530, 531, 532] });
    const path = join(dir, "f64.hdf5");
    await writeNxstxm(path, stack);
    const src = await openStack(path);
    assert.equal(src.valueType, "float64");
    const out = new Float64Array(3 * 2 * 3);
    await src.readInto!({ rows: [1, 3], columns: [2, 5] }, out);
    assert.deepEqual(Array.from(out), Array.from((await readStack(path, { select: { rows: [1, 3], columns: [2, 5] } })).data));
    // energies that return to the first one (not one consecutive range): the y positions still come back
    const back = makeStack({ data, nE: 3, ny: 4, nx: 5, energies: [530, 531, 530], y: [0.5, 0.6, 0.7, 0.8] });
    const backPath = join(dir, "back.hdf5");
    await writeNxstxm(backPath, back);
    assert.deepEqual(Array.from((await openStack(backPath)).y), [0.5, 0.6, 0.7, 0.8]);
    const mem = stackSourceOf(stack);
    assert.equal(mem.valueType, "float64");
    const m = new Float64Array(3 * 2 * 3);
    await mem.readInto!({ rows: [1, 3], columns: [2, 5] }, m);
    assert.deepEqual(Array.from(m), Array.from(out));
  });
});
