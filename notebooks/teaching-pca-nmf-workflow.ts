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
// Every step is one short cell; read the text, run the cell, look at the figure or table. Every
// result is an object you can look inside: end a cell with its name (`T`, `p`, `em`, `fit`) to see
// a summary.
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

// %%
const data = await sim.loadSimulatedSeries("simulated-data/gent2017-o-plateau", sim.simulateOxygenPlateau({ seed: 2017 }));
const pre = ew.preprocessSeries(data.samples, {
  reference: data.reference, grid: sim.oxygenPlateauEnergies(),
  normalize: { background: [520, 526], area: [525, 535], brightness: [535, 560] },
  energyRange: [520, 535],
});
const T = pre.table;
({ pixels: T.nRows, energies: T.nCols, samples: T.samples.map((s) => s.name).join(", "), "removed by the noise filter": pre.noise.removed })

// %% [markdown]
// `T` is the **pixel matrix** (a `PixelTable`): one row per pixel, one column per energy
// (`T.energies`). Every row is the normalised O K pre-edge spectrum of one pixel, and remembers
// which sample and which image position it came from (`T.sample`, `T.x`, `T.y`), so that any
// per-pixel result can be put back into images later. `ew.rowOf(T, i)` is row `i`;
// `ew.sampleMeans(T)` averages the rows of each sample. Here are three single pixels (greys; rows
// 0 and 1000 are in the first sample, row 20000 in the third) and the mean spectrum of the first
// (teal) and of the last (purple) sample of the plateau: single pixels are noisy, and along the
// plateau the 529.3 eV TM–O peak falls while the 530.8 eV oxidised-oxygen feature grows.

// %%
const pixels = [0, 1000, 20000].map((i) => ew.makeSpectrum(T.energies, ew.rowOf(T, i), { name: `pixel ${i}` }));
const means = ew.sampleMeans(T);
await show(ew.spectraSpec([...pixels, ew.spectrumOf(means, 0), ew.spectrumOf(means, T.samples.length - 1)], { title: "rows of the pixel matrix, and two sample means",
  yLabel: "normalised absorbance", highlight: [529.3, 530.8], colors: ["#9a9a9a", "#6f6f6f", "#c4c4c4", ew.PALETTE[3], ew.PALETTE[6]] }));

// %% [markdown]
// ## 1. Mean-centring
//
// PCA finds the directions in which the rows vary most. Without centring, the biggest "variation"
// is simply that every pixel has a spectrum at all: the first component is the mean spectrum and
// takes almost all the variance. With centring, the mean spectrum is subtracted from every row
// first, and the components describe how pixels **differ** from the average — which is what we
// want to know. The paper centres (`center: true`, the default, as scikit-learn); MANTiS does not.
//
// `ew.pca(T, { k })` returns a `PcaResult`: `p.components` are the first `k` principal components
// as spectra named PC1 … (one row per component, one column per energy); `p.scores` is a matrix
// with one row per pixel and one column per component, how much of each component every pixel
// has; `p.explainedVarianceRatio` is the share of the variance of every component; `p.mean` the
// mean spectrum that centring subtracted.

// %%
const centred = ew.pca(T, { k: 20 });
const uncentred = ew.pca(T, { center: false, k: 20 });
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
const length = Math.hypot(...centred.mean.values), colors = ["#333333", ew.PALETTE[8]];
await show(ew.panelsSpec([
  ew.spectraSpec([{ ...centred.mean, values: centred.mean.values.map((v) => v / length), name: "mean (unit length)" }, { ...ew.spectrumOf(uncentred.components, "PC1"), name: "un-centred PC1" }],
    { title: "un-centred PC1 = the mean spectrum", yLabel: "loading", colors }),
  ew.spectraSpec([{ ...ew.spectrumOf(uncentred.components, "PC2"), name: "un-centred PC2" }, { ...ew.spectrumOf(centred.components, "PC1"), name: "centred PC1" }],
    { title: "the differences come one PC later", yLabel: "loading", highlight: [530.8], colors }),
]));

