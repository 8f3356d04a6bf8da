// Arrays in a WebAssembly memory of their own (the pixel table's data): the kernels read them in
// place and give the same numbers bit for bit as on an ordinary array, with and without worker
// threads; small arrays stay ordinary; views and growth of the memory are safe.
import assert from "node:assert/strict";
import { availableParallelism } from "node:os";
import { pca } from "../../src/decompose";
import { centeredGram, gram, projectRows } from "../../src/linalg";
import { allocWasmF64, mallocHugePagesOnly, wasmHome, WASM_ARRAY_MIN_BYTES } from "../../src/linalg/wasmArrays";
import { setThreadsEnabled, startWorkers, workerPool } from "../../src/linalg/workerPool";
import { makeStack } from "../../src/types/stack";
import { noiseFilter, toPixelTable } from "../../src/stack";
import { createRng } from "../../src/simulate";
import { planted, withSwitch, M } from "../decompose/helpers";

const alone = <T>(fn: () => T): T => withSwitch(setThreadsEnabled, false, fn);

/** A copy of `X` in a WebAssembly memory (asserted to be there; an ordinary array with EDGEWORKS_NO_WASM=1). */
function inWasm(X: Float64Array): Float64Array {
  const W = allocWasmF64(X.length);
  W.set(X);
  if (process.env.EDGEWORKS_NO_WASM === "1") assert.equal(wasmHome(W), null, "no WebAssembly: an ordinary array");
  else assert.ok(wasmHome(W), "a large array lives in a WebAssembly memory");
  return W;
}

describe("arrays in WebAssembly memory", function () {
  const multi = availableParallelism() > 1 && process.env.EDGEWORKS_THREADS !== "1" && process.env.EDGEWORKS_NO_WASM !== "1";
  before(function () {
    this.timeout(30000);
    if (multi) assert.ok(startWorkers() >= 1, "worker threads did not start");
  });

  it("small arrays are ordinary Float64Arrays, large ones views at byte 0 of a shared memory", function () {
    if (process.env.EDGEWORKS_NO_WASM === "1") this.skip();
    const small = allocWasmF64(WASM_ARRAY_MIN_BYTES / 8 - 1);
    assert.equal(wasmHome(small), null);
    const big = allocWasmF64(WASM_ARRAY_MIN_BYTES / 8);
    assert.ok(big instanceof Float64Array);
    assert.equal(big.byteOffset, 0);
    assert.equal(big.length, WASM_ARRAY_MIN_BYTES / 8);
    assert.ok(wasmHome(big.subarray(10, 20)), "a view of it finds the memory too");
  });

  it("Gram, centred Gram and projection read the array in place: the same bits as on a copy, threaded or not", function () {
    this.timeout(120000);
    // 5000 × 200: the lanes' Gram matrices (10 MB) need more scratch than reserved: the memory grows under the array
    for (const [n, E, seed] of [[40000, 50, 1], [9000, 101, 2], [30011, 37, 3], [5000, 200, 4]]) {
      const p = planted(seed, n, E, 3, 0.02);
      const W = inWasm(p.X);
      const posted = workerPool()?.posted ?? 0;
      const a = centeredGram(W, n, E);
      if (multi && n * E * E >= 1 << 24) assert.ok((workerPool()?.posted ?? 0) > posted, "the workers read the wasm-resident array too");
      const b = centeredGram(p.X, n, E);
      assert.deepEqual(a.gram, b.gram, `centred ${n}×${E}`);
      assert.deepEqual(a.mean, b.mean);
      assert.deepEqual(alone(() => centeredGram(W, n, E)).gram, b.gram, `centred alone ${n}×${E}`);
      assert.deepEqual(gram(W, n, E), gram(p.X, n, E), `gram ${n}×${E}`);
      const B = planted(seed + 10, 9, E, 2, 0.5).X;
      const c = p.X.slice(E * 5, E * 6);
      for (const center of [undefined, c]) {
        assert.deepEqual(projectRows(W, n, E, B, 9, center), projectRows(p.X, n, E, B, 9, center), `project ${n}×${E} ${center ? "centred" : ""}`);
        assert.deepEqual(alone(() => projectRows(W, n, E, B, 9, center)), projectRows(p.X, n, E, B, 9, center));
      }
      // a view starting inside the array (rows 7 …): its byte offset is its address
      const off = 7 * E;
      assert.deepEqual(centeredGram(W.subarray(off), n - 7, E).gram, centeredGram(p.X.subarray(off), n - 7, E).gram, "a view");
      if (E === 200 && process.env.EDGEWORKS_NO_WASM !== "1") assert.ok((wasmHome(W)?.memory.buffer.byteLength ?? 0) > W.byteLength + (4 << 20), "the memory grew");
      assert.deepEqual(W, p.X);
    }
  });

  it("pca of a wasm-resident matrix equals pca of the same values in an ordinary array", function () {
    this.timeout(60000);
    const p = planted(11, 50000, 48, 4, 0.01);
    const a = pca(M(inWasm(p.X), p.n, p.E), { k: 6 });
    const b = pca(M(p.X, p.n, p.E), { k: 6 });
    assert.deepEqual(a.eigenvalues, b.eigenvalues);
    assert.deepEqual(a.components.data, b.components.data);
    assert.deepEqual(a.scores?.data, b.scores?.data);
  });

  it("toPixelTable puts a large table in WebAssembly memory unless only ordinary arrays get huge pages (noiseFilter's copy is an ordinary array)", function () {
    if (process.env.EDGEWORKS_NO_WASM === "1") this.skip();
    this.timeout(60000);
    const rng = createRng(3);
    const nE = 30, ny = 100, nx = 80, n = ny * nx;
    const energies = Float64Array.from({ length: nE }, (_, e) => 520 + e * 0.5);
    const data = new Float64Array(nE * n);
    for (let i = 0; i < data.length; i++) data[i] = rng.uniform();
    data[3 * n + 17] = NaN; // one dropped row: the table is a view of the kept rows
    const { table, dropped } = toPixelTable([{ stack: makeStack({ data, nE, ny, nx, energies, quantity: "od" }) }]);
    assert.deepEqual(dropped, [1]);
    assert.equal(table.data.length, (n - 1) * nE);
    // with GLIBC_TUNABLES=glibc.malloc.hugetlb=1 and THP in madvise mode an ordinary array fills faster
    if (mallocHugePagesOnly()) assert.equal(wasmHome(table.data), null, "table data in an ordinary array (huge pages)");
    else assert.ok(wasmHome(table.data), "table data in a WebAssembly memory");
    const f = noiseFilter(table, { range: [520, 526], fraction: 0.1 });
    assert.equal(wasmHome(f.table.data), null, "the filtered copy is an ordinary array");
    assert.deepEqual(f.table.data, noiseFilter({ ...table, data: Float64Array.from(table.data) }, { range: [520, 526], fraction: 0.1 }).table.data);
    const plainCopy = { ...table, data: Float64Array.from(table.data) };
    assert.deepEqual(pca(table, { k: 3 }).eigenvalues, pca(plainCopy, { k: 3 }).eigenvalues);
  });
});
