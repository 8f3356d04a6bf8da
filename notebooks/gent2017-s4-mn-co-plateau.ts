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
// # Gent et al. 2017, Supplementary Figure 4 — Mn and Co during the plateau
//
// (a) the average Mn⁴⁺ and Co⁴⁺ phase fractions of three samples along the first-charge plateau:
// Co is slightly reduced during the plateau, Mn not at all; (b) the end members found in the data;
// (c) where they are: red = oxidised (Co⁴⁺, Mn⁴⁺), green = reduced, brightness = post-edge area.
// The paper: the reduction of Co is mostly confined to the particle surfaces.
//
// > **These data are simulated.** The paper's STXM data are not public, so this notebook runs on
// > files written by edgeworks' simulated beamline (`simulateTransitionMetalSeries`) in the
// > `.hdr` + `.xim` format: three samples along the plateau at the Co and Mn L₃ edges, with the
// > Co⁴⁺ fraction falling from sample to sample, less at the particle surfaces, and Mn staying
// > Mn⁴⁺ (the thickest particles saturate at the Mn edge). For your own data, set `files`, the
// > sample-free regions and the reference spectra.

// %%
import * as fs from "fs";
import * as ew from "edgeworks";
import { show, showPng } from "edgeworks/kernel";

// %% [markdown]
// ## The data: three plateau samples at two edges
//
// `level` is the planted mean fraction of the second end member: Co⁴⁺ for Co, surface Mn³⁺ for Mn.

// %%
const capacities = [179, 257, 311];
const plateau = {
  Co: capacities.map((c, i) => ({ name: `${c} mAh/g`, level: [0.5, 0.43, 0.36][i] })),
  Mn: capacities.map((c) => ({ name: `${c} mAh/g`, level: 0.02 })),
};
const series = {
  Co: ew.simulateTransitionMetalSeries({ edge: "Co", states: plateau.Co, seed: 41 }),
  Mn: ew.simulateTransitionMetalSeries({ edge: "Mn", states: plateau.Mn, seed: 42 }),
};
const written = {
  Co: await ew.writeSimulatedSeries("simulated-data/gent2017-s4/Co", series.Co, { formats: ["sdf"] }),
  Mn: await ew.writeSimulatedSeries("simulated-data/gent2017-s4/Mn", series.Mn, { formats: ["sdf"] }),
};

// %% [markdown]
// ## Preprocessing
//
// Per sample: I₀ from the sample-free region, absorbance, alignment, energy calibration against the
// reference measured in the same session; per pixel: background subtracted (pre-edge), divided by
// the L₃ area; brightness = area of 776–784 eV (Co) or 638–647 eV (Mn); the noise filter.

// %%
const ranges = {
  Co: { background: [770, 774] as const, area: [776, 784] as const, brightness: [776, 784] as const, energyRange: [770, 790] as const },
  Mn: { background: [630, 635] as const, area: [638, 647] as const, brightness: [638, 647] as const, energyRange: [630, 650] as const },
};
type Edge = keyof typeof ranges;
const tables = {} as Record<Edge, ew.PreprocessSeriesResult>;
for (const edge of ["Co", "Mn"] as Edge[]) {
  const refs = JSON.parse(fs.readFileSync(written[edge].references, "utf8"));
  const samples = [];
  for (const [i, s] of written[edge].samples.entries()) {
    samples.push({ stack: await ew.readStack(s.sdf!), name: s.name, freeRegion: s.freeRegion, sessionReference: refs.session[i] });
  }
  const r = ranges[edge];
  tables[edge] = ew.preprocessSeries(samples, {
    reference: refs.canonical, grid: ew.transitionMetalEnergies(edge),
    normalize: { background: r.background, area: r.area, brightness: r.brightness }, energyRange: r.energyRange,
  });
}
(["Co", "Mn"] as Edge[]).map((e) => ({ edge: e, pixels: tables[e].table.nPixels, energies: tables[e].table.nE, "removed as noisy": tables[e].noise.removed }))

// %% [markdown]
// ## (b) Two end members per edge
//
// PCA says how many components the data need; the two extremes of the pixel cloud, each averaged
// over its nearest 1 % of pixels, are the end members. The oxidised one has more weight at the
// higher-energy L₃ peak (Co⁴⁺ 780.4 eV vs Co³⁺ 779.8 eV; Mn⁴⁺ 643.6 eV vs 641.6 eV). At the Mn edge nothing is
// reduced during the plateau, so the second extreme is the broadened spectrum of the thickest,
// saturated particles — the paper's "mixture of Mn⁴⁺ and Mn³⁺".

