// Fuzz test of the SDF (.hdr/.xim/.xsp), aXis2000 (.ncb/.dat) and .stk readers: clean files
// written by the project's writers are truncated, byte-flipped, edited, swapped with files of
// another scan, and replaced by FIFOs, devices, directories and broken links. Every case must end
// in a StxmFileError naming the file, or in exactly the data of the clean file (a byte flip
// inside one number may change that one number: the file then says something else); inputs are
// never modified. Seeded, so a failure repeats.
import { createRng } from "../../src/linalg/createRng";
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { lstatSync, mkdirSync, readFileSync, readdirSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { StxmFileError } from "../../src/io/errors";
import { formatNcb, readNcb } from "../../src/io/ncb";
import type { StxmScan } from "../../src/io/scan";
import { readSdf } from "../../src/io/sdf";
import { writeSdf } from "../../src/io/sdfWriter";
import { formatStk, readStk } from "../../src/io/stk";
import { makeStack, type Stack } from "../../src/types/stack";
import { tempDir } from "./helpers";

/** The library's seeded generator (mulberry32), uniform in [0, 1). */
function rng(seed: number): () => number {
  const r = createRng(seed);
  return () => r.uniform();
}

interface Outcome {
  stacks: readonly Stack[];
  warnings: readonly string[];
}

function fromScan(s: StxmScan): Outcome {
  return { stacks: s.stacks, warnings: s.warnings };
}

function fromStack(s: Stack): Outcome {
  const w = s.metadata["warnings"];
  return { stacks: [s], warnings: Array.isArray(w) ? (w as string[]) : [] };
}

/** Data keys that differ between `g` and `w` when `w` is read through `index` (a mirror of the clean image). */
function dataKeys(g: Stack, w: Stack, i: number, index: (e: number, y: number, x: number) => number): string[] {
  const out: string[] = [];
  for (let e = 0; e < g.nE; e++) {
    for (let y = 0; y < g.ny; y++) {
      for (let x = 0; x < g.nx; x++) {
        const k = (e * g.ny + y) * g.nx + x;
        if (!Object.is(g.data[k], w.data[index(e, y, x)])) out.push(`${i}:data:${k}`);
      }
    }
  }
  return out;
}

function sameArray(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
  return true;
}

/**
 * How many numbers of the file differ between two readings, counting what one number of the file
 * decides as one: each data value (per stack); each energy (channels share them); an axis (an
 * SDF point or an aXis2000 start/stop: the data may then be mirrored, as the file now says the
 * axis runs the other way); a dwell changed to one new value (one header field); the aXis2000
 * int16 scale (every value divided by the new scale). A dwell of 1 ms everywhere with a warning
 * that it was set so is "unknown", not a difference. Infinity when shapes, scan types or
 * quantities differ.
 */
function differences(got: Outcome, want: Outcome): number {
  if (got.stacks.length !== want.stacks.length) return Infinity;
  const keys = new Set<string>();
  const dwellUnknown = got.warnings.some((w) => /dwell set to 1 ms/.test(w));
  for (let i = 0; i < got.stacks.length; i++) {
    const g = got.stacks[i];
    const w = want.stacks[i];
    if (g.nE !== w.nE || g.ny !== w.ny || g.nx !== w.nx || g.scanType !== w.scanType || g.quantity !== w.quantity) return Infinity;
    const xChanged = !sameArray(g.x, w.x);
    const yChanged = !sameArray(g.y, w.y);
    if (xChanged) keys.add("x");
    if (yChanged) keys.add("y");
    const { nx, ny } = w;
    const options: string[][] = [dataKeys(g, w, i, (e, y, x) => (e * ny + y) * nx + x)];
    if (xChanged) options.push(dataKeys(g, w, i, (e, y, x) => (e * ny + y) * nx + (nx - 1 - x)));
    if (yChanged) options.push(dataKeys(g, w, i, (e, y, x) => (e * ny + (ny - 1 - y)) * nx + x));
    const gs = g.metadata["scale"];
    const ws = w.metadata["scale"];
    if (typeof gs === "number" && typeof ws === "number" && gs !== ws && gs > 0 && ws > 0) {
      const ratio = ws / gs;
      let scaled = true;
      for (let k = 0; k < g.data.length && scaled; k++) scaled = Math.abs(g.data[k] - w.data[k] * ratio) <= 1e-9 * Math.max(1, Math.abs(g.data[k]));
      if (scaled) options.push(["scale"]);
    }
    options.sort((a, b) => a.length - b.length);
    for (const k of options[0]) keys.add(k);
    for (let k = 0; k < g.energies.length; k++) if (!Object.is(g.energies[k], w.energies[k])) keys.add(`energies:${k}:${g.energies[k]}`);
    const allOne = g.dwell.every((d) => d === 1);
    for (let k = 0; k < g.dwell.length; k++) if (!Object.is(g.dwell[k], w.dwell[k]) && !(dwellUnknown && allOne)) keys.add(`dwell:${g.dwell[k]}`);
  }
  return keys.size;
}

function hashDir(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of readdirSync(dir).sort()) {
    const p = join(dir, f);
    const st = lstatSync(p);
    if (st.isFile()) out[f] = createHash("sha256").update(readFileSync(p)).digest("hex");
    else out[f] = st.isSymbolicLink() ? "link" : st.isDirectory() ? "dir" : "other";
  }
  return out;
}

