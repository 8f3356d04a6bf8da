/**
 * Gent 2017 S11 (TEY intact vs sonicated) simulated, written as XDI, read back and tested as the
 * notebook does: no difference beyond the repeat-scan noise when none is planted; a planted 10 %
 * change of the surface layer is detected; the 530.8 eV feature matches the planted intensity.
 */
import { strict as assert } from "node:assert";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SONICATION_EDGES, simulateSonicationTey, writeSonicationTey, type SonicationEdge } from "../../src/simulate";
import { normalizeSoft, readXdi, scanSpectrum } from "../../src/xas";

/** The notebook's test on one edge: z = (χ² − N)/√(2N) of the difference of the means against the repeat-scan noise (±10 points), and the 530.8 eV feature of each electrode with its standard error. */
function compare(files: Record<string, string>, edge: SonicationEdge) {
  const w = SONICATION_EDGES[edge];
  const norm = (name: string) => normalizeSoft(scanSpectrum(readXdi(files[name]), { mode: "tey" }), { pre: [...w.pre], post: [...w.post], background: "constant" }).norm;
  const [a1, a2, b1, b2] = [`intact ${edge} #1`, `intact ${edge} #2`, `sonicated ${edge} #1`, `sonicated ${edge} #2`].map((n) => norm(n).values);
  const e = norm(`intact ${edge} #1`).energies;
  const n = a1.length;
  const diff = a1.map((_, i) => (a1[i] + a2[i] - b1[i] - b2[i]) / 2);
  const within = a1.map((_, i) => ((a1[i] - a2[i]) ** 2 + (b1[i] - b2[i]) ** 2) / 4);
  const s2: number[] = [], nu: number[] = [];
  for (let i = 0; i < n; i++) { let s = 0, m = 0; for (let j = Math.max(0, i - 10); j <= Math.min(n - 1, i + 10); j++) { s += within[j]; m++; } s2.push(s / m); nu.push(2 * m); }
  // s² from ν = 2m squares: E[1/s²] = ν/(ν − 2)/σ², so each term is scaled by (ν − 2)/ν
  const chi2 = diff.reduce((acc, x, i) => acc + ((x * x) / s2[i]) * ((nu[i] - 2) / nu[i]), 0);
  const feat = (x: Float64Array, y: Float64Array) => { let s = 0, v = 0, k = 0; for (let i = 0; i < n; i++) if (e[i] >= 530.6 - 1e-9 && e[i] <= 531.0 + 1e-9) { s += (x[i] + y[i]) / 2; v += s2[i] / 2; k++; } return { value: s / k, se: Math.sqrt(v) / k }; };
  return { z: (chi2 - n) / Math.sqrt(2 * n), intact: feat(a1, a2), sonicated: feat(b1, b2) };
}

describe("Gent S11: simulated TEY intact vs sonicated → XDI → the notebook's difference test", function () {
  let dir = "";
  before(() => { dir = mkdtempSync(join(tmpdir(), "ew-s11-")); });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("no planted difference: |z| < 5 at every edge for several seeds; the 530.8 eV feature as planted within 4 standard errors", () => {
    for (const seed of [2017, 3, 4]) {
      const s = simulateSonicationTey({ seed });
      assert.equal(s.truth.feature5308.intact, s.truth.feature5308.sonicated);
      assert.ok(Math.abs(s.truth.surfaceWeight.intact - (1 - Math.exp(-0.5))) < 1e-12);
      const w = writeSonicationTey(join(dir, `null-${seed}`), s);
      for (const edge of Object.keys(SONICATION_EDGES) as SonicationEdge[]) {
        const c = compare(w.files, edge);
        assert.ok(Math.abs(c.z) < 5, `seed ${seed} ${edge}: z ${c.z}`);
        if (edge !== "O K") continue;
        for (const k of ["intact", "sonicated"] as const) {
          assert.ok(c[k].se > 0 && c[k].se < 0.01, `${k} se ${c[k].se}`);
          assert.ok(Math.abs(c[k].value - s.truth.feature5308[k]) < 4 * c[k].se, `seed ${seed} ${k}: ${c[k].value} vs planted ${s.truth.feature5308[k]} ± ${c[k].se}`);
        }
        assert.ok(Math.abs(c.intact.value - c.sonicated.value) < 4 * Math.hypot(c.intact.se, c.sonicated.se));
      }
    }
  });

  it("a planted 10 % change of the surface layer is detected at every edge (z > 8) and in the 530.8 eV feature (> 4 standard errors)", () => {
    for (const change of [-0.1, 0.1]) {
      const s = simulateSonicationTey({ seed: 2018, surfaceChange: change });
      assert.ok(Math.sign(s.truth.feature5308.sonicated - s.truth.feature5308.intact) === -Math.sign(change), "less surface layer → more of the bulk's 530.8 eV feature");
      const w = writeSonicationTey(join(dir, `planted-${change}`), s);
      for (const edge of Object.keys(SONICATION_EDGES) as SonicationEdge[]) {
        const c = compare(w.files, edge);
        assert.ok(c.z > 8, `${change} ${edge}: z ${c.z}`);
        if (edge === "O K") {
          const d = (c.sonicated.value - c.intact.value) / Math.hypot(c.intact.se, c.sonicated.se);
          assert.ok(Math.abs(d) > 4, `530.8 eV: ${d} standard errors`);
          const planted = s.truth.feature5308.sonicated - s.truth.feature5308.intact;
          assert.ok(Math.abs(c.sonicated.value - c.intact.value - planted) < 4 * Math.hypot(c.intact.se, c.sonicated.se), "the change found is the planted one");
        }
      }
    }
  });

  it("refuses bad options", () => {
    assert.throws(() => simulateSonicationTey({ surfaceChange: -1 }), /surfaceChange/);
    assert.throws(() => simulateSonicationTey({ repeats: 0 }), /repeats/);
    assert.throws(() => simulateSonicationTey({ escapeNm: 0 }), /escapeNm/);
    assert.throws(() => simulateSonicationTey({ bogus: 1 } as never), /bogus/);
  });
});
