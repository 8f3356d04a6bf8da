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
// # Xu et al. 2018, Figure 3 — gas evolution of LNMO and LNRO by operando DEMS
//
// Operando differential electrochemical mass spectrometry at 10 mA g⁻¹: (a) LNMO evolves CO₂
// from 4.0 V, rising with potential to a maximum at 4.8 V, and O₂ from 4.5 V, reaching about
// 4 × 10⁻² µmol min⁻¹ at 4.8 V; over the first cycle 6.5 µmol CO₂ and 10.7 µmol O₂. Taken as
// lattice oxygen, 10.7 µmol O₂ is 2.8 % of the oxygen in the 32.9 mg electrode (387 µmol), and at
// 4 e⁻ per O₂ it carried 35 mAh g⁻¹ of the 78 mAh g⁻¹ irreversible first-cycle capacity. The
// second cycle gave 0.9 µmol CO₂ and no O₂. (b) LNRO evolves only 0.1 µmol CO₂ and no O₂.
//
// > **These data are simulated.** The paper's DEMS data are not public. This notebook runs on
// > files written by edgeworks' simulated DEMS cell (`simulateDems`): the cycler record of the
// > cell as a BioLogic `.mpt` and the mass spectrometer's ion currents (m/z 32 and 44, in A) as
// > the CSV its software exports (Hiden MASsoft layout), with a constant background, noise and a
// > two-minute transport lag. Each gas evolves only on charge above its onset, at a rate rising
// > with voltage, scaled to the paper's amounts. To use your own data, read your spectrometer
// > export with `readDemsCsv("run.csv")`, your cycler file with `readMpt`, and give `gasRates`
// > your calibration factors (nmol min⁻¹ per A, from a calibration gas).

// %%
import * as ew from "edgeworks";
import * as ec from "edgeworks/electrochem";
import * as sim from "edgeworks/simulate";
import { show } from "edgeworks/kernel";

// %% [markdown]
// ## 1. The files
//
// The DEMS cell rested 6 h at open circuit, then charged to 4.8 V and discharged to 2.0 V at
// 10 mA g⁻¹, twice for LNMO (32.9 mg) and once for LNRO.

// %%
const experiments = [
  { name: "LNMO", cell: sim.LNMO_DEMS_XU2018, gases: sim.LNMO_GASES_XU2018, mass: 32.9, cycles: 2 },
  { name: "LNRO", cell: sim.LNRO_DEMS_XU2018, gases: sim.LNRO_GASES_XU2018, mass: 30.0, cycles: 1 },
];
const files = experiments.map((e, k) => {
  const { cycler, ms, truth } = sim.simulateDems({ cell: e.cell, gases: e.gases, mass: e.mass, cycles: e.cycles, seed: 30 + k });
  const mpt = sim.writeMpt(`simulated-data/xu2018/${e.name}_DEMS_C01.mpt`, cycler, { material: e.cell.formula });
  const csv = sim.writeDemsCsv(`simulated-data/xu2018/${e.name}_DEMS_MS.csv`, ms, `${e.name}_DEMS.exp`);
  return { mpt, csv, truth };
});
const records = files.map((f) => ({ cycler: ec.readMpt(f.mpt), ms: ec.readDemsCsv(f.csv) }));
records.map((r, k) => ({ cell: experiments[k].name, "cycler rows": r.cycler.nPoints, "MS scans": r.ms.nPoints,
  channels: Object.keys(r.ms.channels).map((c) => `${c} (${r.ms.units[c]})`).join(", "), "MS started": r.ms.metadata.startClock }))

// %% [markdown]
// ## 2. From ion currents to rates, on the cycler's clock
//
// Each gas's rate is its ion current times a calibration factor (nmol min⁻¹ A⁻¹, measured with a
// calibration gas; here the simulation's). The spectrometer and the potentiostat started together,
// so the time offset is 0 (otherwise give `offset` in s). `analyzeDems` then, for each gas:
// subtracts a **constant background**, the mean over the open-circuit rest before charging;
// integrates the rate to the cumulative amount (trapezoid, µmol); finds the **onset** as the first
// point above 5 σ of the background that stays above for 10 min; and reads the cell voltage at each
// scan from the cycler record (linear interpolation in time).

// %%
const calibration = { O2: { channel: "mass 32", factor: 4e11 }, CO2: { channel: "mass 44", factor: 3e11 } };
const analyses = records.map((r) => ec.analyzeDems(ec.gasRates(r.ms, calibration, { offset: 0 }), r.cycler, { baseline: "constant", k: 5, sustain: 600 }));
analyses.flatMap((a, k) => a.gases.map((g) => ({ cell: experiments[k].name, gas: g.species, "background (nmol/min)": g.baseline.intercept,
  "noise σ (nmol/min)": g.baseline.sigma, "onset (V)": g.onset ? g.onset.voltage.toFixed(2) : "none", "max rate (µmol/min)": g.max.rate / 1000,
  "at (V)": g.max.voltage, "cycle 1 (µmol)": g.perCycle[0]?.total, "cycle 2 (µmol)": g.perCycle[1]?.total ?? "" })))

