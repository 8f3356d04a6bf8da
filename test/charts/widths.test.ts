// Figures as a reader sees them: every builder's default output, and the multi-panel figures of
// the notebooks (four edges side by side, a 3 × 3 grid, six samples × three members), rendered
// with vega in Node, must be at most 900 px wide — a JupyterLab notebook column. Vega measures
// text without a canvas at 0.8 × font size per character, wider than browsers draw, so a figure
// that fits here fits in JupyterLab.
import assert from "node:assert/strict";
import {
  histogramSpec, lcfSpec, mapSpec, mapsGridSpec, panelsSpec, scatterSpec, scoreScatterSpec, screeSpec, spectraSpec, xySpec,
} from "../../src/charts";
import { fractionMaps, hsvMapsGridSpec, residualMaps } from "../../src/maps";
import { makeSpectra } from "../../src/types/spectra";
import { E, members, results } from "./fixtures";
import { renderSvg } from "./render";

type Spec = Record<string, unknown>;

async function width(spec: Spec): Promise<number> {
  const { svg, warnings } = await renderSvg(spec);
  assert.deepEqual(warnings, []);
  const m = /^<svg[^>]* width="([\d.]+)"/.exec(svg);
  assert.ok(m, "the SVG has a width");
  return Number(m[1]);
}

const volts = ["3.0 V", "3.65 V", "3.9 V", "4.2 V", "4.4 V", "4.6 V (charged)"];
const averages = makeSpectra({ energies: E, values: volts.map((_, i) => members.data.subarray(0, E.length).map((v) => v * (1 + i / 10))), names: volts });

const figures: Record<string, () => Spec> = {
  "screeSpec(PcaResult)": () => screeSpec(results().p),
  "spectraSpec(Spectra)": () => spectraSpec(members, { highlight: [530.8] }),
  "spectraSpec(six voltages)": () => spectraSpec(averages),
  "scoreScatterSpec(PcaResult, regions, groups)": () => {
    const { p, em, T } = results();
    return scoreScatterSpec(p, { regions: em, groups: Array.from(T.sample, (s) => T.samples[s].name) });
  },
  "scoreScatterSpec(NmfResult)": () => scoreScatterSpec(results().nm, { regions: results().em }),
  "lcfSpec(LcfResult)": () => lcfSpec(results().fit),
  "histogramSpec": () => histogramSpec(results().T.brightness, { cutoff: 0.2 }),
  "xySpec(groups)": () => xySpec([1, 2, 3, 1, 2, 3], [1, 2, 3, 3, 2, 1], { groups: ["1 reduced LMR-NMC", "1 reduced LMR-NMC", "1 reduced LMR-NMC", "2 oxidised", "2 oxidised", "2 oxidised"], line: true }),
  "scatterSpec": () => scatterSpec([1, 2], [3, 4], { group: ["a", "b"] }),
  "mapSpec(scale bar)": () => {
    const s = results().maps.samples[0];
    return mapSpec(s.images[0], s.ny, s.nx, { pixelSize: s.pixelSize, legendTitle: "fraction" });
  },
  "mapsGridSpec(fit.maps(): 6 samples × 3 members)": () => mapsGridSpec(results().maps),
  "mapsGridSpec(rows: maps, 3 × 6)": () => mapsGridSpec(results().maps, { rows: "maps" }),
  "mapsGridSpec(residualMaps)": () => mapsGridSpec(residualMaps(results().T, new Float64Array(results().T.nPixels).fill(0.01))),
  "mapsGridSpec(panel list, 4 columns)": () => mapsGridSpec(results().maps.samples.map((s) => ({ title: s.name, image: s.images[0], ny: s.ny, nx: s.nx })), { columns: 4 }),
  "hsvMapsGridSpec(one edge, 6 samples)": () => hsvMapsGridSpec(fractionMaps(results().T, results().W, { names: members.names }), results().T, { member: 0 }),
  "hsvMapsGridSpec(four edges)": () => {
    const { T, maps } = results();
    return hsvMapsGridSpec(["Ni L3", "Co L3", "Mn L3", "O K"].map((label, i) => ({ maps, brightness: T, member: i % 2, label })));
  },
  "panelsSpec(S6: four edges, one legend)": () => panelsSpec(["Ni L3", "Co L3", "Mn L3", "O K"].map((title) => spectraSpec(averages, { title, yLabel: "normalised absorbance" }))),
  "panelsSpec(S18: 3 × 3, own legends)": () => {
    const { p, nm, em } = results();
    return panelsSpec([
      ["Ni", "Co", "Mn"].map((e) => screeSpec(p, { title: `${e} L3 cumulative variance`, nShow: 10 })),
      ["Ni", "Co", "Mn"].map((e) => scoreScatterSpec(nm, { regions: em, title: `${e} L3, NMF space, 3 components` })),
      ["Ni", "Co", "Mn"].map((e) => spectraSpec(members, { title: `${e} L3 end members` })),
    ]);
  },
  "panelsSpec(S8: LCF of four samples)": () => panelsSpec([0, 1, 2, 3].map((i) => lcfSpec(results().fit, { title: `LCF of sample ${i}` }))),
};

describe("figure widths: every default figure fits a 900 px notebook column", function () {
  this.timeout(120000);
  for (const [name, build] of Object.entries(figures)) {
    it(name, async () => {
      const w = await width(build());
      assert.ok(w <= 900, `${name} is ${w} px wide`);
      assert.ok(w >= 300, `${name} is only ${w} px wide`);
    });
  }
  it("the S6 figure of the bug report (4 × 260 px panels, each with its own legend) was wider than 900 px, and is not in panelsSpec", async () => {
    const panels = ["Ni L3", "Co L3", "Mn L3", "O K"].map((title) => spectraSpec(averages, { title, width: 260, height: 200 }));
    const old = { $schema: "https://vega.github.io/schema/vega-lite/v5.json", hconcat: panels.map((p) => ({ ...p, $schema: undefined })) };
    assert.ok((await width(old)) > 900);
    assert.ok((await width(panelsSpec(panels))) <= 900);
  });
});
