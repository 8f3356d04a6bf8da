import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { formatNcb, parseNcb, readNcb } from "../../src/io/ncb";
import { formatStk, parseStk, readStk } from "../../src/io/stk";
import { makeStack } from "../../src/types/stack";
import { assertSameStack, fileHash, tempDir, tinyStack } from "./helpers";

describe("aXis2000 .ncb + .dat", () => {
  it("round-trips a 2×3×4 stack as float32 (values exact in float32)", () => {
    const s = tinyStack({ channel: "" });
    const { ncb, dat } = formatNcb(s, { encoding: "float32" });
    assert.equal(ncb.length, 24 * 4);
    assert.equal(dat.split("\n")[0], "\t4\t3\t-1.000000");
    assertSameStack(parseNcb(ncb, dat, { name: "t.ncb" }), s);
  });

  it("reads int16 with value = raw / scale, following the aXis2000 writer rule", () => {
    const s = tinyStack({ channel: "" }); // max |v| = 1023.25 → float32 under "auto"
    assert.equal(formatNcb(s).dat.split("\n")[0], "\t4\t3\t-1.000000");
    const big = makeStack({ ...s, data: s.data.map((v) => v * 100), metadata: {} }); // max 102325 > 3e4 → int16, scale 10^(3-5)
    const { ncb, dat } = formatNcb(big);
    assert.equal(dat.split("\n")[0], "\t4\t3\t0.010000");
    const back = parseNcb(ncb, dat);
    assert.equal(back.metadata.encoding, "int16");
    for (let i = 0; i < big.data.length; i++) assert.ok(Math.abs(back.data[i] - big.data[i]) <= 50, `value ${i}`);
  });

  it("reads a hand-written .dat with reversed x (flipped so that x increases)", () => {
    const dat = "\t2\t1\t1.000000\n\t1.0\t0.0\n\t0\t0\n\t1\n\t300.5\nimage0\t300.5\t2.5\n";
    const ncb = new Uint8Array(4);
    new DataView(ncb.buffer).setInt16(0, 7, true);
    new DataView(ncb.buffer).setInt16(2, 9, true);
    const s = parseNcb(ncb, dat, { name: "r.ncb" });
    assert.deepEqual(Array.from(s.x), [0, 1]);
    assert.deepEqual(Array.from(s.data), [9, 7]);
    assert.deepEqual(Array.from(s.dwell), [2.5]);
    assert.equal(s.metadata.flippedX, true);
  });

  it("refuses a truncated .ncb, a short .dat and an absurd size", () => {
    const { ncb, dat } = formatNcb(tinyStack({ channel: "" }), { encoding: "float32" });
    assert.throws(() => parseNcb(ncb.subarray(0, 90), dat, { name: "t.ncb" }), {
      message: "t.ncb: size: expected 96 bytes (2 × 3 × 4 float32 values, scale < 0 in t.dat), got 90 (truncated file?)",
    });
    assert.throws(() => parseNcb(ncb, "\t4\t3\t-1\n\t0\t1\n", { name: "t.ncb" }), { message: "t.dat: line 3: expected y_start y_stop (µm), got end of file" });
    assert.throws(() => parseNcb(ncb, "\t100000\t100000\t-1\n0 1\n0 1\n1000\n", { name: "huge.ncb" }), {
      message:
        "huge.dat: line 1 and line 4 (ncols × nrows × energies): claims 1000 × 100000 × 100000 = 10000000000000 values; refusing to allocate more than 2147483648 values (raise the maxValues option if the file is really that large)",
    });
  });

  it("reads from disk by either file name, without modifying the files", () => {
    const { dir, cleanup } = tempDir();
    try {
      const s = tinyStack({ channel: "" });
      const { ncb, dat } = formatNcb(s, { encoding: "float32" });
      writeFileSync(join(dir, "a.ncb"), ncb);
      writeFileSync(join(dir, "a.dat"), dat);
      const h = [fileHash(join(dir, "a.ncb")), fileHash(join(dir, "a.dat"))];
      assertSameStack(readNcb(join(dir, "a.ncb")), s);
      assertSameStack(readNcb(join(dir, "a.dat")), s);
      assert.deepEqual([fileHash(join(dir, "a.ncb")), fileHash(join(dir, "a.dat"))], h);
      assert.throws(() => readNcb(join(dir, "a.ncb"), { scale: 2 } as never), { message: 'readNcb: unknown option "scale"; expected one of: name, rejectNonFinite, maxValues' });
    } finally {
      cleanup();
    }
  });
});

