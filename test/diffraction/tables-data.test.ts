import assert from "node:assert/strict";
import path from "node:path";
import { deriveMeasured, divideMeasured, formatResultTable, measuredColumn, parseResultTable, readResultTable, scaleMeasured, type Measured } from "../../src/diffraction";

const data = (...p: string[]) => path.join(__dirname, "..", "..", "data", ...p);
const at = (t: ReturnType<typeof readResultTable>["table"], col: string, row: number): Measured => ({ value: t.get(col, row) as number, esd: t.get(`${col}_esd`, row) as number });

describe("tables: reading value(esd) tables into arquero", () => {
  it("splits value(esd) columns into value and _esd, keeps units and text columns", () => {
    const r = parseResultTable("# cite me\nsample\ta (Å)\tR_wp (%)\tLi (Li layer)\nPristine\t4.9554(1)\t1.92\t1\nc1\t4.9222(2)\t7.71\t0.575\n");
    assert.deepEqual(r.table.columnNames(), ["sample", "a", "a_esd", "R_wp", "Li (Li layer)"]);
    assert.deepEqual(r.units, { a: "Å", R_wp: "%" });
    assert.deepEqual(r.measured, ["a"]);
    assert.deepEqual(r.comments, ["cite me"]);
    assert.deepEqual(r.table.array("a_esd"), [0.0001, 0.0002]);
    assert.deepEqual(Array.from(r.table.array("sample") as ArrayLike<string>), ["Pristine", "c1"]);
  });
  it("names the file, line and column of a malformed cell, an empty cell, a wrong cell count; never turns it into text", () => {
    assert.throws(() => parseResultTable("s\ta\nx\t4.95(1\n", { name: "t.tsv" }), /^Error: t\.tsv: line 2: column "a": parseValueEsd: expected .* got "4\.95\(1" \(unbalanced parentheses\)/);
    assert.throws(() => parseResultTable("s\ta\nx\t4.95(1)\ny\t\n", { name: "t.tsv" }), /t\.tsv: line 3: column "a": empty cell in a numeric column/);
    assert.throws(() => parseResultTable("s\ta\nx\t1\t2\n", { name: "t.tsv" }), /t\.tsv: line 2: 3 cells, expected 2/);
    assert.throws(() => parseResultTable("a\ta (Å)\n1\t2\n", { name: "t.tsv" }), /duplicate column "a"/);
    assert.throws(() => parseResultTable("# only\n", { name: "t.tsv" }), /t\.tsv: no header row/);
    assert.throws(() => parseResultTable("a\n1\n", { name: "t.tsv", text: ["b"] }), /option text names column "b"/);
    assert.throws(() => parseResultTable("a\n1\n", { delim: "," } as never), /unknown option "delim"/);
    assert.throws(() => readResultTable(data("no-such-table.tsv")), /no-such-table\.tsv: result table: not found/);
  });
  it("derives a column with its propagated esd and formats the table back to value(esd)", () => {
    const r = readResultTable(data("gent2017", "table-s2-rietveld.tsv"));
    const t = deriveMeasured(r.table, "TM in Li layer (%)", (row) => scaleMeasured(divideMeasured(row["TM_Li occupancy"] as Measured, 0.83), 100));
    const pct = measuredColumn(t, "TM in Li layer (%)");
    assert.deepEqual(pct.map((m) => m.value.toFixed(1)), ["3.1", "2.8", "6.0", "7.5", "7.9", "9.0", "7.0", "4.7"]);
    const f = formatResultTable(t);
    assert.equal(f.get("a", 0), "4.95540(10)");
    assert.equal(f.get("beta", 5), "109.177(3)");
    assert.equal(f.get("TM in Li layer (%)", 0), "3.10(10)");
    assert.equal(f.get("oxygen z", 4), 0.2283);
    assert.throws(() => deriveMeasured(r.table, "x", () => 1 as never), /column "x" row 0: fn returned 1, expected \{ value, esd \}/);
    assert.throws(() => measuredColumn(r.table, "d"), /no column "d"; the table has sample, /);
  });
});

