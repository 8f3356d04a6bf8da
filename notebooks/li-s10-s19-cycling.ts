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
// # Li et al., Supplementary Figures 10 and 19 — cycling, average voltage, dQ/dV and GITT
//
// S10: Li1.2Ni0.4Ru0.4O2, the layered-rocksalt intergrown oxide. (a) voltage profiles of the
// first five cycles between 4.8 and 1.5 V; (b) cycling performance and (c) average voltage between
// 4.6 and 2.5 V at C/50, "showing a slight voltage decay upon cycling"; (d) GITT between 4.6 and
// 2.5 V. S19: three new Ni²⁺/Ru⁵⁺ intergrown oxides, LR1 = Li7/6Ni4/9Ru7/18O2,
// LR2 = Li5/4Ni1/3Ru5/12O2, LR3 = Li4/3Ni2/9Ru4/9O2: (a) first voltage profiles, (b) dQ/dV,
// (c) GITT, all between 4.6 and 2.5 V.
//
// > **These data are simulated, and the capacities are illustrative.** The SI prints no capacities
// > for these figures, so the simulated cells (`simulateCycler` with `LNRO_LI_S10` and the models
// > below) have plausible capacities and redox peaks for Ni²⁺/Ni⁴⁺ and Ru redox, a 0.4 % capacity
// > loss and a 4 mV voltage drop per cycle; nothing here reproduces a number from the paper except
// > the cycling windows and rates. To use your own data: `readMpt("cell.mpt")` (or `readCycler`) and
// > the same calls.

// %%
import * as ew from "edgeworks";
import * as ec from "edgeworks/electrochem";
import * as sim from "edgeworks/simulate";
import { show } from "edgeworks/kernel";

// %% [markdown]
// ## S10a: the first five cycles between 4.8 and 1.5 V
//
// The same cell model with the wider window (the charge continues to 4.8 V, the discharge to 1.5 V).

// %%
const base = sim.LNRO_LI_S10;
const wide: sim.CellModel = {
  ...base, name: "Li1.2Ni0.4Ru0.4O2, 4.8–1.5 V",
  first: { charge: { ...base.first.charge, to: 4.8, capacity: 300 }, discharge: { ...base.first.discharge, from: 4.8, to: 1.5, capacity: 280 } },
  later: { charge: { ...base.later!.charge, to: 4.8, capacity: 282 }, discharge: { ...base.later!.discharge, from: 4.8, to: 1.5, capacity: 276 } },
};
const mass = 2.5; // mg
const a = sim.simulateCycler({ cell: wide, mass, rate: 5, cycles: 5, interval: 300, seed: 10 });
const fileA = sim.writeMpt("simulated-data/li-s10/LNRO_4p8-1p5_C01.mpt", a.data, { material: base.formula });
const runA = ec.readMpt(fileA);
const profA = ec.voltageProfiles(runA, { mass });
await show(ew.cyclerProfilesSpec(profA, { labels: profA.map((p) => `cycle ${p.cycle + 1}`), title: "S10a: first five cycles, 4.8–1.5 V, C/50", width: 520 }));

// %% [markdown]
// ## S10b, c: cycling and average voltage between 4.6 and 2.5 V at C/50
//
// Twenty cycles. `cycleCapacities` gives per cycle the charge and discharge capacity, the
// coulombic efficiency and the average voltage of each half-cycle (energy / capacity).

// %%
const b = sim.simulateCycler({ cell: base, mass, rate: 5, cycles: 20, interval: 900, seed: 11 });
const fileB = sim.writeMpt("simulated-data/li-s10/LNRO_4p6-2p5_C50_C01.mpt", b.data, { material: base.formula });
const capsB = ec.cycleCapacities(ec.readMpt(fileB), { mass });
const cyc = capsB.cycles.map((c) => c.cycle + 1);
await show(ew.panelsSpec([
  ew.xySpec([...cyc, ...cyc], [...capsB.cycles.map((c) => c.specificCharge), ...capsB.cycles.map((c) => c.specificDischarge)],
    { groups: [...cyc.map(() => "charge"), ...cyc.map(() => "discharge")], line: true, xLabel: "Cycle", yLabel: "Capacity (mAh/g)", title: "S10b: cycling performance" }),
  ew.xySpec([...cyc, ...cyc], [...capsB.cycles.map((c) => c.averageChargeVoltage), ...capsB.cycles.map((c) => c.averageDischargeVoltage)],
    { groups: [...cyc.map(() => "charge"), ...cyc.map(() => "discharge")], line: true, xLabel: "Cycle", yLabel: "Average voltage (V)", title: "S10c: average voltage" }),
]));

