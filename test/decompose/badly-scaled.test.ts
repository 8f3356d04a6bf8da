// Badly scaled data (issue 8): one energy 10⁶ times the others, an offset of 10⁸ on every value,
// two members correlated at 0.995 — against scipy.optimize.nnls and scikit-learn's NMF
// (python/ref_badly_scaled.py → test/fixtures/decompose/badly_scaled.json), on every path
// (WebAssembly, plain loops, threads off), plus values whose squares overflow.
import assert from "node:assert/strict";
import { lcfArrays, nmf, nnls, nnlsPixels, pca } from "../../src/decompose";
import { nnlsGram } from "../../src/linalg/nnlsGram";
import { nnlsWorkspace } from "../../src/linalg/nnlsWorkspace";
import { nnlsQr, nnlsQrWorkspace } from "../../src/linalg/nnlsQr";
import { setThreadsEnabled } from "../../src/linalg/workerPool";
import { f64, fixture, M, plain, withSwitch } from "./helpers";

const fx = fixture("badly_scaled.json");
const alone = <T>(fn: () => T): T => withSwitch(setThreadsEnabled, false, fn);
const paths: [string, <T>(fn: () => T) => T][] = [["default", (fn) => fn()], ["plain loops", plain], ["threads off", alone]];

/** max |a − b| over max |b| (coefficients relative to the largest one). */
function relToMax(a: ArrayLike<number>, b: ArrayLike<number>): number {
  assert.equal(a.length, b.length);
  let d = 0, m = 0;
  for (let i = 0; i < b.length; i++) { d = Math.max(d, Math.abs(a[i] - b[i])); m = Math.max(m, Math.abs(b[i])); }
  return d / m;
}

/**
 * Coefficient tolerance against scipy: 1e-8 of the largest coefficient, except with the 10⁸
 * offset, where every value 1e8 + O(1) is stored to 1e8·2⁻⁵³ ≈ 7.5e-9 and the weights are only
 * determined to ~1e-8 by the data themselves (scipy is 1.2e-8 from the planted weights there):
 * 1e-7 against scipy and against the planted weights.
 */
const tolFor = (name: string): number => (name.startsWith("offset") ? 1e-7 : 1e-8);

