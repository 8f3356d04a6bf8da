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
// # Gent et al. 2017, Supplementary Figure 2 — the calculated pattern of the C2/m structure
//
// Supplementary Figure 2 is the Rietveld refinement of the pristine LMR-NMC pellet in C2/m. Its
// starting structure is Supplementary Table 1. Here we read that table (transcribed as a CIF),
// expand it with the C2/m operations, and calculate its Cu Kα powder pattern. We mark the (020)
// superstructure region, which the refinement did not fit because stacking faults change it.
//
// > The measured pattern is not public, so this notebook shows the *calculated* pattern of the
// > table's structure. Where the table has no displacement parameters, Uiso = 0.

// %%
import * as ew from "edgeworks";
import * as dx from "edgeworks/diffraction";
import { show } from "edgeworks/kernel";

// %% [markdown]
// ## 1. The structure of Supplementary Table 1
//
// The file `data/gent2017/table-s1-c2m.cif` holds the table as printed: a = 4.9558(1) Å,
// b = 8.5745(13) Å, c = 5.0316(1) Å, β = 109.267(1)°. It has Li/Ni on 2c and 4h (the Li layer),
// Li/TM on 2b and 4g (the TM layer), and O on 4i and 8j. "TM" is Ni : Co : Mn = 0.21 : 0.08 : 0.54,
// so each mixed site is written as one row per element at the same position. `readCifStructure`
// keeps the esds and checks the space group and the elements as it reads the file.

// %%
const s1 = dx.readCifStructure(ew.dataFile("gent2017/table-s1-c2m.cif"));
const cell = dx.expandSites(s1);
const withEsd = (k: "a" | "b" | "c" | "beta") => dx.formatValueEsd(s1.cell[k], s1.cell.esd?.[k] ?? NaN);
({ name: s1.name, "space group": `${cell.spaceGroup.symbol} (No. ${cell.spaceGroup.number}, ${cell.spaceGroup.operations.length} operations)`,
   "a (Å)": withEsd("a"), "b (Å)": withEsd("b"), "c (Å)": withEsd("c"), "β (°)": withEsd("beta"), "volume (Å³)": +dx.cellVolume(s1.cell).toFixed(3) })

// %% [markdown]
// Each site's multiplicity comes from the orbit expansion. The Wyckoff letters of the table must
// come out right: 2, 4, 2, 4, 4, 8 atoms per cell.

// %%
s1.sites.map((s, i) => ({ site: s.label, element: s.species, Wyckoff: s.wyckoff, x: s.x, y: s.y, z: s.z, occupancy: s.occupancy, "atoms in cell": cell.multiplicities[i] }))

// %% [markdown]
// The cell holds 12 O, so it holds 6 LiMO₂ units. Summing occupancies over all its atoms gives
// the composition the paper describes, "Li 1+0.17" with 0.83 TM. The TM in the Li layer, 1.8 % Ni
// on 2c/4h, is 2.2 % of all TM.

// %%
const sum = (els: string[], where: (a: dx.CellAtom) => boolean = () => true) =>
  cell.atoms.filter((a) => els.includes(a.species) && where(a)).reduce((t, a) => t + a.occupancy, 0) / 6;
const inLiLayer = (a: dx.CellAtom) => Math.abs(a.z - 0.5) < 1e-6;
const r4 = (v: number) => +v.toFixed(4);
({ "Li per LiMO2": r4(sum(["Li"])), "TM per LiMO2": r4(sum(["Ni", "Co", "Mn"])), "O per LiMO2": r4(sum(["O"])),
   "TM in the Li layer per LiMO2": r4(sum(["Ni", "Co", "Mn"], inLiLayer)), "…as % of all TM": r4((100 * sum(["Ni", "Co", "Mn"], inLiLayer)) / sum(["Ni", "Co", "Mn"])) })

// %% [markdown]
// ## 2. The Cu Kα pattern
//
// `powderPattern` finds every reflection up to 2θ = 90° and computes its structure factor from
// the X-ray form factors and the site occupancies. Symmetry-equivalent reflections are merged into
// families, each with its multiplicity. The Lorentz-polarisation factor of an unpolarised tube
// beam is applied, as in pymatgen's XRDCalculator. (The test suite holds this code to pymatgen
// within 10⁻⁴ in intensity for this structure.) The strongest reflections:

// %%
const xrd = dx.powderPattern(s1, { wavelength: "CuKa1", twoThetaRange: [10, 90] });
xrd.peaks.filter((p) => p.relative >= 5).map((p) => {
  const r = xrd.reflections[p.reflections[0]];
  return { hkl: p.label, "2θ (°)": +p.twoTheta.toFixed(3), "d (Å)": +p.d.toFixed(4), multiplicity: p.reflections.map((i) => xrd.reflections[i].multiplicity).join("+"), "I (strongest = 100)": +p.relative.toFixed(1), "|F|²": +r.f2.toFixed(1) };
})

