// Fuzz test of SDF stacks read band by band (openStack → line-indexed .xim reads): every .xim
// truncated at every byte and flipped at random bytes, before the stack is opened or after it was
// opened and read once. Each case ends in a StxmFileError naming the damaged file (or the header),
// or in the clean file's data (a flip inside one number may change that one number, as the file
// then says), and the same outcome as readStack's whole read of the damaged files (both refuse, or
// both give the same values). Seeded, so a failure repeats.
import assert from "node:assert/strict";
import { readFileSync, readdirSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { StxmFileError, openStack, readStack, writeSdf, type StackSource } from "../../src/io";
import { createRng } from "../../src/linalg/createRng";
import { makeStack, type Stack } from "../../src/types/stack";
import { tempDir } from "./helpers";

const nE = 3, ny = 6, nx = 5;

/** value = 1.25 (1000 e + 10 y + x) + 0.5 */
function cleanStack(): Stack {
  const data = new Float64Array(nE * ny * nx);
  for (let e = 0; e < nE; e++) for (let y = 0; y < ny; y++) for (let x = 0; x < nx; x++) data[(e * ny + y) * nx + x] = 1.25 * (1000 * e + 10 * y + x) + 0.5;
  return makeStack({ data, nE, ny, nx, energies: [700.5, 701.75, 703], x: [0, 0.25, 0.5, 0.75, 1], y: [7, 7.5, 8, 8.5, 9, 9.5], dwell: [2, 3, 4] });
}

/** Every value of the stack, read in bands of 2 rows through readInto and then once through read. */
async function readAll(src: StackSource): Promise<Float64Array> {
  const out = new Float64Array(nE * ny * nx);
  for (let y0 = 0; y0 < ny; y0 += 2) await src.readInto!({ rows: [y0, y0 + 2] }, out, ny, y0);
  const whole = await src.read();
  for (let i = 0; i < out.length; i++) assert.ok(Object.is(out[i], whole.data[i]), `readInto and read disagree at ${i}`);
  return out;
}

function differing(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let n = 0;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) n++;
  return n;
}

describe("SDF band reads under fuzzing (openStack: truncations and byte flips, before and after opening)", function () {
  this.timeout(120000);
  let tmp: { dir: string; cleanup: () => void };
  let hdr = "";
  let clean: Float64Array;
  let files: Record<string, Buffer> = {};
  const tally = { cases: 0, errors: 0, same: 0, one: 0 };

  before(async () => {
    tmp = tempDir();
    hdr = join(tmp.dir, "s.hdr");
    writeSdf(hdr, cleanStack(), { time: "2026-12-02T00:00:00Z" });
    files = Object.fromEntries(readdirSync(tmp.dir).filter((f) => f.endsWith(".xim")).map((f) => [f, readFileSync(join(tmp.dir, f))]));
    clean = Float64Array.from((await readStack(hdr)).data);
  });
  after(() => {
    tmp.cleanup();
    console.log(`      (${tally.cases} cases: ${tally.errors} StxmFileError, ${tally.same} same data, ${tally.one} one flipped number read as written)`);
  });

  /** Run a case: `damage` before opening ("before") or after one clean read ("after"). */
  async function expectSafe(file: string, bytes: Uint8Array, when: "before" | "after", allowed: number, what: string): Promise<void> {
    tally.cases++;
    const path = join(tmp.dir, file);
    const { mtime } = statSync(path);
    const damage = (): void => {
      writeFileSync(path, bytes);
      // a later modification time, as any edit gives (the test runs faster than the clock's tick)
      utimesSync(path, new Date(mtime.getTime() + 2000), new Date(mtime.getTime() + 2000));
    };
    try {
      let got: Float64Array | undefined;
      try {
        if (when === "before") damage();
        const src = await openStack(hdr);
        if (when === "after") {
          assert.equal(differing(await readAll(src), clean), 0);
          damage();
        }
        got = await readAll(src);
      } catch (e) {
        if (!(e instanceof StxmFileError)) assert.fail(`${what}: expected a StxmFileError, got ${(e as Error)?.name}: ${(e as Error)?.message}`);
        assert.ok(e.message.includes(file) || e.message.includes("s.hdr"), `${what}: the message names neither ${file} nor s.hdr: ${e.message}`);
        if (when === "after") assert.match(e.message, /changed since/, what);
        else await assert.rejects(readStack(hdr), StxmFileError, `${what}: the bands were refused (${e.message}) but readStack read the file`);
        tally.errors++;
        return;
      }
      if (when === "before") {
        // the in-memory reader (whole text parsed at once) reads the damaged file the same way
        const whole = await readStack(hdr).then((st) => st.data, (e: unknown) => e as Error);
        assert.ok(!(whole instanceof Error), `${what}: the bands read, but readStack refused the file: ${(whole as Error).message}`);
        assert.equal(differing(got, whole as Float64Array), 0, `${what}: bands and readStack differ`);
      }
      const d = differing(got, clean);
      assert.ok(d <= allowed, `${what}: read without an error but ${d} values differ from the clean file (allowed ${allowed})`);
      if (d === 0) tally.same++;
      else tally.one++;
    } finally {
      writeFileSync(path, files[file]);
      utimesSync(path, mtime, mtime);
    }
  }

  it("clean: bands read through the index equal readStack's whole stack", async () => {
    assert.equal(differing(await readAll(await openStack(hdr)), clean), 0);
  });

  it("every .xim truncated at every byte, before opening and after", async () => {
    for (const [file, bytes] of Object.entries(files)) {
      for (let off = 0; off < bytes.length; off++) {
        await expectSafe(file, bytes.subarray(0, off), "before", 0, `${file} cut at ${off} of ${bytes.length} before opening`);
        if (off % 7 === 0) await expectSafe(file, bytes.subarray(0, off), "after", 0, `${file} cut at ${off} after opening`);
      }
    }
  });

  it("byte flips in every .xim (80 per file), before opening and after", async () => {
    const r = createRng(0x5eed0b);
    for (const [file, bytes] of Object.entries(files)) {
      for (let k = 0; k < 80; k++) {
        const off = Math.floor(r.uniform() * bytes.length);
        const b = Uint8Array.from(bytes);
        b[off] ^= 1 + Math.floor(r.uniform() * 255);
        await expectSafe(file, b, k % 4 === 3 ? "after" : "before", 1, `${file} byte ${off} flipped (${k % 4 === 3 ? "after" : "before"} opening)`);
      }
    }
  });
});
