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
// # Li et al., Supplementary Figure 18 — gas evolution of Li1.2Ni0.4Ru0.4O2 by DEMS, per mg
//
// "CO₂ evolution bursts after 4.3 V charge with minimal O₂ detected during the first cycle. Total
// active Li1.2Ni0.4Ru0.4O2 is 12.22 mg. Gas evolution rate of O₂ and CO₂ is 0.053 and 0.005 µmol/mg,
// respectively." The amounts are in µmol per mg, i.e. totals, and the order of the two numbers
// contradicts the first sentence (CO₂ bursts, O₂ is minimal); this notebook reads them as
// **CO₂ 0.053 µmol/mg and O₂ 0.005 µmol/mg** and says so.
//
// > **These data are simulated.** The cycler record (`.mpt`) and the mass spectrometer's ion
// > currents (MASsoft-style CSV) are written by `simulateDems` with CO₂ from 4.3 V and a little O₂
// > from 4.45 V, scaled to those amounts for 12.22 mg. To use your own data: `readMpt` for the
// > cycler, `readDemsCsv` for the spectrometer export, your calibration factors in `gasRates`, and
// > `mass` to get rates per mg.

// %%
import * as ew from "edgeworks";
import * as ec from "edgeworks/electrochem";
import * as sim from "edgeworks/simulate";
import { show } from "edgeworks/kernel";

// %% [markdown]
// ## 1. Files and rates per mg
//
// C/20 (12.5 mA g⁻¹) between 4.6 and 2.5 V after a 6 h rest. `gasRates(…, { mass })` divides by the
// active mass, so every rate is in nmol min⁻¹ mg⁻¹ and every cumulative amount in µmol mg⁻¹.

// %%
const mass = 12.22;
const { cycler, ms, truth } = sim.simulateDems({ cell: sim.LI_S18_CELL, gases: sim.LI_S18_GASES, mass, rate: 12.5, seed: 18 });
const run = ec.readMpt(sim.writeMpt("simulated-data/li-s18/LNRO_DEMS_C01.mpt", cycler, { material: sim.LI_S18_CELL.formula }));
const msRec = ec.readDemsCsv(sim.writeDemsCsv("simulated-data/li-s18/LNRO_DEMS_MS.csv", ms, "LNRO_S18.exp"));
const gas = ec.gasRates(msRec, Object.fromEntries(truth.gases.map((t) => [t.species, { channel: t.channel, factor: t.factor }])), { mass });
const analysis = ec.analyzeDems(gas, run, { baseline: "constant", k: 5, sustain: 600 });
await show(ew.demsSpec(analysis, { unit: "nmol/min", title: "S18: Li1.2Ni0.4Ru0.4O2, first cycle (per mg)" }));

// %%
await show(ew.demsCumulativeSpec(analysis, { title: "cumulative gas per mg" }));

// %% [markdown]
// ## 2. The numbers

// %%
const byName = (s: string) => analysis.gases.find((x) => x.species === s)!;
[
  { quantity: "CO2 (µmol/mg)", "this notebook": byName("CO2").total.toFixed(4), "Li et al. S18 (as read)": 0.053 },
  { quantity: "O2 (µmol/mg)", "this notebook": byName("O2").total.toFixed(4), "Li et al. S18 (as read)": 0.005 },
  { quantity: "CO2 (µmol in 12.22 mg)", "this notebook": (byName("CO2").total * mass).toFixed(3), "Li et al. S18 (as read)": (0.053 * mass).toFixed(3) },
  { quantity: "CO2 onset (V)", "this notebook": byName("CO2").onset?.voltage.toFixed(2) ?? "none", "Li et al. S18 (as read)": "after 4.3" },
  { quantity: "O2 as % of lattice O", "this notebook": ec.oxygenLoss(byName("O2").total * mass, { formula: sim.LI_S18_CELL.formula, mass }).fraction.toFixed(3), "Li et al. S18 (as read)": "—" },
]
