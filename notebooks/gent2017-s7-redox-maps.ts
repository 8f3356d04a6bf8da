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
// > the paper reports planted in them (`levels` below: the mean fraction of Ni⁴⁺, Co⁴⁺, surface Mn³⁺
// > and oxidised O). For your own data, read your files with `ew.readSeries` (each with its
// > sample-free region and the session's reference spectrum) instead of `sim.loadSimulatedSeries`.

// %%
import * as ew from "edgeworks";
import * as sim from "edgeworks/simulate";
import { show } from "edgeworks/kernel";

// %% [markdown]
// ## The data and the per-edge settings
//
// For each edge: the planted levels, the normalisation ranges (background, the area every pixel
// is divided by, the brightness range of the maps), the energies kept, and two marker energies —
// the oxidised member has more weight at the first than at the second (Ni⁴⁺ 855.1 vs Ni²⁺
// 852.9 eV, Co⁴⁺ 780.6 vs Co³⁺ 779.6 eV, Mn⁴⁺ 643.6 vs Mn³⁺ 641.6 eV, oxidised O 530.8 vs
// 529.2 eV).

// %%
const states = ["first discharge 2.0 V", "second charge 3.65 V"];
const edges = {
  Ni: { levels: [0.1, 0.15], background: [845, 848], area: [851, 857], brightness: [851, 857], range: [845, 860], marker: [855.1, 852.9] },
  Co: { levels: [0.05, 0.35], background: [770, 774], area: [776, 784], brightness: [776, 784], range: [770, 790], marker: [780.6, 779.6] },
  Mn: { levels: [0.7, 0.55], background: [630, 635], area: [638, 647], brightness: [638, 647], range: [630, 650], marker: [643.6, 641.6] },
  O: { levels: [0.1, 0.45], background: [520, 526], area: [525, 535], brightness: [535, 560], range: [520, 535], marker: [530.8, 529.2] },
} as const;
type Edge = keyof typeof edges;
const EDGES = Object.keys(edges) as Edge[];

// %% [markdown]
// Simulate each edge's two samples, write them as raw files and read them back
// (`loadSimulatedSeries`), then preprocess them (`preprocessSeries`): I₀ from the sample-free
// region, absorbance, alignment, energy calibration against the reference measured in the same
// session, per-pixel normalisation (background subtracted, divided by the area), and the noise
// filter.

// %%
const T = {} as Record<Edge, ew.PixelTable>;
for (const edge of EDGES) {
  const c = edges[edge];
  const named = c.levels.map((level, i) => ({ name: states[i], level }));
  const data = await sim.loadSimulatedSeries(`simulated-data/gent2017-s7/${edge}`, edge === "O"
    ? sim.simulateOxygenPlateau({ states: named, seed: 71 })
    : sim.simulateTransitionMetalSeries({ edge, states: named, seed: 72 }));
  T[edge] = ew.preprocessSeries(data.samples, {
    reference: data.reference, energyRange: c.range,
    normalize: { background: c.background, area: c.area, brightness: c.brightness },
  }).table;
}
EDGES.map((edge) => ({ edge, pixels: T[edge].nRows, energies: T[edge].nCols }))

// %% [markdown]
// ## End members and per-pixel fits
//
// At every edge the end members are the extremes of the pixel cloud (`suggestEndmembers`, each
// averaged over its nearest 1 % of pixels, at least 50): two at the TM edges, three at the O edge,
// where the carbon/binder matrix — the member with least weight at the 529.2 eV TM–O peak — is the
// third. They are named by the marker energies (`orderEndmembers`), every pixel is fitted with
// them by non-negative least squares (`nnlsPixels`), and the carbon/binder member is fitted but
// left out of the phase fractions (`extraneous`), as in the paper.

// %%
const fits = {} as Record<Edge, ew.NnlsPixelsResult>;
for (const edge of EDGES) {
  const names = edge === "O" ? ["reduced", "oxidised", "carbon/binder"] : ["reduced", "oxidised"];
  const found = ew.suggestEndmembers(T[edge], { k: names.length, seed: 1, clusterSize: Math.max(50, Math.round(T[edge].nRows / 100)) });
  const em = ew.orderEndmembers(found, { by: { difference: edges[edge].marker }, lowestLast: edge === "O" ? 529.2 : undefined, names });
  fits[edge] = ew.nnlsPixels(T[edge], em.members, { extraneous: names.slice(2) });
}

// %% [markdown]
// The oxidised fraction of every sample: the pixels' oxidised fractions averaged with their
// brightness as weights (`phaseFractions`), next to the level that was planted.

// %%
EDGES.flatMap((edge) => ew.phaseFractions(T[edge], fits[edge]).map((s, i) => ({
  edge, state: s.name, "oxidised fraction": s.fractions[s.names.indexOf("oxidised")],
  "planted level (Ni4+, Co4+, surface Mn3+, oxidised O)": edges[edge].levels[i], pixels: s.nPixels,
})))

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
// One row per edge, one column per sample. Hue = the fraction of the reduced member (0 red:
// oxidised Ni⁴⁺, Co⁴⁺, Mn⁴⁺, oxidised O; 1 green: reduced), brightness = the pixel's brightness
// (the area of the ranges above; post-edge 535–560 eV at O), black = no pixel in the table
// (sample-free, too noisy). Scale bars from the stacks' stage axes; the key is at the right. From
// the first discharge to 3.65 V on the second charge, O and Co redden while Ni changes less; at Mn
// only the particle rims, reduced by the first discharge, are a little greener than the cores.

// %%
await show(ew.hsvMapsGridSpec(EDGES.map((edge) => ({ maps: fits[edge].maps(), brightness: T[edge], member: "reduced", label: `${edge} ${edge === "O" ? "K" : "L3"}` }))));
