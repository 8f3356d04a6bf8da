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
// # Getting started with edgeworks
//
// edgeworks analyses X-ray spectroscopy and spectromicroscopy data in TypeScript, step by step,
// in this notebook. This notebook runs on the **TypeScript (edgeworks)** kernel and shows the
// things everything else builds on:
//
// 1. spectra and a table of pixels × energies, the shapes every analysis function takes,
// 2. a chart (a Vega-Lite chart JupyterLab draws, with an SVG copy for GitHub and nbviewer), and
//    results that display themselves when they end a cell,
// 3. an interactive widget whose selection reaches the kernel.

// %%
import * as ew from "edgeworks";
import { createRng } from "edgeworks/simulate";
import { show, scatterSelect } from "edgeworks/kernel";

// %% [markdown]
// ## Two spectra
//
// Made-up O K pre-edge spectra on one energy axis: `spectrum(f)` has the TM–O peaks at 529.3 and
// 531.5 eV and, for an oxidised fraction `f`, less of them and the oxidised-oxygen feature at
// 530.8 eV. A `Spectra` set is a matrix (spectra × energies) that knows its energies and names;
// `ew.spectraSpec` draws it and `show` displays the chart.

// %%
const energies = Float64Array.from({ length: 81 }, (_, i) => 526 + 0.1 * i);
const spectrum = (f: number) => energies.map((e) => [[529.3, 1 - 0.2 * f], [530.8, 0.7 * f], [531.5, 0.6 - 0.2 * f]].reduce((sum, [at, height]) => sum + height * Math.exp(-(((e - at) / 0.45) ** 2)), 0));
await show(ew.spectraSpec(ew.makeSpectra({ energies, names: ["reduced", "oxidised"], values: [spectrum(0), spectrum(1)] }), { title: "Two spectra", highlight: [530.8] }));

// %% [markdown]
// ## A table of pixels × energies
//
// 400 pixels, each a mixture of the two: the first 200 mostly reduced (oxidised fraction about
// 0.2), the others mostly oxidised (about 0.8), with a little noise from a seeded generator so the
// notebook gives the same result every time. In a real analysis this is the `PixelTable` that
// `ew.preprocessSeries` makes from your STXM stacks (one row per pixel, one column per energy, and
// each row's sample and position). A value that ends a cell displays itself: here the table's
// shape and its first spectra.

// %%
const rng = createRng(2017);
const T = ew.makeSpectra({ energies, dim: "pixel", values: Array.from({ length: 400 }, (_, i) => spectrum((i < 200 ? 0.2 : 0.8) + rng.normal(0, 0.08)).map((v) => v + rng.normal(0, 0.02))) });
T

// %% [markdown]
// ## Principal component analysis
//
// `ew.pca` takes the table as it is. Its result shows the variance each component explains and how
// many components the data suggest: one here, since mixtures of two spectra, once the mean
// spectrum is subtracted, vary along one direction only (the rest is noise). `p.components` are
// the component spectra, `p.scores` one row per pixel.

// %%
const p = ew.pca(T);
p

// %% [markdown]
// ## A widget: select pixels by brushing
//
// Every pixel is a point in the plane of its first two PCA scores; the two groups of pixels are two
// clouds. Drag a rectangle over some points in the plot below. The indices of the pixels inside
// reach the kernel as `w.selection` (a `Uint32Array`); the next cell reads them.

// %%
const w = scatterSelect(ew.columnOf(p.scores!, 0), ew.columnOf(p.scores!, 1), { xLabel: "PC1", yLabel: "PC2", title: "Brush to select" });
w

// %%
console.log(`selected ${w.selection.length} points`);

// %% [markdown]
// In a later cell you can also wait for the next selection (`await w.nextSelection()`), react to
// every change (`w.onSelection(cb)`), or select from code (`w.select([0, 1, 2])`). The brushed
// pixels' average spectrum is an end member: `ew.endmemberFromPixels(T, w.selection, { name: "brushed" })`.
