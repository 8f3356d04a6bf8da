// readXas / sniffXasFormat: the format comes from the content; every committed real file is
// recognised; files whose extension lies, and files that are none of the formats, get errors
// saying what was found.
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { join } from "node:path";
import { readXas, sniffXasFormat } from "../../src/xas/io/readXas";
import { scanSpectrum } from "../../src/xas/scanSpectrum";
import { EXTERNAL, REAL, haveExternal, tmpFile } from "./io-helpers";

describe("readXas: every committed real file is recognised by its content", () => {
  const expected: Record<string, string> = { xdi: "xdi", athena: "athena", columns: "columns", spec: "spec" };
  for (const dir of Object.keys(expected)) {
    it(`${dir}/ → ${expected[dir]}`, () => {
      for (const f of readdirSync(join(REAL, dir))) {
        if (dir === "xdi" && ["bad_01.xdi", "bad_11.xdi", "bad_13.xdi", "bad_16.xdi"].includes(f)) continue; // not readable as XDI: tested below / in io-xdi
        const g = sniffXasFormat(join(REAL, dir, f));
        assert.equal(g.format, expected[dir], `${dir}/${f}: ${g.reason}`);
        const scans = readXas(join(REAL, dir, f), dir === "columns" ? { energyOrder: "any" } : {});
        assert.ok(scans.length >= 1, f);
        for (const s of scans) assert.equal(s.format, dir === "athena" ? "athena" : expected[dir]);
      }
    });
  }
  it("the external foils and projects, when present", function () {
    if (!haveExternal) {
      console.log(`    (skipped: ${EXTERNAL} is absent)`);
      this.skip();
    }
    assert.equal(sniffXasFormat(join(EXTERNAL, "ni_metal_rt.xdi")).format, "xdi");
    assert.equal(sniffXasFormat(join(EXTERNAL, "FeO.prj")).format, "athena");
    const [g] = readXas(join(EXTERNAL, "FeO.prj"));
    assert.equal(scanSpectrum(g, { mode: "mu" }).energies.length, 412);
  });
});

describe("readXas: extensions that lie and files that are none of the formats", () => {
  it("an XDI file named .prj, an Athena project named .xdi, a SPEC file named .txt are read as what they are", () => {
    const xdi = readFileSync(join(REAL, "xdi", "cu_metal_rt.xdi"));
    assert.equal(readXas(tmpFile("cu.prj", xdi))[0].format, "xdi");
    const prj = readFileSync(join(REAL, "athena", "fbo.prj"));
    assert.equal(readXas(tmpFile("fbo.xdi", prj))[0].format, "athena");
    const spec = readFileSync(join(REAL, "spec", "twoc.dat"));
    assert.equal(readXas(tmpFile("twoc.txt", spec)).length, 3);
  });
  it("empty, binary, HDF5, gzip that is not Athena, text without numbers: errors saying what was found", () => {
    assert.throws(() => readXas(tmpFile("e.xdi", "")), /e\.xdi: XAS file: expected an XDI, SPEC, Athena project or column file, got an empty file/);
    assert.throws(() => readXas(tmpFile("png.xdi", Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]))), /png\.xdi: XAS file: .*got binary data \(first bytes 89 50 4e 47/);
    assert.throws(() => readXas(tmpFile("h5.xdi", Uint8Array.from([0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]))), /h5\.xdi: XAS file: .*got an HDF5 file/);
    assert.throws(() => readXas(tmpFile("gz.dat", gzipSync(Buffer.from("energy mu\n1 2\n")))), /gz\.dat: XAS file: expected an Athena project inside the gzip data, got "energy mu/);
    assert.throws(() => readXas(tmpFile("words.txt", "Dear user,\nthis is a letter.\n")), /words\.txt: XAS file: .*got text with no rows of numbers .*first line: "Dear user,"/);
  });
  it("options are checked against the format found", () => {
    const p = join(REAL, "xdi", "cu_metal_rt.xdi");
    assert.throws(() => readXas(p, { scans: [1] }), /option "scans" does not apply to xdi files \(found: first line "# XDI\/1\.0 GSE\/1\.0" \(XDI\)\); it applies to spec files/);
    assert.throws(() => readXas(p, { format: "xmu" as never }), /option format must be "xdi", "spec", "athena" or "columns", got "xmu"/);
    assert.throws(() => readXas(p, { colums: {} } as never), /unknown option "colums"/);
    assert.equal(readXas(p, { format: "columns" })[0].format, "columns");
  });
});
