import assert from "node:assert/strict";
import { createRng, gram, symmetricEigen, solveSpd, nnlsGram, nnlsWorkspace, projectRows, columnMeans } from "../../src/linalg";
import { maxAbs } from "./helpers";

describe("linalg", () => {
  it("createRng is deterministic per seed and uniform in [0, 1)", () => {
    const a = createRng(7), b = createRng(7), c = createRng(8);
    const xa = Array.from({ length: 5 }, () => a.uniform());
    assert.deepEqual(xa, Array.from({ length: 5 }, () => b.uniform()));
    assert.notDeepEqual(xa, Array.from({ length: 5 }, () => c.uniform()));
    const r = createRng(1);
    let s = 0, s2 = 0;
    for (let i = 0; i < 20000; i++) { const z = r.normal(); s += z; s2 += z * z; }
    assert.ok(Math.abs(s / 20000) < 0.03 && Math.abs(s2 / 20000 - 1) < 0.05);
    assert.throws(() => createRng(NaN), /seed must be a finite number/);
  });

  it("gram matches a naive XᵀX, with and without centring, for ragged sizes", () => {
    const rng = createRng(3);
    for (const [n, E] of [[1, 1], [3, 2], [300, 7], [513, 13]]) {
      const X = Float64Array.from({ length: n * E }, () => rng.uniform() + 5);
      const mu = columnMeans(X, n, E);
      for (const center of [undefined, mu]) {
        const G = gram(X, n, E, center ? { center } : {});
        const N = new Float64Array(E * E);
        for (let i = 0; i < n; i++) for (let p = 0; p < E; p++) for (let q = 0; q < E; q++) {
          const c = center ? center : new Float64Array(E);
          N[p * E + q] += (X[i * E + p] - c[p]) * (X[i * E + q] - c[q]);
        }
        assert.ok(maxAbs(G, N) <= 1e-12 * Math.max(...N.map(Math.abs)));
      }
    }
    assert.deepEqual(Array.from(gram(new Float64Array([1, 2, 3, 4]), 2, 2)), [10, 14, 14, 20]);
  });

  it("symmetricEigen: 2×2 by hand and A v = λ v for a random 30×30", () => {
    const { values, vectors } = symmetricEigen(new Float64Array([2, 1, 1, 2]), 2);
    assert.ok(Math.abs(values[0] - 3) < 1e-14 && Math.abs(values[1] - 1) < 1e-14);
    assert.ok(Math.abs(Math.abs(vectors[0]) - Math.SQRT1_2) < 1e-14);
    const n = 30, rng = createRng(5);
    const A = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) { const v = rng.normal(); A[i * n + j] = v; A[j * n + i] = v; }
    const r = symmetricEigen(A, n);
    for (let t = 0; t < n; t++) {
      if (t > 0) assert.ok(r.values[t] <= r.values[t - 1]);
      for (let i = 0; i < n; i++) {
        let s = 0;
        for (let j = 0; j < n; j++) s += A[i * n + j] * r.vectors[j * n + t];
        assert.ok(Math.abs(s - r.values[t] * r.vectors[i * n + t]) < 1e-12);
      }
    }
  });

  it("solveSpd and projectRows by hand", () => {
    assert.deepEqual(Array.from(solveSpd(new Float64Array([4, 2, 2, 3]), 2, new Float64Array([2, 1])) ?? []), [0.5, 0]);
    assert.equal(solveSpd(new Float64Array([1, 1, 1, 1]), 2, new Float64Array([1, 1])), null);
    assert.deepEqual(Array.from(projectRows(new Float64Array([1, 2, 3, 4]), 2, 2, new Float64Array([1, 0]), 1)), [1, 3]);
    assert.deepEqual(Array.from(projectRows(new Float64Array([1, 2, 3, 4]), 2, 2, new Float64Array([0, 1]), 1, new Float64Array([2, 3]))), [-1, 1]);
  });

  it("nnlsGram: scipy's doc example, an all-zero case and the sum-to-one variant", () => {
    const x = new Float64Array(2);
    nnlsGram(new Float64Array([2, 0, 0, 1]), 2, new Float64Array([3, 1]), x, nnlsWorkspace(2));
    assert.ok(maxAbs(x, [1.5, 1]) < 1e-15);
    nnlsGram(new Float64Array([2, 0, 0, 1]), 2, new Float64Array([-3, -1]), x, nnlsWorkspace(2));
    assert.deepEqual(Array.from(x), [0, 0]);
    // min (x0-2)² + (x1-0)²  on the simplex  → x = [1, 0]
    nnlsGram(new Float64Array([1, 0, 0, 1]), 2, new Float64Array([2, 0]), x, nnlsWorkspace(2), true);
    assert.deepEqual(Array.from(x), [1, 0]);
    // min (x0-0.7)² + (x1-0.5)²  on the simplex → [0.6, 0.4]
    nnlsGram(new Float64Array([1, 0, 0, 1]), 2, new Float64Array([0.7, 0.5]), x, nnlsWorkspace(2), true);
    assert.ok(maxAbs(x, [0.6, 0.4]) < 1e-15);
  });
});
