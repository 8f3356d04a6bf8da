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
// > it. For your own data, read your files with `ew.readSeries` (each with its sample-free region
// > and the session's reference spectrum) instead of `sim.loadSimulatedSeries`.

// %%
import * as ew from "edgeworks";
import * as sim from "edgeworks/simulate";
import { show, progress } from "edgeworks/kernel";

// %% [markdown]
// ## The data and the preprocessing
//
// Per edge: the pre-edge background range, the L₃ range whose area every pixel is divided by, the
// paper's brightness range (Ni 851–857, Co 776–784, Mn 638–647 eV), the energies kept for the
// analysis (the L₃ region, background included), the number of NMF components and the names of
// the end members.

// %%
const edges = {
  Ni: { seed: 181, background: [845, 849], area: [850, 860], brightness: [851, 857], range: [845, 860], names: ["1 Ni2+", "2 Ni4+"] },
  Co: { seed: 182, background: [770, 774], area: [775, 790], brightness: [776, 784], range: [770, 790], names: ["1 Co3+", "2 Co4+"] },
  Mn: { seed: 183, background: [630, 634], area: [636, 650], brightness: [638, 647], range: [630, 650], names: ["1 Mn4+", "2 Mn3+/4+ (surface)", "3 saturated Mn"] },
} as const;
type Edge = keyof typeof edges;
const EDGES = Object.keys(edges) as Edge[];

// %% [markdown]
// Simulate each edge's first-cycle series, write it as raw files and read them back
// (`loadSimulatedSeries`), and preprocess them (`preprocessSeries`): I₀ from the sample-free
// region, absorbance, alignment, energy calibration against the reference powder measured in the
// same session, per-pixel normalisation, and the noise filter (Otsu's threshold on the background
// noise). Pixels of carbon/binder alone have no L₃ edge to normalise by; they are dropped or
// filtered out.
//
// One step more than at the O K edge: the dimmest quarter of the remaining pixels (lowest L₃ area,
// the thin edges of particles) is left out. Normalising them by a small area amplifies their noise,
// and at Mn that noise, not chemistry, then makes the most extreme points of the pixel cloud (the
// S17 notebook shows the same: the dim pixels are the ones the end members describe worst).

// %%
const series = {} as Record<Edge, sim.SimulatedSeries>;
const pre = {} as Record<Edge, ew.PreprocessSeriesResult>;
const T = {} as Record<Edge, ew.PixelTable>;
for (const edge of EDGES) {
  const c = edges[edge];
  const data = await sim.loadSimulatedSeries(`simulated-data/gent2017-s18/${edge}`, sim.simulateTransitionMetalSeries({ edge, seed: c.seed }));
  series[edge] = data.series;
  pre[edge] = ew.preprocessSeries(data.samples, {
    reference: data.reference, grid: sim.transitionMetalEnergies(edge), energyRange: c.range,
    normalize: { background: c.background, area: c.area, brightness: c.brightness },
  });
  const dim = [...pre[edge].table.brightness].sort((a, b) => a - b)[Math.floor(0.25 * pre[edge].table.nRows)];
  T[edge] = ew.selectRows(pre[edge].table, pre[edge].table.brightness.map((b) => (b > dim ? 1 : 0)));
}
EDGES.map((edge) => ({ edge, energies: T[edge].nCols, "not normalisable": pre[edge].dropped.reduce((x, y) => x + y, 0),
  "removed by the noise filter": pre[edge].noise.removed, "pixels analysed": T[edge].nRows }))

// %% [markdown]
// ## Top row: PCA cumulative variance
//
// Mean-centred PCA of each edge's pixel table. In the paper the Co and Mn images had larger
// pixels, hence fewer of them and a larger share of noise in the variance: their cumulative
// variance rises more slowly. The simulated Co and Mn pixels are also larger (60 nm against 40 nm
// for Ni), and Co has the weakest resonant signal.

// %%
const p = {} as Record<Edge, ew.PcaResult>;
for (const edge of EDGES) p[edge] = ew.pca(T[edge], { k: 10 });
EDGES.map((edge) => ({ edge, "PC1 (%)": 100 * p[edge].cumulativeVarianceRatio[0], "PC1–2 (%)": 100 * p[edge].cumulativeVarianceRatio[1],
  "PC1–3 (%)": 100 * p[edge].cumulativeVarianceRatio[2], suggested: p[edge].suggestion.nComponents }))

