import assert from "node:assert/strict";
import { pca, pcaTransform, pcaInverse } from "../../src/decompose";
import { Matrix, SVD } from "ml-matrix";
import { fixture, f64, maxRel, maxAbs, planted, M } from "./helpers";
import { createRng, thinSvd } from "../../src/linalg";

describe("pca", () => {
  it("hand case: points on a line have one component", () => {
    // rows (1,2), (2,4), (3,6): centred data along (1,2)/√5
    const r = pca(M(new Float64Array([1, 2, 2, 4, 3, 6]), 3, 2));
    assert.ok(Math.abs(r.explainedVarianceRatio[0] - 1) < 1e-15);
    assert.ok(Math.abs(r.eigenvalues[0] - 10) < 1e-12); // Σ ((i−2)² · 5)
    assert.ok(Math.abs(r.components.data[0] - 1 / Math.sqrt(5)) < 1e-15 && Math.abs(r.components.data[1] - 2 / Math.sqrt(5)) < 1e-15);
    assert.deepEqual(Array.from(r.mean.values), [2, 4]);
    assert.ok(maxAbs(r.scores!.data.filter((_, i) => i % 2 === 0), [-Math.sqrt(5), 0, Math.sqrt(5)]) < 1e-14);
    assert.equal(r.k, 2);
  });

  for (const [key, method] of [["centred", "gram"], ["uncentred", "gram"], ["centred", "svd"], ["uncentred", "svd"]] as const) {
    it(`${key}, method ${method}: explained variance ratios within 1e-8 relative of numpy SVD; components and scores up to sign`, () => {
      const fx = fixture("pca.json");
      const X = f64(fx.X);
      const r = pca(M(X, fx.nRows, fx.nCols), { center: key === "centred", k: 5, method });
      const ref = fx[key];
      assert.ok(maxRel(r.explainedVarianceRatio, ref.explainedVarianceRatio) < 1e-8, `ratio ${maxRel(r.explainedVarianceRatio, ref.explainedVarianceRatio)}`);
      assert.ok(maxRel(r.explainedVariance, ref.explainedVariance) < 1e-8);
      assert.ok(maxRel(r.singularValues, ref.singularValues) < 1e-8);
      const E = fx.nCols;
      for (let t = 0; t < 5; t++) {
        const c = r.components.data.subarray(t * E, (t + 1) * E);
        const cr = ref.components.slice(t * E, (t + 1) * E);
        const sign = Math.sign(c.reduce((s: number, v: number, j: number) => s + v * cr[j], 0));
        assert.ok(maxAbs(c, cr.map((v: number) => sign * v)) < 1e-8, `component ${t}`);
        let big = 0;
        for (let j = 0; j < E; j++) if (Math.abs(c[j]) > Math.abs(c[big])) big = j;
        assert.ok(c[big] > 0, "sign rule: largest |loading| positive");
        const s = Array.from({ length: fx.nRows }, (_, i) => r.scores!.data[i * 5 + t]);
        const sr = Array.from({ length: fx.nRows }, (_, i) => sign * ref.scores[i * 5 + t]);
        assert.ok(maxAbs(s, sr) < 1e-8 * Math.max(...sr.map(Math.abs)), `scores ${t}`);
      }
      assert.ok(Math.abs(r.cumulativeVarianceRatio[E - 1] - 1) < 1e-12);
    });
  }

  it("singular values agree with ml-matrix's SVD of the centred data (check only)", () => {
    const p = planted(13, 250, 12, 3, 0.05);
    const r = pca(M(p.X, p.n, p.E));
    const rows = Array.from({ length: p.n }, (_, i) => Array.from(p.X.subarray(i * p.E, (i + 1) * p.E), (v, j) => v - r.mean.values[j]));
    const svd = new SVD(new Matrix(rows), { computeLeftSingularVectors: false });
    assert.ok(maxRel(r.singularValues, svd.diagonal) < 1e-9, `${maxRel(r.singularValues, svd.diagonal)}`);
  });

  it('method "svd" resolves singular values the Gram route cannot (σ from 1 to 1e-10)', () => {
    // X = U diag(σ) Vᵀ with orthonormal U (n × E) and V (E × E) from QR of random matrices
    const n = 400, E = 12;
    const rng = createRng(3);
    const orth = (rows: number, cols: number): Float64Array => {
      const Q = Float64Array.from({ length: rows * cols }, () => rng.normal());
      for (let c = 0; c < cols; c++) {
        for (let d = 0; d < c; d++) {
          let dot = 0;
          for (let i = 0; i < rows; i++) dot += Q[i * cols + c] * Q[i * cols + d];
          for (let i = 0; i < rows; i++) Q[i * cols + c] -= dot * Q[i * cols + d];
        }
        let nr = 0;
        for (let i = 0; i < rows; i++) nr += Q[i * cols + c] ** 2;
        for (let i = 0; i < rows; i++) Q[i * cols + c] /= Math.sqrt(nr);
      }
      return Q;
    };
    const U = orth(n, E), V = orth(E, E);
    const sigma = Array.from({ length: E }, (_, j) => 10 ** (-10 * j / (E - 1)));
    const X = new Float64Array(n * E);
    for (let i = 0; i < n; i++) for (let j = 0; j < E; j++) { let v = 0; for (let t = 0; t < E; t++) v += U[i * E + t] * sigma[t] * V[j * E + t]; X[i * E + j] = v; }
    const svd = pca(M(X, n, E), { center: false, method: "svd" });
    const gramRes = pca(M(X, n, E), { center: false });
    assert.ok(maxRel(svd.singularValues, sigma) < 1e-5, `svd: ${maxRel(svd.singularValues, sigma)}`);
    assert.ok(maxRel(gramRes.singularValues, sigma) > 1e-2, `gram: ${maxRel(gramRes.singularValues, sigma)}`);
    assert.ok(maxRel(svd.singularValues.subarray(0, 4), gramRes.singularValues.subarray(0, 4)) < 1e-9);
    console.log(`      largest relative error of σ: svd ${maxRel(svd.singularValues, sigma).toExponential(1)}, gram ${maxRel(gramRes.singularValues, sigma).toExponential(1)}`);
    // hand case and a wide matrix (fewer rows than columns)
    assert.deepEqual(Array.from(thinSvd(new Float64Array([3, 0, 0, 4]), 2, 2).singularValues), [4, 3]);
    const wide = thinSvd(new Float64Array([1, 0, 1, 0, 1, 0]), 2, 3);
    assert.ok(maxAbs(wide.singularValues, [Math.SQRT2, 1, 0]) < 1e-15);
    assert.throws(() => pca(M(X, n, E), { method: "lapack" as never }), /pca: method must be one of "gram", "svd", got "lapack"/);
  });

  it("pcaTransform(model, X) equals the fitted scores; pcaInverse with all components reconstructs X", () => {
    const p = planted(11, 400, 16, 3, 0.01);
    const r = pca(M(p.X, p.n, p.E), { k: 16 });
    assert.ok(maxAbs(pcaTransform(r, M(p.X, p.n, p.E)).data, r.scores!.data) < 1e-13);
    assert.ok(maxAbs(r.transform(M(p.X, p.n, p.E)).data, r.scores!.data) < 1e-13);
    assert.ok(maxAbs(pcaInverse(r, r.scores!).data, p.X) < 1e-12);
    assert.deepEqual(r.inverseTransform(r.scores!).dims, ["pixel", "energy"]);
    const r3 = pca(M(p.X, p.n, p.E), { k: 3 });
    const rec = pcaInverse(r3, r3.scores!).data;
    let res = 0;
    for (let i = 0; i < rec.length; i++) res += (rec[i] - p.X[i]) ** 2;
    // residual of the 3-component model is the noise
    assert.ok(Math.sqrt(res / rec.length) < 0.011);
    // uncentred model: transform also matches
    const u = pca(M(p.X, p.n, p.E), { center: false, k: 4 });
    assert.ok(maxAbs(pcaTransform(u, M(p.X, p.n, p.E)).data, u.scores!.data) < 1e-13);
    // the first two components only
    assert.ok(maxAbs(u.transform(M(p.X, p.n, p.E), 2).data, Float64Array.from({ length: p.n * 2 }, (_, i) => u.scores!.data[Math.floor(i / 2) * 4 + (i % 2)])) < 1e-13);
    assert.equal(pca(M(p.X, p.n, p.E), { scores: false }).scores, null);
  });

  it("suggests the planted number of components, with reasoning", () => {
    const p = planted(12, 3000, 40, 3, 0.01);
    const r = pca(M(p.X, p.n, p.E));
    // fractions × thickness: 3 independent directions about the mean
    assert.equal(r.suggestion.nComponents, 3, r.suggestion.reasoning);
    assert.equal(r.suggestion.elbow, 3);
    assert.equal(r.suggestion.ind, 3);
    assert.match(r.suggestion.reasoning, /Both agree: 3/);
    assert.equal(r.suggestion.indValues.length, 39);
    const u = pca(M(p.X, p.n, p.E), { center: false });
    assert.equal(u.suggestion.nComponents, 3, u.suggestion.reasoning);
  });

  it("validates its inputs with messages naming the parameter", () => {
    const X = new Float64Array(6);
    assert.throws(() => pca(M(X, 2, 2)), /pca: X.data has length 6, expected nRows · nCols = 2 · 2 = 4/);
    assert.throws(() => pca(M(new Float64Array([1, NaN, 0, 0]), 2, 2)), /pca: X contains NaN at index 1/);
    assert.throws(() => pca(M(new Float64Array([1, Infinity, 0, 0]), 2, 2)), /X contains Infinity/);
    const big = new Float64Array(50000 * 30).fill(1);
    big[777777] = NaN;
    assert.throws(() => pca(M(big, 50000, 30)), /pca: X contains NaN at index 777777/);
    assert.throws(() => pca(M(big, 50000, 30), { center: false }), /pca: X contains NaN at index 777777/);
    assert.throws(() => pca(M(X, 3, 2), { k: 3 }), /pca: k must be an integer in \[1, 2\], got 3/);
    assert.throws(() => pca(M(X, 3, 2), { centre: true } as never), /pca: unknown option "centre"; expected one of: center, k, scores/);
    assert.throws(() => pca(M([1, 2] as never, 1, 2)), /pca: X.data must be a Float64Array, got an array of length 2/);
    assert.throws(() => pca(M(X, 0, 6)), /pca: X.nRows must be an integer ≥ 1, got 0/);
    const r = pca(M(new Float64Array([1, 2, 3, 4, 5, 7]), 3, 2));
    assert.throws(() => pcaTransform(r, M(new Float64Array(3), 1, 3)), /pcaTransform: Y has 3 energies, the model 2/);
    assert.throws(() => pca(new Float64Array(4) as never), /pca: X must be a matrix \{ data: Float64Array, nRows, nCols \}.*got Float64Array\(4\); wrap a flat array with matrix\(data, nRows, nCols\)/);
    assert.throws(() => r.maps(), /pca\(…\)\.maps\(\): the input was a plain matrix, not a PixelTable/);
  });
});