// %%
// The oxidised member has more weight at the first energy than at the second.
const marker = { Co: [780.6, 779.6], Mn: [643.6, 641.6] };
const members = {} as Record<Edge, { oxidised: Float64Array; reduced: Float64Array; E: Float64Array }>;
const variance: Record<string, unknown>[] = [];
for (const edge of ["Co", "Mn"] as Edge[]) {
  const T = tables[edge].table;
  const p = ew.pca(T.data, T.nPixels, T.nE, { nComponents: 5 });
  variance.push({ edge, "PC1 (%)": 100 * p.cumulativeVarianceRatio[0], "PC1–2 (%)": 100 * p.cumulativeVarianceRatio[1], "PC1–3 (%)": 100 * p.cumulativeVarianceRatio[2] });
  const sug = ew.suggestEndmembers(T.data, T.nPixels, T.nE, { k: 2, seed: 1, clusterSize: Math.round(T.nPixels / 100) });
  const [a, b] = [0, 1].map((k) => sug.spectra.slice(k * T.nE, (k + 1) * T.nE));
  const at = (s: Float64Array, e: number) => s[T.energies.findIndex((x) => x >= e)];
  const score = (s: Float64Array) => at(s, marker[edge][0]) - at(s, marker[edge][1]);
  const [reduced, oxidised] = score(a) < score(b) ? [a, b] : [b, a];
  const E = new Float64Array(2 * T.nE);
  E.set(oxidised, 0);
  E.set(reduced, T.nE);
  members[edge] = { oxidised, reduced, E };
}
await show({
  $schema: "https://vega.github.io/schema/vega-lite/v5.json",
  resolve: { scale: { color: "independent" } },
  hconcat: [
    ew.spectraSpec(tables.Co.table.energies, [members.Co.oxidised, members.Co.reduced], ["Co4+ (oxidised)", "Co3+ (reduced)"], { title: "(b) Co L3 end members", yLabel: "normalised absorbance", width: 300 }),
    ew.spectraSpec(tables.Mn.table.energies, [members.Mn.oxidised, members.Mn.reduced], ["Mn4+", "Mn4+/saturated"], { title: "(b) Mn L3 end members", yLabel: "normalised absorbance", width: 300 }),
  ],
});
variance

// %% [markdown]
// ## (a) Phase fractions along the plateau
//
// Per-pixel NNLS against the two end members; the fraction of the oxidised member, averaged over
// each sample with the pixels' brightness as weights.

// %%
const fits = {} as Record<Edge, ew.NnlsPixelsResult>;
const rows: Record<string, unknown>[] = [];
for (const edge of ["Co", "Mn"] as Edge[]) {
  const T = tables[edge].table;
  fits[edge] = ew.nnlsPixels(T.data, T.nPixels, T.nE, members[edge].E, 2);
  ew.phaseFractions(T, fits[edge].fractions, 2, { weights: "brightness" }).forEach((s, i) =>
    rows.push({ edge, sample: s.name, capacity: capacities[i], "oxidised fraction": s.fractions[0], planted: edge === "Co" ? series.Co.truth.samples[i].meanFraction : 1 - series.Mn.truth.samples[i].meanFraction }));
}
await show(ew.xySpec(rows.map((r) => r.capacity as number), rows.map((r) => r["oxidised fraction"] as number), {
  groups: rows.map((r) => (r.edge === "Co" ? "Co4+" : "Mn4+")), line: true, xLabel: "capacity (mAh/g)", yLabel: "phase fraction", title: "(a) Mn4+ and Co4+ phase fractions along the plateau", size: 60,
}));
rows

// %% [markdown]
// ## (c) Where the components are
//
// Red = the oxidised member (Co⁴⁺, Mn⁴⁺), green = the other, brightness ∝ post-edge area; pixels
// not in the table (sample-free, too noisy) are black. The Co maps turn greener from sample to
// sample, first at the particle surfaces; the Mn maps stay red except where particles are thick.

// %%
for (const edge of ["Co", "Mn"] as Edge[]) {
  const T = tables[edge].table;
  const maps = ew.fractionMaps(T, fits[edge].fractions, 2);
  const bright = ew.toImages(T, T.brightness);
  for (const [i, m] of maps.entries()) {
    // hue from the fraction of the second (reduced) member: 0 → red, 1 → green
    await showPng(ew.hsvColorMapPng(m.images[1], bright[i].data, m.ny, m.nx, { scale: 3, nanColor: [0, 0, 0, 255] }), `${edge} ${m.name}`);
    console.log(`${edge} L3, ${m.name}`);
  }
}

// %%
await showPng(ew.hsvLegendPng({}), "legend: hue = reduced fraction (0 red … 1 green), value = brightness");