interface Fixture {
  label: string;
  dir: string;
  entry: string;
  files: Record<string, Buffer>;
  read: () => Outcome;
  clean: Outcome;
}

/** Tally of outcomes, printed at the end. */
const tally = { cases: 0, errors: 0, same: 0, oneNumber: 0 };

/**
 * Run one case: the reader must throw a StxmFileError naming one of `names`, or return data that
 * differ from the clean reading in at most `allowed` numbers; the folder must be unchanged.
 */
function expectSafe(fx: Fixture, what: string, names: readonly string[], allowed: number, check?: (o: Outcome) => void): "error" | "same" | "one" {
  tally.cases++;
  const before = hashDir(fx.dir);
  let out: Outcome | undefined;
  let result: "error" | "same" | "one";
  try {
    out = fx.read();
  } catch (e) {
    if (!(e instanceof StxmFileError)) assert.fail(`${fx.label} ${what}: expected a StxmFileError, got ${(e as Error)?.name}: ${(e as Error)?.message}\n${(e as Error)?.stack}`);
    const message = e.message;
    assert.ok(names.some((n) => message.includes(n)), `${fx.label} ${what}: the message names none of ${names.join(", ")}: ${message}`);
    result = "error";
  }
  if (out !== undefined) {
    const d = differences(out, fx.clean);
    assert.ok(d <= allowed, `${fx.label} ${what}: read without an error but ${d} numbers differ from the clean file (allowed ${allowed})`);
    check?.(out);
    result = d === 0 ? "same" : "one";
  }
  assert.deepEqual(hashDir(fx.dir), before, `${fx.label} ${what}: the reader changed the files`);
  if (result! === "error") tally.errors++;
  else if (result! === "same") tally.same++;
  else tally.oneNumber++;
  return result!;
}

/** Write `bytes` over `file` of the fixture, run `body`, restore the clean file. */
function withContent<T>(fx: Fixture, file: string, bytes: Uint8Array, body: () => T): T {
  writeFileSync(join(fx.dir, file), bytes);
  try {
    return body();
  } finally {
    writeFileSync(join(fx.dir, file), fx.files[file]);
  }
}

/** Offsets to cut a file at: every line start, the ends, and `n` random ones. */
function cutOffsets(bytes: Uint8Array, n: number, next: () => number): number[] {
  const set = new Set<number>([0, 1, bytes.length - 1, bytes.length - 2, bytes.length - 3]);
  for (let i = 0; i < bytes.length; i++) if (bytes[i] === 10 && i + 1 < bytes.length) set.add(i + 1);
  for (let i = 0; i < n; i++) set.add(Math.floor(next() * bytes.length));
  return [...set].filter((o) => o >= 0 && o < bytes.length).sort((a, b) => a - b);
}

/** A stack with fractional values: value = 1.25 (1000 e + 10 y + x) + 0.5. */
function fuzzStack(nE: number, ny: number, nx: number, channel = "PMT"): Stack {
  const data = new Float64Array(nE * ny * nx);
  for (let e = 0; e < nE; e++) for (let y = 0; y < ny; y++) for (let x = 0; x < nx; x++) data[(e * ny + y) * nx + x] = 1.25 * (1000 * e + 10 * y + x) + 0.5;
  return makeStack({
    data,
    nE,
    ny,
    nx,
    energies: Array.from({ length: nE }, (_, i) => 700.5 + 1.25 * i),
    x: Array.from({ length: nx }, (_, i) => -1.5 + 0.25 * i),
    y: Array.from({ length: ny }, (_, i) => 7.25 + 0.5 * i),
    dwell: Array.from({ length: nE }, (_, i) => 2 + i),
    channel,
  });
}