// %%
const first = capsB.cycles[0], second = capsB.cycles[1], last = capsB.cycles[capsB.cycles.length - 1];
({ "cycle 1 charge / discharge (mAh/g)": `${first.specificCharge.toFixed(1)} / ${first.specificDischarge.toFixed(1)}`,
   "cycle 1 coulombic efficiency (%)": first.coulombicEfficiency.toFixed(1),
   "retention, cycle 20 / cycle 2 (%)": (100 * last.specificDischarge / second.specificDischarge).toFixed(1),
   "average discharge voltage, cycle 2 → 20 (V)": `${second.averageDischargeVoltage.toFixed(3)} → ${last.averageDischargeVoltage.toFixed(3)}`,
   "planted voltage shift per cycle (V)": base.voltageShift })

// %% [markdown]
// ## S10d: GITT
//
// Ten-minute pulses at C/20 followed by one hour of rest, between 4.6 and 2.5 V. `gittPulses`
// finds every pulse with a rest before and after it and reads the steady-state change ΔEs (end of
// rest to end of rest) and the transient change ΔEt during the pulse without the ohmic jump. The
// Weppner–Huggins diffusion coefficient D = 4L²/(πτ)·(ΔEs/ΔEt)² needs a diffusion length; the SI
// gives a particle size of ~500 nm (S9), so L = 250 nm is used here — an assumption, and D scales
// with L². The title gives the capacity of Ni²⁺ → Ni⁴⁺ alone (0.8 e⁻ per formula unit), one
// reading of "theoretical TM redox" for the pink area of the paper's panel: charge beyond it needs
// another redox couple (Ru or O).

// %%
const g = sim.simulateCycler({ cell: base, mass, rate: 12.5, gitt: { pulse: 600, relax: 3600 }, seed: 12 });
const fileG = sim.writeMpt("simulated-data/li-s10/LNRO_GITT_C01.mpt", g.data, { material: base.formula });
const runG = ec.readMpt(fileG);
const profG = ec.voltageProfiles(runG, { mass });
const niOnly = ec.theoreticalCapacity(base.formula, { nLi: 0.8 });
await show(ew.cyclerProfilesSpec(profG, { labels: ["GITT charge", "GITT discharge"], title: `S10d: GITT (Ni²⁺→Ni⁴⁺ alone would give ${niOnly.toFixed(0)} mAh/g)`, width: 520, maxPoints: 6000 }));

// %%
const pulses = ec.gittPulses(runG, { mass });
const D = ec.gittDiffusion(pulses, { length: 2.5e-5 });
let q = 0;
const x: number[] = [], y: number[] = [], kind: string[] = [];
pulses.forEach((p, k) => { q = k > 0 && p.kind !== pulses[k - 1].kind ? 0 : q; q += p.capacity; x.push(q); y.push(Math.log10(D[k])); kind.push(p.kind); });
await show(ew.xySpec(x, y, { groups: kind, line: true, xLabel: "Capacity in the half-cycle (mAh/g)", yLabel: "log₁₀ D (cm² s⁻¹)", title: "Weppner–Huggins D per pulse (L = 250 nm)" }));

// %%
const rel = pulses.map((p) => p.deltaEs / p.deltaEt);
({ pulses: pulses.length, "median ΔEs/ΔEt": [...rel].sort((u, v) => u - v)[rel.length >> 1], "median ohmic jump (mV)": 1000 * [...pulses.map((p) => Math.abs(p.ohmic))].sort((u, v) => u - v)[pulses.length >> 1],
   "D range (cm²/s)": `${Math.min(...D).toExponential(1)} – ${Math.max(...D).toExponential(1)}` })

// %% [markdown]
// ## S19a, b: LR1, LR2, LR3
//
// Three simulated cells, one per composition; the theoretical capacity of each for 1 Li per
// formula unit comes from its formula (fractions are allowed: `"Li7/6Ni4/9Ru7/18O2"`).

