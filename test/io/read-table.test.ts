import assert from "node:assert/strict";
import path from "node:path";
import { parseTable, parseUncertain, readTable } from "../../src/io";

describe("tables with value(uncertainty)", () => {
  it("parses the uncertainty in the last digits", () => {
    assert.deepEqual(parseUncertain("0.0257(8)"), { value: 0.0257, uncertainty: 0.0008 });
    const b = parseUncertain("109.267(1)");
    assert.equal(b.value, 109.267);
    assert.ok(Math.abs(b.uncertainty - 0.001) < 1e-15);
    assert.deepEqual(parseUncertain("12(3)"), { value: 12, uncertainty: 3 });
    assert.ok(Number.isNaN(parseUncertain("1.92").uncertainty));
    assert.throws(() => parseUncertain("n/a"), /expected a number like 1.234 or 1.234\(5\), got "n\/a"/);
  });
  it("names a line with the wrong cell count", () => {
    assert.throws(() => parseTable("a\tb\n1\n", { name: "t.tsv" }), /t.tsv: line 2 has 1 cells, expected 2/);
  });
  it("reads the published Gent 2017 Table S2", () => {
    const t = readTable(path.join(__dirname, "..", "..", "data", "gent2017", "table-s2-rietveld.tsv"));
    assert.equal(t.rows.length, 8);
    assert.equal(parseUncertain(t.rows[5]["TM_Li occupancy"]).value, 0.0749);
  });
});
