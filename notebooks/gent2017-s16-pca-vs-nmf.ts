// -*- coding: utf-8 -*-
// ---
// jupyter:
//   jupytext:
//     text_representation:
//       extension: .ts
//       format_name: percent
//       format_version: '1.3'
//       jupytext_version: 1.19.6
//   kernelspec:
//     display_name: TypeScript (edgeworks)
//     language: typescript
//     name: edgeworks
// ---

// %% [markdown]
// # Gent et al. 2017, Supplementary Figure 16 — PCA space and NMF space
//
// (a) the plateau pixels in PCA space with the end-member regions, and the end-member spectra;
// (b) the same in NMF space. The paper: end members are the extreme points of the pixel cloud;
// averaging a small cluster of pixels there gives the end-member spectra: reduced LMR-NMC (1),
// oxidised LMR-NMC (2) and the carbon/binder matrix (3). NMF makes the extremes easier to see.
//
// This is the static figure; the interactive version, where you lasso the regions yourself, is the
// end-member selector widget.
//
// > **These data are simulated.** The paper's STXM data are not public, so this notebook runs on
// > files written by edgeworks' simulated beamline (`simulateOxygenPlateau`, the same seed as the
// > S15 notebook) in the ALS/PolLux `.hdr` + `.xim` format: six LMR-NMC electrodes along the
// > first-charge plateau (131–311 mAh/g), reduced and oxidised LMR-NMC and a carbon/binder matrix,
// > photon noise, drift, and an energy offset per session. The ground truth is known, so the
// > notebook can say how well the method recovers it. For your own data, set `files`, the
// > sample-free regions and the reference spectra.

// %%
import * as fs from "fs";
import * as ew from "edgeworks";
import { show, progress } from "edgeworks/kernel";

// %% [markdown]
// ## The data
//
// Simulated raw files, read back and preprocessed exactly as in the S15 notebook (I₀, absorbance,
// alignment, energy calibration, per-pixel normalisation, noise filter) by `preprocessSeries`.

// %%
const series = ew.simulateOxygenPlateau({ seed: 2017 });
const written = await ew.writeSimulatedSeries("simulated-data/gent2017-o-plateau", series, { formats: ["sdf"] });
const refs = JSON.parse(fs.readFileSync(written.references, "utf8"));
const samples = [];
for (const [i, s] of written.samples.entries()) {
  samples.push({ stack: await ew.readStack(s.sdf!), name: s.name, freeRegion: s.freeRegion, sessionReference: refs.session[i] });
}
const pre = ew.preprocessSeries(samples, {
  reference: refs.canonical,
  grid: ew.oxygenPlateauEnergies(),
  normalize: { background: [520, 526], area: [525, 535], brightness: [535, 560] },
  energyRange: [520, 535],
});
const T = pre.table;
({ pixels: T.nPixels, energies: T.nE, "removed by the noise filter": pre.noise.removed })

// %% [markdown]
// ## End members
//
// As in the S16 notebook: the extremes of the pixel cloud (VCA), then refined to the 2 % of pixels
// that are the purest and best determined for each member (`suggestEndmembers`); the carbon/binder
// member is the one without the 529.3 eV TM–O peak, and of the two LMR-NMC members the oxidised one
// has more weight at 530.8 eV.

// %%
const sug = ew.suggestEndmembers(T.data, T.nPixels, T.nE, { k: 3, seed: 1, clusterSize: Math.round(T.nPixels / 50) });
const members = [0, 1, 2].map((k) => sug.spectra.subarray(k * T.nE, (k + 1) * T.nE));
const at = (s: Float64Array, e: number) => s[T.energies.findIndex((x) => x >= e)];
const binder = [0, 1, 2].reduce((b, k) => (at(members[k], 529.3) < at(members[b], 529.3) ? k : b), 0);
const [first, second] = [0, 1, 2].filter((k) => k !== binder).sort((a, b) => at(members[a], 530.8) - at(members[b], 530.8));
const order = [first, second, binder];
const names = ["1 reduced LMR-NMC", "2 oxidised LMR-NMC", "3 carbon/binder"];
// the end-member matrix in that order: [3, nE]
const E = new Float64Array(3 * T.nE);
order.forEach((k, i) => E.set(members[k], i * T.nE));
await show(ew.spectraSpec(T.energies, [0, 1, 2].map((i) => E.subarray(i * T.nE, (i + 1) * T.nE)), names, { title: "end members", yLabel: "normalised absorbance", highlight: [530.8] }));

// %%
const regions = order.map((k, i) => ({ name: names[i], indices: sug.clusters[k] }));

// %% [markdown]
// ## (a) PCA space

// %%
const p = ew.pca(T.data, T.nPixels, T.nE, { center: true, nComponents: 3 });
await show(ew.scoreScatterSpec(p.scores!, T.nPixels, 3, { x: 0, y: 1, regions, axisPrefix: "PC", title: "(a) plateau pixels in PCA space" }));

