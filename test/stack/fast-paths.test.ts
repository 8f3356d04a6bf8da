/**
 * The fast paths of the preprocessing verbs (one-pass OD with a ln table, cache-blocked
 * normalisation, one-pass pixel table, run-wise row selection, branch-free finite check) give
 * the same numbers bit for bit as plain one-image-at-a-time loops written out here.
 */
import assert from "node:assert/strict";
import { plainNormalize } from "./_plainNormalize";
import { makeStack, type Stack } from "../../src/types/stack";
import { makePixelTable, selectRows } from "../../src/types";
import { noiseFilter, normalizePixels, opticalDensity, toPixelTable } from "../../src/stack";
import { allFinite } from "../../src/stack/_util";
import { disableOdWasm, odWasmAvailable, setOdChunk } from "../../src/stack/_odWasm";
import { createRng } from "../../src/simulate";
import { sameBits } from "./_sameBits";

/** Bitwise equality of two arrays (NaN equals NaN, +0 differs from −0). */
/**
 * Counts [nE, ny, nx]: integers around `level` with a few zeros (a fraction `zeros` of them), as
 * detector counts. (An image with a zero is done again value by value after the table pass; only
 * images without one keep what the branch-free pass wrote.)
 */
function countStack(nE: number, ny: number, nx: number, level: number, seed: number, f32 = false, zeros = 0.001): Stack {
  const rng = createRng(seed);
  const data = f32 ? new Float32Array(nE * ny * nx) : new Float64Array(nE * ny * nx);
  for (let i = 0; i < data.length; i++) data[i] = rng.uniform() < zeros ? 0 : Math.round(level * (0.2 + rng.uniform()));
  const energies = Float64Array.from({ length: nE }, (_, e) => 520 + (40 * e) / (nE - 1));
  return makeStack({ data, nE, ny, nx, energies });
}

/** OD as the plain loops compute it: table formula ln I0 − ln v for integer data, else −ln(v/I0). */
function odReference(st: Stack, i0: Float64Array, table: boolean, nan: boolean, floor = 1): Float64Array {
  const n = st.ny * st.nx;
  const out = new Float64Array(st.data.length);
  for (let e = 0; e < st.nE; e++) {
    const lnI0 = Math.log(i0[e]);
    for (let i = e * n; i < (e + 1) * n; i++) {
      const v = st.data[i];
      if (v <= 0) out[i] = nan ? NaN : table ? lnI0 - Math.log(floor) : 0 - Math.log(floor / i0[e]);
      else out[i] = table ? lnI0 - Math.log(v) : 0 - Math.log(v / i0[e]);
    }
  }
  return out;
}

