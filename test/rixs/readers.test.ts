// RIXS readers: TIFF frames (16-bit / float, both byte orders, multi-page, bad variants), the
// ALS iRIXS-style scan table (the real "Andor info" layout, CSV with a column map, bad rows), and
// NeXus frames behind an HDF5 external link (and the error when the linked file is missing).
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync, mkdirSync, rmSync, renameSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { StxmFileError } from "../../src/io/errors";
import { encodeTiff, readTiffFrames, readScanTable, readNexusFrames, processRixsScan } from "../../src/rixs";
import { simulateRixsScan, writeRixsScan } from "../../src/simulate";

const dir = mkdtempSync(join(tmpdir(), "rixs-readers-"));
after(() => rmSync(dir, { recursive: true, force: true }));

const W = 5, H = 3;
const img = Float64Array.from({ length: W * H }, (_, i) => i * 1000 + 7);

describe("readTiffFrames", () => {
  for (const byteOrder of ["little", "big"] as const) {
    for (const sampleType of ["uint16", "float32", "int16", "uint8", "float64"] as const) {
      it(`reads ${sampleType} ${byteOrder}-endian frames, tags read from the file`, () => {
        const vals = sampleType === "int16" ? Float64Array.from(img, (v) => v - 9000) : sampleType === "uint8" ? Float64Array.from(img, (v) => v % 250) : sampleType === "float32" ? Float64Array.from(img, (v) => v + 0.25) : img;
        const p = join(dir, `f_${sampleType}_${byteOrder}.tif`);
        writeFileSync(p, encodeTiff([{ data: vals, width: W, height: H }], { sampleType, byteOrder }));
        const [f] = readTiffFrames(p);
        assert.equal(f.nRows, H);
        assert.equal(f.nCols, W);
        assert.deepEqual(Array.from(f.data), Array.from(vals));
        assert.equal(f.saturation, { uint16: 65535, int16: 32767, uint8: 255, float32: null, float64: null }[sampleType]);
      });
    }
  }
  it("reads every page of a multi-page file, and transposes with dispersive: columns", () => {
    const p = join(dir, "multi.tif");
    writeFileSync(p, encodeTiff([{ data: img, width: W, height: H }, { data: Float64Array.from(img, (v) => v + 1), width: W, height: H, description: "second" }]));
    const fr = readTiffFrames(p);
    assert.equal(fr.length, 2);
    assert.equal(fr[1].data[0], 8);
    assert.match(fr[1].source, /page 1/);
    const [t] = readTiffFrames(p, { dispersive: "columns", pages: [0] });
    assert.equal(t.nRows, W);
    assert.equal(t.nCols, H);
    assert.equal(t.data[1 * H + 2], img[2 * W + 1]); // (row 1, col 2) of the transposed = (row 2, col 1)
  });
  it("refuses 32-bit integer frames naming the file, tags and what is supported", () => {
    const p = join(dir, "int32.tif");
    writeFileSync(p, encodeTiff([{ data: img, width: W, height: H }], { sampleType: "int32" }));
    assert.throws(() => readTiffFrames(p), (e: unknown) => e instanceof StxmFileError && /int32\.tif: image: BitsPerSample\/SampleFormat: expected .*16-bit unsigned integer.*got 32-bit signed integer \(BitsPerSample 32, SampleFormat 2\)/.test((e as Error).message));
  });
  it("refuses a truncated TIFF naming the strip and the file size", () => {
    const bytes = encodeTiff([{ data: img, width: W, height: H }]);
    // move the IFD to the front so cutting the pixel data leaves readable tags
    const p = join(dir, "trunc.tif");
    const big = encodeTiff([{ data: new Float64Array(200 * 100), width: 200, height: 100 }]);
    writeFileSync(p, big.subarray(0, 8 + 20000));
    assert.throws(() => readTiffFrames(p), (e: unknown) => e instanceof StxmFileError && /trunc\.tif/.test((e as Error).message));
    const p2 = join(dir, "trunc2.tif");
    // a file whose IFD is intact but whose strip runs past the end: rewrite the strip byte count
    const b2 = Uint8Array.from(bytes);
    const dv = new DataView(b2.buffer);
    const ifd = dv.getUint32(4, true), n = dv.getUint16(ifd, true);
    for (let k = 0; k < n; k++) if (dv.getUint16(ifd + 2 + 12 * k, true) === 279) dv.setUint32(ifd + 2 + 12 * k + 8, 100000, true);
    writeFileSync(p2, b2);
    assert.throws(() => readTiffFrames(p2), /trunc2\.tif: image: strip 0: expected 100000 bytes at offset 8, but the file ends at byte \d+ \(truncated file\)/);
  });
  it("refuses a file that is not a TIFF, and unknown options", () => {
    const p = join(dir, "not.tif");
    writeFileSync(p, "hello world, not a tiff");
    assert.throws(() => readTiffFrames(p), /not\.tif: header: expected a TIFF file starting with "II" or "MM"/);
    assert.throws(() => readTiffFrames(p, { dispersve: "rows" } as never), /unknown option "dispersve"/);
  });
});

