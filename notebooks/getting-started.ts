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
// in this notebook. This notebook runs on the **TypeScript (edgeworks)** kernel and shows the three
// things everything else builds on:
//
// 1. importing the library,
// 2. showing a chart (a Vega-Lite chart JupyterLab draws, with an SVG copy for GitHub and nbviewer),
// 3. an interactive widget whose selection reaches the kernel.

// %%
import * as ew from "edgeworks";
import { show, scatterSelect } from "edgeworks/kernel";

// %% [markdown]
// ## Some points
//
// Two clouds of points, made from a deterministic formula so the notebook gives the same result
// every time. In a real analysis these would be the PCA or NMF scores of every pixel.

// %%
const n = 400;
const x = new Float64Array(n);
const y = new Float64Array(n);
const group: string[] = [];
for (let i = 0; i < n; i++) {
  const a = (i * 2.399963) % (2 * Math.PI);   // golden-angle spiral
  const r = Math.sqrt((i % 200) / 200);
  const c = i < 200 ? -1.5 : 1.5;
  x[i] = c + r * Math.cos(a);
  y[i] = 0.5 * c + r * Math.sin(a);
  group.push(i < 200 ? "reduced-like" : "oxidised-like");
}

// %% [markdown]
// ## A chart
//
// `ew.scatterSpec` builds a Vega-Lite spec; `show` displays it.

// %%
await show(ew.scatterSpec(x, y, { xLabel: "component 1", yLabel: "component 2", group, title: "Two clusters" }));

// %% [markdown]
// ## A widget: select points by brushing
//
// Drag a rectangle over some points in the plot below. The indices of the points inside reach the
// kernel as `w.selection` (a `Uint32Array`); the next cell reads them.

// %%
const w = scatterSelect(x, y, { xLabel: "component 1", yLabel: "component 2", title: "Brush to select" });
w

// %%
console.log(`selected ${w.selection.length} points`);

// %% [markdown]
// In a later cell you can also wait for the next selection (`await w.nextSelection()`), react to
// every change (`w.onSelection(cb)`), or select from code (`w.select([0, 1, 2])`).