// %%
const lr = [
  { name: "LR1", formula: "Li7/6Ni4/9Ru7/18O2", shift: 0.0, cap: 240 },
  { name: "LR2", formula: "Li5/4Ni1/3Ru5/12O2", shift: 0.05, cap: 255 },
  { name: "LR3", formula: "Li4/3Ni2/9Ru4/9O2", shift: 0.1, cap: 270 },
].map((m, k) => {
  const model: sim.CellModel = {
    name: m.name, formula: m.formula,
    first: {
      charge: { from: 3.0, to: 4.6, capacity: m.cap, peaks: [{ center: 3.55 + m.shift, width: 0.05, share: 0.3 }, { center: 3.85, width: 0.06, share: 0.2 - 0.05 * k }, { center: 4.45, width: 0.04, share: 0.15 + 0.05 * k }] },
      discharge: { from: 4.6, to: 2.5, capacity: m.cap - 25, peaks: [{ center: 4.3, width: 0.08, share: 0.12 + 0.03 * k }, { center: 3.75, width: 0.07, share: 0.3 }, { center: 3.3, width: 0.08, share: 0.25 - 0.05 * k }] },
    },
  };
  const { data } = sim.simulateCycler({ cell: model, mass, rate: 5, seed: 19 + k });
  return { ...m, model, run: ec.readMpt(sim.writeMpt(`simulated-data/li-s19/${m.name}_C01.mpt`, data, { material: m.formula })) };
});
const lrProfiles = lr.flatMap((m) => ec.voltageProfiles(m.run, { mass }));
const lrCurves = lr.flatMap((m) => ec.dqdv(m.run, { mass, fwhm: 0.02 }));
const lrLabels = lr.flatMap((m) => [m.name, m.name]);
await show(ew.panelsSpec([
  ew.cyclerProfilesSpec(lrProfiles, { labels: lrLabels, title: "S19a: first cycle" }),
  ew.dqdvSpec(lrCurves, { labels: lrLabels, title: "S19b: dQ/dV" }),
]));

// %%
lr.map((m) => {
  const c = ec.cycleCapacities(m.run, { mass }).cycles[0];
  const theo = ec.theoreticalCapacity(m.formula);
  return { sample: m.name, formula: m.formula, "M (g/mol)": ec.molarMass(m.formula), "1 Li (mAh/g)": theo, "charge (mAh/g)": c.specificCharge,
    "Li removed": c.specificCharge / theo, "average discharge V": c.averageDischargeVoltage };
})

// %% [markdown]
// ## S19c: GITT of LR1, LR2, LR3
//
// **What GITT measures.** In a galvanostatic intermittent titration the cell gets a short current
// pulse (here 10 min at C/20), then rests with no current (1 h) until the voltage stops moving, and
// this repeats until the cut-off. Two voltages per pulse tell two different things:
//
// - the voltage at the **end of each rest** is close to the open-circuit (quasi-equilibrium)
//   voltage of the electrode at that state of charge — the thermodynamics, free of kinetics;
// - the difference between the voltage at the **end of the pulse** and the relaxed voltage after it
//   is the **overpotential** η = |E(end of pulse) − E(end of rest)|: the ohmic drop plus the
//   polarisation built up by slow Li diffusion and charge transfer during the pulse. A larger η
//   means slower kinetics; η that grows at high voltage usually marks sluggish (e.g. anion) redox.
//
// The three cells use the same LR1–LR3 models as S19a, b, with the same GITT protocol as S10d.
// The SI prints no GITT numbers, so each sample gets an **illustrative** ohmic jump and diffusion
// transient, the transient growing towards the end of each half-cycle as Li sites run out (the
// simulator's `gitt: { ohmic, transient, transientRise }`); they are printed below as the planted
// truth next to what the analysis reads back from the written `.mpt` files.

// %%
const lrGitt = lr.map((m, k) => {
  // ohmic jump (V), √t transient (V/√s) and its growth towards the end of each half-cycle: illustrative
  const protocol = { pulse: 600, relax: 3600, ohmic: 0.015 + 0.01 * k, transient: 0.0008 + 0.0004 * k, transientRise: 1 + k };
  const { data, truth } = sim.simulateCycler({ cell: m.model, mass, rate: 12.5, gitt: protocol, seed: 190 + k });
  const run = ec.readMpt(sim.writeMpt(`simulated-data/li-s19/${m.name}_GITT_C01.mpt`, data, { material: m.formula }));
  const pulses = ec.gittPulses(run, { mass });
  // capacity within the half-cycle at the end of each pulse (mAh/g) and the overpotential η (V)
  let qq = 0;
  const q = pulses.map((p, j) => (qq = (j > 0 && p.kind !== pulses[j - 1].kind ? 0 : qq) + p.capacity));
  const eta = pulses.map((p) => Math.abs(p.eEnd - p.eRelaxed));
  return { ...m, protocol, truth, run, pulses, q, eta };
});
const gx: number[] = [], gRelaxed: number[] = [], gEta: number[] = [], gGroup: string[] = [];
for (const s of lrGitt) s.pulses.forEach((p, j) => { gx.push(s.q[j]); gRelaxed.push(p.eRelaxed); gEta.push(1000 * s.eta[j]); gGroup.push(`${s.name} ${p.kind}`); });
// one hue per sample; the discharge in a lighter shade of it
const hue: Record<string, [string, string]> = { LR1: ["#4c78a8", "#9ecae9"], LR2: ["#f58518", "#ffbf79"], LR3: ["#e45756", "#ff9d98"] };
const sampleColors = Object.fromEntries(Object.entries(hue).map(([n, [c]]) => [n, c]));
const pulseColors = Object.fromEntries(Object.entries(hue).flatMap(([n, [c, d]]) => [[`${n} charge`, c], [`${n} discharge`, d]]));
const tx: number[] = [], tv: number[] = [], tGroup: string[] = [];
for (const s of lrGitt) s.run.time.forEach((t, i) => { tx.push(t / 3600); tv.push(s.run.voltage[i]); tGroup.push(s.name); });
await show(ew.panelsSpec([
  ew.xySpec(tx, tv, { groups: tGroup, line: true, size: 4, maxPoints: 12000, colors: sampleColors, xLabel: "Time (h)", yLabel: "Voltage (V)", title: "S19c: GITT, 10 min at C/20 + 1 h rest" }),
  ew.xySpec(gx, gRelaxed, { groups: gGroup, colors: pulseColors, line: true, size: 12, xLabel: "Capacity in the half-cycle (mAh/g)", yLabel: "Relaxed voltage (V)", title: "Quasi-equilibrium voltage (end of each rest)" }),
  ew.xySpec(gx, gEta, { groups: gGroup, colors: pulseColors, line: true, size: 12, xLabel: "Capacity in the half-cycle (mAh/g)", yLabel: "Overpotential η (mV)", title: "Overpotential per pulse" }),
]));

