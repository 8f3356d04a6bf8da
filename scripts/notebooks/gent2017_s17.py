"""Source of notebooks/gent2017-s17-residuals.ipynb."""
import os, sys
sys.path.insert(0, os.path.dirname(__file__))
from mknb import nb
from plateau_data import INTRO_SIMULATED, CELLS as DATA, ENDMEMBERS

cells = [
("markdown", """
# Gent et al. 2017, Supplementary Figure 17 — how good are the end members?

Every normalised pixel is fitted with a non-negative combination of the three end members
(per-pixel NNLS); the norm of what is left over, the residual, says where the end members fail to
describe the data. (a) residual maps of three samples — white is a residual of 0.25 or more,
black 0; (b) residual against brightness for every pixel. The paper finds no domain of high
residual, most pixels below 0.1, and the larger residuals in dim pixels (brightness below 0.25).
""" + INTRO_SIMULATED),
("code", """
import * as fs from "fs";
import * as ew from "edgeworks";
import { show, showPng } from "edgeworks/kernel";
"""),
*DATA,
*ENDMEMBERS,
("markdown", """
## Per-pixel NNLS

One Gram matrix for all pixels, an exact active-set solve per pixel. The carbon/binder member
takes part in the fit but not in the LMR-NMC phase fractions (`extraneous`).
"""),
("code", """
const fit = ew.nnlsPixels(T.data, T.nPixels, T.nE, E, 3, { extraneous: [2] });
({ pixels: T.nPixels, "not converged": fit.nNotConverged, "pixels with no LMR-NMC": fit.nNoPhase })
"""),
("markdown", """
## (a) Residual maps

Three samples, greyscale from 0 (black) to 0.25 or more (white); pixels outside the table
(sample-free, unnormalisable or removed by the noise filter) are transparent.
"""),
("code", """
const maps = ew.residualMaps(T, fit.residualNorm);
for (const i of [0, 2, 5]) {
  const m = maps[i];
  await showPng(ew.scaleImagePng(m.image, m.ny, m.nx, { colorScheme: "gray", domain: [0, 0.25], scale: 3, nanColor: [40, 60, 110, 255] }), `residual map, ${m.name}`);
  console.log(`${m.name}: residual map (white ≥ 0.25; blue: no pixel)`);
}
"""),
("markdown", """
## (b) Residual against brightness

Brightness is the post-edge area (535–560 eV) of the pixel, scaled so that the brightest 1 % of
pixels are at 1.
"""),
("code", """
const b = Array.from(T.brightness).sort((p, q) => p - q);
const b99 = b[Math.floor(0.99 * b.length)];
const brightness = Float64Array.from(T.brightness, (v) => v / b99);
await show(ew.xySpec(brightness, fit.residualNorm, { xLabel: "brightness (post-edge area, relative)", yLabel: "residual ‖x − Ew‖", title: "(b) residual vs brightness, all plateau pixels", maxPoints: 20000, size: 4 }));
let below = 0, high = 0, highDim = 0;
for (let i = 0; i < T.nPixels; i++) {
  if (fit.residualNorm[i] < 0.1) below++;
  else { high++; if (brightness[i] < 0.25) highDim++; }
}
({ "pixels with residual < 0.1": below / T.nPixels, "of the rest, brightness < 0.25": highDim / Math.max(1, high) })
"""),
]
nb(cells, os.path.join(os.path.dirname(__file__), "..", "..", "notebooks", "gent2017-s17-residuals.ipynb"))
