import assert from "node:assert/strict";
import { renderSvg } from "../charts/render";
import { voltageProfiles, dqdv, dqdvPeaks, analyzeDems, gasRates, type DemsRecord } from "../../src/electrochem";
import { cyclerProfilesSpec, dqdvSpec, demsSpec, demsCumulativeSpec } from "../../src/charts";
import { simulateCycler, simulateDems, LNRO_XU2018, LNMO_DEMS_XU2018, LNMO_GASES_XU2018 } from "../../src/simulate";

describe("electrochemistry charts render without vega warnings", () => {
  const { data } = simulateCycler({ cell: LNRO_XU2018, mass: 3.2, seed: 1, interval: 300 });
  it("voltage profiles: one line per half-cycle, labels, ≤ maxPoints per profile", async () => {
    const p = voltageProfiles(data);
    const spec = cyclerProfilesSpec(p, { labels: ["charge", "discharge"], maxPoints: 100, title: "LNRO" });
    const values = (spec.data as { values: { label: string }[] }).values;
    assert.ok(values.filter((v) => v.label === "charge").length <= 101);
    const { svg, warnings } = await renderSvg(spec);
    assert.deepEqual(warnings, []);
    assert.match(svg, /Capacity \(mAh\/g\)/);
    assert.throws(() => cyclerProfilesSpec(p, { labels: ["one"] }), /option labels has 1 entries, expected 2/);
    assert.throws(() => cyclerProfilesSpec([], {}), /non-empty list/);
  });
  it("dQ/dV with peaks labelled by voltage", async () => {
    const curves = dqdv(data, { fwhm: 0.02 });
    const spec = dqdvSpec(curves, { peaks: curves.map((c) => dqdvPeaks(c, { minProminence: 0.1 })), labels: ["charge", "discharge"] });
    const { svg, warnings } = await renderSvg(spec);
    assert.deepEqual(warnings, []);
    assert.match(svg, /3\.65/);
    assert.match(svg, /mAh g⁻¹ V⁻¹/);
    assert.throws(() => dqdvSpec(curves, { bogus: 1 } as never), /unknown option "bogus"/);
  });
  it("DEMS: voltage and rates stacked on one time axis; cumulative amounts", async () => {
    const { cycler, ms, truth } = simulateDems({ cell: LNMO_DEMS_XU2018, gases: LNMO_GASES_XU2018, seed: 2, interval: 120 });
    const rec: DemsRecord = { file: "mem", nPoints: ms.time.length, time: ms.time, channels: ms.channels, units: {}, metadata: {}, warnings: [] };
    const a = analyzeDems(gasRates(rec, Object.fromEntries(truth.gases.map((g) => [g.species, { channel: g.channel, factor: g.factor }]))), cycler);
    for (const spec of [demsSpec(a), demsCumulativeSpec(a)]) {
      const { warnings } = await renderSvg(spec);
      assert.deepEqual(warnings, []);
    }
    assert.throws(() => demsSpec(a, { species: ["H2"] }), /option species names "H2", expected one of: O2, CO2/);
  });
});
