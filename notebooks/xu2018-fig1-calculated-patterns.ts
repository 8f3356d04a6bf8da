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
// # Xu et al. 2018, Figure 1 — calculated C2/m, C2/c and R-3m patterns of LNMO and LNRO
//
// Li₁.₂Ni₀.₂Mn₀.₆O₂ (LNMO) and Li₁.₂Ni₀.₂Ru₀.₆O₂ (LNRO) give similar patterns (Fig. 1a). Most
// peaks index in R-3m (α-NaFeO₂). The extra peaks "in the 2θ region of 5 to 8°, corresponding to
// 19 and 31° (CuKα radiation, 1.5406 Å)" come from Li/TM honeycomb order in the TM layer. This
// order is monoclinic: C2/m as in Li₂MnO₃ for LNMO, and C2/c as in Li₂RuO₃ for LNRO. The synchrotron
// patterns were measured at 11-BM with λ = 0.459 Å.
//
// > **Structures:** the paper's refined parameters (its Supplementary Tables 1–2) are not in the
// > text we have. The structures in `data/xu2018/` are therefore *idealised*: cubic close-packed
// > oxygen (O z = 0.2577) with typical layered cells (LNMO a = 2.857 Å, c = 14.25 Å; LNRO
// > a = 2.93 Å, c = 14.55 Å in hexagonal axes). The honeycomb order is stacked as in Li₂MnO₃ (C2/m)
// > or Li₂RuO₃ (C2/c), built and symmetrised by `python/ref_powder.py --build-structures`. Peak
// > *positions* of the superstructure follow from the cell; intensities are those of a perfectly
// > ordered model, with no stacking faults.

// %%
import * as ew from "edgeworks";
import * as dx from "edgeworks/diffraction";
import { show } from "edgeworks/kernel";

// %% [markdown]
// ## 1. The five structures

// %%
const files = { "LNMO C2/m": "xu2018/lnmo-c2m.cif", "LNMO R-3m": "xu2018/lnmo-r3m.cif", "LNRO C2/c": "xu2018/lnro-c2c.cif", "LNRO C2/m": "xu2018/lnro-c2m.cif", "LNRO R-3m": "xu2018/lnro-r3m.cif" };
const structures = Object.fromEntries(Object.entries(files).map(([k, f]) => [k, dx.readCifStructure(ew.dataFile(f))])) as Record<keyof typeof files, dx.Structure>;
Object.entries(structures).map(([name, s]) => {
  const uc = dx.expandSites(s);
  return { model: name, "space group": `${uc.spaceGroup.symbol} (${uc.spaceGroup.number})`, a: s.cell.a, b: s.cell.b, c: s.cell.c, "β (°)": s.cell.beta,
    "O per cell": uc.atoms.filter((a) => a.species === "O").length, "orbits (Wyckoff)": [...new Set(s.sites.map((x) => x.wyckoff ?? ""))].filter(Boolean).join(" ") };
})

// %% [markdown]
// ## 2. Patterns at the synchrotron wavelength, 0.459 Å
//
// The same structure gives the same *d*-spacings at any wavelength; only 2θ changes
// (λ = 2d sin θ). The band marks 5–8°, the superstructure region the paper names.

// %%
const at = (lambda: number | string, range: [number, number]) =>
  Object.fromEntries(Object.entries(structures).map(([k, s]) => [k, dx.powderPattern(s, { wavelength: lambda, twoThetaRange: range })])) as Record<keyof typeof files, dx.PowderPattern>;
const sync = at(0.459, [2, 30]);
await show(ew.powderPatternSpec(
  (["LNMO R-3m", "LNMO C2/m", "LNRO R-3m", "LNRO C2/m", "LNRO C2/c"] as const).map((k) => ({ name: k, pattern: sync[k] })),
  { twoThetaRange: [3, 20], offset: 125, profile: { fwhm: 0.02, eta: 0.5 }, regions: [{ range: [5, 8], label: "superstructure (5–8°)" }], labelAbove: 12, maxLabels: 6,
    title: "Xu 2018 Fig. 1: calculated patterns, λ = 0.459 Å (11-BM)" }));

// %% [markdown]
// ## 3. The superstructure region at both wavelengths
//
// The superstructure reflections are those of the monoclinic models that lie between the layered
// (003) and (101) peaks, where R-3m has no reflection. We list where they fall at 0.459 Å and at
// Cu Kα1 (1.5406 Å), for comparison with the paper's "5 to 8°, corresponding to 19 and 31°".

