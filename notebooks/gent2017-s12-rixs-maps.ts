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
// # Gent et al. 2017, Supplementary Figure 12 — RIXS and STXM-XAS through the first cycle
//
// "Correlation between RIXS and STXM-XAS. Top: RIXS maps acquired throughout the first cycle,
// showing the gradual increase of the 523.75 eV emission feature during the voltage plateau and its
// persistence below 3.65 V on discharge. Bottom: STXM-XAS spectra at the same points showing the
// same trend for the 530.8 eV absorption feature. The Mid-Plateau sample was harvested at a
// first-charge capacity of 230 mAh/g."
//
// > **These data are simulated.** The paper's RIXS frames and STXM stacks are not public. Both sides
// > here are simulated from **one planted oxidised-oxygen share per state** — `level × oShare` of
// > `simulateOxygenCycle`'s first-cycle states (the weight of the O-oxidised end member in the
// > particles): the STXM stacks mix that end member in with this weight (`simulateOxygenCycle`),
// > and the RIXS feature at 530.8 / 523.75 eV has an amplitude proportional to it
// > (`writeRixsCycle`, 0.55 × share relative to the TM–O fluorescence maximum). Both are written as
// > real files and read back: RIXS as an ALS BL 8.0.1 iRIXS scan table (`-AI.txt`) with one 16-bit
// > TIFF per excitation energy, a dark and an elastic-line frame (with planted curvature, tilt,
// > dark current, photon and read noise, cosmic rays and a saturated pixel); STXM as `.hdr` + `.xim`
// > stacks. **For your own data:** read each RIXS scan with `rixs.readScanTable("…-AI.txt", {
// > exposure })` and its dark and elastic frames with `rixs.readTiffFrames` (or
// > `rixs.readNexusFrames("scan.nxs")`), and your STXM stacks with `ew.readSeries` (each with its
// > sample-free region and session reference) instead of `sim.loadSimulatedSeries`; the cells below
// > then run unchanged. The frames are kept small (512 × 64 pixels, 529.4–532.2 eV in 0.2 eV steps)
// > so that the notebook runs quickly.

// %%
import * as ew from "edgeworks";
import * as rixs from "edgeworks/rixs";
import * as sim from "edgeworks/simulate";
import { show } from "edgeworks/kernel";

// %% [markdown]
// ## 1. The states and the planted share
//
// The six points of the figure: pristine, 4.35 V (end of the sloping region), Mid-Plateau
// (230 mAh/g), 4.60 V (top of charge), and discharged to 3.65 V and to 2.00 V. `level` is the
// oxidised fraction (TM–O plus O), `oShare` the part of it that is O oxidised; the planted share is
// their product.

// %%
const picked = ["Pristine", "c1_4.35V", "c1_230mAh/g", "c1_4.60V", "d1_3.65V", "d1_2.00V"];
const labels = ["Pristine", "4.35 V", "Mid-Plateau", "4.60 V", "3.65 V (dis.)", "2.00 V (dis.)"];
const states = picked.map((n) => sim.OXYGEN_CYCLE_STATES.find((s) => s.name === n)!);
const planted = states.map(sim.oxidisedOxygenShare);
states.map((s, i) => ({ state: labels[i], name: s.name, level: s.level, oShare: s.oShare, "planted share (level × oShare)": planted[i] }))

// %% [markdown]
// ## 2. RIXS: files → calibrated maps
//
// One scan per state (`writeRixsCycle`). For each, the curvature and tilt are fitted on the
// elastic-line frame (dark subtracted, cosmic rays repaired), then `processRixsScan` masks
// saturated pixels, subtracts the dark, repairs cosmic rays, integrates each frame with the
// curvature correction, normalises by I₀ and exposure, stacks and calibrates the emission axis on
// the elastic line — the steps of the paper's Supplementary Methods.

// %%
const scans = await sim.writeRixsCycle("simulated-data/gent2017-s12/rixs", {
  states, scan: { seed: 12, cols: 64, rows: 512, excitation: [529.4, 532.2, 0.2] },
});
const maps: rixs.RixsScanResult[] = [];
for (const s of scans) {
  const dark = rixs.readTiffFrames(s.dark!)[0];
  const curvature = rixs.fitCurvature(rixs.removeCosmicRays(rixs.subtractDark(rixs.readTiffFrames(s.elastic!)[0], { dark }).frame).frame);
  maps.push(await rixs.processRixsScan(rixs.readScanTable(s.table!), { dark, curvature, name: labels[maps.length] }));
}
maps.map((r, i) => ({ state: labels[i], frames: scans[i].frames.length, "dispersion (eV/px)": r.calibration.dispersion, "offset (eV)": r.calibration.offset,
  "calibration residual (eV)": r.calibration.residualRms, "cosmic-ray pixels": r.cosmicPixels, "saturated pixels": r.saturatedPixels }))

