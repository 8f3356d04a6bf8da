/**
 * Planted truth, end to end: the simulated O K plateau series (74,700 pixels) through
 * preprocessSeries, suggestEndmembers, nnlsPixels and amountFractions, compared pixel by pixel
 * with the simulator's ground truth.
 */
import assert from "node:assert/strict";
import {
  preprocessSeries, suggestEndmembers, nnlsPixels, amountFractions, signalPerAmount, spectrumOf,
  fromImages, normalizeSpectrum, pearson, type PixelTable, type PreprocessSeriesResult,
} from "../../src";
import { simulateOxygenPlateau, oxygenPlateauEnergies, truthOnTable, type SimulatedSeries } from "../../src/simulate";

describe("planted truth: O K plateau series, raw files to fraction maps", function () {
  this.timeout(180_000);
  let series: SimulatedSeries;
  let pre: PreprocessSeriesResult;
  let T: PixelTable;

  before(() => {
    series = simulateOxygenPlateau({ seed: 2017 });
    pre = preprocessSeries(series.samples.map((s) => ({ stack: s.stack, name: s.name, freeRegion: s.freeRegion, sessionReference: s.sessionReference })), {
      reference: series.canonicalReference,
      grid: oxygenPlateauEnergies(),
      normalize: { background: [520, 526], area: [525, 535], brightness: [535, 560] },
      energyRange: [520, 535],
    });
    T = pre.table;
  });

  it("suggested end members are the planted ones, and per-pixel oxidised fractions are within 0.03 MAE", () => {
    const n = T.nPixels;
    const sug = suggestEndmembers(T, { k: 3, seed: 1, clusterSize: Math.round(n / 50) });
    // planted spectra, normalised as the pixels are, on the table's energies
    const full = oxygenPlateauEnergies();
    const planted = series.truth.endMembers.map((m) => {
      const values = Float64Array.from(full, (e) => {
        const j = m.energies.findIndex((x) => x >= e);
        const t = (e - m.energies[j - 1]) / (m.energies[j] - m.energies[j - 1]);
        return m.mu[j - 1] * (1 - t) + m.mu[j] * t;
      });
      const v = normalizeSpectrum({ energies: full, values }, { background: [520, 526], area: [525, 535] }).values;
      return Float64Array.from(T.energies, (e) => v[full.indexOf(e)]);
    });
    // match each planted member to its best suggested one: all distinct, all r > 0.999
    const match = planted.map((p) => {
      const r = [0, 1, 2].map((t) => pearson(p, spectrumOf(sug.members, t).values));
      const best = r.indexOf(Math.max(...r));
      return { best, r: r[best] };
    });
    assert.equal(new Set(match.map((m) => m.best)).size, 3, `members ${JSON.stringify(match)}`);
    for (const m of match) assert.ok(m.r > 0.999, `correlation with the planted member ${m.r}`);
    const [red, ox, binder] = match.map((m) => m.best);

    const fit = nnlsPixels(T, sug.members, { extraneous: [binder] });
    // each member's pre-edge area per unit post-edge step, measured on its own cluster
    const area = fromImages(T, pre.normalized.map((m) => m.area));
    const signal = signalPerAmount(sug.clusters, area, T.brightness);
    // the planted ratio of pre-edge areas (same edge step): oxidised / reduced
    const plantedRatio = (() => {
      const areaOf = (m: SimulatedSeries["truth"]["endMembers"][number]): number => {
        let bg = 0, nb = 0, A = 0;
        m.energies.forEach((e, j) => { if (e >= 520 && e <= 526) { bg += m.mu[j]; nb++; } });
        bg /= nb;
        for (let j = 1; j < m.energies.length; j++) {
          if (m.energies[j - 1] >= 525 && m.energies[j] <= 535) A += 0.5 * (m.mu[j] + m.mu[j - 1] - 2 * bg) * (m.energies[j] - m.energies[j - 1]);
        }
        return A;
      };
      return areaOf(series.truth.endMembers[1]) / areaOf(series.truth.endMembers[0]);
    })();
    assert.ok(Math.abs(signal[ox] / signal[red] / plantedRatio - 1) < 0.03, `signal ratio ${signal[ox] / signal[red]} vs planted ${plantedRatio}`);

    const amount = amountFractions(fit.fractions, signal).data;
    const tf = truthOnTable(series.truth, pre.preprocessed, T, "fraction");
    const ta = truthOnTable(series.truth, pre.preprocessed, T, "activeThickness");
    const sorted = Float64Array.from(T.brightness).sort();
    const p99 = sorted[Math.floor(0.99 * (n - 1))];
    let all = 0, nAll = 0, vis = 0, nVis = 0, areaErr = 0;
    for (let i = 0; i < n; i++) {
      if (!(ta[i] > 0) || fit.phaseTotal[i] === 0) continue;
      const e = Math.abs(amount[i * 3 + ox] - tf[i]);
      all += e; nAll++;
      areaErr += Math.abs(fit.fractions.data[i * 3 + ox] - tf[i]);
      // the paper: pixels below a quarter of full brightness are "barely visible" in the maps
      if (T.brightness[i] >= 0.25 * p99) { vis += e; nVis++; }
    }
    // the visible pixels are most of those with active material (the noise filter keeps some barely visible ones)
    assert.ok(nVis > 0.8 * nAll, `visible pixels ${nVis} of ${nAll}`);
    assert.ok(vis / nVis < 0.03, `MAE of visible pixels ${vis / nVis}`);
    assert.ok(all / nAll < 0.04, `MAE of all pixels with active material ${all / nAll}`);
    // without the amount correction the area-weighted fractions are biased (the paper's numbers)
    assert.ok(areaErr / nAll > all / nAll, `area-fraction MAE ${areaErr / nAll}`);
    console.log(`      MAE ${(vis / nVis).toFixed(4)} (visible, ${nVis} px), ${(all / nAll).toFixed(4)} (all ${nAll} px), area-weighted ${(areaErr / nAll).toFixed(4)}; r = ${match.map((m) => m.r.toFixed(5)).join(", ")}`);
  });
});
