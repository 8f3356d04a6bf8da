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
// > paper reports planted in them. To use your own data, point `files` below at your `.hdr`, NXstxm
// > `.hdf5` or `.ncb` stacks and set the sample-free regions.
//
// The method (Supplementary Methods, "STXM Data Processing"): I₀ from a sample-free region,
// absorbance −ln(I/I₀), images aligned across energies, pixels kept where the absorbance at a
// characteristic energy (852, 780, 644, 529.5 eV) exceeds the background by a threshold, and the kept
// pixels summed. For presentation each average spectrum is normalised by subtracting the pre-edge
// background and dividing by the area of the L₃ edge (O: the post-edge area).

// %%
import * as fs from "fs";
import * as ew from "edgeworks";
import { show } from "edgeworks/kernel";

// %% [markdown]
// ## The data: four states of the second charge, at four edges
//
// `level` is the planted mean fraction of the oxidised end member (for Mn: of surface Mn³⁺, which
// the first discharge left behind and the second charge re-oxidises).

// %%
const states = {
  Ni: [0.1, 0.15, 0.55, 0.8],
  Co: [0.05, 0.35, 0.45, 0.5],
  Mn: [0.7, 0.55, 0.45, 0.35],
  O: [0.1, 0.45, 0.6, 0.8],
};
const voltages = ["2.0 V", "3.65 V", "4.1 V", "4.6 V"];
const named = (levels: number[]) => levels.map((level, i) => ({ name: voltages[i], level }));
const dir = "simulated-data/gent2017-s6";
const written = {
  Ni: await ew.writeSimulatedSeries(`${dir}/Ni`, ew.simulateTransitionMetalSeries({ edge: "Ni", states: named(states.Ni), seed: 61 }), { formats: ["sdf"] }),
  Co: await ew.writeSimulatedSeries(`${dir}/Co`, ew.simulateTransitionMetalSeries({ edge: "Co", states: named(states.Co), seed: 62 }), { formats: ["sdf"] }),
  Mn: await ew.writeSimulatedSeries(`${dir}/Mn`, ew.simulateTransitionMetalSeries({ edge: "Mn", states: named(states.Mn), seed: 63 }), { formats: ["sdf"] }),
  O: await ew.writeSimulatedSeries(`${dir}/O`, ew.simulateOxygenPlateau({ states: named(states.O), seed: 64 }), { formats: ["sdf"] }),
};
written.Ni.samples.map((s) => s.sdf)

// %% [markdown]
// ## Per edge: the characteristic energy, the threshold, and the normalisation ranges
//
// The paper thresholds at 529.5 (O), 644 (Mn), 780 (Co) and 852 eV (Ni). The simulated Ni²⁺ peak is
// narrow and sits at 852.9 eV, so this notebook thresholds Ni there.

// %%
const edges = {
  Ni: { energy: 852.9, background: [845, 848] as const, area: [851, 857] as const },
  Co: { energy: 780, background: [770, 773] as const, area: [776, 784] as const },
  Mn: { energy: 644, background: [630, 633] as const, area: [638, 647] as const },
  O: { energy: 529.5, background: [520, 526] as const, area: [535, 560] as const },
};
// OD above the pre-edge background at the characteristic energy; a pixel below it is not counted.
const threshold = 0.05;

// %% [markdown]
// ## Read, preprocess, threshold and sum
//
// For every file: read it, take I₀ from its sample-free region, convert to absorbance, align, remove
// the session's energy offset (measured on the reference powder recorded in the same session,
// `references.json`), keep the pixels above the threshold and sum them. The table lists what each
// step did.

// %%
type Edge = keyof typeof edges;
const averages: Record<string, ew.Spectrum1D[]> = {};
const log: Record<string, unknown>[] = [];
for (const edge of Object.keys(edges) as Edge[]) {
  averages[edge] = [];
  const refs = JSON.parse(fs.readFileSync(written[edge].references, "utf8"));
  for (const [i, s] of written[edge].samples.entries()) {
    const raw = await ew.readStack(s.sdf!);
    const calibrate = { session: refs.session[i], reference: refs.canonical };
    const p = ew.preprocessStack(raw, { freeRegion: s.freeRegion, calibrate });
    const m = ew.thresholdMask(p.stack, { energy: edges[edge].energy, threshold, backgroundRange: edges[edge].background });
    const avg = ew.averageSpectrum(p.stack, { mask: m.mask, mode: "sum" });
    averages[edge].push(ew.normalizeSpectrum(avg, { background: edges[edge].background, area: edges[edge].area }));
    const maxShift = Math.max(...Array.from(p.shifts!.dx, Math.abs), ...Array.from(p.shifts!.dy, Math.abs));
    log.push({ edge, state: s.name, pixels: p.stack.ny * p.stack.nx, kept: m.count, "largest shift (px)": maxShift, "energy offset (eV)": p.calibration!.offset });
  }
}
log

// %% [markdown]
// ## Supplementary Figure 6
//
// Normalised average spectra through the second charge. Below 3.65 V the O K pre-edge (the
// 530.8 eV feature) and the Co L₃ edge change; above 3.65 V the Ni L₃ weight moves from the Ni²⁺
// peak (852.9 eV) to Ni⁴⁺ (855.1 eV) while O keeps oxidising. Mn, reduced at the particle surfaces
// by the first discharge, re-oxidises.

// %%
const panel = (edge: Edge, title: string, highlight: number[]) =>
  ew.spectraSpec(averages[edge][0].energies, averages[edge].map((a) => a.values), voltages, {
    title, yLabel: "normalised absorbance", highlight, width: 260, height: 200,
  });
await show({
  $schema: "https://vega.github.io/schema/vega-lite/v5.json",
  hconcat: [
    panel("Ni", "Ni L3", [852.9, 855.1]),
    panel("Co", "Co L3", []),
    panel("Mn", "Mn L3", []),
    panel("O", "O K", [530.8]),
  ],
});

// %% [markdown]
// ## What the simulation planted, and what the averages show
//
// The planted oxidised fractions rise through the charge as in `states`; the normalised intensity at
// the oxidised feature of each edge follows them.

// %%
const at = (s: ew.Spectrum1D, e: number) => s.values[s.energies.reduce((b, x, i) => (Math.abs(x - e) < Math.abs(s.energies[b] - e) ? i : b), 0)];
voltages.map((v, i) => ({
  state: v,
  "Ni planted": states.Ni[i], "Ni 855.1 / 852.9 eV": at(averages.Ni[i], 855.1) / at(averages.Ni[i], 852.9),
  "O planted": states.O[i], "O at 530.8 eV": at(averages.O[i], 530.8),
}))
