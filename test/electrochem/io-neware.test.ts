// readNda / readNdax on the vendored NewareNDA test files (BSD-3) and on damaged or foreign
// files. The numbers of every column are compared with NewareNDA in io-reference.test.ts; here:
// versions, metadata, the time axis, and the error for each fault.
import { strict as assert } from "node:assert";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { crc32, deflateRawSync } from "node:zlib";
import { readNda, readNdax, CyclerFileError } from "../../src/electrochem/io/index";

const NEWARE = join(__dirname, "../fixtures/electrochem/real/neware");

/** A zip archive (deflated entries) with the given files, for building damaged .ndax files. */
function zip(files: Record<string, Uint8Array>): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let off = 0;
  for (const [name, data] of Object.entries(files)) {
    const comp = deflateRawSync(data);
    const n = Buffer.from(name, "latin1");
    const lh = Buffer.alloc(30);
    lh.writeUInt32LE(0x04034b50, 0);
    lh.writeUInt16LE(20, 4);
    lh.writeUInt16LE(8, 8);
    lh.writeUInt32LE(crc32(data) >>> 0, 14);
    lh.writeUInt32LE(comp.length, 18);
    lh.writeUInt32LE(data.length, 22);
    lh.writeUInt16LE(n.length, 26);
    const ch = Buffer.alloc(46);
    ch.writeUInt32LE(0x02014b50, 0);
    ch.writeUInt16LE(20, 4);
    ch.writeUInt16LE(20, 6);
    ch.writeUInt16LE(8, 10);
    ch.writeUInt32LE(crc32(data) >>> 0, 16);
    ch.writeUInt32LE(comp.length, 20);
    ch.writeUInt32LE(data.length, 24);
    ch.writeUInt16LE(n.length, 28);
    ch.writeUInt32LE(off, 42);
    locals.push(lh, n, comp);
    central.push(ch, n);
    off += 30 + n.length + comp.length;
  }
  const cd = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(files).length, 8);
  end.writeUInt16LE(Object.keys(files).length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(off, 16);
  return Buffer.concat([...locals, cd, end]);
}

