/**
 * The XAS chart builders: valid vega-lite (rendered without warnings), ≤ 900 px wide, marks where asked.
 */
import { strict as assert } from "node:assert";
import { xasChiKSpec, xasChiRSpec, xasNormSpec } from "../../src/charts";
import { xftf, type ChiK } from "../../src/xas";
import { makeSpectrum } from "../../src/types/spectrum";
import { renderSvg } from "../charts/render";

const E = Array.from({ length: 200 }, (_, i) => 22080 + i * 0.5);
const norm = (c: number, name: string) => makeSpectrum(E, E.map((e) => 0.5 + Math.atan((e - c) / 2) / Math.PI), { name });
const k = Float64Array.from({ length: 281 }, (_, i) => i * 0.05);
const chi = (r: number, name: string): ChiK => ({ k, chi: Float64Array.from(k, (x) => (x > 0 ? Math.sin(2 * x * r) / (x * 5) : 0)), name });

describe("xas charts", () => {
  it("xasNormSpec: curves, edge points, rules; renders without warnings", async () => {
    const spec = xasNormSpec([norm(22126.8, "pristine"), norm(22128.5, "charged")], { edges: { pristine: 22126.8, charged: 22128.5 }, rules: [{ energy: 22117, label: "Ru foil" }], energyRange: [22100, 22160] });
    const { svg, warnings } = await renderSvg(spec);
    assert.deepEqual(warnings, []);
    assert.ok(svg.includes("<svg"));
    assert.ok((spec.width as number) + 200 <= 900);
    const layers = spec.layer as { data: { values: { x: number }[] }; mark: { type: string } }[];
    assert.equal(layers.length, 4);
    assert.ok(layers[0].data.values.every((v) => v.x >= 22100 && v.x <= 22160));
    assert.deepEqual(layers[3].data.values.map((v) => v.x), [22126.8, 22128.5]);
    assert.throws(() => xasNormSpec([norm(1, "a")], { edges: { b: 3 } }), /edges names "b", which is not one of the spectra \(a\)/);
    assert.throws(() => xasNormSpec([norm(1, "a"), norm(2, "a")]), /names must be unique/);
    assert.throws(() => xasNormSpec([norm(1, "a")], { edge: {} } as never), /unknown option "edge"/);
  });
  it("xasChiKSpec weights by kⁿ; xasChiRSpec draws |χ(R)| with the shells", async () => {
    const a = chi(1.4, "Ru–O like"), b = chi(2.3, "Ru–TM like");
    const ks = xasChiKSpec([a, b], { kweight: 2 });
    const v = (ks.layer as { data: { values: { x: number; y: number; name: string }[] } }[])[0].data.values;
    const p = v.find((q) => q.name === "Ru–O like" && Math.abs(q.x - 10) < 1e-9)!;
    assert.ok(Math.abs(p.y - 100 * a.chi[200]) < 1e-9);
    assert.equal((await renderSvg(ks)).warnings.length, 0);
    const rs = xasChiRSpec([{ name: "a", chir: xftf(a, { kmin: 3, kmax: 12, window: "hanning" }) }, { name: "b", chir: xftf(b, { kmin: 3, kmax: 12, window: "hanning" }) }], { shells: [{ r: 1.4, label: "Ru–O" }, { r: 2.3, label: "Ru–TM" }] });
    assert.deepEqual((await renderSvg(rs)).warnings, []);
    assert.match(JSON.stringify(rs), /\|χ\(R\)\| \(Å⁻³\)/);
    assert.throws(() => xasChiRSpec([{ name: "a", chir: xftf(a) }], { part: "phase" as never }), /part/);
    assert.throws(() => xasChiKSpec([a], { kweight: 7 }), /kweight/);
  });
});
