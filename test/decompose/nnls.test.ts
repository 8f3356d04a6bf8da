import assert from "node:assert/strict";
import { nnls, nnlsPixels, amountFractions, signalPerAmount } from "../../src/decompose";
import { createRng } from "../../src/linalg";
import { memberFactor, type MemberFactor } from "../../src/linalg/nnlsMembers";
import { fixture, f64, M, maxAbs, planted } from "./helpers";

/** brute force: best over all passive sets of the (sum-to-one) least-squares solution that is feasible */
function bruteForce(A: Float64Array, b: Float64Array, n: number, sumToOne: boolean): { x: Float64Array; r: number } {
  const m = b.length;
  let best = { x: new Float64Array(n), r: Infinity };
  for (let mask = sumToOne ? 1 : 0; mask < 1 << n; mask++) {
    const P = Array.from({ length: n }, (_, i) => i).filter((i) => mask & (1 << i));
    const x = new Float64Array(n);
    if (P.length > 0) {
      const sub = nnls(Float64Array.from({ length: m * P.length }, (_, p) => A[Math.floor(p / P.length) * n + P[p % P.length]]), b, { sumToOne });
      P.forEach((c, i) => (x[c] = sub.x[i]));
    }
    let r = 0;
    for (let i = 0; i < m; i++) { let v = b[i]; for (let c = 0; c < n; c++) v -= A[i * n + c] * x[c]; r += v * v; }
    if (sumToOne && Math.abs(x.reduce((s, v) => s + v, 0) - 1) > 1e-9) continue;
    if (r < best.r - 1e-15) best = { x, r };
  }
  return { x: best.x, r: Math.sqrt(best.r) };
}

