"""The data cells shared by the O K plateau notebooks (S16, S17, S4): simulate, write, read, preprocess."""

INTRO_SIMULATED = """
> **These data are simulated.** The paper's STXM data are not public, so this notebook runs on
> files written by edgeworks' simulated beamline (`simulateOxygenPlateau`, the same seed as the
> S15 notebook) in the ALS/PolLux `.hdr` + `.xim` format: six LMR-NMC electrodes along the
> first-charge plateau (131–311 mAh/g), reduced and oxidised LMR-NMC and a carbon/binder matrix,
> photon noise, drift, and an energy offset per session. The ground truth is known, so the
> notebook can say how well the method recovers it. For your own data, set `files`, the
> sample-free regions and the reference spectra.
"""

CELLS = [
("markdown", """
## The data

Simulated raw files, read back and preprocessed exactly as in the S15 notebook (I₀, absorbance,
alignment, energy calibration, per-pixel normalisation, noise filter) by `preprocessSeries`.
"""),
("code", """
const series = ew.simulateOxygenPlateau({ seed: 2017 });
const written = await ew.writeSimulatedSeries("simulated-data/gent2017-o-plateau", series, { formats: ["sdf"] });
const refs = JSON.parse(fs.readFileSync(written.references, "utf8"));
const samples = [];
for (const [i, s] of written.samples.entries()) {
  samples.push({ stack: await ew.readStack(s.sdf!), name: s.name, freeRegion: s.freeRegion, sessionReference: refs.session[i] });
}
const pre = ew.preprocessSeries(samples, {
  reference: refs.canonical,
  grid: ew.oxygenPlateauEnergies(),
  normalize: { background: [520, 526], area: [525, 535], brightness: [535, 560] },
  energyRange: [520, 535],
});
const T = pre.table;
({ pixels: T.nPixels, energies: T.nE, "removed by the noise filter": pre.noise.removed })
"""),
]

ENDMEMBERS = [
("markdown", """
## End members

As in the S16 notebook: the extremes of the pixel cloud (VCA), then refined to the 2 % of pixels
that are the purest and best determined for each member (`suggestEndmembers`); the carbon/binder
member is the one without the 529.3 eV TM–O peak, and of the two LMR-NMC members the oxidised one
has more weight at 530.8 eV.
"""),
("code", """
const sug = ew.suggestEndmembers(T.data, T.nPixels, T.nE, { k: 3, seed: 1, clusterSize: Math.round(T.nPixels / 50) });
const members = [0, 1, 2].map((k) => sug.spectra.subarray(k * T.nE, (k + 1) * T.nE));
const at = (s: Float64Array, e: number) => s[T.energies.findIndex((x) => x >= e)];
const binder = [0, 1, 2].reduce((b, k) => (at(members[k], 529.3) < at(members[b], 529.3) ? k : b), 0);
const [first, second] = [0, 1, 2].filter((k) => k !== binder).sort((a, b) => at(members[a], 530.8) - at(members[b], 530.8));
const order = [first, second, binder];
const names = ["1 reduced LMR-NMC", "2 oxidised LMR-NMC", "3 carbon/binder"];
// the end-member matrix in that order: [3, nE]
const E = new Float64Array(3 * T.nE);
order.forEach((k, i) => E.set(members[k], i * T.nE));
await show(ew.spectraSpec(T.energies, [0, 1, 2].map((i) => E.subarray(i * T.nE, (i + 1) * T.nE)), names, { title: "end members", yLabel: "normalised absorbance", highlight: [530.8] }));
"""),
]
