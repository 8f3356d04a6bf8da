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
// # Gent et al. 2017, Supplementary Figure 18 — PCA/NMF at the TM L₃ edges
//
// The same analysis as for the O K plateau data (Supplementary Figs. 15–16), at the Ni, Co and Mn
// L₃ edges. Top: the PCA cumulative variance against the number of components. Middle: the pixels in
// NMF space with 2, 2 and 3 components for Ni, Co and Mn. Bottom: the end-member spectra at the
// extreme points of the NMF-space plots.
//
// The paper tried more NMF components than the cumulative variance suggests at every edge; only at
// Mn did that find another extreme point: the **saturated** spectrum of thick particles. The high
// Mn content of LMR-NMC makes thick particles saturate at the Mn L₃ edge, which broadens the
// spectrum much as reducing Mn⁴⁺ to Mn³⁺ does. With two components the second end member mixes the
// two; a third separates them.
//
// > **These data are simulated.** The paper's STXM data are not public, so this notebook runs on
// > files written by edgeworks' simulated beamline (`simulateTransitionMetalSeries`) in the
// > ALS/PolLux `.hdr` + `.xim` format: for each edge four electrodes of the first cycle (pristine,
// > charged 4.35 V, charged 4.8 V, discharged 2.0 V), with Ni²⁺/Ni⁴⁺, Co³⁺/Co⁴⁺ or Mn⁴⁺/Mn³⁺
// > end members (Mn³⁺ only at particle surfaces after discharge), a carbon/binder matrix, photon
// > noise, drift, an energy offset per session and 2 % higher-order light, which saturates the thick
// > Mn particles. The ground truth is known, so the notebook can say how well the method recovers
// > it. For your own data, replace the simulate-and-write step by your list of files, their
// > sample-free regions and the reference spectra.

// %%
import * as fs from "fs";
import * as ew from "edgeworks";
import { show, progress } from "edgeworks/kernel";

// %% [markdown]
// ## The data and the preprocessing
//
// Per edge: the recorded energies, the pre-edge background range, the L₃ range whose area every
// pixel is divided by, the paper's brightness range (Ni 851–857, Co 776–784, Mn 638–647 eV), the
// energies kept for the analysis (the L₃ region, background included) and the number of NMF
// components.

// %%
const edges = {
  Ni: { seed: 181, k: 2, background: [845, 849], area: [850, 860], brightness: [851, 857], range: [845, 860] },
  Co: { seed: 182, k: 2, background: [770, 774], area: [775, 790], brightness: [776, 784], range: [770, 790] },
  Mn: { seed: 183, k: 3, background: [630, 634], area: [636, 650], brightness: [638, 647], range: [630, 650] },
} as const;
type Edge = keyof typeof edges;
const EDGES = Object.keys(edges) as Edge[];

// %% [markdown]
// Simulate each edge's first-cycle series, write it as raw files, read the files back and
// preprocess them with `preprocessSeries`: I₀ from the sample-free region, absorbance, alignment,
// energy calibration against the reference powder measured in the same session (`references.json`),
// per-pixel normalisation, and the noise filter (Otsu's threshold on the background noise). Pixels
// of carbon/binder alone have no L₃ edge to normalise by; they are dropped or filtered out.
//
// One step more than at the O K edge: the dimmest quarter of the remaining pixels (lowest L₃ area,
// the thin edges of particles) is left out. Normalising them by a small area amplifies their noise,
// and at Mn that noise, not chemistry, then makes the most extreme points of the pixel cloud (the
// S17 notebook shows the same: the dim pixels are the ones the end members describe worst).