describe("nnls", () => {
  it("scipy's documentation example", () => {
    const A = new Float64Array([1, 0, 1, 0, 0, 1]);
    const r = nnls(A, new Float64Array([2, 1, 1]));
    assert.ok(maxAbs(r.x, [1.5, 1]) < 1e-15 && Math.abs(r.rnorm - 0.7071067811865475) < 1e-15);
    const z = nnls(A, new Float64Array([-1, -1, -1]));
    assert.deepEqual(Array.from(z.x), [0, 0]);
    assert.ok(Math.abs(z.rnorm - Math.sqrt(3)) < 1e-15);
  });

  it("matches scipy.optimize.nnls within 1e-10", () => {
    for (const c of fixture("nnls.json").cases) {
      const r = nnls(f64(c.A), f64(c.b));
      assert.ok(maxAbs(r.x, c.x) < 1e-10, `x ${maxAbs(r.x, c.x)}`);
      assert.ok(Math.abs(r.rnorm - c.rnorm) < 1e-10);
      assert.ok(r.x.some((v) => v === 0), "the cases exercise active constraints");
    }
  });

  it("sum-to-one agrees with a brute-force search over passive sets", () => {
    const rng = createRng(9);
    for (let trial = 0; trial < 40; trial++) {
      const m = 10, n = 1 + (trial % 5);
      const A = Float64Array.from({ length: m * n }, () => rng.normal());
      const b = Float64Array.from({ length: m }, () => rng.normal());
      for (const sumToOne of [false, true]) {
        const r = nnls(A, b, { sumToOne });
        const bf = bruteForce(A, b, n, sumToOne);
        assert.ok(Math.abs(r.rnorm - bf.r) < 1e-10, `trial ${trial} sumToOne=${sumToOne}: ${r.rnorm} vs ${bf.r}`);
        if (sumToOne) assert.ok(Math.abs(r.x.reduce((s, v) => s + v, 0) - 1) < 1e-12);
        for (const v of r.x) assert.ok(v >= 0);
      }
    }
  });

  it("nnlsPixels matches scipy.optimize.nnls pixel by pixel within 1e-10", () => {
    const px = fixture("nnls.json").pixels;
    const r = nnlsPixels(M(f64(px.X), px.nRows, px.nCols), M(f64(px.endmembers), px.nMembers, px.nCols));
    assert.ok(maxAbs(r.weights.data, px.weights) < 1e-10, `weights ${maxAbs(r.weights.data, px.weights)}`);
    assert.ok(maxAbs(r.residualNorm, px.residualNorm) < 1e-10, `residual ${maxAbs(r.residualNorm, px.residualNorm)}`);
    assert.equal(r.nNotConverged, 0);
  });

  it("extraneous members are fitted but left out of the phase fractions (renormalised)", () => {
    // energies 4, members: e0 = [1,0,0,0], e1 = [0,1,0,0], carbon = [0,0,1,1]
    const S = new Float64Array([1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 1]);
    const X = new Float64Array([0.3, 0.1, 0.5, 0.5, 0, 0, 0.2, 0.2, 0.6, 0, 0, 0]);
    const r = nnlsPixels(M(X, 3, 4), M(S, 3, 4), { extraneous: [2] });
    assert.ok(maxAbs(r.weights.data, [0.3, 0.1, 0.5, 0, 0, 0.2, 0.6, 0, 0]) < 1e-15);
    assert.ok(maxAbs(r.fractions.data, [0.75, 0.25, 0, 0, 0, 0, 1, 0, 0]) < 1e-15);
    assert.deepEqual(Array.from(r.phaseTotal).map((v) => +v.toFixed(12)), [0.4, 0, 0.6]);
    assert.equal(r.nNoPhase, 1);
    assert.ok(maxAbs(r.residualNorm, [0, 0, 0]) < 1e-15);
    const all = nnlsPixels(M(X, 3, 4), M(S, 3, 4));
    assert.ok(maxAbs(all.fractions.data.subarray(0, 3), [0.3 / 0.9, 0.1 / 0.9, 0.5 / 0.9]) < 1e-15);
  });

  it("planted mixtures: fractions recovered within 0.03 mean absolute error (NNLS and sum-to-one)", () => {
    for (const sumToOne of [false, true]) {
      // sum-to-one assumes normalised pixels (weights sum to 1), as after the paper's normalisation
      const p = planted(21, 5000, 50, 3, 0.02, !sumToOne);
      const r = nnlsPixels(M(p.X, p.n, p.E), M(p.S, p.k, p.E), { sumToOne });
      let mae = 0;
      for (let i = 0; i < p.F.length; i++) mae += Math.abs(r.fractions.data[i] - p.F[i]);
      mae /= p.F.length;
      assert.ok(mae < 0.03, `sumToOne=${sumToOne}: MAE ${mae}`);
    }
    // with a carbon-like extraneous member: fractions of the two phases
    const q = planted(22, 4000, 50, 3, 0.02);
    const r = nnlsPixels(M(q.X, q.n, q.E), M(q.S, 3, q.E), { extraneous: [2] });
    let mae = 0, cnt = 0;
    for (let i = 0; i < q.n; i++) {
      const tot = q.F[i * 3] + q.F[i * 3 + 1];
      if (tot < 0.2) continue;
      mae += Math.abs(r.fractions.data[i * 3] - q.F[i * 3] / tot);
      cnt++;
      assert.equal(r.fractions.data[i * 3 + 2], 0);
    }
    assert.ok(mae / cnt < 0.03, `extraneous MAE ${mae / cnt}`);
  });

  it("validates its inputs", () => {
    const S = M(new Float64Array([1, 0, 0, 1]), 2, 2);
    const X = M(new Float64Array(4), 2, 2);
    assert.throws(() => nnlsPixels(X, M(new Float64Array(6).fill(1), 3, 2)), /nnlsPixels: the number of members must be an integer in \[1, 2\], got 3/);
    assert.throws(() => nnlsPixels(X, S, { extraneous: [5] }), /nnlsPixels: extraneous\[i\] must be an integer in \[0, 1\], got 5/);
    assert.throws(() => nnlsPixels(X, M(new Float64Array([1, 1, 1, 1]), 2, 2)), /linearly dependent \(member 1 is a combination of the ones before it/);
    assert.throws(() => nnlsPixels(X, S, { sumtoone: true } as never), /unknown option "sumtoone"; expected one of: sumToOne, extraneous/);
    assert.throws(() => nnls(new Float64Array(3), new Float64Array(2)), /nnls: A has length 3, which is not a positive multiple of b.length = 2/);
    assert.throws(() => nnls(new Float64Array(4), new Float64Array(2), { sumtoone: true } as never), /nnls: unknown option "sumtoone"; expected one of: sumToOne/);
  });
});

describe("memberFactor (the QR factorisation behind nnlsPixels)", () => {
  it("Sᵀ = QR with orthonormal Q, by hand on 2 members × 3 energies; names the first dependent member", () => {
    // members [3, 4, 0] and [3, 4, 5]: R = [[∓5, ∓5], [0, ∓5]], Q's columns [3, 4, 0]/5 and [0, 0, 1] up to sign
    const f = memberFactor(new Float64Array([3, 4, 0, 3, 4, 5]), 2, 3) as MemberFactor;
    assert.ok(maxAbs(f.R.map(Math.abs), [5, 5, 0, 5]) < 1e-15);
    assert.ok(maxAbs(f.Qt.map(Math.abs), [0.6, 0.8, 0, 0, 0, 1]) < 1e-15);
    for (let a = 0; a < 2; a++) for (let j = 0; j < 3; j++) {
      let v = 0;
      for (let t = 0; t < 2; t++) v += f.Qt[t * 3 + j] * f.R[t * 2 + a];
      assert.ok(Math.abs(v - [3, 4, 0, 3, 4, 5][a * 3 + j]) < 1e-15);
    }
    // (SSᵀ)⁻¹1 with SSᵀ = [[25, 25], [25, 50]]: [1/25, 0]
    assert.ok(maxAbs(f.g1, [0.04, 0]) < 1e-15 && Math.abs(f.s11 - 0.04) < 1e-15);
    assert.deepEqual(memberFactor(new Float64Array([1, 2, 0, 0, 1, 0, 2, 4, 0]), 3, 3), { dependent: 2 });
  });
});

describe("nnlsPixels input values", () => {
  it("names the first NaN/Inf even though values are checked inside the main pass", () => {
    const S = new Float64Array([1, 0, 0, 1]);
    const X = new Float64Array(2 * 3000).fill(0.5);
    X[4321] = NaN;
    assert.throws(() => nnlsPixels(M(X, 3000, 2), M(S, 2, 2)), /nnlsPixels: X contains NaN at index 4321 \(row 2160, column 1\)/);
    X[4321] = -Infinity;
    assert.throws(() => nnlsPixels(M(X, 3000, 2), M(S, 2, 2)), /nnlsPixels: X contains -Infinity at index 4321/);
  });
});

describe("amountFractions", () => {
  it("divides by each member's signal per unit amount and renormalises (by hand)", () => {
    // 50 % of the area from a member with 1.25× the area per atom → 1/1.25 : 1 of atoms
    const out = amountFractions(M(new Float64Array([0.5, 0.5, 0, 1, 0, 0, 0, 0, 0]), 3, 3), [1.25, 1, NaN]).data;
    assert.ok(Math.abs(out[0] - 0.4 / 0.9) < 1e-15 && Math.abs(out[1] - 0.5 / 0.9) < 1e-15 && out[2] === 0);
    assert.deepEqual(Array.from(out.subarray(3)), [1, 0, 0, 0, 0, 0]);
    assert.throws(() => amountFractions(M(new Float64Array([0.5, 0.5]), 1, 2), [1, 0]), /amountFractions: signal\[1\] = 0, but member 1 has non-zero fractions/);
    assert.throws(() => amountFractions(M(new Float64Array([0.5, 0.5]), 1, 2), [1]), /amountFractions: signal has length 1, expected k = 2/);
    assert.throws(() => amountFractions(M(new Float64Array([0.5, NaN]), 1, 2), [1, 1]), /amountFractions: fractions\[0, 1\] = NaN/);
  });
});

describe("signalPerAmount", () => {
  it("sums scale over amount per cluster (by hand) and names a bad index", () => {
    assert.deepEqual(signalPerAmount([[0, 1], Int32Array.from([2])], [2, 4, 3], [1, 2, 6]), [2, 0.5]);
    assert.throws(() => signalPerAmount([[3]], [1, 2], [1, 2]), /signalPerAmount: clusters\[0\]\[0\] = 3; expected a row index in \[0, 1\]/);
    assert.throws(() => signalPerAmount([[0]], [1, 2], [1]), /signalPerAmount: scale has length 2 but amount has 1/);
  });
});
