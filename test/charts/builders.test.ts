import assert from "node:assert/strict";
import {
  blockAverage, histogramBins, histogramSpec, lcfSpec, mapSpec, mapsGridSpec, scoreScatterSpec, screeSpec, spectraSpec, xySpec,
  scatterSpec, encodePng, panelsSpec, colorsFor, PALETTE,
} from "../../src/charts";
import { matrix } from "../../src/types/matrix";
import { makeSpectra, spectraList } from "../../src/types/spectra";
import { MEMBER_NAMES, members, results } from "./fixtures";
import { renderSvg } from "./render";

type Spec = Record<string, unknown>;
const E = Float64Array.from({ length: 50 }, (_, i) => 520 + (15 * i) / 49);
const gauss = (c: number, w: number) => E.map((e) => Math.exp(-((e - c) ** 2) / (2 * w * w)));
const layer = (s: Spec, i: number) => (s.layer as Spec[])[i];
const enc = (s: Spec) => s.encoding as Record<string, Spec>;
const vals = (s: Spec) => (s.data as { values: Record<string, unknown>[] }).values;

/** Every spec must compile with vega-lite and render with vega without a warning. */
async function compiles(spec: Spec): Promise<string> {
  const { svg, warnings } = await renderSvg(spec);
  assert.deepEqual(warnings, []);
  assert.match(svg, /^<svg/);
  assert.match(String(spec.$schema), /vega-lite\/v5\.json$/);
  return svg;
}

describe("charts index", () => {
  it("re-exports the existing scatter-spec and encode-png", () => {
    assert.equal(typeof scatterSpec, "function");
    assert.equal(typeof encodePng, "function");
  });
});

describe("screeSpec", () => {
  const r = [0.6, 0.2, 0.07, 0.03, 0.02, 0.01, 0.005];
  it("layers the ratio bars and the cumulative line with component numbers from 1", async () => {
    const s = screeSpec(r, { nShow: 5 });
    const v = vals(s);
    assert.equal(v.length, 5);
    assert.deepEqual(v[0], { component: 1, ratio: 0.6, cumulative: 0.6 });
    assert.ok(Math.abs((v[2].cumulative as number) - 0.87) < 1e-12); // the paper's 87 % for three PCs
    assert.equal((layer(s, 0).mark as Spec).type, "bar");
    assert.equal(enc(layer(s, 1)).y.field, "cumulative");
    assert.deepEqual(s.resolve, { scale: { y: "independent" } });
    await compiles(s);
  });
  it("draws points on a log scale and can leave out the cumulative line", async () => {
    const s = screeSpec(r, { logScale: true, cumulative: false });
    assert.equal(s.layer, undefined);
    assert.equal((s.mark as Spec).type, "point");
    assert.deepEqual((enc(s).y.scale as Spec).type, "log");
    await compiles(s);
  });
  it("shows at most the available components and rejects bad input", () => {
    assert.equal(vals(screeSpec([0.5, 0.5])).length, 2);
    assert.throws(() => screeSpec([]), /screeSpec: explainedVarianceRatio is empty/);
    assert.throws(() => screeSpec(r, { nShow: 0 }), /screeSpec: nShow must be an integer ≥ 1, got 0/);
    assert.throws(() => screeSpec(r, { nshow: 3 } as never), /screeSpec: unknown option "nshow"; expected one of: nShow, cumulative/);
  });
});

describe("spectraSpec", () => {
  it("puts spectra in long form, stacks with the offset and draws highlight rules", async () => {
    const s = spectraSpec(E, [gauss(529.2, 0.6), gauss(530.8, 0.6)], ["reduced", "oxidised"], { offset: 1, highlight: [530.8], title: "End members" });
    const lines = layer(s, 0);
    const v = vals(lines);
    assert.equal(v.length, 100);
    assert.deepEqual(v[50], { energy: 520, value: (gauss(530.8, 0.6)[0] as number) + 1, raw: gauss(530.8, 0.6)[0], name: "oxidised" });
    assert.deepEqual((enc(lines).color.scale as Spec).domain, ["reduced", "oxidised"]);
    assert.equal(enc(lines).x.title, "Energy (eV)");
    assert.equal(enc(lines).y.title, "Intensity (offset)");
    const rule = layer(s, 1);
    assert.equal((rule.mark as Spec).type, "rule");
    assert.deepEqual(vals(rule), [{ energy: 530.8, label: "530.8 eV" }]);
    assert.equal(s.title, "End members");
    const svg = await compiles(s);
    assert.match(svg, /oxidised/);
  });
  it("skips non-finite points and names the spectrum of the wrong length", () => {
    const y = gauss(530, 1);
    y[3] = NaN;
    assert.equal(vals(layer(spectraSpec(E, [y], ["a"]), 0)).length, 49);
    assert.throws(() => spectraSpec(E, [y, new Float64Array(3)], ["a", "b"]), /spectraSpec: spectra\[1\] \("b"\) has length 3, expected 50/);
    assert.throws(() => spectraSpec(E, [y], ["a", "b"]), /names has 2 entries but there are 1 spectra/);
    assert.throws(() => spectraSpec(E, [y, y], ["a", "a"]), /names must be unique/);
    assert.throws(() => spectraSpec(E, [y], ["a"], { highlight: [NaN] }), /highlight\[0\] must be a finite number/);
  });
});

