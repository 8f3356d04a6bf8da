// Line-indexed reads of .xim text images (src/io/ximLines.ts): the rows read from the index are
// those parseXim gives for the same rows, on every line-end and separator style; a file with the
// wrong shape gets parseXim's own message at indexing; a bad number is an error naming its line
// when its rows are read; a file changed after indexing is refused, never read.
import assert from "node:assert/strict";
import { appendFileSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { StxmFileError } from "../../src/io/errors";
import { DECIMAL_NUMBER, fastDecimal } from "../../src/io/textValues";
import { formatXim, parseXim } from "../../src/io/xim";
import { createRng } from "../../src/linalg/createRng";
import { cachedXimIndex, indexXim, parseXimBytes, readXimRows } from "../../src/io/ximLines";
import { tempDir } from "./helpers";

/** An image with values that differ everywhere: 1.5 (100 y + x) − 3.25. */
function image(ny: number, nx: number): Float64Array {
  return Float64Array.from({ length: ny * nx }, (_, k) => 1.5 * (100 * Math.floor(k / nx) + (k % nx)) - 3.25);
}

/** What parseXim gives for rows [y0, y1) and columns [x0, x1) of the text. */
function viaParse(text: string, ny: number, nx: number, y0: number, y1: number, x0: number, x1: number): number[] {
  return Array.from(parseXim(text, { nRows: ny, nCols: nx, rows: [y0, y1], columns: [x0, x1] }).data);
}

/** What the index reads for the same rectangle. */
function viaIndex(path: string, ny: number, nx: number, y0: number, y1: number, x0: number, x1: number): number[] {
  const ix = indexXim(path, { name: "t.xim", nRows: ny, nCols: nx, maxBytes: 1 << 20 });
  const out = new Float64Array((y1 - y0) * (x1 - x0));
  readXimRows(ix, y0, y1, x0, x1, out, 0);
  return Array.from(out);
}

describe("xim line index: rows read from their bytes alone", function () {
  let tmp: { dir: string; cleanup: () => void };
  before(() => (tmp = tempDir()));
  after(() => tmp.cleanup());

  const ny = 7, nx = 5;
  const crlf = formatXim(image(ny, nx), ny, nx);
  const styles: Record<string, string> = {
    "CRLF with trailing tabs (the writers' style)": crlf,
    "LF only": crlf.replace(/\r\n/g, "\n"),
    "no line end after the last line": crlf.slice(0, -2),
    "spaces and commas, no trailing separator but the line end": crlf.replace(/\t\r\n/g, "\r\n").replace(/\t/g, ", "),
    "a UTF-8 byte-order mark and blank lines at the end": "\ufeff" + crlf + "\r\n \t\r\n\n",
    "runs of separators and leading blanks": crlf.replace(/\t/g, " \t ").replace(/\r\n/g, "\r\n  "),
  };
  for (const [label, text] of Object.entries(styles)) {
    it(`${label}: every band equals parseXim's`, () => {
      const path = join(tmp.dir, "t.xim");
      writeFileSync(path, Buffer.from(text, "utf8"));
      for (const [y0, y1, x0, x1] of [[0, ny, 0, nx], [0, 1, 0, nx], [ny - 1, ny, 0, nx], [2, 5, 1, 4], [3, 4, 4, 5]] as const) {
        assert.deepEqual(viaIndex(path, ny, nx, y0, y1, x0, x1), viaParse(text, ny, nx, y0, y1, x0, x1), `${label}: rows [${y0}, ${y1}) columns [${x0}, ${x1})`);
        const bytes = parseXimBytes(Buffer.from(text, "utf8"), { nRows: ny, nCols: nx, rows: [y0, y1], columns: [x0, x1] });
        assert.deepEqual(Array.from(bytes.data), viaParse(text, ny, nx, y0, y1, x0, x1), `${label}: parseXimBytes, rows [${y0}, ${y1}) columns [${x0}, ${x1})`);
        const out = new Float64Array(bytes.data.length + 5).fill(-9);
        parseXimBytes(Buffer.from(text, "utf8"), { nRows: ny, nCols: nx, rows: [y0, y1], columns: [x0, x1] }, out, 3);
        assert.deepEqual(Array.from(out), [-9, -9, -9, ...bytes.data, -9, -9], `${label}: parseXimBytes into out at 3`);
      }
    });
  }

  it("writes a band with a row step and offset into a Float32Array (the layout of a stack band)", () => {
    const path = join(tmp.dir, "s.xim");
    writeFileSync(path, crlf);
    const ix = indexXim(path, { nRows: ny, nCols: nx, maxBytes: 1 << 20 });
    const out = new Float32Array(40).fill(-1);
    readXimRows(ix, 1, 3, 2, 4, out, 5, 10);
    const want = parseXim(crlf, { rows: [1, 3], columns: [2, 4] }).data;
    assert.deepEqual([out[5], out[6], out[15], out[16]], Array.from(want, Math.fround));
    assert.equal(out.filter((v) => v === -1).length, 36, "nothing else written");
  });

  it("a file of the wrong shape gets parseXim's message when indexed", () => {
    const cases: [string, string, RegExp][] = [
      ["one line missing", crlf.split("\r\n").slice(0, ny - 1).join("\r\n") + "\r\n", /number of lines: expected 7 lines .*got 6 \(truncated file\?\)/],
      ["one value missing on line 3", crlf.replace(/^((?:[^\n]*\n){2})[^\t]*\t/, "$1"), /line 3: expected 5 values .*got 4/],
      ["cut inside the last number", crlf.slice(0, -4), /expected a tab or line end after the last value/],
      ["an extra line", crlf + crlf.split("\r\n")[0] + "\r\n", /expected 7 lines .*got 8/],
      ["a Latin-1 byte inside a value", crlf.replace("-3.25", "-3.2\u00b5"), /line 1, column 1: expected a number, got "-3.2µ"/],
      ["an empty file", "", /expected at least one line of numbers, got an empty file/],
    ];
    for (const [label, text, re] of cases) {
      const path = join(tmp.dir, "bad.xim");
      writeFileSync(path, Buffer.from(text, "latin1"));
      assert.throws(() => indexXim(path, { name: "bad.xim", nRows: ny, nCols: nx, maxBytes: 1 << 20 }), (e: unknown) => e instanceof StxmFileError && /bad\.xim/.test(e.message) && re.test(e.message), label);
      assert.throws(() => parseXimBytes(Buffer.from(text, "latin1"), { name: "bad.xim", nRows: ny, nCols: nx }), (e: unknown) => e instanceof StxmFileError && /bad\.xim/.test(e.message) && re.test(e.message), `${label} (parseXimBytes)`);
    }
  });

  it("a value that is not a number is an error naming its line when its rows are read (not before, as h5py fails on a bad chunk)", () => {
    const path = join(tmp.dir, "v.xim");
    writeFileSync(path, crlf.replace(/^((?:[^\n]*\n){4})[^\t]*/, "$1x1.5"));
    const ix = indexXim(path, { name: "v.xim", nRows: ny, nCols: nx, maxBytes: 1 << 20 });
    const out = new Float64Array(nx * ny);
    readXimRows(ix, 0, 4, 0, nx, out, 0); // rows 1–4 are good
    assert.throws(() => readXimRows(ix, 3, 6, 0, nx, out, 0), /v\.xim: line 5, column 1: expected a number, got "x1\.5"/);
  });

  it("a file changed after it was indexed (rewritten, touched, grown) is refused with what changed", () => {
    const path = join(tmp.dir, "c.xim");
    writeFileSync(path, crlf);
    const out = new Float64Array(nx * ny);
    const ix1 = indexXim(path, { name: "c.xim", nRows: ny, nCols: nx, maxBytes: 1 << 20 });
    writeFileSync(path, crlf.replace("-3.25", "-3.26"));
    utimesSync(path, new Date(2020, 1, 1), new Date(2020, 1, 1));
    assert.throws(() => readXimRows(ix1, 0, 1, 0, nx, out, 0), /c\.xim: image file: changed since the stack was opened/);
    const ix2 = indexXim(path, { name: "c.xim", nRows: ny, nCols: nx, maxBytes: 1 << 20 });
    appendFileSync(path, "\r\n");
    assert.throws(() => readXimRows(ix2, 0, 1, 0, nx, out, 0), /c\.xim: image file: changed since/);
    // same size, same inode, modification time put back (as rsync -t or touch -r do): the status-change time tells
    const mtime = 1.7e9; // whole seconds: set back exactly
    writeFileSync(path, crlf);
    utimesSync(path, mtime, mtime);
    const ix3 = indexXim(path, { name: "c.xim", nRows: ny, nCols: nx, maxBytes: 1 << 20 });
    writeFileSync(path, crlf.replace("-3.25", "-3.75"));
    utimesSync(path, mtime, mtime);
    assert.equal(statSync(path).mtimeMs, ix3.mtimeMs);
    assert.throws(() => readXimRows(ix3, 0, 1, 0, nx, out, 0), /c\.xim: image file: changed since/);
    assert.equal(cachedXimIndex(path, { name: "c.xim", nRows: ny, nCols: nx, maxBytes: 1 << 20 }) === cachedXimIndex(path, { name: "c.xim", nRows: ny, nCols: nx, maxBytes: 1 << 20 }), true, "an unchanged file's index is reused");
    const before = cachedXimIndex(path, { name: "c.xim", nRows: ny, nCols: nx, maxBytes: 1 << 20 });
    writeFileSync(path, crlf);
    utimesSync(path, mtime, mtime);
    const after = cachedXimIndex(path, { name: "c.xim", nRows: ny, nCols: nx, maxBytes: 1 << 20 });
    assert.notEqual(after, before, "a changed file is indexed again");
    readXimRows(after, 0, 1, 0, nx, out, 0);
    assert.equal(out[0], -3.25);
  });

  it("values parsed from the bytes are parseXim's, bit for bit, for numbers of every style (and the same error for a bad one)", () => {
    const r = createRng(0xb17e5);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r.uniform() * xs.length)];
    const rows = 60, cols = 40;
    const lines: string[] = [];
    for (let y = 0; y < rows; y++) {
      const toks: string[] = [];
      for (let x = 0; x < cols; x++) {
        const v = (r.uniform() - 0.5) * 10 ** Math.floor(r.uniform() * 50 - 25);
        toks.push(pick([
          () => String(v), () => String(Math.fround(v)), () => String(Math.round(v)), () => v.toFixed(Math.floor(r.uniform() * 10)),
          () => v.toExponential(Math.floor(r.uniform() * 18)).replace("e", pick(["e", "E"])), () => v.toPrecision(1 + Math.floor(r.uniform() * 20)),
          () => pick(["nan", "NaN", "inf", "-inf", "-Infinity", "+5", "-0", ".5", "5.", "00012", "1e999", "1e-999", "0e0", "12345678901234567890"]),
        ])());
      }
      lines.push(toks.join(pick(["\t", " ", ",", " \t"])) + pick(["\t\r\n", "\r\n", "\n"]));
    }
    const text = lines.join("");
    const path = join(tmp.dir, "n.xim");
    writeFileSync(path, text);
    const ix = indexXim(path, { name: "n.xim", nRows: rows, nCols: cols, maxBytes: 1 << 22 });
    for (const [x0, x1] of [[0, cols], [7, 23], [39, 40]]) {
      const got = new Float64Array(rows * (x1 - x0));
      readXimRows(ix, 0, rows, x0, x1, got, 0);
      const want = parseXim(text, { nRows: rows, nCols: cols, columns: [x0, x1] }).data;
      const whole = parseXimBytes(Buffer.from(text, "latin1"), { nRows: rows, nCols: cols, columns: [x0, x1] }).data;
      assert.ok(whole.every((v, k) => Object.is(v, want[k])), `parseXimBytes, columns [${x0}, ${x1})`);
      for (let k = 0; k < got.length; k++) assert.ok(Object.is(got[k], want[k]), `columns [${x0}, ${x1}) value ${k}: ${got[k]} vs ${want[k]} (token ${text.split(/\r?\n/)[Math.floor(k / (x1 - x0))].split(/[\t ,]+/)[x0 + (k % (x1 - x0))]})`);
    }
    for (const bad of ["1.2.3", "1e", "-", "0x10", "1e5x", "12345678901234567e", "+-1", "١"]) {
      const t = text.replace(/^[^\t ,]+/, bad);
      writeFileSync(path, Buffer.from(t, "utf8"));
      const want = (() => { try { parseXim(Buffer.from(t, "utf8").toString("latin1"), { name: "n.xim", nRows: rows, nCols: cols }); return "no error"; } catch (e) { return (e as Error).message; } })();
      const got = (() => { try { readXimRows(indexXim(path, { name: "n.xim", nRows: rows, nCols: cols, maxBytes: 1 << 22 }), 0, 1, 0, cols, new Float64Array(cols), 0); return "no error"; } catch (e) { return (e as Error).message; } })();
      assert.equal(got, want, bad);
      assert.throws(() => parseXimBytes(Buffer.from(t, "utf8"), { name: "n.xim", nRows: rows, nCols: cols }), (e: unknown) => (e as Error).message === want, `${bad} (parseXimBytes)`);
      assert.notEqual(got, "no error", bad);
    }
  });

  it("refuses a band outside the image and a file larger than the header can justify", () => {
    const path = join(tmp.dir, "r.xim");
    writeFileSync(path, crlf);
    const ix = indexXim(path, { name: "r.xim", nRows: ny, nCols: nx, maxBytes: 1 << 20 });
    assert.throws(() => readXimRows(ix, 5, 8, 0, nx, new Float64Array(100), 0), /rows \[5, 8\) and columns \[0, 5\) must lie within its 7 × 5 values/);
    assert.throws(() => indexXim(path, { name: "r.xim", nRows: ny, nCols: nx, maxBytes: 100 }), /r\.xim: image file: is \d+ bytes; refusing to read more than 100 bytes/);
  });
});