// %% [markdown]
// ## 3. Top row: RIXS maps through the first cycle
//
// Excitation vertical, emission 520–528 eV horizontal (the elastic line lies beyond, at emission =
// excitation), one colour scale for all maps (gamma 0.6); the dashed
// ring marks 530.8 / 523.75 eV. The feature is absent in the pristine sample, faint at 4.35 V,
// grows over the plateau, and persists on discharge to 3.65 V and, weaker, to 2.00 V.

// %%
await show(ew.rixsMapsSpec(maps.map((r) => r.map), { columns: 6, emissionRange: [520, 528], gamma: 0.6,
  markers: [{ excitation: 530.8, emission: 523.75 }], title: "O K RIXS through the first cycle (simulated)", legendTitle: "counts/s" }));

// %% [markdown]
// ## 4. The feature intensity per state
//
// Two readings: the window mean (530.6–531.0 eV excitation × 523.5–524.0 eV emission,
// `featureIntensity`), which also holds the TM–O fluorescence underneath, and the fitted feature
// (`findFeature`: a Gaussian on a quadratic background in the 530.8 eV emission cut), whose
// amplitude is the feature above that background — the RIXS intensity used below.

// %%
const rixsRows = maps.map((r, i) => {
  const w = rixs.featureIntensity(r.map, { excitation: [530.6, 531.0], emission: [523.5, 524.0] });
  const f = rixs.findFeature(r.map);
  return { state: labels[i], "window mean (counts/s)": w.mean, "feature amplitude (counts/s)": f.amplitude, "± (counts/s)": f.amplitudeError,
    significance: f.significance, present: f.present, "position (eV)": f.present ? f.centre : NaN };
});
rixsRows

// %% [markdown]
// ## 5. STXM-XAS: average O K spectra at the same points
//
// The same six states simulated as STXM stacks (`simulateOxygenCycle`, small images: 32 × 48
// pixels), written as `.hdr` + `.xim` and read back, preprocessed as in the other O K notebooks
// (I₀ from the sample-free region, absorbance, alignment, calibration against the session
// reference, per-pixel normalisation: background 520–526 eV, area 525–535 eV), then averaged over
// each sample's pixels (`averageSpectra`).

// %%
const stxm = await sim.loadSimulatedSeries("simulated-data/gent2017-s12/stxm", sim.simulateOxygenCycle({ states, seed: 12, ny: 32, nx: 48 }));
const T = ew.preprocessSeries(stxm.samples, { reference: stxm.reference, energyRange: [520, 535],
  normalize: { background: [520, 526], area: [525, 535], brightness: [535, 560] } }).table;
const avg = ew.averageSpectra(T, { labels: T.sample, names: labels });
await show(ew.spectraSpec(avg, { title: "STXM-XAS average O K spectra (simulated)", energyRange: [526, 535], yLabel: "normalised absorbance", highlight: [530.8] }));

// %% [markdown]
// The 530.8 eV feature of each average spectrum: the spectrum is fitted by non-negative least
// squares with the four end members of the cycle (reduced, TM–O oxidised, O oxidised,
// carbon/binder — here the simulation's own, for your data those found from the pixels, see the
// S8 and S16 notebooks), each normalised as the pixels were (background mean 520–526 eV
// subtracted, divided by the 525–535 eV area), with weights summing to one. A normalised pixel is
// the members' fractions weighted by their areas, so each weight is divided by its member's area;
// the O-oxidised part of the three LMR-NMC members is the recovered share.

