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
// # Li et al., Supplementary Figure 3 — XRD of R-3m Li₁₋zNiz[Li₀.₂₊zNi₀.₄₋zRu₀.₄]O₂ with Li/Ni intermixing
//
// Supplementary Figure 3 simulates the XRD patterns of layered Li₁.₂Ni₀.₄Ru₀.₄O₂ in R-3m, with z of
// the Ni moved into the Li layer and z Li moved into the TM layer. It shows how the (003) and
// (101) intensities change relative to (104). The cell and oxygen position here are those of the
// layered phase in Supplementary Table 1 (a = 2.94194 Å, c = 14.40729 Å, O z = 0.25716; file
// `data/li/lnro-r3m-table-s1.cif`). In a structure, intermixing is only a change of the site
// occupancies.

// %%
import * as ew from "edgeworks";
import * as dx from "edgeworks/diffraction";
import { show } from "edgeworks/kernel";

// %% [markdown]
// ## 1. The structure and the intermixed variants
//
// In the table, the TM layer is on (0,0,0) and the Li layer on (0,0,½), both 3-fold sites of R-3m
// in hexagonal axes. The table's Uiso are kept: 0.0341 Å² for Li in the Li layer and 0.0035 Å² in
// the TM layer. A Ni atom moved into the Li layer gets that layer's Uiso.

// %%
const base = dx.readCifStructure(ew.dataFile("li/lnro-r3m-table-s1.cif"));
const site = (label: string) => base.sites.find((s) => s.label === label)!;
const intermixed = (z: number): dx.Structure => ({
  ...base, name: `z = ${z}`,
  sites: [
    { ...site("Li1"), occupancy: 1 - z },
    { ...site("Li1"), label: "Ni_Li", species: "Ni", occupancy: z },
    { ...site("Li2"), occupancy: 0.2 + z },
    { ...site("Ni1"), occupancy: 0.4 - z },
    site("Ru1"),
    site("O1"),
  ],
});
const zs = [0, 0.05, 0.1, 0.15, 0.2];
dx.expandSites(intermixed(0.1)).multiplicities.join(", ") + " atoms per site; sites: " + intermixed(0.1).sites.map((s) => `${s.label} ${s.species} ${s.occupancy.toFixed(2)}`).join(", ")

// %% [markdown]
// ## 2. Patterns (Cu Kα1)
//
// Supplementary Fig. 13 puts the layered (003) and (104) at 18.5° and 43.4° (laboratory Cu Kα).
// These are the positions this cell gives:

// %%
const patterns = zs.map((z) => dx.powderPattern(intermixed(z), { wavelength: "CuKa1", twoThetaRange: [10, 80] }));
const p0 = patterns[0];
["003", "101", "006", "012", "104", "015", "107", "018", "110"].map((h) => {
  const r = dx.findReflection(p0, h.split("").map(Number))!;
  return { hkl: r.label, "2θ (°)": +r.twoTheta.toFixed(3), "d (Å)": +r.d.toFixed(4), multiplicity: r.multiplicity, ...Object.fromEntries(patterns.map((p, i) => [`I, z = ${zs[i]}`, +dx.findReflection(p, r.hkl)!.relative.toFixed(1)])) };
})

// %%
await show(ew.powderPatternSpec(patterns.map((p, i) => ({ name: `z = ${zs[i]}`, pattern: p })), {
  offset: 60, twoThetaRange: [15, 70], labelAbove: 15, maxLabels: 6, profile: { fwhm: 0.12, eta: 0.5 },
  yLabel: "Intensity (strongest = 100; offset 60)", title: "Li S3: R-3m Li(1−z)Ni(z)[Li(0.2+z)Ni(0.4−z)Ru0.4]O2, Cu Kα1" }));

// %% [markdown]
// ## 3. I(003)/I(104) and I(101)/I(104) against z
//
// Ni in the Li layer scatters in phase with the TM layer for (003), and Li (3 electrons) replaces
// Ni (28) in the TM layer. Both lower |F(003)|, while (104) changes little. The stick ratio is the
// ratio of integrated intensities. The peak-height ratio is read from the profile, as a quick look
// at a measured pattern would read it. The two differ because the peaks have different widths at
// 18° and 43°.

// %%
const heightAt = (prof: dx.PowderProfile, x: number) => {
  let best = 0;
  prof.twoTheta.forEach((t, i) => { if (Math.abs(t - x) < 0.3 && prof.intensity[i] > best) best = prof.intensity[i]; });
  return best;
};
const ratios = patterns.map((p, i) => {
  const prof = dx.powderProfile(p, { fwhm: { U: 0.01, V: -0.005, W: 0.006 }, eta: 0.5 });
  const r003 = dx.findReflection(p, [0, 0, 3])!, r104 = dx.findReflection(p, [1, 0, 4])!;
  return { z: zs[i], "I(003)/I(104)": dx.intensityRatio(p, [0, 0, 3], [1, 0, 4]), "I(101)/I(104)": dx.intensityRatio(p, [1, 0, 1], [1, 0, 4]),
    "height(003)/height(104)": heightAt(prof, r003.twoTheta) / heightAt(prof, r104.twoTheta) };
});
ratios.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, +v.toFixed(3)])))

// %%
await show(ew.xySpec([...zs, ...zs], [...ratios.map((r) => r["I(003)/I(104)"]), ...ratios.map((r) => r["I(101)/I(104)"])], {
  groups: [...zs.map(() => "I(003)/I(104)"), ...zs.map(() => "I(101)/I(104)")], line: true,
  xLabel: "z (Ni in the Li layer)", yLabel: "Intensity ratio (integrated)", title: "Li S3: intensity ratios vs Li/Ni intermixing" }));

// %% [markdown]
// Both ratios fall steadily, by a factor of about 2.3 from z = 0 to z = 0.2: I(003)/I(104) from
// 1.42 to 0.62, and I(101)/I(104) from 0.65 to 0.27. A ratio above ~1.2 is the usual rule of thumb
// for little cation mixing in layered oxides; here it is crossed near z = 0.05. The paper's joint
// refinement of the pristine material (Supplementary Fig. 5) found about 8 % Li/Ni mixing. The
// curve gives the ratio at that z:

// %%
const p08 = dx.powderPattern(intermixed(0.08), { wavelength: "CuKa1", twoThetaRange: [10, 80] });
({ "z = 0.08: I(003)/I(104)": +dx.intensityRatio(p08, [0, 0, 3], [1, 0, 4]).toFixed(3), "z = 0: I(003)/I(104)": +ratios[0]["I(003)/I(104)"].toFixed(3), "z = 0.2: I(003)/I(104)": +ratios[4]["I(003)/I(104)"].toFixed(3) })