describe("scoreScatterSpec", () => {
  const n = 1000;
  const k = 3;
  const scores = Float64Array.from({ length: n * k }, (_, i) => Math.sin(i) * (1 + (i % k)));
  it("strides deterministically above maxPoints and says so in the title", async () => {
    const s = scoreScatterSpec(scores, n, k, { maxPoints: 300, x: 1, y: 2 });
    const v = vals(layer(s, 0));
    assert.equal(v.length, 250); // every 4th row
    assert.deepEqual(v[1], { x: scores[4 * k + 1], y: scores[4 * k + 2], row: 4 });
    assert.deepEqual(s.title, { text: "PC2 vs PC3", subtitle: "every 4th of 1,000 pixels shown" });
    assert.equal(enc(layer(s, 0)).x.title, "PC2");
    await compiles(s);
  });
  it("colours groups and draws end-member regions on top", async () => {
    const groups = Int32Array.from({ length: n }, (_, i) => i % 2);
    const s = scoreScatterSpec(scores, n, k, { groups, regions: [{ name: "1 reduced", indices: [5, 6] }, { name: "2 oxidised", indices: [7] }], axisPrefix: "NMF " });
    assert.equal(s.title, "NMF 1 vs NMF 2");
    assert.equal(vals(layer(s, 0)).length, n);
    assert.equal(vals(layer(s, 0))[3].group, "1");
    assert.deepEqual(vals(layer(s, 1)).map((p) => [p.row, p.group]), [[5, "1 reduced"], [6, "1 reduced"], [7, "2 oxidised"]]);
    await compiles(s);
  });
  it("validates shapes, components and region indices", () => {
    assert.throws(() => scoreScatterSpec(scores, n, 4), /scoreScatterSpec: scores has length 3000, expected 4000 \(shape \[nRows=1000, k=4\]\)/);
    assert.throws(() => scoreScatterSpec(scores, n, k, { y: 3 }), /option y must be an integer in \[0, 2\], got 3/);
    assert.throws(() => scoreScatterSpec(scores, n, k, { regions: [{ name: "r", indices: [1000] }] }), /regions\[0\] \("r"\) index 0 is 1000, expected an integer in \[0, 1000\)/);
    assert.throws(() => scoreScatterSpec(scores, n, k, { groups: [1, 2] }), /option groups has length 2, expected 1000/);
  });
});

describe("lcfSpec", () => {
  it("stacks the fit panel over the residual panel", async () => {
    const data = gauss(530, 1);
    const fit = data.map((v) => 0.9 * v);
    const s = lcfSpec(E, data, fit, [{ name: "0.9 × a", values: fit }], { title: "LCF" });
    const [top, bottom] = s.vconcat as Spec[];
    const main = vals(top);
    assert.deepEqual(main.slice(0, 3).map((p) => p.series), ["data", "fit", "0.9 × a"]);
    const resid = vals(layer(bottom, 0));
    assert.equal(resid.length, 50);
    assert.ok(Math.abs((resid[20].residual as number) - 0.1 * (data[20] as number)) < 1e-15);
    assert.equal(enc(layer(bottom, 0)).x.title, "Energy (eV)");
    assert.equal(s.title, "LCF");
    await compiles(s);
  });
  it("names the array of the wrong length", () => {
    assert.throws(() => lcfSpec(E, E, new Float64Array(2)), /lcfSpec: fit has length 2, expected 50/);
    assert.throws(() => lcfSpec(E, E, E, [{ name: "c", values: [1] }]), /components\[0\] \("c"\) has length 1, expected 50/);
  });
});

