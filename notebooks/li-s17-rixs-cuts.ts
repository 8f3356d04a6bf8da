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
// # Li et al., Supplementary Figure 17 — O K-edge RIXS cuts of Li1.2Ni0.4Ru0.4O2 at 531 eV
//
// RIXS spectra of Li1.2Ni0.4Ru0.4O2 at different electrochemical states, obtained by plotting the
// emitted intensity against emission energy at a fixed excitation energy of **531 eV**. The
// **523.7 eV** feature is clear at the high-voltage states and disappears on discharge: the lattice
// oxygen redox is reversible. The high-voltage spectra are also broader, as for strongly oxidised,
// strongly hybridised TM–O systems.
//
// > **These data are simulated.** The paper's RIXS data are not public, so this notebook runs on
// > files written by edgeworks' simulated spectrometer (`writeRixsSeries`): per state, an ALS
// > iRIXS-style scan table (`<name>-AI.txt`), one 16-bit TIFF CCD frame per excitation energy
// > (527–534 eV in 0.2 eV steps), a dark frame and an elastic-line reference frame, with a planted
// > curvature, dark current, noise and cosmic rays. The feature is planted at 4.5 and 4.8 V. To use
// > your own data, read your scan with `rixs.readScanTable("…-AI.txt", { exposure })` and your dark
// > and elastic frames with `rixs.readTiffFrames`, then run the same cells.
//
// Each scan is reduced to a calibrated map as in the Xu et al. 2018 Figure 5 notebook (dark,
// cosmic rays, curvature, integration, I₀ and exposure, stacking, elastic-line calibration); the cut
// is the map's row at 531 eV excitation.

// %%
import * as ew from "edgeworks";
import * as rixs from "edgeworks/rixs";
import * as sim from "edgeworks/simulate";
import { show } from "edgeworks/kernel";

// %% [markdown]
// ## 1. The files and the maps

// %%
const scans = await sim.writeRixsSeries("simulated-data/li-rixs", { materials: ["Li1.2Ni0.4Ru0.4O2"], scan: { seed: 2021, cols: 128 } });
const results = [];
for (const s of scans) {
  const dark = rixs.readTiffFrames(s.dark!)[0];
  const elastic = rixs.readTiffFrames(s.elastic!)[0];
  const curvature = rixs.fitCurvature(rixs.removeCosmicRays(rixs.subtractDark(elastic, { dark }).frame).frame);
  results.push({ state: s.state, r: await rixs.processRixsScan(rixs.readScanTable(s.table!), { dark, curvature, name: s.state }) });
}
results.map(({ state, r }) => ({ state, frames: r.frames.length, "dispersion (eV/px)": r.calibration.dispersion, "offset (eV)": r.calibration.offset,
  "calibration residual (eV)": r.calibration.residualRms, "cosmic-ray pixels": r.cosmicPixels }))

// %% [markdown]
// ## 2. The cuts at 531 eV excitation
//
// 531 eV lies on the excitation grid, so the cut is that row of each map (between grid points it
// would be interpolated linearly). Spectra are offset vertically for clarity; the dashed line marks
// 523.7 eV.

// %%
await show(ew.rixsCutsSpec(results.map(({ r }) => r.map), { excitation: 531, names: results.map(({ state }) => state), offset: 25,
  highlight: [523.7], emissionRange: [518, 533], title: "Li1.2Ni0.4Ru0.4O2, O K RIXS at 531 eV excitation" }));

// %% [markdown]
// ## 3. The 523.7 eV feature
//
// A Gaussian on a smooth (quadratic) background, fitted between 522.75 and 524.75 eV emission in
// the 531 eV cut; present when its amplitude is at least 10 standard errors.

// %%
const features = results.map(({ state, r }) => {
  const f = rixs.findFeature(r.map, { excitation: 531 });
  return { state, present: f.present, "position (eV)": f.present ? f.centre : NaN, "FWHM (eV)": f.present ? f.fwhm : NaN, significance: f.significance };
});
features

// %%
const found = features.filter((f) => f.present);
console.log(`523.7 eV feature in the 531 eV cut: present at ${found.map((f) => f.state).join(" and ")}, ` +
  `at ${found.map((f) => f["position (eV)"].toFixed(2)).join(" and ")} eV; absent at ${features.filter((f) => !f.present).map((f) => f.state).join(", ")} (paper: 523.7 eV, high-voltage states only).`);
