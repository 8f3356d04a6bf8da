// Options users asked for, checked on the rendered SVG (vega in Node): lcfSpec's legend keeps long
// reference names whole; mapsGridSpec's reversed scheme, NaN background and wrapped subtitle;
// xySpec's named series with their names in the legend.
import assert from "node:assert/strict";
import { lcfSpec, mapsGridSpec, xySpec } from "../../src/charts";
import type { LcfResult } from "../../src/decompose";
import { makeSpectra } from "../../src/types/spectra";
import { renderSvg } from "./render";

async function render(spec: Record<string, unknown>): Promise<{ svg: string; width: number }> {
  const { svg, warnings } = await renderSvg(spec);
  assert.deepEqual(warnings, []);
  const m = /^<svg[^>]* width="([\d.]+)"/.exec(svg);
  assert.ok(m, "the SVG has a width");
  return { svg, width: Number(m[1]) };
}

/** The text of every <text> element of the SVG (vega writes a cut label as its visible part plus "…"). */
function texts(svg: string): string[] {
  return [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
}

function lcfOf(names: string[]): LcfResult {
  const E = [529, 530, 531, 532];
  const refs = makeSpectra({ energies: E, values: names.map((_, i) => E.map((e) => 1 + ((e + i) % 3))), names, dim: "reference" });
  const weights = Float64Array.from(names, (_, i) => 0.5 / (i + 1));
  const fit = Float64Array.from(E, (_, j) => names.reduce((s, _n, i) => s + weights[i] * refs.data[i * E.length + j], 0));
  return {
    kind: "lcf", energies: Float64Array.from(E), spectrum: { energies: Float64Array.from(E), values: fit.map((v) => v + 0.01) }, references: refs, names,
    weights, uncertainties: new Float64Array(names.length), sum: 1, fit, residual: new Float64Array(E.length).fill(0.01),
    rFactor: 0.001, chi2: 0, reducedChi2: 0, nPoints: E.length, nVarys: names.length, shift: 0, sumToOne: false, nonNegative: true,
  };
}

describe("lcfSpec legend", () => {
  it("keeps long reference names whole and the figure within 900 px (legend below the panels)", async () => {
    const names = ["LMR-NMC reduced, pristine powder (Gent 2017 ref. A)", "LMR-NMC O oxidised at 4.8 V, first charge, coin cell", "carbon black and PVDF binder matrix"];
    const spec = lcfSpec(lcfOf(names));
    const { svg, width } = await render(spec);
    assert.ok(width <= 900, `width ${width}`);
    const shown = texts(svg);
    for (const [i, n] of names.entries()) {
      const label = `${n} × ${(0.5 / (i + 1)).toFixed(2)}`;
      assert.ok(shown.includes(label), `legend label "${label}" is whole; labels drawn: ${JSON.stringify(shown.filter((t) => t.includes("×") || t.includes("…")))}`);
    }
    assert.ok(!shown.some((t) => t.includes("…")), "no label is cut");
  });

  it("keeps short names beside the panels, at the default width", async () => {
    const spec = lcfSpec(lcfOf(["reduced", "oxidised"]));
    const top = (spec.vconcat as { width: number; layer: { encoding: { color: { legend: Record<string, unknown> } } }[] }[])[0];
    assert.equal(top.width, 420);
    assert.equal(top.layer[0].encoding.color.legend.orient, undefined);
    const { svg, width } = await render(spec);
    assert.ok(width <= 900);
    assert.ok(texts(svg).includes("oxidised × 0.25"));
  });
});

describe("mapsGridSpec options", () => {
  // One 1 × 3 panel: values 0, 1 and a NaN (masked) pixel.
  const panel = [{ title: "a", image: [0, NaN, 1], ny: 1, nx: 3 }];

  it("reverse swaps the colours of the scheme", async () => {
    const fills = async (reverse: boolean) => {
      const { svg } = await render(mapsGridSpec(panel, { reverse, colorScheme: "greys" }));
      // the two pixel rects, in data order (value 0, then value 1)
      return [...svg.matchAll(/aria-roledescription="rect mark" d="[^"]*" fill="([^"]*)"/g)].map((m) => m[1]);
    };
    const normal = await fills(false);
    const reversed = await fills(true);
    // greys: light for low values, dark for high; reversed the other way round
    assert.equal(normal.length, 2, `pixel rects found: ${JSON.stringify(normal)}`);
    assert.deepEqual(reversed, [normal[1], normal[0]]);
    const spec = mapsGridSpec(panel, { reverse: true }) as { concat: { encoding: { color: { scale: { reverse?: boolean } } } }[] };
    assert.equal(spec.concat[0].encoding.color.scale.reverse, true);
    assert.throws(() => mapsGridSpec(panel, { reverse: "yes" as unknown as boolean }), /option reverse must be true or false/);
  });

  it("nanColor fills the panel behind the pixels, so masked pixels show in it", async () => {
    const { svg } = await render(mapsGridSpec(panel, { nanColor: "#dddddd" }));
    assert.ok(svg.includes('fill="#dddddd"'), "the panel background is drawn in nanColor");
    const plain = await render(mapsGridSpec(panel));
    assert.ok(!plain.svg.includes('fill="#dddddd"'));
    assert.throws(() => mapsGridSpec(panel, { nanColor: "" }), /option nanColor must be a CSS colour/);
  });

  it("a long subtitle (block averaging note) wraps within the figure's width instead of widening it", async () => {
    const ny = 300;
    const nx = 300;
    const image = Float64Array.from({ length: ny * nx }, (_, i) => (i % nx) / nx);
    const spec = mapsGridSpec([{ title: "particle", image, ny, nx }], { size: 120, maxSize: 64 });
    const title = spec.title as { subtitle: string | string[] };
    assert.ok(Array.isArray(title.subtitle) && title.subtitle.length > 1, `subtitle wraps: ${JSON.stringify(title.subtitle)}`);
    assert.equal(title.subtitle.join(" "), "block-averaged 5×5: 300×300 → 60×60");
    const withTitle = await render(spec);
    const withoutTitle = await render({ ...spec, title: undefined });
    assert.ok(withTitle.width <= withoutTitle.width, `with the subtitle ${withTitle.width} px, without ${withoutTitle.width} px`);
  });
});

describe("xySpec named series", () => {
  it("draws one group per named series, with the names in the legend", async () => {
    const spec = xySpec([1, 2, 3], { "18650 cell": [1, 2, 3], "coin cell": [3, 2, 1] }, { line: true, legendTitle: "electrode" });
    const values = (spec.data as { values: { x: number; y: number; group: string }[] }).values;
    assert.deepEqual(values.map((v) => [v.group, v.x, v.y]), [["18650 cell", 1, 1], ["18650 cell", 2, 2], ["18650 cell", 3, 3], ["coin cell", 1, 3], ["coin cell", 2, 2], ["coin cell", 3, 1]]);
    const { svg, width } = await render(spec);
    assert.ok(width <= 900);
    const shown = texts(svg);
    for (const t of ["18650 cell", "coin cell", "electrode"]) assert.ok(shown.includes(t), `legend shows "${t}"`);
  });

  it("keeps long series names whole (below the plot when they would not fit beside it)", async () => {
    const names = ["pixel standard deviation (coin cell)", "LMR-NMC 18650 electrode, dry-room dismantled, second charge, minus coin cell"];
    for (const name of names) {
      const { svg, width } = await render(xySpec([1, 2, 3], { [name]: [1, 2, 3], other: [3, 2, 1] }, { line: true }));
      assert.ok(width <= 900, `width ${width}`);
      assert.ok(texts(svg).includes(name), `legend label "${name}" is whole`);
      assert.ok(!texts(svg).some((t) => t.includes("…")), "no label is cut");
    }
  });

  it("names the series of the wrong length, and refuses groups with named series", () => {
    assert.throws(() => xySpec([1, 2], { a: [1, 2], b: [1] }), /y\["b"\] has length 1, expected 2/);
    assert.throws(() => xySpec([1, 2], { a: [1, 2] }, { groups: ["x", "y"] }), /option groups cannot be combined with named series/);
    assert.throws(() => xySpec([1, 2], {}), /no series/);
  });
});
