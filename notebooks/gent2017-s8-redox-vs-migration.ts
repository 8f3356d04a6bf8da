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
// # Gent et al. 2017, Supplementary Figure 8 — only O redox is linked to TM migration
//
// In the paper, NMF of the O K data of the first cycle gives three LMR-NMC end members: reduced, TM–O
// oxidised and O oxidised (drawn blue, purple and red there and in the charts below). Linear
// combination fits of these end members to each sample's average spectrum give the TM–O fractional
// oxidation (TM–O oxidised + O oxidised) and the O fractional oxidation (O oxidised only). Plotted
// against the migrated TM fraction from Rietveld refinement (Supplementary Table 2: TM in the Li
// layer = TM_Li occupancy / 0.83), only the O oxidation follows the migration.
//
// > **The spectra are simulated; the Rietveld numbers are the paper's.** The STXM data are not
// > public, so this notebook runs on files written by edgeworks' simulated beamline
// > (`simulateOxygenCycle`), which plants the two kinds of oxidation in the eight first-cycle
// > samples of Table S2. Table S2 itself is the published table, shipped with edgeworks
// > (`ew.dataFile`). For your own data, read your stacks with `ew.readSeries` and your refinement
// > results with `ew.readTable`.

// %%
import * as ew from "edgeworks";
import * as sim from "edgeworks/simulate";
import { show } from "edgeworks/kernel";

// %% [markdown]
// ## The published refinement (Supplementary Table 2)

// %%
const s2 = ew.readTable(ew.dataFile("gent2017/table-s2-rietveld.tsv"));
const migrated = s2.rows.map((r) => ({ sample: r.sample, occupancy: ew.parseUncertain(r["TM_Li occupancy"]) }))
  .map(({ sample, occupancy }) => ({ sample, "TM_Li occupancy": occupancy.value, "±": occupancy.uncertainty, "migrated TM fraction": occupancy.value / 0.83 }));
migrated

// %% [markdown]
// ## The simulated STXM data of the same eight samples
//
// The files are read back as a beamline's would be, each with its sample-free region (I₀) and the
// reference powder recorded in its session (energy calibration). Preprocessing as in the
// Supplementary Methods: absorbance, alignment, calibration onto one energy grid, per-pixel
// normalisation (pre-edge background 520–526 eV, pre-edge area 525–535 eV), the 520–535 eV pre-edge
// kept, and the noise filter. `T` is the pixel table: one row per pixel of all eight samples, one
// column per energy.

// %%
const data = await sim.loadSimulatedSeries("simulated-data/gent2017-s8", sim.simulateOxygenCycle({ seed: 2017 }));
const T = ew.preprocessSeries(data.samples, { reference: data.reference, grid: sim.oxygenPlateauEnergies(), energyRange: [520, 535],
  normalize: { background: [520, 526], area: [525, 535], brightness: [535, 560] } }).table;
T

// %% [markdown]
// ## The end members
//
// Four end members (three LMR-NMC states and the carbon/binder matrix) from all pixels of the
// cycle. The paper picks them by hand at the extremes of NMF space (the S16 notebook shows PCA and
// NMF space); here `suggestEndmembers` finds the extremes of the pixel cloud and refines each to
// the 2 % of pixels that are purest and best determined. Taking the NMF-space clusters directly
// gives members that still mix states: their fits of the sample averages leave R-factors up to 100×
// larger and mix up TM–O and O oxidation.
//
// The end members are named from their spectra, as one would by eye: carbon/binder has no TM–O
// pre-edge peak near 529.3 eV (it goes last); the O oxidised member has a peak at 530.8 eV where the
// others have a valley; of the other two, the TM–O oxidised one has the higher Ni⁴⁺ shoulder at
// 527.8 eV. So, carbon/binder aside, the members are sorted by whether they have the 530.8 eV peak,
// then by the 527.8 eV shoulder; the table under the chart lists the three markers. The charts draw
// the members in the paper's colours, given to them by name: reduced blue, TM–O oxidised purple,
// O oxidised red, and carbon/binder grey.