// %% [markdown]
// ## 2. How many components?
//
// The cumulative variance rises steeply for the real components and then creeps up as each further
// component picks up a bit of noise. `pca` suggests a number from two criteria — the elbow of the
// scree on a log scale and Malinowski's indicator function — and says how it got there
// (`p.suggestion`; the dashed line in the chart). The paper found three, 87 % of the variance; the
// two criteria need not agree, and where they differ the suggestion is only a starting point. The
// paper then tries NMF with one component more, to check that no further end member is hiding (see
// the S18 notebook, where that finds the saturated Mn spectrum).

// %%
await show(ew.screeSpec(centred, { nShow: 20, title: "centred PCA: variance per component" }));
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
// `ew.nmf` / `ew.nmfAsync` return `nm.H`, the component spectra (NMF 1 …), and `nm.W`, the
// non-negative weight of each component in every pixel (one row per pixel). NMF needs
// non-negative data; the small negative values the background subtraction leaves in the pre-edge
// are set to zero (`clipNegative`).
//
// Colours: later in this notebook blue, orange and red are the end members (reduced, oxidised,
// carbon/binder); the PCs and NMF components are not end members, so they are drawn in other
// colours.

// %%
const bar = progress(400, { label: "NMF, 3 components" });
const nm = await ew.nmfAsync(T, { k: 3, init: "nndsvda", maxIter: 400, clipNegative: true, onProgress: (it) => bar.update(it) });
bar.done(`${nm.nIter} iterations`);
const pcs = ew.selectSpectra(centred.components, ["PC1", "PC2", "PC3"]);
const pcColors = [ew.PALETTE[8], ew.PALETTE[7], "#333333"], nmfColors = [ew.PALETTE[3], ew.PALETTE[4], ew.PALETTE[6]];
await show(ew.panelsSpec([
  ew.spectraSpec(pcs, { title: "centred PCA", yLabel: "loading", colors: pcColors }),
  ew.spectraSpec(nm.H, { title: "NMF", yLabel: "component", colors: nmfColors }),
]));

// %%
const range = (v: Float64Array) => `${Math.min(...v).toFixed(3)} … ${Math.max(...v).toFixed(3)}`;
[0, 1, 2].map((k) => ({ component: k + 1, "PC: smallest … largest value": range(ew.rowOf(pcs, k)), "NMF: smallest … largest value": range(ew.rowOf(nm.H, k)) }))

// %% [markdown]
// ## 4. The scatter plot: end members at the corners, mixtures in between
//
// Scale every pixel's NMF weights (a row of `nm.W`) to sum 1 and plot two of them: every pixel is
// a point inside a triangle. If the data are mixtures of three end members, the pure end members
// sit at the corners and every mixture lies on the straight line (two members) or inside the
// triangle (three) between them. The **extreme points** of the cloud are the purest pixels we
// have. The paper picks a small cluster at each extreme and averages it; `suggestEndmembers` does
// the same automatically: VCA finds the extremes, and the clusters are refined to the 2 % of
// pixels that are the purest and best determined for each member.
//
// It returns an `Endmembers` object: `em.members` are the end-member spectra (one row per
// member), `em.clusters` the pixel rows each was averaged from, `em.purity` how pure each cluster
// is. `orderEndmembers` names them by their spectra: the carbon/binder member is the one without
// the 529.3 eV TM–O peak, and of the two LMR-NMC members the oxidised one has more weight at
// 530.8 eV.

// %%
const suggested = ew.suggestEndmembers(T, { k: 3, seed: 1, clusterSize: Math.round(T.nRows / 50) });
const em = ew.orderEndmembers(suggested, { lowestLast: 529.3, by: 530.8, names: ["1 reduced LMR-NMC", "2 oxidised LMR-NMC", "3 carbon/binder"] });
await show(ew.panelsSpec([
  ew.scoreScatterSpec(nm, { regions: em, title: "pixels in NMF space, end-member clusters coloured" }),
  ew.spectraSpec(em.members, { title: "end members", yLabel: "normalised absorbance", highlight: [530.8] }),
]));