describe("histogramBins", () => {
  it("counts a tiny array by hand (last bin closed)", () => {
    const h = histogramBins([0, 1, 1, 2, 3, NaN], { bins: 3 });
    assert.deepEqual(Array.from(h.edges), [0, 1, 2, 3]);
    assert.deepEqual(Array.from(h.counts), [1, 2, 2]);
    assert.equal(h.nFinite, 5);
    assert.equal(h.nNonFinite, 1);
  });
  it("puts values on decimal edges in the right bin and counts values outside the range", () => {
    const h = histogramBins([0.1, 0.2, 0.3, 0.7, 5], { bins: 10, range: [0, 1] });
    assert.deepEqual(Array.from(h.counts), [0, 1, 1, 1, 0, 0, 0, 1, 0, 0]);
    assert.equal(h.nOutside, 1);
  });
  it("handles constant input and rejects bad options", () => {
    assert.deepEqual(Array.from(histogramBins([2, 2], { bins: 1 }).edges), [1.5, 2.5]);
    assert.throws(() => histogramBins([1], { bins: 0 }), /histogramBins: option bins must be an integer ≥ 1, got 0/);
    assert.throws(() => histogramBins([1], { range: [1, 1] }), /option range must be \[lo, hi\] with finite lo < hi/);
  });
});

describe("histogramSpec", () => {
  const v = Float64Array.from({ length: 1000 }, (_, i) => i / 1000); // 0 … 0.999
  it("puts the fraction above the cutoff in the title and a rule at the cutoff", async () => {
    const s = histogramSpec(v, { cutoff: 0.9, bins: 10, xLabel: "Background noise (OD)", title: "Noise" });
    assert.equal((s.title as Spec).text, "Noise — 9.9 % above cutoff 0.9"); // 0.901 … 0.999: 99 of 1000
    assert.equal((s.usermeta as Spec).fractionAbove, 0.099);
    const rule = layer(s, 1);
    assert.deepEqual(vals(rule), [{ cutoff: 0.9 }]);
    assert.equal((rule.mark as Spec).color, "#d62728");
    const bars = vals(layer(s, 0));
    assert.equal(bars.length, 10);
    assert.equal(bars.reduce((a, b) => a + (b.count as number), 0), 1000);
    assert.equal(enc(layer(s, 0)).x.title, "Background noise (OD)");
    await compiles(s);
  });
  it("uses the cutoff label, widens the range to show the cutoff, and reports skipped values", async () => {
    const s = histogramSpec([1, 2, 3, NaN], { cutoff: 10, cutoffLabel: "the noise cutoff" });
    assert.equal((s.title as Spec).text, "Histogram — 0.0 % above the noise cutoff");
    assert.equal((s.title as Spec).subtitle, "3 values; 1 non-finite skipped");
    assert.equal(vals(layer(s, 0)).at(-1)!.x1, 10);
    await compiles(s);
    assert.throws(() => histogramSpec(v, { cutoff: NaN }), /histogramSpec: option cutoff must be a finite number, got NaN/);
  });
  it("bins a million values in TypeScript into `bins` rows", () => {
    const big = Float64Array.from({ length: 1_000_000 }, (_, i) => (i * 7919) % 1000);
    const s = histogramSpec(big, { bins: 60 });
    assert.equal(vals(layer(s, 0)).length, 60);
  });
});

describe("blockAverage", () => {
  it("averages a 4×4 map to 2×2 by hand", () => {
    const img = Float64Array.from({ length: 16 }, (_, i) => i + 1);
    const b = blockAverage(img, 4, 4, { factor: 2 });
    assert.deepEqual(Array.from(b.image), [3.5, 5.5, 11.5, 13.5]);
    assert.equal(b.ny, 2);
    assert.equal(b.nx, 2);
  });
  it("ignores NaN, keeps partial edge blocks, and is NaN for an empty block", () => {
    const img = Float64Array.from([1, NaN, 3, NaN, NaN, 5, NaN, NaN, NaN]);
    const b = blockAverage(img, 3, 3, { factor: 2 });
    assert.deepEqual(Array.from(b.image), [1, 4, NaN, NaN]);
    assert.throws(() => blockAverage(img, 3, 3, { factor: 0 }), /blockAverage: option factor must be an integer ≥ 1, got 0/);
    assert.throws(() => blockAverage(img, 2, 2, { factor: 1 }), /blockAverage: image has length 9, expected 4/);
  });
});

