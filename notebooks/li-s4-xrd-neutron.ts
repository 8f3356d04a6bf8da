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
// # Li et al., Supplementary Figure 4 — X-ray and neutron patterns of the R-3m and Fm-3m phases
//
// Supplementary Figure 4 simulates the XRD and neutron (NR) patterns of Li₁.₂Ni₀.₄Ru₀.₄O₂ in R-3m
// (layered) and Fm-3m (rocksalt). The point is that the two phases are hard to tell apart with
// X-rays: the strong rocksalt peaks fall on layered ones. Neutrons see Li with a *negative*
// scattering length (−1.90 fm, against Ni 10.3 fm, Ru 7.03 fm and O 5.803 fm), which changes the
// relative intensities. The two structures are those of Supplementary Table 1: R-3m with
// a = 2.94194 Å, c = 14.40729 Å, and Fm-3m with a = 4.15874 Å, Li₀.₆Ni₀.₂Ru₀.₂ on 4a.
//
// > The paper does not give the neutron wavelength of this figure. We use 1.622 Å, a common
// > wavelength of ANSTO's high-resolution diffractometer (a co-author is from ANSTO). Only 2θ
// > depends on this choice; d-spacings and intensity ratios between phases do not, apart from the
// > Lorentz factor.

// %%
import * as ew from "edgeworks";
import * as dx from "edgeworks/diffraction";
import { show } from "edgeworks/kernel";

// %% [markdown]
// ## 1. The two phases

// %%
const layered = dx.readCifStructure(ew.dataFile("li/lnro-r3m-table-s1.cif"));
const rocksalt = dx.readCifStructure(ew.dataFile("li/lnro-fm3m-table-s1.cif"));
[layered, rocksalt].map((s) => {
  const uc = dx.expandSites(s);
  return { phase: s.name, "space group": `${uc.spaceGroup.symbol} (${uc.spaceGroup.number})`, "cell volume (Å³)": +dx.cellVolume(s.cell).toFixed(3),
    "volume per O2 (Å³)": +(dx.cellVolume(s.cell) / (uc.atoms.filter((a) => a.species === "O").length / 2)).toFixed(3) };
})

// %% [markdown]
// The table's volumes are 107.990(1) Å³ for R-3m and 71.926(1) Å³ for Fm-3m. Per two oxygens
// (one LiMO₂ unit), the two phases differ by 0.1 %: 36.00 Å³ against 35.96 Å³. This near-identity
// of the oxygen frameworks is why the two phases can intergrow coherently.
//
// ## 2. Coherent scattering: X-ray form factors and neutron lengths
//
// X-ray form factors fall with sin θ/λ; neutron scattering lengths do not. The table below gives
// the scattering at the (104)/(200) angle, d ≈ 2.08 Å.

// %%
const s = 1 / (2 * 2.08);
["Li", "Ni", "Ru", "O"].map((el) => ({ element: el, Z: dx.ATOMIC_NUMBERS[el], "f X-ray at d = 2.08 Å (e)": +dx.xrayFormFactor(el, s).toFixed(2), "b neutron (fm)": dx.neutronScatteringLength(el) }))

// %% [markdown]
// ## 3. The patterns
//
// X-rays: Cu Kα1, Lorentz-polarisation factor. Neutrons: λ = 1.622 Å, Lorentz factor only (no
// polarisation), as pymatgen's NDCalculator does. Each pattern is scaled to its own strongest
// peak.

// %%
const xrd = [layered, rocksalt].map((st) => dx.powderPattern(st, { wavelength: "CuKa1", twoThetaRange: [10, 90] }));
const nd = [layered, rocksalt].map((st) => dx.powderPattern(st, { radiation: "neutron", wavelength: 1.622, twoThetaRange: [10, 100] }));
await show(ew.panelsSpec([
  [ew.powderPatternSpec([{ name: "R-3m XRD", pattern: xrd[0] }, { name: "Fm-3m XRD", pattern: xrd[1] }], { offset: 115, height: 240, labelAbove: 10, maxLabels: 9, title: "XRD, Cu Kα1" })],
  [ew.powderPatternSpec([{ name: "R-3m ND", pattern: nd[0] }, { name: "Fm-3m ND", pattern: nd[1] }], { offset: 115, height: 240, labelAbove: 10, maxLabels: 9, title: "Neutrons, λ = 1.622 Å" })],
]));

// %% [markdown]
// ## 4. Where the rocksalt hides
//
// Each rocksalt reflection is listed with the nearest layered one, with the intensities of both
// (each phase scaled to its own strongest peak). Rocksalt (111), (200), (220),
// (311) and (222) fall within 0.015° of layered (006), (104), (018), (1 0 10) and (0 0 12). No
// diffraction experiment can separate them by position. Neutrons change the intensities: F(111)
// of the rocksalt is 4(b̄_cation − b_O), and the 60 % Li on the cation site (b = −1.90 fm) brings
// b̄_cation down to 2.33 fm.

// %%
const nearest = (p: dx.PowderPattern, t: number) => p.peaks.reduce((a, b) => (Math.abs(b.twoTheta - t) < Math.abs(a.twoTheta - t) ? b : a));
xrd[1].peaks.map((rs, i) => {
  const ly = nearest(xrd[0], rs.twoTheta);
  const rsN = nd[1].peaks[i], lyN = nearest(nd[0], rsN.twoTheta);
  return { "Fm-3m": rs.label, "2θ Cu (°)": +rs.twoTheta.toFixed(3), "nearest R-3m": ly.label, "Δ2θ Cu (°)": +(rs.twoTheta - ly.twoTheta).toFixed(3),
    "XRD I Fm-3m": +rs.relative.toFixed(1), "XRD I R-3m": +ly.relative.toFixed(1), "ND I Fm-3m": +rsN.relative.toFixed(1), "ND I R-3m": +lyN.relative.toFixed(1) };
})

// %% [markdown]
// The layered (003) and (101) have no rocksalt partner, so the layered phase alone sets them.
// I(003)/I(104) therefore falls as the rocksalt fraction grows (Supplementary Figs. 13, 25).
// These are the single-phase ratios of each radiation. With neutrons the layered (003) is weak
// next to (104): 0.65, against 1.42 with X-rays. F(003) is 3(b̄_TM − b̄_Li + 2 b_O cos 6πz_O), the
// contrast between the layers. X-rays see the heavy TM layer (about 25 electrons against 2.5 for
// Li at this angle). For neutrons the TM layer, b̄ = 0.2(−1.90) + 0.4(10.3) + 0.4(7.03) = 6.55 fm,
// scatters little more than an oxygen layer (5.80 fm).

// %%
const r3 = (v: number) => +v.toFixed(3);
const singlePhaseRatios = { "XRD I(003)/I(104), R-3m": r3(dx.intensityRatio(xrd[0], [0, 0, 3], [1, 0, 4])), "ND I(003)/I(104), R-3m": r3(dx.intensityRatio(nd[0], [0, 0, 3], [1, 0, 4])),
   "XRD I(111)/I(200), Fm-3m": r3(dx.intensityRatio(xrd[1], [1, 1, 1], [2, 0, 0])), "ND I(111)/I(200), Fm-3m": r3(dx.intensityRatio(nd[1], [1, 1, 1], [2, 0, 0])) };
singlePhaseRatios
