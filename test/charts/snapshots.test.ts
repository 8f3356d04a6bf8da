// Snapshot tests of spec JSON (Observable Plot's habit, applied to specs rather than pixels): each
// builder's output on a tiny fixed input is compared with test/charts/snapshots/<name>.json, numbers
// rounded to 6 significant digits. A missing snapshot is written; on a mismatch the new spec is
// written next to it as <name>-changed.json for review (copy it over the old file to accept).
import assert from "node:assert/strict";
import { existsSync, readFileSync, writeFileSync, mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { histogramSpec, lcfSpec, mapSpec, mapsGridSpec, scoreScatterSpec, screeSpec, spectraSpec, xySpec } from "../../src/charts";

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
const cases: Record<string, () => Record<string, unknown>> = {
  scree: () => screeSpec([0.7, 0.2, 0.1]),
  spectra: () => spectraSpec(E, [[0, 1, 0], [1, 0, 1]], ["reduced", "oxidised"], { highlight: [530.8], offset: 0.5, title: "End members" }),
  scoreScatter: () => scoreScatterSpec([0, 1, 2, 3, 4, 5, 6, 7], 4, 2, { maxPoints: 2, groups: ["a", "b", "a", "b"], regions: [{ name: "r", indices: [1] }] }),
  lcf: () => lcfSpec(E, [1, 2, 1], [1.1, 1.9, 1], [{ name: "a", values: [0.5, 1, 0.5] }]),
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
