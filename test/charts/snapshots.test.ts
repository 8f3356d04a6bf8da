// Snapshot tests of spec JSON (Observable Plot's habit, applied to specs rather than pixels): each
// builder's output on a tiny fixed input is compared with test/charts/snapshots/<name>.json, numbers
// rounded to 6 significant digits. A missing snapshot is written; on a mismatch the new spec is
// written next to it as <name>-changed.json for review (copy it over the old file to accept).
import assert from "node:assert/strict";
import { existsSync, readFileSync, writeFileSync, mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { histogramSpec, lcfSpec, mapSpec, mapsGridSpec, panelsSpec, scoreScatterSpec, screeSpec, spectraSpec, xySpec } from "../../src/charts";
import { hsvMapsGridSpec } from "../../src/maps";
import { matrix } from "../../src/types/matrix";
import { makeSpectra } from "../../src/types/spectra";
import { makePixelTable } from "../../src/types/pixel-table";
import { pixelMaps } from "../../src/types/pixelMaps";
import type { LcfResult } from "../../src/decompose";

const DIR = join(__dirname, "snapshots");

function normalise(spec: unknown): string {
  return JSON.stringify(spec, (_k, v) => (typeof v === "number" && !Number.isInteger(v) ? Number(v.toPrecision(6)) : v), 2) + "\n";
}

function snapshot(name: string, spec: Record<string, unknown>): void {
  const file = join(DIR, `${name}.json`);
  const changed = join(DIR, `${name}-changed.json`);
  const text = normalise(spec);
  if (!existsSync(file)) {
    mkdirSync(DIR, { recursive: true });
    writeFileSync(file, text);
    return;
  }
  const want = readFileSync(file, "utf8");
  if (want !== text) {
    writeFileSync(changed, text);
    assert.fail(`${name}: spec differs from ${file}; see ${changed}`);
  }
  if (existsSync(changed)) rmSync(changed);
}

const E = [529, 530, 531];
const members = makeSpectra({ energies: E, values: [[0, 1, 0], [1, 0, 1]], names: ["reduced", "oxidised"], dim: "member" });
// A hand-made LcfResult (data 1 2 1, weights 0.5 and 1 of the two references above).
const lcfResult: LcfResult = {
  kind: "lcf", energies: Float64Array.from(E), spectrum: { energies: Float64Array.from(E), values: Float64Array.from([1, 2, 1]) },
  references: { ...members, dims: ["reference", "energy"] }, names: ["reduced", "oxidised"],
  weights: Float64Array.from([0.5, 1]), uncertainties: new Float64Array(2), sum: 1.5, fit: Float64Array.from([1, 0.5, 1]), residual: Float64Array.from([0, 1.5, 0]),
  rFactor: 0.375, chi2: 2.25, reducedChi2: 2.25, nPoints: 3, nVarys: 2, shift: 0, sumToOne: false, nonNegative: true,
};
// Two samples of 1 × 2 pixels (0.5 µm): a 2-member fraction map.
const table = makePixelTable({ data: new Float64Array(4), nPixels: 4, nE: 1, energies: [530], sample: [0, 0, 1, 1], x: [0, 1, 0, 1], y: [0, 0, 0, 0],
  brightness: [1, 0.5, 1, 0.5], samples: [{ name: "a", ny: 1, nx: 2, pixelSize: [0.5, 0.5] }, { name: "b", ny: 1, nx: 2, pixelSize: [0.5, 0.5] }] });
const fractions = pixelMaps(table, matrix(Float64Array.from([0, 1, 0.5, 0.5, 1, 0, NaN, NaN]), 4, 2), ["reduced", "oxidised"], "fraction");
const cases: Record<string, () => Record<string, unknown>> = {
  scree: () => screeSpec([0.7, 0.2, 0.1], { suggested: 2 }),
  spectra: () => spectraSpec(members, { highlight: [530.8], offset: 0.5, title: "End members" }),
  scoreScatter: () => scoreScatterSpec(matrix(Float64Array.from([0, 1, 2, 3, 4, 5, 6, 7]), 4, 2), { maxPoints: 2, groups: ["a", "b", "a", "b"], regions: [{ name: "r", indices: [1] }] }),
  lcf: () => lcfSpec(lcfResult),
  panels: () => panelsSpec([spectraSpec(members, { title: "a" }), spectraSpec(members, { title: "b" })]),
  mapsGridPixelMaps: () => mapsGridSpec(fractions),
  hsvMapsGrid: () => hsvMapsGridSpec(fractions, table, { member: "reduced", brightnessRange: [0, 1] }),
  histogram: () => histogramSpec([0, 1, 1, 2, 3, NaN], { bins: 3, cutoff: 2.5, xLabel: "Noise" }),
  map: () => mapSpec([1, 2, NaN, 4], 2, 2, { title: "m", legendTitle: "v" }),
  mapsGrid: () => mapsGridSpec([{ title: "a", image: [0, 1], ny: 1, nx: 2 }, { title: "b", image: [2, NaN], ny: 1, nx: 2 }], { columns: 2 }),
  xy: () => xySpec([1, 2, 3], [3, 2, 1], { line: true, groups: ["g", "g", "h"], xLabel: "Capacity (mAh/g)", yLabel: "Fraction" }),
};

describe("chart spec snapshots (test/charts/snapshots)", () => {
  for (const [name, build] of Object.entries(cases)) {
    it(name, () => {
      snapshot(name, build());
      assert.equal(normalise(build()), normalise(build())); // pure and deterministic
    });
  }
});
