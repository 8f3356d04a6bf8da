/**
 * toPixelTable's one-pass transposition (blocks of 512 pixels; sixteen, eight, four, then single
 * images at a time; a mask's pixels four at a time) gives the same rows, bit for bit, as a plain
 * pixel-by-pixel loop written out here: energy counts that use every path, more than one block of
 * pixels with dropped rows at the blocks' edges, a mask, Float32 input and huge finite values.
 * Every case runs on three paths: the JavaScript loops, the WebAssembly kernel (Float64 stacks,
 * blocks of whole or contiguously masked pixels), and the kernel with blocks of 64 pixels.
 */
import assert from "node:assert/strict";
import { makeStack, type Stack } from "../../src/types/stack";
import { toPixelTable } from "../../src/stack";
import { createRng } from "../../src/simulate";
import { sameBits } from "./_sameBits";
import { disableTransposeWasm, setTransposeBlockBudget, transposeWasmAvailable, transposeWasmFits } from "../../src/stack/_transposeWasm";

/** Bitwise equality of two arrays (NaN equals NaN, +0 differs from −0). */
describe("toPixelTable: blocked transposition equals a plain loop", () => {
  const ny = 41;
  const nx = 37; // 1517 pixels: two full blocks of 512 and a partial one
  const mk = (nE: number, f32: boolean, seed: number): Stack => {
    const rng = createRng(seed);
    const n = ny * nx;
    const energies = Float64Array.from({ length: nE }, (_, e) => 520 + e * 0.25);
    const data = f32 ? new Float32Array(nE * n) : new Float64Array(nE * n);
    for (let i = 0; i < data.length; i++) data[i] = rng.uniform() * 3 - 1;
    // dropped rows: at the first and last pixel of each block, runs of them, one bad value each
    const bad = [0, 1, 2, 511, 512, 513, 1023, 1024, 1516, 700, 701, 702, 703];
    bad.forEach((p, k) => {
      data[((k * 7) % nE) * n + p] = [NaN, Infinity, -Infinity][k % 3];
    });
    for (let p = 900; p < 1000; p += 3) data[(nE - 1) * n + p] = NaN; // a bad value in the last image only
    if (!f32) for (let p = 5; p < n; p += 13) for (let e = 0; e < nE; e++) data[e * n + p] = 1.7e308; // huge but finite: kept
    return makeStack({ data, nE, ny, nx, energies, quantity: "od" });
  };
  const plain = (stacks: Stack[], masks: (number[] | undefined)[]) => {
    const rows: number[] = [], xs: number[] = [], ys: number[] = [], ss: number[] = [];
    const dropped = stacks.map(() => 0);
    stacks.forEach((st, s) => {
      const n = st.ny * st.nx;
      for (let p = 0; p < n; p++) {
        if (masks[s] && !masks[s][p]) continue;
        const row = Array.from({ length: st.nE }, (_, e) => st.data[e * n + p]);
        if (!row.every(Number.isFinite)) {
          dropped[s]++;
          continue;
        }
        rows.push(...row);
        xs.push(p % st.nx);
        ys.push(Math.floor(p / st.nx));
        ss.push(s);
      }
    });
    return { rows, xs, ys, ss, dropped };
  };
  const paths = [
    { name: "JavaScript", wasm: false, budget: 0 },
    { name: "WebAssembly", wasm: true, budget: 0 },
    { name: "WebAssembly, 64-pixel blocks", wasm: true, budget: 1 },
  ];
  let budget0 = 0;
  before(() => {
    budget0 = setTransposeBlockBudget(1 << 19);
  });
  afterEach(() => {
    disableTransposeWasm(false);
    setTransposeBlockBudget(1 << 19);
  });
  after(() => {
    setTransposeBlockBudget(budget0);
  });
  const use = (path: (typeof paths)[number]): void => {
    disableTransposeWasm(!path.wasm);
    if (path.budget) setTransposeBlockBudget(path.budget);
  };
  it("a table too wide for the kernel's 64 MiB (100,000 energies) takes the JavaScript loops and is the same", function () {
    if (!transposeWasmAvailable()) this.skip();
    assert.equal(transposeWasmFits(50), true);
    assert.equal(transposeWasmFits(100_000), false);
    const nE = 100_000;
    const n = 3;
    const data = Float64Array.from({ length: nE * n }, (_, i) => (i % 7) - 3.5);
    data[5 * n + 1] = NaN; // pixel 1 dropped
    const st = makeStack({ data, nE, ny: 1, nx: n, energies: Float64Array.from({ length: nE }, (_, e) => 500 + e * 1e-3), quantity: "od" });
    const { table, dropped } = toPixelTable([{ stack: st }]);
    const ref = plain([st], [undefined]);
    sameBits(table.data, ref.rows, "table");
    assert.deepEqual(dropped, [1]);
  });
  // 16 + 8 + 4 + 1, 16 · 3 + 2, 8 + 4 + 3, 16 exactly, 3, and the kernel's smallest: one and two
  for (const nE of [29, 50, 15, 16, 3, 1, 2]) {
    for (const f32 of [false, true]) {
      for (const path of paths) {
        it(`${nE} energies, ${f32 ? "Float32" : "Float64"} stacks, one whole, one masked, one masked in a run (${path.name})`, function () {
          if (path.wasm && !transposeWasmAvailable()) this.skip();
          use(path);
          const a = mk(nE, f32, nE);
          const b = mk(nE, f32, nE + 100);
          const c = mk(nE, f32, nE + 200);
          if (!f32) for (let p = 17; p < ny * nx; p += 29) c.data[(p % nE) * ny * nx + p] = -0; // −0 stays −0
          const mask = Array.from({ length: ny * nx }, (_, i) => (i % 5 === 0 || (i > 600 && i < 640) ? 0 : 1));
          // whole blocks of consecutive pixels after a gap: read in place at an offset
          const run = Array.from({ length: ny * nx }, (_, i) => (i < 3 || (i > 257 && i < 300) ? 0 : 1));
          const { table, dropped } = toPixelTable([{ stack: a }, { stack: b, mask }, { stack: c, mask: run }]);
          const ref = plain([a, b, c], [undefined, mask, run]);
          sameBits(table.data, ref.rows, "table");
          sameBits(table.x, ref.xs, "x");
          sameBits(table.y, ref.ys, "y");
          sameBits(table.sample, ref.ss, "sample");
          assert.deepEqual(dropped, ref.dropped);
          assert.ok(ref.dropped[0] >= 40, `dropped ${ref.dropped}`);
        });
      }
    }
  }
});
