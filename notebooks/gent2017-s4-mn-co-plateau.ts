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
// (c) where they are: red = oxidised (Co⁴⁺, Mn⁴⁺), green = the other member, brightness = L₃ area.
// Red and green are the end members' colours in (b) too.
// The paper: the reduction of Co is mostly confined to the particle surfaces.
//
// > **These data are simulated.** The paper's STXM data are not public, so this notebook runs on
// > files written by edgeworks' simulated beamline (`simulateTransitionMetalSeries`) in the
// > `.hdr` + `.xim` format: three samples along the plateau at the Co and Mn L₃ edges, with the
// > Co⁴⁺ fraction falling from sample to sample, less at the particle surfaces, and Mn staying
// > Mn⁴⁺ (the thickest particles saturate at the Mn edge). For your own data, read your files with
// > `ew.readSeries` (each with its sample-free region and the session's reference spectrum)
// > instead of `sim.loadSimulatedSeries`.

// %%
import * as ew from "edgeworks";
import * as sim from "edgeworks/simulate";
import { show } from "edgeworks/kernel";

// %% [markdown]
// ## The data: three plateau samples at two edges
//
// Per edge: the planted mean fraction of the second end member in each sample (`levels`: Co⁴⁺ at
// Co, surface Mn³⁺ at Mn), the pre-edge background, the L₃ range every pixel is divided by (also
// its brightness: 776–784 eV for Co, 638–647 eV for Mn), the energies kept, and the two marker
// energies that name the end members: the oxidised one has more weight at the first (Co⁴⁺
// 780.6 eV against Co³⁺ 779.6 eV; Mn⁴⁺ 643.6 eV against 641.6 eV).

// %%
const capacities = [179, 257, 311];
const edges = {
  Co: { seed: 41, levels: [0.5, 0.43, 0.36], background: [770, 774], area: [776, 784], range: [770, 790], marker: [780.6, 779.6], names: ["Co4+", "Co3+"] },
  Mn: { seed: 42, levels: [0.02, 0.02, 0.02], background: [630, 635], area: [638, 647], range: [630, 650], marker: [643.6, 641.6], names: ["Mn4+", "Mn4+ saturated"] },
} as const;
type Edge = keyof typeof edges;
const EDGES = Object.keys(edges) as Edge[];

// %% [markdown]
// Simulate each edge's series, write it as raw files and read them back (`loadSimulatedSeries`),
// then preprocess (`preprocessSeries`): per sample I₀ from the sample-free region, absorbance,
// alignment, energy calibration against the reference measured in the same session; per pixel the
// background subtracted and division by the L₃ area; the noise filter.

// %%
const series = {} as Record<Edge, sim.SimulatedSeries>;
const raw = {} as Record<Edge, sim.LoadedSimulatedSeries>;
const pre = {} as Record<Edge, ew.PreprocessSeriesResult>;
for (const edge of EDGES) {
  const c = edges[edge];
  const states = capacities.map((cap, i) => ({ name: `${cap} mAh/g`, level: c.levels[i] }));
  const data = await sim.loadSimulatedSeries(`simulated-data/gent2017-s4/${edge}`, sim.simulateTransitionMetalSeries({ edge, states, seed: c.seed }));
  series[edge] = data.series;
  raw[edge] = data;
  pre[edge] = ew.preprocessSeries(data.samples, {
    reference: data.reference, grid: sim.transitionMetalEnergies(edge), energyRange: c.range,
    normalize: { background: c.background, area: c.area, brightness: c.area },
  });
}
EDGES.map((edge) => ({ edge, pixels: pre[edge].table.nRows, energies: pre[edge].table.nCols, "removed as noisy": pre[edge].noise.removed }))

// %% [markdown]
// ## (b) Two end members per edge
//
// PCA says how much of the variance the first components carry; the two extremes of the pixel
// cloud, each averaged over its nearest 1 % of pixels (`suggestEndmembers`), are the end members,
// named by the marker energies (`orderEndmembers`). At the Mn edge nothing is reduced during the
// plateau, so the second extreme is the broadened spectrum of the thickest, saturated particles —
// the paper's "mixture of Mn⁴⁺ and Mn³⁺".
//
// At Mn the dimmest quarter of the pixels (the thin particle rims, smallest L₃ area) is left out of
// the search: divided by their small area, their spectra are the noisiest and the most sensitive to
// how each image was resampled in the alignment, so they, not the saturated particles, would form
// the second extreme. Alignment resamples every image of a stack, the reference image included,
// with the same kernel (`applyShifts`' default: a windowed sinc with a light common smoothing).
// With bilinear interpolation, which blurs every image except the unshifted reference, the rims were
// sharp only in the reference image (the Mn L₃ maximum, 643.6 eV after calibration in all three
// samples), and a member made of rim pixels had a one-point negative spike there; the cell after the
// figure shows that case.

// %%
const endmembers = (edge: Edge, T: ew.PixelTable) => ew.orderEndmembers(ew.suggestEndmembers(T, { k: 2, seed: 1, clusterSize: Math.round(T.nRows / 100) }),
  { by: { difference: edges[edge].marker }, descending: true, names: edges[edge].names });
