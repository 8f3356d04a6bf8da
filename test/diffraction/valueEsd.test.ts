import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import {
  addMeasured, divideMeasured, formatMeasured, formatValueEsd, measured, multiplyMeasured, parseValueEsd, scaleMeasured, subtractMeasured,
} from "../../src/diffraction";

describe("value(esd): parsing", () => {
  const cases: [string, number, number][] = [
    ["4.9558(1)", 4.9558, 0.0001], ["109.267(1)", 109.267, 0.001], ["0.0257(8)", 0.0257, 0.0008], ["5.0309(0)", 5.0309, 0],
    ["-0.12(3)", -0.12, 0.03], ["1.2(12)", 1.2, 1.2], ["12345(67)", 12345, 67], ["1.235(3)e4", 12350, 30], ["1.2e-3(4)", 0.0012, 0.0004],
    ["3.1(2)%", 3.1, 0.2], ["75.50(1.00)", 75.5, 1], ["100.0( 0.1)", 100, 0.1], ["\u22120.5(2)", -0.5, 0.2], [" 0.0306(30) ", 0.0306, 0.003],
  ];
  for (const [text, value, esd] of cases) {
    it(`${JSON.stringify(text)} → ${value} ± ${esd}`, () => {
      const m = parseValueEsd(text);
      assert.equal(m.value, value);
      assert.equal(m.esd, esd); // exactly the double nearest the printed digits
    });
  }
  it("a plain number has esd NaN (not given); a percentage can be read as a fraction", () => {
    assert.ok(Number.isNaN(parseValueEsd("1.92").esd));
    assert.deepEqual(parseValueEsd("3.1(2)%", { percentAsFraction: true }), { value: 0.031, esd: 0.002 });
  });
  it("malformed strings: the error names the string, where it came from, and what was expected", () => {
    const bad: [string, RegExp][] = [
      ["4.9558(1", /got "4.9558\(1" \(unbalanced parentheses\)/], ["4.95.58", /two decimal points/], ["", /got an empty string/],
      ["1(2)(3)", /more than one esd/], ["1(-2)", /signed esd/], ["abc", /got "abc"$/], ["1()", /empty parentheses/], ["1e3(2)e4", /two exponents/],
    ];
    for (const [text, re] of bad) {
      assert.throws(() => parseValueEsd(text, { where: "t.tsv: line 3: column a" }), (e: Error) => {
        assert.match(e.message, /^t\.tsv: line 3: column a: parseValueEsd: expected a number with an optional esd in parentheses, like 4\.9558\(1\)/);
        assert.match(e.message, re);
        return true;
      });
    }
    assert.throws(() => parseValueEsd("1", { percent: true } as never), /unknown option "percent"/);
  });
});

