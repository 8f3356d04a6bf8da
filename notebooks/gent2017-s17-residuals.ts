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
// describe the data. (a) residual maps of three samples — white is a residual of 0.25 or more,
// black 0; (b) residual against brightness for every pixel. The paper finds no domain of high
// residual, most pixels below 0.1, and the larger residuals in dim pixels (brightness below 0.25).
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
import { show, showPng } from "edgeworks/kernel";

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

// %% [markdown]
// ## Per-pixel NNLS
//
// One Gram matrix for all pixels, an exact active-set solve per pixel. The carbon/binder member
// takes part in the fit but not in the LMR-NMC phase fractions (`extraneous`).

// %%
const fit = ew.nnlsPixels(T.data, T.nPixels, T.nE, E, 3, { extraneous: [2] });
({ pixels: T.nPixels, "not converged": fit.nNotConverged, "pixels with no LMR-NMC": fit.nNoPhase })

// %% [markdown]
// ## (a) Residual maps
//
// Three samples, greyscale from 0 (black) to 0.25 or more (white); pixels outside the table
// (sample-free, unnormalisable or removed by the noise filter) are transparent.

// %%
const maps = ew.residualMaps(T, fit.residualNorm);
for (const i of [0, 2, 5]) {
  const m = maps[i];
  await showPng(ew.scaleImagePng(m.image, m.ny, m.nx, { colorScheme: "gray", domain: [0, 0.25], scale: 3, nanColor: [40, 60, 110, 255] }), `residual map, ${m.name}`);
  console.log(`${m.name}: residual map (white ≥ 0.25; blue: no pixel)`);
}

// %% [markdown]
// ## (b) Residual against brightness
//
// Brightness is the post-edge area (535–560 eV) of the pixel, scaled so that the brightest 1 % of
// pixels are at 1.

// %%
const b = Array.from(T.brightness).sort((p, q) => p - q);
const b99 = b[Math.floor(0.99 * b.length)];
const brightness = Float64Array.from(T.brightness, (v) => v / b99);
await show(ew.xySpec(brightness, fit.residualNorm, { xLabel: "brightness (post-edge area, relative)", yLabel: "residual ‖x − Ew‖", title: "(b) residual vs brightness, all plateau pixels", maxPoints: 20000, size: 4 }));
let below = 0, high = 0, highDim = 0;
for (let i = 0; i < T.nPixels; i++) {
  if (fit.residualNorm[i] < 0.1) below++;
  else { high++; if (brightness[i] < 0.25) highDim++; }
}
({ "pixels with residual < 0.1": below / T.nPixels, "of the rest, brightness < 0.25": highDim / Math.max(1, high) })