describe("badly scaled data", () => {
  describe("nnls / nnlsPixels against scipy.optimize.nnls", () => {
    it("hand case: rows [1e6, 1e6], [1, 0], [0, 1], b = [2e6, 1, 1] gives x = [1, 1] (normal equations gave [2, 0])", () => {
      const A = new Float64Array([1e6, 1e6, 1, 0, 0, 1]), b = new Float64Array([2e6, 1, 1]);
      for (const [name, run] of paths) {
        const r = run(() => nnls(A, b));
        assert.ok(Math.abs(r.x[0] - 1) < 1e-12 && Math.abs(r.x[1] - 1) < 1e-12, `${name}: x = ${Array.from(r.x)}`);
        assert.ok(r.rnorm < 1e-9, `${name}: rnorm ${r.rnorm}`);
        // the same problem as one pixel against two members
        const p = run(() => nnlsPixels(M(new Float64Array([2e6, 1, 1]), 1, 3), M(new Float64Array([1e6, 1, 0, 1e6, 0, 1]), 2, 3)));
        assert.ok(Math.abs(p.weights.data[0] - 1) < 1e-12 && Math.abs(p.weights.data[1] - 1) < 1e-12, `${name}: nnlsPixels ${Array.from(p.weights.data)}`);
        assert.ok(p.residualNorm[0] < 1e-9);
      }
      // the kernels directly: nnlsQr on A; nnlsGram on AᵀA finds the right active set now (its
      // accuracy is bounded by cond(A)² ε ≈ 4e-4, which is why nnls no longer uses it)
      const x = new Float64Array(2);
      assert.equal(nnlsQr(A, 3, 2, b, x, nnlsQrWorkspace(3, 2)), 2);
      assert.ok(Math.abs(x[0] - 1) < 1e-12 && Math.abs(x[1] - 1) < 1e-12);
      const G = new Float64Array([1e12 + 1, 1e12, 1e12, 1e12 + 1]), q = new Float64Array([2e12 + 1, 2e12 + 1]);
      nnlsGram(G, 2, q, x, nnlsWorkspace(2));
      assert.ok(x[1] > 0.99 && Math.abs(x[0] - 1) < 1e-2 && Math.abs(x[1] - 1) < 1e-2, `nnlsGram ${Array.from(x)}`);
    });

    it("is unchanged by scaling a column of A (a member) or b", () => {
      const A = new Float64Array([1, 2, 0.5, 3, 1, 1, 2, 0.2, 1, 1, 1, 0.1]), b = new Float64Array([1, -1, 2, 0.5]);
      const ref = nnls(A, b);
      const As = A.map((v, i) => (i % 3 === 1 ? v * 1e6 : v));
      const s = nnls(As, b.map((v) => v * 1e-5));
      assert.deepEqual(Array.from(s.x, (v) => v > 0), Array.from(ref.x, (v) => v > 0), "same active set");
      assert.ok(relToMax([s.x[0] * 1e5, s.x[1] * 1e11, s.x[2] * 1e5], ref.x) < 1e-13);
    });

    for (const c of fx.single) {
      it(`nnls: ${c.name}, within ${tolFor(c.name)} of scipy on every path`, () => {
        for (const [name, run] of paths) {
          const r = run(() => nnls(f64(c.A), f64(c.b)));
          assert.ok(r.converged);
          assert.ok(relToMax(r.x, c.x) < tolFor(c.name), `${name}: x ${relToMax(r.x, c.x)}`);
          if (c.rnorm > 1e-6) assert.ok(Math.abs(r.rnorm - c.rnorm) < 1e-7 * c.rnorm, `${name}: rnorm ${r.rnorm} vs ${c.rnorm}`);
          else assert.ok(r.rnorm < 1e-6, `${name}: rnorm ${r.rnorm} (scipy ${c.rnorm})`);
        }
      });
    }

    for (const c of fx.pixels) {
      it(`nnlsPixels: ${c.name}, every pixel within ${tolFor(c.name)} of scipy on every path`, () => {
        const k = c.nMembers;
        for (const [name, run] of paths) {
          const r = run(() => nnlsPixels(M(f64(c.X), c.nRows, c.nCols), M(f64(c.endmembers), k, c.nCols)));
          assert.equal(r.nNotConverged, 0);
          let worst = 0, worstPlanted = 0, worstRes = 0;
          for (let i = 0; i < c.nRows; i++) {
            const w = r.weights.data.subarray(i * k, (i + 1) * k);
            worst = Math.max(worst, relToMax(w, c.weights.slice(i * k, (i + 1) * k)));
            worstPlanted = Math.max(worstPlanted, relToMax(w, c.planted.slice(i * k, (i + 1) * k)));
            const ref = c.residualNorm[i];
            worstRes = Math.max(worstRes, ref > 1e-6 ? Math.abs(r.residualNorm[i] - ref) / ref : r.residualNorm[i] > 1e-6 ? Infinity : 0);
          }
          assert.ok(worst < tolFor(c.name), `${name}: weights ${worst}`);
          assert.ok(worstRes < 1e-7, `${name}: residual ${worstRes}`);
          // without noise (the offset case) the planted weights are the answer
          if (c.name.startsWith("offset")) assert.ok(worstPlanted < 1e-7, `${name}: vs planted ${worstPlanted}`);
        }
      });
    }
  });

  describe("sum-to-one on badly scaled data", () => {
    it("recovers the planted weights under an offset of 10⁸ (they sum to 1) on every path, nnls and nnlsPixels alike", () => {
      const c = fx.pixels.find((p: { name: string }) => p.name.startsWith("offset"));
      const k = c.nMembers, E = c.nCols;
      const A = new Float64Array(E * k);
      for (let j = 0; j < E; j++) for (let s = 0; s < k; s++) A[j * k + s] = c.endmembers[s * E + j];
      for (const [name, run] of paths) {
        const r = run(() => nnlsPixels(M(f64(c.X), c.nRows, E), M(f64(c.endmembers), k, E), { sumToOne: true }));
        for (let i = 0; i < c.nRows; i++) {
          const pl = c.planted.slice(i * k, (i + 1) * k);
          const single = run(() => nnls(A, f64(c.X.slice(i * E, (i + 1) * E)), { sumToOne: true }));
          assert.ok(relToMax(r.weights.data.subarray(i * k, (i + 1) * k), pl) < 1e-7, `${name}: pixel ${i} nnlsPixels`);
          assert.ok(relToMax(single.x, pl) < 1e-7, `${name}: pixel ${i} nnls`);
        }
      }
    });
    it("nnls and nnlsPixels agree with one energy × 10⁶ and with members correlated at 0.995", () => {
      for (const c of fx.pixels.filter((p: { name: string }) => !p.name.startsWith("offset"))) {
        const k = c.nMembers, E = c.nCols;
        const A = new Float64Array(E * k);
        for (let j = 0; j < E; j++) for (let s = 0; s < k; s++) A[j * k + s] = c.endmembers[s * E + j];
        const r = nnlsPixels(M(f64(c.X), c.nRows, E), M(f64(c.endmembers), k, E), { sumToOne: true });
        for (let i = 0; i < c.nRows; i++) {
          const single = nnls(A, f64(c.X.slice(i * E, (i + 1) * E)), { sumToOne: true });
          assert.ok(Math.abs(single.x.reduce((a, v) => a + v, 0) - 1) < 1e-12);
          assert.ok(relToMax(r.weights.data.subarray(i * k, (i + 1) * k), single.x) < 1e-8, `${c.name}: pixel ${i}`);
        }
      }
    });
  });

  describe("NMF against scikit-learn with energy 0 × 10⁶", () => {
    const n = fx.nmf;
    const X = M(f64(n.X), n.nRows, n.nCols);
    for (const solver of ["mu", "cd"] as const) {
      const ref = n[solver];
      it(`${solver} (tol ${ref.tol}) from scikit-learn's NNDSVD W0/H0 stops at its iteration ${ref.customNIter} with its error, on every path`, () => {
        for (const [name, run] of paths) {
          const r = run(() => nmf(X, { k: n.k, solver, W0: f64(n.W0), H0: f64(n.H0), tol: ref.tol, maxIter: n.maxIter }));
          assert.equal(r.nIter, ref.customNIter, `${name}: ${r.nIter} iterations`);
          assert.equal(r.converged, true);
          const e = ref.customReconstructionError;
          assert.ok(Math.abs(r.reconstructionError - e) < 1e-9 * e, `${name}: error ${r.reconstructionError} vs ${e}`);
          // the history is the error (not zero or quantised by cancellation on ‖X‖² ≈ 1e14)
          assert.ok(Math.abs(r.errorHistory[r.nIter - 1] - r.reconstructionError) < 1e-9 * e);
          assert.ok(r.errorHistory.every((v) => v > 0));
          if (solver === "mu") for (let i = 1; i < r.nIter; i++) assert.ok(r.errorHistory[i] <= r.errorHistory[i - 1] * (1 + 1e-12));
        }
      });
      it(`${solver} with its own init "nndsvd" stops within 3 iterations of scikit-learn (${ref.nIter}) at its error`, () => {
        const r = nmf(X, { k: n.k, solver, init: "nndsvd", tol: ref.tol, maxIter: n.maxIter });
        assert.ok(Math.abs(r.nIter - ref.nIter) <= 3, `${r.nIter} vs ${ref.nIter}`);
        assert.ok(Math.abs(r.reconstructionError - ref.reconstructionError) < 1e-9 * ref.reconstructionError, `${r.reconstructionError} vs ${ref.reconstructionError}`);
      });
    }
  });

  describe("values whose squares overflow", () => {
    const X = new Float64Array(40).map((_, i) => 0.5 + 0.01 * i);
    X[13] = 1e200;
    const msg = (fn: string, arg: string, rc = " \\(row 3, column 1\\)") => new RegExp(`^RangeError: ${fn}: ${arg} contains 1e\\+200 at index 13${rc}; expected \\|values\\| ≤ 1e\\+100`);
    it("are refused at the entry of pca, nmf, nnls, nnlsPixels and lcf, naming the argument, position and value", () => {
      assert.throws(() => pca(M(X, 10, 4), { k: 2 }), msg("pca", "X"));
      assert.throws(() => pca(M(X, 10, 4), { k: 2, method: "svd" }), msg("pca", "X"));
      assert.throws(() => nmf(M(X, 10, 4), { k: 2 }), msg("nmf", "X"));
      assert.throws(() => nnls(X, new Float64Array(10)), msg("nnls", "A"));
      assert.throws(() => nnls(new Float64Array(10).fill(1), X.subarray(0, 10).map((v, i) => (i === 3 ? 1e200 : v))), /^RangeError: nnls: b contains 1e\+200 at index 3; expected/);
      const S = M(new Float64Array([1, 0, 0, 0, 0, 1, 0, 0]), 2, 4);
      assert.throws(() => nnlsPixels(M(X, 10, 4), S), msg("nnlsPixels", "X"));
      assert.throws(() => nnlsPixels(M(new Float64Array(8).fill(1), 2, 4), M(new Float64Array([1, 0, -1e150, 0, 0, 1, 0, 0]), 2, 4)),
        /^RangeError: nnlsPixels: members contains -1e\+150 at index 2 \(row 0, column 2\); expected \|values\| ≤ 1e\+100/);
      assert.throws(() => lcfArrays(X.subarray(0, 10), [X.subarray(20, 30), X.subarray(10, 20)]), /^RangeError: lcf: references\[1\] contains 1e\+200 at index 3; expected \|values\| ≤ 1e\+100/);
    });
    it("just below the limit (1e100) still work", () => {
      const Y = Float64Array.from(X);
      Y[13] = 1e99;
      const r = nnls(Y, new Float64Array(10).fill(1));
      assert.ok(r.x.every(Number.isFinite) && Number.isFinite(r.rnorm));
      const p = pca(M(Y, 10, 4), { k: 2 });
      assert.ok(p.scores !== null && p.scores.data.every(Number.isFinite));
    });
  });
});