// %%
const series = {} as Record<Edge, ew.SimulatedSeries>;
const T = {} as Record<Edge, ew.PixelTable>;
const log = [];
for (const edge of EDGES) {
  const c = edges[edge];
  series[edge] = ew.simulateTransitionMetalSeries({ edge, seed: c.seed });
  const written = await ew.writeSimulatedSeries(`simulated-data/gent2017-s18/${edge}`, series[edge], { formats: ["sdf"] });
  const refs = JSON.parse(fs.readFileSync(written.references, "utf8"));
  const samples = [];
  for (const [i, s] of written.samples.entries()) {
    samples.push({ stack: await ew.readStack(s.sdf!), name: s.name, freeRegion: s.freeRegion, sessionReference: refs.session[i] });
  }
  const pre = ew.preprocessSeries(samples, {
    reference: refs.canonical,
    grid: ew.transitionMetalEnergies(edge),
    normalize: { background: c.background, area: c.area, brightness: c.brightness },
    energyRange: c.range,
  });
  const b = Array.from(pre.table.brightness).sort((x, y) => x - y);
  const dim = b[Math.floor(0.25 * b.length)];
  T[edge] = ew.selectRows(pre.table, Array.from(pre.table.brightness, (v) => v > dim));
  log.push({ edge, samples: samples.length, energies: T[edge].nE, "not normalisable": pre.dropped.reduce((x, y) => x + y, 0),
    "removed by the noise filter": pre.noise.removed, "dimmest quarter (L3 area <)": dim, "pixels analysed": T[edge].nPixels });
}
log

// %% [markdown]
// ## Top row: PCA cumulative variance
//
// Mean-centred PCA of each edge's pixel table. In the paper the Co and Mn images had larger
// pixels, hence fewer of them and a larger share of noise in the variance: their cumulative
// variance rises more slowly. The simulated Co and Mn pixels are also larger (60 nm against 40 nm
// for Ni), and Co has the weakest resonant signal.

// %%
const p = {} as Record<Edge, ew.PcaResult>;
for (const edge of EDGES) p[edge] = ew.pca(T[edge].data, T[edge].nPixels, T[edge].nE, { center: true, nComponents: 10 });
const screes = EDGES.map((edge) => ew.screeSpec(p[edge].explainedVarianceRatio, { nShow: 10, cumulative: true, title: `${edge} L3`, width: 230, height: 170 }));
await show({ $schema: "https://vega.github.io/schema/vega-lite/v5.json", hconcat: screes });
EDGES.map((edge) => ({ edge, "PC1 (%)": 100 * p[edge].cumulativeVarianceRatio[0], "PC1–2 (%)": 100 * p[edge].cumulativeVarianceRatio[1],
  "PC1–3 (%)": 100 * p[edge].cumulativeVarianceRatio[2], suggested: p[edge].suggestion.nComponents }))

// %% [markdown]
// ## Middle row: NMF
//
// NMF with 2 (Ni), 2 (Co) and 3 (Mn) components. The background subtraction leaves small negative
// values in the pre-edge, set to zero for the fit. Each pixel's NMF coordinates are scaled to sum 1,
// so mixtures of two end members lie on a line and mixtures of three inside a triangle.
//
// Co and Mn need more than scikit-learn's default 200 iterations: with its stopping rule (tolerance
// 1e-4 on the projected gradient) they converge after about 1,070 and 1,950. scikit-learn's
// `NMF(solver="cd", init="nndsvda")` on the same pixels stops at the same iterations with the same
// error (251, 1,072 and 1,948), so this is the data, not the solver.

// %%
const nm = {} as Record<Edge, ew.NmfResult>;
const Wn = {} as Record<Edge, Float64Array>;
for (const edge of EDGES) {
  const { k } = edges[edge];
  const X = T[edge].data.map((v) => Math.max(0, v));
  const bar = progress(3000, { label: `NMF ${edge}, ${k} components` });
  nm[edge] = await ew.nmfAsync(X, T[edge].nPixels, T[edge].nE, { k, init: "nndsvda", maxIter: 3000, onProgress: (it) => bar.update(it) });
  bar.done(`${nm[edge].nIter} iterations, converged: ${nm[edge].converged}`);
  Wn[edge] = ew.normalizeRows(nm[edge].W, T[edge].nPixels, k);
}

