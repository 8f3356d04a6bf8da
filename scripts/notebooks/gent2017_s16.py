"""Source of notebooks/gent2017-s16-pca-vs-nmf.ipynb."""
import os, sys
sys.path.insert(0, os.path.dirname(__file__))
from mknb import nb
from plateau_data import INTRO_SIMULATED, CELLS as DATA, ENDMEMBERS

cells = [
("markdown", """
# Gent et al. 2017, Supplementary Figure 16 — PCA space and NMF space

(a) the plateau pixels in PCA space with the end-member regions, and the end-member spectra;
(b) the same in NMF space. The paper: end members are the extreme points of the pixel cloud;
averaging a small cluster of pixels there gives the end-member spectra: reduced LMR-NMC (1),
oxidised LMR-NMC (2) and the carbon/binder matrix (3). NMF makes the extremes easier to see.

This is the static figure; the interactive version, where you lasso the regions yourself, is the
end-member selector widget.
""" + INTRO_SIMULATED),
("code", """
import * as fs from "fs";
import * as ew from "edgeworks";
import { show, progress } from "edgeworks/kernel";
"""),
*DATA,
*ENDMEMBERS,
("code", """
const regions = order.map((k, i) => ({ name: names[i], indices: sug.clusters[k] }));
"""),
("markdown", """
## (a) PCA space
"""),
("code", """
const p = ew.pca(T.data, T.nPixels, T.nE, { center: true, nComponents: 3 });
await show(ew.scoreScatterSpec(p.scores!, T.nPixels, 3, { x: 0, y: 1, regions, axisPrefix: "PC", title: "(a) plateau pixels in PCA space" }));
"""),
("markdown", """
## (b) NMF space

NMF needs non-negative data; the background subtraction leaves small negative values in the
pre-edge, which are set to zero for the fit. A progress bar follows the iterations (Kernel →
Interrupt stops it).
"""),
("code", """
const Xnn = T.data.map((v) => Math.max(0, v));
const bar = progress(400, { label: "NMF" });
const nm = await ew.nmfAsync(Xnn, T.nPixels, T.nE, { k: 3, init: "nndsvda", maxIter: 400, onProgress: (it) => bar.update(it) });
bar.done(`${nm.nIter} iterations, converged: ${nm.converged}`);
// NMF coordinates of every pixel, each row scaled to sum 1
const Wn = ew.normalizeRows(nm.W, T.nPixels, 3);
await show({
  $schema: "https://vega.github.io/schema/vega-lite/v5.json",
  resolve: { scale: { color: "independent" } },
  vconcat: [
    ew.scoreScatterSpec(Wn, T.nPixels, 3, { x: 0, y: 1, regions, axisPrefix: "NMF ", title: "(b) plateau pixels in NMF space" }),
    ew.spectraSpec(T.energies, [0, 1, 2].map((k) => nm.H.subarray(k * T.nE, (k + 1) * T.nE)), ["NMF 1", "NMF 2", "NMF 3"], { title: "NMF components", yLabel: "component", highlight: [530.8] }),
  ],
});
"""),
("markdown", """
## How close are the end members to what was planted?

The simulation knows its end-member spectra; normalised like the pixels, they can be compared
with the suggestion (correlation 1 = same shape).
"""),
("code", """
const planted = series.truth.endMembers.map((m) => ew.normalizeSpectrum(
  { energies: Float64Array.from(m.energies), values: Float64Array.from(m.mu) }, { background: [520, 526], area: [525, 535] }));
const onGrid = (s: ew.Spectrum1D) => Float64Array.from(T.energies, (e) => s.values[s.energies.findIndex((x) => x >= e - 1e-9)]);
order.map((k, i) => ({ "end member": names[i], "planted": series.truth.endMembers[i].model.name, correlation: ew.pearson(members[k], onGrid(planted[i])) }))
"""),
]
nb(cells, os.path.join(os.path.dirname(__file__), "..", "..", "notebooks", "gent2017-s16-pca-vs-nmf.ipynb"))
