// readSpec: real SPEC files (an APS 9-BM XANES gescan, an ESRF SNBL zapline with the energy in
// keV, spec2nexus' test files with repeated scan numbers, aborted scans, single-blank #L lines,
// a #N that disagrees with #L, a row cut off and run into the "#C … aborted" line) against silx's
// SpecFile (the reader under larch.io.read_specfile); hand-made files for bad input.
import assert from "node:assert/strict";
import { join } from "node:path";
import { readSpec } from "../../src/xas/io/readSpec";
import { scanSpectrum } from "../../src/xas/scanSpectrum";
import { REAL, close, loadRef, tmpFile } from "./io-helpers";

const SPEC = join(REAL, "spec");
interface RefScan {
  number: number;
  order: number;
  n: number;
  names: string[];
  labels: string[];
  first: Record<string, number>;
  last: Record<string, number>;
  sum: Record<string, number>;
  motors: Record<string, number>;
}
const ref = loadRef("spec") as unknown as Record<string, { scans: RefScan[] }>;

describe("readSpec: real files against silx SpecFile (test/fixtures/xas/io/real/spec)", () => {
  for (const f of Object.keys(ref)) {
    it(`${f}: the same scans, rows and values${["user6idd.dat", "issue216_scan1.spec"].includes(f) ? "" : ", names"}`, () => {
      const scans = readSpec(join(SPEC, f));
      const want = ref[f].scans;
      assert.equal(scans.length, want.length, `${f}: number of scans`);
      scans.forEach((s, i) => {
        const w = want[i];
        assert.equal(s.metadata.S, w.number);
        assert.equal(s.metadata.order, w.order);
        assert.equal(s.nPoints, w.n, `${f} scan ${w.number}: rows`);
        if (w.n === 0) return;
        assert.equal(s.names.length, w.names.length, `${f} scan ${w.number}: columns`);
        if (w.labels.length === s.names.length) {
          // silx keeps repeated labels; ours are made unique ("Seconds_2").
          s.names.forEach((n, j) => assert.ok(n === w.labels[j].trim() || n.startsWith(`${w.labels[j].trim()}_`), `${f}: name ${j}: ${n} vs ${w.labels[j]}`));
        }
        s.names.forEach((n, j) => {
          const c = s.columns[n];
          close(c[0], w.first[String(j)], 1e-12, `${f} ${n} first`);
          close(c[c.length - 1], w.last[String(j)], 1e-12, `${f} ${n} last`);
          let sum = 0, mag = 0;
          for (const v of c) {
            sum += v;
            mag += Math.abs(v);
          }
          assert.ok(Math.abs(sum - w.sum[String(j)]) <= 1e-12 * Math.max(1, mag), `${f} ${n} sum`);
        });
        if (["APS9BM_2006.dat", "ESRF_SNBL_2013.dat", "CdSe_scan92_excerpt.spec"].includes(f)) {
          for (const [m, v] of Object.entries(w.motors)) assert.equal(s.metadata[`motor ${m}`], v, `${f}: motor ${m}`);
        }
      });
    });
  }
  it("APS9BM_2006: a XANES gescan; #L names with single blanks inside (\"Counter 27\") split at two blanks; fluorescence μ", () => {
    const [s] = readSpec(join(SPEC, "APS9BM_2006.dat"));
    assert.equal(s.label, "1 gescan  energy 2460 2500  257 var");
    assert.equal(s.energy, "energy");
    assert.ok(s.names.includes("Counter 27"));
    const fy = scanSpectrum(s, { mode: "fluorescence", i0: "i0", if: "Lytle" });
    close(fy.values[0], s.columns.Lytle[0] / s.columns.i0[0], 1e-15, "Lytle/i0");
  });
  it("ESRF_SNBL_2013: ZapEnergy in keV is said and converted by scanSpectrum", () => {
    const scans = readSpec(join(SPEC, "ESRF_SNBL_2013.dat"));
    assert.equal(scans[0].energy, "ZapEnergy");
    assert.equal(scans[0].units.ZapEnergy, "keV");
    assert.match(scans[0].warnings.join(" "), /"ZapEnergy" runs 11\.050021–11\.499577 in steps of about [\d.e-]+: taken as keV/);
    const t = scanSpectrum(scans[0], { mode: "transmission", i0: "Ion1", it: "Ion2" });
    close(t.energies[0], 11050.021, 1e-12, "eV");
  });
  it("twoc.dat: a repeated scan number gets order 2; the aborted scan says so", () => {
    const scans = readSpec(join(SPEC, "twoc.dat"));
    assert.deepEqual(scans.map((s) => [s.metadata.S, s.metadata.order]), [[1, 1], [2, 1], [2, 2]]);
    assert.match(scans[2].warnings[0], /the scan was aborted \("Thu Sep 23 10:50:28 2021\. {2}Scan aborted after 33 points\."\); read 33 rows/);
    assert.deepEqual(readSpec(join(SPEC, "twoc.dat"), { scans: [2] }).length, 2);
  });
  it("CdSe scan 92: the row cut off and run into the '#C … aborted' line is dropped and named", () => {
    const [s] = readSpec(join(SPEC, "CdSe_scan92_excerpt.spec"));
    assert.equal(s.nPoints, 19);
    assert.match(s.warnings.join(" | "), /aborted after 19 points/);
    assert.match(s.warnings.join(" | "), /dropped line 80: 29 values for 55 columns, a row cut off/);
    assert.match(s.warnings.join(" | "), /dropped line 81: 2 values for 55 columns/);
  });
  it("user6idd: an aborted scan with no rows, and #L names separated by single blanks", () => {
    const scans = readSpec(join(SPEC, "user6idd.dat"));
    assert.equal(scans[0].nPoints, 0);
    assert.match(scans[0].warnings.join(" "), /aborted after 0 points.*no data rows/);
    assert.equal(scans[1].names.length, 25);
    assert.equal(scans[1].names[1], "Time");
  });
  it("issue216: 6 names for 7 columns: the last is col7, with a warning", () => {
    const [s] = readSpec(join(SPEC, "issue216_scan1.spec"));
    assert.deepEqual(s.names, ["EPOCH", "Phi", "CESR", "IC1", "IC2", "DIODE", "col7"]);
    assert.match(s.warnings.join(" "), /#L gives 6 names for 7 columns; the others named col7/);
  });
});

describe("readSpec: by hand and bad input", () => {
  const head = "#F test.spec\n#E 1700000000\n#D Mon Jan 01 00:00:00 2024\n#O0 mono  sample x  sample y\n\n";
  it("reads motors, #T, comments, several scans; selects scans", () => {
    const text =
      head +
      "#S 1  ascan  energy 7700 7702 2 1\n#D Mon\n#T 1  (Seconds)\n#P0 12.5 0.25 -1\n#N 3\n#L energy  I0  It\n7700 10 5\n7701 10 2.5\n7702 20 2.5\n\n" +
      "#S 2  timescan 1\n#N 2\n#L Time  I0\n#C a comment\n0 1\n1 1\n";
    const p = tmpFile("two.spec", text);
    const scans = readSpec(p);
    assert.equal(scans.length, 2);
    const s = scans[0];
    assert.equal(s.format, "spec");
    assert.equal(s.label, "1 ascan  energy 7700 7702 2 1");
    assert.equal(s.metadata["motor sample x"], 0.25);
    assert.equal(s.metadata["#F"], "test.spec");
    assert.equal(s.metadata.T, "1  (Seconds)");
    assert.deepEqual(Array.from(scanSpectrum(s, { mode: "transmission" }).values).map((v) => +v.toFixed(12)), [+Math.log(2).toFixed(12), +Math.log(4).toFixed(12), +Math.log(8).toFixed(12)]);
    assert.equal(scans[1].metadata.comments, "a comment");
    assert.equal(readSpec(p, { scans: [2] })[0].label, "2 timescan 1");
    assert.throws(() => readSpec(p, { scans: [7] }), /two\.spec: option scans: expected scan numbers in the file \(1, 2\), got 7/);
    assert.throws(() => readSpec(p, { scan: 1 } as never), /unknown option "scan"; expected one of: scans/);
  });
  it("a text row in the middle of a scan is an error naming the line; a file with no #S is not SPEC", () => {
    const bad = tmpFile("bad.spec", head + "#S 1 ascan\n#N 2\n#L a  b\n1 2\nxx yy\n3 4\n");
    assert.throws(() => readSpec(bad), /bad\.spec: scan 1 \(line 6\), line 10: expected 2 numbers \(as the first row\), got 2 values including "xx"/);
    assert.throws(() => readSpec(tmpFile("nos.spec", "# energy i0\n1 2\n")), /nos\.spec: SPEC file: expected scans starting with "#S <number> <command>", got none in 2 lines/);
    assert.throws(() => readSpec(tmpFile("empty.spec", "")), /empty\.spec: SPEC file: expected text, got an empty file/);
  });
  it("NaN rows in a scan are dropped and named; a column NaN everywhere is kept and does not drop rows", () => {
    const p = tmpFile("nan.spec", head + "#S 1 ascan\n#N 3\n#L energy  I0  dead\n7700 1 nan\n7701 nan nan\n7702 1 nan\n");
    const [s] = readSpec(p);
    assert.equal(s.nPoints, 2);
    assert.match(s.warnings.join(" | "), /column dead is NaN or ±Infinity in every row: kept/);
    assert.match(s.warnings.join(" | "), /dropped 1 of 3 data rows .*column I0.*data row 2 \(file line 10\)/);
  });
});