// %% [markdown]
// ## End members: the extremes of the pixel cloud
//
// `suggestEndmembers` finds the extreme pixels (VCA) and averages a cluster at each — here 1 % of
// the pixels of the edge — as the paper averages "a small cluster of the observed single pixel
// spectra at the extremes"; it then refines each cluster to the pixels that are purest and best
// determined (least-squares abundance minus four standard errors), so noise does not pick them. Naming them: at Ni the Ni²⁺ member has more weight at 852.9 eV
// than at 855.1 eV; at Co the Co³⁺ member peaks lower in energy (779.8 against 780.4 eV). At Mn the
// saturated member comes from the thickest particles, so its pixels are the brightest (largest L₃
// area in OD before normalisation); of the other two, the surface Mn³⁺ member has more weight at
// 641.6 eV, below the Mn⁴⁺ maximum at 643.6 eV.

// %%
const at = (s: ArrayLike<number>, energies: ArrayLike<number>, e: number) => s[Array.from(energies).findIndex((x) => x >= e)];
const meanBrightness = (edge: Edge, rows: Int32Array) => rows.reduce((a, r) => a + T[edge].brightness[r], 0) / rows.length;
const sug = {} as Record<Edge, ew.SuggestedEndmembers>;
const members = {} as Record<Edge, Float64Array[]>;
const names = { Ni: ["1 Ni2+", "2 Ni4+"], Co: ["1 Co3+", "2 Co4+"], Mn: ["1 Mn4+", "2 Mn3+/4+ (surface)", "3 saturated Mn"] };
for (const edge of EDGES) {
  const { k } = edges[edge], t = T[edge];
  sug[edge] = ew.suggestEndmembers(t.data, t.nPixels, t.nE, { k, seed: 1, clusterSize: Math.round(0.01 * t.nPixels) });
  const m = [...Array(k).keys()].map((j) => sug[edge].spectra.subarray(j * t.nE, (j + 1) * t.nE));
  const ratio = (j: number, lo: number, hi: number) => at(m[j], t.energies, lo) / at(m[j], t.energies, hi);
  let order: number[];
  if (edge === "Ni") order = [0, 1].sort((a, b) => ratio(b, 852.9, 855.1) - ratio(a, 852.9, 855.1));
  else if (edge === "Co") order = [0, 1].sort((a, b) => ratio(b, 779.4, 781.0) - ratio(a, 779.4, 781.0));
  else {
    const sat = [0, 1, 2].reduce((b, j) => (meanBrightness(edge, sug[edge].clusters[j]) > meanBrightness(edge, sug[edge].clusters[b]) ? j : b), 0);
    const [mn4, mn3] = [0, 1, 2].filter((j) => j !== sat).sort((a, b) => ratio(a, 641.6, 643.6) - ratio(b, 641.6, 643.6));
    order = [mn4, mn3, sat];
  }
  sug[edge] = { ...sug[edge], clusters: order.map((j) => sug[edge].clusters[j]) };
  members[edge] = order.map((j) => m[j]);
}
EDGES.flatMap((edge) => names[edge].map((name, j) => ({ edge, "end member": name, pixels: sug[edge].clusters[j].length,
  "mean L3 area": meanBrightness(edge, sug[edge].clusters[j]),
  "pixels from each sample": T[edge].samples.map((_, i) => sug[edge].clusters[j].filter((r) => T[edge].sample[r] === i).length).join(" / ") })))

// %% [markdown]
// ## Supplementary Figure 18
//
// Top: cumulative variance. Middle: the pixels in NMF space (every pixel's coordinates scaled to sum
// 1; grey, with the end-member clusters coloured). Bottom: the end-member spectra.

