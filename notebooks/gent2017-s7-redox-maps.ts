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
// # Gent et al. 2017, Supplementary Figure 7 — where the redox happens after the first charge
//
// Maps of the components found by PCA/NMF for the first discharge (2.0 V) and the second charge
// (3.65 V) at the Ni, Co, Mn L₃ and O K edges. The paper: the Mn maps show the low-voltage surface
// reduction of the first discharge; at the other edges the low-voltage (< 3.65 V) capacity of the
// second charge is mostly O redox (with some Co–O).
//
// > **These data are simulated.** The paper's STXM data are not public, so this notebook runs on
// > files written by edgeworks' simulated beamline in the `.hdr` + `.xim` format, with the redox
// > the paper reports planted in them (`level` below: the mean fraction of Ni⁴⁺, Co⁴⁺, surface Mn³⁺
// > and oxidised O). For your own data, set `files`, the sample-free regions and the references.

// %%
import * as fs from "fs";
import * as ew from "edgeworks";
import { showPng } from "edgeworks/kernel";

// %% [markdown]
// ## The data and the per-edge settings
//
// For each edge: the planted levels, the normalisation ranges, and two marker energies — the
// oxidised member has more weight at the first than at the second (Ni⁴⁺ 855.1 vs Ni²⁺ 852.9 eV,
// Co⁴⁺ 780.4 vs Co³⁺ 779.8 eV, Mn⁴⁺ 643.6 vs Mn³⁺ 641.6 eV, oxidised O 530.8 vs 529.2 eV).

// %%
const states = ["first discharge 2.0 V", "second charge 3.65 V"];
const edges = {
  Ni: { levels: [0.1, 0.15], bg: [845, 848], area: [851, 857], bright: [851, 857], range: [845, 860], marker: [855.1, 852.9] },
  Co: { levels: [0.05, 0.35], bg: [770, 774], area: [776, 784], bright: [776, 784], range: [770, 790], marker: [780.6, 779.6] },
  Mn: { levels: [0.7, 0.55], bg: [630, 635], area: [638, 647], bright: [638, 647], range: [630, 650], marker: [643.6, 641.6] },
  O: { levels: [0.1, 0.45], bg: [520, 526], area: [525, 535], bright: [535, 560], range: [520, 535], marker: [530.8, 529.2] },
} as const;
type Edge = keyof typeof edges;
const named = (levels: readonly number[]) => levels.map((level, i) => ({ name: states[i], level }));
const written = {} as Record<Edge, ew.WrittenSeries>;
for (const edge of Object.keys(edges) as Edge[]) {
  const sim = edge === "O"
    ? ew.simulateOxygenPlateau({ states: named(edges.O.levels), seed: 71 })
    : ew.simulateTransitionMetalSeries({ edge, states: named(edges[edge].levels), seed: 72 });
  written[edge] = await ew.writeSimulatedSeries(`simulated-data/gent2017-s7/${edge}`, sim, { formats: ["sdf"] });
}

// %% [markdown]
// ## Preprocess, find the end members, fit every pixel
//
// The same steps for every edge: `preprocessSeries` (I₀, absorbance, alignment, calibration,
// normalisation, noise filter), the extremes of the pixel cloud as end members (two at the TM
// edges; three at the O edge, where the carbon/binder matrix is the third and is left out of the
// fractions), and per-pixel NNLS.

// %%
const results = {} as Record<Edge, { T: ew.PixelTable; fractions: Float64Array; oxidised: number; reduced: number; k: number }>;
const summary: Record<string, unknown>[] = [];
for (const edge of Object.keys(edges) as Edge[]) {
  const c = edges[edge];
  const refs = JSON.parse(fs.readFileSync(written[edge].references, "utf8"));
  const samples = [];
  for (const [i, s] of written[edge].samples.entries()) {
    samples.push({ stack: await ew.readStack(s.sdf!), name: s.name, freeRegion: s.freeRegion, sessionReference: refs.session[i] });
  }
  const pre = ew.preprocessSeries(samples, {
    reference: refs.canonical, grid: samples[0].stack.energies,
    normalize: { background: c.bg, area: c.area, brightness: c.bright }, energyRange: c.range,
  });
  const T = pre.table;
  const k = edge === "O" ? 3 : 2;
  const sug = ew.suggestEndmembers(T.data, T.nPixels, T.nE, { k, seed: 1, clusterSize: Math.max(50, Math.round(T.nPixels / 100)) });
  const spectra = Array.from({ length: k }, (_, m) => sug.spectra.subarray(m * T.nE, (m + 1) * T.nE));
  const at = (s: Float64Array, e: number) => s[T.energies.findIndex((x) => x >= e)];
  // O: the carbon/binder member is the one with least weight at the 529.2 eV TM–O peak
  const binder = k === 3 ? [0, 1, 2].reduce((b, m) => (at(spectra[m], 529.2) < at(spectra[b], 529.2) ? m : b), 0) : -1;
  const lmr = [...Array(k).keys()].filter((m) => m !== binder);
  const score = (m: number) => at(spectra[m], c.marker[0]) - at(spectra[m], c.marker[1]);
  const [reduced, oxidised] = score(lmr[0]) < score(lmr[1]) ? [lmr[0], lmr[1]] : [lmr[1], lmr[0]];
  const fit = ew.nnlsPixels(T.data, T.nPixels, T.nE, sug.spectra, k, binder >= 0 ? { extraneous: [binder] } : {});
  results[edge] = { T, fractions: fit.fractions, oxidised, reduced, k };
  ew.phaseFractions(T, fit.fractions, k, { weights: "brightness" }).forEach((s, i) =>
    summary.push({ edge, state: s.name, "oxidised fraction": s.fractions[oxidised] / (s.fractions[oxidised] + s.fractions[reduced]), "planted level (Ni4+, Co4+, surface Mn3+, oxidised O)": c.levels[i], pixels: s.nPixels }));
}
summary

// %% [markdown]
// Read the fractions as relative: with two samples per edge, the extremes of the pixel cloud are the
// most and least oxidised pixels these samples contain, not pure phases, so the fractions stretch
// the planted ones (compare Supplementary Fig. 8, where end members come from the whole cycle). The
// O and Co trends follow what was planted; Ni changes little. At Mn the second extreme mixes the
// surface Mn³⁺ with the saturated spectrum of the thickest particles — the reason the paper uses a
// third Mn end member (see the S18 notebook).

// %% [markdown]
// ## Supplementary Figure 7
//
// Red = oxidised (Ni⁴⁺, Co⁴⁺, Mn⁴⁺, oxidised O), green = reduced, brightness = the pixel's post-edge
// area. From the first discharge to 3.65 V on the second charge, O and Co redden while Ni barely
// changes; the Mn surfaces, reduced by the first discharge, are green rims that fade.

// %%
for (const edge of Object.keys(edges) as Edge[]) {
  const { T, fractions, oxidised, reduced, k } = results[edge];
  const maps = ew.fractionMaps(T, fractions, k);
  const bright = ew.toImages(T, T.brightness);
  for (const [i, m] of maps.entries()) {
    const red = m.images[reduced], ox = m.images[oxidised];
    const reducedShare = Float64Array.from(red, (v, p) => v / (v + ox[p]));
    await showPng(ew.hsvColorMapPng(reducedShare, bright[i].data, m.ny, m.nx, { scale: 2, nanColor: [0, 0, 0, 255] }), `${edge} ${m.name}`);
    console.log(`${edge}, ${m.name}`);
  }
}
