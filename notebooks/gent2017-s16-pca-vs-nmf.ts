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
// > notebook can say how well the method recovers it. For your own data, read your files with
// > `ew.readSeries([{ path, name, freeRegion, sessionReference }, …])` instead of `loadSimulatedSeries`.

// %%
import * as ew from "edgeworks";
import * as sim from "edgeworks/simulate";
import { show, progress } from "edgeworks/kernel";

// %% [markdown]
// ## The data
//
// Simulated raw files, read back and preprocessed exactly as in the S15 notebook (I₀, absorbance,
// alignment, energy calibration, per-pixel normalisation, noise filter) by `preprocessSeries`.
// `T` is the pixel matrix: one normalised O K pre-edge spectrum (520–535 eV) per row.

// %%
const data = await sim.loadSimulatedSeries("simulated-data/gent2017-o-plateau", sim.simulateOxygenPlateau({ seed: 2017 }));
const pre = ew.preprocessSeries(data.samples, {
  reference: data.reference, grid: sim.oxygenPlateauEnergies(),
  normalize: { background: [520, 526], area: [525, 535], brightness: [535, 560] },
  energyRange: [520, 535],
});
const T = pre.table;
({ pixels: T.nRows, energies: T.nCols, "removed by the noise filter": pre.noise.removed })

// %% [markdown]
// ## End members
//
// The extremes of the pixel cloud (VCA), refined to the 2 % of pixels that are the purest and best
// determined for each member (`suggestEndmembers`). They are named by their spectra
// (`orderEndmembers`): the carbon/binder member is the one without the 529.3 eV TM–O peak, and of
// the two LMR-NMC members the oxidised one has more weight at 530.8 eV. `em.members` are the
// average spectra, `em.clusters` the pixels each was averaged from.

// %%
const names = ["1 reduced LMR-NMC", "2 oxidised LMR-NMC", "3 carbon/binder"];
const em = ew.orderEndmembers(ew.suggestEndmembers(T, { k: 3, seed: 1, clusterSize: Math.round(T.nRows / 50) }), { lowestLast: 529.3, by: 530.8, names });
ew.colorsFor(names).map((c) => `${c.name}: ${c.colorName}`).join("; ")

// %% [markdown]
// Every chart below draws each end member in the colour listed above — its cluster in the scatter
// plots and its spectrum.
//
// ## (a) PCA space
//
// The pixels' scores on the first two of three principal components (grey), the end-member
// clusters on top, and the end-member spectra.

// %%
const p = ew.pca(T, { k: 3 });
await show(ew.panelsSpec([
  ew.scoreScatterSpec(p, { regions: em, title: "(a) plateau pixels in PCA space" }),
  ew.spectraSpec(em.members, { title: "end members", yLabel: "normalised absorbance", highlight: [530.8] }),
]));

// %% [markdown]
// ## (b) NMF space
//
// NMF needs non-negative data; the background subtraction leaves small negative values in the
// pre-edge, which are set to zero for the fit (`clipNegative`). A progress bar follows the
// iterations (Kernel → Interrupt stops it). In NMF space every pixel's three weights are scaled to
// sum 1, so the pixels fill a triangle whose corners are the purest pixels, and the end-member
// clusters sit in those corners. Below the scatter, the NMF components: they are not the end
// members, so they get colours of their own (named after the figure).

// %%
const bar = progress(400, { label: "NMF" });
const nm = await ew.nmfAsync(T, { k: 3, init: "nndsvda", maxIter: 400, clipNegative: true, onProgress: (it) => bar.update(it) });
bar.done(`${nm.nIter} iterations, converged: ${nm.converged}`);
const nmfColors = [ew.PALETTE[3], ew.PALETTE[4], ew.PALETTE[6]];
await show(ew.panelsSpec([
  [ew.scoreScatterSpec(nm, { regions: em, title: "(b) plateau pixels in NMF space" })],
  [ew.spectraSpec(nm.H, { title: "NMF components", yLabel: "component", highlight: [530.8], colors: nmfColors })],
]));
ew.colorsFor(nm.H.names, nmfColors).map((c) => `${c.name}: ${c.colorName}`).join("; ")

// %% [markdown]
// ## How close are the end members to what was planted?
//
// The simulation knows its end-member spectra; normalised like the pixels and resampled onto the
// table's energies, they can be compared with the suggestion (correlation 1 = same shape).

// %%
data.series.truth.endMembers.map((m, i) => {
  const planted = ew.normalizeSpectrum(ew.makeSpectrum(m.energies, m.mu), { background: [520, 526], area: [525, 535] });
  return { "end member": em.members.names[i], planted: m.model.name, correlation: ew.pearson(ew.rowOf(em.members, i), ew.resample(planted, T.energies).values) };
})

// %% [markdown]
// ## Per-pixel fractions against the truth
//
// Every pixel is fitted with the three end members (non-negative least squares), carbon/binder
// left out of the fractions. Because each pixel was divided by its pre-edge area, the fitted
// weights are shares of pre-edge **area**, and oxidised O carries more pre-edge area per atom
// than reduced O (the 530.8 eV feature). The edge step above 535 eV is the same per O atom in
// either state, so each member's pre-edge area per unit post-edge area, measured on its own
// cluster (`signalPerAmount`), converts area shares into shares of **O atoms** (`amountFractions`).
// The simulation knows the oxidised fraction of every pixel, so both can be compared with it
// (pixels with LMR-NMC; "visible" = brightness ≥ ¼ of the 99th percentile, the paper's "barely
// visible" limit).

// %%
const fit = ew.nnlsPixels(T, em.members, { extraneous: ["3 carbon/binder"] });
const area = ew.fromImages(T, pre.normalized.map((n) => n.area));
const signal = ew.signalPerAmount(em.clusters, area, T.brightness);
const amount = ew.amountFractions(fit.fractions, signal);
const [truth, thickness] = (["fraction", "activeThickness"] as const).map((key) => sim.truthOnTable(data.series.truth, pre.preprocessed, T, key));
const p99 = Float64Array.from(T.brightness).sort()[Math.floor(0.99 * (T.nRows - 1))];
const mae = (fractions: ew.Matrix, visibleOnly: boolean) => {
  const oxidised = ew.columnOf(fractions, 1);
  const rows = [...oxidised.keys()].filter((r) => thickness[r] > 0 && fit.phaseTotal[r] > 0 && (!visibleOnly || T.brightness[r] >= 0.25 * p99));
  return { pixels: rows.length, "mean absolute error": rows.reduce((s, r) => s + Math.abs(oxidised[r] - truth[r]), 0) / rows.length };
};
({ "oxidised / reduced pre-edge area per unit edge step": signal[1] / signal[0], "area shares, all LMR-NMC pixels": mae(fit.fractions, false),
   "O-atom shares, all LMR-NMC pixels": mae(amount, false), "O-atom shares, visible pixels": mae(amount, true) })

// %% [markdown]
// The area shares overstate the oxidised fraction by a few per cent where both states are
// present; the O-atom shares follow the planted fractions to about 0.02 on visible pixels. The
// remaining error is photon noise, largest in the thin edges of particles.
