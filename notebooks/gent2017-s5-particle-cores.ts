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
// # Gent et al. 2017, Supplementary Figure 5 — O K spectra of two particle cores, before and after the plateau
//
// The figure compares the spectrum from the core of one particle charged to 4.35 V (before the
// plateau) with the core of one charged to 4.60 V (after it), and shows their difference: the
// 530.8 eV oxidised-oxygen feature grows across the plateau. The O K maps beside it show where the
// spectra are.
//
// > **These data are simulated.** The paper's STXM data are not public, so this notebook runs on
// > files written by edgeworks' simulated beamline (`simulateOxygenCycle`, the states `c1_4.35V`
// > and `c1_4.60V`) in the ALS/PolLux `.hdr` + `.xim` format: LMR-NMC particles whose oxidised part
// > carries the 530.8 eV feature (75 % of the second end member at 4.60 V, 5 % at 4.35 V), a
// > carbon/binder matrix, photon noise, drift and an energy offset per session. The numbers below
// > describe the simulation, not the paper's particles.
//
// The particle cores are chosen with the **stack explorer**: in JupyterLab you drag a rectangle
// over the core of a particle on the image (or lasso it) and read it back in the next cell. Here the
// regions are set in code through the same API (`explorer.region = …`), so the notebook also runs
// headless and gives the same numbers every time.

// %%
import * as ew from "edgeworks";
import * as sim from "edgeworks/simulate";
import { show, stackExplorer } from "edgeworks/kernel";

// %% [markdown]
// ## 1. The two stacks, as optical density
//
// Each raw stack is turned into optical density with I₀ from its sample-free region, aligned,
// cropped and put on the true energy scale (the session's offset is measured on the reference
// powder), both onto the same energy grid so the spectra can be subtracted.

// %%
const states = sim.OXYGEN_CYCLE_STATES.filter((s) => s.name === "c1_4.35V" || s.name === "c1_4.60V");
const data = await sim.loadSimulatedSeries("simulated-data/gent2017-s5", sim.simulateOxygenCycle({ seed: 2017, states }));
const grid = sim.oxygenPlateauEnergies();
const od = data.samples.map((s) => ew.preprocessStack(s.stack, { freeRegion: s.freeRegion, calibrate: { session: s.sessionReference!, reference: data.reference, grid } }));
od.map((p, i) => ({ sample: data.samples[i].name, "image (ny × nx)": `${p.stack.ny} × ${p.stack.nx}`, energies: p.stack.nE, "I0 pixels": p.i0.pixelCount, "energy offset removed (eV)": +p.calibration!.offset.toFixed(3) }))

// %% [markdown]
// ## 2. The particle cores, with the stack explorer
//
// The explorer shows the O K map at 530.8 eV (viridis, 1st–99th percentile). A core is the thick
// middle of a particle, away from its surface, but not so thick that the optical density
// saturates. `particleCore` stands in for the user's drag: the 5 × 5 pixel window centred on the
// highest post-edge (545 eV) local maximum of the optical density (a particle's centre) whose
// pixels all stay below OD 2 there.

// %%
/** The 5 × 5 window (a `Rect`) around the thickest particle centre whose pixels stay below `maxOd` at `eV`. */
function particleCore(stack: ew.Stack, eV: number, maxOd = 2, size = 5): { x0: number; y0: number; x1: number; y1: number } {
  let e = 0;
  stack.energies.forEach((v, i) => { if (Math.abs(v - eV) < Math.abs(stack.energies[e] - eV)) e = i; });
  const { ny, nx } = stack, img = stack.data.subarray(e * ny * nx, (e + 1) * ny * nx), h = Math.floor(size / 2);
  let best = { x0: 0, y0: 0, x1: size, y1: size }, bestOd = -Infinity;
  for (let y = h; y < ny - h; y++) for (let x = h; x < nx - h; x++) {
    const v = img[y * nx + x];
    if (!(v > bestOd)) continue;
    let ok = true;
    for (let dy = -3; dy <= 3 && ok; dy++) for (let dx = -3; dx <= 3; dx++) {
      const yy = y + dy, xx = x + dx;
      if (yy < 0 || xx < 0 || yy >= ny || xx >= nx) continue;
      const w = img[yy * nx + xx];
      if (w > v || (Math.abs(dy) <= h && Math.abs(dx) <= h && !(w < maxOd))) { ok = false; break; }
    }
    if (ok) { bestOd = v; best = { x0: x - h, y0: y - h, x1: x + h + 1, y1: y + h + 1 }; }
  }
  return best;
}
const before = stackExplorer(od[0].stack, { energy: 530.8, colormap: "viridis", title: `${data.samples[0].name}: O K map at 530.8 eV — drag a rectangle over a particle core` });
before.region = particleCore(od[0].stack, 545);
before

