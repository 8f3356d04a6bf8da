// Arbin reader on real files. The files are not in the repository:
// - 20160805_sic006_45_cc_01_rawdata.csv: a CSV of the raw-data table of an Arbin .res file
//   (semicolons, decimal commas, names without units), from the history of
//   https://github.com/jepegit/cellpy (commit b983d632623862574f7beb47739a9f8062116300,
//   utils/data/; the repository had no licence file then). It is the same test as cellpy's
//   testdata/data/20160805_test001_45_cc_01.res (MIT), which cellpy 1.0.3 reads into the
//   reference test/fixtures/electrochem/arbin/cellpy__20160805_test001_45_cc_01.res.json
//   (python/ref_arbin.py); the CSV holds its numbers rounded to 7 significant digits.
// - 2017-05-09_test-TC-contact_CH33.csv, FastCharge_000025_CH8.csv: Arbin exports from
//   https://github.com/TRI-AMDD/beep (Apache-2.0, commit 9ff78b00789f67f9a403832d5955c8ad827a6a5a,
//   beep/tests/test_files/): names without units, Unix-second DateTime, and in CH33 empty
//   Step_Index/Cycle_Index columns. Checked against values read by hand from the files.
// Those tests run only when EDGEWORKS_ARBIN_DATA names a folder holding the three files (sources
// in test/fixtures/electrochem/arbin/README.md). The tests of the constructs need no file.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseArbin, readArbin } from "../../src/electrochem/io/readArbin";
import { readCycler } from "../../src/electrochem/io/readCycler";

const DATA = process.env.EDGEWORKS_ARBIN_DATA;
const FILES = "20160805_sic006_45_cc_01_rawdata.csv (cellpy), 2017-05-09_test-TC-contact_CH33.csv and FastCharge_000025_CH8.csv (beep)";
const near = (a: number, b: number, rel: number, abs = 0) => Math.abs(a - b) <= Math.max(abs, rel * Math.abs(b));