function pointStacks(nE: number): Stack[] {
  const energies = Array.from({ length: nE }, (_, i) => 850 + 0.5 * i);
  const mk = (ch: string, k: number): Stack =>
    makeStack({ data: Float64Array.from({ length: nE }, (_, e) => 1000 + 37.5 * e + k), nE, ny: 1, nx: 1, energies, dwell: new Array(nE).fill(5), scanType: "point", channel: ch });
  return [mk("PMT", 0), mk("Diode", 3)];
}

function loadFiles(dir: string): Record<string, Buffer> {
  const out: Record<string, Buffer> = {};
  for (const f of readdirSync(dir)) out[f] = readFileSync(join(dir, f));
  return out;
}

function fixture(label: string, dir: string, entry: string, read: (p: string) => Outcome): Fixture {
  const path = join(dir, entry);
  const r = (): Outcome => read(path);
  return { label, dir, entry, files: loadFiles(dir), read: r, clean: r() };
}

/** Write a stack's .ncb + .dat into `dir` under `base`. */
function writeNcb(dir: string, base: string, s: Stack, encoding: "float32" | "int16"): void {
  const { ncb, dat } = formatNcb(s, { encoding });
  writeFileSync(join(dir, `${base}.ncb`), ncb);
  writeFileSync(join(dir, `${base}.dat`), dat);
}