// %% [markdown]
// ## 3. Panel (a): LNMO

// %%
await show(ew.demsSpec(analyses[0], { title: "(a) LNMO: voltage and gas evolution", unit: "µmol/min" }));

// %% [markdown]
// ## 4. Panel (b): LNRO, on its own scale (nmol min⁻¹)

// %%
await show(ew.demsSpec(analyses[1], { title: "(b) LNRO: voltage and gas evolution", unit: "nmol/min" }));

// %% [markdown]
// ## 5. Cumulative gas

// %%
await show(ew.panelsSpec(analyses.map((a, k) => ew.demsCumulativeSpec(a, { title: `${experiments[k].name} cumulative gas`, width: 360, height: 240 }))));

// %% [markdown]
// ## 6. Lattice oxygen and the capacity it carried
//
// `oxygenLoss` counts the electrode's lattice oxygen as O₂ (mass / M × 2 O / 2: 387 µmol for
// 32.9 mg of Li1.2Ni0.2Mn0.6O2, the paper's number) and converts the O₂ to charge at 4 e⁻ per O₂
// (2 O²⁻ → O₂ + 4 e⁻), in mAh per gram of active material.

// %%
const lnmo = analyses[0];
const o2 = lnmo.gases.find((g) => g.species === "O2")!;
const co2 = lnmo.gases.find((g) => g.species === "CO2")!;
const loss = ec.oxygenLoss(o2.perCycle[0].total, { formula: "Li1.2Ni0.2Mn0.6O2", mass: 32.9, electrons: 4 });
const cap = ec.cycleCapacities(records[0].cycler, { mass: 32.9 }).cycles[0];
const lnroCo2 = analyses[1].gases.find((g) => g.species === "CO2")!;
[
  { quantity: "LNMO DEMS cell charge / discharge (mAh/g)", "this notebook": `${cap.specificCharge.toFixed(0)} / ${cap.specificDischarge.toFixed(0)}`, "Xu 2018": "302 / 234" },
  { quantity: "CO2 onset (V)", "this notebook": co2.onset?.voltage.toFixed(2), "Xu 2018": "4.0" },
  { quantity: "O2 onset (V)", "this notebook": o2.onset?.voltage.toFixed(2), "Xu 2018": "4.5" },
  { quantity: "O2 rate at 4.8 V (µmol/min)", "this notebook": (o2.max.rate / 1000).toExponential(1), "Xu 2018": "~4e-2" },
  { quantity: "cumulative CO2, cycle 1 (µmol)", "this notebook": co2.perCycle[0].total.toFixed(2), "Xu 2018": 6.5 },
  { quantity: "cumulative O2, cycle 1 (µmol)", "this notebook": o2.perCycle[0].total.toFixed(2), "Xu 2018": 10.7 },
  { quantity: "CO2 / O2, cycle 2 (µmol)", "this notebook": `${co2.perCycle[1].total.toFixed(2)} / ${o2.perCycle[1].total.toFixed(2)}`, "Xu 2018": "0.9 / none" },
  { quantity: "lattice oxygen of 32.9 mg LNMO (µmol)", "this notebook": loss.latticeO2.toFixed(0), "Xu 2018": 387 },
  { quantity: "O2 as a fraction of lattice O (%)", "this notebook": loss.fraction.toFixed(2), "Xu 2018": 2.8 },
  { quantity: "capacity carried by O2 at 4 e-/O2 (mAh/g)", "this notebook": loss.capacity.toFixed(1), "Xu 2018": 35 },
  { quantity: "LNRO CO2, cycle 1 (µmol)", "this notebook": lnroCo2.perCycle[0].total.toFixed(2), "Xu 2018": 0.1 },
]

// %% [markdown]
// The onsets sit at or a little above the planted 4.0 and 4.5 V because a rate must rise above
// five times the background noise to count; a lower `k` moves them down and lets noise in. The
// onset is only as good as the noise floor: LNRO's CO₂ (0.1 µmol in all) is seen from about 4.0 V
// because its spectrometer noise is about 0.006 nmol min⁻¹ (the paper's LNRO O₂ stays below
// 10⁻² nmol min⁻¹); at LNMO's noise level it would only show above 4.4 V. The
// irreversible capacity of the first cycle in the paper's coin cell was 310 − 232 = 78 mAh g⁻¹; the
// O₂ accounts for 35 of it, "slightly less than half".