// %% [markdown]
// The first peak, (001), comes from the layer spacing: d(001) = c·sin β = 4.749 Å, at 2θ = 18.67°.
// This is the (003) of the layered R-3m description.

// %%
const layerSpacing = { "c·sin β (Å)": +(s1.cell.c * Math.sin((s1.cell.beta * Math.PI) / 180)).toFixed(4), "d(001) (Å)": +dx.findReflection(xrd, [0, 0, 1])!.d.toFixed(4), "2θ(001) (°)": +dx.findReflection(xrd, [0, 0, 1])!.twoTheta.toFixed(3) };
layerSpacing

// %% [markdown]
// ## 3. The figure: profile, sticks, and the (020) region
//
// The profile has pseudo-Voigt peaks (Caglioti widths typical of a laboratory diffractometer).
// It includes Cu Kα2 at half the Kα1 intensity, so the doublets split at high angle. The band
// marks 20–23° 2θ, where the (020), (110) and (−111) reflections of the honeycomb Li/TM order fall.

// %%
const profile = dx.powderProfile(xrd, { fwhm: { U: 0.01, V: -0.005, W: 0.006 }, eta: 0.5, alpha2Ratio: 0.5, grid: { start: 10, stop: 90, step: 0.01 } });
await show(ew.powderPatternSpec([{ name: "Table S1 (C2/m)", pattern: xrd, profile }], {
  regions: [{ range: [20, 23], label: "(020) superstructure region" }], labelAbove: 6, title: "Gent 2017 S2: calculated Cu Kα pattern of the Table S1 structure" }));

// %% [markdown]
// ## 4. Why the superstructure peaks are so weak in this model
//
// The table puts the same 18.8 % Li on 2b and on 4g, as the Methods say ("evenly distributed
// through the 4g and 2b sites"). So the TM layer has no Li/TM contrast between the honeycomb
// sites. The (020)-region reflections then come only from the small shifts of 4g (y = 0.160,
// not 1/6) and of the oxygens. For comparison, we put all the TM-layer Li on 2b, with the same
// composition (2b: 0.564 Li + 0.436 TM, 4g: all TM). This is the honeycomb order of Li₂MnO₃,
// and its superstructure reflections appear. The numbers are relative to the strongest peak of
// each pattern.

// %%
const tm = (f: number) => [["Ni", (f * 0.21) / 0.83], ["Co", (f * 0.08) / 0.83], ["Mn", (f * 0.54) / 0.83]] as const;
const ordered: dx.Structure = {
  ...s1, name: "Li on 2b (honeycomb order)",
  sites: [
    ...s1.sites.filter((s) => !["2b", "4g"].includes(s.wyckoff ?? "")),
    { label: "Li2b", species: "Li", x: 0, y: 0.5, z: 0, occupancy: 0.564, uiso: 0 },
    ...tm(0.436).map(([el, o]) => ({ label: `${el}2b`, species: el, x: 0, y: 0.5, z: 0, occupancy: o, uiso: 0 })),
    ...tm(1).map(([el, o]) => ({ label: `${el}4g`, species: el, x: 0, y: 0.16, z: 0, occupancy: o, uiso: 0 })),
  ],
};
const xrdOrdered = dx.powderPattern(ordered, { wavelength: "CuKa1", twoThetaRange: [10, 90] });
const superRows = (p: dx.PowderPattern) => p.peaks.filter((k) => k.twoTheta > 19.5 && k.twoTheta < 34).map((k) => ({ hkl: k.label, "2θ (°)": +k.twoTheta.toFixed(2), I: +k.relative.toFixed(2) }));
({ "Table S1 (even Li on 2b and 4g)": superRows(xrd).map((r) => `${r.hkl} ${r["2θ (°)"]}°: ${r.I}`).join("; "),
   "Li on 2b (ordered)": superRows(xrdOrdered).map((r) => `${r.hkl} ${r["2θ (°)"]}°: ${r.I}`).join("; ") })

// %%
await show(ew.powderPatternSpec([{ name: "Table S1", pattern: xrd }, { name: "Li on 2b", pattern: xrdOrdered }], {
  twoThetaRange: [15, 40], offset: 40, labelAbove: 1.5, profile: { fwhm: 0.12, eta: 0.5 },
  regions: [{ range: [20, 23], label: "(020)" }], yLabel: "Intensity (strongest = 100; offset 40)",
  title: "Superstructure region: even Li on 2b/4g (Table S1) vs honeycomb-ordered Li" }));

// %% [markdown]
// With the honeycomb order, the reflections of the band reach 2–8 % of the (001) peak: (110) at
// 21.6° and (−111) at 24.2° are the strongest. In the Table S1 model they are 0.2 % or less. A refinement that
// fitted this region would have to model the Li order and the stacking faults together. This is
// the reason the paper gives for leaving the region out of the fit.
