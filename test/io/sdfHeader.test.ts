import assert from "node:assert/strict";
import { MAX_SDF_NESTING, formatSdfHeader, parseSdfHeader } from "../../src/io/sdfHeader";

describe("parseSdfHeader", () => {
  it("parses assignments, groups, count-prefixed arrays, strings and booleans", () => {
    const text = 'A = 4; B = "x y"; C = true; D = false;\r\nE = { F = (3, 1.5, -2, 3e2); G = { H = "V/F";}; };\r\nI = (2, { J = 1;}, { J = 2;});';
    assert.deepEqual(parseSdfHeader(text), {
      A: 4,
      B: "x y",
      C: true,
      D: false,
      E: { F: [1.5, -2, 300], G: { H: "V/F" } },
      I: [{ J: 1 }, { J: 2 }],
    });
  });
  it("keeps numbers such as -6.2774386e+066 and words glued to '='", () => {
    const h = parseSdfHeader("Dwell2 = -6.2774386e+066; ZP_dest= -5682.64; Flags = Image Stack;");
    assert.equal(h.Dwell2, -6.2774386e66);
    assert.equal(h.ZP_dest, -5682.64);
    assert.equal(h.Flags, "Image Stack");
  });
  it("parses nested arrays and empty arrays", () => {
    assert.deepEqual(parseSdfHeader("A = (2, (1, 5), (2, 6, 7)); B = ();"), { A: [[5], [6, 7]], B: [] });
  });
  it("skips the stray '}' that the PolLux HDF5→SDF converter appends inside arrays", () => {
    assert.deepEqual(parseSdfHeader("P = (2, 1, 2});"), { P: [1, 2] });
  });
  it("tolerates a missing ';' before '}' and a UTF-8 BOM", () => {
    assert.deepEqual(parseSdfHeader("\ufeffA = { B = 1 };"), { A: { B: 1 } });
  });
  it("refuses a count prefix that disagrees with the items, naming the line and field", () => {
    assert.throws(
      () => parseSdfHeader('X = 1;\nScanDefinition = { StackAxis = { Points = (3, 700, 701); }; };', { name: "a.hdr" }),
      { message: "a.hdr: line 2 (ScanDefinition.StackAxis.Points): expected 3 values after the count prefix, got 2" },
    );
  });
  it("refuses an unclosed group", () => {
    assert.throws(() => parseSdfHeader("A = { B = 1;", { name: "b.hdr" }), {
      message: "b.hdr: line 1 (A): expected '}' closing the group, got end of file",
    });
  });
  it("refuses an unterminated string", () => {
    assert.throws(() => parseSdfHeader('A = "abc;\n', { name: "c.hdr" }), {
      message: 'c.hdr: line 1: expected a closing " for the string, got end of file',
    });
  });
  it("refuses a missing '='", () => {
    assert.throws(() => parseSdfHeader("A 1;", { name: "d.hdr" }), { message: "d.hdr: line 1 (A): expected '=' after A, got '1'" });
  });
  it("refuses nesting deeper than MAX_SDF_NESTING with a StxmFileError, not a stack overflow", () => {
    const deep = `A = ${"{ B = ".repeat(MAX_SDF_NESTING + 1)}1${"; }".repeat(MAX_SDF_NESTING + 1)};`;
    assert.throws(() => parseSdfHeader(deep, { name: "n.hdr" }), { name: "StxmFileError", message: /^n\.hdr: line 1 \(A(\.B){100}\): expected at most 100 nested \{ \} \/ \( \) levels, got more \(a damaged header\?\)$/ });
    const ok = `A = ${"{ B = ".repeat(MAX_SDF_NESTING - 1)}1${"; }".repeat(MAX_SDF_NESTING - 1)};`;
    assert.equal(typeof parseSdfHeader(ok).A, "object");
    assert.throws(() => parseSdfHeader(`A = ${"(1, ".repeat(20000)}1${")".repeat(20000)};`, { name: "p.hdr" }), { name: "StxmFileError", message: /^p\.hdr: line 1 \(A(\[1\]){100}\): expected at most 100 nested/ });
  });
  it("refuses a bare value cut short at the end of the file, but not a closed group or string", () => {
    assert.throws(() => parseSdfHeader("A = 1; Dwell = 12", { name: "t.hdr" }), { message: "t.hdr: line 1 (Dwell): expected ';' after the value of Dwell (the file ends right after it: truncated?), got end of file" });
    assert.deepEqual(parseSdfHeader('A = { B = 1; };\r\nC = "x"'), { A: { B: 1 }, C: "x" });
    assert.deepEqual(parseSdfHeader("A = 1; C = { B = 2; }"), { A: 1, C: { B: 2 } });
  });
  it("refuses a name given twice in one group with different values (accepts an identical repeat)", () => {
    assert.throws(() => parseSdfHeader("Image001_0 = { Energy = 701; };\nImage001_0 = { Energy = 703; };", { name: "r.hdr" }), {
      message: "r.hdr: line 2 (Image001_0): expected each name once in a group, got Image001_0 again with a different value (first on line 1)",
    });
    assert.deepEqual(parseSdfHeader("A = { B = 1; B = 1; }; A = { B = 1; };"), { A: { B: 1 } });
  });
  it("skips a UTF-8 byte-order mark read as Latin-1", () => {
    assert.deepEqual(parseSdfHeader("\u00ef\u00bb\u00bfA = 1;"), { A: 1 });
  });
  it("refuses an unknown option", () => {
    assert.throws(() => parseSdfHeader("A = 1;", { nmae: "x" } as never), {
      message: 'parseSdfHeader: unknown option "nmae"; expected one of: name',
    });
  });
  it("formats a tree that parses back to the same tree", () => {
    const h = { A: 4.125, S: { N: "Sample X", P: [1, 2.5, -3e-7], R: [{ Q: true }] }, E: [] };
    assert.deepEqual(parseSdfHeader(formatSdfHeader(h)), h);
    assert.equal(formatSdfHeader({ Dwell: 4, Points: [1, 2] }), "Dwell = 4;\r\nPoints = (2, 1, 2);\r\n");
  });
});
