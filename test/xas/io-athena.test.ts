// readAthena: Athena/Demeter Perl-dump projects and Larch JSON projects (gzipped and plain),
// compared with larch's read_athena; a project that tries to run a command; truncated gzip;
// hand-made projects for the tokenizer (escapes, bless, nested lists, undef).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { join } from "node:path";
import { readAthena } from "../../src/xas/io/readAthena";
import { scanSpectrum } from "../../src/xas/scanSpectrum";
import { StxmFileError } from "../../src/io/errors";
import { EXTERNAL, REAL, assertMatchesRef, haveExternal, loadRef, tmpFile, close, type RefSummary } from "./io-helpers";

const ATH = join(REAL, "athena");
const ref = loadRef("athena") as unknown as Record<string, { external: boolean; groups: (RefSummary & { label: string; hashkey: string; params: Record<string, number> })[] }>;

function compareWithLarch(path: string, name: string): void {
  const prj = readAthena(path);
  const want = ref[name].groups;
  assert.equal(prj.groups.length, want.length, `${name}: number of groups`);
  prj.groups.forEach((g, i) => {
    const w = want[i];
    assert.equal(g.label, w.label, `${name} group ${i}: label`);
    assert.equal(g.hashKey, w.hashkey, `${name} group ${i}: hash key`);
    const yName = g.names[1];
    assertMatchesRef(g, w, (n) => (n === "mu" ? yName : n));
    for (const [k, v] of Object.entries(w.params)) {
      assert.ok(g.params[k] !== undefined, `${name} ${g.label}: parameter ${k} = ${v} missing`);
      close(g.params[k] as number, v, 1e-15, `${name} ${g.label} ${k}`);
    }
  });
}

describe("readAthena: larch's example projects (test/fixtures/xas/io/real/athena, MIT)", () => {
  for (const f of ["FeS2_ex.prj", "abc.prj", "fbo.prj", "sf6.prj", "athena3.prj", "Ni_FeNiS20_RT.prj", "danger.prj"]) {
    it(`${f} equals larch's read_athena (arrays, labels, bkg_/fft_ parameters)`, () => compareWithLarch(join(ATH, f), f));
  }
  it("tells the formats apart: gzipped Perl (Athena 0.8), plain Perl, gzipped JSON (Larch)", () => {
    const a = readAthena(join(ATH, "abc.prj"));
    assert.equal(a.format, "athena-perl");
    assert.equal(a.compressed, true);
    assert.match(a.header[0], /Athena project file -- Athena version 0\.8\.060/);
    const s = readAthena(join(ATH, "sf6.prj"));
    assert.equal(s.compressed, false);
    const j = readAthena(join(ATH, "Ni_FeNiS20_RT.prj"));
    assert.equal(j.format, "athena-json");
    assert.equal(j.groups.length, 8);
  });
  it("fbo.prj (Demeter 0.9.18): stored i0 and signal, and the parameters for normalisation", () => {
    const g = readAthena(join(ATH, "fbo.prj")).groups[0];
    assert.deepEqual(g.names, ["energy", "mu", "i0", "signal"]);
    assert.equal(g.recordType, "mu(E)");
    assert.equal(g.params.bkg_e0, 7116.173);
    assert.equal(g.metadata.bkg_z, "Fe");
    const t = scanSpectrum(g, { mode: "fluorescence", if: "signal" });
    close(t.values[0], g.columns.signal[0] / g.columns.i0[0], 1e-15, "signal/i0");
  });
  it("sf6.prj: a group stored normalised is named norm(E), not mu", () => {
    const g = readAthena(join(ATH, "sf6.prj")).groups[1];
    assert.equal(g.recordType, "norm(E)");
    assert.deepEqual(g.names, ["energy", "norm"]);
    assert.throws(() => scanSpectrum(g, { mode: "mu" }), /needs a mu column .*columns present: energy, norm/);
    assert.equal(scanSpectrum(g, { mode: "mu", mu: "norm" }).values.length, 100);
  });
  it("danger.prj: @journal = system(\"hephaestus\") is skipped, never run, and named", () => {
    const p = readAthena(join(ATH, "danger.prj"));
    assert.equal(p.groups.length, 1);
    assert.match(p.warnings.join(" "), /line 12: skipped @journal: a call of the function "system", not data \(never executed\)/);
  });
});

