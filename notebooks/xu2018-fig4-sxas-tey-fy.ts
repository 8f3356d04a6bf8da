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
// # Xu et al. 2018, Figure 4 — Ni L₃ and O K soft XAS in TEY and FY
//
// Ni L₃-edge (a, b) and O K-edge (c, d) spectra of Li1.2Ni0.2Mn0.6O2 (LNMO) and Li1.2Ni0.2Ru0.6O2
// (LNRO), pristine, charged to 4.5 V and 4.8 V and discharged to 2.0 V, in total electron yield
// (TEY, the top ~10 nm) and fluorescence yield (FY, ~100 nm). Ni²⁺ at 852.9 eV, Ni⁴⁺ at 855.1 eV;
// charged LNMO is Ni⁴⁺, charged LNRO a mix of Ni³⁺ and Ni⁴⁺; TEY shows a slightly reduced surface;
// the O K pre-edge (t₂g below and e_g above 530 eV) with the Ni⁴⁺ shoulder at 527.8 eV in charged LNMO.
//
// > **These data are simulated.** The paper's spectra are not public, so this notebook runs on XDI
// > files written by edgeworks' simulated beamline (`simulateSoftXasSeries`): every scan has the
// > energy, the I₀ mesh current, the sample drain current (TEY) and a photodiode (FY), with noise;
// > the Ni valence fractions were planted (in `truth.json`) to match the paper's description. To use
// > your own data, read each scan with `xas.scanSpectrum(xas.readXdi(path), { mode: "tey" })` (or
// > `mode: "fluorescence"`; `xas.readColumnFile` / `xas.readSpec` for other formats) instead of section 1.
//
// Methods, as the paper: "Ex situ soft XAS … on beamline 10-1 at SSRL … in a single load at room
// temperature using TEY mode via the drain current and FY mode via a silicon photodiode".

// %%
import * as ew from "edgeworks";
import * as xas from "edgeworks/xas";
import * as sim from "edgeworks/simulate";
import { show } from "edgeworks/kernel";

// %% [markdown]
// ## 1. The files

// %%
const written = sim.writeSoftXasSeries("simulated-data/xu2018-sxas", sim.simulateSoftXasSeries({ seed: 2018 }));
const scans = Object.fromEntries(Object.entries(written.files).map(([name, path]) => [name, xas.readXdi(path)]));
Object.entries(scans).slice(0, 5).map(([name, s]) => ({ scan: name, columns: s.names.join(", "), points: s.nPoints, edge: `${s.metadata["Element.symbol"]} ${s.metadata["Element.edge"]}` }))

// %% [markdown]
// ## 2. TEY and FY divided by I₀, then normalised
//
// `scanSpectrum` divides the chosen channel by I₀. `normalizeSoft` then subtracts the pre-edge
// (its mean over 845–849 eV for Ni, 520–524 eV for O) and scales the post-edge mean to 1
// (876–880 eV above the Ni L₂ edge; 555–560 eV for O K), so TEY and FY, and the two materials,
// can be overlaid.

// %%
type Mode = "tey" | "fluorescence";
const NI = { pre: [845, 849] as [number, number], post: [876, 880] as [number, number], background: "constant" as const };
const OK = { pre: [520, 524] as [number, number], post: [555, 560] as [number, number], background: "constant" as const };
const norm = (name: string, mode: Mode, label = name) => xas.normalizeSoft(xas.scanSpectrum(scans[name], { mode, name: label }), name.endsWith("O K") ? OK : NI).norm;
const states = sim.SOFT_XAS_STATES;

// %%
for (const material of ["LNMO", "LNRO"]) {
  await show(ew.xasNormSpec(states.flatMap((s) => [norm(`${material} ${s} Ni L3`, "tey", `${s} TEY`), norm(`${material} ${s} Ni L3`, "fluorescence", `${s} FY`)]), {
    energyRange: [848, 860], offset: 0.25, rules: [{ energy: 852.9, label: "Ni²⁺" }, { energy: 855.1, label: "Ni⁴⁺" }],
    title: `(${material === "LNMO" ? "a" : "b"}) ${material} Ni L₃, TEY and FY`,
  }));
}

// %% [markdown]
// ## 3. Ni valence from the L₃ line shape
//
// Each spectrum is fitted over 850–860 eV as a combination of Ni²⁺, Ni³⁺ and Ni⁴⁺ reference
// spectra recorded (and normalised) the same way (`xanesLcf`: non-negative weights summing to 1).
// The table puts the fractions next to the planted ones; TEY against FY shows the reduced surface.

// %%
const refsFor = (mode: Mode) => ["Ni2+ ref", "Ni3+ ref", "Ni4+ ref"].map((n) => norm(n, mode));
const fractions = (["tey", "fluorescence"] as const).flatMap((mode) => {
  const refs = refsFor(mode);
  return (["LNMO", "LNRO"] as const).flatMap((m) => states.map((s) => {
    const f = xas.xanesLcf(norm(`${m} ${s} Ni L3`, mode), refs, { e0: 853, range: [-3, 7], sumToOne: true });
    const planted = sim.NI_FRACTIONS[m][s][mode === "tey" ? "TEY" : "FY"];
    return { sample: `${m} ${s}`, mode: mode === "tey" ? "TEY" : "FY", "Ni2+": +f.weights[0].toFixed(3), "Ni3+": +f.weights[1].toFixed(3), "Ni4+": +f.weights[2].toFixed(3),
      "planted (2+/3+/4+)": planted.join(" / "), "mean valence": +(2 * f.weights[0] + 3 * f.weights[1] + 4 * f.weights[2]).toFixed(2), "R-factor": f.rFactor.toExponential(1) };
  }));
});
fractions

// %% [markdown]
// Charged LNMO is mostly Ni⁴⁺ (the 855.1 eV peak), charged LNRO about half Ni³⁺ and half Ni⁴⁺ (the
// broad shoulder); 4.8 V adds nothing to 4.5 V, and 2.0 V returns to Ni²⁺. In TEY the charged
// electrodes are a little less oxidised than in FY: the surface is reduced.
//
// ## 4. O K edge

// %%
for (const material of ["LNMO", "LNRO"]) {
  await show(ew.xasNormSpec(states.flatMap((s) => [norm(`${material} ${s} O K`, "tey", `${s} TEY`), norm(`${material} ${s} O K`, "fluorescence", `${s} FY`)]), {
    energyRange: [524, 550], offset: 0.3, rules: [{ energy: 527.8, label: "Ni⁴⁺" }, { energy: 529.2, label: "t2g" }, { energy: 531.5, label: "eg" }],
    title: `(${material === "LNMO" ? "c" : "d"}) ${material} O K, TEY and FY`,
  }));
}

// %% [markdown]
// The pre-edge grows on charge as Li leaves and the TM–O bonds become more covalent; the 527.8 eV
// shoulder of Ni⁴⁺ appears in charged LNMO. LNRO's e_g peak above 530 eV is stronger (Ru–O
// hybridisation), and discharged LNRO differs from pristine near 534 eV in TEY — surface species,
// as the paper says; like the paper, we do not read oxygen redox from these spectra (that is Fig. 5's RIXS).
