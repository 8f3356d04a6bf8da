// readColumnFile: beamline column files from larch's examples (APS 20-BM EPICS fixed-width
// headings, APS 13-ID `; P1 = {Energy}` aliases, CLS HXMA comma-separated with quoted PV names,
// SSRL `Data:` blocks, ESRF BM08, KEK-PF, files with no or incomplete labels) against larch's
// read_ascii; hand-made files for separators, quoting, CRLF, options and bad input; a soft-X-ray
// scan with TEY, PFY and I0 normalised each way.
import assert from "node:assert/strict";
import { join } from "node:path";
import { readColumnFile } from "../../src/xas/io/readColumnFile";
import { scanSpectrum } from "../../src/xas/scanSpectrum";
import { REAL, assertMatchesRef, loadRef, tmpFile, close } from "./io-helpers";

const COL = join(REAL, "columns");
const ref = loadRef("columns");
/** larch's label spelling: lower case, runs of other characters → "_". */
const larchName = (n: string): string => n.toLowerCase().replace(/[^a-z0-9]+/g, "_").replace(/^_+|_+$/g, "");

describe("readColumnFile: beamline files (test/fixtures/xas/io/real/columns, from xraylarch, MIT)", () => {
  const softFiles = ["SigScan.25702", "htxs_scan.881", "xo1s_d55_z3.5_Blank_C_tape_886.dat"];
  for (const f of Object.keys(ref).filter((k) => !softFiles.includes(k))) {
    it(`${f}: the same rows and values as larch's read_ascii${f.startsWith("PF") ? "" : ", and the same names"}`, () => {
      const s = readColumnFile(join(COL, f), { energyOrder: "any" });
      assert.equal(s.names.length, ref[f].names.length, `${f}: number of columns`);
      assertMatchesRef(s, ref[f], (ln) => s.names[ref[f].names.indexOf(ln)]);
      if (!f.startsWith("PF")) assert.deepEqual(s.names.map(larchName), ref[f].names, `${f}: names`);
    });
  }
  it("soft X-ray O K scans (ALS BCS SigScan, TEY/FY files): the same values as larch, better names", () => {
    for (const f of softFiles) {
      const s = readColumnFile(join(COL, f), { energyOrder: "any" });
      const w = ref[f];
      assert.equal(s.nPoints, w.n, f);
      assert.equal(s.names.length, w.names.length, f);
      // SigScan's first column is a time of day: larch makes a date of it, we seconds since midnight.
      const cols = f.startsWith("SigScan") ? s.names.slice(1) : s.names;
      const off = f.startsWith("SigScan") ? 1 : 0;
      const sub = { ...s, columns: Object.fromEntries(cols.map((n, j) => [w.names[j + off], s.columns[n]])) };
      assertMatchesRef(sub, { ...w, names: w.names.slice(off) });
    }
    const sig = readColumnFile(join(COL, "SigScan.25702"));
    assert.deepEqual(sig.names.slice(0, 4), ["Time of Day", "Time (s)", "Energy", "Channeltron"]);
    assert.equal(sig.columns["Time of Day"][0], 9 * 60 + 2);
    assert.match(sig.warnings.join(" "), /column 1 "Time of Day" is a time of day \(hh:mm:ss\): read as seconds since midnight/);
    const tey = scanSpectrum(sig, { mode: "tey", tey: "TEY_up", i0: "Izero" });
    close(tey.values[0], 1463.18937034 / 466480, 1e-12, "TEY/I0");
    assert.equal(tey.energies[0], 515.00025957);
    const htxs = readColumnFile(join(COL, "htxs_scan.881"));
    assert.equal(htxs.names[0], "#");
    assert.equal(htxs.names[1], "mono");
    assert.equal(htxs.energy, "Energy_encoder");
    const both = readColumnFile(join(COL, "xo1s_d55_z3.5_Blank_C_tape_886.dat"));
    assert.equal(both.energy, "mono");
    const y = scanSpectrum(both, { mode: "tey" });
    const fy = scanSpectrum(both, { mode: "fluorescence", if: "fy" });
    assert.deepEqual([y.columnsUsed.tey, fy.columnsUsed.if, fy.columnsUsed.i0], ["tey", "fy", "i0"]);
    close(fy.values[0], 312.667 / 6169.67, 1e-12, "FY/I0");
  });
  it("finds the energy column and what the names came from", () => {
    const cases: [string, string, RegExp][] = [
      ["APS20BM_2001.dat", "Mono Energy *", /21-character EPICS fields/],
      ["APS13ID_2008.dat", "Energy", /P1 = \{…\}" aliases/],
      ["CLSHXMA.dat", "EnergyFeedback", /header line 3/],
      ["SSRL1_2006.dat", "Achieved Energy", /after "Data:"/],
      ["ESRF_BM08_LISA_2021.dat", "eBraggEnergy", /last header line/],
    ];
    for (const [f, e, how] of cases) {
      const s = readColumnFile(join(COL, f));
      assert.equal(s.energy, e, f);
      assert.match(String(s.metadata["names from"]), how, f);
    }
  });
  it("APS20BM: transmission μ from I0 and I1", () => {
    const s = readColumnFile(join(COL, "APS20BM_2001.dat"));
    const mu = scanSpectrum(s, { mode: "transmission", it: "I1" });
    close(mu.values[0], Math.log(s.columns.I0[0] / s.columns.I1[0]), 1e-15, "μ[0]");
    assert.equal(mu.energies[0], 6911.76713008);
  });
  it("generic_columns_no_header: named col1…col7 with a warning; the columns option names them", () => {
    const s = readColumnFile(join(COL, "generic_columns_no_header.dat"));
    assert.deepEqual(s.names, ["col1", "col2", "col3", "col4", "col5", "col6", "col7"]);
    assert.match(s.warnings[0], /no header line names the 7 columns/);
    const t = readColumnFile(join(COL, "generic_columns_no_header.dat"), { columns: { energy: 1, i0: 2, it: 3 } });
    assert.equal(t.energy, "energy");
    assert.deepEqual(t.names.slice(0, 4), ["energy", "i0", "it", "col4"]);
    assert.equal(scanSpectrum(t, { mode: "transmission" }).values.length, 198);
  });
  it("incomplete_label: 5 names for 57 columns, the rest colN, with a warning", () => {
    const s = readColumnFile(join(COL, "incomplete_label.dat"));
    assert.deepEqual(s.names.slice(0, 7), ["energy", "time1", "time2", "i0", "i1", "col6", "col7"]);
    assert.match(s.warnings.join(" "), /names only 5 of 57 columns/);
  });
  it("PFBL12C (KEK-PF): the DOS end-of-file mark after the data is reported; no energy column (the file has angles)", () => {
    const s = readColumnFile(join(COL, "PFBL12C_2005.dat"), { energyOrder: "any" });
    assert.equal(s.energy, undefined);
    assert.match(s.warnings.join(" "), /ignored 1 line after the data \(line 838/);
    assert.throws(() => scanSpectrum(s, { mode: "transmission" }), /no energy column known; columns present: Angle\(c\), Angle\(o\), time\/s, 2, 3/);
  });
});

describe("readColumnFile: by hand", () => {
  it("blank, tab and comma separators, CRLF, quoted names give the same scan", () => {
    const rows = [
      [100, 10, 5],
      [101, 10, 2.5],
      [102, 20, 2.5],
    ];
    const variants: [string, string][] = [
      ["space.dat", "# energy i0 it\n" + rows.map((r) => r.join("  ")).join("\n") + "\n"],
      ["tab.txt", "# energy\ti0\tit\r\n" + rows.map((r) => r.join("\t")).join("\r\n") + "\r\n"],
      ["comma.csv", "energy,i0,it\n" + rows.map((r) => r.join(",")).join("\n")],
      ["quoted.dat", '# "energy" "i0" "it"\n' + rows.map((r) => r.join(" ")).join("\n")],
      ["quoted.csv", '"energy", "i0", "it"\r\n' + rows.map((r) => r.join(", ")).join("\r\n")],
    ];
    for (const [name, text] of variants) {
      const s = readColumnFile(tmpFile(name, text));
      assert.deepEqual(s.names, ["energy", "i0", "it"], name);
      assert.equal(s.energy, "energy", name);
      assert.deepEqual(Array.from(s.columns.it), [5, 2.5, 2.5], name);
      assert.deepEqual(s.warnings, [], name);
    }
  });
  it("names with spaces split at runs of blanks; units in names; header fields in metadata", () => {
    const s = readColumnFile(tmpFile("wide.dat", "# Sample: LiCoO2\n# Edge = Co K\n# Energy (keV)   Ion chamber 0   Ion chamber 1\n7.7 1 2\n7.71 1 2\n"));
    assert.deepEqual(s.names, ["Energy (keV)", "Ion chamber 0", "Ion chamber 1"]);
    assert.equal(s.units["Energy (keV)"], "keV");
    assert.equal(s.metadata.Sample, "LiCoO2");
    assert.equal(s.metadata.Edge, "Co K");
    const mu = scanSpectrum(s, { mode: "transmission", i0: "Ion chamber 0", it: "Ion chamber 1" });
    assert.deepEqual(Array.from(mu.energies), [7700, 7710]);
    assert.match(mu.notes[0], /keV; multiplied by 1000/);
  });
  it("an aborted scan: NaN rows dropped and a cut-off last row dropped, both reported", () => {
    const s = readColumnFile(tmpFile("abort.dat", "# energy i0 it\n100 1 2\n101 1 2\n102 nan nan\n103 1"));
    assert.equal(s.nPoints, 2);
    assert.match(s.warnings.join(" | "), /dropped 1 of 3 data rows .*data row 3 \(file line 4\)/);
    assert.match(s.warnings.join(" | "), /dropped the last line 5: 2 values instead of 3/);
  });
  it("comment lines inside the data are skipped and reported", () => {
    const s = readColumnFile(tmpFile("cmt.dat", "# energy i0 it\n100 1 2\n# pause\n101 1 2\n102 1 2\n"));
    assert.equal(s.nPoints, 3);
    assert.match(s.warnings[0], /skipped 1 comment line inside the data \(line 3\)/);
  });
  it("decreasing or repeated energies are an error naming the rows, unless energyOrder is 'any'", () => {
    const p = tmpFile("down.dat", "# energy i0 it\n102 1 2\n101 1 2\n101 1 2\n");
    assert.throws(() => readColumnFile(p), /down\.dat: column "energy": expected energies increasing .*102 at data row 1 \(line 2\) then 101 at data row 2 \(line 3\)/);
    assert.equal(readColumnFile(p, { energyOrder: "any" }).nPoints, 3);
  });
  it("bad options name what is wrong and what is there", () => {
    const p = tmpFile("opt.dat", "# energy i0 it\n100 1 2\n101 1 2\n");
    assert.throws(() => readColumnFile(p, { columns: { energy: 4 } }), /opt\.dat: option columns\.energy: expected a column number 1…3, got 4; columns: 1 energy, 2 i0, 3 it/);
    assert.throws(() => readColumnFile(p, { columns: { i0: "I_0" } }), /option columns\.i0: expected one of the columns "energy", "i0", "it", got "I_0"/);
    assert.throws(() => readColumnFile(p, { names: ["a", "b"] }), /option names: expected 3 non-empty strings/);
    assert.throws(() => readColumnFile(p, { column: {} } as never), /unknown option "column"; expected one of: columns, names, energyOrder/);
  });
  it("no numbers, an empty file, a binary file, a gzip file are clear errors", () => {
    assert.throws(() => readColumnFile(tmpFile("words.dat", "just some text\nand more\n")), /words\.dat: data: expected rows of numbers .*got none in 2 lines/);
    assert.throws(() => readColumnFile(tmpFile("e.dat", "")), /e\.dat: column file: expected text, got an empty file/);
    assert.throws(() => readColumnFile(tmpFile("b.dat", Uint8Array.from([1, 2, 3, 0, 5]))), /b\.dat: column file: expected text, got binary data/);
    assert.throws(() => readColumnFile(tmpFile("z.dat", Uint8Array.from([0x1f, 0x8b, 8, 0]))), /z\.dat: column file: expected text, got gzip-compressed data/);
  });
});

describe("soft X-ray scans: TEY, PFY and I0 columns normalised each way", () => {
  // An SGM-style scan of the O K edge: drain current (TEY), a partial-fluorescence ROI and I0.
  // Planted: TEY = I0 · a(E), PFY = I0 · b(E), so TEY/I0 and PFY/I0 must give a and b back.
  const n = 60;
  const e = Array.from({ length: n }, (_, i) => 525 + 0.5 * i);
  const a = e.map((x) => 0.02 + 0.5 / (1 + Math.exp(-(x - 531) / 0.6)));
  const b = e.map((x) => 0.01 + 0.3 * Math.exp(-0.5 * ((x - 530.8) / 0.4) ** 2) + 0.2 / (1 + Math.exp(-(x - 532) / 0.8)));
  const i0 = e.map((_, i) => 2.5e-9 * (1 - 0.004 * i));
  const text =
    "# CLS SGM 11ID-1, O K edge\n#(1)\t\"Energy\"\t\"TEY\"\t\"PFY_O\"\t\"I0\"\n" +
    e.map((x, i) => `${x.toFixed(2)}\t${(i0[i] * a[i]).toExponential(12)}\t${(i0[i] * b[i] * 1e12).toExponential(12)}\t${i0[i].toExponential(12)}`).join("\n") +
    "\n";
  it("TEY/I0 and PFY/I0 give the planted spectra back", () => {
    const s = readColumnFile(tmpFile("sgm.dat", text));
    assert.deepEqual(s.names, ["Energy", "TEY", "PFY_O", "I0"]);
    const tey = scanSpectrum(s, { mode: "tey" });
    const fy = scanSpectrum(s, { mode: "fluorescence" });
    assert.deepEqual(tey.columnsUsed, { energy: "Energy", i0: "I0", tey: "TEY" });
    assert.deepEqual(fy.columnsUsed, { energy: "Energy", i0: "I0", if: "PFY_O" });
    for (let i = 0; i < n; i++) {
      close(tey.values[i], a[i], 1e-11, `TEY/I0 ${e[i]}`);
      close(fy.values[i], b[i] * 1e12, 1e-11, `PFY/I0 ${e[i]}`);
    }
    assert.equal(tey.unit, "TEY/I0");
    assert.equal(fy.unit, "If/I0");
  });
});

describe("energy units: keV only when plain", () => {
  it("hard-X-ray keV columns are said; Li K (55 eV) and M-edge scans in eV are left alone", () => {
    const kev = readColumnFile(tmpFile("kev.dat", "# energy i0 it\n" + Array.from({ length: 50 }, (_, i) => `${(7.7 + 0.0005 * i).toFixed(4)} 1 2`).join("\n")));
    assert.equal(kev.units.energy, "keV");
    assert.match(kev.warnings[0], /taken as keV/);
    const li = readColumnFile(tmpFile("lik.dat", "# energy i0 tey\n" + Array.from({ length: 100 }, (_, i) => `${(50 + 0.2 * i).toFixed(1)} 1 2`).join("\n")));
    assert.equal(li.units.energy, undefined);
    assert.deepEqual(li.warnings, []);
  });
});

describe("files that are not one table", () => {
  it("records spread over several lines (SRS/DUBBLE style) are refused, not read as a 2-row table", () => {
    const rec = (e: number): string => ` ${e.toFixed(2)} 1000.00 56280.00 19892.00 5523.00 28152.00\n 0.00 643.00 423.00 2146.00\n 251.00 1217.00 312.00 0.00\n 531.00\n`;
    const p = tmpFile("srs.dat", " &SRS\n SRSRUN=55322,\n &END\n" + [9149, 9141.7, 9134.4, 9127.1, 9119.8].map(rec).join("") + " END OF DATA\n");
    assert.throws(() => readColumnFile(p), /srs\.dat: data: expected one table of rows with the same number of values, got 20 lines of numbers .*values per line: 6, 4, 1\. .*records span several lines/);
  });
  it("a header line of mostly numbers is not taken for names", () => {
    const s = readColumnFile(tmpFile("num.dat", "# 96.5 mA\n8900 1.2\n8901 1.3\n"));
    assert.deepEqual(s.names, ["col1", "col2"]);
  });
});

describe("dates and clock times in the rows (LNLS-style files)", () => {
  it("a date column is kept as NaN, a time column as seconds, both said; Portuguese 'Energia' is the energy", () => {
    const text = '"Data"\t"Hora"\t"Energia"\t"Curta"\t"Fluorescencia"\r\n' + ["04/07/12\t13:24:15\t6920.0\t214577\t619", "04/07/12\t13:24:16\t6920.5\t217479\t676", "04/07/12\t13:24:18\t6921.0\t217676\t649"].join("\r\n") + "\r\n";
    const s = readColumnFile(tmpFile("lnls.dat", text));
    assert.deepEqual(s.names, ["Data", "Hora", "Energia", "Curta", "Fluorescencia"]);
    assert.equal(s.energy, "Energia");
    assert.equal(s.nPoints, 3);
    assert.ok(Number.isNaN(s.columns.Data[0]));
    assert.equal(s.columns.Hora[2], 13 * 3600 + 24 * 60 + 18);
    assert.match(s.warnings.join(" | "), /column 1 "Data" holds calendar dates \(e\.g\. "04\/07\/12"\): not numbers, kept as NaN/);
    assert.match(s.warnings.join(" | "), /column 2 "Hora" is a time of day/);
    const fy = scanSpectrum(s, { mode: "fluorescence", i0: "Curta", if: "Fluorescencia" });
    close(fy.values[0], 619 / 214577, 1e-15, "If/I0");
  });
});