describe("readAthena: by hand and bad input", () => {
  const project = (body: string): string => `# Athena project file -- Athena version 0.8.061\n# made by hand\n${body}\n1;\n`;
  it("tokenizes escapes, bare numbers, nested lists, undef, hashes and bless", () => {
    const text = project(
      `$old_group = 'abcd';\n@args = ('label','it\\'s \\\\ ok','bkg_e0',7112,'bkg_pre1','-150.5','titles',['a','b'],'junk',undef,'fft_win','hanning','xdi_mono',{});\n` +
        `$xdi = bless( {'metadata' => {'Element' => {'symbol' => 'Fe','edge' => 'K'}}}, 'Xray::XDI' );\n@x = ('7000','7001',7002);\n@y = ('0.1','0.2','0.3');\n@i0 = ();\n[record] # comment\n` +
        `%plot_features = ('c4' => 'darkorange');\n@journal = ('line one', "line \\x{e9}two");`,
    );
    const p = readAthena(tmpFile("hand.prj", text));
    const g = p.groups[0];
    assert.equal(g.label, "it's \\ ok");
    assert.deepEqual(g.params, { bkg_e0: 7112, bkg_pre1: -150.5 });
    assert.equal(g.metadata.titles, "a\nb");
    assert.equal(g.metadata.fft_win, "hanning");
    assert.equal(g.metadata["Element.symbol"], "Fe");
    assert.deepEqual(Array.from(g.columns.energy), [7000, 7001, 7002]);
    assert.equal(p.journal, "line one\nline étwo");
    assert.deepEqual(p.warnings, []);
    // The same project gzipped reads the same.
    const z = readAthena(tmpFile("hand.prj.gz", gzipSync(Buffer.from(text))));
    assert.equal(z.compressed, true);
    assert.deepEqual(Array.from(z.groups[0].columns.mu), [0.1, 0.2, 0.3]);
  });
  it("keeps non-increasing energies as stored, with a warning; NaN rows dropped with a warning", () => {
    const p = readAthena(tmpFile("dups.prj", project(`$old_group = 'q';\n@args = ('label','m');\n@x = ('1','2','2','3','nan');\n@y = ('1','2','3','4','5');\n[record]`)));
    const g = p.groups[0];
    assert.equal(g.nPoints, 4);
    assert.match(g.warnings.join(" "), /dropped 1 of 5 data rows .*data row 5/);
    assert.match(g.warnings.join(" "), /energies do not increase strictly at 1 row \(first: row 3, 2 → 2 eV\)/);
    assert.deepEqual(Array.from(scanSpectrum(g, { mode: "mu", sort: true }).values), [1, 2.5, 4]);
  });
  it("a truncated gzip project is an error naming the file", () => {
    const bytes = readFileSync(join(ATH, "abc.prj"));
    const p = tmpFile("cut.prj", bytes.subarray(0, Math.floor(bytes.length / 2)));
    assert.throws(() => readAthena(p), (e: Error) => e instanceof StxmFileError && /cut\.prj: Athena project \(gzip-compressed, \d+ bytes\): is truncated/.test(e.message));
  });
  it("a plain project cut mid-statement is an error naming the line", () => {
    const text = readFileSync(join(ATH, "sf6.prj"), "latin1");
    const p = tmpFile("cut-plain.prj", text.slice(0, text.indexOf("@y") + 200));
    assert.throws(() => readAthena(p), /cut-plain\.prj: line \d+: @y \(line \d+\): .*never closed.*is the file cut short/);
  });
  it("a JSON project cut short, a file that is no project, an empty file, a binary file", () => {
    const json = readFileSync(join(ATH, "Ni_FeNiS20_RT.prj"));
    assert.throws(() => readAthena(tmpFile("cut.json.prj", json.subarray(0, 5000))), /cut\.json\.prj: Athena project \(gzip-compressed, 5000 bytes\): is truncated/);
    assert.throws(() => readAthena(tmpFile("notprj.prj", "energy mu\n1 2\n")), /notprj\.prj: Athena project: expected "# Athena project file -- …" .*got "energy mu\\n1 2\\n"/);
    assert.throws(() => readAthena(tmpFile("empty.prj", "")), /empty\.prj: Athena project: expected an Athena project, got an empty file/);
    assert.throws(() => readAthena(tmpFile("bin.prj", Uint8Array.from([0, 1, 2, 3, 4, 5]))), /bin\.prj: Athena project: expected Athena project text, got binary data/);
    assert.throws(() => readAthena(tmpFile("ok.prj", "x"), { match: "*" } as never), /readAthena: unknown option "match"/);
  });
  it("arrays of different lengths and values that are not numbers name the group", () => {
    assert.throws(() => readAthena(tmpFile("len.prj", project(`$old_group = 'q';\n@args = ('label','m');\n@x = ('1','2');\n@y = ('1');\n[record]`))), /len\.prj: group "m" \(q, line 3\): expected @y as long as @x \(2 values\), got 1/);
    assert.throws(() => readAthena(tmpFile("str.prj", project(`$old_group = 'q';\n@args = ('label','m');\n@x = ('1','2');\n@y = ('1','two');\n[record]`))), /str\.prj: group "m" \(q, line 3\), @y\[1\]: expected a number, got "two"/);
  });
});

describe("readAthena: ../shared/external/xas projects", function () {
  before(function () {
    if (!haveExternal) {
      console.log(`    (skipped: ${EXTERNAL} is absent)`);
      this.skip();
    }
  });
  for (const f of ["FeO.prj", "MnO_bv.prj"]) it(`${f} equals larch's read_athena`, () => compareWithLarch(join(EXTERNAL, f), f));
  it("FeO.prj: stored parameters as numbers", () => {
    const g = readAthena(join(EXTERNAL, "FeO.prj")).groups[0];
    assert.equal(g.params.bkg_e0, 7122.9272);
    assert.equal(g.params.bkg_pre1, -150);
    assert.equal(g.params.bkg_nor2, 861.1666);
    assert.equal(g.params.bkg_nnorm, 3);
    assert.equal(g.params.fft_kmin, 2);
    assert.equal(g.params.bkg_rbkg, 1);
  });
});
