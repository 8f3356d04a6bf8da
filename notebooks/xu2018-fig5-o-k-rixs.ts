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
// # Xu et al. 2018, Figure 5 — O K-edge RIXS maps of LNMO and LNRO
//
// RIXS maps of Li1.2Ni0.2Mn0.6O2 (LNMO) and Li1.2Ni0.2Ru0.6O2 (LNRO) at the pristine state, charged
// to 4.5 V and 4.8 V, and discharged to 2.0 V: intensity against excitation energy (vertical) and
// emission energy (horizontal). Both materials show the TM–O hybridisation stripes at about 525 eV
// emission. Only charged LNMO shows a sharp feature at **530.8 eV excitation and 523.75 eV
// emission**, the signature of oxidised lattice oxygen; it is gone after discharge to 2.0 V and never
// appears in LNRO.
//
// > **These data are simulated.** The paper's RIXS frames are not public, so this notebook runs on
// > files written by edgeworks' simulated spectrometer (`writeRixsSeries`): for every material and
// > state, a scan table laid out as the ALS BL 8.0.1 iRIXS "Andor info" file (`<name>-AI.txt`), one
// > 16-bit TIFF CCD frame per excitation energy (527–534 eV in 0.2 eV steps, 512 × 128 pixels), a
// > dark frame and an elastic-line reference frame. The frames carry a planted curvature and tilt of
// > the spectrometer's lines, dark current, photon and read noise, cosmic-ray hits and one saturated
// > pixel; the ground truth is written beside them (`truth.json`). To use your own data, read your
// > scan with `rixs.readScanTable("…-AI.txt", { exposure })` (or `rixs.readNexusFrames("scan.nxs")`)
// > and your dark and elastic frames with `rixs.readTiffFrames`, then run the same cells.
//
// The steps follow the RIXS processing of the Supplementary Methods of Gent et al. 2017 (the same
// iRIXS instrument): subtract the dark, remove cosmic rays, integrate each frame along the
// non-dispersive direction, normalise by the incident flux and the collection time, stack the
// spectra into a map, and calibrate the emission energy on the elastic line at many excitation
// energies.

// %%
import * as ew from "edgeworks";
import * as rixs from "edgeworks/rixs";
import * as sim from "edgeworks/simulate";
import { show } from "edgeworks/kernel";
import { readFileSync } from "node:fs";

// %% [markdown]
// ## 1. The files
//
// Eight scans: two materials × four states, 36 frames each.

// %%
const scans = await sim.writeRixsSeries("simulated-data/xu2018-rixs", { scan: { seed: 2018, cols: 128 } });
scans.map((s) => ({ scan: s.name, table: s.table!.split("/").slice(-2).join("/"), frames: s.frames.length, dark: "dark.tif", elastic: "elastic.tif" }))

// %% [markdown]
// ## 2. One scan, step by step (LNMO charged to 4.8 V)
//
// The scan table gives each frame's excitation energy, I₀ (the `Izero` mesh current) and exposure.

// %%
const one = scans.find((s) => s.name === "LNMO 4.8 V")!;
const table = rixs.readScanTable(one.table!);
table.rows.slice(0, 4).map((r) => ({ line: r.line, "excitation (eV)": r.excitation, I0: r.i0, "exposure (s)": r.exposure, frame: r.frame }))

// %% [markdown]
// A raw frame at 530.8 eV excitation: rows are the emission (dispersive) axis. The bright curved
// line is the elastic line; the broad band below it is the TM–O fluorescence. Saturated pixels are
// masked, the dark frame subtracted, and cosmic-ray hits found by a local-median test (a pixel more
// than 8 σ above the median of its 8 neighbours, σ from photon statistics and the frame's noise
// floor) and replaced by that median.

// %%
const dark = rixs.readTiffFrames(one.dark!)[0];
const at = table.rows.findIndex((r) => Math.abs(r.excitation - 530.8) < 1e-6);
const raw = rixs.readTiffFrames(table.rows[at].framePath)[0];
const sat = rixs.maskSaturated(raw);
const dk = rixs.subtractDark(sat.frame, { dark });
const cr = rixs.removeCosmicRays(dk.frame);
await show(ew.panelsSpec([ew.rixsFrameSpec(raw, { title: `raw frame at ${table.rows[at].excitation} eV`, domain: [95, 160], width: 260, height: 340 }),
  ew.rixsFrameSpec(cr.frame, { title: "dark subtracted, cosmic rays repaired", domain: [-5, 60], width: 260, height: 340 })]));
({ "saturated pixels": sat.count, "dark level (counts)": dk.level, "noise floor (counts)": cr.noise, "cosmic-ray pixels": cr.count, hits: cr.hits })

