// readXdi and scanSpectrum: tiny hand-made files, the XDI project's test files (good and bad,
// test/fixtures/xas/io/real/xdi, public domain), larch's read_xdi outputs, and the foils in
// ../shared/external/xas when present.
import assert from "node:assert/strict";
import { join } from "node:path";
import { readXdi } from "../../src/xas/io/readXdi";
import { scanSpectrum } from "../../src/xas/scanSpectrum";
import { StxmFileError } from "../../src/io/errors";
import { EXTERNAL, REAL, assertMatchesRef, haveExternal, loadRef, tmpFile, close } from "./io-helpers";

const XDI = join(REAL, "xdi");

const tiny = (data: string, header = "# Column.1: energy eV\n# Column.2: i0\n# Column.3: itrans\n# Element.symbol: Cu\n# Element.edge: K\n# Mono.d_spacing: 3.13553\n# ///\n# a comment\n#----\n# energy i0 itrans\n"): string =>
  `# XDI/1.0 test/0.1\n${header}${data}`;

describe("readXdi: by hand", () => {
  it("reads fields, comments, names, units and rows", () => {
    const p = tmpFile("tiny.xdi", tiny("8000 100 50\n8001 100 25\n8002.5 200 25\n"));
    const s = readXdi(p);
    assert.equal(s.format, "xdi");
    assert.equal(s.label, "tiny");
    assert.deepEqual(s.names, ["energy", "i0", "itrans"]);
    assert.deepEqual(s.units, { energy: "eV" });
    assert.equal(s.energy, "energy");
    assert.equal(s.nPoints, 3);
    assert.deepEqual(Array.from(s.columns.itrans), [50, 25, 25]);
    assert.equal(s.metadata["Element.symbol"], "Cu");
    assert.equal(s.metadata["XDI.version"], "1.0");
    assert.equal(s.metadata["XDI.applications"], "test/0.1");
    assert.equal(s.metadata.comments, "a comment");
    assert.deepEqual(s.warnings, []);
  });

  it("takes CRLF and CR line ends, stray blanks in Column fields, later fields replacing earlier ones case-insensitively", () => {
    const text = tiny("8000 1 2\n8001 1 2\n", "# Column.1:    energy     eV  \n#  Column.2:  i0\n# Column.3: it\n# beamline.name: A\n# BEAMLINE.NAME: B\n#---\n").replace(/\n/g, "\r\n");
    const s = readXdi(tmpFile("crlf.xdi", text));
    assert.deepEqual(s.names, ["energy", "i0", "it"]);
    assert.equal(s.units.energy, "eV");
    assert.equal(s.metadata["BEAMLINE.NAME"], "B");
    assert.equal(s.metadata["beamline.name"], undefined);
    const cr = readXdi(tmpFile("cr.xdi", tiny("8000 1 2\n8001 1 2\n").replace(/\n/g, "\r")));
    assert.equal(cr.nPoints, 2);
  });

  it("drops NaN/Infinity rows of an aborted scan and says how many and from which row", () => {
    const s = readXdi(tmpFile("aborted.xdi", tiny("8000 100 50\n8001 100 25\n8002 nan 25\n8003 -inf nan\n")));
    assert.equal(s.nPoints, 2);
    assert.equal(s.warnings.length, 1);
    assert.match(s.warnings[0], /dropped 2 of 4 data rows .*columns? i0, itrans.*data rows 3–4 \(file lines 14–15\).*aborted/);
  });

  it("refuses a fixed-energy scan and decreasing energies, naming the file and rows; energyOrder 'any' keeps them", () => {
    const fixed = tmpFile("fixed.xdi", tiny("8000 1 2\n8000 1 2\n8000 1 2\n"));
    assert.throws(() => readXdi(fixed), (e: Error) => e instanceof StxmFileError && e.message.includes("fixed.xdi") && /data row 1 \(line 12\) then 8000 at data row 2 \(line 13\).*fixed-energy scan/.test(e.message));
    const down = tmpFile("down.xdi", tiny("8002 1 2\n8001 1 2\n8000 1 4\n"));
    assert.throws(() => readXdi(down), /down\.xdi: column "energy": .*decreases/);
    const s = readXdi(down, { energyOrder: "any" });
    assert.deepEqual(Array.from(s.columns.energy), [8002, 8001, 8000]);
    assert.throws(() => scanSpectrum(s, { mode: "transmission" }), /must increase strictly.*decreases at row 2.*rows out of order: 2–3.*sort: true/);
    const sp = scanSpectrum(s, { mode: "transmission", sort: true });
    assert.deepEqual(Array.from(sp.energies), [8000, 8001, 8002]);
    close(sp.values[0], Math.log(1 / 4), 1e-15, "sorted first");
    assert.match(sp.notes[0], /sorted the rows by energy/);
  });

  it("reports bad options and bad input clearly", () => {
    const p = tmpFile("ok.xdi", tiny("8000 1 2\n8001 1 2\n"));
    assert.throws(() => readXdi(p, { energyorder: "any" } as never), /unknown option "energyorder"; expected one of: energyOrder/);
    assert.throws(() => readXdi(tmpFile("empty.xdi", "")), /empty\.xdi: XDI file: expected text, got an empty file/);
    assert.throws(() => readXdi(tmpFile("binary.xdi", Uint8Array.from([0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0]))), /binary\.xdi: XDI file: expected text, got binary data \(first bytes 89 48 44 46/);
    assert.throws(() => readXdi(tmpFile("noData.xdi", tiny(""))), /noData\.xdi: data: expected rows of numbers/);
    assert.throws(() => readXdi(tmpFile("plain.xdi", "8000 1 2\n")), /plain\.xdi: line 1: expected the XDI version line/);
    assert.throws(() => readXdi(join(XDI, "missing.xdi")), /missing\.xdi: XDI file: not found/);
  });

  it("computes energy from a Bragg angle and Mono.d_spacing", () => {
    const hdr = "# Column.1: angle degrees\n# Column.2: i0\n# Column.3: itrans\n# Mono.d_spacing: 3.13553\n#---\n";
    const s = readXdi(tmpFile("angle.xdi", tiny("12.3 1 2\n12.2 1 2\n", hdr)));
    assert.equal(s.energy, "energy");
    close(s.columns.energy[0], ((6.62607015e-34 * 299792458) / 1.602176634e-19) * 1e10 / (2 * 3.13553 * Math.sin((12.3 * Math.PI) / 180)), 1e-14, "E(θ)");
    assert.ok(s.warnings.some((w) => w.includes("computed column \"energy\"")));
  });
});

describe("scanSpectrum: by hand", () => {
  const p = tmpFile("modes.xdi", tiny("100 10 5\n101 10 2.5\n102 20 2.5\n", "# Column.1: energy eV\n# Column.2: I0\n# Column.3: It\n# Column.4: TEY\n# Column.5: PFY_O\n# Column.6: mu\n#---\n").replace(/^(\d+ \d+ [\d.]+)$/gm, "$1 1 2 0.5"));
  it("transmission ln(I0/It), fluorescence If/I0, TEY/I0 and a stored μ", () => {
    const s = readXdi(p);
    const t = scanSpectrum(s, { mode: "transmission" });
    assert.deepEqual(t.columnsUsed, { energy: "energy", i0: "I0", it: "It" });
    assert.equal(t.unit, "ln(I0/It)");
    assert.equal(t.name, "modes");
    close(t.values[0], Math.log(2), 1e-15, "ln 2");
    close(t.values[2], Math.log(8), 1e-15, "ln 8");
    const f = scanSpectrum(s, { mode: "fluorescence", if: "PFY_O" });
    assert.deepEqual(Array.from(f.values), [0.2, 0.2, 0.1]);
    assert.equal(f.unit, "If/I0");
    const y = scanSpectrum(s, { mode: "tey" });
    assert.deepEqual(Array.from(y.values), [0.1, 0.1, 0.05]);
    const m = scanSpectrum(s, { mode: "mu" });
    assert.deepEqual(Array.from(m.values), [0.5, 0.5, 0.5]);
  });
  it("missing columns, bad modes and options name what is there", () => {
    const s = readXdi(p);
    assert.throws(() => scanSpectrum(s, { mode: "fluorescence", if: "ROI9" }), /option if: no column "ROI9"; columns present: energy, I0, It, TEY, PFY_O, mu/);
    assert.throws(() => scanSpectrum({ ...s, names: ["energy", "It"] }, { mode: "transmission" }), /needs a i0 column .*columns present: energy, It/);
    assert.throws(() => scanSpectrum(s, { mode: "xmu" as never }), /mode must be "transmission", "fluorescence", "tey" or "mu", got "xmu"/);
    assert.throws(() => scanSpectrum(s, { mode: "mu", smooth: 3 } as never), /unknown option "smooth"/);
  });
  it("refuses non-positive intensities for ln(I0/It), naming the rows", () => {
    const s = readXdi(tmpFile("zero.xdi", tiny("8000 100 50\n8001 0 25\n8002 100 -1\n")));
    assert.throws(() => scanSpectrum(s, { mode: "transmission" }), /expected "i0" and "itrans" positive .*2 rows that are not: rows 2–3/);
  });
  it("averages repeated energies only with sort: true, and says so", () => {
    const s = readXdi(tmpFile("dup.xdi", tiny("8000 1 1\n8001 1 1\n8001 1 4\n8002 1 1\n")), { energyOrder: "any" });
    assert.throws(() => scanSpectrum(s, { mode: "transmission" }), /repeats at row 3 \(8001 → 8001 eV\)/);
    const sp = scanSpectrum(s, { mode: "transmission", sort: true });
    assert.deepEqual(Array.from(sp.energies), [8000, 8001, 8002]);
    close(sp.values[1], -Math.log(4) / 2, 1e-15, "mean");
    assert.match(sp.notes.join(" "), /averaged 2 rows .*rows 2–3.*4 rows → 3 points/);
  });
});

describe("readXdi: the XDI project's test files (test/fixtures/xas/io/real/xdi)", () => {
  const ref = loadRef("xdi");
  it("nonxafs_2d.xdi: the last outer block equals larch's read_xdi (larch keeps only the rows after the last in-data comment line; we read all 203 rows)", () => {
    const s = readXdi(join(XDI, "nonxafs_2d.xdi"));
    assert.equal(s.nPoints, 203);
    const n = ref["nonxafs_2d.xdi"].n;
    const block = { ...s, nPoints: n, columns: Object.fromEntries(Object.entries(s.columns).map(([k, v]) => [k, v.subarray(203 - n)])) };
    assertMatchesRef(block, ref["nonxafs_2d.xdi"]);
  });
  for (const f of ["cu_metal_rt.xdi", "bad_00.xdi"]) {
    it(`${f} equals larch's read_xdi`, () => {
      const s = readXdi(join(XDI, f));
      assertMatchesRef(s, ref[f]);
      assert.equal(s.metadata["Element.symbol"] ?? null, ref[f].fields && (ref[f].fields as Record<string, unknown>)["Element.symbol"]);
      assert.equal(s.metadata["Mono.d_spacing"], (ref[f].fields as Record<string, unknown>)["Mono.d_spacing"]);
    });
  }
  it("cu_metal_rt: ln(i0/itrans) equals the file's own mutrans column", () => {
    const s = readXdi(join(XDI, "cu_metal_rt.xdi"));
    const t = scanSpectrum(s, { mode: "transmission" });
    for (let i = 0; i < s.nPoints; i++) close(t.values[i], s.columns.mutrans[i], 5e-7, `row ${i + 1}`);
  });
  it("nonxafs_2d: outer-scan comment lines split the rows into blocks", () => {
    const s = readXdi(join(XDI, "nonxafs_2d.xdi"));
    assert.deepEqual((s.metadata["Outer.value"] as number[]).slice(0, 3), [1.1, 1.2, 1.3]);
    assert.deepEqual((s.metadata["Outer.breakpoints"] as number[]).slice(0, 2), [5, 9]);
  });
  it("bad_01 (no XDI line) is an error naming line 1", () => {
    assert.throws(() => readXdi(join(XDI, "bad_01.xdi")), /bad_01\.xdi: line 1: expected the XDI version line/);
  });
  it("bad_07 (no Column fields) names the columns from the label line, with a warning", () => {
    const s = readXdi(join(XDI, "bad_07.xdi"));
    assert.deepEqual(s.names, ["energy", "i0", "itrans", "mutrans"]);
    assert.match(s.warnings[0], /no Column\.N field for columns 1, 2, 3, 4: named from the label line/);
  });
  it("bad_10 (Column.7 for 4 columns) ignores the extra field and says so", () => {
    const s = readXdi(join(XDI, "bad_10.xdi"));
    assert.equal(s.names[3], "mutrans");
    assert.match(s.warnings.join(" "), /ignored column field beyond them: Column\.7: mutrans/);
  });
  it("bad_11 ('!' comment lines) ignores them with warnings", () => {
    const s = readXdi(join(XDI, "bad_11.xdi"));
    assert.equal(s.nPoints, 12);
    assert.equal(s.warnings.filter((w) => /does not start with the comment character/.test(w)).length, 2);
  });
  it("bad_12 (angle without Mono.d_spacing) reads with no energy column and a warning", () => {
    const s = readXdi(join(XDI, "bad_12.xdi"));
    assert.equal(s.energy, undefined);
    assert.match(s.warnings.join(" "), /"angle" is a monochromator angle but Mono\.d_spacing is missing/);
  });
  it("bad_13 (a short row), bad_16 (a string), are errors naming line and column", () => {
    assert.throws(() => readXdi(join(XDI, "bad_13.xdi")), /bad_13\.xdi: line 31: expected 4 values as in the first data row \(line 29\), got 3/);
    assert.throws(() => readXdi(join(XDI, "bad_16.xdi")), /bad_16\.xdi: line 30, column 2: expected a number, got "STRING"/);
  });
  it("bad_15 (NaN in the first row) drops the row with a warning", () => {
    const s = readXdi(join(XDI, "bad_15.xdi"));
    assert.equal(s.nPoints, 11);
    assert.match(s.warnings[0], /dropped 1 of 12 data rows holding NaN or ±Infinity \(in column i0\), data row 1 \(file line 29\)/);
  });
  it("bad_19 (a field without a colon) is ignored with a warning naming the line", () => {
    const s = readXdi(join(XDI, "bad_19.xdi"));
    assert.match(s.warnings[0], /line 8: ignored a header line that is not a "Family\.key: value" field/);
  });
});

describe("readXdi: ../shared/external/xas foils", function () {
  before(function () {
    if (!haveExternal) {
      console.log(`    (skipped: ${EXTERNAL} is absent)`);
      this.skip();
    }
  });
  const ref = haveExternal ? loadRef("xdi") : {};
  for (const f of ["ni_metal_rt.xdi", "co_metal_rt.xdi"]) {
    it(`${f} equals larch's read_xdi; μ from the stored column`, () => {
      const s = readXdi(join(EXTERNAL, f));
      assertMatchesRef(s, ref[f]);
      assert.equal(s.metadata["Element.symbol"], (ref[f].fields as Record<string, unknown>)["Element.symbol"]);
      const mu = scanSpectrum(s, { mode: "mu" });
      assert.equal(mu.energies.length, 418);
      assert.equal(mu.columnsUsed.mu, "mutrans");
    });
  }
});