// %% [markdown]
// ## Middle row: NMF
//
// NMF with 2 (Ni), 2 (Co) and 3 (Mn) components. The background subtraction leaves small negative
// values in the pre-edge, set to zero for the fit (`clipNegative`). In the figure each pixel's NMF
// coordinates are scaled to sum 1, so mixtures of two end members lie on a line and mixtures of
// three inside a triangle.
//
// Co and Mn need more than scikit-learn's default 200 iterations: with its stopping rule (tolerance
// 1e-4 on the projected gradient) they converge after about 1,070 and 1,950. scikit-learn's
// `NMF(solver="cd", init="nndsvda")` on the same pixels stops at the same iterations with the same
// error (251, 1,072 and 1,948), so this is the data, not the solver.

// %%
const nm = {} as Record<Edge, ew.NmfResult>;
for (const edge of EDGES) {
  const k = edges[edge].names.length;
  const bar = progress(3000, { label: `NMF ${edge}, ${k} components` });
  nm[edge] = await ew.nmfAsync(T[edge], { k, init: "nndsvda", maxIter: 3000, clipNegative: true, onProgress: (it) => bar.update(it) });
  bar.done(`${nm[edge].nIter} iterations, converged: ${nm[edge].converged}`);
}

// %% [markdown]
// ## End members: the extremes of the pixel cloud
//
// `suggestEndmembers` finds the extreme pixels (VCA) and averages a cluster at each — here 1 % of
// the pixels of the edge — as the paper averages "a small cluster of the observed single pixel
// spectra at the extremes"; it then refines each cluster to the pixels that are purest and best
// determined (least-squares abundance minus four standard errors), so noise does not pick them.
// Naming them (`orderEndmembers`): at Ni the Ni²⁺ member has more weight at 852.9 eV than at
// 855.1 eV; at Co the Co³⁺ member peaks lower in energy (more weight at 779.4 than at 781.0 eV). At
// Mn the saturated member comes from the thickest particles, so its pixels are the brightest
// (largest L₃ area in OD before normalisation); of the other two, the surface Mn³⁺ member has more
// weight at 641.6 eV, below the Mn⁴⁺ maximum at 643.6 eV.

// %%
const mean = (v: ArrayLike<number>, rows: ArrayLike<number>) => Array.from(rows, (r) => v[r]).reduce((a, b) => a + b, 0) / rows.length;
const perSample = (t: ew.PixelTable, rows: Int32Array) => t.samples.map((_, i) => rows.filter((r) => t.sample[r] === i).length).join(" / ");
const suggest = (edge: Edge, k: number) => ew.suggestEndmembers(T[edge], { k, seed: 1, clusterSize: Math.round(0.01 * T[edge].nRows) });
const mnFound = suggest("Mn", 3);
const em = {
  Ni: ew.orderEndmembers(suggest("Ni", 2), { by: { ratio: [852.9, 855.1] }, descending: true, names: edges.Ni.names }),
  Co: ew.orderEndmembers(suggest("Co", 2), { by: { ratio: [779.4, 781.0] }, descending: true, names: edges.Co.names }),
  Mn: ew.orderEndmembers(mnFound, { highestLast: (s) => mean(T.Mn.brightness, mnFound.clusters[mnFound.members.names.indexOf(s.name!)]),
    by: { ratio: [641.6, 643.6] }, names: edges.Mn.names }),
};
EDGES.flatMap((edge) => em[edge].members.names.map((name, j) => ({ edge, "end member": name, pixels: em[edge].clusters[j].length,
  "mean L3 area": mean(T[edge].brightness, em[edge].clusters[j]), "pixels from each sample": perSample(T[edge], em[edge].clusters[j]) })))

// %% [markdown]
// ## Supplementary Figure 18
//
// Top: cumulative variance. Middle: the pixels in NMF space (every pixel's coordinates scaled to sum
// 1; grey, with the end-member clusters in the colours of their spectra). Bottom: the end-member
// spectra over the L₃ range (the pre-edge background is flat and zero).

// %%
await show(ew.panelsSpec([
  EDGES.map((edge) => ew.screeSpec(p[edge], { nShow: 10, cumulative: true, title: `${edge} L3` })),
  EDGES.map((edge) => ew.scoreScatterSpec(nm[edge], { normalizeRows: true, regions: em[edge], maxPoints: 8000, size: 6, title: `${edge} L3, ${em[edge].members.nRows} components` })),
  EDGES.map((edge) => ew.spectraSpec(em[edge].members, { energyRange: [edges[edge].area[0], edges[edge].range[1]], title: `${edge} L3 end members`, yLabel: "normalised absorbance" })),
]));

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
const two = suggest("Mn", 2);
ew.spectraList(two.members).map((m, j) => {
  const f = ew.lcf(m, em.Mn.members);
  return { "two-member end member": m.name, "mean L3 area": mean(T.Mn.brightness, two.clusters[j]), "pixels from each sample": perSample(T.Mn, two.clusters[j]),
    ...Object.fromEntries(f.names.map((n, k) => [`weight of ${n}`, f.weights[k]])), "R-factor": f.rFactor };
})