describe("fastDecimal: Number()'s value, bit for bit, for the numbers it takes; undefined for the rest", function () {
  it("agrees with Number() on 200,000 random tokens of every style the writers use", () => {
    const r = createRng(0xdec1);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r.uniform() * xs.length)];
    let fast = 0;
    for (let k = 0; k < 200000; k++) {
      const v = (r.uniform() - 0.5) * 10 ** Math.floor(r.uniform() * 40 - 20);
      const tok = pick([
        () => String(v),
        () => String(Math.fround(v)),
        () => String(Math.round(v * 1e6)),
        () => v.toFixed(Math.floor(r.uniform() * 12)),
        () => v.toExponential(Math.floor(r.uniform() * 16)),
        () => v.toPrecision(1 + Math.floor(r.uniform() * 20)),
        () => v.toExponential(3).replace("e", pick(["E", "e"])).replace(/e\+?(-?)(\d)$/i, "e$10$2"),
        () => pick(["+", "", "-"]) + pick(["0", "00", ".5", "5.", "0.000", "007", "1e0", "1E+22", "9e-22", "123456789012345", "1234567890123456", "0.1e-23"]),
      ])();
      const got = fastDecimal(`\t${tok}\t`, 1, 1 + tok.length);
      if (got === undefined) continue;
      fast++;
      assert.ok(DECIMAL_NUMBER.test(tok), `${tok}: not a decimal number, but fastDecimal took it`);
      assert.ok(Object.is(got, Number(tok)), `${tok}: fastDecimal ${got}, Number ${Number(tok)}`);
    }
    assert.ok(fast > 120000, `the fast path took only ${fast} of 200,000`);
  });

  it("leaves what is not a decimal number to the general path (which names the fault)", () => {
    for (const tok of ["", "-", "+", ".", "e5", "1e", "1e+", "1.2.3", "0x10", "--1", "1-", "1e5.5", "Infinity", "nan", "1,5", "١٢"]) {
      assert.equal(fastDecimal(tok, 0, tok.length), undefined, JSON.stringify(tok));
    }
    for (const tok of ["12345678901234567", "1e23", "1e-23", "0.1234567890123456"]) assert.equal(fastDecimal(tok, 0, tok.length), undefined, `${tok}: too long or too far for the exact path`);
  });
});
