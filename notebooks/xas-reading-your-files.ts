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
// %% [markdown]
// # Reading your XAS files: XDI, Athena projects, SPEC and beamline columns
//
// Every XAS reader of edgeworks returns the same thing, an `XasScan`: the file's columns by
// name, the header fields, the energy column, and `warnings` saying what the reader noticed and
// did (rows with NaN dropped, a cut-off last row, a time-of-day column, energies in keV). Turning
// columns into μ(E) is a separate, explicit step, `scanSpectrum`: transmission ln(I0/It),
// fluorescence If/I0, electron yield TEY/I0, or a μ column the file already holds.
//
// `readXas` finds the format from the content, not the extension: XDI, Athena projects (Perl or
// JSON, gzipped or not), SPEC, or plain columns. The files here are real beamline files kept in
// the repository's test fixtures (`test/fixtures/xas/io/real/`, with their sources and licences in
// its README). **To use your own data, replace the paths.**

// %%
import * as ew from "edgeworks";
import * as xas from "edgeworks/xas";
import { show } from "edgeworks/kernel";
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";

const REAL = resolve("..", "test", "fixtures", "xas", "io", "real");
existsSync(REAL) ? `real files from ${REAL}` : `the repository's test fixtures are not at ${REAL}: run this notebook from notebooks/ in a checkout of edgeworks`

// %% [markdown]
// ## 1. A copper foil in XDI
//
// `cu_metal_rt.xdi` is the Cu K-edge transmission scan of a foil from the XDI project's examples
// (APS 13-ID). The format is recognised from the first line; the `Column.N` fields give names and
// units; every `Family.key` field is in `metadata`.

// %%
const cuPath = join(REAL, "xdi", "cu_metal_rt.xdi");
const guess = xas.sniffXasFormat(cuPath);
const [cu] = xas.readXas(cuPath);
({ format: guess.format, because: guess.reason, columns: cu.names.join(", "), "energy column": cu.energy, rows: cu.nPoints,
   element: cu.metadata["Element.symbol"], edge: cu.metadata["Element.edge"], mono: cu.metadata["Mono.name"], "d spacing (Å)": cu.metadata["Mono.d_spacing"],
   beamline: cu.metadata["Beamline.name"], warnings: cu.warnings.length === 0 ? "none" : cu.warnings.join("; ") })

// %% [markdown]
// The file holds I0 and It, and also the μ the beamline software computed. μ = ln(I0/It) from the
// two intensities agrees with the stored column to the 8 digits it is written with:

// %%
const cuMu = xas.scanSpectrum(cu, { mode: "transmission" });
const stored = xas.scanSpectrum(cu, { mode: "mu", mu: "mutrans" });
const largest = Math.max(...Array.from(cuMu.values, (v, i) => Math.abs(v - stored.values[i])));
({ "columns used": JSON.stringify(cuMu.columnsUsed), unit: cuMu.unit, points: cuMu.energies.length, "largest |ln(I0/It) − mutrans|": largest })

// %%
await show(ew.xySpec(cuMu.energies, cuMu.values, { xLabel: "Energy (eV)", yLabel: "μ(E) = ln(I0/It)", title: "Cu foil, K edge, as read (transmission)", line: true }));

// %% [markdown]
// Normalised with the pre-edge line and post-edge polynomial (`preEdge`, larch's defaults), with
// the edge position marked at half step:

// %%
const cuNorm = xas.preEdge(cuMu);
await show(ew.xasNormSpec([{ ...cuNorm.norm, name: "Cu foil" }], { edges: { "Cu foil": cuNorm.e0 }, energyRange: [8900, 9100], title: "Cu foil, normalised" }));
({ "E0 (eV)": cuNorm.e0, "edge step": cuNorm.edgeStep })

// %% [markdown]
// ## 2. An Athena project
//
// `Ni_FeNiS20_RT.prj` is a gzipped Athena project in Larch's JSON format with eight Ni K-edge
// scans (from xraylarch's examples). Each group is an `XasScan` with columns `energy` and `mu`
// and, in `params`, the numbers Athena stored: E0, the pre-edge and normalisation ranges, Rbkg,
// the k range of the Fourier transform. The old Perl format of Athena and Demeter is read the same
// way, by a tokenizer: nothing in the file is ever executed.

// %%
const prj = xas.readAthena(join(REAL, "athena", "Ni_FeNiS20_RT.prj"));
({ format: prj.format, gzipped: prj.compressed, header: prj.header[0], groups: prj.groups.length })

// %%
prj.groups.map((g) => ({ group: g.label, points: g.nPoints, "bkg_e0 (eV)": g.params.bkg_e0, pre1: g.params.bkg_pre1, pre2: g.params.bkg_pre2,
  nor1: g.params.bkg_nor1, nor2: g.params.bkg_nor2, nnorm: g.params.bkg_nnorm, "rbkg (Å)": g.params.bkg_rbkg, "fft k (Å⁻¹)": `${g.params.fft_kmin}–${g.params.fft_kmax}` }))

// %% [markdown]
// Normalising every group with the parameters Athena stored (`athenaOptions` turns them into
// `preEdge` options) gives the spectra as they looked in Athena:

