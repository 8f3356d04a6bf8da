/**
 * Soft-XAS: normalizeSoft by hand, and the simulated Fig. 4 series (XDI → TEY/FY → normalised →
 * LCF with the Ni²⁺/Ni³⁺/Ni⁴⁺ references) recovering the planted Ni valence fractions.
 */
import { strict as assert } from "node:assert";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { NI_FRACTIONS, SOFT_XAS_STATES, simulateSoftXasSeries, writeSoftXasSeries } from "../../src/simulate";
import { normalizeSoft, readXdi, scanSpectrum, xanesLcf } from "../../src/xas";
import { makeSpectrum } from "../../src/types/spectrum";

describe("normalizeSoft", () => {
  const E = Array.from({ length: 101 }, (_, i) => 840 + 0.5 * i);
  it("subtracts the pre-edge line and scales the post-edge mean to 1 (also × 1e6 + 1e8)", () => {
    for (const [a, b] of [[1, 0], [1e6, 1e8]]) {
      const y = E.map((e) => b + a * (0.3 + 0.01 * (e - 840) + (e > 860 ? 2 : 0)));
      const r = normalizeSoft(makeSpectrum(E, y), { pre: [840, 850], post: [870, 890] });
      assert.ok(Math.abs(r.scale - 2 * a) < 1e-9 * a);
      for (let i = 0; i < E.length; i++) assert.ok(Math.abs(r.norm.values[i] - (E[i] > 860 ? 1 : 0)) < 1e-9);
    }
    const m = normalizeSoft(makeSpectrum(E, E.map((e) => (e === 860 ? 4 : 1))), { pre: [840, 850], background: "constant", scale: "max" });
    assert.equal(m.scale, 3);
    assert.throws(() => normalizeSoft(makeSpectrum(E, E), { pre: [840, 850] }), /option post \[lo, hi\] is required/);
    assert.throws(() => normalizeSoft(makeSpectrum(E, E), { pre: [800, 801], post: [870, 880] }), /pre window 800 … 801 eV holds 0 points/);
    assert.throws(() => normalizeSoft(makeSpectrum(E, E), { pre: [850, 840] } as never), /pre must be \[lo, hi\]/);
    assert.throws(() => normalizeSoft(makeSpectrum(E, E), { pre: [840, 850], post: [870, 880], bg: 1 } as never), /unknown option "bg"/);
  });
});

describe("simulated sXAS (Xu 2018 Fig. 4) → XDI → TEY/FY → LCF recovers the Ni fractions", () => {
  let dir = "";
  before(() => { dir = mkdtempSync(join(tmpdir(), "ew-sxas-")); });
  after(() => rmSync(dir, { recursive: true, force: true }));
  it("within 0.03 for every material, state and mode; TEY less oxidised than FY when charged", () => {
    const w = writeSoftXasSeries(dir, simulateSoftXasSeries({ seed: 7 }));
    const norm = (name: string, mode: "tey" | "fluorescence") => normalizeSoft(scanSpectrum(readXdi(w.files[name]), { mode, name }), { pre: [845, 849], post: [876, 880], background: "constant" }).norm;
    for (const mode of ["tey", "fluorescence"] as const) {
      const refs = ["Ni2+ ref", "Ni3+ ref", "Ni4+ ref"].map((n) => norm(n, mode));
      for (const m of ["LNMO", "LNRO"] as const) for (const st of SOFT_XAS_STATES) {
        const f = xanesLcf(norm(`${m} ${st} Ni L3`, mode), refs, { e0: 853, range: [-3, 7], sumToOne: true });
        const planted = NI_FRACTIONS[m][st][mode === "tey" ? "TEY" : "FY"];
        for (let i = 0; i < 3; i++) assert.ok(Math.abs(f.weights[i] - planted[i]) <= 0.03, `${mode} ${m} ${st}: ${Array.from(f.weights)} vs ${planted}`);
      }
    }
    const o = readXdi(w.files["LNMO 4.5 V O K"]);
    assert.equal(o.metadata["Element.symbol"], "O");
    assert.deepEqual(o.names, ["energy", "i0", "tey", "fy"]);
  });
});