describe("readNda / readNdax (Neware)", function () {
  let dir = "";
  before(() => {
    dir = mkdtempSync(join(tmpdir(), "neware-"));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, b: Uint8Array): string => {
    const p = join(dir, name);
    writeFileSync(p, b);
    return p;
  };

  it("reads nda version 29 (BTS 7.6): step time accumulated into time since the start", () => {
    const d = readNda(join(NEWARE, "new_nda_file.nda"));
    assert.equal(d.format, "neware-nda v29");
    assert.equal(d.nPoints, 439);
    assert.equal(d.metadata.server, "BTSServer(R3)-7.6.0.301 (2018.07.30)");
    assert.equal(d.metadata.activeMassMg, 1);
    // Step 1 ends at 5.0 s step time; step 2 starts at step time 0 → 5.0 s since the start.
    const s2 = d.step!.indexOf(2);
    assert.equal(d.extra["Step time/s"][s2], 0);
    assert.equal(d.time[s2], d.time[s2 - 1]);
    assert.ok(d.time.every((t, i) => i === 0 || t >= d.time[i - 1]));
    assert.equal(d.metadata.statusNames, "1=CC_Chg, 2=CC_DChg, 4=Rest");
    assert.ok(d.current.some((v) => v < 0) && d.current.some((v) => v > 0));
    // capacity = charge − discharge within the step: negative in the CC_DChg step.
    assert.ok(d.capacity![s2 - 1] < 0);
  });

  it("reads nda version 130 (BTS 9.1) with its temperature channel", () => {
    const d = readNda(join(NEWARE, "TestFile.nda"));
    assert.equal(d.format, "neware-nda v130");
    assert.equal(d.metadata.btsVariant, "BTS 9.1");
    assert.equal(d.nPoints, 6670);
    assert.ok("T1/°C" in d.extra);
    assert.equal(d.cycle![d.nPoints - 1], 3);
  });

  it("reads ndax with .ndc versions 14, 16 and 17 (zip64 entries, sparse run info filled and marked)", () => {
    const v14 = readNdax(join(NEWARE, "123456789012_Unit27_Example_Data_File.ndax"));
    assert.equal(v14.format, "neware-ndax (ndc 14)");
    assert.ok("T1/°C" in v14.extra && "T2/°C" in v14.extra);
    const v16 = readNdax(join(NEWARE, "ZZZZZZZZTEST.ndax"));
    assert.equal(v16.format, "neware-ndax (ndc 16)");
    assert.ok("V1/V" in v16.extra && "T1/°C" in v16.extra);
    const v17 = readNdax(join(NEWARE, "TESTCELL0001-Test_Data_Collection_Ndc17.ndax"));
    assert.equal(v17.format, "neware-ndax (ndc 17)");
    assert.equal(v17.metadata.barcode, "TESTCELL0001");
    assert.equal(v17.nPoints, 80);
    assert.equal(v17.step![v17.nPoints - 1], 5);
    assert.match(v17.warnings.join(" "), /65 of 80 records have no run-info row/);
    assert.equal(v17.extra.Interpolated.reduce((a, b) => a + b, 0), 65);
    // Charge at ~1000 mA positive, discharge negative; time since the start over five 16-s steps.
    assert.ok(Math.max(...v17.current) > 999 && Math.min(...v17.current) < -999);
    assert.equal(v17.time[v17.nPoints - 1], 75);
  });

  it("names the fault in .nda files: truncated, unknown version, not a Neware file, empty", () => {
    const src = readFileSync(join(NEWARE, "new_nda_file.nda"));
    assert.throws(() => readNda(write("head.nda", src.subarray(0, 2000))), /data section: expected data records \(marker 00 00 00 00 55 00\), found none/);
    const cut = readNda(write("cut.nda", src.subarray(0, src.length - 1000)));
    assert.ok(cut.nPoints < 439 && cut.nPoints > 400);
    assert.match(cut.warnings.join(" "), /ends with \d+ bytes that do not fill an 86-byte record/);
    const v = Buffer.from(src);
    v[14] = 77;
    assert.throws(() => readNda(write("v77.nda", v)), /byte 14: unsupported Neware \.nda version 77 \(this reader knows versions 29 and 130\)/);
    assert.throws(() => readNda(join(NEWARE, "ZZZZZZZZTEST.ndax")), /byte 0: expected the Neware magic "NEWARE" \(a \.nda file\), got "PK/);
    assert.throws(() => readNda(write("empty.nda", new Uint8Array(0))), (e: Error) => e instanceof CyclerFileError && /is empty/.test(e.message));
    assert.throws(() => readNda(join(NEWARE, "new_nda_file.nda"), { sort: true } as never), /readNda: unknown option "sort"/);
  });

  it("names the fault in .ndax files: not a zip, a zip that is not an ndax, truncated, damaged, unknown ndc version", () => {
    const src = readFileSync(join(NEWARE, "TESTCELL0001-Test_Data_Collection_Ndc17.ndax"));
    assert.throws(() => readNdax(join(NEWARE, "new_nda_file.nda")), /byte 0: expected a zip archive \(signature "PK\\x03\\x04"; a Neware \.ndax is a zip\), got "NEWARE/);
    const other = write("photos.ndax", zip({ "readme.txt": Buffer.from("hello"), "img/a.png": Buffer.alloc(10) }));
    assert.throws(() => readNdax(other), /zip entries: expected "data\.ndc" \(a Neware \.ndax\), found: readme\.txt, img\/a\.png/);
    assert.throws(() => readNdax(write("cut.ndax", src.subarray(0, src.length - 300))), /expected a zip end-of-central-directory record .* truncated or not a zip/);
    const bad = Buffer.from(src);
    bad[src.indexOf("data.ndc") + 60] ^= 0xff; // inside data.ndc's deflated bytes (its local header names it first)
    assert.throws(() => readNdax(write("bad.ndax", bad)), /zip entry "[^"]+": (the deflated data is damaged|CRC-32 mismatch|expected \d+ bytes after inflating)/);
    const ndc = new Uint8Array(8192);
    ndc[0] = 1;
    ndc[2] = 11;
    const v11 = write("v11.ndax", zip({ "data.ndc": ndc, "data_runInfo.ndc": ndc, "data_step.ndc": ndc }));
    assert.throws(() => readNdax(v11), /zip entry "data\.ndc": unsupported Neware \.ndc version 11 for file type 1 \(this reader knows versions 14, 16, 17/);
    assert.throws(() => readNdax(write("e.ndax", new Uint8Array(0))), /is empty/);
  });
});
