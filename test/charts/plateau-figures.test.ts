// End to end on the simulated O K plateau: preprocessing → noise filter → PCA → end members →
// NNLS → every chart and map of Gent 2017 S4/S15/S16/S17 builds from the library's own objects,
// compiles, renders without a warning and fits a 900 px notebook column.
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { simulateOxygenPlateau, oxygenPlateauEnergies } from "../../src/simulate";
import { applyEnergyOffset, applyShifts, computeShifts, cropToCommon, energyOffset, extractI0, noiseFilter, normalizePixels, opticalDensity, thresholdMask, toPixelTable, type PixelTableInput } from "../../src/stack";
import { toImages } from "../../src/types";
import { lcf, nnlsPixels, orderEndmembers, pca, suggestEndmembers } from "../../src/decompose";
import { histogramSpec, lcfSpec, mapsGridSpec, panelsSpec, scoreScatterSpec, screeSpec, spectraSpec, xySpec } from "../../src/charts";
import { fractionMaps, hsvColorMapPng, hsvMapsGridSpec, phaseFractions, residualMaps } from "../../src/maps";
import { renderSvg } from "./render";

type Spec = Record<string, unknown>;

// Set EDGEWORKS_FIGURE_DIR to keep the rendered SVGs and the HSV map PNG for a look.
const OUT = process.env.EDGEWORKS_FIGURE_DIR;

async function compiles(spec: Spec, name: string): Promise<void> {
  const { svg, warnings } = await renderSvg(spec);
  assert.deepEqual(warnings, []);
  assert.match(svg, /^<svg/);
  const width = Number(/^<svg[^>]* width="([\d.]+)"/.exec(svg)?.[1]);
  assert.ok(width <= 900, `${name} is ${width} px wide`);
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
    const p = pca(t, { k: 5 });
    const scree = screeSpec(p);
    const scatter = scoreScatterSpec(p, { groups: Array.from(t.sample, (i) => t.samples[i].name) });
    assert.match((scatter.title as { subtitle: string }).subtitle, /^every \d+(st|nd|rd|th) of [\d,]+ pixels shown$/);

    // reduced, oxidised, carbon/binder: the binder has the least intensity at 529.3 eV, then by the 530.8 eV feature
    const em = orderEndmembers(suggestEndmembers(t, { k: 3, seed: 1 }), { lowestLast: 529.3, by: 530.8, names: ["reduced", "oxidised", "carbon/binder"] });
    const spectra = spectraSpec(em.members, { highlight: [530.8], yLabel: "Normalised absorbance" });
    const regions = scoreScatterSpec(p, { regions: em });
    const nn = nnlsPixels(t, em.members, { extraneous: ["carbon/binder"] });

    const pf = phaseFractions(t, nn);
    assert.equal(pf.length, 6);
    assert.deepEqual(pf[0].names, ["reduced", "oxidised", "carbon/binder"]);
    for (const s of pf) assert.ok(Math.abs(s.fractions.reduce((a, b) => a + b, 0) - 1) < 1e-9);
    // the oxidised fraction rises along the plateau
    const rise = pf[5].fractions[1] - pf[0].fractions[1];
    assert.ok(rise > 0.3, `oxidised fraction rises by ${rise.toFixed(2)}`);
    const capacity = sim.truth.samples.map((s) => s.capacity as number);
    const pfSpec = xySpec(capacity.flatMap((c) => [c, c]), pf.flatMap((s) => [s.fractions[0], s.fractions[1]]),
      { groups: pf.flatMap((s) => s.names.slice(0, 2)), line: true, xLabel: "Capacity (mAh/g)", yLabel: "Phase fraction" });

    const fm = fractionMaps(t, nn);
    assert.deepEqual(fm, nn.maps());
    const grid = mapsGridSpec(fm, { maps: ["reduced", "oxidised"] });
    assert.ok(((grid.usermeta as { scaleBars: (number | null)[] }).scaleBars).every((b) => b !== null && b > 0), "a scale bar in µm on every panel");
    const rm = residualMaps(t, nn);
    const resid = mapsGridSpec(rm, { samples: [0, 1, 2], legendTitle: "Residual" });
    const rvb = xySpec(t.brightness, nn.residualNorm, { xLabel: "Brightness", yLabel: "Residual" });
    const hsv = hsvMapsGridSpec(fm, t, { member: "reduced" });

    const avg = { energies: t.energies, values: Float64Array.from(t.energies, (_, e) => { let a = 0; for (let r = 0; r < t.nPixels; r++) a += t.data[r * t.nE + e]; return a / t.nPixels; }), name: "all pixels" };
    const lcfFig = lcfSpec(lcf(avg, em.members));
    const panels = panelsSpec([scree, regions, spectra]);

    const [bright] = toImages(t, t.brightness);
    const png = hsvColorMapPng(fm.samples[0].images[0], bright.data, fm.samples[0].ny, fm.samples[0].nx, { scale: 2 });
    assert.deepEqual(Array.from(png.subarray(1, 4)), [0x50, 0x4e, 0x47]);

    if (OUT) writeFileSync(`${OUT}/plateau-hsv.png`, png);
    const figures = { hist, scree, scatter, spectra, regions, pfSpec, grid, resid, rvb, hsv, lcfFig, panels };
    for (const [name, s] of Object.entries(figures)) await compiles(s, `plateau-${name}`);
  });
});
