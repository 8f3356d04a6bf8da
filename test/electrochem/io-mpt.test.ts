// readMpt: the BioLogic EC-Lab ASCII export, on real files (biologic-converter test data, MIT,
// vendored under test/fixtures/electrochem/real/biologic; the CP run from ../shared/external)
// and on small written files for each variant and each fault.
import { strict as assert } from "node:assert";
import { existsSync, mkdtempSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readMpt, CyclerFileError } from "../../src/electrochem/io/index";

const REAL = join(__dirname, "../fixtures/electrochem/real/biologic");
const EXTERNAL = join(__dirname, "../../../shared/external/electrochem");

describe("readMpt (BioLogic EC-Lab ASCII export)", function () {
  let dir = "";
  before(() => {
    dir = mkdtempSync(join(tmpdir(), "mpt-"));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, text: string | Buffer): string => {
    const p = join(dir, name);
    writeFileSync(p, text);
    return p;
  };
  const header = (n: number, technique = "Galvanostatic Cycling with Potential Limitation", more: string[] = []): string => {
    const lines = ["EC-Lab ASCII FILE", `Nb header lines : ${n}                          `, "", technique, "", ...more];
    while (lines.length < n - 1) lines.push("");
    return lines.join("\r\n") + "\r\n";
  };

  it("reads the real CP export: 121 rows, 24 columns, units and header facts", function () {
    const f = join(EXTERNAL, "biologic_cp.mpt");
    if (!existsSync(f)) {
      console.log(`    (skipped: ${f} is absent — the shared real-data folder is not on this machine)`);
      this.skip();
    }
    const d = readMpt(f);
    assert.equal(d.format, "biologic-mpt");
    assert.equal(d.nPoints, 121);
    assert.equal(d.metadata.technique, "Chronopotentiometry");
    assert.equal(d.metadata.characteristicMassMg, 1);
    assert.equal(d.metadata.voltageColumn, "<Ewe>/V");
    assert.equal(d.metadata.currentColumn, "I/mA");
    assert.equal(d.metadata.capacityColumn, "Q charge/discharge/mA.h");
    assert.equal(d.time[0], 328.3641917048226);
    assert.equal(d.voltage[0], -3.2463198);
    assert.equal(d.current[1], -99.914726);
    assert.equal(d.capacity![1], -0.02775118149397108);
    assert.equal(Object.keys(d.extra).length, 24 - 6);
    assert.equal(d.extra["(Q-Qo)/C"][1], -0.099904254);
    assert.deepEqual(d.warnings, []);
  });

  it("reads the real OCV export (no current column: 0 mA with a warning)", () => {
    const d = readMpt(join(REAL, "ocv.mpt"));
    assert.equal(d.metadata.technique, "Open Circuit Voltage");
    assert.ok(d.nPoints > 100);
    assert.ok(d.current.every((v) => v === 0));
    assert.match(d.warnings.join(" "), /No current column .*Open Circuit Voltage.*0 mA/);
    assert.deepEqual(Object.keys(d.extra), ["mode", "error"]);
  });

  it("reads the real Wait export (column names, no rows) and the ZIR (PEIS) export", () => {
    const w = readMpt(join(REAL, "wait.mpt"));
    assert.equal(w.nPoints, 0);
    assert.equal(w.metadata.technique, "Wait");
    const z = readMpt(join(REAL, "zir.mpt"));
    assert.equal(z.metadata.technique, "IR compensation (PEIS)");
    assert.equal(z.metadata.voltageColumn, "<Ewe>/V");
    assert.equal(z.metadata.currentColumn, "<I>/mA");
    assert.ok("|I|/A" in z.extra && "freq/Hz" in z.extra);
  });

  it("reads decimal commas, the active mass and converts A and A.h", () => {
    const f = write(
      "comma.mpt",
      header(8, "Galvanostatic Cycling with Potential Limitation", ["Mass of active material : 12,3 mg"]) +
        "mode\ttime/s\tEwe/V\tI/A\t(Q-Qo)/A.h\tcycle number\tNs\t\r\n" +
        "1\t0,5\t3,1000\t1,0E-003\t0,0\t0,000000E+000\t0\r\n" +
        "1\t1,5\t3,2000\t-2,0E-003\t2,5E-004\t1,000000E+000\t1\r\n",
    );
    const d = readMpt(f);
    assert.equal(d.metadata.decimalSeparator, ",");
    assert.equal(d.metadata.activeMassMg, 12.3);
    assert.deepEqual([...d.time], [0.5, 1.5]);
    assert.deepEqual([...d.voltage], [3.1, 3.2]);
    assert.deepEqual([...d.current], [1, -2]);
    assert.deepEqual([...d.capacity!], [0, 0.25]);
    assert.deepEqual([...d.cycle!], [0, 1]);
    assert.deepEqual([...d.step!], [0, 1]);
  });

  it("reads BT-Lab exports (same layout, BT-Lab magic)", () => {
    const d = readMpt(write("bt.mpt", header(7).replace("EC-Lab", "BT-Lab") + "time/s\tEcell/V\tI/mA\n0\t3.7\t-2\n"));
    assert.equal(d.metadata.voltageColumn, "Ecell/V");
    assert.equal(d.current[0], -2);
  });

  it("does not take EC-Lab's default 0.001 mg as the active mass", () => {
    const d = readMpt(write("m0.mpt", header(8, "Galvanostatic Cycling with Potential Limitation", ["Mass of active material : 0.001 mg"]) + "time/s\tEwe/V\tI/mA\n0\t3\t1\n"));
    assert.equal(d.metadata.activeMassMg, undefined);
    assert.equal(d.metadata["Mass of active material"], "0.001 mg");
    assert.match(d.warnings.join(" "), /EC-Lab's default when no mass was entered/);
  });

  it("reads a header-less export and says the header is missing", () => {
    const d = readMpt(write("nohdr.mpt", "time/s\tEwe/V\t<I>/mA\n0\t3\t1\n1\t3.1\t1\n"));
    assert.equal(d.nPoints, 2);
    assert.match(d.warnings[0], /no header/);
  });

  it("reads the <Ewe/V> spelling and a name line longer than the rows (EC-Lab quirks)", () => {
    const a = readMpt(write("angle.mpt", "time/s\t<Ewe/V>\tI/mA\n0\t3.5\t1\n"));
    assert.equal(a.metadata.voltageColumn, "<Ewe/V>");
    assert.equal(a.voltage[0], 3.5);
    const b = readMpt(write("long.mpt", "time/s\tEwe/V\tI/mA\t\tEwe-Ece/V\n0\t3\t1\n1\t3\t1\n"));
    assert.equal(b.nPoints, 2);
    assert.match(b.warnings.join(" "), /names 5 columns but the rows have 3 values; the names without values \("", "Ewe-Ece\/V"\) were left out/);
    const c = readMpt(write("blank.mpt", "time/s\t\tEwe/V\tI/mA\n0\t7\t3\t1\n"));
    assert.deepEqual([...c.extra["column 2"]], [7]);
  });

  it("takes a chosen column (options.columns) and rejects unknown options", () => {
    const f = write("ecell.mpt", "time/s\tEwe/V\tEcell/mV\tI/mA\n0\t3\t4000\t1\n");
    assert.equal(readMpt(f, { columns: { voltage: "Ecell/mV" } }).voltage[0], 4);
    assert.throws(() => readMpt(f, { columns: { voltage: "Ecell/V" } }), /no column named "Ecell\/V"/);
    assert.throws(() => readMpt(f, { columns: { current: "Ewe/V" } }), /unit "V", which is not a current unit/);
    assert.throws(() => readMpt(f, { colums: {} } as never), /readMpt: unknown option "colums"/);
    assert.throws(() => readMpt(f, { columns: { volts: "x" } } as never), /unknown option "volts"/);
  });

  it("refuses decreasing time by default, keeps it with a warning when allowed", () => {
    const f = write("unsorted.mpt", "time/s\tEwe/V\tI/mA\n0\t3\t1\n2\t3\t1\n1\t3\t1\n");
    assert.throws(() => readMpt(f), (e: Error) => e instanceof CyclerFileError && /line 4, time: expected non-decreasing time, but time decreases from 2 s to 1 s/.test(e.message));
    const d = readMpt(f, { allowUnsortedTime: true });
    assert.deepEqual([...d.time], [0, 2, 1]);
    assert.match(d.warnings.join(" "), /Time is not sorted.*line 4/);
  });

  it("names the fault: empty file, binary .mpr, no current, bad header count, bad number, short row", () => {
    assert.throws(() => readMpt(write("empty.mpt", "")), /empty.mpt: file: is empty \(0 bytes\)/);
    assert.throws(() => readMpt(join(REAL, "zir.mpr")), /is a BioLogic binary file .*readMpr/);
    assert.throws(() => readMpt(write("noi.mpt", header(7) + "time/s\tEwe/V\n0\t3\n")), /line 7: no current column \(expected I\/mA or <I>\/mA\); columns found: time\/s, Ewe\/V/);
    assert.throws(() => readMpt(write("count.mpt", header(8).replace("lines : 8", "lines : 9") + "time/s\tEwe/V\tI/mA\n0\t3\t1\n")), /line 9: expected the tab-separated column names \(line 9 per "Nb header lines"\), got "0\t3\t1"/);
    assert.throws(() => readMpt(write("big.mpt", header(8).replace("lines : 8", "lines : 80") + "time/s\n")), /line 2: "Nb header lines : 80" is impossible for a file of 9 lines/);
    assert.throws(() => readMpt(write("num.mpt", "time/s\tEwe/V\tI/mA\n0\t3\tx1\n")), /line 2, column 3 \("I\/mA"\): expected a number, got "x1"/);
    assert.throws(() => readMpt(write("short.mpt", "time/s\tEwe/V\tI/mA\n0\t3\n1\t3\t1\n")), /line 2: expected 3 tab-separated values .* got 2/);
    assert.throws(() => readMpt(write("other.mpt", "Some,other,csv\n1,2,3\n")), /line 1: expected "EC-Lab ASCII FILE"/);
    const cut = readMpt(write("cut.mpt", "time/s\tEwe/V\tI/mA\n0\t3\t1\n1\t3"));
    assert.equal(cut.nPoints, 1);
    assert.match(cut.warnings.join(" "), /last row \(line 3\) has 2 of 3 values .* dropped/);
  });
});
