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
// # PCA and NMF on STXM data, step by step
//
// A notebook for students. It walks through the decisions behind the PCA/NMF analysis of Gent et
// al. 2017 (Supplementary Figs. 15–17) on the O K pre-edge data of LMR-NMC electrodes along the
// first-charge plateau:
//
// 1. what mean-centring does to PCA;
// 2. how many components to keep;
// 3. why principal components do not look like spectra and NMF components do;
// 4. what the corners of the scatter plot mean: mixtures lie between end members, the purest
//    pixels at the corners.
//
// Every step is one short cell; read the text, run the cell, look at the figure or table.
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
// `T` is the **pixel matrix**: one row per pixel, one column per energy. Every row is the
// normalised O K pre-edge spectrum of one pixel. Here are three pixels and the mean of all of them:

// %%
const row = (i: number) => T.data.subarray(i * T.nE, (i + 1) * T.nE);
const mean = ew.endmemberFromPixels(T.data, T.nPixels, T.nE, Int32Array.from({ length: T.nPixels }, (_, i) => i)).spectrum;
await show(ew.spectraSpec(T.energies, [row(0), row(1000), row(20000), mean], ["pixel 0", "pixel 1000", "pixel 20000", "mean of all pixels"], {
  title: "rows of the pixel matrix", yLabel: "normalised absorbance", highlight: [529.3, 530.8],
}));

// %% [markdown]
// ## 1. Mean-centring
//
// PCA finds the directions in which the rows vary most. Without centring, the biggest "variation"
// is simply that every pixel has a spectrum at all: the first component is the mean spectrum and
// takes almost all the variance. With centring, the mean spectrum is subtracted from every row
// first, and the components describe how pixels **differ** from the average — which is what we
// want to know. The paper centres (`center: true`, as scikit-learn); MANTiS does not.

// %%
const centred = ew.pca(T.data, T.nPixels, T.nE, { center: true, nComponents: 20 });
const uncentred = ew.pca(T.data, T.nPixels, T.nE, { center: false, nComponents: 20 });
const pc = (p: ew.PcaResult, k: number) => p.components.subarray(k * T.nE, (k + 1) * T.nE);
[centred, uncentred].map((p) => ({ center: p.center, "PC1 (%)": 100 * p.explainedVarianceRatio[0],
  "PC2 (%)": 100 * p.explainedVarianceRatio[1], "PC1–3 (%)": 100 * p.cumulativeVarianceRatio[2] }))

// %% [markdown]
// Compare the first components. Left: the un-centred PC1 is the mean spectrum scaled to unit
// length — the two lines lie on top of each other. Right: the un-centred PC2 looks like the centred
// PC1; the information about how pixels differ comes one component later, and the variance
// percentages above are dominated by the uninteresting mean. The centred PC1 has positive and
// negative parts: where pixels differ (here reduced against oxidised LMR-NMC: less 529.3 eV TM–O
// peak, more 530.8 eV oxidised-oxygen feature and above).

// %%
const unit = mean.map((v) => v / Math.hypot(...mean));
await show({
  $schema: "https://vega.github.io/schema/vega-lite/v5.json",
  resolve: { scale: { color: "independent" } },
  hconcat: [
    ew.spectraSpec(T.energies, [unit, pc(uncentred, 0)], ["mean (unit length)", "un-centred PC1"], { title: "un-centred PC1 = the mean spectrum", yLabel: "loading", width: 280, height: 220 }),
    ew.spectraSpec(T.energies, [pc(uncentred, 1), pc(centred, 0)], ["un-centred PC2", "centred PC1"], { title: "the differences come one PC later", yLabel: "loading", width: 280, height: 220, highlight: [530.8] }),
  ],
});

// %% [markdown]
// ## 2. How many components?
//
// The cumulative variance rises steeply for the real components and then creeps up as each further
// component picks up a bit of noise. `pca` suggests a number from two criteria — the elbow of the
// scree on a log scale and Malinowski's indicator function — and says how it got there. The paper
// found three, 87 % of the variance; the two criteria need not agree, and where they differ the
// suggestion is only a starting point. The paper then tries NMF with one component more, to check
// that no further end member is hiding (see the S18 notebook, where that finds the saturated Mn
// spectrum).

// %%
await show(ew.screeSpec(centred.explainedVarianceRatio, { nShow: 20, cumulative: true, title: "centred PCA: variance per component" }));
({ suggested: centred.suggestion.nComponents, reasoning: centred.suggestion.reasoning })

// %% [markdown]
// ## 3. Principal components are not spectra; NMF components are closer
//
// Principal components must be orthogonal to each other; spectra of real phases are not. So PCs
// have negative lobes and cannot be read as the spectrum of anything. NMF (non-negative matrix
// factorisation) writes every pixel as a non-negative sum of non-negative spectra: the same kind
// of statement as "this pixel is 70 % reduced and 30 % oxidised LMR-NMC". Its components look like
// spectra, although they need not be pure phases either — that is what the end-member selection
// below is for.
//
// NMF needs non-negative data; the small negative values the background subtraction leaves in the
// pre-edge are set to zero.