// %%
const cu = at("CuKa1", [10, 80]);
const between = (p: dx.PowderPattern, r: dx.PowderPattern) => {
  const lo = dx.findReflection(r, [0, 0, 3])!.d, hi = dx.findReflection(r, [1, 0, 1])!.d;
  return p.peaks.filter((k) => k.d < lo - 0.05 && k.d > hi + 0.05 && k.relative >= 0.3);
};
const tt = (d: number, lambda: number) => (2 * Math.asin(lambda / (2 * d)) * 180) / Math.PI;
(["LNMO C2/m", "LNRO C2/m", "LNRO C2/c"] as const).map((k) => {
  const peaks = between(cu[k], cu[k.startsWith("LNMO") ? "LNMO R-3m" : "LNRO R-3m"]);
  const ds = peaks.map((p) => p.d);
  const strongest = [...peaks].sort((a, b) => b.relative - a.relative)[0];
  return { model: k, "superstructure peaks ≥ 0.3 %": peaks.length,
    "d range (Å)": `${Math.max(...ds).toFixed(3)}–${Math.min(...ds).toFixed(3)}`,
    "2θ at 0.459 Å (°)": `${tt(Math.max(...ds), 0.459).toFixed(2)}–${tt(Math.min(...ds), 0.459).toFixed(2)}`,
    "2θ at Cu Kα1 (°)": `${tt(Math.max(...ds), 1.5406).toFixed(2)}–${tt(Math.min(...ds), 1.5406).toFixed(2)}`,
    strongest: `${strongest.label} at ${strongest.twoTheta.toFixed(2)}° Cu (${strongest.relative.toFixed(1)} %)` };
})

// %% [markdown]
// The superstructure peaks run from about 20° to 34° with Cu Kα1, and from about 6° to 10° at
// 0.459 Å. The strongest, (110), lies at 20.4–21.6° Cu, or 6.0–6.4° at 0.459 Å. The paper's
// "19 and 31°" (Cu) brackets the computed band. Its "5 to 8°" at 0.459 Å converts
// (λ = 2d sin θ) to 16.8–26.9° Cu. The two quoted ranges therefore describe the same region only
// roughly: 19–31° Cu is 5.7–9.2° at 0.459 Å.

// %%
const conversions = { "5° at 0.459 Å → d (Å)": 0.459 / (2 * Math.sin((2.5 * Math.PI) / 180)), "→ 2θ Cu Kα1 (°)": tt(0.459 / (2 * Math.sin((2.5 * Math.PI) / 180)), 1.5406),
   "8° at 0.459 Å → 2θ Cu Kα1 (°)": tt(0.459 / (2 * Math.sin((4 * Math.PI) / 180)), 1.5406), "19° Cu → 0.459 Å (°)": tt(1.5406 / (2 * Math.sin((9.5 * Math.PI) / 180)), 0.459),
   "31° Cu → 0.459 Å (°)": tt(1.5406 / (2 * Math.sin((15.5 * Math.PI) / 180)), 0.459) };
conversions

// %% [markdown]
// ## 4. C2/m vs C2/c for LNRO, Cu Kα
//
// The paper chose C2/c for LNRO because it fitted better than R-3m, and because the electron
// diffraction ruled out P2₁/m. The two monoclinic stackings differ mostly in the superstructure
// band. C2/c doubles the cell along c and adds reflections with odd l that C2/m does not have;
// the layered peaks hardly change.

// %%
await show(ew.powderPatternSpec((["LNRO C2/m", "LNRO C2/c"] as const).map((k) => ({ name: k, pattern: cu[k] })), {
  twoThetaRange: [17, 40], offset: 30, profile: { fwhm: 0.1, eta: 0.5 }, labelAbove: 1.5, maxLabels: 10,
  regions: [{ range: [19, 31], label: "19–31° (paper)" }], yLabel: "Intensity (strongest = 100; offset 30)",
  title: "LNRO, Cu Kα1: C2/m vs C2/c stacking of the honeycomb layers" }));

// %%
(["LNRO C2/m", "LNRO C2/c"] as const).map((k) => ({ model: k, "superstructure peaks (Cu, ≥ 0.3 %)": between(cu[k], cu["LNRO R-3m"]).map((p) => `${p.label} ${p.twoTheta.toFixed(2)}°`).join(", ") }))