// %% [markdown]
// ## (b) NMF space
//
// NMF needs non-negative data; the background subtraction leaves small negative values in the
// pre-edge, which are set to zero for the fit. A progress bar follows the iterations (Kernel →
// Interrupt stops it).

// %%
const Xnn = T.data.map((v) => Math.max(0, v));
const bar = progress(400, { label: "NMF" });
const nm = await ew.nmfAsync(Xnn, T.nPixels, T.nE, { k: 3, init: "nndsvda", maxIter: 400, onProgress: (it) => bar.update(it) });
bar.done(`${nm.nIter} iterations, converged: ${nm.converged}`);
// NMF coordinates of every pixel, each row scaled to sum 1
const Wn = ew.normalizeRows(nm.W, T.nPixels, 3);
await show({
  $schema: "https://vega.github.io/schema/vega-lite/v5.json",
  resolve: { scale: { color: "independent" } },
  vconcat: [
    ew.scoreScatterSpec(Wn, T.nPixels, 3, { x: 0, y: 1, regions, axisPrefix: "NMF ", title: "(b) plateau pixels in NMF space" }),
    ew.spectraSpec(T.energies, [0, 1, 2].map((k) => nm.H.subarray(k * T.nE, (k + 1) * T.nE)), ["NMF 1", "NMF 2", "NMF 3"], { title: "NMF components", yLabel: "component", highlight: [530.8] }),
  ],
});

// %% [markdown]
// ## How close are the end members to what was planted?
//
// The simulation knows its end-member spectra; normalised like the pixels, they can be compared
// with the suggestion (correlation 1 = same shape).

// %%
const planted = series.truth.endMembers.map((m) => ew.normalizeSpectrum(
  { energies: Float64Array.from(m.energies), values: Float64Array.from(m.mu) }, { background: [520, 526], area: [525, 535] }));
const onGrid = (s: ew.Spectrum1D) => Float64Array.from(T.energies, (e) => s.values[s.energies.findIndex((x) => x >= e - 1e-9)]);
order.map((k, i) => ({ "end member": names[i], "planted": series.truth.endMembers[i].model.name, correlation: ew.pearson(members[k], onGrid(planted[i])) }))

// %% [markdown]
// ## Per-pixel fractions against the truth
//
// Every pixel is fitted with the three end members (non-negative least squares), carbon/binder
// left out of the fractions. Because each pixel was divided by its pre-edge area, the fitted
// weights are shares of pre-edge **area**, and oxidised O carries more pre-edge area per atom
// than reduced O (the 530.8 eV feature). The edge step above 535 eV is the same per O atom in
// either state, so each member's pre-edge area per unit post-edge area, measured on its own
// cluster, converts area shares into shares of **O atoms** (`amountFractions`). The simulation
// knows the oxidised fraction of every pixel, so both can be compared with it (pixels with
// LMR-NMC; "visible" = brightness ≥ ¼ of the 99th percentile, the paper's "barely visible" limit).

// %%
const fit = ew.nnlsPixels(T.data, T.nPixels, T.nE, E, 3, { extraneous: [2] });
const area = ew.fromImages(T, pre.normalized.map((m) => m.area));
const signal = ew.signalPerAmount(order.map((k) => sug.clusters[k]), area, T.brightness);
const amount = ew.amountFractions(fit.fractions, 3, signal);
const truth = ew.truthOnTable(series.truth, pre.preprocessed, T, "fraction");
const thickness = ew.truthOnTable(series.truth, pre.preprocessed, T, "activeThickness");
const p99 = Float64Array.from(T.brightness).sort()[Math.floor(0.99 * (T.nPixels - 1))];
const mae = (f: Float64Array, visibleOnly: boolean) => {
  let s = 0, n = 0;
  for (let r = 0; r < T.nPixels; r++) {
    if (!(thickness[r] > 0) || fit.phaseTotal[r] === 0 || (visibleOnly && T.brightness[r] < 0.25 * p99)) continue;
    s += Math.abs(f[r * 3 + 1] - truth[r]); n++;
  }
  return { pixels: n, "mean absolute error": s / n };
};
({
  "oxidised / reduced pre-edge area per unit edge step": signal[1] / signal[0],
  "area shares, all LMR-NMC pixels": mae(fit.fractions, false),
  "O-atom shares, all LMR-NMC pixels": mae(amount, false),
  "O-atom shares, visible pixels": mae(amount, true),
})

// %% [markdown]
// The area shares overstate the oxidised fraction by a few per cent where both states are
// present; the O-atom shares follow the planted fractions to about 0.02 on visible pixels. The
// remaining error is photon noise, largest in the thin edges of particles.
