import assert from "node:assert/strict";
import { endmemberFromPixels, vca, suggestEndmembers, nnlsPixels } from "../../src/decompose";
import { planted, M } from "./helpers";
import { createRng } from "../../src/linalg";

/** for each planted spectrum, the smallest relative L2 distance to any suggested spectrum */
function matchPlanted(S: Float64Array, T: Float64Array, k: number, E: number): number[] {
  const out: number[] = [];
  for (let a = 0; a < k; a++) {
    let best = Infinity;
    for (let b = 0; b < k; b++) {
      let d = 0, nrm = 0;
      for (let j = 0; j < E; j++) { d += (S[a * E + j] - T[b * E + j]) ** 2; nrm += S[a * E + j] ** 2; }
      best = Math.min(best, Math.sqrt(d / nrm));
    }
    out.push(best);
  }
  return out;
}

describe("end members", () => {
  it("endmemberFromPixels: mean, sample std, count; duplicates ignored", () => {
    const X = new Float64Array([1, 10, 3, 30, 5, 50, 100, 100]);
    const em = endmemberFromPixels(M(X, 4, 2), [2, 0, 1, 1]);
    assert.deepEqual(Array.from(em.spectrum.values), [3, 30]);
    assert.deepEqual(Array.from(em.std.values), [2, 20]);
    assert.deepEqual(Array.from(em.spectrum.energies), [0, 1]); // a plain matrix has no energies: column indices
    assert.equal(em.count, 3);
    assert.deepEqual(Array.from(em.indices), [0, 1, 2]);
    assert.deepEqual(Array.from(endmemberFromPixels(M(X, 4, 2), [3]).std.values), [0, 0]);
    assert.throws(() => endmemberFromPixels(M(X, 4, 2), []), /endmemberFromPixels: indices is empty/);
    assert.throws(() => endmemberFromPixels(M(X, 4, 2), [4]), /endmemberFromPixels: indices\[0\] must be an integer in \[0, 3\], got 4/);
  });

  for (const k of [2, 3]) {
    it(`VCA + clusters find the ${k} planted end members (normalised and thickness-varying pixels)`, () => {
      for (const vary of [false, true]) {
        const p = planted(30 + k, 5000, 40, k, 0.01, vary);
        const v = vca(M(p.X, p.n, p.E), { k, seed: 1 });
        // the extreme pixels found are (nearly) pure and all different members
        const members = new Set<number>();
        for (const i of v.indices) {
          let best = 0;
          for (let t = 1; t < k; t++) if (p.F[i * k + t] > p.F[i * k + best]) best = t;
          assert.ok(p.F[i * k + best] > 0.9, `pixel ${i} purity ${p.F[i * k + best]} (vary=${vary})`);
          members.add(best);
        }
        assert.equal(members.size, k);
        const s = suggestEndmembers(M(p.X, p.n, p.E), { k, seed: 1, clusterSize: 10 });
        // normalised pixels: spectra match; thickness-varying: match up to scale (check shape)
        const T = Float64Array.from(s.members.data);
        if (vary) {
          const Sn = Float64Array.from(p.S);
          const norm = (A: Float64Array) => { for (let b = 0; b < k; b++) { let s2 = 0; for (let j = 0; j < p.E; j++) s2 += A[b * p.E + j] ** 2; s2 = Math.sqrt(s2); for (let j = 0; j < p.E; j++) A[b * p.E + j] /= s2; } };
          norm(Sn); norm(T);
          const d = matchPlanted(Sn, T, k, p.E);
          assert.ok(Math.max(...d) < 0.05, `shape distances ${d}`);
        } else {
          const d = matchPlanted(p.S, T, k, p.E);
          assert.ok(Math.max(...d) < 0.05, `distances ${d}`);
          // and unmixing with the suggestion recovers the fractions (up to member order)
          const r = nnlsPixels(M(p.X, p.n, p.E), M(s.members.data, k, p.E));
          let mae = Infinity;
          const perms = k === 2 ? [[0, 1], [1, 0]] : [[0, 1, 2], [0, 2, 1], [1, 0, 2], [1, 2, 0], [2, 0, 1], [2, 1, 0]];
          for (const perm of perms) {
            let m = 0;
            for (let i = 0; i < p.n; i++) for (let t = 0; t < k; t++) m += Math.abs(r.fractions.data[i * k + perm[t]] - p.F[i * k + t]);
            mae = Math.min(mae, m / (p.n * k));
          }
          assert.ok(mae < 0.03, `MAE with suggested end members ${mae}`);
        }
        assert.equal(s.clusters.length, k);
        assert.ok(suggestEndmembers(M(p.X, p.n, p.E), { k, seed: 1, clusterSize: 10, refine: 0 }).clusters[0].includes(s.vca!.indices[0]));
      }
    });
  }

  it("refinement moves the members to pure, well-determined pixels when noisy pixels hold the extremes", () => {
    // normalised mixtures; 30 % of the pixels are 10× noisier (thin, dim pixels): VCA's extremes are theirs
    const k = 3;
    const p = planted(77, 20000, 50, k, 0, false);
    const rng = createRng(5);
    const X = Float64Array.from(p.X);
    for (let i = 0; i < p.n; i++) {
      const sigma = rng.uniform() < 0.3 ? 0.1 : 0.01;
      for (let j = 0; j < p.E; j++) X[i * p.E + j] += sigma * rng.normal();
    }
    const plain = suggestEndmembers(M(X, p.n, p.E), { k, seed: 1, clusterSize: 200, refine: 0 });
    const refined = suggestEndmembers(M(X, p.n, p.E), { k, seed: 1, clusterSize: 200 });
    const dPlain = Math.max(...matchPlanted(p.S, plain.members.data, k, p.E));
    const dRefined = Math.max(...matchPlanted(p.S, refined.members.data, k, p.E));
    assert.ok(refined.refined >= 1 && refined.refined <= 10, `rounds ${refined.refined}`);
    console.log(`      relative distance to the planted members: ${dPlain.toFixed(4)} (VCA neighbourhoods) → ${dRefined.toFixed(4)} (refined, ${refined.refined} rounds)`);
    assert.ok(dRefined < 0.02, `refined distance ${dRefined}`);
    assert.ok(dRefined < 0.5 * dPlain, `refined ${dRefined} vs plain ${dPlain}`);
    // the refined clusters are (nearly) pure pixels of one member each
    refined.clusters.forEach((cl, t) => {
      let best = 0;
      for (let u = 0; u < k; u++) if (matchPlanted(p.S.subarray(u * p.E, (u + 1) * p.E), refined.members.data.subarray(t * p.E, (t + 1) * p.E), 1, p.E)[0] < matchPlanted(p.S.subarray(best * p.E, (best + 1) * p.E), refined.members.data.subarray(t * p.E, (t + 1) * p.E), 1, p.E)[0]) best = u;
      let purity = 0;
      for (const i of cl) purity += p.F[i * k + best];
      assert.ok(purity / cl.length > 0.95, `cluster ${t} mean planted fraction ${purity / cl.length}`);
    });
  });

  it("VCA is reproducible from its seed and validates options", () => {
    const p = planted(40, 1000, 20, 3, 0.01);
    assert.deepEqual(vca(M(p.X, p.n, p.E), { k: 3, seed: 4 }).indices, vca(M(p.X, p.n, p.E), { k: 3, seed: 4 }).indices);
    assert.throws(() => vca(M(p.X, p.n, p.E), { k: 21 }), /vca: k must be an integer in \[1, 20\], got 21/);
    assert.throws(() => suggestEndmembers(M(p.X, p.n, p.E), { k: 2, size: 3 } as never), /suggestEndmembers: unknown option "size"/);
  });
});
