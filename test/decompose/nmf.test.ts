import assert from "node:assert/strict";
import { nmf, nmfAsync } from "../../src/decompose";
import { fixture, f64, M, maxRel, maxAbs, planted } from "./helpers";

describe("nmf", () => {
  const fx = fixture("nmf.json");
  const X = f64(fx.X);
  const { nRows: n, nCols: E, k } = fx;
  const XM = M(X, n, E);

  it("cd from the same W0/H0 follows scikit-learn's _fit_coordinate_descent iteration by iteration", () => {
    const crit: number[] = [];
    const r = nmf(XM, { k, W0: f64(fx.W0), H0: f64(fx.H0), tol: 0, maxIter: fx.cd.maxIter, onIteration: (i) => { crit.push(i.criterion); } });
    assert.equal(r.nIter, 40);
    assert.equal(r.converged, false);
    assert.equal(r.stopReason, "maxIter");
    assert.equal(r.init, "custom");
    assert.ok(maxRel(r.errorHistory, fx.cd.errors) < 1e-10, `history ${maxRel(r.errorHistory, fx.cd.errors)}`);
    assert.ok(maxRel(crit, fx.cd.violationRatios) < 1e-9, `violation ${maxRel(crit, fx.cd.violationRatios)}`);
    assert.ok(Math.abs(r.reconstructionError - fx.cd.reconstructionError) / fx.cd.reconstructionError < 1e-10);
    assert.ok(maxAbs(r.W.data, fx.cd.W) < 1e-9 && maxAbs(r.H.data, fx.cd.H) < 1e-9);
  });

  it("cd with tol stops at scikit-learn's iteration", () => {
    const r = nmf(XM, { k, W0: f64(fx.W0), H0: f64(fx.H0), tol: fx.cdTol.tol, maxIter: fx.cdTol.maxIter });
    assert.equal(r.nIter, fx.cdTol.nIter);
    assert.equal(r.converged, true);
    assert.ok(Math.abs(r.reconstructionError - fx.cdTol.reconstructionError) / fx.cdTol.reconstructionError < 1e-10);
  });

  it("mu from the same W0/H0 matches scikit-learn's solver='mu'", () => {
    const r = nmf(XM, { k, solver: "mu", W0: f64(fx.W0), H0: f64(fx.H0), tol: 0, maxIter: fx.mu.maxIter });
    assert.ok(Math.abs(r.reconstructionError - fx.mu.reconstructionError) / fx.mu.reconstructionError < 1e-10);
    assert.ok(maxAbs(r.W.data, fx.mu.W) < 1e-9 && maxAbs(r.H.data, fx.mu.H) < 1e-9);
    // the error history is non-increasing for MU (Lee & Seung)
    for (let i = 1; i < r.errorHistory.length; i++) assert.ok(r.errorHistory[i] <= r.errorHistory[i - 1] * (1 + 1e-12));
  });

  for (const init of ["nndsvda", "nndsvd"] as const) {
    it(`own ${init} init: final error ≤ scikit-learn's (same tol and maxIter)`, () => {
      const ref = fx[init];
      const r = nmf(XM, { k, init, tol: ref.tol, maxIter: ref.maxIter });
      assert.ok(r.reconstructionError <= ref.reconstructionError * (1 + 1e-9), `${r.reconstructionError} vs ${ref.reconstructionError}`);
      assert.equal(r.nIter, ref.nIter);
      for (const v of r.W.data) assert.ok(v >= 0);
      for (const v of r.H.data) assert.ok(v >= 0);
    });
  }

  it("random init is reproducible from the seed; history matches the direct error", () => {
    const a = nmf(XM, { k, init: "random", seed: 5, maxIter: 30 });
    const b = nmf(XM, { k, init: "random", seed: 5, maxIter: 30 });
    const c = nmf(XM, { k, init: "random", seed: 6, maxIter: 30 });
    assert.deepEqual(a.W.data, b.W.data);
    assert.notDeepEqual(a.W.data, c.W.data);
    assert.ok(Math.abs(a.errorHistory[a.nIter - 1] - a.reconstructionError) < 1e-10 * a.reconstructionError);
  });

  it("onIteration returning false stops early; the input is not modified", () => {
    const copy = Float64Array.from(X);
    const r = nmf(XM, { k, maxIter: 100, tol: 0, onIteration: (i) => i.iter < 7 });
    assert.equal(r.nIter, 7);
    assert.equal(r.stopReason, "callback");
    assert.equal(r.converged, false);
    assert.deepEqual(X, copy);
  });

  it("nmfAsync yields, reports progress and gives the same result as nmf", async () => {
    const seen: number[] = [];
    let ticks = 0;
    const timer = setInterval(() => ticks++, 0);
    const p = planted(2, 3000, 30, 3, 0.01);
    const Xp = p.X.map((v) => Math.max(v, 0));
    const r = await nmfAsync(M(Xp, p.n, p.E), { k: 3, maxIter: 60, tol: 0, yieldEvery: 5, onProgress: (it) => { seen.push(it); } });
    clearInterval(timer);
    const s = nmf(M(Xp, p.n, p.E), { k: 3, maxIter: 60, tol: 0 });
    assert.deepEqual(r.W.data, s.W.data);
    assert.deepEqual(seen, [5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 55, 60]);
    assert.ok(ticks > 0, "the event loop ran during the fit");
  });

  it("validates its inputs", async () => {
    assert.throws(() => nmf(XM, {} as never), /nmf: options.k \(number of components\) is required/);
    assert.throws(() => nmf(XM, { k: 0 }), /nmf: k must be an integer in \[1, 15\], got 0/);
    assert.throws(() => nmf(XM, { k: 2, solver: "als" as never }), /nmf: solver must be one of "cd", "mu", got "als"/);
    assert.throws(() => nmf(XM, { k: 2, maxiter: 5 } as never), /nmf: unknown option "maxiter"/);
    assert.throws(() => nmf(M(new Float64Array([1, -1, 0, 0]), 2, 2), { k: 1 }), /nmf: X contains the negative value -1 at index 1 \(row 0, column 1\)/);
    assert.throws(() => nmf(XM, { k, W0: f64(fx.W0) }), /W0 and H0 must be given together/);
    assert.throws(() => nmf(XM, { k, W0: f64(fx.W0), H0: new Float64Array(3) }), /nmf: H0 has length 3, expected 45/);
    await assert.rejects(() => nmfAsync(XM, { k: 2, onProgress: 3 } as never), /nmfAsync: onProgress must be a function/);
    await assert.rejects(() => nmfAsync(XM, { k: 2, foo: 1 } as never), /nmfAsync: unknown option "foo"/);
  });
});