describe("Stony Brook .stk", () => {
  it("round-trips a 2×3×4 stack (big-endian float32)", () => {
    const s = tinyStack({ channel: "" });
    const bytes = formatStk(s);
    assert.equal(bytes.length, 12 + 4 * (4 + 3 + 2 * 2 + 24));
    assert.deepEqual(Array.from(bytes.subarray(0, 12)), [0, 0, 0, 4, 0, 0, 0, 3, 0, 0, 0, 2]);
    assertSameStack(parseStk(bytes), s);
  });

  it("refuses a truncated file and an absurd header", () => {
    const bytes = formatStk(tinyStack({ channel: "" }));
    assert.throws(() => parseStk(bytes.subarray(0, 100), { name: "t.stk" }), {
      message: "t.stk: size: expected 152 bytes for 4 × 3 × 2 (ncols × nrows × nev), got 100 (truncated file?)",
    });
    const h = new Uint8Array(12);
    const dv = new DataView(h.buffer);
    dv.setInt32(0, 2000000);
    dv.setInt32(4, 2000000);
    dv.setInt32(8, 10);
    assert.throws(() => parseStk(h, { name: "h.stk" }), {
      message:
        "h.stk: header (ncols × nrows × nev): claims 10 × 2000000 × 2000000 = 40000000000000 values; refusing to allocate more than 2147483648 values (raise the maxValues option if the file is really that large)",
    });
    assert.throws(() => parseStk(h.subarray(0, 5), { name: "s.stk" }), { message: "s.stk: header: expected 12 bytes (int32 ncols, nrows, nev, big-endian), got 5 bytes" });
  });

  it("counts NaN in metadata.nonFiniteCount and reads from disk", () => {
    const { dir, cleanup } = tempDir();
    try {
      const s = tinyStack({ channel: "" });
      const bad = makeStack({ ...s, data: Float64Array.from(s.data, (v, i) => (i === 0 ? NaN : v)), metadata: {} });
      writeFileSync(join(dir, "n.stk"), formatStk(bad));
      assert.equal(readStk(join(dir, "n.stk")).metadata.nonFiniteCount, 1);
      assert.throws(() => readStk(join(dir, "n.stk"), { rejectNonFinite: true }), { message: "n.stk: data: expected finite numbers, got 1 NaN/Infinity value (of 24)" });
    } finally {
      cleanup();
    }
  });
});