describe("mapSpec", () => {
  it("draws one rect per finite pixel with y down and NaN left out", async () => {
    const s = mapSpec([0, 1, NaN, 3], 2, 2, { title: "Residual", legendTitle: "‖r‖", domain: [0, 2] });
    const v = vals(s);
    assert.deepEqual(v, [
      { x: 0, x2: 1, y: 0, y2: 1, value: 0 },
      { x: 1, x2: 2, y: 0, y2: 1, value: 1 },
      { x: 1, x2: 2, y: 1, y2: 2, value: 3 },
    ]);
    assert.equal((s.mark as Spec).type, "rect");
    assert.equal((enc(s).y.scale as Spec).reverse, true);
    assert.deepEqual(enc(s).color.scale, { scheme: "viridis", domain: [0, 2], clamp: true });
    assert.equal(enc(s).color.title, "‖r‖");
    assert.equal(s.title, "Residual");
    await compiles(s);
  });
  it("block-averages large images to at most maxSize cells a side and says so", async () => {
    const img = Float64Array.from({ length: 4 * 4 }, (_, i) => i + 1);
    const s = mapSpec(img, 4, 4, { maxSize: 2, title: "m" });
    assert.deepEqual(s.title, { text: "m", subtitle: "block-averaged 2×2: 4×4 → 2×2" });
    assert.deepEqual(vals(s).map((p) => p.value), [3.5, 5.5, 11.5, 13.5]);
    assert.deepEqual(vals(s)[3], { x: 2, x2: 4, y: 2, y2: 4, value: 13.5 });
    const big = mapSpec(new Float64Array(300 * 500).fill(1), 300, 500);
    assert.ok(vals(big).length <= 128 * 128);
    assert.equal(big.width, 300);
    assert.equal(big.height, 180);
    await compiles(big);
  });
  it("rejects a wrong length and a bad domain", () => {
    assert.throws(() => mapSpec([1, 2, 3], 2, 2), /mapSpec: image has length 3, expected 4 \(shape \[ny=2, nx=2\]\)/);
    assert.throws(() => mapSpec([1, 2, 3, 4], 2, 2, { domain: [1, 0] }), /option domain must be \[lo, hi\] with finite lo < hi/);
    assert.throws(() => mapSpec([1, 2, 3, 4], 2, 2, { colour: "x" } as never), /mapSpec: unknown option "colour"/);
  });
});

