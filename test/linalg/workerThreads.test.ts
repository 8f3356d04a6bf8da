// The worker-thread paths (Gram, score projection, NMF) give the same numbers as the calling
// thread alone, bit for bit, and the plain loops within rounding; the pool never keeps the
// process alive and survives an interrupted nmfAsync.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { availableParallelism } from "node:os";
import { resolve } from "node:path";
import { nmf, nmfAsync, pca } from "../../src/decompose";
import { centeredGram, createRng, gram, projectRows } from "../../src/linalg";
import { setThreadsEnabled, startWorkers, workerPool } from "../../src/linalg/workerPool";
import { maxAbs, maxRel, planted, plain, withSwitch, M } from "../decompose/helpers";

/** Run fn and check whether the workers took part (when there are any; small work stays on the calling thread). */
function threaded<T>(fn: () => T, expected = true): T {
  const p = workerPool();
  const before = p ? p.posted : 0;
  const out = fn();
  if (p) assert.equal(p.posted > before, expected, expected ? "no job went to a worker thread" : "small work went to a worker thread");
  return out;
}
const alone = <T>(fn: () => T): T => withSwitch(setThreadsEnabled, false, fn);

describe("worker threads", function () {
  const multi = availableParallelism() > 1 && process.env.EDGEWORKS_THREADS !== "1";
  before(function () {
    this.timeout(30000);
    if (multi) assert.ok(startWorkers() >= 1, "worker threads did not start");
  });

  it("Gram and centred Gram: threaded = calling thread alone (bit for bit) ≈ plain loops", () => {
    for (const [n, E, seed] of [[40000, 50, 1], [9000, 101, 2], [80000, 13, 3], [70000, 4, 4]]) {
      const p = planted(seed, n, E, 3, 0.02);
      const big = E > 4;
      const a = threaded(() => centeredGram(p.X, n, E), big), b = alone(() => centeredGram(p.X, n, E)), c = plain(() => centeredGram(p.X, n, E));
      assert.deepEqual(a.gram, b.gram, `centred ${n}×${E}`);
      assert.deepEqual(a.mean, b.mean);
      assert.ok(maxAbs(a.gram, c.gram) <= 1e-11 * Math.max(...c.gram.map(Math.abs)), `centred vs plain ${n}×${E}`);
      const g = threaded(() => gram(p.X, n, E), big), h = alone(() => gram(p.X, n, E)), q = plain(() => gram(p.X, n, E));
      assert.deepEqual(g, h);
      assert.ok(maxAbs(g, q) <= 1e-12 * Math.max(...q));
    }
  });

  it("score projection: threaded = alone = plain loops, bit for bit, for 1–20 basis vectors", () => {
    const p = planted(9, 30011, 37, 3, 0.02);
    const B = planted(10, 20, 37, 2, 0.5).X;
    const c = p.X.subarray(37 * 5, 37 * 6);
    for (const k of [1, 2, 5, 8, 9, 14, 20]) {
      for (const center of [undefined, c]) {
        const a = threaded(() => projectRows(p.X, p.n, p.E, B, k, center), k > 2);
        assert.deepEqual(a, alone(() => projectRows(p.X, p.n, p.E, B, k, center)), `k=${k}`);
        assert.deepEqual(a, plain(() => projectRows(p.X, p.n, p.E, B, k, center)), `k=${k} vs plain`);
      }
    }
  });

  it("pca: the same result with and without threads", () => {
    const p = planted(11, 50000, 48, 4, 0.01);
    const a = pca(M(p.X, p.n, p.E), { k: 6 }), b = alone(() => pca(M(p.X, p.n, p.E), { k: 6 }));
    assert.deepEqual(a.eigenvalues, b.eigenvalues);
    assert.deepEqual(a.scores!.data, b.scores!.data);
  });

  it("nmf cd: the same iterates with and without threads, bit for bit; ≈ plain loops", () => {
    for (const [k, E, n] of [[3, 50, 40001], [7, 31, 12345], [1, 20, 30000], [16, 40, 9000]]) {
      const p = planted(20 + k, n, E, Math.min(k, 4), 0.01);
      const X = p.X.map((v) => Math.max(v, 0));
      const opts = { k, maxIter: 25, tol: 0 };
      const a = threaded(() => nmf(M(X, n, E), opts)), b = alone(() => nmf(M(X, n, E), opts));
      assert.deepEqual(a.errorHistory, b.errorHistory, `k=${k}`);
      assert.deepEqual(a.W, b.W);
      assert.deepEqual(a.H, b.H);
      assert.equal(a.reconstructionError, b.reconstructionError);
      // vs plain loops from the same start (nndsvd of a rank-deficient X depends on rounding)
      const rng = createRng(k);
      const start = { ...opts, W0: Float64Array.from({ length: n * k }, () => rng.uniform()), H0: Float64Array.from({ length: k * E }, () => rng.uniform()) };
      const d = nmf(M(X, n, E), start), c = plain(() => nmf(M(X, n, E), start));
      assert.ok(maxRel(d.errorHistory, c.errorHistory) < 1e-10, `k=${k} vs plain ${maxRel(d.errorHistory, c.errorHistory)}`);
      assert.ok(Math.abs(d.reconstructionError - c.reconstructionError) < 1e-10 * c.reconstructionError);
    }
  });

  it("nmfAsync interrupted mid-run rejects, and the pool still gives the same numbers afterwards", async () => {
    const p = planted(31, 40000, 30, 3, 0.01);
    const X = p.X.map((v) => Math.max(v, 0));
    const ref = nmf(M(X, p.n, p.E), { k: 3, maxIter: 12, tol: 0 });
    const ac = new AbortController();
    await assert.rejects(
      nmfAsync(M(X, p.n, p.E), { k: 3, maxIter: 100000, tol: 0, yieldEvery: 1, signal: ac.signal, onProgress: (it) => { if (it === 4) ac.abort(); } }),
      { name: "KeyboardInterrupt" },
    );
    const again = nmf(M(X, p.n, p.E), { k: 3, maxIter: 12, tol: 0 });
    assert.deepEqual(again.W, ref.W);
    const asy = await nmfAsync(M(X, p.n, p.E), { k: 3, maxIter: 12, tol: 0, yieldEvery: 3 });
    assert.deepEqual(asy.W, ref.W);
  });

  it("workers never keep the process alive, and EDGEWORKS_THREADS=1 / EDGEWORKS_NO_WASM=1 still compute", () => {
    const root = resolve(__dirname, "..", "..");
    const script = `
      const { startWorkers } = require("./src/linalg/workerPool");
      const { pca, nmf } = require("./src/decompose");
      startWorkers();
      const n = 30000, E = 40, X = new Float64Array(n * E);
      for (let i = 0; i < X.length; i++) X[i] = 1 + Math.sin(i * 0.37) * 0.3 + (i % E) * 0.01;
      const r = pca({ data: X, nRows: n, nCols: E }, { k: 3 });
      const m = nmf({ data: X, nRows: n, nCols: E }, { k: 2, maxIter: 5 });
      console.log(JSON.stringify([r.explainedVarianceRatio[0], m.reconstructionError]));`;
    const outs: number[][] = [];
    for (const env of [{}, { EDGEWORKS_THREADS: "1" }, { EDGEWORKS_NO_WASM: "1" }]) {
      const r = spawnSync(process.execPath, ["-r", "tsx/cjs", "-e", script], { cwd: root, env: { ...process.env, ...env }, encoding: "utf8", timeout: 60000 });
      // exits by itself (a live worker would keep it running until the timeout kills it: status null)
      assert.equal(r.status, 0, `${JSON.stringify(env)}: ${r.stderr}`);
      outs.push(JSON.parse(r.stdout.trim().split("\n").pop() as string));
    }
    assert.deepEqual(outs[0], outs[1], "threads or not: identical");
    assert.ok(Math.abs(outs[0][0] - outs[2][0]) < 1e-12 && Math.abs(outs[0][1] - outs[2][1]) < 1e-9 * outs[2][1], "plain loops agree");
  });
});
