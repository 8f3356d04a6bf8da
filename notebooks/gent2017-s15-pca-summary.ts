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
// # Gent et al. 2017, Supplementary Figure 15 — PCA summary of the O K plateau data
//
// (a) the histogram of the noise (standard deviation in the 520–526 eV background) of every
// normalised pixel, with the cutoff beyond which pixels are left out; (b) the cumulative variance of
// the first 20 principal components; (c) the first five components.
//
// > **These data are simulated.** The paper's STXM data are not public, so this notebook runs on
// > files written by edgeworks' simulated beamline (`simulateOxygenPlateau`) in the ALS/PolLux
// > `.hdr` + `.xim` format: six LMR-NMC electrodes along the first-charge plateau (131, 179, 230,
// > 257, 280, 311 mAh/g), reduced and oxidised LMR-NMC end members (the oxidised one with the
// > 530.8 eV feature) and a carbon/binder matrix, photon noise, drift between energies and an energy
// > offset per session. To use your own data, read your files with `ew.readSeries([{ path, name,
// > freeRegion, sessionReference }, …])` instead of `loadSimulatedSeries`.
//
// The method follows the Supplementary Methods ("STXM Data Processing and Principle Component
// Analysis"), step by step.

// %%
import * as ew from "edgeworks";
import * as sim from "edgeworks/simulate";
import { show, stackExplorer } from "edgeworks/kernel";

// %% [markdown]
// ## 1. The raw files
//
// The simulated beamline writes one `.hdr` + `.xim` scan per sample, the pristine reference powder
// as measured in each session and on the true energy scale, and what was planted (`truth.json`).
// `loadSimulatedSeries` writes them and reads them back with the same readers as beamline data:
// every sample comes with its stack, its sample-free region (for I₀) and its session's reference.

// %%
const data = await sim.loadSimulatedSeries("simulated-data/gent2017-o-plateau", sim.simulateOxygenPlateau({ seed: 2017 }));
data.samples.map(({ name, stack: s }) => ({ sample: name, file: s.source.split("/").pop(), energies: s.nE, ny: s.ny, nx: s.nx, "first eV": s.energies[0], "last eV": s.energies[s.nE - 1] }))

// %% [markdown]
// ## 2. Absorbance, alignment and energy calibration, one step at a time (first sample)
//
// I₀ is the average spectrum of a sample-free region; the absorbance is −ln(I/I₀). The images drift
// by a few tenths of a pixel between energies; phase correlation measures the drift and the images
// are shifted back and cropped to the area all energies cover. The energy offset of the session is
// measured on the reference powder and removed.

// %% [markdown]
// The sample-free region is chosen on the image. The stack explorer below shows the first sample's
// raw counts at the post-edge (545 eV, where the particles absorb most): in JupyterLab you drag a
// rectangle over a bright, particle-free area (click the spectrum or move the slider to check it
// stays free at every energy; the red curve is its mean spectrum) and the next cell reads it as
// `explorer.rect()`. Here the region is set in code, to the one the simulated beamline reports as
// sample-free, so the notebook runs the same without a browser.

// %%
const first = data.samples[0];
const explorer = stackExplorer(first.stack, { energy: 545, title: `${first.name}: raw counts at 545 eV — drag a rectangle over a sample-free area for I₀` });
explorer.region = first.freeRegion!;
explorer

// %%
const i0 = ew.extractI0(first.stack, { region: explorer.rect() });
const od = ew.opticalDensity(first.stack, { i0 });
const shifts = ew.computeShifts(od.stack);
const aligned = ew.cropToCommon(ew.applyShifts(od.stack, shifts), shifts);
const offset = ew.energyOffset(first.sessionReference!, data.reference);
({ "I0 pixels": i0.pixelCount, "counts ≤ 0 floored": od.nonPositive, "largest |dx| (px)": Math.max(...Array.from(shifts.dx, Math.abs)),
   "largest |dy| (px)": Math.max(...Array.from(shifts.dy, Math.abs)), "cropped to": `${aligned.stack.ny} × ${aligned.stack.nx}`, "energy offset (eV)": offset.offset })