// %%
const scatters = EDGES.map((edge) => ew.scoreScatterSpec(Wn[edge], T[edge].nPixels, edges[edge].k, {
  x: 0, y: 1, axisPrefix: "NMF ", width: 230, height: 200, maxPoints: 8000, size: 6,
  title: `${edge} L3, ${edges[edge].k} components`,
  regions: names[edge].map((name, j) => ({ name, indices: sug[edge].clusters[j] })),
}));
// the end members over the L3 range (the pre-edge background is flat and zero)
const l3 = (edge: Edge) => T[edge].energies.findIndex((e) => e >= edges[edge].area[0]);
const spectra = EDGES.map((edge) => ew.spectraSpec(T[edge].energies.subarray(l3(edge)), members[edge].map((m) => m.subarray(l3(edge))), names[edge], {
  title: `${edge} L3 end members`, yLabel: "normalised absorbance", width: 230, height: 170,
}));
await show({
  $schema: "https://vega.github.io/schema/vega-lite/v5.json",
  resolve: { scale: { color: "independent" } },
  vconcat: [{ hconcat: screes }, { hconcat: scatters, resolve: { scale: { color: "independent" } } }, { hconcat: spectra, resolve: { scale: { color: "independent" } } }],
});

// %% [markdown]
// ## Mn with only two end members
//
// The cumulative variance alone would hardly ask for a third Mn component. With two end members, as
// at Ni and Co, the extremes are thin, unsaturated Mn⁴⁺ and the saturated spectrum; fitting each of
// the two with the three end members above (non-negative linear combination, `lcf`) shows it. The
// surface Mn³⁺ of the discharged sample is then no extreme of its own: its pixels are described as
// Mn⁴⁺ plus "saturation", since both broaden the L₃ edge. (In the paper the second of two members
// was a mixture of Mn³⁺/⁴⁺ and saturated spectra; the ambiguity is the same.)

// %%
const two = ew.suggestEndmembers(T.Mn.data, T.Mn.nPixels, T.Mn.nE, { k: 2, seed: 1, clusterSize: Math.round(0.01 * T.Mn.nPixels) });
[0, 1].map((j) => {
  const f = ew.lcf(two.spectra.slice(j * T.Mn.nE, (j + 1) * T.Mn.nE), members.Mn.map((m) => Float64Array.from(m)));
  return { "two-member end member": j + 1, "mean L3 area": meanBrightness("Mn", two.clusters[j]),
    "pixels from each sample": T.Mn.samples.map((_, i) => two.clusters[j].filter((r) => T.Mn.sample[r] === i).length).join(" / "),
    ...Object.fromEntries(names.Mn.map((n, k) => [`weight of ${n}`, f.weights[k]])), "R-factor": f.rFactor };
})

// %% [markdown]
// What the third member buys: the residual of the per-pixel fit (‖x − Σ wᵢ eᵢ‖, as in the S17
// notebook), sample by sample, with the two and with the three end members. It drops most where
// the Mn³⁺ is, in the discharged sample.

// %%
const fit2 = ew.nnlsPixels(T.Mn.data, T.Mn.nPixels, T.Mn.nE, two.spectra, 2);
const fit3 = ew.nnlsPixels(T.Mn.data, T.Mn.nPixels, T.Mn.nE, Float64Array.from(members.Mn.flatMap((m) => Array.from(m))), 3);
T.Mn.samples.map((smp, i) => {
  const rows = [...Array(T.Mn.nPixels).keys()].filter((r) => T.Mn.sample[r] === i);
  const mean = (f: ew.NnlsPixelsResult) => rows.reduce((a, r) => a + f.residualNorm[r], 0) / rows.length;
  return { sample: smp.name, "mean residual, 2 members": mean(fit2), "mean residual, 3 members": mean(fit3), "drop (%)": 100 * (1 - mean(fit3) / mean(fit2)) };
})

// %% [markdown]
// ## The Mn saturation member: which pixels carry it?
//
// Fit every Mn pixel with the three end members (per-pixel NNLS). The share of the saturated member
// in a pixel's weights should follow the particle thickness. Left: that share per sample; right: the
// thickness of active material the simulation planted. The analysed maps are cropped by a few
// pixels after the alignment; the ground truth is on the full, drift-free frame.

// %%
const mnFit = ew.nnlsPixels(T.Mn.data, T.Mn.nPixels, T.Mn.nE, Float64Array.from(members.Mn.flatMap((m) => Array.from(m))), 3, { extraneous: [2] });
const weights = ew.fractionMaps(T.Mn, mnFit.weights, 3);
// share of the saturated member: w3 / (w1 + w2 + w3)
const satShare = weights.map((w) => ({ title: w.name, ny: w.ny, nx: w.nx,
  image: w.images[2].map((v, i) => v / (w.images[0][i] + w.images[1][i] + v)) }));
