/**
 * Rich display of the library's own objects (kernel-ext/richDisplay.ts) through `toMimeBundle`:
 * each object built on small data with the library, its bundle's MIME types, the numbers in its
 * HTML and text, and that its Vega-Lite spec compiles.
 */
import { strict as assert } from "node:assert";
import { escapeHtml, toMimeBundle, VEGALITE_MIME } from "../../kernel-ext/display";
import { makePixelTable, makeSpectra, makeSpectrum, matrix, pixelMaps, type PixelTable, type Spectra } from "../../src/types";
import { makeStack } from "../../src/types/stack";
import { pca } from "../../src/decompose/pca";
import { nmf } from "../../src/decompose/nmf";
import { suggestEndmembers } from "../../src/decompose/suggestEndmembers";
import { nnlsPixels } from "../../src/decompose/nnlsPixels";
import { lcf } from "../../src/decompose/lcf";
import type { StxmScan } from "../../src/io/scan";

const vl = require("vega-lite") as { compile(s: unknown): { spec: Record<string, unknown> } };

/** Seeded uniform numbers in [0, 1). */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const NE = 12;
const ENERGIES = Float64Array.from({ length: NE }, (_, i) => 528 + i);
const peak = (c: number, w: number) => Float64Array.from(ENERGIES, (e) => Math.exp(-(((e - c) / w) ** 2)) + 0.1);
const MEMBERS: Spectra<"member"> = makeSpectra({ energies: ENERGIES, values: [peak(530, 1.2), peak(534, 1.5), peak(537, 2)], names: ["reduced", "oxidised", "carbon/binder"], dim: "member" });

/** Two samples: "pristine" 4 × 5 (all 20 pixels) and "charged" 3 × 4 (10 of 12 pixels), rows grouped by sample. */
function table(order: "grouped" | "interleaved" = "grouped"): { T: PixelTable; fractions: Float64Array } {
  const r = rng(7);
  const pos: [number, number, number][] = [];
  for (let y = 0; y < 4; y++) for (let x = 0; x < 5; x++) pos.push([0, y, x]);
  for (let y = 0; y < 3; y++) for (let x = 0; x < 4; x++) if (!(y === 0 && x < 2)) pos.push([1, y, x]);
  if (order === "interleaved") pos.sort((a, b) => (a[1] * 7 + a[2]) - (b[1] * 7 + b[2]) || a[0] - b[0]);
  const n = pos.length;
  const data = new Float64Array(n * NE);
  const fractions = new Float64Array(n * 3);
  pos.forEach(([s], i) => {
    const a = s === 0 ? 0.2 + 0.6 * r() : 0.6 + 0.3 * r();
    const f = [a, 1 - a, 0.3 * r()];
    const scale = 0.5 + r();
    for (let m = 0; m < 3; m++) fractions[i * 3 + m] = f[m];
    for (let e = 0; e < NE; e++) {
      let v = 0;
      for (let m = 0; m < 3; m++) v += scale * f[m] * MEMBERS.data[m * NE + e];
      data[i * NE + e] = v + 0.002 * (r() - 0.5);
    }
  });
  const T = makePixelTable({
    data, nPixels: n, nE: NE, energies: ENERGIES,
    sample: pos.map((p) => p[0]), y: pos.map((p) => p[1]), x: pos.map((p) => p[2]),
    brightness: pos.map((_, i) => 0.1 + i / 100),
    samples: [{ name: "pristine", ny: 4, nx: 5, pixelSize: [0.04, 0.04] }, { name: "charged", ny: 3, nx: 4 }],
  });
  return { T, fractions };
}

function html(b: Record<string, unknown>): string {
  assert.equal(typeof b["text/html"], "string", "the bundle has text/html");
  return b["text/html"] as string;
}

function text(b: Record<string, unknown>): string {
  assert.equal(typeof b["text/plain"], "string", "the bundle has text/plain");
  return b["text/plain"] as string;
}

/** The bundle's chart: a compiling Vega-Lite spec, its SVG, and the SVG inside the HTML. */
function assertChart(b: Record<string, unknown>): Record<string, unknown> {
  const spec = b[VEGALITE_MIME] as Record<string, unknown>;
  assert.ok(spec && typeof spec === "object", `a Vega-Lite spec in ${Object.keys(b).join(", ")}`);
  assert.match(String(spec.$schema), /vega-lite\/v5/);
  const compiled = vl.compile(spec).spec;
  assert.ok(Array.isArray(compiled.marks) || Array.isArray(compiled.signals), "the spec compiles to a Vega spec");
  const svg = b["image/svg+xml"] as string;
  assert.match(svg, /^<svg[\s\S]*<\/svg>$/);
  assert.ok(html(b).includes(`<img src="data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}"`), "the HTML carries the chart as an image");
  return spec;
}

