import assert from "node:assert/strict";
import { preprocessSeries, preprocessSeriesInBands } from "../../src/stack";
import { simulateOxygenPlateau } from "../../src/simulate";
import { openStack, readStack, writeNxstxm, writeSdf } from "../../src/io";
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

describe("preprocessSeriesInBands", function () {
  this.timeout(120000);
  const series = simulateOxygenPlateau({ seed: 9, capacities: [131, 257], ny: 48, nx: 72 });
  const samples = series.samples.map((s) => ({ stack: s.stack, name: s.name, freeRegion: s.freeRegion, sessionReference: s.sessionReference }));
  const options = {
    reference: series.canonicalReference,
    normalize: { background: [520, 526], area: [525, 535], brightness: [535, 560] },
    energyRange: [520, 535],
    noise: { fraction: 0.1 },
  } as const;

  it("gives the table of preprocessSeries, band by band (7-row bands)", async () => {
    const whole = preprocessSeries(samples, options);
    const banded = await preprocessSeriesInBands(samples, { ...options, bandRows: 7, keepUnfiltered: true });
    const a = whole.unfiltered;
    const b = banded.unfiltered!;
    assert.equal(b.nPixels, a.nPixels);
    assert.deepEqual(Array.from(b.sample), Array.from(a.sample));
    assert.deepEqual(Array.from(b.x), Array.from(a.x));
    assert.deepEqual(Array.from(b.y), Array.from(a.y));
    assert.deepEqual(b.samples, a.samples);
    // Relative to each pixel's own scale: dividing by a tiny pre-edge area magnifies last-bit
    // differences of the logarithm (opticalDensity picks its ln path by the counts it sees).
    let worst = 0;
    for (let i = 0; i < a.nPixels; i++) {
      let scale = 0;
      for (let e = 0; e < a.nE; e++) scale = Math.max(scale, Math.abs(a.data[i * a.nE + e]));
      for (let e = 0; e < a.nE; e++) worst = Math.max(worst, Math.abs(a.data[i * a.nE + e] - b.data[i * a.nE + e]) / scale);
    }
    assert.ok(worst < 1e-8, `largest relative difference ${worst}`);
    assert.equal(banded.table.nPixels, whole.table.nPixels);
    assert.deepEqual(banded.samples.map((s) => s.dropped), whole.dropped);
    assert.ok(banded.samples.every((s) => s.bands > 1));
    // Without keepUnfiltered the noise filter works in the one table buffer: same rows, no unfiltered table.
    const lean = await preprocessSeriesInBands(samples, { ...options, bandRows: 7 });
    assert.equal(lean.unfiltered, undefined);
    assert.deepEqual(Array.from(lean.noise.kept), Array.from(banded.noise.kept));
    assert.deepEqual(Array.from(lean.table.data), Array.from(banded.table.data));
    assert.deepEqual(Array.from(lean.table.y), Array.from(banded.table.y));
    assert.deepEqual(Array.from(lean.table.brightness), Array.from(banded.table.brightness));
  });
  it("passes align through as preprocessSeries does (bilinear kernel, 3-row bands) and refuses the Fourier shift", async () => {
    const align = { interpolation: "bilinear", reference: 3 } as const;
    const whole = preprocessSeries(samples, { ...options, align });
    const banded = await preprocessSeriesInBands(samples, { ...options, bandRows: 3, align, keepUnfiltered: true });
    assert.equal(banded.samples[0].shifts.reference, 3);
    assert.equal(banded.unfiltered!.nPixels, whole.unfiltered.nPixels);
    let worst = 0;
    const a = whole.unfiltered.data;
    const b = banded.unfiltered!.data;
    for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]) / (1 + Math.abs(a[i])));
    assert.ok(worst < 1e-8, `largest difference ${worst}`);
    // the default kernel gives another table than bilinear
    const lanczos = preprocessSeries(samples, { ...options, align: { reference: 3 } });
    assert.notDeepEqual(Array.from(lanczos.unfiltered.data.subarray(0, 50)), Array.from(a.subarray(0, 50)));
    await assert.rejects(preprocessSeriesInBands(samples, { ...options, align: { interpolation: "fourier" } }), /"fourier" needs whole images/);
  });
  it("names a bad band height", async () => {
    await assert.rejects(preprocessSeriesInBands(samples, { ...options, bandRows: 0 }), /option "bandRows" must be a positive integer, got 0/);
  });

  for (const format of ["nxstxm", "sdf"] as const) {
    it(`reads ${format} files band by band (openStack) and gives the same table as the stacks in memory`, async () => {
      const dir = mkdtempSync(join(tmpdir(), "edgeworks-bands-"));
      try {
        const fromFiles = await Promise.all(samples.map(async (s, i) => {
          const path = join(dir, `s${i}.${format === "sdf" ? "hdr" : "hdf5"}`);
          if (format === "sdf") writeSdf(path, s.stack);
          else await writeNxstxm(path, s.stack);
          return { ...s, stack: await openStack(path) };
        }));
        assert.equal(fromFiles[0].stack.ny, samples[0].stack.ny);
        assert.deepEqual(Array.from(fromFiles[0].stack.y), Array.from(samples[0].stack.y));
        const region = { x0: 8, y0: 6, x1: 64, y1: 42 };
        const inMemory = await preprocessSeriesInBands(samples, { ...options, bandRows: 5, align: { region }, keepUnfiltered: true });
        const banded = await preprocessSeriesInBands(fromFiles, { ...options, bandRows: 5, align: { region }, keepUnfiltered: true });
        const a = inMemory.unfiltered!, b = banded.unfiltered!;
        assert.equal(b.nPixels, a.nPixels);
        assert.deepEqual(b.samples, a.samples);
        assert.deepEqual(Array.from(b.y), Array.from(a.y));
        let worst = 0;
        for (let i = 0; i < a.data.length; i++) worst = Math.max(worst, Math.abs(a.data[i] - b.data[i]));
        assert.ok(worst === 0, `files vs memory: largest difference ${worst}`);
        assert.deepEqual(banded.samples.map((s) => s.shifts.dx), inMemory.samples.map((s) => s.shifts.dx));
        await assert.rejects(preprocessSeriesInBands([{ ...fromFiles[0], freeRegion: undefined }], options), /samples\[0\] \("131 mAh\/g"\) is read from its file, so it needs a freeRegion/);
        await assert.rejects(fromFiles[0].stack.read({ rows: [0, 99] }), /rows must be \[start, end\) with 0 ≤ start < end ≤ 48/);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }

  it("reads a float32 NXstxm stack in whole chunks of rows (8-row chunks, 3-row bands) and gives preprocessSeries' table of the whole stack", async function () {
    const py = join(__dirname, "..", "..", ".venv", "bin", "python");
    if (!existsSync(py)) this.skip();
    const dir = mkdtempSync(join(tmpdir(), "edgeworks-bands-f32-"));
    try {
      const path = join(dir, "f32.hdf5");
      execFileSync(py, [join(__dirname, "..", "..", "python", "make_big_nxstxm.py"), path, "--energies", "60", "--ny", "44", "--nx", "40", "--chunk-rows", "8"], { stdio: "pipe" });
      const src = await openStack(path);
      assert.equal(src.valueType, "float32");
      assert.equal(src.chunkRows, 8);
      const freeRegion = { x0: 2, y0: 0, x1: 30, y1: 44 };
      const region = { x0: 4, y0: 4, x1: 40, y1: 40 };
      const opts = {
        normalize: { background: [515, 526], area: [526, 535], brightness: [540, 565] }, energyRange: [527, 533], noise: { fraction: 0.1, range: [527, 530] }, align: { region },
      } as const;
      const whole = preprocessSeries([{ stack: await readStack(path), name: "f32", freeRegion }], opts);
      const seen: number[][] = [];
      const banded = await preprocessSeriesInBands([{ stack: src, name: "f32", freeRegion }], { ...opts, bandRows: 3, keepUnfiltered: true, onBand: (b) => seen.push([b.band, b.bands, ...b.rows]) });
      const a = whole.unfiltered, b = banded.unfiltered!;
      assert.equal(b.nPixels, a.nPixels);
      assert.deepEqual(Array.from(b.y), Array.from(a.y));
      assert.deepEqual(Array.from(b.x), Array.from(a.x));
      let worst = 0;
      for (let i = 0; i < a.nPixels; i++) {
        let scale = 0;
        for (let e = 0; e < a.nE; e++) scale = Math.max(scale, Math.abs(a.data[i * a.nE + e]));
        for (let e = 0; e < a.nE; e++) worst = Math.max(worst, Math.abs(a.data[i * a.nE + e] - b.data[i * a.nE + e]) / scale);
      }
      assert.ok(worst < 1e-8, `largest relative difference ${worst}`);
      assert.deepEqual(Array.from(banded.noise.kept), Array.from(whole.noise.kept));
      // onBand: every band once, in order, rows covering the crop
      const crop = banded.samples[0].crop;
      assert.equal(seen.length, banded.samples[0].bands);
      assert.deepEqual(seen[0], [0, seen.length, crop.y0, crop.y0 + 3]);
      assert.equal(seen[seen.length - 1][3], crop.y1);
      await assert.rejects(preprocessSeriesInBands([{ stack: src, name: "f32", freeRegion }], { ...opts, onBand: 3 as never }), /option "onBand" must be a function, got number/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