describe("mapsGridSpec", () => {
  const panels = [1, 2, 3, 4].map((s) => ({ title: `sample ${s}`, image: Float64Array.from({ length: 6 }, (_, i) => i * s), ny: 2, nx: 3 }));
  it("uses one colour domain over all panels and resolves a shared colour scale", async () => {
    const s = mapsGridSpec(panels, { columns: 2, legendTitle: "Reduced fraction" });
    const concat = s.concat as Spec[];
    assert.equal(concat.length, 4);
    assert.equal(s.columns, 2);
    for (const c of concat) {
      assert.deepEqual((enc(c).color.scale as Spec).domain, [0, 20]);
      assert.equal(c.$schema, undefined);
    }
    assert.equal(concat[2].title, "sample 3");
    assert.deepEqual(s.resolve, { scale: { color: "shared", x: "independent", y: "independent" } });
    const svg = await compiles(s);
    assert.equal(svg.match(/role-legend"/g)?.length, 1); // one colour bar
  });
  it("can keep per-panel domains and names the bad panel", async () => {
    const s = mapsGridSpec(panels, { sharedDomain: false });
    assert.equal((enc((s.concat as Spec[])[0]).color.scale as Spec).domain, undefined);
    assert.equal((await compiles(s)).match(/role-legend"/g)?.length, 4);
    assert.throws(() => mapsGridSpec([...panels, { title: "bad", image: [1], ny: 2, nx: 3 }]), /mapsGridSpec: images\[4\] \("bad"\): mapSpec: image has length 1, expected 6/);
    assert.throws(() => mapsGridSpec([]), /expected PixelMaps \(e\.g\. fit\.maps\(\)\) or a non-empty array of \{title, image, ny, nx\}/);
  });
});

describe("xySpec", () => {
  it("plots residual vs brightness with a log axis, leaving out values ≤ 0", async () => {
    const s = xySpec([0.1, 0.5, 1, 2], [0.2, 0, 0.05, 0.01], { xLabel: "Brightness", yLabel: "Residual", logY: true });
    assert.deepEqual(vals(s).map((p) => p.i), [0, 2, 3]);
    assert.deepEqual(s.title, { text: "", subtitle: "1 points ≤ 0 left out on the log axis" });
    assert.deepEqual(enc(s).y.scale, { type: "log" });
    await compiles(s);
  });
  it("joins phase fractions vs capacity per group in order", async () => {
    const s = xySpec([131, 179, 230, 131, 179, 230], [0.8, 0.6, 0.4, 0.2, 0.4, 0.6], { groups: ["reduced", "reduced", "reduced", "oxidised", "oxidised", "oxidised"], line: true, title: "Plateau" });
    assert.equal((s.mark as Spec).type, "line");
    assert.equal(enc(s).color.field, "group");
    assert.equal(enc(s).order.field, "i");
    assert.equal(s.title, "Plateau");
    await compiles(s);
  });
  it("strides above maxPoints and checks lengths", () => {
    const s = xySpec(new Float64Array(10).fill(1), new Float64Array(10).fill(1), { maxPoints: 5 });
    assert.equal(vals(s).length, 5);
    assert.deepEqual(s.title, { text: "", subtitle: "every 2nd of 10 points shown" });
    assert.throws(() => xySpec([1, 2], [1]), /xySpec: y has length 1, expected 2/);
  });
});

// ---- The library's objects in, as a notebook has them after pca / nmf / suggestEndmembers / lcf / maps() ----

/** The colour a spec's (first) nominal colour scale gives each name. */
function colorOfName(spec: Spec): Record<string, string> {
  const find = (v: Spec): Spec | undefined => {
    const c = (v.encoding as Record<string, Spec> | undefined)?.color;
    if (c?.scale && (c.scale as Spec).range) return c.scale as Spec;
    for (const key of ["layer", "vconcat", "hconcat"]) for (const sub of (v[key] as Spec[] | undefined) ?? []) { const f = find(sub); if (f) return f; }
    return undefined;
  };
  const sc = find(spec)!;
  return Object.fromEntries((sc.domain as string[]).map((d, i) => [d, (sc.range as string[])[i]]));
}

describe("one palette keyed by name", () => {
  it("gives member i the i-th palette colour and a plain name for captions", () => {
    assert.deepEqual(colorsFor(MEMBER_NAMES).map((c) => `${c.name} (${c.colorName})`), ["1 reduced LMR-NMC (blue)", "2 oxidised LMR-NMC (orange)", "3 carbon/binder (red)"]);
    assert.deepEqual(colorsFor(["a", "b"], { b: "#54a24b" }).map((c) => c.colorName), ["blue", "green"]);
    assert.deepEqual(colorsFor(["a", "b"], ["black"]).map((c) => c.color), ["black", PALETTE[1]]);
    assert.throws(() => colorsFor(["a"], { a: 3 } as never), /colorsFor: option colors must be/);
  });
  it("draws the same member in the same colour in the spectra, the scatter regions, the LCF and the map headers", () => {
    const { p, em, fit, maps } = results();
    const inSpectra = colorOfName(spectraSpec(em.members));
    const inScatter = colorOfName(scoreScatterSpec(p, { regions: em }));
    const inLcf = colorOfName(lcfSpec(fit));
    const grid = mapsGridSpec(maps);
    const headers = ((grid.vconcat as Spec[])[0].hconcat as Spec[]).map((v) => v.title as { text: string; color: string });
    MEMBER_NAMES.forEach((name, i) => {
      assert.equal(inSpectra[name], PALETTE[i]);
      assert.equal(inScatter[name], PALETTE[i]);
      assert.equal(inLcf[`${name} × ${fit.weights[i].toFixed(2)}`], PALETTE[i]);
      assert.deepEqual(headers[i], { text: name, color: PALETTE[i] });
    });
    // what a caption says is what is drawn
    const caption = colorsFor(em.members.names).map((c) => `${c.name} (${c.colorName})`).join(", ");
    assert.match(caption, /^1 reduced LMR-NMC \(blue\), 2 oxidised LMR-NMC \(orange\)/);
    // colors keyed by name override in every builder the same way
    const colors = { "2 oxidised LMR-NMC": "#d62728" };
    assert.equal(colorOfName(spectraSpec(em.members, { colors }))["2 oxidised LMR-NMC"], "#d62728");
    assert.equal(colorOfName(scoreScatterSpec(p, { regions: em, colors }))["2 oxidised LMR-NMC"], "#d62728");
    assert.equal(colorOfName(lcfSpec(fit, { colors }))[`2 oxidised LMR-NMC × ${fit.weights[1].toFixed(2)}`], "#d62728");
    assert.equal((((mapsGridSpec(maps, { colors }).vconcat as Spec[])[0].hconcat as Spec[])[1].title as Spec).color, "#d62728");
  });
  it("keeps background groups grey under regions, so hue means one thing", () => {
    const { p, em, T } = results();
    const s = scoreScatterSpec(p, { regions: em, groups: Array.from(T.sample, (i) => T.samples[i].name) });
    const c = colorOfName(s);
    assert.equal(c[T.samples[0].name], "#9a9a9a");
    for (const smp of T.samples) assert.ok(!PALETTE.includes(c[smp.name]), `${smp.name}: ${c[smp.name]}`);
  });
});

describe("spectraSpec from Spectra, Spectrum, Spectrum[]", () => {
  it("takes names, energies and unit from the object, as the former (energies, arrays, names) form", async () => {
    const s = spectraSpec(members, { highlight: [530.8], offset: 1 });
    const old = spectraSpec(members.energies, spectraList(members).map((m) => m.values), members.names, { highlight: [530.8], offset: 1 });
    assert.deepEqual(s, old);
    const v = vals(layer(s, 0));
    assert.equal(v.length, 150);
    assert.deepEqual(v[50], { energy: 520, value: members.data[50] + 1, raw: members.data[50], name: MEMBER_NAMES[1] });
    assert.deepEqual((enc(layer(s, 0)).color.scale as Spec).domain, MEMBER_NAMES);
    await compiles(s);
    const od = makeSpectra({ energies: [1, 2, 3], values: [[1, 2, 3]], names: ["x"], unit: "OD" });
    assert.equal(enc(layer(spectraSpec(od), 0)).y.title, "Intensity (OD)");
  });
  it("draws single spectra and lists of spectra on their own energies, and crops to an energy range", () => {
    const [a, b] = spectraList(members);
    const one = spectraSpec(a);
    assert.deepEqual(vals(layer(one, 0))[0].name, MEMBER_NAMES[0]);
    const shifted = { energies: a.energies.map((e) => e + 1), values: b.values, name: "shifted" };
    const two = spectraSpec([a, shifted], { energyRange: [525, 530] });
    const v = vals(layer(two, 0));
    assert.ok(v.every((p) => (p.energy as number) >= 525 && (p.energy as number) <= 530));
    assert.ok(v.some((p) => p.name === "shifted" && Math.abs((p.energy as number) - (a.energies[20] + 1)) < 1e-12));
    assert.throws(() => spectraSpec([a, a]), /names must be unique/);
    assert.throws(() => spectraSpec(42 as never), /spectraSpec: expected Spectra \(e\.g\. em\.members\), a Spectrum or an array of spectra, got number/);
  });
});

describe("screeSpec from a PcaResult", () => {
  it("plots its explained-variance ratio and marks its suggestion", async () => {
    const { p } = results();
    const s = screeSpec(p, { nShow: 10 });
    assert.deepEqual(vals(s).map((v) => v.ratio), Array.from(p.explainedVarianceRatio.subarray(0, 10)));
    const n = p.suggestion.nComponents;
    assert.deepEqual(s.title, { text: "Explained variance", subtitle: `suggested: ${n} component${n === 1 ? "" : "s"} (elbow ${p.suggestion.elbow}, IND ${p.suggestion.ind})` });
    const mark = layer(s, 2);
    assert.deepEqual(vals(mark), [{ suggested: n }]);
    assert.equal((mark.mark as Spec).type, "rule");
    await compiles(s);
    assert.equal(screeSpec(p, { suggested: false }).layer && (screeSpec(p, { suggested: false }).layer as Spec[]).length, 2);
    assert.deepEqual(screeSpec([0.5, 0.3, 0.2], { suggested: 2, cumulative: false }).title, { text: "Explained variance", subtitle: "suggested: 2 components" });
    assert.throws(() => screeSpec([0.5, 0.5], { suggested: 3 }), /screeSpec: option suggested must be an integer in \[1, 2\], got 3/);
  });
});

describe("scoreScatterSpec from a PcaResult, an NmfResult, a Matrix", () => {
  it("plots PCA scores with PC axes and end-member regions from an Endmembers", async () => {
    const { p, em, T } = results();
    const s = scoreScatterSpec(p, { regions: em, maxPoints: 100000 });
    assert.equal(s.title, "PC1 vs PC2");
    const v = vals(layer(s, 0));
    assert.equal(v.length, T.nPixels);
    assert.deepEqual(v[7], { x: p.scores!.data[7 * 3], y: p.scores!.data[7 * 3 + 1], row: 7 });
    const regions = vals(layer(s, 1));
    assert.equal(regions.length, em.clusters.reduce((a, c) => a + c.length, 0));
    assert.deepEqual(regions[0], { x: p.scores!.data[em.clusters[0][0] * 3], y: p.scores!.data[em.clusters[0][0] * 3 + 1], row: em.clusters[0][0], group: MEMBER_NAMES[0] });
    await compiles(s);
  });
  it("plots NMF abundances scaled to sum 1 per pixel (the paper's NMF space), or as they are", () => {
    const { nm } = results();
    const s = scoreScatterSpec(nm, { maxPoints: 100000 });
    assert.equal(s.title, "NMF 1 vs NMF 2");
    const r = 11;
    const w = nm.W.data.subarray(r * 3, r * 3 + 3);
    const sum = w[0] + w[1] + w[2];
    assert.deepEqual(vals(layer(s, 0))[r], { x: w[0] / sum, y: w[1] / sum, row: r });
    assert.deepEqual(vals(layer(scoreScatterSpec(nm, { normalizeRows: false, maxPoints: 100000 }), 0))[r], { x: w[0], y: w[1], row: r });
  });
  it("plots any score Matrix as the former flat form did, and says what it needs", () => {
    const scores = Float64Array.from({ length: 30 }, (_, i) => Math.sin(i));
    assert.deepEqual(scoreScatterSpec(matrix(scores, 10, 3), { x: 1, y: 2 }), scoreScatterSpec(scores, 10, 3, { x: 1, y: 2 }));
    assert.throws(() => scoreScatterSpec({ ...results().p, scores: null }), /this PcaResult has no scores; run pca\(T, \{ scores: true \}\)/);
    assert.throws(() => scoreScatterSpec(scores as never), /scores must be a Matrix \{ data, nRows, nCols \}, a PcaResult or an NmfResult/);
  });
});

describe("lcfSpec from an LcfResult", () => {
  it("draws the data, the fit, each reference times its weight and the residual from the result", async () => {
    const { fit } = results();
    const s = lcfSpec(fit);
    const [top, bottom] = s.vconcat as Spec[];
    const main = vals(top);
    const at = (series: string) => main.filter((m) => m.series === series).map((m) => m.value as number);
    assert.deepEqual(at("data"), Array.from(fit.spectrum.values));
    assert.deepEqual(at("fit"), Array.from(fit.fit));
    const label = `${MEMBER_NAMES[1]} × ${fit.weights[1].toFixed(2)}`;
    const comp = at(label);
    for (let e = 0; e < comp.length; e++) assert.ok(Math.abs(comp[e] - fit.weights[1] * fit.references.data[fit.references.nCols + e]) < 1e-15);
    const resid = vals(layer(bottom, 0)).map((r) => r.residual as number);
    resid.forEach((r, e) => assert.ok(Math.abs(r - fit.residual[e]) < 1e-12));
    assert.deepEqual(s.title, { text: "Linear combination fit", subtitle: `R-factor ${Number(fit.rFactor.toPrecision(3))}` });
    assert.deepEqual(colorOfName(s).data, "#111111");
    assert.equal(vals(top).filter((m) => (m.series as string).includes(" × ")).length, 0 + 3 * fit.energies.length);
    assert.equal(vals((lcfSpec(fit, { showComponents: false }).vconcat as Spec[])[0]).length, 2 * fit.energies.length);
    await compiles(s);
    assert.throws(() => lcfSpec(fit, { components: [] }), /option components is for the former array form/);
    assert.throws(() => lcfSpec({} as never), /lcfSpec: expected an LcfResult/);
  });
});

describe("mapsGridSpec from PixelMaps: samples × members, one key, scale bars in µm", () => {
  it("lays out one row per sample and one column per member, with row labels, headers and a shared [0, 1] key", async () => {
    const { maps } = results();
    const s = mapsGridSpec(maps);
    const rows = s.vconcat as Spec[];
    assert.equal(rows.length, 6);
    rows.forEach((r, i) => {
      const panels = r.hconcat as Spec[];
      assert.equal(panels.length, 3);
      const heat = (panels[0].layer as Spec[])[0];
      assert.equal(enc(heat).y.title, maps.samples[i].name); // the row label
      assert.equal(enc((panels[1].layer as Spec[])[0]).y.axis, null);
      assert.deepEqual((enc(heat).color.scale as Spec).domain, [0, 1]); // fractions
      assert.equal(panels[0].title === undefined, i > 0); // member names on the top row only
    });
    // a scale bar of 1 µm: 60 pixels × 0.04 µm = 2.4 µm wide, a quarter is 0.6 µm → 0.5 µm is nearest
    const bar = ((rows[0].hconcat as Spec[])[0].layer as Spec[])[1];
    const b = vals(bar)[0] as { x: number; x2: number; label: string };
    assert.equal(b.label, "0.5 µm");
    assert.ok(Math.abs(b.x2 - b.x - 0.5 / 0.04) < 1e-9);
    assert.deepEqual((s.usermeta as Spec).scaleBars, new Array(18).fill(0.5));
    const svg = await compiles(s);
    assert.equal(svg.match(/role-legend"/g)?.length, 1); // one colour key
    assert.equal(svg.match(/>0\.5 µm<\/text>/g)?.length, 2 * 18); // label and its halo on every panel
  });
  it("picks maps and samples, transposes, and names what is unknown", () => {
    const { maps } = results();
    const s = mapsGridSpec(maps, { maps: [MEMBER_NAMES[1], 0], samples: [5, "131 mAh/g"] });
    const rows = s.vconcat as Spec[];
    assert.equal(rows.length, 2);
    assert.deepEqual(((rows[0].hconcat as Spec[]).map((p) => (p.title as Spec).text)), [MEMBER_NAMES[1], MEMBER_NAMES[0]]);
    assert.equal(enc(((rows[1].hconcat as Spec[])[0].layer as Spec[])[0]).y.title, "131 mAh/g");
    const t = mapsGridSpec(maps, { rows: "maps" });
    assert.equal((t.vconcat as Spec[]).length, 3);
    const label = enc((((t.vconcat as Spec[])[2].hconcat as Spec[])[0].layer as Spec[])[0]).y.title as string | string[];
    assert.equal([label].flat().join(" "), MEMBER_NAMES[2]); // wrapped onto lines when longer than the panel is high
    assert.throws(() => mapsGridSpec(maps, { maps: ["carbon"] }), /mapsGridSpec: option maps has "carbon"; the maps are "1 reduced LMR-NMC"/);
    assert.throws(() => mapsGridSpec(maps, { rows: "edges" as never }), /option rows must be one of "samples", "maps"/);
  });
  it("draws no scale bar without a pixel size, and uses the finite extent for other quantities", () => {
    const { maps } = results();
    const noSize = { ...maps, quantity: "score", samples: maps.samples.map(({ pixelSize: _p, ...rest }) => rest) };
    const s = mapsGridSpec(noSize);
    assert.deepEqual((s.usermeta as Spec).scaleBars, new Array(18).fill(null));
    const first = ((s.vconcat as Spec[])[0].hconcat as Spec[])[0];
    assert.equal(first.layer, undefined);
    assert.deepEqual((enc(first).color.scale as Spec).domain, [0, 0.9]);
    assert.equal(enc(first).color.title, "score");
  });
});

describe("panelsSpec: several charts that fit a notebook column", () => {
  const volts = ["3.0 V", "3.65 V", "4.2 V", "4.6 V"];
  const avg = makeSpectra({ energies: members.energies, values: volts.map((_, i) => members.data.subarray(0, 50).map((v) => v + i)), names: volts });
  it("shares one legend between panels of the same colours, shrinks them to fit and wraps long titles", async () => {
    const s = panelsSpec(["Ni L3", "Co L3", "Mn L3", "O K, with the oxidised-oxygen pre-edge feature at 530.8 eV (Gent et al. 2017, Supplementary Figure 6)"].map((title) => spectraSpec(avg, { title })));
    assert.deepEqual(s.resolve, { scale: { color: "shared" } });
    const rows = s.vconcat as Spec[];
    const widths = (s.usermeta as { widths: number[][] }).widths;
    assert.equal(widths.flat().length, 4);
    rows.forEach((r, i) => (r.hconcat as Spec[]).forEach((p, j) => { assert.equal(p.width, widths[i][j]); assert.equal(p.$schema, undefined); }));
    const last = (rows.at(-1)!.hconcat as Spec[]).at(-1)!;
    assert.ok(Array.isArray(last.title), "the long title is split into lines");
    const svg = await compiles(s);
    assert.equal(svg.match(/role-legend"/g)?.length, 1);
  });
  it("keeps separate legends for different colour scales, below the plots when they would squeeze them", async () => {
    const { p, nm, em } = results();
    const s = panelsSpec([[screeSpec(p), screeSpec(p)], [scoreScatterSpec(nm, { regions: em }), spectraSpec(em.members), spectraSpec(avg)]]);
    assert.deepEqual(s.resolve, { scale: { color: "independent" } });
    const meta = s.usermeta as { widths: number[][]; legendsBelow: boolean[] };
    assert.deepEqual(meta.widths.map((r) => r.length), [2, 3]);
    assert.deepEqual(meta.legendsBelow, [false, true]);
    const spectra = ((s.vconcat as Spec[])[1].hconcat as Spec[])[1];
    assert.deepEqual((enc(layer(spectra, 0)).color.legend as Spec), { orient: "bottom", direction: "vertical" });
    await compiles(s);
    assert.throws(() => panelsSpec([]), /panelsSpec: expected a non-empty list of chart specs/);
    assert.throws(() => panelsSpec([spectraSpec(avg)], { colorLegend: "one" as never }), /option colorLegend must be "auto" or "independent"/);
  });
});