describe("kernel-ext rich display of the library's objects", function () {
  this.timeout(120_000);

  it("PcaResult: summary with the suggestion and its reasoning, scree chart (log scale) with the suggestion marked", async () => {
    const { T } = table();
    const p = pca(T);
    const b = await toMimeBundle(p);
    const h = html(b), t = text(b);
    const k = p.suggestion.nComponents;
    assert.match(t, new RegExp(`^PcaResult: 30 pixels × 12 energies, ${k} suggested`));
    assert.ok(h.includes("30 × 12") && t.includes("30 × 12"));
    assert.match(t, new RegExp(`\\n  suggested components +${k} \\(scree elbow ${p.suggestion.elbow}, Malinowski IND ${p.suggestion.ind}\\)\\n`));
    assert.ok(h.includes(`<td style="padding:1px 8px 1px 0;text-align:left;vertical-align:top;border:none">${k} (scree elbow`));
    assert.ok(h.includes(escapeHtml(p.suggestion.reasoning)));
    assert.ok(t.replace(/\s+/g, " ").includes(p.suggestion.reasoning), "the reasoning, wrapped");
    assert.ok(t.split("\n").every((l) => l.length <= 100), "text lines of at most 100 characters");
    for (let i = 0; i < 3; i++) assert.ok(t.includes(`${(100 * p.cumulativeVarianceRatio[i]).toFixed(1)} %`), `cumulative variance of ${i + 1} PCs in ${t}`);
    assert.ok(t.includes("centred") && t.includes("yes"));
    const spec = assertChart(b);
    const layers = spec.layer as Record<string, unknown>[];
    const marked = layers.find((l) => (l.mark as { type?: string }).type === "rule");
    assert.ok(marked, "a layer marks the suggested number");
    assert.deepEqual(JSON.parse(JSON.stringify((marked.data as { values: unknown[] }).values)), [{ suggested: k }]);
    assert.match((spec.title as { subtitle: string }).subtitle, new RegExp(`^suggested: ${k} component`));
    assert.ok(JSON.stringify(layers[0]).includes('"type":"log"'), "log scale");
    assert.equal((spec.data as { values: unknown[] }).values.length, 12, "min(20, nE) components");
  });

  it("NmfResult: k, iterations, stop reason, reconstruction error and the component spectra", async () => {
    const { T } = table();
    const r = nmf(T, { k: 3, maxIter: 400 });
    const b = await toMimeBundle(r);
    const t = text(b), h = html(b);
    assert.match(t, /^NmfResult: 30 pixels × 12 energies, k = 3, (converged|not converged)/);
    assert.ok(t.includes(`${r.nIter} of at most 400`), t);
    assert.ok(t.includes(r.converged ? "converged" : "stopped at maxIter"));
    const err = Number(/‖X − WH‖_F\s+(\S+)/.exec(t)?.[1]);
    assert.ok(Math.abs(err - r.reconstructionError) <= 1e-3 * r.reconstructionError, `${err} vs ${r.reconstructionError}`);
    assert.ok(h.includes("NMF 1") && h.includes("NMF 3"));
    const spec = assertChart(b);
    assert.ok(JSON.stringify(spec).includes('"NMF component spectra"'));
  });

  it("Endmembers: member spectra chart and a table of name, cluster size, purity", async () => {
    const { T } = table();
    const em = suggestEndmembers(T, { k: 3, clusterSize: 4, refine: 3 });
    const b = await toMimeBundle(em);
    const t = text(b);
    assert.match(t, /^Endmembers: 3 members: 1, 2, 3/);
    assert.ok(t.includes("cluster size (pixels)") && t.includes("purity"));
    const rows = t.split("\n").filter((l) => /^\s+[123]\s+4\s/.test(l));
    assert.equal(rows.length, 3, `one row per member with cluster size 4:\n${t}`);
    rows.forEach((l, i) => {
      const purity = Number(l.trim().split(/\s+/)[2]);
      assert.ok(Math.abs(purity - em.purity[i]) < 5e-3, `purity ${purity} vs ${em.purity[i]}`);
    });
    assertChart(b);
  });

  it("NnlsPixelsResult of a PixelTable: per-sample fractions weighted by the phase total, residuals, counts", async () => {
    const { T } = table();
    const fit = nnlsPixels(T, MEMBERS, { extraneous: ["carbon/binder"] });
    const b = await toMimeBundle(fit);
    const t = text(b), h = html(b);
    const spec = assertChart(b);
    assert.deepEqual([...new Set((spec.data as { values: { sample: string }[] }).values.map((v) => v.sample))], ["pristine", "charged", "all pixels"]);
    // expected: Σ weight / Σ phase total per sample
    const expect = (s: number) => {
      let wr = 0, wo = 0, tot = 0;
      for (let r = 0; r < T.nPixels; r++) {
        if (s >= 0 && T.sample[r] !== s) continue;
        wr += fit.weights.data[r * 3];
        wo += fit.weights.data[r * 3 + 1];
        tot += fit.phaseTotal[r];
      }
      return [wr / tot, wo / tot].map((v) => `${(100 * v).toFixed(1)} %`);
    };
    const line = (name: string) => t.split("\n").find((l) => l.trim().startsWith(name))!.trim().split(/\s{2,}/);
    assert.deepEqual(line("pristine"), ["pristine", "20", ...expect(0)]);
    assert.deepEqual(line("charged"), ["charged", "10", ...expect(1)]);
    assert.deepEqual(line("all pixels"), ["all pixels", "30", ...expect(-1)]);
    assert.ok(h.includes("<td style") && h.includes(">pristine<") && h.includes(">charged<"));
    assert.ok(t.includes("carbon/binder (extraneous)"));
    assert.match(t, /not converged\s+0/);
    assert.match(t, /no phase \(fractions 0\)\s+0/);
    const max = Math.max(...fit.residualNorm);
    assert.ok(t.includes(`max ${Number(max.toPrecision(4))}`) || t.includes(`max ${max.toExponential(3).replace(/\.?0+e/, "e")}`), t);
  });

  it("NnlsPixelsResult of a plain matrix (overall fractions and the reason) or of a table whose rows are not grouped by sample (per sample, from the table)", async () => {
    const { T } = table();
    const plain = nnlsPixels(matrix(T.data, T.nPixels, NE, ["pixel", "energy"]), MEMBERS, { extraneous: [2] });
    const t1 = text(await toMimeBundle(plain));
    assert.ok(t1.includes("all pixels") && !t1.includes("pristine"));
    assert.ok(t1.includes("not a PixelTable"), t1);
    const { T: mixed } = table("interleaved");
    const fit = nnlsPixels(mixed, MEMBERS, { extraneous: [2] });
    const t2 = text(await toMimeBundle(fit));
    assert.ok(t2.includes("pristine") && t2.includes("charged"), t2);
    // the per-sample fraction is Σ weight / Σ phase total over the sample's rows, wherever they are
    const want = (s: number): number => {
      let w = 0, tot = 0;
      for (let i = 0; i < fit.nPixels; i++) if (mixed.sample[i] === s) { w += fit.weights.data[i * 3]; tot += fit.phaseTotal[i]; }
      return (100 * w) / tot;
    };
    const line = t2.split("\n").find((l) => /^\s*pristine\s/.test(l))!;
    assert.ok(line.includes(`${want(0).toFixed(1)} %`), `${line} vs ${want(0).toFixed(1)} %`);
  });

  it("LcfResult: weights ± uncertainties, R-factor, reduced χ² and the fit chart", async () => {
    const r0 = rng(3);
    const y = Float64Array.from({ length: NE }, (_, e) => 0.3 * MEMBERS.data[e] + 0.7 * MEMBERS.data[NE + e] + 0.003 * (r0() - 0.5));
    const refs = makeSpectra({ energies: ENERGIES, values: [MEMBERS.data.slice(0, NE), MEMBERS.data.slice(NE, 2 * NE)], names: ["reduced", "oxidised"], dim: "reference" });
    const r = lcf(makeSpectrum(ENERGIES, y, { name: "cycle 2 average" }), refs);
    const b = await toMimeBundle(r);
    const t = text(b);
    const row = (n: string) => t.split("\n").find((l) => new RegExp(`^\\s+${n}\\s+[-\\d.e]+\\s+[-\\d.e]+$`).test(l))!.trim().split(/\s+/);
    for (const [i, n] of ["reduced", "oxidised"].entries()) {
      const [, w, u] = row(n);
      assert.ok(Math.abs(Number(w) - r.weights[i]) < 1e-3 * Math.abs(r.weights[i]), `${n}: ${w} vs ${r.weights[i]}`);
      assert.ok(Math.abs(Number(u) - r.uncertainties[i]) <= 1e-3 * r.uncertainties[i], `${n}: ± ${u} vs ${r.uncertainties[i]}`);
    }
    assert.ok(Math.abs(r.weights[1] - 0.7) < 0.01);
    assert.match(t, /R-factor\s+\S+/);
    assert.ok(Math.abs(Number(/R-factor\s+(\S+)/.exec(t)![1]) - r.rFactor) <= 1e-3 * r.rFactor);
    assert.ok(Math.abs(Number(/reduced χ²\s+(\S+)/.exec(t)![1]) - r.reducedChi2) <= 1e-3 * r.reducedChi2);
    assert.ok(html(b).includes("cycle 2 average"));
    const spec = assertChart(b);
    assert.ok(Array.isArray(spec.vconcat));
  });

  it("Stack: sizes, energy range, pixel size in µm, quantity, channel, source, and a PNG of the highest-contrast energy", async () => {
    const nE = 5, ny = 6, nx = 8;
    const data = new Float64Array(nE * ny * nx).fill(1000);
    // contrast only at energy index 3 (531.5 eV): a dark square
    for (let y = 2; y < 5; y++) for (let x = 2; x < 6; x++) data[(3 * ny + y) * nx + x] = 200;
    const s = makeStack({ data, nE, ny, nx, energies: [530, 530.5, 531, 531.5, 532], x: Array.from({ length: nx }, (_, i) => 10 + 0.05 * i), y: Array.from({ length: ny }, (_, i) => -3 + 0.05 * i), channel: "PMT", source: "Sample_001.hdr" });
    const b = await toMimeBundle(s);
    const t = text(b), h = html(b);
    assert.match(t, /^Stack: 5 × 6 × 8 \(energy × y × x\), counts, PMT/);
    assert.ok(t.includes("530 – 532 eV (5 energies)"));
    assert.ok(t.includes("0.05 × 0.05 µm (x × y); field 0.4 × 0.3 µm"), t);
    assert.ok(t.includes("Sample_001.hdr") && t.includes("PMT"));
    assert.ok(t.includes("531.5 eV (energy 4 of 5, highest contrast)"), t);
    const png = Buffer.from(b["image/png"] as string, "base64");
    assert.deepEqual([...png.subarray(1, 4)], [0x50, 0x4e, 0x47]);
    assert.ok(h.includes(`data:image/png;base64,${b["image/png"]}`));
    // axes in pixel units: the pixel size is unknown
    const t2 = text(await toMimeBundle(makeStack({ data: new Float32Array(2 * 3 * 4), nE: 2, ny: 3, nx: 4, energies: [700, 710], quantity: "od" })));
    assert.ok(t2.includes("unknown (axes in pixel units)") && t2.includes("optical density"), t2);
  });

  it("StxmScan: the reader's warnings first and prominently, one line per stack", async () => {
    const mk = (channel: string) => makeStack({ data: Float64Array.from({ length: 3 * 4 * 4 }, (_, i) => i % 7), nE: 3, ny: 4, nx: 4, energies: [850, 851, 852], x: [0, 0.1, 0.2, 0.3], y: [0, 0.1, 0.2, 0.3], channel, source: "scan.hdr" });
    const scan: StxmScan = { format: "sdf", source: "scan.hdr", stacks: [mk("PMT"), mk("Counter1")], metadata: {}, warnings: ["energies in the .hdr and the .xim disagree at 3 points; the .hdr's were used"] };
    const b = await toMimeBundle(scan);
    const t = text(b), h = html(b);
    const lines = t.split("\n");
    assert.equal(lines[0], "StxmScan: sdf file scan.hdr: 2 stacks, 1 warning");
    assert.equal(lines[1], "  ⚠ energies in the .hdr and the .xim disagree at 3 points; the .hdr's were used");
    assert.ok(h.indexOf("⚠ energies in the .hdr") < h.indexOf("<table"), "warning above the tables");
    assert.ok(h.includes("#fff3cd"));
    assert.ok(t.includes("PMT") && t.includes("Counter1") && t.includes("850 – 852"));
    assert.equal((h.match(/<img /g) ?? []).length, 2, "an image per stack");
  });

  it("PixelTable: samples with pixel counts and image sizes, energies, brightness range", async () => {
    const { T } = table();
    const t = text(await toMimeBundle(T));
    assert.match(t, /^PixelTable: 30 pixels × 12 energies from 2 samples/);
    assert.ok(t.includes("528 – 539 eV (12 energies)"));
    assert.match(t, /pristine\s+20\s+4 × 5\s+100\.0 %\s+0\.04 × 0\.04/);
    assert.match(t, /charged\s+10\s+3 × 4\s+83\.3 %\s+—/);
    assert.ok(t.includes("brightness") && t.includes("0.1 – 0.39"), t);
  });

  it("Spectra and Spectrum: the chart, names and energies", async () => {
    const b = await toMimeBundle(MEMBERS);
    assert.match(text(b), /^Spectra: 3 spectra \(member\) × 12 energies/);
    assert.ok(text(b).includes("reduced, oxidised, carbon/binder"));
    const spec = assertChart(b);
    assert.ok(JSON.stringify(spec).includes('"carbon/binder"'));
    const one = await toMimeBundle(makeSpectrum([529, 530, 531], [0.1, 0.8, 0.4], { name: "LiCoO2", unit: "OD" }));
    assert.match(text(one), /^Spectrum: "LiCoO2", 3 points/);
    assert.ok(text(one).includes("0.1 – 0.8 OD"));
    assertChart(one);
  });

  it("PixelMaps: one panel per sample × map on one colour scale", async () => {
    const { T } = table();
    const p = pca(T, { k: 2 });
    const m = p.maps(2);
    const b = await toMimeBundle(m);
    const t = text(b), h = html(b);
    assert.match(t, /^PixelMaps: score: 2 maps × 2 samples/);
    assert.equal((h.match(/<figure/g) ?? []).length, 4);
    for (const c of ["pristine — PC1", "pristine — PC2", "charged — PC1", "charged — PC2"]) assert.ok(h.includes(c), c);
    assert.ok(h.includes("grid-template-columns:repeat(2,"));
    assert.ok(t.includes("colour scale (all panels)"));
    const f = pixelMaps(T, matrix(new Float64Array(30 * 2).fill(0.5), 30, 2), ["a", "b"], "fraction");
    assert.ok(text(await toMimeBundle(f)).includes("colour scale (all panels): 0 – 1"));
  });

  it("Matrix with dims: its dimensions, sizes and a table of the first rows", async () => {
    const X = matrix(Float64Array.from({ length: 74700 * 3 }, (_, i) => i / 4), 74700, 3, ["pixel", "energy"]);
    const b = await toMimeBundle(X);
    const t = text(b);
    assert.match(t, /^Matrix pixel × energy, 74,700 × 3\n/);
    assert.ok(t.includes("first 5 of 74,700 rows"));
    assert.ok(html(b).includes("<td style=\"padding:1px 8px 1px 0;text-align:left;vertical-align:top;border:none\">0.75</td>"));
    assert.match(text(await toMimeBundle(matrix(new Float64Array(6), 2, 3))), /^Matrix 2 × 3\n/);
  });

  it("a display failure never throws: a broken chart keeps the summary, a broken object falls back to text with the reason", async () => {
    const { T } = table();
    const p = pca(T);
    const noChart = { ...p, explainedVarianceRatio: new Float64Array(0) };
    const b = await toMimeBundle(noChart);
    assert.ok(!(VEGALITE_MIME in b));
    assert.ok(html(b).includes("PcaResult"));
    assert.match(text(b), /not shown: the chart \(RangeError: screeSpec: explainedVarianceRatio is empty/);
    const broken = { ...p, get suggestion() { throw new Error("boom"); } };
    // the getter throws on detection too: then the object is shown as any value, never an exception
    const b2 = await toMimeBundle(broken).catch((e) => assert.fail(`threw ${e}`));
    assert.ok(typeof b2["text/plain"] === "string");
    const half = { ...p, cumulativeVarianceRatio: undefined };
    const b3 = await toMimeBundle(half);
    assert.deepEqual(Object.keys(b3), ["text/plain"]);
    assert.match(text(b3), /rich display of this pca failed: TypeError/);
  });

  it("names are escaped in the HTML", async () => {
    const s = makeSpectra({ energies: [1, 2], values: [[1, 2]], names: ["<b>LiCoO2</b> & co"] });
    const h = html(await toMimeBundle(s));
    assert.ok(h.includes("&lt;b&gt;LiCoO2&lt;/b&gt; &amp; co") && !h.includes("<b>LiCoO2"));
  });

  it("other values are displayed as before", async () => {
    assert.deepEqual(Object.keys(await toMimeBundle({ kind: "pca" })), ["text/plain"]);
    assert.ok("text/html" in (await toMimeBundle([{ a: 1 }, { a: 2 }])));
    assert.deepEqual(Object.keys(await toMimeBundle(Float64Array.of(1, 2))), ["text/plain"]);
  });
});