// %%
const after = stackExplorer(od[1].stack, { energy: 530.8, colormap: "viridis", title: `${data.samples[1].name}: O K map at 530.8 eV — drag a rectangle over a particle core` });
after.region = particleCore(od[1].stack, 545);
after

// %% [markdown]
// The regions as the kernel holds them (after a drag in the browser these are what you drew):

// %%
const cores = [before, after].map((x, i) => ({ sample: data.samples[i].name, region: JSON.stringify(x.rect()), pixels: x.regionCount }));
cores

// %% [markdown]
// ## 3. The core spectra and their difference
//
// Each core's mean spectrum (`explorer.regionSpectrum()`) is normalised as in the paper's figures:
// the mean of the 520–526 eV background subtracted, the 535–560 eV post-edge area set to 1. The
// difference (4.60 V − 4.35 V, black) is drawn underneath.

// %%
const norm = (s: ew.Spectrum) => ew.normalizeSpectrum(s, { background: [520, 526], area: [535, 560] });
const a = { ...norm(before.regionSpectrum()), name: "core at 4.35 V" };
const b = { ...norm(after.regionSpectrum()), name: "core at 4.60 V" };
const diff = ew.makeSpectrum(a.energies, a.values.map((v, i) => b.values[i] - v), { name: "difference (4.60 − 4.35 V)" });
await show(ew.spectraSpec([a, b], { title: "O K spectra of the two particle cores", yLabel: "normalised absorption", highlight: [529.3, 530.8], colors: ["#2ca02c", "#d62728"], energyRange: [525, 545] }));
await show(ew.spectraSpec(diff, { title: "difference, 4.60 V − 4.35 V", yLabel: "Δ normalised absorption", highlight: [529.3, 530.8], colors: ["#000000"], energyRange: [525, 545], height: 140 }));

// %% [markdown]
// The numbers the figure shows: the heights at the TM–O peak (529.3 eV) and at the oxidised-oxygen
// feature (530.8 eV), and where the difference is largest in the pre-edge.

// %%
const at = (s: ew.Spectrum, e: number) => +ew.valueAt(s, e).toFixed(4);
let peak = 0;
diff.energies.forEach((e, i) => { if (e >= 525 && e <= 535 && diff.values[i] > diff.values[peak]) peak = i; });
({
  "4.35 V core at 529.3 eV": at(a, 529.3), "4.60 V core at 529.3 eV": at(b, 529.3),
  "4.35 V core at 530.8 eV": at(a, 530.8), "4.60 V core at 530.8 eV": at(b, 530.8),
  "difference at 530.8 eV": at(diff, 530.8), "largest difference 525–535 eV": +diff.values[peak].toFixed(4), "at (eV)": diff.energies[peak],
  "planted oxidised share of the second member (4.35 / 4.60 V)": `${states[0].oShare} / ${states[1].oShare}`,
})

// %% [markdown]
// The 4.60 V core has the larger 530.8 eV feature; the difference peaks there, as in the paper's
// figure. To use your own stacks, read them with `ew.readStack(path)`, preprocess them the same way,
// show `stackExplorer(stack)` and drag the core regions; `explorer.regionSpectrum()` then gives the
// spectra (and `explorer.mask()` the pixels).