describe("fast paths equal the plain loops", () => {
  const i0For = (nE: number): Float64Array => Float64Array.from({ length: nE }, (_, e) => 3000 + 10 * e);

  it("opticalDensity: WebAssembly SIMD is available here (else only the JavaScript pass is tested)", function () {
    if (process.env.EDGEWORKS_NO_WASM === "1") this.skip(); // turned off on purpose: both paths run the JavaScript pass
    assert.equal(odWasmAvailable(), true);
  });
  // the table pass in JavaScript; in WebAssembly with its default chunks (8192 counts: one
  // partial chunk per 6300-count image, a full and a partial one per 13,601-count image) and
  // with chunks of 64 counts (many chunks, a partial last one)
  const odPaths = [
    { name: "JavaScript", wasm: false, chunk: 0 },
    { name: "WebAssembly", wasm: true, chunk: 0 },
    { name: "WebAssembly, chunks of 64 counts", wasm: true, chunk: 64 },
  ];
  const onPath = (path: (typeof odPaths)[number], body: () => void) => (): void => {
    disableOdWasm(!path.wasm);
    const prev = path.chunk ? setOdChunk(path.chunk) : 0;
    try {
      body();
    } finally {
      disableOdWasm(false);
      if (path.chunk) setOdChunk(prev);
    }
  };
  for (const path of odPaths) {
  it(`opticalDensity (${path.name}): one pass with a ln table for integer counts, Math.log otherwise`, onPath(path, () => {
    const st = countStack(12, 70, 90, 2500, 1); // 75,600 values > 2¹⁶: the table path
    const i0 = i0For(st.nE);
    for (const nonPositive of ["floor", "nan"] as const) {
      const r = opticalDensity(st, { i0, nonPositive });
      sameBits(r.stack.data, odReference(st, i0, true, nonPositive === "nan"), `integer counts, ${nonPositive}`);
      let zeros = 0;
      for (const v of st.data) if (v <= 0) zeros++;
      assert.equal(r.nonPositive, zeros);
    }
    // a single fractional count anywhere (here the very last) switches the whole stack to −ln(I/I0)
    const frac = Float64Array.from(st.data);
    frac[frac.length - 1] += 0.5;
    const sf = makeStack({ ...st, data: frac });
    sameBits(opticalDensity(sf, { i0 }).stack.data, odReference(sf, i0, false, false), "one fractional count");
    // a count above a quarter of the number of values: no table either
    const big = Float64Array.from(st.data);
    big[40_000] = 19_000;
    const sb = makeStack({ ...st, data: big });
    sameBits(opticalDensity(sb, { i0 }).stack.data, odReference(sb, i0, false, false), "a count > nValues/4");
    // counts that need the table to grow several times
    const grow = Float64Array.from(st.data);
    for (let i = 0; i < grow.length; i += 997) grow[i] = 4000 + (i % 14_000);
    const sg = makeStack({ ...st, data: grow });
    sameBits(opticalDensity(sg, { i0 }).stack.data, odReference(sg, i0, true, false), "growing table");
    // −0, negative counts and a count at the table's edge in some images only (the images without one take the branch-free pass)
    const edge = Float64Array.from(st.data);
    edge[5] = -0;
    edge[3 * 6300 + 17] = -3;
    edge[7 * 6300 + 6299] = 4095;
    edge[7 * 6300 + 6298] = 4096;
    const se = makeStack({ ...st, data: edge });
    for (const nonPositive of ["floor", "nan"] as const) {
      const r = opticalDensity(se, { i0, nonPositive });
      sameBits(r.stack.data, odReference(se, i0, true, nonPositive === "nan"), `−0, negative and edge counts, ${nonPositive}`);
    }
    // counts whose int32 truncation wraps into the table's range (2³² + 5, −2³² + 5, 2³¹), a pair
    // whose wraps would cancel in a plain sum, counts an ulp off an integer, and one in (0, 1):
    // each is seen: a large or fractional count takes the whole stack off the table, a negative
    // integer is floored on it
    const cases: [string, number[], boolean][] = [
      ["2³² + 5", [2 ** 32 + 5], false],
      ["−2³² + 5", [-(2 ** 32) + 5], true],
      ["2³¹", [2 ** 31], false],
      ["2³² + 5 and −2³² + 5", [2 ** 32 + 5, -(2 ** 32) + 5], false],
      ["an ulp above 1000", [1000 + 2 ** -43], false],
      ["an ulp below 3", [3 - 2 ** -51], false],
      ["0.5", [0.5], false],
    ];
    // (in a stack with zeros, whose every image is done again value by value, and in one without)
    const clean = countStack(12, 70, 90, 2500, 1, false, 0);
    for (const base of [st, clean]) {
      for (const [what, vals, onTable] of cases) {
        const w = Float64Array.from(base.data);
        vals.forEach((v, q) => (w[8 * 6300 + 101 + 2 * q] = v));
        const sw = makeStack({ ...base, data: w });
        const r = opticalDensity(sw, { i0 });
        sameBits(r.stack.data, odReference(sw, i0, onTable, false), `a count of ${what}${base === clean ? ", no zeros elsewhere" : ""}`);
      }
    }
    // a small stack (≤ 2¹⁶ values) always uses Math.log
    const small = countStack(4, 20, 30, 500, 2);
    sameBits(opticalDensity(small, { i0: i0For(4) }).stack.data, odReference(small, i0For(4), false, false), "small stack");
  }));

  it(`opticalDensity (${path.name}): Float32 counts and Float32 output, floor, and non-finite counts`, onPath(path, () => {
    const st = countStack(10, 80, 90, 1500, 3, true);
    const i0 = i0For(st.nE);
    const r = opticalDensity(st, { i0, output: "float32", floor: 0.5 });
    assert.ok(r.stack.data instanceof Float32Array);
    sameBits(r.stack.data, Float32Array.from(odReference(st, i0, true, false, 0.5)), "float32");
    for (const bad of [NaN, Infinity, -Infinity]) {
      const d = Float64Array.from(st.data);
      d[50_000] = bad;
      d[60_000] = bad;
      assert.throws(() => opticalDensity(makeStack({ ...st, data: d }), { i0 }), { message: /stack data hold 2 non-finite value\(s\) \(first -?(NaN|Infinity) at energy index 6/ });
    }
    // the finite-data error still comes before an I0 error
    const d = Float64Array.from(st.data);
    d[7] = NaN;
    assert.throws(() => opticalDensity(makeStack({ ...st, data: d }), { i0: new Float64Array(st.nE) }), { message: /non-finite/ });
  }));

  it(`opticalDensity (${path.name}): images whose length is not a multiple of 4, an odd count in the last value or inside`, onPath(path, () => {
    for (const f32 of [false, true]) {
      const st = countStack(6, 67, 203, 1800, 5, f32, 0); // 13,601 counts per image: 1 past the last four; no zeros
      const n = st.ny * st.nx;
      const i0 = i0For(st.nE);
      sameBits(opticalDensity(st, { i0 }).stack.data, odReference(st, i0, true, false), `${f32 ? "Float32" : "Float64"} counts`);
      const cases: [string, number, boolean][] = [
        ["0.5 in the last value", 0.5, false],
        ["0 in the last value", 0, true],
        ["2³¹ in the last value", 2 ** 31, false],
        ["4095 in the last value", 4095, true],
        [`${f32 ? "1000.5" : "an ulp above 1000"} in the last value`, f32 ? 1000.5 : 1000 + 2 ** -43, false],
      ];
      for (const [what, v, onTable] of cases) {
        const w = f32 ? Float32Array.from(st.data) : Float64Array.from(st.data);
        w[2 * n + n - 1] = v;
        const sw = makeStack({ ...st, data: w });
        sameBits(opticalDensity(sw, { i0 }).stack.data, odReference(sw, i0, onTable, false), `${f32 ? "Float32" : "Float64"}: ${what}`);
      }
      // counts inside an image: off an integer, beyond the table or int32
      const inside: [string, number, boolean][] = f32
        ? [["1000.5", 1000.5, false], ["2³⁰ + 128", 2 ** 30 + 128, false], ["3 + 2⁻²²", 3 + 2 ** -22, false], ["−7", -7, true], ["2³¹ (its saturated int32 rounds back to it)", 2 ** 31, false], ["−2³¹ (floored)", -(2 ** 31), true]]
        : [["an ulp above 1000", 1000 + 2 ** -43, false], ["2³² + 5", 2 ** 32 + 5, false], ["0.5", 0.5, false], ["−7", -7, true], ["2³¹", 2 ** 31, false], ["−2³¹ (floored)", -(2 ** 31), true]];
      for (const [what, v, onTable] of inside) {
        const w = f32 ? Float32Array.from(st.data) : Float64Array.from(st.data);
        w[4 * n + 1001] = v; // inside a chunk (and inside the 16th chunk of 64)
        const sw = makeStack({ ...st, data: w });
        sameBits(opticalDensity(sw, { i0 }).stack.data, odReference(sw, i0, onTable, false), `${f32 ? "Float32" : "Float64"}: ${what} inside`);
      }
    }
  }));
  }

  it("allFinite: any NaN or ±Infinity at any position, −0 and huge values are finite", () => {
    for (const len of [0, 1, 3, 4, 5, 8, 13]) {
      const a = new Float64Array(len).fill(-0);
      assert.equal(allFinite(a), true);
      for (let i = 0; i < len; i++) {
        for (const bad of [NaN, Infinity, -Infinity]) {
          const b = Float64Array.from(a);
          b[i] = bad;
          assert.equal(allFinite(b), false, `len ${len}, ${bad} at ${i}`);
          assert.equal(allFinite(Float32Array.from(b)), false);
        }
      }
    }
    assert.equal(allFinite(Float64Array.of(Number.MAX_VALUE, -Number.MAX_VALUE, Number.MIN_VALUE, 5e-324)), true);
  });

  it("normalizePixels: cache-blocked equals image-at-a-time, invalid pixels included", () => {
    const rng = createRng(5);
    const nE = 40, ny = 37, nx = 53; // n = 1961: not a multiple of the block
    const energies = Float64Array.from({ length: nE }, (_, e) => 518 + e * 0.9 + (e % 3) * 0.1);
    const data = new Float64Array(nE * ny * nx);
    for (let i = 0; i < data.length; i++) data[i] = rng.uniform() * 2 - 0.3;
    const n = ny * nx;
    for (let e = 0; e < nE; e++) data[e * n + 11] = 0.25; // flat: area 0, invalid
    const st = makeStack({ data, nE, ny, nx, energies, quantity: "od" });
    const opts = { background: [520, 526], area: [525, 535], brightness: [535, 553] } as const;
    const r = normalizePixels(st, opts);
    const { bg, area, bright, out, invalid } = plainNormalize(st, [520, 526], [525, 535], [535, 553]);
    sameBits(r.background, bg, "background");
    sameBits(r.area, area, "area");
    sameBits(r.brightness, bright, "brightness");
    sameBits(r.stack.data, out, "normalised");
    assert.equal(r.invalid, invalid);
    assert.ok(invalid >= 1);
  });

  it("toPixelTable and noiseFilter: one-pass table and run-wise selection equal the plain loops", () => {
    const rng = createRng(9);
    const mk = (ny: number, nx: number): Stack => {
      const nE = 30;
      const energies = Float64Array.from({ length: nE }, (_, e) => 518 + e * 0.6);
      const data = new Float64Array(nE * ny * nx);
      for (let i = 0; i < data.length; i++) data[i] = rng.uniform();
      for (let i = 0; i < ny * nx; i += 7) data[(i % nE) * ny * nx + i] = [NaN, Infinity, -Infinity][i % 3]; // dropped rows
      // huge finite values (their sum overflows) are kept: the finite check must not add them up
      // (above 525 eV, outside the noise range below)
      for (let i = 3; i < ny * nx; i += 11) for (let e = 13; e < nE; e++) data[e * ny * nx + i] = 1.7e308;
      return makeStack({ data, nE, ny, nx, energies, quantity: "od" });
    };
    const a = mk(45, 61), b = mk(33, 70);
    const mask = Array.from({ length: 33 * 70 }, (_, i) => (i % 5 === 0 ? 0 : 1));
    const bright = Float64Array.from({ length: 45 * 61 }, (_, i) => i * 0.5);
    // 13 energies (eight, four and one at a time), then 17 (eight, eight, one) for the noise below
    for (const range of [[520, 528], [520, 530]] as const) {
      const { table, dropped } = toPixelTable([{ stack: a, brightness: bright }, { stack: b, mask }], { energyRange: range });
      // plain: pixel by pixel
      const cols = Array.from(a.energies.keys()).filter((k) => a.energies[k] >= range[0] && a.energies[k] <= range[1]);
      const rows: number[] = [], xs: number[] = [], ys: number[] = [], ss: number[] = [], brs: number[] = [];
      const drops = [0, 0];
      [a, b].forEach((st, s) => {
        const n = st.ny * st.nx;
        for (let p = 0; p < n; p++) {
          if (s === 1 && !mask[p]) continue;
          const row = cols.map((c) => st.data[c * n + p]);
          if (!row.every(Number.isFinite)) {
            drops[s]++;
            continue;
          }
          rows.push(...row);
          xs.push(p % st.nx);
          ys.push(Math.floor(p / st.nx));
          ss.push(s);
          brs.push(s === 0 ? bright[p] : NaN);
        }
      });
      sameBits(table.data, rows, "table");
      sameBits(table.x, xs, "x");
      sameBits(table.y, ys, "y");
      sameBits(table.sample, ss, "sample");
      sameBits(table.brightness, brs, "brightness");
      assert.deepEqual(dropped, drops);
      if (range[1] === 528) continue;
      // noise over a contiguous range and over the same columns given as all energies of a table
      for (const fraction of [0.1, 0.5, 0]) {
        const f = noiseFilter(table, { range: [521, 525], fraction });
        const ci = Array.from(table.energies.keys()).filter((k) => table.energies[k] >= 521 && table.energies[k] <= 525);
        const noise = new Float64Array(table.nPixels);
        for (let r = 0; r < table.nPixels; r++) {
          let s = 0;
          for (const c of ci) s += table.data[r * table.nE + c];
          const mean = s / ci.length;
          let v = 0;
          for (const c of ci) {
            const d = table.data[r * table.nE + c] - mean;
            v += d * d;
          }
          noise[r] = Math.sqrt(v / ci.length);
        }
        sameBits(f.noise, noise, `noise, fraction ${fraction}`);
        const sel = selectRows(table, f.kept);
        sameBits(f.table.data, sel.data, "kept rows");
        sameBits(f.table.y, sel.y, "kept y");
        sameBits(f.table.brightness, sel.brightness, "kept brightness");
        assert.deepEqual(f.table.samples, sel.samples);
      }
      // interleaved energies: the noise range is not a contiguous run of columns
      const perm = Array.from({ length: table.nE }, (_, j) => (j % 2 === 0 ? j / 2 : Math.ceil(table.nE / 2) + (j - 1) / 2));
      const data = new Float64Array(table.data.length);
      for (let r = 0; r < table.nPixels; r++) for (let j = 0; j < table.nE; j++) data[r * table.nE + j] = table.data[r * table.nE + perm[j]];
      const shuffled = makePixelTable({ ...table, data, energies: perm.map((j) => table.energies[j]) });
      const f1 = noiseFilter(table, { range: [521, 525] });
      const f2 = noiseFilter(shuffled, { range: [521, 525] });
      sameBits(f2.noise, f1.noise, "noise over interleaved columns");
      assert.equal(f2.removed, f1.removed);
    }
  });

  it("noiseFilter: a non-finite value in the range is named by its row, whether four rows at a time or one", () => {
    const nE = 6;
    const energies = [520, 521, 522, 523, 524, 530];
    for (const bad of [0, 5, 8, 10]) {
      const n = 11; // 8 rows four at a time, then 3 one at a time
      const data = Float64Array.from({ length: n * nE }, (_, i) => (i % 7) * 0.25);
      data[bad * nE + 2] = bad % 2 ? NaN : Infinity;
      const table = makePixelTable({ data, nPixels: n, nE, energies, sample: new Array(n).fill(0), x: Array.from({ length: n }, (_, i) => i), y: new Array(n).fill(0), samples: [{ name: "s", ny: 1, nx: n }] });
      assert.throws(() => noiseFilter(table, { range: [520, 524] }), new RegExp(`noiseFilter: row ${bad} \\(sample 0, x ${bad}, y 0\\) has a non-finite value in the range`));
    }
  });
});
