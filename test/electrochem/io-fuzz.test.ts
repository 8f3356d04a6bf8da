// Damaged binaries never crash the readers: every truncation and many byte flips of real files
// give either a record or a CyclerFileError naming the file (no RangeError from a DataView, no
// TypeError, no hang).
import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { CyclerFileError, parseMpr, parseMpt, parseNda, parseNdax } from "../../src/electrochem/io/index";

const REAL = join(__dirname, "../fixtures/electrochem/real");

/** A small deterministic generator (xorshift32). */
function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 4294967296;
  };
}

function survives(parse: (b: Uint8Array) => unknown, b: Uint8Array, what: string): "ok" | "error" {
  try {
    parse(b);
    return "ok";
  } catch (e) {
    assert.ok(e instanceof CyclerFileError, `${what}: ${(e as Error).name}: ${(e as Error).message}`);
    return "error";
  }
}

const cases: [string, (b: Uint8Array, f: string) => unknown][] = [
  ["biologic/v1150_GCPL.mpr", (b, f) => parseMpr(b, f)],
  ["biologic/ocv.mpr", (b, f) => parseMpr(b, f)],
  ["biologic/zir.mpt", (b, f) => parseMpt(b, f)],
  ["neware/new_nda_file.nda", (b, f) => parseNda(b, f)],
  ["neware/TESTCELL0001-Test_Data_Collection_Ndc17.ndax", (b, f) => parseNdax(b, f)],
  ["neware/ZZZZZZZZTEST.ndax", (b, f) => parseNdax(b, f)],
];

describe("cycler readers on damaged files", function () {
  for (const [file, parse] of cases) {
    it(`${file}: 30 truncations and 80 byte flips give a record or a CyclerFileError`, () => {
      const src = new Uint8Array(readFileSync(join(REAL, file)));
      const r = rng(src.length);
      const seen = { ok: 0, error: 0 };
      for (let k = 0; k < 30; k++) {
        const n = Math.floor(r() * src.length);
        seen[survives((b) => parse(b, file), src.subarray(0, n), `${file} cut at ${n}`)]++;
      }
      for (let k = 0; k < 80; k++) {
        const b = src.slice();
        const flips = 1 + Math.floor(r() * 4);
        for (let j = 0; j < flips; j++) b[Math.floor(r() * b.length)] = Math.floor(r() * 256);
        seen[survives((x) => parse(x, file), b, `${file} flip ${k}`)]++;
      }
      assert.ok(seen.error > 0, `${file}: no damaged copy was refused`);
    });
  }
});
