import assert from "node:assert/strict";
import path from "node:path";
import { trendSpec } from "../../src/charts";
import { deriveMeasured, divideMeasured, measuredColumn, readResultTable, scaleMeasured, type Measured } from "../../src/diffraction";
import { renderSvg } from "../charts/render";

const s2 = () => readResultTable(path.join(__dirname, "..", "..", "data", "gent2017", "table-s2-rietveld.tsv")).table;
const svgWidth = (svg: string) => Number(/<svg[^>]*width="([\d.]+)"/.exec(svg)![1]);

describe("tables: trend plots with error bars", () => {
  it("TM in the Li layer against the sample (Gent 2017 Table S2): bars at ±1σ, renders inside 900 px", async () => {
    const t = deriveMeasured(s2(), "tm", (r) => scaleMeasured(divideMeasured(r["TM_Li occupancy"] as Measured, 0.83), 100));
    const samples = Array.from(t.array("sample") as ArrayLike<string>);
    const spec = trendSpec(samples, measuredColumn(t, "tm"), { xLabel: "sample", yLabel: "TM in Li layer (%)" });
    const rows = (spec.data as { values: Record<string, number | string>[] }).values;
    assert.equal(rows.length, 8);
    assert.equal(rows[0].x, "Pristine");
    assert.ok(Math.abs((rows[0].lo as number) - (3.0964 - 0.0964)) < 1e-3 && Math.abs((rows[0].hi as number) - 3.1928) < 1e-3);
    const { svg, warnings } = await renderSvg(spec);
    assert.deepEqual(warnings, []);
    assert.ok(svgWidth(svg) <= 900, `width ${svgWidth(svg)}`);
  });
  it("several series on a numeric axis; points without esd get no bar and are counted; bad input is named", async () => {
    const a: Measured[] = [{ value: 2.94, esd: 0.001 }, { value: 2.93, esd: NaN }, { value: NaN, esd: 0.1 }];
    const spec = trendSpec([0, 0.5, 1], [{ name: "a", values: a }, { name: "b", values: a.map((m) => ({ value: m.value + 0.01, esd: m.esd })) }], { esdScale: 3 });
    assert.equal((spec.title as { subtitle: string }).subtitle, "error bars ±3σ; 2 points without a value left out; 2 without an esd (no bar)");
    assert.equal((trendSpec([1, 2], [{ value: 1, esd: NaN }, { value: 2, esd: NaN }]).title as { subtitle: string }).subtitle, "no esds given (points only)");
    const { warnings } = await renderSvg(spec);
    assert.deepEqual(warnings, []);
    assert.throws(() => trendSpec([0, 1], a), /series "" has 3 values, expected 2/);
    assert.throws(() => trendSpec([0, "b"], a.slice(0, 2)), /x must be all numbers or all strings/);
    assert.throws(() => trendSpec([0], [{ value: 1 } as Measured]), /value 0 must be \{ value, esd \}/);
    assert.throws(() => trendSpec([0], a.slice(0, 1), { esd: 2 } as never), /unknown option "esd"/);
  });
});
