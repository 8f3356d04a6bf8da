// End to end on the simulated O K plateau: preprocessing → noise filter → PCA → end members →
// NNLS → every chart and map of Gent 2017 S4/S15/S16/S17 builds, compiles and renders.
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { simulateOxygenPlateau, oxygenPlateauEnergies } from "../../src/simulate";
import {
  applyEnergyOffset, applyShifts, computeShifts, cropToCommon, energyOffset, extractI0, noiseFilter, normalizePixels,
  opticalDensity, thresholdMask, toImages, toPixelTable, type PixelTableInput,
} from "../../src/stack";
import { nnlsPixels, pca, suggestEndmembers } from "../../src/decompose";
import { histogramSpec, mapsGridSpec, scoreScatterSpec, screeSpec, spectraSpec, xySpec } from "../../src/charts";
import { fractionMaps, hsvColorMapPng, phaseFractions, residualMaps } from "../../src/maps";
import { renderSvg } from "./render";

type Spec = Record<string, unknown>;

// Set EDGEWORKS_FIGURE_DIR to keep the rendered SVGs and the HSV map PNG for a look.
const OUT = process.env.EDGEWORKS_FIGURE_DIR;

async function compiles(spec: Spec, name: string): Promise<void> {
  const { svg, warnings } = await renderSvg(spec);
  assert.deepEqual(warnings, []);
  assert.match(svg, /^<svg/);
  if (OUT) writeFileSync(`${OUT}/${name}.svg`, svg);
}

describe("figures of the simulated O K plateau (S4, S15, S16, S17)", function () {
  this.timeout(180000);
  const sim = simulateOxygenPlateau({ seed: 11 });
  const inputs: PixelTableInput[] = [];
  before(() => {
    const grid = oxygenPlateauEnergies();
    for (const s of sim.samples) {
      const od = opticalDensity(s.stack, { i0: extractI0(s.stack, { region: s.freeRegion }) }).stack;
      const sh = computeShifts(od);
      const aligned = cropToCommon(applyShifts(od, sh), sh).stack;
      const cal = applyEnergyOffset(aligned, energyOffset(s.sessionReference, sim.canonicalReference).offset, { grid }).stack;
      const norm = normalizePixels(cal, { background: [520, 526], area: [525, 535], brightness: [535, 560] });
      const mask = thresholdMask(cal, { energy: 529.5, threshold: 0.15, backgroundRange: [520, 526] }).mask;
      inputs.push({ stack: norm.stack, mask, brightness: norm.brightness, name: s.name });
    }
  });

  it("builds every figure from the real pipeline results", async () => {
    const { table } = toPixelTable(inputs, { energyRange: [520, 535] });
    const f = noiseFilter(table, { range: [520, 526], fraction: 0.1 });
    const hist = histogramSpec(f.noise, { cutoff: f.cutoff, cutoffLabel: "the noise cutoff", xLabel: "Background std. dev." });
    const above = (hist.usermeta as { fractionAbove: number }).fractionAbove;
    assert.ok(Math.abs(above - f.removed / table.nPixels) < 1e-12, `fraction above ${above}`);
    assert.match((hist.title as { text: string }).text, /— 10\.0 % above the noise cutoff$/);

    const t = f.table;
    const p = pca(t.data, t.nPixels, t.nE, { nComponents: 5 });
    const scree = screeSpec(p.explainedVarianceRatio);
    const scatter = scoreScatterSpec(p.scores!, t.nPixels, p.nComponents, { groups: Array.from(t.sample, (i) => t.samples[i].name) });
    assert.match((scatter.title as { subtitle: string }).subtitle, /^every \d+(st|nd|rd|th) of [\d,]+ pixels shown$/);

    const em = suggestEndmembers(t.data, t.nPixels, t.nE, { k: 3, seed: 1 });
    const members = [0, 1, 2].map((j) => em.spectra.slice(j * t.nE, (j + 1) * t.nE));
    const spectra = spectraSpec(t.energies, members, ["1", "2", "3"], { highlight: [530.8], yLabel: "Normalised absorbance" });
    const nn = nnlsPixels(t.data, t.nPixels, t.nE, em.spectra, 3);

    const pf = phaseFractions(t, nn.fractions, 3);
    assert.equal(pf.length, 6);
    for (const s of pf) assert.ok(Math.abs(s.fractions.reduce((a, b) => a + b, 0) - 1) < 1e-9);
    // the oxidised fraction rises along the plateau: some member must grow from the first to the last sample
    const rise = [0, 1, 2].map((j) => pf[5].fractions[j] - pf[0].fractions[j]);
    assert.ok(Math.max(...rise) > 0.3, `rises ${rise.map((v) => v.toFixed(2)).join(", ")}`);
    const capacity = sim.truth.samples.map((s) => s.capacity as number);
    const pfSpec = xySpec(capacity.flatMap((c) => [c, c, c]), pf.flatMap((s) => Array.from(s.fractions)),
      { groups: pf.flatMap(() => ["1", "2", "3"]), line: true, xLabel: "Capacity (mAh/g)", yLabel: "Phase fraction" });

    const fm = fractionMaps(t, nn.fractions, 3);
    const grid = mapsGridSpec(fm.map((m) => ({ title: m.name, image: m.images[0], ny: m.ny, nx: m.nx })), { domain: [0, 1], legendTitle: "Fraction of 1" });
    const rm = residualMaps(t, nn.residualNorm);
    const resid = mapsGridSpec(rm.slice(0, 3).map((m) => ({ title: m.name, image: m.image, ny: m.ny, nx: m.nx })), { legendTitle: "Residual" });
    const rvb = xySpec(t.brightness, nn.residualNorm, { xLabel: "Brightness", yLabel: "Residual" });

    const [bright] = toImages(t, t.brightness);
    const png = hsvColorMapPng(fm[0].images[0], bright.data, fm[0].ny, fm[0].nx, { scale: 2 });
    assert.deepEqual(Array.from(png.subarray(1, 4)), [0x50, 0x4e, 0x47]);

    if (OUT) writeFileSync(`${OUT}/plateau-hsv.png`, png);
    const figures = { hist, scree, scatter, spectra, pfSpec, grid, resid, rvb };
    for (const [name, s] of Object.entries(figures)) await compiles(s, `plateau-${name}`);
  });
});
