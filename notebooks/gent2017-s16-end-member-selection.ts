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
// # Gent et al. 2017, Supplementary Figure 16 — choosing end members in NMF space
//
// The paper picks its end members by hand: in the scatter of the plateau pixels in PCA or NMF
// space, the extreme regions hold the purest pixels, and the average spectrum of each region is an
// end member — reduced LMR-NMC, oxidised LMR-NMC and the carbon/binder matrix. This notebook does
// that with the **end-member selector** widget: the pixels in NMF space, groups drawn with a lasso
// or a rectangle, the automatic suggestions one click away, and the groups' average spectra used to
// fit every pixel.
//
// > **These data are simulated** (the paper's STXM data are not public): the same simulated
// > O K plateau series as the S15 and S16 notebooks (`simulateOxygenPlateau`, seed 2017), written
// > as ALS/PolLux `.hdr` + `.xim` files and read back like real data.

// %%
import * as ew from "edgeworks";
import * as sim from "edgeworks/simulate";
import { progress, endmemberSelector } from "edgeworks/kernel";

// %% [markdown]
// ## The data
//
// Read and preprocessed as in the S16 notebook: `T` has one normalised O K pre-edge spectrum
// (520–535 eV) per pixel, with the sample, position and brightness of every row.

// %%
const data = await sim.loadSimulatedSeries("simulated-data/gent2017-o-plateau", sim.simulateOxygenPlateau({ seed: 2017 }));
const pre = ew.preprocessSeries(data.samples, {
  reference: data.reference, grid: sim.oxygenPlateauEnergies(),
  normalize: { background: [520, 526], area: [525, 535], brightness: [535, 560] },
  energyRange: [520, 535],
});
const T = pre.table;
({ pixels: T.nRows, energies: T.nCols, samples: T.samples.map((s) => s.name).join(", ") })

// %% [markdown]
// ## NMF space and the automatic suggestions
//
// Three NMF components (negative pre-edge values clipped for the fit, as in S16). The automatic
// end members (`suggestEndmembers`: VCA extremes refined to the 2 % purest pixels, named by their
// spectra) are offered in the widget as candidates.

// %%
const bar = progress(400, { label: "NMF" });
const nm = await ew.nmfAsync(T, { k: 3, init: "nndsvda", maxIter: 400, clipNegative: true, onProgress: (it) => bar.update(it) });
bar.done(`${nm.nIter} iterations, converged: ${nm.converged}`);
const names = ["1 reduced LMR-NMC", "2 oxidised LMR-NMC", "3 carbon/binder"];
const em = ew.orderEndmembers(ew.suggestEndmembers(T, { k: 3, seed: 1, clusterSize: Math.round(T.nRows / 50) }), { lowestLast: 529.3, by: 530.8, names });

// %% [markdown]
// ## The selector
//
// Every point is a pixel, placed by its weights on two NMF components (choose them above the
// plot); colour the cloud by sample or brightness with the "colour" menu. In the browser:
//
// - **lasso** (default) or **rectangle**: drag around points; on release they replace the active
//   group's pixels. Hold **shift** to add to the group, **alt** to remove from it.
// - **+ group** adds a group; the radio button picks the group the next gesture edits; the name
//   field renames it; **clear** empties it; **×** deletes it.
// - **adopt** takes one of the automatic candidates as a group in one click.
// - **pan** tool or the wheel to move and zoom; double-click to see all points again.
// - under the plot, one map per sample shows where the groups' pixels are (in the group colours);
//   **hover** a point or a map pixel to mark it in both and draw that pixel's spectrum (black)
//   over the groups' averages.
//
// The kernel sees the groups once per finished gesture: `sel.groups` (name → pixel indices),
// `sel.observe(cb)`, or `await sel.nextChange()` in a cell that waits for your next lasso. The
// groups are saved with the notebook's widget state, so they are drawn again when it is reopened.

// %%
const sel = endmemberSelector(nm, T, { components: [0, 1], candidates: em, title: "Plateau pixels in NMF space — draw the end-member regions" });
sel

// %% [markdown]
// For the figure, the groups are set in code, so the notebook runs the same headless: the three
// suggested clusters. Setting them here redraws them in the widget above (and in any other view
// of it); drawing in the widget afterwards replaces them.

// %%
sel.setGroups(Object.fromEntries(em.clusters.map((c, i) => [names[i], c])));
Object.entries(sel.groups).map(([name, idx]) => ({ group: name, pixels: idx.length }))

// %% [markdown]
// ## Fit every pixel with the groups' spectra
//
// `sel.members()` is the average spectrum of each non-empty group, named after it: the end
// members for the non-negative fit of every pixel (carbon/binder left out of the fractions).

// %%
const members = sel.members();
const fit = ew.nnlsPixels(T, members, { extraneous: ["3 carbon/binder"] });
fit
