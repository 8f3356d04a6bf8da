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
// # Li et al., Supplementary Fig. 11 — lattice parameters against state of charge
//
// The paper follows the lattice of Li1.2Ni0.4Ru0.4O2 through charge and discharge by Le Bail
// fits of in situ XRD in R-3m, and reports "a slight change in lattice c (~1 %)": the
// layered-rocksalt intergrowth barely strains. The in situ values are only drawn, not printed.
// What is printed are the two biphasic refinements at the ends of the Li range — pristine
// Li1.2 (Supplementary Table 1) and chemically delithiated Li0.2 (Table 2) — and two single-phase
// R-3m fits of the pristine material (Figs. 2 and 5). This notebook plots those, with their esds,
// against the Li content, and computes the strain between the two states for both phases.
//
// > **These are the paper's own numbers** from `data/li/` (see its README). No in situ series is
// > invented here. For your own in situ refinements, read each `.lst` with `readGsasLst` (or a
// > table of `value(esd)` cells with `readResultTable`) and pass the cells to `trendSpec`.

// %%
import * as ew from "edgeworks";
import * as dx from "edgeworks/diffraction";
import { show } from "edgeworks/kernel";

// %% [markdown]
// ## The refined cells at Li1.2 and Li0.2

// %%
const phases = dx.readResultTable(ew.dataFile("li/tables-s1-s6-phases.tsv")).table;
const ends = phases.filter((d: Record<string, unknown>) => d.table === "S1" || d.table === "S2");
const rows = ends.objects() as Record<string, number | string>[];
const m = (r: Record<string, number | string>, k: string): dx.Measured => ({ value: r[k] as number, esd: r[`${k}_esd`] as number });
const li = (r: Record<string, number | string>) => (r.table === "S1" ? 1.2 : 0.2);
dx.formatResultTable(ends).select("table", "sample", "phase", "fraction", "a", "c", "V")

// %% [markdown]
// Volumes per LiMO2 formula unit make the two phases comparable: the hexagonal R-3m cell holds
// three, the cubic Fm-3m cell two (four cations on 4a, four O on 4b).

// %%
const perFormula = (r: Record<string, number | string>) => dx.scaleMeasured(m(r, "V"), r.phase === "R-3m" ? 1 / 3 : 1 / 2);
const layered = rows.filter((r) => r.phase === "R-3m");
const rocksalt = rows.filter((r) => r.phase === "Fm-3m");
[...layered, ...rocksalt].map((r) => ({ phase: r.phase, "Li per formula": li(r), "V per LiMO2 (Å³)": dx.formatMeasured(perFormula(r)) }))

// %% [markdown]
// Both phases pack the same volume per formula unit to 0.1 % — the structural compatibility that
// lets them intergrow. On removing one Li per formula unit:

// %%
const change = (a: dx.Measured, b: dx.Measured) => dx.scaleMeasured(dx.divideMeasured(dx.subtractMeasured(b, a), a), 100);
({
  "R-3m a (%)": dx.formatMeasured(change(m(layered[0], "a"), m(layered[1], "a"))),
  "R-3m c (%)": dx.formatMeasured(change(m(layered[0], "c"), m(layered[1], "c"))),
  "R-3m V (%)": dx.formatMeasured(change(m(layered[0], "V"), m(layered[1], "V"))),
  "Fm-3m a (%)": dx.formatMeasured(change(m(rocksalt[0], "a"), m(rocksalt[1], "a"))),
  "Fm-3m V (%)": dx.formatMeasured(change(m(rocksalt[0], "V"), m(rocksalt[1], "V"))),
  "R-3m c/a, Li1.2 → Li0.2": `${((layered[0].c as number) / (layered[0].a as number)).toFixed(4)} → ${((layered[1].c as number) / (layered[1].a as number)).toFixed(4)}`,
})

// %% [markdown]
// The c axis changes by −0.37 %, well inside the "~1 %" of the in situ fits; the volumes of the
// two phases shrink alike (−2.75 % and −2.63 %), and the layered c/a ratio rises only slightly —
// no collapse of the interlayer spacing as in conventional layered oxides at high delithiation.
//
// ## The figure
//
// Cell parameters against the Li content x in LixNi0.4Ru0.4O2, with ±1 esd bars (smaller than
// the markers: a few 10⁻⁵ Å), and the volume per formula unit of both phases.

// %%
const x = [1.2, 0.2];
const panel = (k: string, label: string) => ew.trendSpec(x, [{ name: "R-3m", values: layered.map((r) => m(r, k)) }],
  { xLabel: "x in LixNi0.4Ru0.4O2", yLabel: label, width: 200, height: 200 });
await show(ew.panelsSpec([
  panel("a", "a (Å), R-3m"),
  panel("c", "c (Å), R-3m"),
  ew.trendSpec(x, [{ name: "R-3m", values: layered.map(perFormula) }, { name: "Fm-3m", values: rocksalt.map(perFormula) }],
    { xLabel: "x in LixNi0.4Ru0.4O2", yLabel: "V per LiMO2 (Å³)", width: 200, height: 200 }),
], { title: "Lattice against Li content (Supplementary Tables 1 and 2)" }));

// %% [markdown]
// The single-phase R-3m fits of the pristine material (Figs. 2 and 5) give a slightly smaller
// cell than the layered phase of the biphasic model: by about 0.0015 Å in a and 0.005–0.006 Å in
// c, many esds but only 0.05 % and 0.04 %:

// %%
const single = dx.readResultTable(ew.dataFile("li/figs-s2-s5-single-phase.tsv")).table.objects() as Record<string, number | string>[];
single.map((r) => ({ figure: r.figure, model: r.model, a: dx.formatMeasured(m(r, "a")), c: dx.formatMeasured(m(r, "c")),
  "a − a(biphasic) (Å)": dx.formatMeasured(dx.subtractMeasured(m(r, "a"), m(layered[0], "a"))),
  "c − c(biphasic) (Å)": dx.formatMeasured(dx.subtractMeasured(m(r, "c"), m(layered[0], "c"))) }))
