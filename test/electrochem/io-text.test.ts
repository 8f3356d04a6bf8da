// readMaccor, readArbin, readCyclerCsv and readCycler: a real Maccor export (cellpy, MIT),
// written files in Arbin's and other layouts, format recognition from the content, and faults.
import { strict as assert } from "node:assert";
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readArbin, readCycler, readCyclerCsv, readMaccor, sniffCyclerFormat } from "../../src/electrochem/io/index";

const REAL = join(__dirname, "../fixtures/electrochem/real");

describe("text cycler exports: Maccor, Arbin, mapped CSV, and readCycler", function () {
  let dir = "";
  before(() => {
    dir = mkdtempSync(join(tmpdir(), "cyctext-"));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, text: string): string => {
    const p = join(dir, name);
    writeFileSync(p, text, "latin1");
    return p;
  };

  it("reads the real Maccor export with decimal commas and a cut last line", () => {
    const d = readMaccor(join(REAL, "maccor/maccor_two.txt"));
    assert.equal(d.format, "maccor-txt");
    assert.equal(d.nPoints, 213);
    assert.equal(d.metadata.decimalSeparator, ",");
    assert.equal(d.metadata.Name, "KIT-SIMBA-013-2.081");
    assert.equal(d.metadata.SCap, "0,017");
    assert.equal(d.metadata.voltageColumn, "Voltage [V]");
    assert.equal(d.metadata.cycleColumn, "Cycle C");
    assert.equal(d.voltage[0], 0.1377);
    assert.match(d.warnings.join(" "), /last row \(line 229\) has 9 of 28 cells .* dropped/);
    assert.ok("DPT Time (Unix s)" in d.extra);
    assert.equal(d.extra["DPT Time (Unix s)"][0], Date.UTC(2021, 5, 5, 11, 23, 46) / 1000);
  });

  it("signs Maccor current and capacity from the State column, converts durations and units", () => {
    const f = write(
      "m.txt",
      "Today's Date:\t14 December 2020\tDate of Test:\t11 December 2020\n" +
        "Rec#\tCyc#\tStep\tTestTime\tStepTime\tAmp-hr\tWatt-hr\tAmps\tVolts\tState\tES\tDPt Time\n" +
        "1\t0\t1\t  0d 00:00:0\t  0d 00:00:0\t0.00000\t0.0\t0.00000\t3.46250\tR\t0\t12/11/2020 12:22:12\n" +
        "2\t0\t2\t  0d 00:00:5.05\t  0d 00:00:0.05\t0.00100\t0.0\t0.50401\t3.41627\tD\t0\t12/11/2020 12:22:17\n" +
        "3\t1\t3\t  1d 00:00:05.05\t  0d 00:00:0\t0.00200\t0.0\t0.25000\t3.50000\tC\t0\t12/12/2020 12:22:17 PM\n",
    );
    const d = readMaccor(f);
    assert.deepEqual([...d.time], [0, 5.05, 86405.05]);
    const r9 = (a: ArrayLike<number>): number[] => Array.from(a, (v) => Number(v.toFixed(9)));
    assert.deepEqual(r9(d.current), [0, -504.01, 250]); // A → mA, D → negative
    assert.deepEqual(r9(d.capacity!), [0, -1, 2]); // Ah → mAh, D → negative
    assert.deepEqual([...d.cycle!], [0, 0, 1]);
    assert.equal(d.metadata["State codes"], "R=0, C=1, D=2");
    assert.deepEqual([...d.extra.Amps], [0, 0.50401, 0.25]);
  });

  it("reads Arbin CSV in both spellings, with capacity = charge − discharge", () => {
    const a = write(
      "arbin.csv",
      "Data_Point,Date_Time,Test_Time(s),Step_Time(s),Step_Index,Cycle_Index,Current(A),Voltage(V),Charge_Capacity(Ah),Discharge_Capacity(Ah),Charge_Energy(Wh),Discharge_Energy(Wh),dV/dt(V/s)\n" +
        "1,2011-01-03 10:38:25,30.0005,30.0005,1,1,0.0,4.1387,0,0,0,0,0\n" +
        "2,2011-01-03 10:38:55,60.0158,1.5,2,1,-1.1,4.0,0,0.0005,0,0.002,-0.001\n",
    );
    const d = readArbin(a);
    assert.equal(d.format, "arbin-csv");
    assert.deepEqual([...d.current], [0, -1100]);
    assert.deepEqual([...d.capacity!], [0, -0.5]);
    assert.deepEqual([...d.step!], [1, 2]);
    assert.equal(d.extra["Date_Time (Unix s)"][0], Date.UTC(2011, 0, 3, 10, 38, 25) / 1000);
    assert.ok("dV/dt(V/s)" in d.extra && "Charge_Capacity(Ah)" in d.extra);
    const b = write("arbin2.csv", '"Date Time","Test Time (h)","Current (mA)","Voltage (V)","Cycle Index"\n"2011-01-03 10:38:25",0.5,12.5,3.9,1\n');
    const e = readArbin(b);
    assert.equal(e.time[0], 1800);
    assert.equal(e.current[0], 12.5);
    assert.throws(() => readArbin(write("noi.csv", "Test_Time(s),Voltage(V)\n0,3\n")), /line 1: no current column \(expected "Current\(A\)"\); columns found: Test_Time\(s\), Voltage\(V\)/);
    assert.throws(() => readArbin(write("unit.csv", "Test_Time(s),Current(V),Voltage(V)\n0,3,3\n")), /column "Current\(V\)": unit "V" is not a current unit/);
  });

  it("reads a mapped CSV with units, a header block, semicolons and decimal commas", () => {
    const f = write("lab.csv", "Cell 7, LRLO\nmass 12.3 mg\nt;U;I;Q+;Q-;cyc\n0;3,10;0,5;0;0;1\n3600;3,50;-0,5;0,5;0,1;1\n");
    const d = readCyclerCsv(f, {
      columns: { time: "t", voltage: "U", current: "I", chargeCapacity: "Q+", dischargeCapacity: "Q-", cycle: "cyc" },
      units: { time: "s", voltage: "V", current: "A", capacity: "Ah" },
      headerLine: 3,
    });
    assert.deepEqual([...d.current], [500, -500]);
    assert.deepEqual([...d.capacity!], [0, 400]);
    assert.equal(d.metadata.header, "Cell 7, LRLO\nmass 12.3 mg");
    assert.equal(d.metadata.decimalSeparator, ",");
    const g = write("disch.csv", "time/h,E/V,I/mA\n0,3,1\n1,3,2\n");
    const e = readCyclerCsv(g, { columns: { time: "time/h", voltage: "E/V", current: "I/mA" }, positiveCurrent: "discharge" });
    assert.deepEqual([...e.time], [0, 3600]);
    assert.deepEqual([...e.current], [-1, -2]);
    assert.throws(() => readCyclerCsv(g, { columns: { time: "time/h", voltage: "E/V", current: "Current" } }), /no current column "Current"; columns: time\/h, E\/V, I\/mA/);
    assert.throws(() => readCyclerCsv(write("nu.csv", "t,U,I\n0,3,1\n"), { columns: { time: "t", voltage: "U", current: "I" } }), /column "t": the time unit is not written in the column name; give it \(units\.time/);
    assert.throws(() => readCyclerCsv(g, { columns: { time: "time/h", voltage: "E/V", current: "I/mA" }, unit: {} } as never), /readCyclerCsv: unknown option "unit"/);
    assert.throws(() => readCyclerCsv(g, undefined as never), /options with a column map are required/);
    assert.throws(() => readCyclerCsv(g, { columns: { time: "time/h", voltage: "E/V", current: "I/mA" }, decimal: ";" as never }), /option decimal must be "\." or ","/);
    assert.throws(() => readCyclerCsv(write("x.csv", "time/h,E/V,I/mA\n0,3,abc\n"), { columns: { time: "time/h", voltage: "E/V", current: "I/mA" } }), /line 2, column "I\/mA": expected a number, got "abc"/);
  });

  it("readCycler recognises every format from the content, not the name", () => {
    const cases: [string, string][] = [
      ["biologic/v1150_GCPL.mpr", "biologic-mpr v0"],
      ["biologic/ocv.mpt", "biologic-mpt"],
      ["neware/new_nda_file.nda", "neware-nda v29"],
      ["neware/ZZZZZZZZTEST.ndax", "neware-ndax (ndc 16)"],
      ["maccor/maccor_two.txt", "maccor-txt"],
    ];
    for (const [f, format] of cases) {
      const d = readCycler(join(REAL, f));
      assert.equal(d.format, format, f);
      assert.ok(!d.warnings.some((w) => /file name ends in/.test(w)), f);
    }
    // An .mpt saved with a .mpr name: read as what it is, with a warning.
    const renamed = join(dir, "really_text.mpr");
    copyFileSync(join(REAL, "biologic/ocv.mpt"), renamed);
    const r = readCycler(renamed);
    assert.equal(r.format, "biologic-mpt");
    assert.match(r.warnings.join(" "), /The file name ends in \.mpr, but the content is biologic-mpt/);
    const arbin = write("cell.csv", "Data_Point,Test_Time(s),Current(A),Voltage(V)\n1,0,0.001,3.1\n");
    assert.equal(readCycler(arbin).format, "arbin-csv");
    assert.equal(sniffCyclerFormat(new Uint8Array([0, 1, 2])), undefined);
  });

  it("readCycler: empty, unknown and binary files name what was expected; a CSV map reads the rest", () => {
    assert.throws(() => readCycler(write("e.csv", "")), /e\.csv: file: is empty \(0 bytes\)/);
    const lab = write("lab.txt", "secs,volts,milliamps\n0,3.0,1\n1,3.1,1\n");
    assert.throws(() => readCycler(lab), /not a recognised cycler file: expected "BIO-LOGIC MODULAR FILE".* got "secs,volts,milliamps"\. For another table, pass \{ csv: \{ columns/);
    const d = readCycler(lab, { csv: { columns: { time: "secs", voltage: "volts", current: "milliamps" }, units: { time: "s", voltage: "V", current: "mA" } } });
    assert.equal(d.format, "csv");
    const bin = join(dir, "x.bin");
    writeFileSync(bin, Buffer.from([0xde, 0xad, 0, 0, 1, 2]));
    assert.throws(() => readCycler(bin), /got binary data \(dead0000/);
    assert.throws(() => readCycler(lab, { cvs: {} } as never), /readCycler: unknown option "cvs"/);
  });
});