// %% [markdown]
// Now fit every pixel with the three end members (non-negative least squares, per pixel):
// `ew.nnlsPixels(T, em.members)` returns `fit.weights` (one row per pixel, one column per
// member), `fit.fractions` (the weights of the LMR-NMC members scaled to sum 1; carbon/binder is
// fitted but left out, as in the paper) and `fit.residualNorm` (what the fit leaves over, see the
// S17 notebook). Are the corner pixels really pure? The table gives the mean weights in each
// corner cluster (for the binder cluster the oxidised fraction means nothing, its LMR-NMC weights
// being almost zero).

// %%
const fit = ew.nnlsPixels(T, em.members, { extraneous: ["3 carbon/binder"] });
const [reduced, oxidised, binder] = [0, 1, 2].map((j) => ew.columnOf(fit.weights, j)), oxidisedFraction = ew.columnOf(fit.fractions, 1);
const clusterMean = (values: Float64Array, rows: Int32Array) => rows.reduce((s, r) => s + values[r], 0) / rows.length;
em.clusters.map((rows, i) => ({ cluster: em.members.names[i], "weight 1 (reduced)": clusterMean(reduced, rows), "weight 2 (oxidised)": clusterMean(oxidised, rows),
  "weight 3 (binder)": clusterMean(binder, rows), "oxidised fraction of LMR-NMC": clusterMean(oxidisedFraction, rows) }))

// %% [markdown]
// `fit.maps()` puts every pixel's fractions back into the image of its sample: here the reduced
// and oxidised fractions of the first and the last sample of the plateau (column headers in the
// members' colours; white where there is no pixel in the table). Along the plateau the particles
// go from mostly reduced (131 mAh/g) to mostly oxidised (311 mAh/g).

// %%
await show(ew.mapsGridSpec(fit.maps(), { maps: ["1 reduced LMR-NMC", "2 oxidised LMR-NMC"], samples: [0, T.samples.length - 1], maxSize: 150 }));

// %% [markdown]
// And do pixels in between look like mixtures? Average the pixels whose LMR-NMC is 40–60 %
// oxidised and compare with the two LMR-NMC end members: the average lies between them, most
// visibly at the 529.3 eV TM–O peak and the 530.8 eV oxidised-oxygen feature.

// %%
const half = [...oxidisedFraction.keys()].filter((i) => fit.phaseTotal[i] > 0 && oxidisedFraction[i] > 0.4 && oxidisedFraction[i] < 0.6);
const middle = ew.endmemberFromPixels(T, half, { name: "40–60 % oxidised" }).spectrum;
await show(ew.spectraSpec([ew.spectrumOf(em.members, 0), middle, ew.spectrumOf(em.members, 1)], { title: `a mixture lies between its end members (average of ${half.length} pixels)`,
  yLabel: "normalised absorbance", highlight: [530.8], colors: [ew.PALETTE[0], "#333333", ew.PALETTE[1]] })); // reduced blue, oxidised orange as above

// %% [markdown]
// ## Try it yourself
//
// - Set `center: false` in the PCA of step 2 and look at the scree and the suggestion: how many
//   components would you keep now, and why is that misleading?
// - Run NMF with `k: 2` and `k: 4`. Where does the carbon/binder member go with two? Does a fourth
//   member find a new corner in the scatter plot, or split an existing one (compare with the Mn
//   saturation member in the S18 notebook)?
// - Change `clusterSize` in `suggestEndmembers` from 2 % of the pixels to 10 pixels and to 10 %.
//   What happens to the noise of the end-member spectra, and to how pure they are (the weight
//   table)?
// - Plot other pairs of NMF weights in the scatter (`x: 0, y: 2`, `x: 1, y: 2`).
// - Make the noise filter stricter or looser (`noise: { fraction: 0.3 }` in `preprocessSeries`) and
//   watch the extreme points move.
// - Replace the simulated files with your own stacks: `ew.readSeries([{ path, name, freeRegion,
//   sessionReference }, …])` reads them into the same samples.