// %%
const peakAt530_8 = (s: ew.Spectrum) => ew.valueAt(s, 530.7) - (ew.valueAt(s, 530.1) + ew.valueAt(s, 531.3)) / 2;
const suggested = ew.suggestEndmembers(T, { k: 4, seed: 1, clusterSize: Math.round(T.nRows / 50) });
const em = ew.orderEndmembers(suggested, { lowestLast: 529.3, by: (s) => (peakAt530_8(s) > 0 ? 1 : 0) + ew.valueAt(s, 527.8),
  names: ["reduced", "TM–O oxidised", "O oxidised", "carbon/binder"] });
const colors = { reduced: ew.PALETTE[0], "TM–O oxidised": ew.PALETTE[6], "O oxidised": ew.PALETTE[2], "carbon/binder": ew.PALETTE[9] };
await show(ew.spectraSpec(em.members, { title: "end members", yLabel: "normalised absorbance", highlight: [527.8, 529.3, 530.8], colors }));
ew.spectraList(em.members).map((m) => ({ member: m.name, "529.3 eV": ew.valueAt(m, 529.3), "530.8 eV peak": peakAt530_8(m), "527.8 eV": ew.valueAt(m, 527.8) }))

// %% [markdown]
// ## Linear combination fits of the average spectra
//
// Each sample's average spectrum (the mean of its pixels in the table) is fitted with the four end
// members, non-negative weights. The TM–O fractional oxidation is the share of the TM–O oxidised and
// O oxidised members in the LMR-NMC weight (carbon/binder left out), the O fractional oxidation the
// share of the O oxidised member alone; both are compared with what the simulation planted.

// %%
const fits = ew.spectraList(ew.sampleMeans(T)).map((avg) => ew.lcf(avg, em.members));
const oxidation = fits.map((fit, i) => {
  const [reduced, tmO, o] = fit.weights;
  const truth = data.series.truth.samples[i];
  return { sample: fit.spectrum.name ?? "", "TM–O oxidation": (tmO + o) / (reduced + tmO + o), "O oxidation": o / (reduced + tmO + o),
    "planted TM–O": truth.meanFraction, "planted O": truth.meanFraction * truth.secondMix![1].weight, "R-factor": fit.rFactor };
});
await show(ew.lcfSpec(fits.find((f) => f.spectrum.name === "c1_4.60V")!, { title: "LCF of c1_4.60V", colors }));
oxidation

// %% [markdown]
// The fractions are relative to end members found in the data, which are not pure phases (the
// most oxidised pixels of 4.60 V still hold some reduced material), so they stretch the planted
// ones; the order of the samples and the split between TM–O and O oxidation are what the method
// recovers.

// %% [markdown]
// ## Supplementary Figure 8
//
// Fractional oxidation against the migrated TM fraction, sample by sample (the pristine sample is
// the origin of both): TM–O oxidation in purple, O oxidation in red, as in the paper. The
// correlation coefficients say which redox goes with migration.

// %%
const mig = oxidation.map((o) => migrated.find((m) => m.sample === o.sample)!["migrated TM fraction"]);
const tmoOxidation = oxidation.map((r) => r["TM–O oxidation"]);
const oOxidation = oxidation.map((r) => r["O oxidation"]);
await show(ew.xySpec([...mig, ...mig], [...tmoOxidation, ...oOxidation], {
  groups: [...mig.map(() => "TM–O oxidation"), ...mig.map(() => "O oxidation")], colors: { "TM–O oxidation": ew.PALETTE[6], "O oxidation": ew.PALETTE[2] },
  xLabel: "migrated TM fraction (TM_Li occupancy / 0.83)", yLabel: "fractional oxidation", title: "Only O redox is linked to TM migration", size: 70,
}));
({ "r(TM–O oxidation, migration)": ew.pearson(mig, tmoOxidation), "r(O oxidation, migration)": ew.pearson(mig, oOxidation) })