const search = (edge: Edge, T = pre[edge].table) => (edge === "Mn" ? ew.selectRows(T, T.brightness.map((b) => (b > ew.quantile(T.brightness, 0.25) ? 1 : 0))) : T);
const em = { Co: endmembers("Co", search("Co")), Mn: endmembers("Mn", search("Mn")) };
await show(ew.panelsSpec(EDGES.map((edge) => ew.spectraSpec(em[edge].members, { title: `(b) ${edge} L3 end members`, yLabel: "normalised absorbance", colors: ["#e45756", "#54a24b"] }))));
EDGES.map((edge) => {
  const p = ew.pca(pre[edge].table, { k: 5 });
  return { edge, "PC1 (%)": 100 * p.cumulativeVarianceRatio[0], "PC1–2 (%)": 100 * p.cumulativeVarianceRatio[1], "PC1–3 (%)": 100 * p.cumulativeVarianceRatio[2] };
})

// %% [markdown]
// For comparison, the Mn end members from all pixels, rims included, of the same files aligned with
// bilinear interpolation: the reference image (the Mn L₃ maximum) is then the only one not blurred,
// and the second member is the average of rim pixels, with a negative spike at the reference
// image's calibrated energy.

// %%
const bilinear = ew.preprocessSeries(raw.Mn.samples, {
  reference: raw.Mn.reference, grid: sim.transitionMetalEnergies("Mn"), energyRange: edges.Mn.range,
  normalize: { background: edges.Mn.background, area: edges.Mn.area, brightness: edges.Mn.area }, align: { interpolation: "bilinear" },
});
await show(ew.panelsSpec([
  ew.spectraSpec(em.Mn.members, { title: "Mn L3 end members (above)", yLabel: "normalised absorbance", colors: ["#e45756", "#54a24b"] }),
  ew.spectraSpec(endmembers("Mn", bilinear.table).members, { title: "all pixels, bilinear alignment", yLabel: "normalised absorbance", colors: ["#e45756", "#54a24b"] }),
]));
pre.Mn.preprocessed.map((p, i) => ({ sample: pre.Mn.table.samples[i].name, "reference image, recorded (eV)": p.stack.energies[p.shifts!.reference as number],
  "energy offset (eV)": p.calibration!.offset, "reference image, calibrated (eV)": p.stack.energies[p.shifts!.reference as number] - p.calibration!.offset }))

// %% [markdown]
// ## (a) Phase fractions along the plateau
//
// Every pixel is fitted with the two end members of its edge by non-negative least squares
// (`nnlsPixels`); the oxidised fraction is averaged over each sample with the pixels' brightness
// as weights (`phaseFractions`), next to what was planted. A second check, per pixel: the
// correlation of the second member's fraction with the planted Co³⁺ fraction (Co) or with the
// planted thickness of active material (Mn, where the second member is saturation).

// %%
const fits = { Co: ew.nnlsPixels(pre.Co.table, em.Co.members), Mn: ew.nnlsPixels(pre.Mn.table, em.Mn.members) };
const rows = EDGES.flatMap((edge) => ew.phaseFractions(pre[edge].table, fits[edge]).map((s, i) => ({
  edge, sample: s.name, capacity: capacities[i], "oxidised fraction": s.fractions[0],
  planted: edge === "Co" ? series.Co.truth.samples[i].meanFraction : 1 - series.Mn.truth.samples[i].meanFraction,
})));
await show(ew.xySpec(rows.map((r) => r.capacity), rows.map((r) => r["oxidised fraction"]), {
  groups: rows.map((r) => edges[r.edge].names[0]), line: true, size: 60,
  xLabel: "capacity (mAh/g)", yLabel: "phase fraction", title: "(a) Mn4+ and Co4+ phase fractions along the plateau",
}));
const truth = { Co: sim.truthOnTable(series.Co.truth, pre.Co.preprocessed, pre.Co.table, "fraction").map((f) => 1 - f),
  Mn: sim.truthOnTable(series.Mn.truth, pre.Mn.preprocessed, pre.Mn.table, "activeThickness") };
await show(EDGES.map((edge) => ({ edge, "per-pixel correlation, second member vs truth": ew.pearson(ew.columnOf(fits[edge].fractions, 1), truth[edge]) })));
rows

// %% [markdown]
// Co⁴⁺ falls from sample to sample as planted, 0.08–0.10 above the planted fractions: the
// extremes of three plateau samples are not pure Co⁴⁺ and Co³⁺. At Mn nothing was reduced (planted
// Mn⁴⁺ ≈ 99.8 % in every sample), and the Mn "phase fraction" is not an oxidation state: its second
// member is the saturated spectrum, so the fraction follows how much thick material each sample's
// field of view holds (per pixel it correlates with the planted thickness), with no trend along the
// plateau. To read a Mn oxidation state, saturation needs its own member, fitted but left out of
// the fractions, as in the S18 notebook.

// %% [markdown]
// ## (c) Where the components are
//
// Hue = the fraction of the second member (0 red: Co⁴⁺, Mn⁴⁺; 1 green: Co³⁺, saturated Mn),
// value = the pixel's L₃ area; black = no pixel in the table (sample-free, too noisy). The Co maps
// turn greener from sample to sample, first at the particle surfaces; the Mn maps stay red except
// in the cores of the thickest particles.

// %%
await show(ew.hsvMapsGridSpec(EDGES.map((edge) => ({ maps: fits[edge].maps(), brightness: pre[edge].table, member: edges[edge].names[1], label: `${edge} L3` }))));
