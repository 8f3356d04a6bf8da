// The powder-pattern chart: sticks, profiles, labels, offsets and regions; renders without
// warnings and stays inside a 900 px notebook column.
import assert from "node:assert/strict";
import { writeFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { powderPatternSpec } from "../../src/charts/powderPatternSpec";
import { readCifStructure } from "../../src/diffraction/cifRead";
import { powderPattern } from "../../src/diffraction/powderPattern";
import { renderSvg } from "../charts/render";

const ROOT = join(__dirname, "..", "..");

describe("powderPatternSpec", () => {
  const c2m = powderPattern(readCifStructure(join(ROOT, "data", "gent2017", "table-s1-c2m.cif")));
  const lco = powderPattern(readCifStructure(join(ROOT, "test", "fixtures", "diffraction", "powder", "LiCoO2-like.cif")));
  type Layer = { data?: { values: Record<string, unknown>[] }; mark?: { type: string } | string; layer?: Layer[] };
  const layers = (spec: Record<string, unknown>) => spec.layer as Layer[];
  const byMark = (spec: Record<string, unknown>, type: string) => layers(spec).find((l) => typeof l.mark === "object" && l.mark.type === type);

  it("one pattern: a stick per reflection, hkl labels on the strong peaks, the marked region", async () => {
    const spec = powderPatternSpec(c2m, { regions: [{ range: [20, 23], label: "(020) superstructure" }] });
    const sticks = byMark(spec, "rule")!.data!.values;
    assert.equal(sticks.length, c2m.reflections.length);
    const labels = byMark(spec, "text")!.data!.values.map((v) => v.label);
    assert.ok(labels.includes("(001)"), labels.join(" "));
    assert.deepEqual(layers(spec)[0].data!.values, [{ lo: 20, hi: 23, label: "(020) superstructure" }]);
    const { svg, warnings } = await renderSvg(spec);
    assert.deepEqual(warnings, []);
    const w = Number(/<svg[^>]*width="([\d.]+)"/.exec(svg)![1]);
    assert.ok(w <= 900, `width ${w}`);
    mkdirSync(join(ROOT, "test-results"), { recursive: true });
    writeFileSync(join(ROOT, "test-results", "powder-pattern-c2m.svg"), svg);
  });
  it("several patterns stacked with an offset, within 900 px with the legend", async () => {
    const spec = powderPatternSpec([{ name: "C2/m (Table S1)", pattern: c2m }, { name: "LiCoO2-like", pattern: lco }], { profile: { fwhm: 0.15, eta: 0.5 } });
    const line = byMark(spec, "line")!.data!.values as { name: string; y: number }[];
    const second = line.filter((v) => v.name === "LiCoO2-like").map((v) => v.y);
    assert.ok(Math.min(...second) >= 110 - 1e-9 && Math.max(...second) <= 210 + 1e-9);
    const { svg, warnings } = await renderSvg(spec);
    assert.deepEqual(warnings, []);
    assert.ok(Number(/<svg[^>]*width="([\d.]+)"/.exec(svg)![1]) <= 900);
  });
  it("sticks only, and refuses unknown options", () => {
    const spec = powderPatternSpec(lco, { profile: false });
    assert.equal(byMark(spec, "line"), undefined);
    assert.throws(() => powderPatternSpec(lco, { offest: 1 } as never), /powderPatternSpec: unknown option "offest"/);
    assert.throws(() => powderPatternSpec(lco, { regions: [{ range: [23, 20] }] }), /option regions\[0\]\.range must be \[lo, hi\]/);
    assert.throws(() => powderPatternSpec([]), /expected at least one pattern/);
  });
});