// %% [markdown]
// **Curvature and tilt.** The spectrometer images a line of constant emission energy as a slightly
// tilted, curved line on the CCD. On the elastic-line reference frame the line's row is fitted
// (Gaussian on a linear background) in 16 column bins, and a quadratic `row(c) = a₀ + a₁ (c − c₀) +
// a₂ (c − c₀)²` is fitted through them. Each column is then moved back by its sub-pixel shift while
// integrating, so the line becomes straight. The simulation knows the planted shape.

// %%
const elastic = rixs.readTiffFrames(one.elastic!)[0];
const curvature = rixs.fitCurvature(rixs.removeCosmicRays(rixs.subtractDark(elastic, { dark }).frame).frame);
const truth = JSON.parse(readFileSync(one.truth, "utf8"));
({ "tilt found (px/col)": curvature.coefficients[1], "tilt planted": truth.curvature.coefficients[1], "curvature found (px/col²)": curvature.coefficients[2],
   "curvature planted": truth.curvature.coefficients[2], "residual (px)": curvature.residualRms, "largest shift (px)": curvature.maxShift })

// %% [markdown]
// ## 3. Every scan to a calibrated map
//
// `processRixsScan` runs these steps on every frame, integrates along the columns with the curvature
// correction, divides by I₀ (relative to the scan's mean) and by the exposure, stacks the spectra by
// excitation energy and calibrates the emission axis: in each row the elastic line's pixel is
// fitted, and a straight line `pixel = a + b · E_excitation` gives the dispersion (eV per pixel) and
// the offset. The table lists what each step did.

// %%
const results = [];
for (const s of scans) {
  const d = rixs.readTiffFrames(s.dark!)[0];
  const el = rixs.readTiffFrames(s.elastic!)[0];
  const c = rixs.fitCurvature(rixs.removeCosmicRays(rixs.subtractDark(el, { dark: d }).frame).frame);
  results.push({ scan: s, r: await rixs.processRixsScan(rixs.readScanTable(s.table!), { dark: d, curvature: c, name: s.name }) });
}
results.map(({ scan, r }) => ({ scan: scan.name, "dispersion (eV/px)": r.calibration.dispersion, "offset (eV)": r.calibration.offset,
  "calibration residual (eV)": r.calibration.residualRms, "elastic lines used": r.calibration.points.filter((p) => p.used).length,
  "cosmic-ray pixels": r.cosmicPixels, "saturated pixels": r.saturatedPixels }))

// %% [markdown]
// ## 4. The figure
//
// Excitation energy vertical, emission energy horizontal, one colour scale for all eight maps (1st
// to 99.5th percentile, gamma 0.6 to bring out the weaker features, as the paper tunes its colour
// scale). The bright diagonal is the elastic line (emission = excitation); the dashed ring marks
// 530.8 / 523.75 eV.

// %%
const marker = [{ excitation: 530.8, emission: 523.75 }];
await show(ew.rixsMapsSpec(results.map(({ r }) => r.map), { columns: 4, emissionRange: [518, 535], gamma: 0.6, markers: marker,
  title: "O K-edge RIXS: LNMO (top) and LNRO (bottom)", legendTitle: "counts/s" }));

// %% [markdown]
// ## 5. The oxidised-oxygen feature
//
// In the emission spectrum at 530.8 eV excitation a Gaussian on a smooth (quadratic) background is
// fitted between 522.75 and 524.75 eV emission; the feature counts as present when its amplitude is
// at least 10 standard errors. The window intensity (530.6–531.0 eV excitation × 523.5–524.0 eV
// emission) is what one would plot against state of charge.

// %%
const features = results.map(({ scan, r }) => {
  const f = rixs.findFeature(r.map);
  const w = rixs.featureIntensity(r.map, { excitation: [530.6, 531.0], emission: [523.5, 524.0] });
  return { scan: scan.name, material: scan.material, state: scan.state, present: f.present, "position (eV)": f.present ? f.centre : NaN,
    "± (eV)": f.present ? f.centreError : NaN, significance: f.significance, "window intensity": w.mean };
});
features

// %%
await show(ew.rixsFeatureSpec(features.map((f) => ({ material: f.material, state: f.state, intensity: f["window intensity"] })),
  { yLabel: "530.8 / 523.75 eV window (counts/s)", title: "The feature against state of charge" }));
const found = features.filter((f) => f.present);
console.log(`523.75 eV feature at 530.8 eV excitation: present in ${found.map((f) => f.scan).join(" and ")} only; ` +
  `position ${found.map((f) => f["position (eV)"].toFixed(2)).join(" and ")} eV emission (paper: 523.75 eV; charged LNMO only).`);

// %% [markdown]
// As in the paper, the feature appears only in charged LNMO (4.5 and 4.8 V) and is gone after
// discharge to 2.0 V; LNRO shows the TM–O stripes near 525 eV but no feature at any state.