// %% [markdown]
// Left: the raw GITT record — every spike is one pulse, the voltage relaxes during each rest.
// Middle: only the relaxed voltages, i.e. the quasi-equilibrium curve. Right: η per pulse, rising
// towards the end of charge and of discharge; the last pulse of each half-cycle is shorter (the
// cell reached its capacity), so its η drops. The simulator runs each half-cycle to its planted
// capacity, so during the last pulses the voltage passes the 4.6 V / 2.5 V cut-offs by η; a real
// cycler would stop the half-cycle there.
//
// The numbers behind the figure. "Measured" is read from the `.mpt` files (pulses found by
// `gittPulses`); "planted" comes from the simulator's truth: η = ohmic jump + the √t transient at
// the end of the pulse (per pulse, from `truth.halfCycles[…].gitt`), and the open-circuit voltage
// as the model's starting voltage plus the planted steady-state steps ΔEs. The relaxed voltage at
// 50 % state of charge is interpolated at half of each half-cycle's capacity.

// %%
/** Linear interpolation of y(x) at x0 (x increasing). */
const interp = (x: number[], y: number[], x0: number): number => {
  const j = x.findIndex((v) => v >= x0);
  if (j <= 0) return j === 0 ? y[0] : y[y.length - 1];
  return y[j - 1] + ((y[j] - y[j - 1]) * (x0 - x[j - 1])) / (x[j] - x[j - 1]);
};
const mean = (v: number[]) => v.reduce((s, u) => s + u, 0) / v.length;
lrGitt.flatMap((s) => (["charge", "discharge"] as const).map((kind) => {
  const idx = s.pulses.map((p, j) => (p.kind === kind ? j : -1)).filter((j) => j >= 0);
  const qs = idx.map((j) => s.q[j]), relaxed = idx.map((j) => s.pulses[j].eRelaxed);
  const ht = s.truth.halfCycles.find((h) => h.kind === kind)!;
  const g = ht.gitt!;
  const plantedEta = g.deltaEs.map((es, j) => s.protocol.ohmic + Math.abs(g.deltaEt[j] - es));
  let ocv = ht.model.from; // the model's voltage at zero capacity
  const plantedOcv = g.deltaEs.map((es) => (ocv += es));
  const plantedQ = g.deltaEs.map((_, j) => Math.min(((j + 1) * s.truth.current * s.protocol.pulse) / 3.6 / s.truth.mass, ht.capacity));
  return {
    sample: s.name, kind, pulses: idx.length, "planted pulses": g.deltaEs.length,
    "mean η (mV)": +(1000 * mean(idx.map((j) => s.eta[j]))).toFixed(2), "planted mean η (mV)": +(1000 * mean(plantedEta)).toFixed(2),
    "relaxed V at 50 % SOC": +interp(qs, relaxed, qs[qs.length - 1] / 2).toFixed(4), "planted OCV at 50 % SOC": +interp(plantedQ, plantedOcv, ht.capacity / 2).toFixed(4),
    "capacity (mAh/g)": +qs[qs.length - 1].toFixed(1), "planted capacity (mAh/g)": ht.capacity,
  };
}))