// %% [markdown]
// ## 3. Every sample, normalised, into one pixel matrix
//
// `preprocessSeries` does the steps above for every sample, resamples all of them onto one energy
// grid, and then normalises every pixel: subtract the mean background (520–526 eV), divide by the
// pre-edge area (525–535 eV). The brightness of a pixel is its post-edge area (535–560 eV). All
// pixels of the six samples go into one matrix, pixels × the 50 pre-edge energies (520–535 eV).
// Pixels with no absorption (area ≤ 0, e.g. the sample-free region) cannot be normalised and are
// dropped; the table says how many. Finally the noise filter of panel (a) removes the noisiest
// pixels (section 4).

// %%
const pre = ew.preprocessSeries(data.samples, {
  reference: data.reference, grid: sim.oxygenPlateauEnergies(),
  normalize: { background: [520, 526], area: [525, 535], brightness: [535, 560] },
  energyRange: [520, 535],
});
({ pixels: pre.unfiltered.nRows, energies: pre.unfiltered.nCols, "dropped per sample": pre.dropped.join(", ") })

// %% [markdown]
// The simulation knows the planted drift and energy offsets, so we can see how well they were
// recovered (drift is measured against the alignment's reference image).

// %%
pre.preprocessed.map(({ shifts: found, calibration }, i) => {
  const t = data.series.truth.samples[i], r = found!.reference as number;
  const error = (f: Float64Array, planted: number[]) => Math.max(...Array.from(f, (v, e) => Math.abs(v - (planted[e] - planted[r]))));
  return { sample: t.name, "offset found (eV)": calibration!.offset, "offset planted (eV)": t.energyOffset, "worst drift error (px)": Math.max(error(found!.dx, t.shifts.dx), error(found!.dy, t.shifts.dy)) };
})

// %% [markdown]
// ## 4. Panel (a): the noise filter
//
// Normalisation amplifies the noise of pixels with little signal. The standard deviation in the
// background range measures it. Its distribution has two populations: well-exposed particle pixels,
// and thin edges and carbon/binder-only pixels whose small pre-edge area blows the noise up. The
// cutoff is placed between them by Otsu's method on log₁₀ σ (`preprocessSeries`' default). In the
// paper this removed about 10 % of the pixels; the simulated fields of view hold more binder-only
// pixels between the particles, so here it removes more.

// %%
const { noise: sigma, cutoff, removed } = pre.noise;
await show(ew.histogramSpec(Array.from(sigma, Math.log10), { cutoff: Math.log10(cutoff), cutoffLabel: `σ = ${cutoff.toPrecision(2)}`, bins: 80,
  xLabel: "log₁₀ standard deviation in 520–526 eV (normalised units)", title: "(a) noise in the background region" }));
({ cutoff, removed, kept: pre.table.nRows, "fraction removed": removed / pre.unfiltered.nRows })

// %% [markdown]
// ## 5. Panels (b) and (c): PCA
//
// The kept pixels, `pre.table`, are mean-centred at each energy (the paper's choice, `pca`'s
// default) and decomposed. `p.explainedVarianceRatio` holds the share of the variance of every
// component (all 50), `p.components` the first `k` principal components as spectra (PC1 …).
// Three components carry most of the variance (87 % in the paper); beyond them it is mostly noise.
// The dashed line marks the number `pca` suggests from the scree elbow and Malinowski's indicator
// function (`p.suggestion`).

// %%
const p = ew.pca(pre.table, { k: 5 });
await show(ew.screeSpec(p, { nShow: 20, title: "(b) cumulative variance of the first 20 PCs" }));
({ "PC1–3 (%)": 100 * p.cumulativeVarianceRatio[2], "PC1–5 (%)": 100 * p.cumulativeVarianceRatio[4], suggestion: p.suggestion.reasoning })

// %%
await show(ew.spectraSpec(p.components, { title: "(c) the first five principal components", yLabel: "loading (offset for clarity)", offset: 0.4, highlight: [530.8] }));

// %% [markdown]
// PC1 is the largest change of the pre-edge across the pixels: it takes weight from around the
// 529.3 eV TM–O peak and puts it above the 530.8 eV oxidised-oxygen feature (dashed line), the
// change from reduced to oxidised LMR-NMC. PC4 and PC5 are mostly noise with some structure at
// the peaks, as in the paper. Signs of the components follow a fixed rule (`p.signRule`), so the
// figure is the same on every run.