describe("value(esd): formatting with GSAS-II's rules", () => {
  it("reproduces the ValEsd docstring examples", () => {
    assert.equal(formatValueEsd(1.2346, 0.003), "1.235(3)");
    assert.equal(formatValueEsd(12346, 30), "1.235(3)e4");
    assert.equal(formatValueEsd(0.12346e7, 3000), "1.235(3)e6");
    assert.equal(formatValueEsd(1.2346, 0.003, { showEsd: false }), "1.235");
    assert.equal(formatValueEsd(1.2395, 0.003, { showEsd: false }), "1.240");
    assert.equal(formatValueEsd(1.2395, 0.003, { showEsd: false, trimZeros: true }), "1.24");
    assert.equal(formatValueEsd(1.2346, 0), "1.23460");
  });
  it("the 19 rule: two esd digits below 1.95, one from 1.95", () => {
    assert.equal(formatValueEsd(4.95581, 0.00015), "4.95581(15)");
    assert.equal(formatValueEsd(4.95581, 0.00019), "4.95581(19)");
    assert.equal(formatValueEsd(4.95581, 0.0003), "4.9558(3)");
    assert.equal(formatValueEsd(4.9558, 0.0001), "4.95580(10)");
    assert.equal(formatValueEsd(0.0257, 0.0008), "0.0257(8)");
  });
  it("matches a Python evaluation of the same rules on 500 values (python/ref_valesd.py)", () => {
    const cases = JSON.parse(readFileSync(path.join(__dirname, "..", "fixtures", "diffraction", "valesd.json"), "utf8")) as { value: number; esd: number; text: string }[];
    assert.ok(cases.length > 400);
    const wrong = cases.filter((c) => formatValueEsd(c.value, c.esd) !== c.text).map((c) => `${c.value} ± ${c.esd}: ${formatValueEsd(c.value, c.esd)} ≠ ${c.text}`);
    assert.deepEqual(wrong, []);
  });
  it("round-trips the printed tables: format(parse(s)) = s where the esd has one digit ≥ 2", () => {
    for (const s of ["4.9554(1)", "8.5750(2)", "109.267(1)", "0.0257(8)", "4.9222(3)", "0.0749(15)", "0.0583(11)", "-0.12(3)"]) {
      const m = parseValueEsd(s);
      const back = formatMeasured(m);
      if (/\(1\)$/.test(s)) assert.equal(back, s.replace(/(\d)\(1\)$/, "$10(10)")); // esd 1 keeps two digits: 4.9554(1) → 4.95540(10)
      else assert.equal(back, s);
    }
  });
  it("refuses a negative esd and a non-finite value, and edge cases ValEsd cannot do", () => {
    assert.throws(() => formatValueEsd(1, -0.1), /esd must be a finite number ≥ 0.*showEsd: false/);
    assert.throws(() => formatValueEsd(NaN, 0.1), /value must be a finite number, got NaN/);
    assert.equal(formatValueEsd(5, 30), "0(3)e1");
    assert.equal(formatValueEsd(0, 0.003), "0.000(3)");
    assert.equal(formatValueEsd(2, NaN, { trimZeros: true }), "2");
  });
});

describe("value(esd): arithmetic with uncorrelated esds", () => {
  it("add, subtract, multiply, divide, scale", () => {
    assert.deepEqual(addMeasured(measured(1, 0.3), measured(2, 0.4)), { value: 3, esd: 0.5 });
    assert.deepEqual(subtractMeasured(measured(1, 0.3), measured(2, 0.4)), { value: -1, esd: 0.5 });
    const p = multiplyMeasured(measured(2, 0.1), measured(3, 0.2));
    assert.equal(p.value, 6);
    assert.ok(Math.abs(p.esd - Math.sqrt(0.09 + 0.16)) < 1e-15);
    const q = divideMeasured(measured(6, 0.3), measured(3, 0.3));
    assert.equal(q.value, 2);
    assert.ok(Math.abs(q.esd - Math.sqrt(0.01 + 0.04)) < 1e-15);
    assert.deepEqual(scaleMeasured(measured(2, 0.1), -3), { value: -6, esd: 0.30000000000000004 });
    assert.ok(Number.isNaN(addMeasured(measured(1), 2).esd), "an esd not given stays unknown");
    assert.throws(() => divideMeasured(1, 0), /division by zero/);
    assert.throws(() => addMeasured({ value: "1" } as never, 1), /a must be a number or \{ value, esd \}/);
  });
  it("Gent 2017: TM in the Li layer = TM_Li occupancy / 0.83 → 3.1 % (pristine) and 9.0 % (c1_4.60V)", () => {
    const pct = (s: string) => scaleMeasured(divideMeasured(parseValueEsd(s), 0.83), 100);
    assert.equal(pct("0.0257(8)").value.toFixed(1), "3.1");
    assert.equal(pct("0.0749(15)").value.toFixed(1), "9.0");
    assert.equal(formatMeasured(pct("0.0257(8)")), "3.10(10)");
    assert.equal(formatMeasured(pct("0.0749(15)")), "9.02(18)");
  });
});