// %%
const Xnn = T.data.map((v) => Math.max(0, v));
const bar = progress(400, { label: "NMF, 3 components" });
const nm = await ew.nmfAsync(Xnn, T.nPixels, T.nE, { k: 3, init: "nndsvda", maxIter: 400, onProgress: (it) => bar.update(it) });
bar.done(`${nm.nIter} iterations`);
const H = (k: number) => nm.H.subarray(k * T.nE, (k + 1) * T.nE);
await show({
  $schema: "https://vega.github.io/schema/vega-lite/v5.json",
  resolve: { scale: { color: "independent" } },
  hconcat: [
    ew.spectraSpec(T.energies, [0, 1, 2].map((k) => pc(centred, k)), ["PC1", "PC2", "PC3"], { title: "centred PCA", yLabel: "loading", width: 300, height: 220 }),
    ew.spectraSpec(T.energies, [0, 1, 2].map(H), ["NMF 1", "NMF 2", "NMF 3"], { title: "NMF", yLabel: "component", width: 300, height: 220 }),
  ],
});

// %%
[0, 1, 2].map((k) => ({ component: k + 1, "PC: smallest value": Math.min(...pc(centred, k)), "PC: largest value": Math.max(...pc(centred, k)),
  "NMF: smallest value": Math.min(...H(k)), "NMF: largest value": Math.max(...H(k)) }))

// %% [markdown]
// ## 4. The scatter plot: end members at the corners, mixtures in between
//
// Scale every pixel's NMF weights to sum 1 and plot two of them: every pixel is a point inside a
// triangle. If the data are mixtures of three end members, the pure end members sit at the
// corners and every mixture lies on the straight line (two members) or inside the triangle (three)
// between them. The **extreme points** of the cloud are the purest pixels we have. The paper picks
// a small cluster at each extreme and averages it; `suggestEndmembers` does the same automatically
// (the extreme pixel and its 300 nearest neighbours), then we name the clusters by their spectra.

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
const Wn = ew.normalizeRows(nm.W, T.nPixels, 3);
const regions = order.map((k, i) => ({ name: names[i], indices: sug.clusters[k] }));
await show(ew.scoreScatterSpec(Wn, T.nPixels, 3, { x: 0, y: 1, regions, axisPrefix: "NMF ", title: "pixels in NMF space, end-member clusters coloured" }));

// %% [markdown]
// Now fit every pixel with the three end members (non-negative least squares, per pixel) and ask
// two questions. Are the corner pixels really pure? The table gives the mean fractions in each
// corner cluster (carbon/binder is fitted but left out of the LMR-NMC fractions, as in the paper;
// for the binder cluster that fraction means nothing, its LMR-NMC weights being almost zero).

// %%
const fit = ew.nnlsPixels(T.data, T.nPixels, T.nE, E, 3, { extraneous: [2] });
order.map((k, i) => {
  const rows = sug.clusters[k];
  const m = (j: number, arr: Float64Array) => rows.reduce((a, r) => a + arr[r * 3 + j], 0) / rows.length;
  return { cluster: names[i], "weight 1 (reduced)": m(0, fit.weights), "weight 2 (oxidised)": m(1, fit.weights), "weight 3 (binder)": m(2, fit.weights),
    "oxidised fraction of LMR-NMC": m(1, fit.fractions) };
})

// %% [markdown]
// And do pixels in between look like mixtures? Average the pixels whose LMR-NMC is 40–60 %
// oxidised and compare with the two LMR-NMC end members: the average lies between them, most
// visibly at the 529.3 eV TM–O peak and the 530.8 eV oxidised-oxygen feature.

// %%
const half = Int32Array.from([...Array(T.nPixels).keys()].filter((i) => fit.phaseTotal[i] > 0 && fit.fractions[i * 3 + 1] > 0.4 && fit.fractions[i * 3 + 1] < 0.6));
const middle = ew.endmemberFromPixels(T.data, T.nPixels, T.nE, half).spectrum;
await show(ew.spectraSpec(T.energies, [E.subarray(0, T.nE), middle, E.subarray(T.nE, 2 * T.nE)],
  ["1 reduced LMR-NMC", "40–60 % oxidised", "2 oxidised LMR-NMC"],
  { title: `a mixture lies between its end members (average of ${half.length} pixels)`, yLabel: "normalised absorbance", highlight: [530.8] }));

// %% [markdown]
// ## Try it yourself
//
// - Set `center: false` in the PCA of step 2 and look at the scree and the suggestion: how many
//   components would you keep now, and why is that misleading?
// - Run NMF with `k: 2` and `k: 4`. Where does the carbon/binder member go with two? Does a fourth
//   member find a new corner in the scatter plot, or split an existing one (compare with the Mn
//   saturation member in the S18 notebook)?
// - Change `clusterSize` in `suggestEndmembers` from 300 to 10 and to 3000. What happens to the
//   noise of the end-member spectra, and to how pure they are (the fraction table)?
// - Plot other pairs of NMF weights in the scatter (`x: 0, y: 2`, `x: 1, y: 2`).
// - Make the noise filter stricter or looser (`noise: { fraction: 0.3 }` in `preprocessSeries`) and
//   watch the extreme points move.
// - Replace the simulated files with your own stacks: set `files`, the sample-free regions and the
//   reference spectra in the data cell.
