/**
 * Li et al. S16 (Ni and Ru K EXAFS of Li1.2Ni0.4Ru0.4O2 at five states) simulated, written as XDI,
 * read back and reduced as the notebook does: calibration, half steps, shell positions and their
 * reversible changes must come back as planted.
 */
import { strict as assert } from "node:assert";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { LI_S16_PLANT, LI_S16_STATES, simulateLiS16Series, writeXasSeries } from "../../src/simulate";
import { autobk, calibrate, edgePosition, preEdge, readXdi, scanSpectrum, shiftEnergy, xftf } from "../../src/xas";
import { peakR } from "./larchRef";

describe("Li S16: simulated Ni/Ru K EXAFS → XDI → the notebook's reduction recovers the planted shells", function () {
  let dir = "";
  before(() => { dir = mkdtempSync(join(tmpdir(), "ew-li-s16-")); });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("calibration (0.05 eV), half steps (0.1 eV), |χ(R)| peaks (0.05 Å) and their change from pristine (0.02 Å)", () => {
    const all = simulateLiS16Series({ seed: 2019 });
    for (const el of ["Ni", "Ru"] as const) {
      const w = writeXasSeries(join(dir, el), all[el]);
      const truth = JSON.parse(readFileSync(w.truth, "utf8")) as typeof all.Ni.truth;
      const mu = (name: string) => scanSpectrum(readXdi(w.files[name]), { mode: "transmission" });
      const cal = calibrate(mu(`${el} foil`), { element: el, edge: "K" });
      assert.ok(Math.abs(cal.shift - truth.calibrationShift) <= 0.05, `${el}: shift ${cal.shift} vs ${truth.calibrationShift}`);
      const peaks: Record<string, number[]> = {};
      for (const state of LI_S16_STATES) {
        const t = truth.scans.find((s) => s.name === `${el} ${state}`)!;
        assert.equal(t.shells[0].r, LI_S16_PLANT[el][state].rO);
        assert.ok(Math.abs(t.halfStep - LI_S16_PLANT[el][state].half) < 2e-3, `${t.name}: planted half step ${t.halfStep}`);
        const p = preEdge(shiftEnergy(mu(t.name), cal.shift));
        assert.ok(Math.abs(edgePosition(p) - t.halfStep) <= 0.1, `${t.name}: half step ${edgePosition(p)} vs ${t.halfStep}`);
        const ft = xftf(autobk(p, { rbkg: 1, kweight: 2 }), { kmin: 3, kmax: 14, dk: 1, kweight: 2, window: "hanning" });
        peaks[state] = t.shells.map((sh) => {
          const r = peakR(ft.r, ft.mag, sh.ftPeak - 0.25, sh.ftPeak + 0.25);
          assert.ok(Math.abs(r - sh.ftPeak) <= 0.05, `${t.name} ${sh.label}: ${r} vs ${sh.ftPeak} Å`);
          return r;
        });
      }
      const planted = (state: string, j: number) => truth.scans.find((s) => s.name === `${el} ${state}`)!.shells[j].ftPeak;
      for (const state of LI_S16_STATES) for (const j of [0, 1]) {
        const found = peaks[state][j] - peaks.pristine[j], want = planted(state, j) - planted("pristine", j);
        assert.ok(Math.abs(found - want) <= 0.02, `${el} ${state} shell ${j}: Δ ${found.toFixed(3)} vs planted ${want.toFixed(3)} Å`);
      }
      // reversible: charged shells shorter than pristine, discharged back within 0.02 Å
      assert.ok(peaks["4.6 V"][0] < peaks.pristine[0] - 0.02 && peaks["4.8 V"][0] < peaks.pristine[0] - 0.02, `${el}: first shell contracts on charge`);
      for (const s of ["2.5 V", "1.5 V"]) assert.ok(Math.abs(peaks[s][0] - peaks.pristine[0]) <= 0.02, `${el} ${s}: first shell back (${peaks[s][0]} vs ${peaks.pristine[0]})`);
    }
  });

  it("refuses bad options", () => {
    assert.throws(() => simulateLiS16Series({ flux: 0 }), /flux/);
    assert.throws(() => simulateLiS16Series({ seed: 1, bogus: 1 } as never), /bogus/);
  });
});