describe("aXis2000 and .stk: refused values, warnings, file guards", () => {
  it("warns for a .dat without dwell lines (1 ms), dwell 0, disagreeing energies, and int16 values at the limit", () => {
    const ncb = new Uint8Array(4);
    new DataView(ncb.buffer).setInt16(0, 32767, true);
    new DataView(ncb.buffer).setInt16(2, 5, true);
    const s = parseNcb(ncb, "\t2\t1\t1\n0 1\n0 0\n1\n300.5\n", { name: "w.ncb" });
    assert.deepEqual(Array.from(s.dwell), [1]);
    assert.deepEqual(s.metadata.warnings, [
      'w.dat: no "<name> <energy> <dwell>" lines; dwell set to 1 ms',
      "w.ncb: 1 int16 value at the int16 limit (32767 or -32768): may have been clipped when written",
    ]);
    const z = parseNcb(ncb, "\t2\t1\t1\n0 1\n0 0\n1\n300.5\nimage0 301 0\n", { name: "z.ncb" });
    assert.deepEqual(z.metadata.warnings, [
      "z.dat: dwell 0 ms (not recorded) for 1 of 1 energies; kept as 0",
      'z.dat: the energies of the "<name> <energy> <dwell>" lines and the energy list disagree in 1 of 1 (line 6: 301 vs 300.5 on line 5); used the energy list',
      "z.ncb: 1 int16 value at the int16 limit (32767 or -32768): may have been clipped when written",
    ]);
  });

  it("refuses a .dat cut inside its last line, a partial dwell block, non-decimal numbers and a negative dwell", () => {
    const ncb = new Uint8Array(4);
    assert.throws(() => parseNcb(ncb, "\t2\t1\t1\n0 1\n0 0\n1\n300.5\nimage0 300.5 2.", { name: "c.ncb" }), {
      message: "c.dat: line 6: expected a line end after the last line, got the end of the file in the middle of it (truncated file?)",
    });
    assert.throws(() => parseNcb(new Uint8Array(8), "\t2\t1\t1\n0 1\n0 0\n2\n300.5\n301\nimage0 300.5 2\n", { name: "p.ncb" }), {
      message: 'p.dat: line 7: expected 2 "<name> <energy> <dwell>" lines after the energies (or none), got 1 (truncated file?)',
    });
    assert.throws(() => parseNcb(ncb, "\t0x2\t1\t1\n0 1\n0 0\n1\n300.5\n", { name: "h.ncb" }), { message: 'h.dat: line 1: expected ncols nrows scale, got "0x2\t1\t1"' });
    assert.throws(() => parseNcb(ncb, "\t2\t1\t1\n0 1\n0 0\n1\n300.5\nimage0 300.5 -2\n", { name: "d.ncb" }), {
      message: 'd.dat: line 6 (dwell): expected a dwell time in ms (a finite number >= 0), got "-2"',
    });
  });

  it("readNcb names a missing companion and why it is needed, and refuses an .ncb whose size disagrees before reading it", () => {
    const { dir, cleanup } = tempDir();
    try {
      const { ncb, dat } = formatNcb(tinyStack({ channel: "" }), { encoding: "float32" });
      writeFileSync(join(dir, "only.dat"), dat);
      assert.throws(() => readNcb(join(dir, "only.dat")), {
        name: "StxmFileError",
        message: `${join(dir, "only.dat")}: companion .ncb: expected only.ncb beside it (it holds the image values that the .dat describes), found none`,
      });
      writeFileSync(join(dir, "only.ncb"), Buffer.concat([ncb, Buffer.alloc(4)]));
      assert.throws(() => readNcb(join(dir, "only.dat")), { message: `${join(dir, "only.ncb")}: size: expected 96 bytes (2 × 3 × 4 float32 values, as only.dat describes), got 100` });
      writeFileSync(join(dir, "up.NCB"), ncb);
      writeFileSync(join(dir, "up.DAT"), dat);
      assertSameStack(readNcb(join(dir, "up.NCB")), tinyStack({ channel: "" }));
      assert.throws(() => readNcb(join(dir, "x.txt")), { name: "TypeError", message: `readNcb: expected the path of a .ncb or .dat file, got ${JSON.stringify(join(dir, "x.txt"))}` });
    } finally {
      cleanup();
    }
  });

  it(".stk: refuses non-finite positions and energies and a negative dwell, warns for dwell 0, and checks the size before reading", () => {
    const { dir, cleanup } = tempDir();
    try {
      const s = tinyStack({ channel: "" });
      const bytes = Buffer.from(formatStk(s));
      const at = (off: number, v: number): Buffer => {
        const b = Buffer.from(bytes);
        b.writeFloatBE(v, off);
        return b;
      };
      assert.throws(() => parseStk(at(12 + 4 * 4, NaN), { name: "y.stk" }), { message: "y.stk: y[0] (byte 28): expected a finite position (µm), got NaN" });
      assert.throws(() => parseStk(at(12 + 4 * 7, -Infinity), { name: "e.stk" }), { message: "e.stk: energies[0] (byte 40): expected a finite energy (eV), got -Infinity" });
      assert.throws(() => parseStk(at(12 + 4 * 10, -2), { name: "d.stk" }), { message: "d.stk: dwell[1] (byte 52): expected a dwell time in ms (a finite number >= 0), got -2" });
      assert.deepEqual(parseStk(at(12 + 4 * 9, 0), { name: "z.stk" }).metadata.warnings, ["z.stk: dwell 0 ms (not recorded) for 1 of 2 energies; kept as 0"]);
      assert.deepEqual(parseStk(at(12 + 4 * 7, 0), { name: "u.stk" }).metadata.warnings, ["u.stk: energy <= 0 eV for 1 of 2 energies (not recorded?); kept as read"]);
      const flat = Buffer.from(bytes);
      for (let i = 0; i < 4; i++) flat.writeFloatBE(0, 12 + 4 * i);
      assert.deepEqual(parseStk(flat, { name: "f.stk" }).metadata.warnings, ["f.stk: all 4 x positions are 0 (not recorded?)"]);
      writeFileSync(join(dir, "long.stk"), Buffer.concat([bytes, Buffer.alloc(8)]));
      assert.throws(() => readStk(join(dir, "long.stk")), { name: "StxmFileError", message: `${join(dir, "long.stk")}: size: expected 152 bytes for 4 × 3 × 2 (ncols × nrows × nev), got 160` });
      writeFileSync(join(dir, "short.stk"), bytes.subarray(0, 7));
      assert.throws(() => readStk(join(dir, "short.stk")), { message: `${join(dir, "short.stk")}: header: expected 12 bytes (int32 ncols, nrows, nev, big-endian), got 7 bytes` });
    } finally {
      cleanup();
    }
  });
});