describe("STXM readers under fuzzing (truncations, byte flips, edits, swaps, non-regular files)", function () {
  let root: { dir: string; cleanup: () => void };
  let fixtures: Fixture[];
  let donor: string;

  before(function () {
    root = tempDir();
    const mk = (name: string): string => {
      const d = join(root.dir, name);
      mkdirSync(d);
      return d;
    };
    const sdfDir = mk("sdf");
    writeSdf(join(sdfDir, "s.hdr"), fuzzStack(3, 4, 5), { time: "2026-12-01T00:00:00Z" });
    const ptDir = mk("point");
    writeSdf(join(ptDir, "p.hdr"), pointStacks(7), { time: "2026-12-01T00:00:00Z" });
    const lineDir = mk("line");
    writeSdf(join(lineDir, "l.hdr"), makeStack({ ...fuzzStack(4, 1, 6), scanType: "line", metadata: {} }), { time: "2026-12-01T00:00:00Z" });
    const ncbDir = mk("ncb");
    writeNcb(ncbDir, "a", fuzzStack(3, 4, 5, ""), "float32");
    const ncb16Dir = mk("ncb16");
    const big = fuzzStack(3, 4, 5, "");
    writeNcb(ncb16Dir, "b", makeStack({ ...big, data: big.data.map((v) => v * 40), metadata: {} }), "int16");
    const stkDir = mk("stk");
    writeFileSync(join(stkDir, "k.stk"), formatStk(fuzzStack(3, 4, 5, "")));
    // Files of another scan (other shape), to swap in as companions.
    donor = mk("donor");
    writeSdf(join(donor, "s.hdr"), fuzzStack(2, 3, 6), { time: "2026-12-01T00:00:00Z" });
    writeSdf(join(donor, "p.hdr"), pointStacks(4), { time: "2026-12-01T00:00:00Z" });
    writeNcb(donor, "a", fuzzStack(2, 3, 6, ""), "float32");
    fixtures = [
      fixture("SDF stack", sdfDir, "s.hdr", (p) => fromScan(readSdf(p))),
      fixture("SDF point scan", ptDir, "p.hdr", (p) => fromScan(readSdf(p))),
      fixture("SDF line scan", lineDir, "l.hdr", (p) => fromScan(readSdf(p))),
      fixture("aXis2000 float32 via .ncb", ncbDir, "a.ncb", (p) => fromStack(readNcb(p))),
      fixture("aXis2000 int16 via .dat", ncb16Dir, "b.dat", (p) => fromStack(readNcb(p))),
      fixture("Stony Brook .stk", stkDir, "k.stk", (p) => fromStack(readStk(p))),
    ];
  });

  after(function () {
    root?.cleanup();
    console.log(`      (${tally.cases} cases: ${tally.errors} StxmFileError, ${tally.same} same data, ${tally.oneNumber} one flipped number read as written)`);
  });

  it("clean files read back as written (the reference for every case)", function () {
    assert.equal(fixtures[0].clean.stacks[0].nE, 3);
    assert.deepEqual(Array.from(fixtures[0].clean.stacks[0].dwell), [2, 3, 4]);
    assert.deepEqual(fixtures[0].clean.warnings, []);
    assert.equal(fixtures[1].clean.stacks.length, 2);
    assert.equal(fixtures[1].clean.stacks[1].data[6], 1000 + 37.5 * 6 + 3);
    assert.deepEqual([fixtures[2].clean.stacks[0].scanType, fixtures[2].clean.stacks[0].nE, fixtures[2].clean.stacks[0].nx], ["line", 4, 6]);
    assert.equal(fixtures[4].clean.stacks[0].metadata["encoding"], "int16");
    for (const fx of fixtures) assert.equal(differences(fx.read(), fx.clean), 0, fx.label);
  });

  it("truncated at many offsets: an error naming the file, or the same data", function () {
    const next = rng(0x5eed01);
    for (const fx of fixtures) {
      for (const [file, bytes] of Object.entries(fx.files)) {
        for (const off of cutOffsets(bytes, 40, next)) {
          withContent(fx, file, bytes.subarray(0, off), () => expectSafe(fx, `${file} cut at byte ${off} of ${bytes.length}`, [file, fx.entry], 0));
        }
      }
    }
  });

  it("byte flips: an error naming the file, or the same data except the one number holding the flipped byte", function () {
    const next = rng(0x5eed02);
    for (const fx of fixtures) {
      for (const [file, bytes] of Object.entries(fx.files)) {
        for (let k = 0; k < 60; k++) {
          const off = Math.floor(next() * bytes.length);
          const mask = 1 + Math.floor(next() * 255);
          const b = Uint8Array.from(bytes);
          b[off] ^= mask;
          withContent(fx, file, b, () => expectSafe(fx, `${file} byte ${off} ^ 0x${mask.toString(16)}`, [file, fx.entry], 1));
        }
      }
    }
  });

  it("edited header fields: non-finite energies and positions, negative dwell, sizes, counts, deep nesting", function () {
    const [sdf, pt, , ncb, ncb16, stk] = fixtures;
    const hdr = sdf.files["s.hdr"].toString("latin1");
    const editHdr = (fx: Fixture, file: string, from: string | RegExp, to: string, what: string, want: RegExp | "same", check?: (o: Outcome) => void): void => {
      const text = fx.files[file].toString("latin1");
      const edited = text.replace(from, to);
      assert.notEqual(edited, text, `${what}: the edit must change the file`);
      withContent(fx, file, Buffer.from(edited, "latin1"), () => {
        const r = expectSafe(fx, what, [file, fx.entry], 0, check);
        if (want === "same") assert.equal(r, "same", what);
        else assert.throws(() => fx.read(), (e: Error) => e instanceof StxmFileError && want.test(e.message), `${what}: expected an error matching ${want}`);
      });
    };
    assert.match(hdr, /Image001_0 = \{ Energy = 701\.75; DwellTime = 3; \}/);
    editHdr(sdf, "s.hdr", "Image001_0 = { Energy = 701.75;", "Image001_0 = { Energy = nan;", "record energy NaN", /s\.hdr: Image001_0\.Energy \(for s_a001\.xim\): expected a finite energy in eV, got NaN/);
    editHdr(sdf, "s.hdr", "Image002_0 = { Energy = 703;", "Image002_0 = { Energy = -inf;", "record energy -Inf", /Image002_0\.Energy .*got -Infinity/);
    editHdr(sdf, "s.hdr", /StackAxis = \{ Name = "Energy"; Unit = "eV"; Min = 700.5; Max = 703; Dir = 1; Points = \(3, 700.5, 701.75/, 'StackAxis = { Name = "Energy"; Unit = "eV"; Min = 700.5; Max = 703; Dir = 1; Points = (3, 700.5, inf', "StackAxis point Inf", /ScanDefinition\.StackAxis\.Points\[1\]: expected a finite stack-axis value \(eV\), got Infinity/);
    editHdr(sdf, "s.hdr", "Points = (5, -1.5, -1.25, -1", "Points = (5, -1.5, -1.25, nan", "PAxis point NaN", /ScanDefinition\.Regions\[0\]\.PAxis\.Points\[2\]: expected a finite position \(µm\), got NaN/);
    editHdr(sdf, "s.hdr", "Image002_0 = { Energy = 703; DwellTime = 4;", "Image002_0 = { Energy = 703; DwellTime = -4;", "negative record dwell", /s\.hdr: Image002_0\.DwellTime: expected a dwell time in ms \(a finite number >= 0\), got -4/);
    editHdr(sdf, "s.hdr", /Flags = "Image Stack"; Dwell = 2;/, 'Flags = "Image Stack"; Dwell = -2;', "negative scan dwell", /ScanDefinition\.Dwell: expected a dwell time in ms .*got -2/);
    editHdr(sdf, "s.hdr", "Points = (5, -1.5, -1.25, -1, -0.75, -0.5)", "Points = (4, -1.5, -1.25, -1, -0.75)", "PAxis one point shorter", /s_a000\.xim: line 1: expected 4 values \(PAxis points in s\.hdr ScanDefinition\.Regions\[0\]\), got 5/);
    editHdr(sdf, "s.hdr", "Points = (4, 7.25", "Points = (5, 7.25", "QAxis count prefix", /expected 5 values after the count prefix, got 4/);
    editHdr(sdf, "s.hdr", /^/, `Deep = ${"{ A = ".repeat(20000)}1${"; }".repeat(20000)};\r\n`, "20000 nested { }", /s\.hdr: line 1 \(Deep(\.A)+\): expected at most 100 nested \{ \} \/ \( \) levels/);
    editHdr(sdf, "s.hdr", /^/, `Deep = ${"(1, ".repeat(50000)}1${")".repeat(50000)};\r\n`, "50000 nested ( )", /expected at most 100 nested/);
    editHdr(sdf, "s.hdr", "Points = (3, 700.5, 701.75, 703)", "Points = (3, 700.5, 701.5, 703)", "StackAxis disagrees with the records", "same", (o) => {
      assert.ok(o.warnings.some((w) => /s\.hdr: region 0, channel "PMT": the ImageNNN_0\.Energy records and ScanDefinition\.StackAxis\.Points disagree for 1 of 3 images \(image 1: record 701\.75, StackAxis 701\.5\); used the records/.test(w)), o.warnings.join("\n"));
      assert.deepEqual(o.stacks[0].metadata["warnings"], o.warnings);
    });
    editHdr(sdf, "s.hdr", "Image001_0 = { Energy = 701.75; DwellTime = 3;", "Image001_0 = { Energy = 701.75; DwellTime = 0;", "record dwell 0 (not recorded)", "same", (o) => {
      assert.ok(o.warnings.some((w) => /dwell 0 ms \(not recorded\) in Image001_0; used the scan's dwell instead/.test(w)), o.warnings.join("\n"));
    });
    // A UTF-8 byte-order mark is accepted.
    withContent(sdf, "s.hdr", Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), sdf.files["s.hdr"]]), () => assert.equal(expectSafe(sdf, "UTF-8 BOM", ["s.hdr"], 0), "same"));
    // A record energy edited to another finite value is read as written, with a warning.
    withContent(sdf, "s.hdr", Buffer.from(hdr.replace("Image001_0 = { Energy = 701.75;", "Image001_0 = { Energy = 702.25;"), "latin1"), () => {
      const o = sdf.read();
      assert.equal(o.stacks[0].energies[1], 702.25);
      assert.equal(differences(o, sdf.clean), 1);
      assert.ok(o.warnings.some((w) => /record 702\.25, StackAxis 701\.75/.test(w)));
    });

    // .xsp: energies, rows, columns.
    const xsp = pt.files["p_0.xsp"].toString("latin1");
    editHdr(pt, "p_0.xsp", /^850\t/, "nan\t", "xsp energy NaN", /p_0\.xsp: line 1, column 1 \(energy\): expected a finite energy in eV, got NaN/);
    withContent(pt, "p_0.xsp", Buffer.from(xsp.split("\r\n").slice(0, 4).join("\r\n") + "\r\n", "latin1"), () => {
      expectSafe(pt, "xsp with 4 of 7 rows", ["p_0.xsp"], 0);
      assert.throws(() => pt.read(), { message: "p_0.xsp: number of lines: expected 7 lines (one per energy in p.hdr ScanDefinition.Regions[0].PAxis.Points), got 4 (truncated file?)" });
    });
    editHdr(pt, "p.hdr", /Dwell = 5;/, "Dwell = -5;", "point scan negative dwell", /p\.hdr: ScanDefinition\.Dwell: expected a dwell time in ms \(a finite number >= 0\), got -5/);
    editHdr(pt, "p_0.xsp", /^850\t1000\t1003\t/, "850\t1000\t", "xsp line without its second channel", /p_0\.xsp: line 2: expected 2 values like line 1, got 3/);

    // .dat edits: sizes, counts, energies, dwell, scale.
    editHdr(ncb, "a.dat", /^\t5\t4\t/, "\t6\t4\t", ".dat ncols 5 → 6", /a\.ncb: size: expected 288 bytes \(3 × 4 × 6 float32 values, as a\.dat describes\), got 240/);
    editHdr(ncb, "a.dat", /\n\t3\n/, "\n\t4\n", ".dat energy count 3 → 4", /a\.dat: line 8: expected an energy in eV \(a finite number\), got "image0\t700\.5\t2"/);
    editHdr(ncb, "a.dat", "\t701.75\n", "\tnan\n", ".dat energy NaN", /a\.dat: line 6: expected an energy in eV \(a finite number\), got "nan"/);
    editHdr(ncb, "a.dat", "image2\t703\t4", "image2\t703\t-4", ".dat dwell negative", /a\.dat: line 10 \(dwell\): expected a dwell time in ms \(a finite number >= 0\), got "-4"/);
    editHdr(ncb16, "b.dat", /^(\t5\t4\t)[0-9.]+/, "$10.000000", ".dat scale 0", /b\.dat: line 1 \(scale\): expected a non-zero scale/);
    editHdr(ncb, "a.dat", "image1\t701.75", "image1\t711.75", ".dat energies disagree", "same", (o) => {
      assert.ok(o.warnings.some((w) => /a\.dat: the energies of the "<name> <energy> <dwell>" lines and the energy list disagree in 1 of 3 \(line 9: 711\.75 vs 701\.75 on line 6\); used the energy list/.test(w)), o.warnings.join("\n"));
    });

    // .stk edits: header sizes, non-finite energies and positions, negative dwell.
    const setF = (off: number, v: number): Buffer => {
      const b = Buffer.from(stk.files["k.stk"]);
      b.writeFloatBE(v, off);
      return b;
    };
    const stkCase = (b: Uint8Array, what: string, want: RegExp): void =>
      withContent(stk, "k.stk", b, () => {
        expectSafe(stk, what, ["k.stk"], 0);
        assert.throws(() => stk.read(), (e: Error) => want.test(e.message), `${what}: ${want}`);
      });
    const nE4 = Buffer.from(stk.files["k.stk"]);
    nE4.writeInt32BE(4, 8);
    stkCase(nE4, ".stk nev 3 → 4", /k\.stk: size: expected 400 bytes for 5 × 4 × 4 \(ncols × nrows × nev\), got 312 \(truncated file\?\)/);
    stkCase(setF(12 + 4 * (5 + 4 + 1), NaN), ".stk energy NaN", /k\.stk: energies\[1\] \(byte 52\): expected a finite energy \(eV\), got NaN/);
    stkCase(setF(12 + 4 * (5 + 4 + 3 + 2), -4), ".stk dwell negative", /k\.stk: dwell\[2\] \(byte 68\): expected a dwell time in ms \(a finite number >= 0\), got -4/);
    stkCase(setF(12 + 4 * 3, Infinity), ".stk x Inf", /k\.stk: x\[3\] \(byte 24\): expected a finite position \(µm\), got Infinity/);
  });

  it("companions swapped in from a scan of another shape, or missing", function () {
    const [sdf, pt, , ncb] = fixtures;
    const swap = (fx: Fixture, file: string, want: RegExp, names: string[] = Object.keys(fx.files)): void =>
      withContent(fx, file, readFileSync(join(donor, file)), () => {
        assert.equal(expectSafe(fx, `${file} from another scan`, names, 0), "error");
        assert.throws(() => fx.read(), (e: Error) => want.test(e.message), `${file} swapped: ${want}`);
      });
    swap(sdf, "s_a001.xim", /s_a001\.xim: number of lines: expected 4 lines \(QAxis points in s\.hdr ScanDefinition\.Regions\[0\]\), got 3/);
    swap(sdf, "s.hdr", /s\.hdr: Image002_0\.Energy \(for s_a002\.xim\): expected an energy record for every image file, got no record and StackAxis\.Points lists 2 energies for image indices up to 2/);
    swap(pt, "p_0.xsp", /p_0\.xsp: number of lines: expected 7 lines .* got 4 \(truncated file\?\)/);
    swap(ncb, "a.dat", /a\.ncb: size: expected 144 bytes \(2 × 3 × 6 float32 values, as a\.dat describes\), got 240/);
    swap(ncb, "a.ncb", /a\.ncb: size: expected 240 bytes \(3 × 4 × 5 float32 values, as a\.dat describes\), got 144/);
    // A .dat without its .ncb, and an .ncb without its .dat: the missing file is named and why it is needed.
    for (const [gone, entry, want] of [
      ["a.ncb", "a.dat", /a\.dat: companion \.ncb: expected a\.ncb beside it \(it holds the image values that the \.dat describes\), found none/],
      ["a.dat", "a.ncb", /a\.ncb: companion \.dat: expected a\.dat beside it \(it holds the image size, scale and energies needed to read the \.ncb\), found none/],
    ] as const) {
      unlinkSync(join(ncb.dir, gone));
      try {
        assert.throws(() => readNcb(join(ncb.dir, entry)), (e: Error) => e instanceof StxmFileError && want.test(e.message));
      } finally {
        writeFileSync(join(ncb.dir, gone), ncb.files[gone]);
      }
    }
  });

  it("FIFOs, /dev/zero, /dev/urandom, directories, dangling links, link loops: an immediate error naming the file (run in a child process that is killed if it hangs)", function () {
    const [sdf, pt, line, ncb, , stk] = fixtures;
    const cases: { label: string; reader: "sdf" | "ncb" | "stk" | "stxm"; path: string; names: string[]; dir: string }[] = [];
    let n = 0;
    /** A copy of the fixture's folder with `file` replaced by what `make` creates. */
    const variant = (fx: Fixture, file: string, kind: string, make: (p: string) => void, entry = fx.entry, reader: "sdf" | "ncb" | "stk" | "stxm" = fx === ncb ? "ncb" : fx === stk ? "stk" : "sdf"): void => {
      const dir = join(root.dir, `nonregular-${n++}`);
      mkdirSync(dir);
      for (const [f, b] of Object.entries(fx.files)) if (f !== file) writeFileSync(join(dir, f), b);
      make(join(dir, file));
      cases.push({ label: `${fx.label}: ${file} is ${kind}`, reader, path: join(dir, entry), names: [file], dir });
    };
    const fifo = (p: string): void => {
      execFileSync("mkfifo", [p]);
    };
    const link = (to: string) => (p: string) => symlinkSync(to, p);
    const loop = (p: string): void => {
      symlinkSync(`${p}.loop`, p);
      symlinkSync(p, `${p}.loop`);
    };
    for (const [fx, file] of [
      [sdf, "s.hdr"],
      [sdf, "s_a001.xim"],
      [pt, "p_0.xsp"],
      [line, "l_a.xim"],
      [ncb, "a.ncb"],
      [ncb, "a.dat"],
      [stk, "k.stk"],
    ] as const) {
      variant(fx, file, "a FIFO", fifo);
      variant(fx, file, "a link to /dev/zero", link("/dev/zero"));
      variant(fx, file, "a directory", (p) => mkdirSync(p));
      variant(fx, file, "a dangling link", link("no-such-file"));
      variant(fx, file, "a link loop", loop);
    }
    variant(pt, "p_0.xsp", "a link to /dev/urandom", link("/dev/urandom"));
    variant(ncb, "a.dat", "a FIFO (read via the .dat)", fifo, "a.dat");
    variant(sdf, "s.hdr", "a FIFO (read via an .xim through readStxm)", fifo, "s_a000.xim", "stxm");
    variant(sdf, "s.hdr", "a FIFO (through readStxm)", fifo, "s.hdr", "stxm");
    variant(stk, "k.stk", "a link to /dev/zero (through readStxm)", link("/dev/zero"), "k.stk", "stxm");
    // A path through a regular file (ENOTDIR).
    cases.push({ label: ".stk path through a file", reader: "stk", path: join(stk.dir, "k.stk", "x.stk"), names: ["x.stk"], dir: stk.dir });
    cases.push({ label: ".hdr path through a file (readStxm)", reader: "stxm", path: join(sdf.dir, "s.hdr", "x.hdr"), names: ["x.hdr"], dir: sdf.dir });
    // An extra image that is a FIFO: an image file that cannot be read is an error, never skipped.
    variant(sdf, "s_a003.xim", "an extra FIFO image", fifo);

    const before = cases.map((c) => hashDir(c.dir));
    const src = join(__dirname, "..", "..", "src", "io");
    const script = join(root.dir, "run-nonregular.ts");
    writeFileSync(
      script,
      [
        `const { readSdf } = require(${JSON.stringify(join(src, "sdf"))});`,
        `const { readNcb } = require(${JSON.stringify(join(src, "ncb"))});`,
        `const { readStk } = require(${JSON.stringify(join(src, "stk"))});`,
        `const { readStxm } = require(${JSON.stringify(join(src, "readStack"))});`,
        "const cases = JSON.parse(process.argv[2]);",
        "(async () => {",
        "  const out = [];",
        "  for (const c of cases) {",
        "    try {",
        "      if (c.reader === 'sdf') readSdf(c.path); else if (c.reader === 'ncb') readNcb(c.path); else if (c.reader === 'stk') readStk(c.path); else await readStxm(c.path);",
        "      out.push({ ok: true });",
        "    } catch (e) { out.push({ ok: false, name: e && e.name, message: e && e.message }); }",
        "  }",
        "  process.stdout.write(JSON.stringify(out));",
        "})();",
      ].join("\n"),
    );
    const child = spawnSync(process.execPath, ["--require", "tsx/cjs", script, JSON.stringify(cases.map(({ reader, path }) => ({ reader, path })))], {
      cwd: join(__dirname, "..", ".."),
      encoding: "utf8",
      timeout: 45_000,
      killSignal: "SIGKILL",
      maxBuffer: 1 << 24,
    });
    assert.equal(child.signal, null, `the child reading the non-regular files was killed (${child.signal}): a reader hung or ran out of memory\n${child.stderr}`);
    assert.equal(child.status, 0, child.stderr);
    const results = JSON.parse(child.stdout) as { ok: boolean; name?: string; message?: string }[];
    assert.equal(results.length, cases.length);
    cases.forEach((c, i) => {
      const r = results[i];
      tally.cases++;
      tally.errors++;
      assert.equal(r.ok, false, `${c.label}: read without an error`);
      assert.equal(r.name, "StxmFileError", `${c.label}: ${r.name}: ${r.message}`);
      assert.ok(c.names.some((f) => r.message?.includes(f)), `${c.label}: the message does not name ${c.names.join(", ")}: ${r.message}`);
      assert.deepEqual(hashDir(c.dir), before[i], `${c.label}: files changed`);
    });
    // What the messages say, for a few kinds.
    const msg = (label: string): string => results[cases.findIndex((c) => c.label === label)].message ?? "";
    assert.match(msg("SDF stack: s.hdr is a FIFO"), /s\.hdr: header: is a named pipe \(FIFO\); expected a regular file$/);
    assert.match(msg("SDF stack: s_a001.xim is a directory"), /s_a001\.xim: data file: is a directory; expected a file/);
    assert.match(msg("Stony Brook .stk: k.stk is a link to /dev/zero"), /k\.stk: Stony Brook stack \(\.stk\): is a character device; expected a regular file$/);
    assert.match(msg("aXis2000 float32 via .ncb: a.dat is a dangling link"), /a\.dat: aXis2000 header \(\.dat\): is a symbolic link to a file that does not exist$/);
    assert.match(msg("SDF point scan: p_0.xsp is a link loop"), /p_0\.xsp: data file: cannot be opened: too many levels of symbolic links \(a link loop\)$/);
    assert.match(msg(".stk path through a file"), /x\.stk: Stony Brook stack \(\.stk\): cannot be opened: a component of the path is a file, not a directory$/);
    for (const c of cases) if (c.dir !== sdf.dir && c.dir !== stk.dir) rmSync(c.dir, { recursive: true, force: true });
  });
});