// %%
const niNorm = prj.groups.map((g) => {
  const mu = xas.scanSpectrum(g, { mode: "mu" });
  return { ...xas.preEdge(mu, xas.athenaOptions(g.params).preEdge).norm, name: g.label.replace("fenis_ni_rt_xafs_", "scan ") };
});
await show(ew.xasNormSpec(niNorm, { energyRange: [8300, 8450], offset: 0.15, title: "Ni K edge, eight scans of the Athena project (offset)" }));

// %% [markdown]
// ## 3. SPEC files and beamline column files
//
// A SPEC file holds many scans; `readSpec` (or `readXas`) returns all of them. This one is a
// S K-edge XANES `gescan` from APS 9-BM. The fluorescence is in the channels `mca1` … `mca8` of a
// multi-element detector (the Lytle detector and channels 1 and 7 show no edge); a column is just
// a named `Float64Array`, so the live channels are summed into a new column before dividing by I0.
// Motor positions of the file header are in `metadata` (`motor <name>`).

// %%
const specScans = xas.readXas(join(REAL, "spec", "APS9BM_2006.dat"));
const sScan = specScans[0];
const channels = ["mca2", "mca3", "mca4", "mca5", "mca6", "mca8"];
const mcaSum = new Float64Array(sScan.nPoints);
for (const c of channels) sScan.columns[c].forEach((v, i) => (mcaSum[i] += v));
const withSum: xas.XasScan = { ...sScan, names: [...sScan.names, "mca sum"], columns: { ...sScan.columns, "mca sum": mcaSum } };
const sFy = xas.scanSpectrum(withSum, { mode: "fluorescence", if: "mca sum" });
({ scans: specScans.length, label: sScan.label, columns: sScan.names.length, "energy column": sScan.energy, rows: sScan.nPoints,
   "columns used": JSON.stringify(sFy.columnsUsed), "motor tth": sScan.metadata["motor tth"], warnings: sScan.warnings.join("; ") })

// %% [markdown]
// Soft X-rays: an O K-edge scan written by the ALS Beamline Control System ("SigScan"), with a
// time-of-day column (read as seconds since midnight, and said so), I0 (`Izero`) and two drain
// currents. Total electron yield is TEY/I0:

// %%
const sig = xas.readXas(join(REAL, "columns", "SigScan.25702"))[0];
const oTey = xas.scanSpectrum(sig, { mode: "tey", tey: "TEY_up", i0: "Izero", name: "O K, TEY_up / Izero" });
({ "names from": sig.metadata["names from"], columns: sig.names.slice(0, 13).join(", ") + ", …", rows: sig.nPoints, warnings: sig.warnings.join("; ") })

// %%
await show(ew.panelsSpec([
  ew.xySpec(sFy.energies, sFy.values, { xLabel: "Energy (eV)", yLabel: "Σ mca / I0", title: "S K edge, SPEC gescan (APS 9-BM)", line: true, width: 330, height: 240 }),
  ew.xySpec(oTey.energies, oTey.values, { xLabel: "Energy (eV)", yLabel: "TEY_up / Izero", title: "O K edge, ALS SigScan", line: true, width: 330, height: 240 }),
]));

// %% [markdown]
// ## 4. When a file is not right
//
// Readers do not guess silently. A file that is none of the formats, a truncated gzip project,
// energies that go backwards: each is an error naming the file, the line or field, and what was
// expected. Here a truncated copy of an Athena project:

// %%
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
const scratch = mkdtempSync(join(tmpdir(), "xas-notebook-"));
const cut = join(scratch, "cut.prj");
writeFileSync(cut, readFileSync(join(REAL, "athena", "Ni_FeNiS20_RT.prj")).subarray(0, 3000));
let message = "";
try {
  xas.readXas(cut);
} catch (e) {
  message = (e as Error).message;
}
message

// %% [markdown]
// ## 5. The shared example files, when present
//
// Next to the repository, `../shared/external/xas/` may hold more real files (a Ni foil in XDI and
// two gzipped Athena projects of the old Perl format). They are read here when the folder exists.

// %%
const EXTERNAL = resolve("..", "..", "shared", "external", "xas");
if (existsSync(EXTERNAL)) {
  const [ni] = xas.readXas(join(EXTERNAL, "ni_metal_rt.xdi"));
  const [mno] = xas.readXas(join(EXTERNAL, "MnO_bv.prj")) as xas.AthenaGroup[];
  const niNormed = { ...xas.preEdge(xas.scanSpectrum(ni, { mode: "mu" })).norm, name: "Ni foil (XDI)" };
  const mnoNormed = { ...xas.preEdge(xas.scanSpectrum(mno, { mode: "mu" }), xas.athenaOptions(mno.params).preEdge).norm, name: `MnO (Athena group "${mno.label}")` };
  await show(ew.panelsSpec([
    ew.xasNormSpec([niNormed], { energyRange: [8250, 8500], title: "Ni foil", width: 330, height: 240 }),
    ew.xasNormSpec([mnoNormed], { energyRange: [6500, 6650], title: "MnO", width: 330, height: 240 }),
  ]));
} else {
  console.log(`${EXTERNAL} is not there: this section is skipped (the files are not part of the repository).`);
}