// %%
const E = avg.energies, nE = E.length;
const trapz = (y: number[], lo: number, hi: number) => { let a = 0; for (let i = 1; i < nE; i++) if (E[i - 1] >= lo && E[i] <= hi) a += 0.5 * (y[i] + y[i - 1]) * (E[i] - E[i - 1]); return a; };
const members = sim.OXYGEN_CYCLE_END_MEMBERS.map((m) => {
  const mu = Array.from(E, (e) => sim.evaluateEndMember(m, e));
  const bgIdx = mu.map((_, i) => i).filter((i) => E[i] >= 520 && E[i] <= 526);
  const bg = bgIdx.reduce((s, i) => s + mu[i], 0) / bgIdx.length;
  const sub = mu.map((v) => v - bg), area = trapz(sub, 525, 535);
  return { name: m.name, area, norm: sub.map((v) => v / area) };
});
const k = members.length;
const stxmRows = labels.map((name, g) => {
  const b = Float64Array.from(avg.data.subarray(g * nE, (g + 1) * nE));
  const A = new Float64Array(nE * k);
  for (let e = 0; e < nE; e++) members.forEach((m, j) => { A[e * k + j] = m.norm[e]; });
  const c = ew.nnls(A, b, { sumToOne: true }).x;
  const f = Array.from(c, (v, j) => v / members[j].area);
  const at = E.reduce((best, e, i) => (Math.abs(e - 530.8) < Math.abs(E[best] - 530.8) ? i : best), 0);
  return { state: name, "530.8 eV absorbance (normalised)": b[at], "O-oxidised weight": c[2], "recovered share": f[2] / (f[0] + f[1] + f[2]), pixels: avg.pixels[g] };
});
stxmRows

// %% [markdown]
// ## 6. Both intensities against the state
//
// RIXS feature amplitude and STXM O-oxidised weight, each divided by its largest value, with the
// planted share (also divided by its largest) for reference. The recovered RIXS share is the
// amplitude scaled by one calibration point — the 4.60 V sample's planted share — since a RIXS
// count rate has no absolute scale of its own; the STXM share needs no such point.

// %%
const rixsI = rixsRows.map((r) => r["feature amplitude (counts/s)"]);
const stxmI = stxmRows.map((r) => r["O-oxidised weight"]);
const norm = (v: number[]) => { const m = Math.max(...v); return v.map((x) => x / m); };
const x = labels.map((_, i) => i);
await show(ew.xySpec(x, { "RIXS 523.75 eV feature": norm(rixsI), "STXM 530.8 eV feature": norm(stxmI), "planted share": norm(planted) },
  { line: true, xLabel: "state: 0 pristine, 1 4.35 V, 2 Mid-Plateau, 3 4.60 V, 4 3.65 V dis., 5 2.00 V dis.", yLabel: "intensity / largest",
    title: "RIXS and STXM-XAS through the first cycle (simulated)", width: 520 }));
const pearson = (a: number[], b: number[]) => {
  const ma = a.reduce((s, v) => s + v, 0) / a.length, mb = b.reduce((s, v) => s + v, 0) / b.length;
  let sab = 0, saa = 0, sbb = 0;
  a.forEach((v, i) => { sab += (v - ma) * (b[i] - mb); saa += (v - ma) ** 2; sbb += (b[i] - mb) ** 2; });
  return sab / Math.sqrt(saa * sbb);
};
const ref = labels.indexOf("4.60 V");
const rixsShare = rixsI.map((v) => (v / rixsI[ref]) * planted[ref]);
const r = pearson(rixsI, stxmI);
console.log(`Pearson r (RIXS feature amplitude vs STXM O-oxidised weight, ${labels.length} states) = ${r.toFixed(4)}`);
console.log(`Pearson r (RIXS vs planted share) = ${pearson(rixsI, planted).toFixed(4)}; (STXM vs planted share) = ${pearson(stxmI, planted).toFixed(4)}`);
labels.map((s, i) => ({ state: s, "planted share": planted[i], "RIXS share (scaled at 4.60 V)": rixsShare[i], "STXM share (NNLS)": stxmRows[i]["recovered share"],
  "share in the STXM stacks (thickness-weighted)": stxm.series.truth.samples[i].meanFraction * states[i].oShare }))

// %% [markdown]
// The last column is the share as it ended up in the simulated stacks: each pixel's oxidised
// fraction varies about the state's `level`, and the thickness-weighted mean over the particles
// comes out a little below it (0.65 rather than 0.71 at 4.60 V). The STXM shares follow that
// column within about 0.04; the RIXS shares follow the nominal `level × oShare`, which is what the
// RIXS amplitude was planted from.
//
// As in the paper, the RIXS feature at 523.75 eV emission and the STXM-XAS feature at 530.8 eV
// absorption rise together over the plateau and persist on discharge below 3.65 V. Here they
// agree because both were simulated from the same planted share; the point of the notebook is that
// the two pipelines, from raw frames and raw stacks, recover that share and its trend.
