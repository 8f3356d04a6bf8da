// The readers against real instrument files (../shared/external/stxm), compared with the
// independent h5py / numpy reading in test/fixtures/io/stxm_files.json
// (made by python/ref_stxm_files.py). Skips with a printed reason when the files are absent.
import assert from "node:assert/strict";
import { copyFileSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { readNxstxm } from "../../src/io/nxstxm";
import { readStack } from "../../src/io/readStack";
import { monitorOf } from "../../src/io/scan";
import { readSdf } from "../../src/io/sdf";
import { openStack } from "../../src/io/stackSource";
import type { Stack } from "../../src/types/stack";
import ref from "../fixtures/io/stxm_files.json";
import { EXTERNAL_STXM, fileHash, tempDir } from "./helpers";

interface RefStack {
  shape: number[];
  energies: number[];
  x: { first: number; last: number; sum: number; n: number };
  y: { first: number; last: number; sum: number; n: number };
  dwell_ms: number[];
  image_sums: number[];
  total: number;
  min: number;
  max: number;
  samples: { e: number; y: number; x: number; value: number }[];
  channel: string;
  monitors?: Record<string, { units: string; sum: number; first: number; last: number }>;
  signal_chunks?: { offset: number; size: number; filters: string }[];
}

const REF = ref as unknown as Record<string, { stacks: RefStack[] }>;

function close(got: number, want: number, rel = 1e-12): void {
  assert.ok(Math.abs(got - want) <= rel * Math.max(1, Math.abs(want)), `${got} vs ${want}`);
}

function compare(s: Stack, r: RefStack): void {
  const [nE, ny, nx] = r.shape;
  assert.deepEqual([s.nE, s.ny, s.nx], r.shape);
  assert.deepEqual(Array.from(s.energies), r.energies);
  close(s.x[0], r.x.first);
  close(s.x[s.nx - 1], r.x.last);
  close(s.x.reduce((a, b) => a + b, 0), r.x.sum);
  close(s.y[0], r.y.first);
  close(s.y.reduce((a, b) => a + b, 0), r.y.sum);
  assert.deepEqual(Array.from(s.dwell), r.dwell_ms);
  for (let e = 0; e < nE; e++) {
    let sum = 0;
    for (let i = 0; i < ny * nx; i++) sum += s.data[e * ny * nx + i];
    close(sum, r.image_sums[e]);
  }
  for (const p of r.samples) assert.equal(s.data[(p.e * ny + p.y) * nx + p.x], p.value, `value at [${p.e}, ${p.y}, ${p.x}]`);
  assert.equal(s.channel, r.channel);
  assert.equal(s.metadata.nonFiniteCount, 0);
}

describe("real STXM files (../shared/external/stxm)", function () {
  before(function () {
    if (!existsSync(EXTERNAL_STXM)) {
      console.log(`    (skipped: the real data folder ${EXTERNAL_STXM} is absent)`);
      this.skip();
    }
  });

  it("ALS COSMIC .hdr + .xim (Ni L3, 2 × 120 × 120, images a003 and a019 only)", function () {
    const hdr = join(EXTERNAL_STXM, "als_cosmic_ni_L", "stxm-scan.hdr");
    const files = ["stxm-scan.hdr", "stxm-scan_a003.xim", "stxm-scan_a019.xim"].map((f) => join(EXTERNAL_STXM, "als_cosmic_ni_L", f));
    const before = files.map(fileHash);
    const scan = readSdf(hdr);
    assert.equal(scan.stacks.length, 1);
    const s = scan.stacks[0];
    compare(s, REF["als_cosmic_ni_L/stxm-scan.hdr"].stacks[0]);
    assert.deepEqual(s.metadata.imageIndices, [3, 19]);
    assert.equal(s.metadata.energySource, "records");
    assert.equal(s.scanType, "stack");
    assert.deepEqual(files.map(fileHash), before, "input files unchanged");
  });

  it("ALS COSMIC .hdr: a band of rows of one energy equals the same part of the full read; a BOM'd copy reads the same", async function () {
    const folder = join(EXTERNAL_STXM, "als_cosmic_ni_L");
    if (!existsSync(folder)) {
      console.log(`    (skipped: ${folder} is absent)`);
      this.skip();
    }
    const hdr = join(folder, "stxm-scan.hdr");
    const before = fileHash(hdr);
    const full = readSdf(hdr).stacks[0];
    const part = readSdf(hdr, { select: { energyRange: [857, 858], rows: [40, 72], columns: [10, 110] } });
    assert.deepEqual(part.warnings, []);
    const p = part.stacks[0];
    assert.deepEqual([p.nE, p.ny, p.nx, p.energies[0]], [1, 32, 100, 857.75]);
    for (let y = 0; y < 32; y++) {
      assert.deepEqual(Array.from(p.data.subarray(y * 100, (y + 1) * 100)), Array.from(full.data.subarray((1 * 120 + 40 + y) * 120 + 10, (1 * 120 + 40 + y) * 120 + 110)), `row ${40 + y}`);
    }
    // openStack: bands of 17 rows (the last one shorter) read through the line index equal the full read
    const src = await openStack(hdr);
    const got = new Float64Array(full.data.length);
    for (let y0 = 0; y0 < 120; y0 += 17) await src.readInto!({ rows: [y0, Math.min(120, y0 + 17)] }, got, 120, y0);
    assert.ok(got.every((v, i) => Object.is(v, full.data[i])), "openStack bands equal the full read");
    const { dir, cleanup } = tempDir();
    try {
      writeFileSync(join(dir, "bom.hdr"), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), readFileSync(hdr)]));
      for (const f of ["stxm-scan_a003.xim", "stxm-scan_a019.xim"]) copyFileSync(join(folder, f), join(dir, f.replace("stxm-scan", "bom")));
      const bom = await readStack(join(dir, "bom_a019.xim"));
      assert.deepEqual(Array.from(bom.data), Array.from(full.data));
      assert.deepEqual(Array.from(bom.energies), Array.from(full.energies));
    } finally {
      cleanup();
    }
    assert.equal(fileHash(hdr), before, "input file unchanged");
  });

  for (const [file, scanType] of [
    ["Sample_Stack_2021-03-16_128.hdf5", "stack"],
    ["Sample_Image_2021-03-16_095.hdf5", "image"],
    ["Sample_Line_2021-03-16_096.hdf5", "line"],
  ] as const) {
    it(`PolLux NXstxm ${file} (${scanType})`, async function () {
      const p = join(EXTERNAL_STXM, "sls_pollux_nxstxm", file);
      const h = fileHash(p);
      const scan = await readNxstxm(p);
      const r = REF[`sls_pollux_nxstxm/${file}`].stacks;
      assert.equal(scan.stacks.length, r.length);
      const s = scan.stacks[0];
      compare(s, r[0]);
      assert.equal(s.scanType, scanType);
      for (const [name, m] of Object.entries(r[0].monitors ?? {})) {
        const got = monitorOf(s, name);
        assert.ok(got, `monitor ${name}`);
        assert.equal(got.units, m.units);
        assert.ok(got.sameShape);
        close(got.data.reduce((a, b) => a + b, 0), m.sum);
        assert.equal(got.data[0], m.first);
        assert.equal(got.data[got.data.length - 1], m.last);
      }
      assert.equal(fileHash(p), h, "input file unchanged");
      assertSameViaDispatcher(await readStack(p), s);
      assert.deepEqual(scan.warnings, [], "a clean PolLux file reads without warnings");
      assert.equal(s.metadata.kind, scanType);
    });
  }

  it("PolLux NXstxm stack with one byte flipped inside any of its first 8 gzip chunks: an error naming the dataset, never values", async function () {
    const file = "Sample_Stack_2021-03-16_128.hdf5";
    const clean = readFileSync(join(EXTERNAL_STXM, "sls_pollux_nxstxm", file));
    const chunks = REF[`sls_pollux_nxstxm/${file}`].stacks[0].signal_chunks ?? [];
    assert.equal(chunks.length, 8);
    const { dir, cleanup } = tempDir();
    try {
      for (const c of chunks) {
        for (const at of [0.1, 0.5, 0.9]) {
          const bad = Uint8Array.from(clean);
          const off = c.offset + Math.floor(c.size * at);
          bad[off] ^= 0x10;
          const p = join(dir, `flipped-${off}.hdf5`);
          writeFileSync(p, bad);
          await assert.rejects(readNxstxm(p), {
            name: "StxmFileError",
            message: `flipped-${off}.hdf5: /entry1/counter0/data: could not be read: the HDF5 library reported "filter returned failure during read" (damaged file?)`,
          });
        }
      }
      // The same bytes unflipped read as the original.
      const p = join(dir, "copy.hdf5");
      copyFileSync(join(EXTERNAL_STXM, "sls_pollux_nxstxm", file), p);
      compare((await readNxstxm(p)).stacks[0], REF[`sls_pollux_nxstxm/${file}`].stacks[0]);
    } finally {
      cleanup();
    }
  });
});

function assertSameViaDispatcher(a: Stack, b: Stack): void {
  assert.deepEqual(Array.from(a.data), Array.from(b.data));
  assert.deepEqual(Array.from(a.energies), Array.from(b.energies));
}
