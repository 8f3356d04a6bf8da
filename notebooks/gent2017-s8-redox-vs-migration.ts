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
// In the paper, NMF of the O K data of the first cycle gives three LMR-NMC end members: reduced (blue), TM–O
// oxidised (purple) and O oxidised (red). Linear combination fits of these end members to each
// sample's average spectrum give the TM–O fractional oxidation (purple + red) and the O fractional
// oxidation (red only). Plotted against the migrated TM fraction from Rietveld refinement
// (Supplementary Table 2: TM in the Li layer = TM_Li occupancy / 0.83), only the O oxidation
// follows the migration.
//
// > **The spectra are simulated; the Rietveld numbers are the paper's.** The STXM data are not
// > public, so this notebook runs on files written by edgeworks' simulated beamline
// > (`simulateOxygenCycle`), which plants the two kinds of oxidation in the eight first-cycle
// > samples of Table S2. Table S2 itself is the published table (`data/gent2017/`). For your own
// > data, point `files` at your stacks and the table at your refinement results.

// %%
import * as fs from "fs";
import * as ew from "edgeworks";
import { show } from "edgeworks/kernel";

// %% [markdown]
// ## The published refinement (Supplementary Table 2)

// %%
const s2 = ew.readTable("../data/gent2017/table-s2-rietveld.tsv");
const migrated = s2.rows.map((r) => {
  const occ = ew.parseUncertain(r["TM_Li occupancy"]);
  return { sample: r.sample, "TM_Li occupancy": occ.value, "±": occ.uncertainty, "migrated TM fraction": occ.value / 0.83 };
});
migrated

// %% [markdown]
// ## The simulated STXM data of the same eight samples

// %%
const series = ew.simulateOxygenCycle({ seed: 2017 });
const written = await ew.writeSimulatedSeries("simulated-data/gent2017-s8", series, { formats: ["sdf"] });
const refs = JSON.parse(fs.readFileSync(written.references, "utf8"));
const samples = [];
for (const [i, s] of written.samples.entries()) {
  samples.push({ stack: await ew.readStack(s.sdf!), name: s.name, freeRegion: s.freeRegion, sessionReference: refs.session[i] });
}
const pre = ew.preprocessSeries(samples, {
  reference: refs.canonical, grid: ew.oxygenPlateauEnergies(),
  normalize: { background: [520, 526], area: [525, 535], brightness: [535, 560] }, energyRange: [520, 535],
});
const T = pre.table;
({ samples: T.samples.length, pixels: T.nPixels, energies: T.nE })

// %% [markdown]
// ## The end members
//
// Four end members (three LMR-NMC states and the carbon/binder matrix) from all pixels of the
// cycle. The paper picks them by hand at the extremes of NMF space (the S16 notebook shows PCA and
// NMF space); here `suggestEndmembers` finds the extremes of the pixel cloud and refines each to
// the 2 % of pixels that are purest and best determined. Taking the NMF-space clusters directly
// gives members that still mix states: their fits of the sample averages leave R-factors up to 100×
// larger and mix up TM–O and O oxidation.

// %%
const sug = ew.suggestEndmembers(T.data, T.nPixels, T.nE, { k: 4, seed: 1, clusterSize: Math.round(T.nPixels / 50) });
const spectra = sug.clusters.map((idx) => ew.endmemberFromPixels(T.data, T.nPixels, T.nE, idx).spectrum);

// %% [markdown]
// ## Linear combination fits of the average spectra, and which end member is which
//
// Each sample's average spectrum (the mean of its pixels in the table) is fitted with the four end
// members, non-negative weights. The end members are named from their spectra, as one would by
// eye: carbon/binder has no TM–O pre-edge peak (near 529.3 eV); the O oxidised member has a peak
// at 530.8 eV where the others have a valley; of the other two, the TM–O oxidised one has the
// Ni⁴⁺ shoulder at 527.8 eV.

// %%
const averages = T.samples.map((smp, i) => {
  const rows = [];
  for (let r = 0; r < T.nPixels; r++) if (T.sample[r] === i) rows.push(r);
  return ew.endmemberFromPixels(T.data, T.nPixels, T.nE, rows).spectrum;
});
const lcfs = averages.map((avg) => ew.lcf(avg, spectra, { nonNegative: true }));
const at = (s: Float64Array, e: number) => s[T.energies.findIndex((x) => x >= e)];
const binder = [0, 1, 2, 3].reduce((b, k) => (at(spectra[k], 529.3) < at(spectra[b], 529.3) ? k : b));
const argmax = (ks: number[], score: (s: Float64Array) => number) => ks.reduce((b, k) => (score(spectra[k]) > score(spectra[b]) ? k : b));
const lmr = [0, 1, 2, 3].filter((k) => k !== binder);
const red = argmax(lmr, (s) => at(s, 530.7) - 0.5 * (at(s, 530.1) + at(s, 531.3)));
const purple = argmax(lmr.filter((k) => k !== red), (s) => at(s, 527.9));
const blue = lmr.find((k) => k !== red && k !== purple)!;
const names = ["reduced (blue)", "TM–O oxidised (purple)", "O oxidised (red)", "carbon/binder"];
const order = [blue, purple, red, binder];
await show(ew.spectraSpec(T.energies, order.map((k) => spectra[k]), names, { title: "end members", yLabel: "normalised absorbance", highlight: [529.3, 530.8] }));

// %%
const oxidation = lcfs.map((fit, i) => {
  const [b, p, r] = [blue, purple, red].map((k) => fit.weights[k]);
  const truth = series.truth.samples[i];
  return {
    sample: T.samples[i].name,
    "TM–O oxidation": (p + r) / (b + p + r),
    "O oxidation": r / (b + p + r),
    "planted TM–O": truth.meanFraction,
    "planted O": truth.meanFraction * truth.secondMix![1].weight,
    "R-factor": fit.rFactor,
  };
});
const c = 5;
await show(ew.lcfSpec(T.energies, averages[c], lcfs[c].fit, order.map((k, j) => ({ name: names[j], values: spectra[k].map((v) => v * lcfs[c].weights[k]) })), { title: `LCF of ${T.samples[c].name}` }));
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
// the origin of both). The correlation coefficients say which redox goes with migration.

// %%
const joined = oxidation.map((o) => ({ ...o, migrated: migrated.find((m) => m.sample === o.sample)!["migrated TM fraction"] }));
const mig = joined.map((j) => j.migrated);
await show(ew.xySpec([...mig, ...mig], [...joined.map((j) => j["TM–O oxidation"]), ...joined.map((j) => j["O oxidation"])], {
  groups: [...joined.map(() => "TM–O oxidation"), ...joined.map(() => "O oxidation")],
  xLabel: "migrated TM fraction (TM_Li occupancy / 0.83)", yLabel: "fractional oxidation", title: "Only O redox is linked to TM migration", size: 70,
}));
({ "r(TM–O oxidation, migration)": ew.pearson(mig, joined.map((j) => j["TM–O oxidation"])), "r(O oxidation, migration)": ew.pearson(mig, joined.map((j) => j["O oxidation"])) })