const thickness = series.Mn.truth.samples.map((s) => ({ title: s.name, ny: s.ny, nx: s.nx, image: s.activeThickness }));
await show({
  $schema: "https://vega.github.io/schema/vega-lite/v5.json",
  resolve: { scale: { color: "independent" } },
  vconcat: [
    ew.mapsGridSpec(satShare, { columns: 4, domain: [0, 1], legendTitle: "saturated share", title: "NNLS: share of end member 3 (saturated Mn)", size: 180 }),
    ew.mapsGridSpec(thickness, { columns: 4, legendTitle: "thickness", colorScheme: "greys", title: "ground truth: active-material thickness", size: 180 }),
  ],
});

// %% [markdown]
// In the pristine and charged samples the saturated member carries the cores of the thick
// particles: where the planted thickness is largest, its share is largest. In the discharged
// sample it carries little: there the surface-Mn³⁺ member takes the broadening too, because
// saturation and Mn reduction broaden the L₃ edge alike — the ambiguity the paper describes, and
// why its Mn oxidation-state maps (the ratio of the Mn⁴⁺ and Mn³⁺/⁴⁺ weights after fitting all three
// members) are cropped to particles with little saturation. The simulation's count of saturated
// pixels (true OD above 3 at some energy, over the whole field of view) for comparison:

// %%
series.Mn.truth.samples.map((s, i) => {
  const rows = [...Array(T.Mn.nPixels).keys()].filter((r) => T.Mn.sample[r] === i);
  const share = (r: number) => mnFit.weights[r * 3 + 2] / (mnFit.weights[r * 3] + mnFit.weights[r * 3 + 1] + mnFit.weights[r * 3 + 2]);
  const particle = s.activeThickness.filter((t) => t > 0);
  return { sample: s.name, "pixels analysed": rows.length, "share of member 3 > 0.5": rows.filter((r) => share(r) > 0.5).length,
    "saturated in the truth": s.saturatedPixels, "largest planted thickness": Math.max(...particle),
    "mean planted thickness": particle.reduce((a, t) => a + t, 0) / particle.length };
})

// %% [markdown]
// ## How close are the end members to what was planted?
//
// The simulation knows its end-member spectra. Normalised like the pixels (same background and L₃
// area ranges) and put on the analysis energies, they can be compared with the suggested ones; a
// correlation of 1 means the same shape. The saturated Mn member has no planted spectrum of its
// own: it is the Mn⁴⁺ spectrum distorted by saturation, so it is compared with Mn⁴⁺.

// %%
const planted = (edge: Edge, j: number) => {
  const m = series[edge].truth.endMembers[j];
  const s = ew.normalizeSpectrum({ energies: Float64Array.from(m.energies), values: Float64Array.from(m.mu) }, { background: edges[edge].background, area: edges[edge].area });
  return Float64Array.from(T[edge].energies, (e) => s.values[s.energies.findIndex((x) => x >= e - 1e-9)]);
};
EDGES.flatMap((edge) => names[edge].map((name, j) => {
  const ref = j < 2 ? j : 0;
  return { edge, "end member": name, planted: series[edge].truth.endMembers[ref].model.name + (ref !== j ? " (unsaturated)" : ""),
    correlation: ew.pearson(members[edge][j], planted(edge, ref)) };
}))

// %% [markdown]
// Ni²⁺, Ni⁴⁺, Co³⁺ and Mn⁴⁺ come back almost exactly. Co⁴⁺ less so: no pixel is pure Co⁴⁺ (the
// charged electrodes hold about half Co⁴⁺), so the most extreme pixels are still mixtures. The same
// holds more strongly for Mn³⁺, which lives only in a thin surface shell of the discharged particles:
// the end member is a Mn³⁺/Mn⁴⁺ mixture, as the paper names it. The saturated member resembles
// Mn⁴⁺ with a flattened, broadened L₃ maximum — the distortion thick particles add.
