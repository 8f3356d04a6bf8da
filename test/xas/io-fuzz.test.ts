// Seeded damage to every committed real XAS file: truncation at random points, random byte flips,
// lines duplicated or deleted. For every damaged file each reader (through readXas, which also
// sniffs) must either return scans whose columns all have nPoints finite-or-reported values, or
// throw a StxmFileError naming the file — never a TypeError, RangeError or a hang.
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import { createRng } from "../../src/linalg/createRng";
import { StxmFileError } from "../../src/io/errors";
import { readXas } from "../../src/xas/io/readXas";
import { REAL, tmpFile } from "./io-helpers";

function check(path: string, what: string): "read" | "refused" {
  try {
    const scans = readXas(path, {});
    for (const s of scans) {
      assert.equal(s.names.length, Object.keys(s.columns).length, `${what}: names vs columns`);
      for (const n of s.names) assert.equal(s.columns[n].length, s.nPoints, `${what}: column ${n} length`);
    }
    return "read";
  } catch (e) {
    if (e instanceof StxmFileError) {
      assert.ok(e.message.includes(path), `${what}: the message names the file: ${e.message}`);
      return "refused";
    }
    throw new Error(`${what}: not a StxmFileError: ${(e as Error).stack}`);
  }
}

describe("XAS readers under seeded damage (every real fixture)", function () {
  this.timeout(300000);
  const files = ["xdi", "columns", "spec", "athena"].flatMap((d) => readdirSync(join(REAL, d)).map((f) => join(REAL, d, f)));
  it(`truncations, byte flips and line edits of ${files.length} files: read or refused with the file named`, () => {
    const rng = createRng(20261202);
    const counts = { read: 0, refused: 0 };
    for (const f of files) {
      const raw = readFileSync(f);
      const gz = raw[0] === 0x1f && raw[1] === 0x8b;
      const text = gz ? gunzipSync(raw) : raw;
      for (let k = 0; k < 6; k++) {
        let bytes: Uint8Array;
        const kind = k % 3;
        if (kind === 0) bytes = text.subarray(0, rng.int(text.length));
        else if (kind === 1) {
          bytes = Uint8Array.from(text);
          for (let j = 0; j < 4; j++) bytes[rng.int(bytes.length)] = 32 + rng.int(95);
        } else {
          const lines = Buffer.from(text).toString("latin1").split("\n");
          const at = rng.int(lines.length);
          if (rng.uniform() < 0.5) lines.splice(at, 1);
          else lines.splice(at, 0, lines[rng.int(lines.length)]);
          bytes = Buffer.from(lines.join("\n"), "latin1");
        }
        const name = `${f.split("/").pop()}.${k}`;
        const p = tmpFile(name, gz && kind !== 0 ? gzipSync(bytes) : bytes);
        counts[check(p, name)]++;
      }
      // A truncated gzip stream too.
      if (gz) assert.equal(check(tmpFile(`${f.split("/").pop()}.cut`, raw.subarray(0, rng.int(raw.length - 10) + 1)), "cut gzip"), "refused");
    }
    assert.ok(counts.read > 0 && counts.refused > 0, JSON.stringify(counts));
    console.log(`    ${counts.read} damaged files read (with warnings), ${counts.refused} refused with the file named`);
  });
});
