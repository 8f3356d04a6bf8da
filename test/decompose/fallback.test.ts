import assert from "node:assert/strict";
import { pca, nmf, nnlsPixels } from "../../src/decompose";
import { gram, centeredGram, columnMeans, projectRows } from "../../src/linalg";
import { wasmKernels } from "../../src/linalg/wasmKernels";
import { fixture, f64, maxAbs, maxRel, planted, plain, M } from "./helpers";


describe("WebAssembly kernels and the plain-loop fallback agree", () => {
  it("WebAssembly SIMD is available on this Node (the fast path is the one tested elsewhere)", () => {
    assert.ok(wasmKernels(), "WebAssembly SIMD kernels could not be built");
    assert.equal(plain(() => wasmKernels()), null);
  });

  it("gram and centeredGram, odd and even column counts", () => {
    for (const [n, E] of [[1000, 50], [777, 13], [5, 3], [300, 1]]) {
      const p = planted(50 + E, n, Math.max(E, 2), 2, 0.05);
      const X = E === 1 ? p.X.filter((_, i) => i % 2 === 0) : p.X;
      const a = gram(X, n, E), b = plain(() => gram(X, n, E));
      assert.ok(maxAbs(a, b) <= 1e-12 * Math.max(...b), `gram ${n}×${E}`);
      const c = centeredGram(X, n, E), d = plain(() => centeredGram(X, n, E));
      assert.ok(maxAbs(c.mean, columnMeans(X, n, E)) < 1e-14);
      assert.ok(maxAbs(c.gram, d.gram) <= 1e-11 * Math.max(...d.gram.map(Math.abs)), `centred gram ${n}×${E}: ${maxAbs(c.gram, d.gram)}`);
    }
  });

  it("the threaded Gram (large inputs) equals the single-thread and plain ones", () => {
    const p = planted(80, 30000, 41, 3, 0.02); // 1.2 M elements: above the threading threshold
    const a = centeredGram(p.X, p.n, p.E), b = plain(() => centeredGram(p.X, p.n, p.E));
    assert.ok(maxAbs(a.mean, b.mean) < 1e-13);
    assert.ok(maxAbs(a.gram, b.gram) <= 1e-11 * Math.max(...b.gram.map(Math.abs)), `centred ${maxAbs(a.gram, b.gram)}`);
    const g = gram(p.X, p.n, p.E), h = plain(() => gram(p.X, p.n, p.E));
    assert.ok(maxAbs(g, h) <= 1e-12 * Math.max(...h));
  });

  it("pca ratios match numpy in both paths", () => {
    const fx = fixture("pca.json");
    const r = plain(() => pca(M(f64(fx.X), fx.nRows, fx.nCols), { k: 5 }));
    assert.ok(maxRel(r.explainedVarianceRatio, fx.centred.explainedVarianceRatio) < 1e-8);
    const w = pca(M(f64(fx.X), fx.nRows, fx.nCols), { k: 5 });
    assert.ok(maxAbs(w.scores!.data, r.scores!.data) < 1e-12, "scores");
    const p = planted(70, 500, 37, 3, 0.01);
    // noise components are near-degenerate, so compare the projection kernel on the same basis
    const a = pca(M(p.X, p.n, p.E), { k: 20 });
    const b = plain(() => projectRows(p.X, p.n, p.E, a.components.data, 20, a.mean.values));
    assert.ok(maxAbs(a.scores!.data, b) < 1e-12, "scores, 20 components in blocks");
  });

  it("nmf cd and mu follow scikit-learn in the plain path too", () => {
    const fx = fixture("nmf.json");
    const opts = { k: fx.k, W0: f64(fx.W0), H0: f64(fx.H0), tol: 0, maxIter: 40 };
    const r = plain(() => nmf(M(f64(fx.X), fx.nRows, fx.nCols), opts));
    assert.ok(maxRel(r.errorHistory, fx.cd.errors) < 1e-10);
    const m = plain(() => nmf(M(f64(fx.X), fx.nRows, fx.nCols), { ...opts, solver: "mu" }));
    assert.ok(Math.abs(m.reconstructionError - fx.mu.reconstructionError) / fx.mu.reconstructionError < 1e-10);
    const p = planted(60, 2000, 31, 4, 0.01);
    const Xp = p.X.map((v) => Math.max(v, 0));
    const a = nmf(M(Xp, p.n, p.E), { k: 4, maxIter: 30, tol: 0 });
    const b = plain(() => nmf(M(Xp, p.n, p.E), { k: 4, maxIter: 30, tol: 0 }));
    assert.ok(maxAbs(a.W.data, b.W.data) < 1e-9 && maxAbs(a.H.data, b.H.data) < 1e-9);
  });

  it("nnlsPixels matches scipy in the plain path too", () => {
    const px = fixture("nnls.json").pixels;
    const r = plain(() => nnlsPixels(M(f64(px.X), px.nRows, px.nCols), M(f64(px.endmembers), px.nMembers, px.nCols)));
    assert.ok(maxAbs(r.weights.data, px.weights) < 1e-10);
    assert.ok(maxAbs(r.residualNorm, px.residualNorm) < 1e-10);
  });
});

describe("centeredGram with a far-off sample centre", () => {
  it("stays exact when the data are a large offset plus a tiny spread", () => {
    const n = 20000, E = 6;
    const X = new Float64Array(n * E);
    for (let i = 0; i < n; i++) for (let j = 0; j < E; j++) X[i * E + j] = (i % 78 === 0 ? 0 : 1e4) + Math.sin(i * 0.37 + j) * 1e-3; // the 256-row sample sees only the zeros
    const a = centeredGram(X, n, E);
    const b = plain(() => centeredGram(X, n, E));
    assert.ok(maxAbs(a.gram, b.gram) <= 1e-9 * Math.max(...b.gram.map(Math.abs)), `${maxAbs(a.gram, b.gram)}`);
  });
});