describe("Arbin CSV: the layouts met in real exports", () => {
  it("names without units (the .res/database table): Arbin's units s, V, A, Ah, said in a warning; semicolons and decimal commas; OLE DateTime", () => {
    const text = "Test_ID;Data_Point;Test_Time;DateTime;Step_Index;Cycle_Index;Current;Voltage;Charge_Capacity;Discharge_Capacity\n" +
      "1;1;300,0104819;42587,68152;1;1;0;3,097617;0;0\n1;2;600,0149465;42587,68499;2;1;0,0003;3,10008;2,5E-05;0\n";
    const d = parseArbin(text, "res.csv");
    assert.deepEqual([...d.time], [300.0104819, 600.0149465]);
    assert.ok(near(d.current[1], 0.3, 1e-12), "A → mA");
    assert.ok(near(d.capacity![1], 0.025, 1e-12), "Ah → mAh");
    assert.equal(d.metadata.unitsAssumed, "Test_Time s, Voltage V, Current A, Charge_Capacity Ah, Discharge_Capacity Ah");
    assert.match(d.warnings.join("\n"), /Column names without units \(an Arbin database\/\.res table\): Arbin's units assumed/);
    assert.equal(d.metadata["DateTime format"], "Excel/OLE serial days (converted to Unix s)");
    assert.ok(Math.abs(d.extra["DateTime (Unix s)"][0] - Date.UTC(2016, 7, 5, 16, 21, 23) / 1000) < 1, "42587.68152 days is 2016-08-05 16:21:23");
  });
  it("a Cycle_Index/Step_Index column empty in every row is not used (warned); a partly empty one is refused with its line", () => {
    const d = parseArbin("Data_Point,Test_Time,DateTime,Step_Time,Step_Index,Cycle_Index,Current,Voltage\n0,0.0,1494377253.17,,,,6.6,3.29\n1,0.69,1494377253.86,,,,6.6,3.30\n", "beep.csv");
    assert.equal(d.cycle, undefined);
    assert.equal(d.step, undefined);
    assert.match(d.warnings.join("\n"), /Column "Cycle_Index" is empty in every row; not used \(cycles are then counted from the sign of the current\)/);
    assert.equal(d.extra["DateTime (Unix s)"], undefined, "Unix seconds are not OLE days");
    assert.throws(() => parseArbin("Test_Time,Cycle_Index,Current,Voltage\n0,1,0,3\n1,,0,3\n", "part.csv"), /part\.csv: line 3, column "Cycle_Index": expected an integer, got NaN/);
  });
  it("charge and discharge capacity in different units are refused", () => {
    assert.throws(() => parseArbin("Test_Time(s),Current(A),Voltage(V),Charge_Capacity(Ah),Discharge_Capacity(mAh)\n0,0,3,0,0\n", "u.csv"), /u\.csv: column "Discharge_Capacity\(mAh\)": is in mAh but "Charge_Capacity\(Ah\)" in Ah; expected one unit for both capacities/);
  });
});

describe(`Arbin CSV: real files (opt-in: EDGEWORKS_ARBIN_DATA=<folder with ${FILES}>)`, function () {
  before(function () {
    if (!DATA) {
      console.log(`      skipped: EDGEWORKS_ARBIN_DATA is not set; point it at a folder holding ${FILES} (see test/fixtures/electrochem/arbin/README.md)`);
      this.skip();
    }
  });
  it("cellpy's .res table as CSV agrees with cellpy 1.0.3 reading the .res itself (rows, columns, cycle capacities, dates)", () => {
    const ref = JSON.parse(readFileSync(join(__dirname, "..", "fixtures", "electrochem", "arbin", "cellpy__20160805_test001_45_cc_01.res.json"), "utf8"));
    const d = readCycler(join(DATA!, "20160805_sic006_45_cc_01_rawdata.csv"));
    assert.equal(d.format, "arbin-csv");
    assert.equal(d.nPoints, ref.rows);
    const col = (name: string) => ref.columns.find((c: { name: string }) => c.name === name);
    const sum = (a: ArrayLike<number>) => Array.from(a).reduce((s, x) => s + x, 0);
    // The CSV rounds every value (Excel-style, about 7 significant digits): each row may differ from
    // the .res by up to `row` (half a unit of the last printed digit, in cellpy's unit), the sums by n·row.
    const check = (name: string, a: ArrayLike<number>, scale: number, row: number) => {
      const r = col(name);
      assert.ok(near(a[0], r.first * scale, 0, row * scale), `${name} first: ${a[0]} vs ${r.first * scale}`);
      assert.ok(near(a[a.length - 1], r.last * scale, 0, row * scale), `${name} last: ${a[a.length - 1]} vs ${r.last * scale}`);
      assert.ok(near(sum(a), r.sum * scale, 0, a.length * row * scale), `${name} sum: ${sum(a)} vs ${r.sum * scale}`);
    };
    check("test_time", d.time, 1, 5e-5);
    check("step_time", d.extra.Step_Time, 1, 5e-6);
    check("voltage", d.voltage, 1, 5e-7);
    check("current", d.current, 1000, 6e-10);
    check("charge_capacity", d.extra.Charge_Capacity, 1, 5e-10);
    check("discharge_capacity", d.extra.Discharge_Capacity, 1, 5e-10);
    check("internal_resistance", d.extra.Internal_Resistance, 1, 5e-6);
    assert.deepEqual([d.cycle![0], d.cycle![d.nPoints - 1], sum(d.cycle!)], [col("cycle_index").first, col("cycle_index").last, col("cycle_index").sum]);
    assert.deepEqual([d.step![0], d.step![d.nPoints - 1], sum(d.step!)], [col("step_index").first, col("step_index").last, col("step_index").sum]);
    // per cycle: rows and the largest charge / discharge capacity (Arbin accumulates them within a cycle)
    for (const c of ref.cycles as { cycle: number; rows: number; charge: number; discharge: number }[]) {
      let rows = 0, qc = 0, qd = 0;
      for (let i = 0; i < d.nPoints; i++) if (d.cycle![i] === c.cycle) { rows++; qc = Math.max(qc, d.extra.Charge_Capacity[i]); qd = Math.max(qd, d.extra.Discharge_Capacity[i]); }
      assert.equal(rows, c.rows, `cycle ${c.cycle} rows`);
      assert.ok(near(qc, c.charge, 0, 5e-10) && near(qd, c.discharge, 0, 5e-10), `cycle ${c.cycle}: ${qc}/${qd} Ah vs cellpy ${c.charge}/${c.discharge}`);
    }
    // the capacity column: charge − discharge in mAh
    const i = d.nPoints - 1;
    assert.ok(near(d.capacity![i], 1000 * (d.extra.Charge_Capacity[i] - d.extra.Discharge_Capacity[i]), 1e-12));
    // DateTime in OLE days (5 decimals: ±0.9 s) against cellpy's date_time (wall clock, read as UTC)
    const unix = d.extra["DateTime (Unix s)"];
    assert.ok(Math.abs(unix[0] - Date.parse(`${ref.dateTime.first}Z`) / 1000) < 1);
    assert.ok(Math.abs(unix[i] - Date.parse(`${ref.dateTime.last}Z`) / 1000) < 1);
    assert.equal(d.metadata.decimalSeparator, ",");
  });
  it("beep's Arbin exports: rows, units, Unix DateTime, empty step/cycle columns (values read by hand from the files)", () => {
    const a = readArbin(join(DATA!, "FastCharge_000025_CH8.csv"));
    assert.equal(a.nPoints, 248);
    assert.deepEqual([a.time[0], a.voltage[0], a.current[0]], [10.0024, 3.3011441, 0]);
    assert.deepEqual([a.cycle![0], a.step![0]], [0, 0]);
    assert.equal(a.extra.DateTime[0], 1494645243.4715);
    assert.equal(a.extra.Temperature[0], 30.109268);
    const b = readArbin(join(DATA!, "2017-05-09_test-TC-contact_CH33.csv"));
    assert.equal(b.nPoints, 287);
    assert.equal(b.cycle, undefined);
    assert.deepEqual([b.time[47], b.voltage[47]], [190.3335, 3.474365711212158]);
    assert.ok(near(b.current[0], 6600.444793701172, 1e-15), "6.600444793701172 A");
    assert.ok(near(b.capacity![2], 7.8097376972436905, 1e-15), "0.0078097376972436905 Ah − 0 Ah, in mAh");
    assert.match(b.warnings.join("\n"), /"Step_Index" is empty in every row/);
  });
});