describe("readScanTable", () => {
  const sdir = join(dir, "CCD Scan 16491");
  mkdirSync(join(sdir, "Andor"), { recursive: true });
  // The ALS BL 8.0.1 "Andor info" layout (12 header lines, tab-separated, no exposure column).
  const header = ["SU", "Andor", "Scan Type: One Motor From File", "C:\\x\\CoL3.txt", "X Motor: BL 8 Energy", "Delay After Move (s): 0.10000000", "Stay at End: 0", "Curvature: 0.0", "Clip to ROI: No", "ROI: 1309 526 2539 1627", "Background ROI: None", "Data File Path: C:\\x",
    "Time\tFrame #\tBL 8 Energy\tIzero\tIzero 2\tTFY\tTEY\tSample Current\tBeam Current\tTotal Flux\tCounts\tBackground\tFilename"];
  const row = (i: number, e: number): string => `18:26:3${i}\t${i}.00000000\t${e.toFixed(8)}\t28668851.00000000\t1167349.00000000\t9963419.00000000\t272809.00000000\t0.00000000\t0.00000000\t0.00000000\t410282.00000000\t330.00000000\tCoL3_16491-0000${i}`;
  before(() => {
    for (const i of [1, 2]) writeFileSync(join(sdir, "Andor", `CoL3_16491-0000${i}.tif`), encodeTiff([{ data: img, width: W, height: H }]));
  });
  it("reads the ALS layout: header keys, energy from the X Motor column, frames in Andor/, exposure from the option", () => {
    const p = join(sdir, "CoL3_16491-AI.txt");
    writeFileSync(p, [...header, row(1, 774.99399033), row(2, 776.01432059)].join("\n") + "\n");
    const t = readScanTable(p, { exposure: 240 });
    assert.equal(t.header["X Motor"], "BL 8 Energy");
    assert.equal(t.used.energy, "BL 8 Energy");
    assert.equal(t.used.exposure, "option exposure");
    assert.equal(t.rows.length, 2);
    assert.equal(t.rows[1].excitation, 776.01432059);
    assert.equal(t.rows[0].i0, 28668851);
    assert.equal(t.rows[0].line, 14);
    assert.match(t.rows[0].framePath, /Andor\/CoL3_16491-00001\.tif$/);
    assert.throws(() => readScanTable(p), /CoL3_16491-AI\.txt: line 13: expected an exposure column .* or the exposure option/);
  });
  it("names the line and column of a missing frame, a short row and a bad number", () => {
    const p = join(sdir, "bad-AI.txt");
    writeFileSync(p, [...header, row(1, 775), row(3, 776)].join("\n"));
    assert.throws(() => readScanTable(p, { exposure: 1 }), /bad-AI\.txt: line 15, column "Filename": expected a frame file "CoL3_16491-00003", but none exists \(tried /);
    writeFileSync(p, [...header, row(1, 775).split("\t").slice(0, 5).join("\t")].join("\n"));
    assert.throws(() => readScanTable(p, { exposure: 1 }), /bad-AI\.txt: line 14: expected 13 fields \(as the column header on line 13\), got 5/);
    writeFileSync(p, [...header, row(1, 775).replace("28668851.00000000", "n/a")].join("\n"));
    assert.throws(() => readScanTable(p, { exposure: 1 }), /line 14, column "Izero": expected a positive I₀, got "n\/a"/);
  });
  it("reads a CSV with a column map", () => {
    const p = join(dir, "scan.csv");
    writeFileSync(join(dir, "a.tif"), encodeTiff([{ data: img, width: W, height: H }]));
    writeFileSync(p, "# my beamline\nE_in,mon,t,img\n530.8,1.5e7,30,a.tif\n");
    const t = readScanTable(p, { columns: { energy: "E_in", i0: "mon", exposure: "t", frame: "img" } });
    assert.deepEqual([t.rows[0].excitation, t.rows[0].i0, t.rows[0].exposure], [530.8, 1.5e7, 30]);
    assert.throws(() => readScanTable(p, { columns: { energy: "E_in", i0: "mon", exposure: "time", frame: "img" } }), /scan\.csv: line 2: expected the exposure column "time"/);
    assert.throws(() => readScanTable(p, { columns: { enrgy: "E_in" } as never }), /unknown option "enrgy"/);
  });
});

describe("processRixsScan input checks", () => {
  it("refuses frames of different sizes, naming both, and requires a dark", async () => {
    const d = join(dir, "mixed");
    mkdirSync(d, { recursive: true });
    writeFileSync(join(d, "a.tif"), encodeTiff([{ data: img, width: W, height: H }]));
    writeFileSync(join(d, "b.tif"), encodeTiff([{ data: new Float64Array(4 * 4), width: 4, height: 4 }]));
    writeFileSync(join(d, "scan.csv"), "Energy,I0,Exposure,File\n530,1,1,a.tif\n531,1,1,b.tif\n");
    const t = readScanTable(join(d, "scan.csv"));
    const dark = readTiffFrames(join(d, "a.tif"))[0];
    await assert.rejects(processRixsScan(t, { dark, curvature: { coefficients: [0], referenceColumn: 0 } }), /processRixsScan: frame b\.tif is 4 × 4 pixels but frame a\.tif is 3 × 5; expected the same size/);
    await assert.rejects(processRixsScan(t, {} as never), /option dark is required/);
  });
});

describe("readNexusFrames", function () {
  this.timeout(120000);
  it("follows the NXdetector data external link; frames equal the TIFF frames; a missing linked file is named", async () => {
    const scan = simulateRixsScan("LNRO", "pristine", { seed: 5, rows: 64, cols: 32, excitation: [527, 527.6, 0.2] });
    const w = await writeRixsScan(join(dir, "nx"), scan, { formats: ["tiff", "nexus"] });
    const nx = await readNexusFrames(w.nexus as string);
    try {
      assert.equal(nx.count, 4);
      assert.equal(nx.nRows, 64);
      assert.equal(nx.nCols, 32);
      assert.match(nx.dataSource, /LNRO_pristine_frames\.h5:\/data$/);
      assert.deepEqual(Array.from(nx.excitation), Array.from(scan.excitation));
      assert.deepEqual(Array.from(nx.i0 as Float64Array), Array.from(scan.i0));
      assert.equal(nx.saturation, 65535);
      const tif = readTiffFrames(w.frames[2])[0];
      assert.deepEqual(Array.from(nx.frame(2).data), Array.from(tif.data));
      assert.throws(() => nx.frame(4), /frame 4 does not exist/);
    } finally {
      nx.close();
    }
    renameSync(w.nexusFrames as string, `${w.nexusFrames}.moved`);
    await assert.rejects(readNexusFrames(w.nexus as string), (e: unknown) => e instanceof StxmFileError &&
      /LNRO_pristine\.nxs: \/entry\/instrument\/detector\/data: is an external link to "LNRO_pristine_frames\.h5:\/data"; the linked file .*LNRO_pristine_frames\.h5 does not exist/.test((e as Error).message));
  });
});