describe("tables: the papers' printed tables", () => {
  it("Gent 2017 Table S2 and S3 parse; spot checks of printed values", () => {
    const s2 = readResultTable(data("gent2017", "table-s2-rietveld.tsv")).table;
    const s3r = readResultTable(data("gent2017", "table-s3-rietveld-variable-o.tsv"));
    const s3 = s3r.table;
    assert.equal(s2.numRows(), 8);
    assert.equal(s3.numRows(), 8);
    assert.match(s3r.comments[0], /Supplementary Table 3/);
    assert.deepEqual(at(s2, "a", 0), { value: 4.9554, esd: 0.0001 });
    assert.deepEqual(at(s3, "c", 0), { value: 5.0309, esd: 0 });
    assert.deepEqual(at(s3, "O occupancy", 7), { value: 0.945, esd: 0.002 });
    assert.deepEqual(at(s3, "TM_Li occupancy", 0), { value: 0.0306, esd: 0.003 });
    assert.deepEqual(at(s3, "oxygen z", 6), { value: 0.2359, esd: 0.0002 });
    assert.equal(s3.get("R_wp", 3), 6.47);
    assert.deepEqual(Array.from(s3.array("sample") as ArrayLike<string>), Array.from(s2.array("sample") as ArrayLike<string>));
    // "falling by over 15% during the plateau": 0.8434 at 4.60 V
    assert.ok(1 - (s3.get("O occupancy", 5) as number) > 0.15);
  });
  it("Li et al. Tables S1–S6: sites and phases; volumes agree with the cells", () => {
    const sites = readResultTable(data("li", "tables-s1-s6-sites.tsv")).table;
    assert.equal(sites.numRows(), 6 * 9);
    assert.deepEqual([...new Set(Array.from(sites.array("table") as ArrayLike<string>))], ["S1", "S2", "S3", "S4", "S5", "S6"]);
    const o1 = sites.filter((d: Record<string, unknown>) => d.atom === "O(1)" && d.phase === "R-3m").objects() as Record<string, number>[];
    assert.deepEqual(o1.map((r) => [r.z, r.z_esd]), [[0.25716, 0.00004], [0.2567, 0.00002], [0.2523, 0.0002], [0.2519, 0.0001], [0.2548, 0.0001], [0.2529, 0.0001]]);
    assert.ok(Number.isNaN(sites.get("Uiso_esd", 5 + 4 - 1 + 1 + 5)), "a fixed Uiso (0.01000) has no esd");
    const ph = readResultTable(data("li", "tables-s1-s6-phases.tsv"));
    const t = ph.table;
    assert.equal(t.numRows(), 12);
    assert.equal(ph.units["V"], "Å³");
    assert.deepEqual(at(t, "fraction", 4), { value: 68.4, esd: 0.3 });
    assert.deepEqual(at(t, "a", 0), { value: 2.94194, esd: 0.00007 });
    assert.equal(t.get("Rp", 0), 9.4);
    assert.ok(Number.isNaN(t.get("Rp XRD", 4)));
    for (let i = 0; i < 12; i++) {
      const a = t.get("a", i) as number, c = t.get("c", i) as number, V = t.get("V", i) as number;
      const calc = t.get("phase", i) === "R-3m" ? (Math.sqrt(3) / 2) * a * a * c : a ** 3;
      assert.ok(Math.abs(calc - V) / V < 2e-3, `row ${i}: V ${V} vs ${calc.toFixed(3)} from the cell`);
    }
  });
  it("Li et al. Table S7 (ICP) and Supplementary Note 1 (wRp)", () => {
    const icp = readResultTable(data("li", "table-s7-icp.tsv")).table;
    assert.equal(icp.numRows(), 6);
    assert.deepEqual(at(icp, "Li", 5), { value: 1.34, esd: 0.03 });
    assert.deepEqual(at(icp, "Ni", 4), { value: 0.33, esd: 0.05 });
    const ratio = (i: number) => (icp.get("designed Ni", i) as number) / (icp.get("designed Ru", i) as number);
    assert.equal(ratio(3).toFixed(2), "1.14");
    assert.equal(ratio(5).toFixed(2), "0.50");
    const w = readResultTable(data("li", "note1-wrp.tsv")).table;
    assert.deepEqual(Array.from(w.array("wRp") as ArrayLike<number>), [3.95, 3.62, 4.2, 3.63]);
    const f = readResultTable(data("li", "figs-s2-s5-single-phase.tsv")).table;
    assert.deepEqual(at(f, "c", 1), { value: 14.40143, esd: 0.00003 });
  });
});