// %% [markdown]
// What the third member buys: the residual of the per-pixel fit (‖x − Σ wᵢ eᵢ‖, as in the S17
// notebook), sample by sample, with the two and with the three end members. It drops most where
// the Mn³⁺ is, in the discharged sample.

// %%
const residual2 = ew.summarizeBySample(T.Mn, ew.nnlsPixels(T.Mn, two.members).residualNorm);
const mnFit = ew.nnlsPixels(T.Mn, em.Mn.members);
ew.summarizeBySample(T.Mn, mnFit.residualNorm).map((r, i) => ({ sample: r.sample, "mean residual, 2 members": residual2[i].mean,
  "mean residual, 3 members": r.mean, "drop (%)": 100 * (1 - (r.mean as number) / (residual2[i].mean as number)) }))

// %% [markdown]
// ## The Mn saturation member: which pixels carry it?
//
// The fit with the three end members again, now the share of the saturated member in each pixel's
// weights (`fractions` with no member left out: w₃ / (w₁ + w₂ + w₃)), which should follow the
// particle thickness. Top: that share per sample; bottom: the thickness of active material the
// simulation planted. The analysed maps are cropped by a few pixels after the alignment; the
// ground truth is on the full, drift-free frame.

// %%
const thickness = series.Mn.truth.samples.map((s, i) => ({ title: s.name, image: s.activeThickness, ny: s.ny, nx: s.nx, pixelSize: T.Mn.samples[i].pixelSize }));
await show({
  $schema: "https://vega.github.io/schema/vega-lite/v5.json",
  resolve: { scale: { color: "independent" } },
  vconcat: [
    ew.mapsGridSpec(mnFit.maps(), { maps: ["3 saturated Mn"], rows: "maps", legendTitle: "saturated share", title: "NNLS: share of end member 3 (saturated Mn)" }),
    ew.mapsGridSpec(thickness, { columns: 4, size: 165, legendTitle: "thickness", colorScheme: "greys", title: "ground truth: active-material thickness" }),
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
const saturated = ew.summarizeBySample(T.Mn, ew.columnOf(mnFit.fractions, 2).map((share) => (share > 0.5 ? 1 : 0)));
series.Mn.truth.samples.map((s, i) => {
  const particle = s.activeThickness.filter((t) => t > 0);
  return { sample: s.name, "pixels analysed": saturated[i].pixels, "share of member 3 > 0.5": Math.round((saturated[i].mean as number) * saturated[i].pixels),
    "saturated in the truth": s.saturatedPixels, "largest planted thickness": Math.max(...particle), "mean planted thickness": particle.reduce((a, t) => a + t, 0) / particle.length };
})

// %% [markdown]
// ## How close are the end members to what was planted?
//
// The simulation knows its end-member spectra. Normalised like the pixels (same background and L₃
// area ranges) and put on the analysis energies, they can be compared with the suggested ones; a
// correlation of 1 means the same shape. The saturated Mn member has no planted spectrum of its
// own: it is the Mn⁴⁺ spectrum distorted by saturation, so it is compared with Mn⁴⁺.

// %%
EDGES.flatMap((edge) => ew.spectraList(em[edge].members).map((m, j) => {
  const truth = series[edge].truth.endMembers[j < 2 ? j : 0];
  const planted = ew.normalizeSpectrum({ energies: Float64Array.from(truth.energies), values: Float64Array.from(truth.mu) }, { background: edges[edge].background, area: edges[edge].area });
  return { edge, "end member": m.name, planted: truth.model.name + (j < 2 ? "" : " (unsaturated)"), correlation: ew.pearson(m.values, ew.resample(planted, T[edge].energies).values) };
}))

// %% [markdown]
// Ni²⁺, Ni⁴⁺, Co³⁺ and Mn⁴⁺ come back almost exactly. Co⁴⁺ less so: no pixel is pure Co⁴⁺ (the
// charged electrodes hold about half Co⁴⁺), so the most extreme pixels are still mixtures. The same
// holds more strongly for Mn³⁺, which lives only in a thin surface shell of the discharged particles:
// the end member is a Mn³⁺/Mn⁴⁺ mixture, as the paper names it. The saturated member resembles
// Mn⁴⁺ with a flattened, broadened L₃ maximum — the distortion thick particles add.
