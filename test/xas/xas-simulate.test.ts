/**
 * The simulated Ru K series (Xu 2018 Fig. 6) written as XDI files, read back and analysed: the
 * pipeline must recover what was planted (calibration, half-step edge positions, shells).
 */
import { strict as assert } from "node:assert";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { simulateRuKSeries, simulateTmKSeries, writeXasSeries, xasChi, halfStepEnergy, placeHalfStep, type XasModel } from "../../src/simulate";
import { autobk, calibrate, edgePosition, preEdge, readXdi, scanSpectrum, shiftEnergy, writeXdi, xftf } from "../../src/xas";
import { makeSpectrum } from "../../src/types/spectrum";
import { peakR } from "./larchRef";

describe("simulated Ru K series → XDI → analysis recovers the truth", function () {
  let dir = "";
  before(() => { dir = mkdtempSync(join(tmpdir(), "ew-ruk-")); });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("calibration, half-step positions (0.1 eV), the 1.7 eV shift and the shells (0.05 Å)", () => {
    const series = simulateRuKSeries({ seed: 2018 });
    const w = writeXasSeries(dir, series);
    const truth = JSON.parse(readFileSync(w.truth, "utf8"));
    assert.equal(truth.calibrationShift, 2.37);
    const mu = (name: string) => scanSpectrum(readXdi(w.files[name]), { mode: "transmission" });
    const cal = calibrate(mu("Ru foil"), { element: "Ru", edge: "K" });
    assert.ok(Math.abs(cal.shift - truth.calibrationShift) <= 0.05, `shift ${cal.shift}`);
    const half: Record<string, number> = {};
    for (const t of truth.scans) {
      const p = preEdge(shiftEnergy(mu(t.name), cal.shift));
      half[t.name] = edgePosition(p);
      assert.ok(Math.abs(half[t.name] - t.halfStep) <= 0.1, `${t.name}: half step ${half[t.name]} vs planted ${t.halfStep}`);
      if (t.role === "foil") continue;
      const ft = xftf(autobk(p, { rbkg: 1, kweight: 2 }), { kmin: 3, kmax: 14, dk: 1, kweight: 2, window: "hanning" });
      for (const sh of t.shells.filter((s: { label: string }) => s.label === "Ru–O" || s.label === "Ru–TM")) {
        const r = peakR(ft.r, ft.mag, sh.ftPeak - 0.25, sh.ftPeak + 0.25);
        assert.ok(Math.abs(r - sh.ftPeak) <= 0.05, `${t.name} ${sh.label}: ${r} vs ${sh.ftPeak} Å`);
      }
    }
    assert.ok(Math.abs(truth.scans.find((s: { name: string }) => s.name === "LNRO pristine").halfStep - 22126.8) < 1e-3);
    assert.ok(Math.abs(half["LNRO 4.8 V"] - half["LNRO pristine"] - 1.7) <= 0.1);
    const ruo = truth.scans.find((s: { name: string }) => s.name === "LNRO pristine").shells;
    assert.ok(Math.abs(ruo[0].ftPeak - 1.4) < 0.05 && Math.abs(ruo[1].ftPeak - 2.3) < 0.05, "planted FT peaks near the paper's 1.4 and 2.3 Å");
  });

  it("Ni/Co/Mn K through the first cycle: calibration, half steps (0.1 eV), the Mn pre-edge grows without moving", () => {
    const all = simulateTmKSeries({ seed: 11 });
    for (const el of ["Ni", "Co", "Mn"] as const) {
      const w = writeXasSeries(join(dir, el), all[el]);
      const mu = (name: string) => scanSpectrum(readXdi(w.files[name]), { mode: "transmission" });
      const cal = calibrate(mu(`${el} foil`), { element: el });
      assert.ok(Math.abs(cal.shift - all[el].truth.calibrationShift) <= 0.05, `${el} shift ${cal.shift}`);
      const pre: Record<string, number> = {};
      for (const t of all[el].truth.scans) {
        const p = preEdge(shiftEnergy(mu(t.name), cal.shift));
        assert.ok(Math.abs(edgePosition(p) - t.halfStep) <= 0.1, `${t.name}: ${edgePosition(p)} vs ${t.halfStep}`);
        if (el === "Mn" && t.role === "sample") {
          let best = 0;
          p.norm.energies.forEach((e, i) => { if (e > 6538 && e < 6543 && p.norm.values[i] > (p.norm.values[best] ?? -1)) best = i; });
          assert.ok(Math.abs(p.norm.energies[best] - 6540.5) <= 0.3, `Mn pre-edge at ${p.norm.energies[best]}`);
          pre[t.name] = p.norm.values[best];
        }
      }
      if (el === "Mn") assert.ok(pre["Mn 4.8 V"] > 1.4 * pre["Mn pristine"], `Mn pre-edge ${pre["Mn pristine"]} → ${pre["Mn 4.8 V"]}`);
    }
  });

  it("is reproducible by seed; without noise the calibration is exact to 0.01 eV", () => {
    const a = simulateRuKSeries({ seed: 5 }), b = simulateRuKSeries({ seed: 5 }), c = simulateRuKSeries({ seed: 6 });
    assert.deepEqual(a.scans[4].itrans, b.scans[4].itrans);
    assert.notDeepEqual(a.scans[4].itrans, c.scans[4].itrans);
    const clean = simulateRuKSeries({ flux: Infinity, calibrationShift: -1.13 });
    const foil = clean.scans[0];
    const cal = calibrate(makeSpectrum(foil.energy, Float64Array.from(foil.i0, (x, i) => Math.log(x / foil.itrans[i]))), { element: "Ru" });
    assert.ok(Math.abs(cal.shift + 1.13) < 0.01, `shift ${cal.shift}`);
    assert.throws(() => simulateRuKSeries({ seed: 1, flx: 3 } as never), /unknown option "flx"/);
  });

  it("the model: half step by bisection, placement, χ(k) zero below the edge", () => {
    const m: XasModel = { name: "t", element: "Ni", edge: "K", e0: 8333, width: 1.5, step: 1, preOffset: 0, preSlope: 0, peaks: [], shells: [{ label: "Ni–O", n: 6, r: 2.07, sigma2: 0.005 }] };
    assert.ok(Math.abs(halfStepEnergy(m) - 8333) < 1e-5, "arctan alone: half step = centre");
    assert.ok(Math.abs(halfStepEnergy(placeHalfStep({ ...m, peaks: [{ energy: 8345, height: 0.5, width: 3 }] }, 8340)) - 8340) < 1e-5);
    assert.equal(xasChi(m, 0), 0);
    assert.ok(Math.abs(xasChi(m, 8)) > 0);
  });

  it("writeXdi → readXdi round trip; refuses bad fields and columns", () => {
    const E = Float64Array.from({ length: 20 }, (_, i) => 8300 + i * 0.5);
    const path = writeXdi(join(dir, "rt.xdi"), { columns: { energy: E, i0: E.map((e) => 1e6 + e), itrans: E.map((e) => 3e5 + e / 7) } }, { "Element.symbol": "Ni", "Element.edge": "K", "Mono.d_spacing": 3.13555 }, { comments: ["a test"] });
    const scan = readXdi(path);
    assert.deepEqual(scan.names, ["energy", "i0", "itrans"]);
    assert.equal(scan.units.energy, "eV");
    assert.equal(scan.metadata["Element.symbol"], "Ni");
    for (let i = 0; i < 20; i++) assert.ok(Math.abs(scan.columns.itrans[i] - (3e5 + E[i] / 7)) < 1e-9 * 3e5);
    const s = writeXdi(join(dir, "mu.xdi"), makeSpectrum([1, 2, 3], [0.1, 0.2, 0.3]), { "Element.symbol": "Ni" });
    assert.deepEqual(readXdi(s).names, ["energy", "mutrans"]);
    assert.throws(() => writeXdi(join(dir, "x.xdi"), makeSpectrum([1, 2], [1, 2]), { element: "Ni" }), /metadata key "element" must be Family.key/);
    assert.throws(() => writeXdi(join(dir, "x.xdi"), { columns: { energy: [1, 2], "i 0": [1, 2] } }), /column name "i 0" must be one word/);
    assert.throws(() => writeXdi(join(dir, "x.xdi"), { columns: { energy: [2, 1], i0: [1, 2] } }), /must increase strictly; row 0 = 2, row 1 = 1/);
    assert.throws(() => writeXdi(join(dir, "x.xdi"), makeSpectrum([1, 2], [1, 2]), {}, { digit: 3 } as never), /unknown option "digit"/);
  });
});
