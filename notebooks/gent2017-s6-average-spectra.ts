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
// # Gent et al. 2017, Supplementary Figure 6 — average spectra during the second charge
//
// Average Ni, Co and Mn L₃ and O K edge spectra from STXM at four points of the second charge of
// LMR-NMC. The paper reads them as: the capacity below 3.65 V is mostly O and Co–O oxidation, the
// capacity above 3.65 V both Ni–O and O oxidation.
//
// > **These data are simulated.** The papers' raw STXM data are not public, so this notebook runs on
// > files written by edgeworks' simulated beamline (`simulateTransitionMetalSeries`,
// > `simulateOxygenPlateau`) in the instruments' own format (`.hdr` + `.xim`), with the physics the
// > paper reports planted in them. To use your own data, read your `.hdr`, NXstxm `.hdf5` or `.ncb`
// > stacks with `ew.readSeries` (each with its sample-free region and session reference) in place
// > of `loadSimulatedSeries`.
//
// The method (Supplementary Methods, "STXM Data Processing"): I₀ from a sample-free region,
// absorbance −ln(I/I₀), images aligned across energies, pixels kept where the absorbance at a
// characteristic energy (852, 780, 644, 529.5 eV) exceeds the background by a threshold, and the kept
// pixels summed. For presentation each average spectrum is normalised by subtracting the pre-edge
// background and dividing by the area of the L₃ edge (O: the post-edge area).

// %%
import * as ew from "edgeworks";
import * as sim from "edgeworks/simulate";
import { show } from "edgeworks/kernel";

// %% [markdown]
// ## The data: four states of the second charge, at four edges
//
// `planted` is the mean fraction of the oxidised end member in each state (for Mn: of surface Mn³⁺,
// which the first discharge left behind and the second charge re-oxidises). Each series is written
// as instrument files and read back with each sample's sample-free region and the reference powder
// recorded in its session; the cell shows the first Ni stack as read (raw detector counts).

// %%
const voltages = ["2.0 V", "3.65 V", "4.1 V", "4.6 V"];
const planted = { Ni: [0.1, 0.15, 0.55, 0.8], Co: [0.05, 0.35, 0.45, 0.5], Mn: [0.7, 0.55, 0.45, 0.35], O: [0.1, 0.45, 0.6, 0.8] };
const states = (levels: number[]) => levels.map((level, i) => ({ name: voltages[i], level }));
const dir = "simulated-data/gent2017-s6";
const data = {
  Ni: await sim.loadSimulatedSeries(`${dir}/Ni`, sim.simulateTransitionMetalSeries({ edge: "Ni", states: states(planted.Ni), seed: 61 })),
  Co: await sim.loadSimulatedSeries(`${dir}/Co`, sim.simulateTransitionMetalSeries({ edge: "Co", states: states(planted.Co), seed: 62 })),
  Mn: await sim.loadSimulatedSeries(`${dir}/Mn`, sim.simulateTransitionMetalSeries({ edge: "Mn", states: states(planted.Mn), seed: 63 })),
  O: await sim.loadSimulatedSeries(`${dir}/O`, sim.simulateOxygenPlateau({ states: states(planted.O), seed: 64 })),
};
data.Ni.samples[0].stack

// %% [markdown]
// ## Per edge: the characteristic energy, the threshold, and the normalisation ranges
//
// The paper thresholds at 529.5 (O), 644 (Mn), 780 (Co) and 852 eV (Ni). The simulated Ni²⁺ peak is
// narrow and sits at 852.9 eV, so this notebook thresholds Ni there. A pixel is kept when its
// absorbance at that energy exceeds its own pre-edge background by 0.05. `shown` is the part of
// each spectrum the figure draws: the L₃ edge, and the O K edge up to 545 eV.

// %%
type Edge = keyof typeof data;
const edges: Record<Edge, { energy: number; background: [number, number]; area: [number, number]; title: string; shown: [number, number]; highlight: number[] }> = {
  Ni: { energy: 852.9, background: [845, 848], area: [851, 857], title: "Ni L₃", shown: [848, 862], highlight: [852.9, 855.1] },
  Co: { energy: 780, background: [770, 773], area: [776, 784], title: "Co L₃", shown: [773, 787], highlight: [] },
  Mn: { energy: 644, background: [630, 633], area: [638, 647], title: "Mn L₃", shown: [636, 650], highlight: [] },
  O: { energy: 529.5, background: [520, 526], area: [535, 560], title: "O K", shown: [524, 545], highlight: [530.8] },
};
const threshold = 0.05;

// %% [markdown]
// ## Preprocess, threshold and sum
//
// Every stack: I₀ from its sample-free region, absorbance, alignment, and the session's energy
// offset removed (measured on the reference powder against its true energies). Then the pixels
// above the threshold are summed and the sum is normalised (background subtracted, divided by the
// edge area). The table lists what each step did.

// %%
const runs = (Object.keys(edges) as Edge[]).map((edge) => data[edge].samples.map((s) => {
  const p = ew.preprocessStack(s.stack, { freeRegion: s.freeRegion, calibrate: { session: s.sessionReference!, reference: data[edge].reference } });
  const kept = ew.thresholdMask(p.stack, { energy: edges[edge].energy, threshold, backgroundRange: edges[edge].background });
  const sum = ew.averageSpectrum(p.stack, { mask: kept.mask, mode: "sum" });
  const spectrum = { ...ew.normalizeSpectrum(sum, { background: edges[edge].background, area: edges[edge].area }), name: s.name };
  const shift = Math.max(...Array.from(p.shifts!.dx, Math.abs), ...Array.from(p.shifts!.dy, Math.abs));
  return { spectrum, log: { edge, state: s.name, pixels: p.stack.ny * p.stack.nx, kept: kept.count, "largest shift (px)": shift, "energy offset (eV)": p.calibration!.offset } };
}));
const averages = Object.fromEntries(runs.map((r) => [r[0].log.edge, ew.spectraFrom(r.map((s) => s.spectrum))])) as Record<Edge, ew.Spectra>;
runs.flat().map((r) => r.log)

// %% [markdown]
// ## Supplementary Figure 6
//
// Normalised average spectra through the second charge. Below 3.65 V the O K pre-edge (the
// 530.8 eV feature) and the Co L₃ edge change; above 3.65 V the Ni L₃ weight moves from the Ni²⁺
// peak (852.9 eV) to Ni⁴⁺ (855.1 eV) while O keeps oxidising. Mn, reduced at the particle surfaces
// by the first discharge, re-oxidises. Dashed lines mark those energies; the colours are the
// states, the same in every panel.

// %%
await show(ew.panelsSpec((Object.keys(edges) as Edge[]).map((edge) =>
  ew.spectraSpec(averages[edge], { title: edges[edge].title, energyRange: edges[edge].shown, yLabel: "normalised absorbance", highlight: edges[edge].highlight })), { columns: 2 }));

// %% [markdown]
// ## What the simulation planted, and what the averages show
//
// The planted oxidised fractions rise through the charge as in `planted`; the normalised intensity
// at the oxidised feature of each edge follows them.

// %%
voltages.map((v, i) => ({
  state: v,
  "Ni planted": planted.Ni[i], "Ni 855.1 / 852.9 eV": ew.markerScore(ew.spectrumOf(averages.Ni, v), { ratio: [855.1, 852.9] }),
  "O planted": planted.O[i], "O at 530.8 eV": ew.valueAt(ew.spectrumOf(averages.O, v), 530.8),
}))
