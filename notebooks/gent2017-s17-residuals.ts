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
// # Gent et al. 2017, Supplementary Figure 17 — how good are the end members?
//
// Every normalised pixel is fitted with a non-negative combination of the three end members
// (per-pixel NNLS); the norm of what is left over, the residual, says where the end members fail to
// describe the data. (a) residual maps of three samples, from 0 to 0.25 or more; (b) residual
// against brightness for every pixel. The paper finds no domain of high residual, most pixels
// below 0.1, and the larger residuals in dim pixels (brightness below 0.25).
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
import { show } from "edgeworks/kernel";

// %% [markdown]
// ## The data
//
// Simulated raw files, read back and preprocessed exactly as in the S15 notebook (I₀, absorbance,
// alignment, energy calibration, per-pixel normalisation, noise filter) by `preprocessSeries`.

// %%
const data = await sim.loadSimulatedSeries("simulated-data/gent2017-o-plateau", sim.simulateOxygenPlateau({ seed: 2017 }));
const pre = ew.preprocessSeries(data.samples, {
  reference: data.reference,
  grid: sim.oxygenPlateauEnergies(),
  normalize: { background: [520, 526], area: [525, 535], brightness: [535, 560] },
  energyRange: [520, 535],
});
const T = pre.table;
({ pixels: T.nRows, energies: T.nCols, "removed by the noise filter": pre.noise.removed })

// %% [markdown]
// ## End members
//
// As in the S16 notebook: the extremes of the pixel cloud (VCA), refined to the 2 % of pixels that
// are the purest and best determined for each member (`suggestEndmembers`), then named by their
// spectra: the carbon/binder member is the one without the 529.3 eV TM–O peak, and of the two
// LMR-NMC members the oxidised one has more weight at 530.8 eV.

// %%
const em = ew.orderEndmembers(ew.suggestEndmembers(T, { k: 3, seed: 1, clusterSize: Math.round(T.nRows / 50) }), {
  lowestLast: 529.3, by: 530.8, names: ["1 reduced LMR-NMC", "2 oxidised LMR-NMC", "3 carbon/binder"],
});
await show(ew.spectraSpec(em.members, { title: "end members", yLabel: "normalised absorbance", highlight: [530.8] }));

// %% [markdown]
// ## Per-pixel NNLS
//
// One factorisation of the end members for all pixels, an exact active-set solve per pixel. The
// carbon/binder member takes part in the fit but not in the LMR-NMC phase fractions
// (`extraneous`). The paper compares the residuals with the 2-norm of the LMR-NMC end members.

// %%
const fit = ew.nnlsPixels(T, em.members, { extraneous: ["3 carbon/binder"] });
({ pixels: T.nRows, "not converged": fit.nNotConverged, "pixels with no LMR-NMC": fit.nNoPhase,
   "‖end member‖ (1, 2)": [0, 1].map((i) => Math.hypot(...ew.rowOf(em.members, i)).toFixed(2)).join(", ") })

// %% [markdown]
// ## (a) Residual maps
//
// `fit.residualMaps()` puts every pixel's residual back into the image of its sample. Three samples,
// as in the paper, with one colour key: dark purple is a residual of 0, yellow 0.25 or more
// (larger residuals are drawn as 0.25), and a scale bar in µm. Pixels outside the table
// (sample-free, unnormalisable or removed by the noise filter) are left white. The paper draws
// these maps in greys, black to white; a scale that never reaches white keeps the empty pixels
// apart from the high residuals.

// %%
await show(ew.mapsGridSpec(fit.residualMaps(), {
  samples: [0, 2, 5], rows: "maps", domain: [0, 0.25], maxSize: 150, legendTitle: "residual", title: "(a) NNLS residual",
}));

// %% [markdown]
// ## (b) Residual against brightness
//
// Brightness is the post-edge area (535–560 eV) of the pixel, scaled so that the brightest 1 % of
// pixels are at 1.

// %%
const b99 = Float64Array.from(T.brightness).sort()[Math.floor(0.99 * T.nRows)];
const brightness = T.brightness.map((v) => v / b99);
await show(ew.xySpec(brightness, fit.residualNorm, { xLabel: "brightness (post-edge area, relative)", yLabel: "residual ‖x − Ew‖", title: "(b) residual vs brightness, all plateau pixels", maxPoints: 20000, size: 4 }));
const high = [...fit.residualNorm.keys()].filter((i) => fit.residualNorm[i] >= 0.1);
({ "pixels with residual < 0.1": 1 - high.length / T.nRows, "of the rest, brightness < 0.25": high.filter((i) => brightness[i] < 0.25).length / Math.max(1, high.length) })
