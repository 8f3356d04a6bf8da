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
// > offset per session. To use your own data, set `files`, the sample-free regions and the reference
// > spectra below.
//
// The method follows the Supplementary Methods ("STXM Data Processing and Principle Component
// Analysis"), step by step.

// %%
import * as fs from "fs";
import * as ew from "edgeworks";
import { show } from "edgeworks/kernel";

// %% [markdown]
// ## 1. The raw files
//
// The simulated beamline writes one `.hdr` + `.xim` scan per sample, `references.json` (the pristine
// reference powder as measured in each session, and on the true energy scale) and `truth.json`
// (what was planted).

// %%
const series = ew.simulateOxygenPlateau({ seed: 2017 });
const written = await ew.writeSimulatedSeries("simulated-data/gent2017-o-plateau", series, { formats: ["sdf"] });
const files = written.samples.map((s) => s.sdf!);
const freeRegions = written.samples.map((s) => s.freeRegion);
const refs = JSON.parse(fs.readFileSync(written.references, "utf8"));
files

// %%
const raw = [];
for (const f of files) raw.push(await ew.readStack(f));
raw.map((s) => ({ file: s.source.split("/").pop(), energies: s.nE, ny: s.ny, nx: s.nx, "first eV": s.energies[0], "last eV": s.energies[s.nE - 1] }))

// %% [markdown]
// ## 2. Absorbance, alignment and energy calibration, one step at a time (first sample)
//
// I₀ is the average spectrum of a sample-free region; the absorbance is −ln(I/I₀). The images drift
// by a few tenths of a pixel between energies; phase correlation measures the drift and the images
// are shifted back and cropped to the area all energies cover. The energy offset of the session is
// measured on the reference powder and removed.

// %%
const i0 = ew.extractI0(raw[0], { region: freeRegions[0] });
const od = ew.opticalDensity(raw[0], { i0 });
const shifts = ew.computeShifts(od.stack);
const aligned = ew.cropToCommon(ew.applyShifts(od.stack, shifts), shifts);
const offset = ew.energyOffset(refs.session[0], refs.canonical);
({ "I0 pixels": i0.pixelCount, "counts ≤ 0 floored": od.nonPositive,
   "largest |dx| (px)": Math.max(...Array.from(shifts.dx, Math.abs)), "largest |dy| (px)": Math.max(...Array.from(shifts.dy, Math.abs)),
   "cropped to": `${aligned.stack.ny} × ${aligned.stack.nx}`, "energy offset (eV)": offset.offset })

// %% [markdown]
// `preprocessStack` does the same steps in one call; here for every sample. The simulation knows
// the planted drift and offsets, so we can see how well they were recovered.

// %%
const grid = ew.oxygenPlateauEnergies();
const pre = raw.map((r, i) => ew.preprocessStack(r, { freeRegion: freeRegions[i], calibrate: { session: refs.session[i], reference: refs.canonical, grid } }));
pre.map((p, i) => {
  const t = series.truth.samples[i];
  const r = p.shifts!.reference as number;
  let drift = 0;
  for (let e = 0; e < t.shifts.dx.length; e++) drift = Math.max(drift, Math.abs(p.shifts!.dx[e] - (t.shifts.dx[e] - t.shifts.dx[r])), Math.abs(p.shifts!.dy[e] - (t.shifts.dy[e] - t.shifts.dy[r])));
  return { sample: t.name, "offset found (eV)": p.calibration!.offset, "offset planted (eV)": t.energyOffset, "worst drift error (px)": drift };
})

// %% [markdown]
// ## 3. Per-pixel normalisation and the pixel matrix
//
// Every pixel: subtract the mean background (520–526 eV), divide by the pre-edge area (525–535 eV).
// The brightness of a pixel is its post-edge area (535–560 eV). All pixels of the six samples go
// into one matrix, pixels × the 50 pre-edge energies. Pixels with no absorption (area ≤ 0, e.g. the
// sample-free region) cannot be normalised and are dropped; the table says how many.

// %%
const norm = pre.map((p) => ew.normalizePixels(p.stack, { background: [520, 526], area: [525, 535], brightness: [535, 560] }));
const { table, dropped } = ew.toPixelTable(
  norm.map((n, i) => ({ stack: n.stack, brightness: n.brightness, name: series.samples[i].name })),
  { energyRange: [520, 535] },
);
({ pixels: table.nPixels, energies: table.nE, "dropped per sample": dropped.join(", ") })

// %% [markdown]
// ## 4. Panel (a): the noise filter
//
// Normalisation amplifies the noise of pixels with little signal. The standard deviation in the
// background range measures it. Its distribution has two populations: well-exposed particle pixels,
// and thin edges and carbon/binder-only pixels whose small pre-edge area blows the noise up. The
// cutoff is placed between them by Otsu's method on log₁₀ σ. In the paper this removed about 10 %
// of the pixels; the simulated fields of view hold more binder-only pixels between the particles,
// so here it removes more.

// %%
const sigma = ew.noiseFilter(table, { range: [520, 526], fraction: 0 }).noise;
const cutoff = ew.otsuThreshold(sigma, { log: true });
const filtered = ew.noiseFilter(table, { range: [520, 526], cutoff });
await show(ew.histogramSpec(Array.from(filtered.noise, Math.log10), {
  cutoff: Math.log10(cutoff), cutoffLabel: `σ = ${cutoff.toPrecision(2)}`, bins: 80,
  xLabel: "log₁₀ standard deviation in 520–526 eV (normalised units)", title: "(a) noise in the background region",
}));
({ cutoff, removed: filtered.removed, kept: filtered.table.nPixels, "fraction removed": filtered.removed / table.nPixels })

// %% [markdown]
// ## 5. Panels (b) and (c): PCA
//
// The data are mean-centred at each energy (the paper's choice) and decomposed. Three components
// carry most of the variance (87 % in the paper); beyond them it is mostly noise.

// %%
const X = filtered.table;
const p = ew.pca(X.data, X.nPixels, X.nE, { center: true, nComponents: 20 });
await show(ew.screeSpec(p.explainedVarianceRatio, { nShow: 20, cumulative: true, title: "(b) cumulative variance of the first 20 PCs" }));
({ "PC1–3 (%)": 100 * p.cumulativeVarianceRatio[2], "PC1–5 (%)": 100 * p.cumulativeVarianceRatio[4], suggestion: p.suggestion.reasoning })

// %%
const first5 = [0, 1, 2, 3, 4].map((k) => p.components.subarray(k * X.nE, (k + 1) * X.nE));
await show(ew.spectraSpec(X.energies, first5, ["PC1", "PC2", "PC3", "PC4", "PC5"], {
  title: "(c) the first five principal components", yLabel: "loading (offset for clarity)", offset: 0.4, highlight: [530.8],
}));

// %% [markdown]
// PC1 looks like the mean pre-edge change between reduced and oxidised LMR-NMC, with its weight at
// the 530.8 eV oxidised-oxygen feature. Signs of the components follow a fixed rule
// (`p.signRule`), so the figure is the same on every run.
