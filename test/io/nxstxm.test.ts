import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { loadH5wasm } from "../../src/io/h5wasmLoader";
import { parseNxstxm, readNxstxm } from "../../src/io/nxstxm";
import { encodeNxstxm, writeNxstxm } from "../../src/io/nxstxmWriter";
import { monitorOf } from "../../src/io/scan";
import { scanSlots, toEYX } from "../../src/io/scanSlots";
import { makeStack } from "../../src/types/stack";
import { assertSameStack, fileHash, tempDir, tinyStack } from "./helpers";

type H5Group = InstanceType<Awaited<ReturnType<typeof loadH5wasm>>["Group"]>;

/** A group with NX_class `NXentry` (and `definition` = `definition` unless null). */
function nxEntry(parent: H5Group, name: string, definition: string | null = "NXstxm"): H5Group {
  const e = parent.create_group(name);
  e.create_attribute("NX_class", "NXentry");
  if (definition !== null) e.create_dataset({ name: "definition", data: definition });
  return e;
}

/** A group with NX_class `NXdata` whose signal is "data" (unless `signal` is null). */
function nxData(entry: H5Group, name: string, signal: string | null = "data"): H5Group {
  const g = entry.create_group(name);
  g.create_attribute("NX_class", "NXdata");
  if (signal !== null) g.create_attribute("signal", signal);
  return g;
}

type Writable = { create_attribute(name: string, data: unknown, shape?: number[] | null, dtype?: string | null): void };

describe("NXstxm writer → reader round trip", () => {
  it("writes a 2×3×4 stack and reads back an identical stack (file not modified by reading)", async () => {
    const { dir, cleanup } = tempDir();
    try {
      const s = tinyStack();
      const p = await writeNxstxm(join(dir, "sim.hdf5"), s);
      const h = fileHash(p);
      const scan = await readNxstxm(p);
      assert.equal(scan.format, "nxstxm");
      assert.equal(scan.stacks.length, 1);
      assertSameStack(scan.stacks[0], s);
      assert.equal(scan.stacks[0].metadata.stxmScanType, "sample image stack");
      assert.equal(scan.stacks[0].metadata.axesConvention, "axes");
      assert.equal(fileHash(p), h);
    } finally {
      cleanup();
    }
  });

  it("round-trips channels, regions, image / line / point scans, quantity and monitors (from bytes)", async () => {
    const a = tinyStack();
    const b = makeStack({ ...a, data: a.data.map((v) => -v), channel: "Diode/2", quantity: "transmission", metadata: {} });
    const ring = new Float64Array(a.data.length).fill(400.5);
    const c = makeStack({ ...a, channel: "counter0", metadata: { region: 1, monitors: { control: { data: ring, units: "mA", sameShape: true } } } });
    const scan = await parseNxstxm(await encodeNxstxm([a, b, c]), { name: "mem.h5" });
    assert.deepEqual(scan.metadata.entries, ["entry1", "entry2"]);
    assert.equal(scan.stacks.length, 3);
    assertSameStack(scan.stacks[0], a);
    assertSameStack(scan.stacks[1], b);
    assertSameStack(scan.stacks[2], c);
    assert.equal(scan.stacks[2].metadata.region, 1);
    const mon = monitorOf(scan.stacks[2]);
    assert.ok(mon);
    assert.equal(mon.units, "mA");
    assert.deepEqual(Array.from(mon.data), Array.from(ring));
    assert.equal(monitorOf(scan.stacks[0]), undefined);

    const img = tinyStack({ nE: 1, energies: [350], dwell: [10] });
    const line = makeStack({ data: Float64Array.from({ length: 6 }, (_, i) => i + 0.5), nE: 3, ny: 1, nx: 2, energies: [280, 281, 282], x: [0, 0.3], dwell: [10, 10, 20], scanType: "line", channel: "counter0" });
    const pt = makeStack({ data: new Float64Array([5, 6]), nE: 2, ny: 1, nx: 1, energies: [280, 290], dwell: [1, 2], scanType: "point", channel: "counter0" });
    for (const s of [img, line, pt]) {
      const back = (await parseNxstxm(await encodeNxstxm(s))).stacks[0];
      assertSameStack(back, s);
    }
  });

  it("reads axes stored in another order ([x, energy, y] via *_indices)", async () => {
    const { dir, cleanup } = tempDir();
    try {
      const h5 = await loadH5wasm();
      const p = join(dir, "perm.h5");
      const f = new h5.File(p, "w");
      const e = f.create_group("entry1");
      e.create_attribute("NX_class", "NXentry");
      e.create_dataset({ name: "definition", data: ["NXstxm"], shape: [1], dtype: "S6" });
      const g = nxData(e, "counter0");
      g.create_attribute("axes", ["sample_x", "energy", "sample_y"]);
      g.create_attribute("sample_x_indices", new Uint32Array([0]));
      g.create_attribute("energy_indices", new Uint32Array([1]));
      g.create_attribute("sample_y_indices", new Uint32Array([2]));
      // data[x][e][y] = 100x + 10e + y, shape [nx=3, nE=2, ny=2]
      const d = new Float64Array(12);
      for (let x = 0; x < 3; x++) for (let en = 0; en < 2; en++) for (let y = 0; y < 2; y++) d[(x * 2 + en) * 2 + y] = 100 * x + 10 * en + y;
      g.create_dataset({ name: "data", data: d, shape: [3, 2, 2], dtype: "<d" });
      g.create_dataset({ name: "energy", data: new Float64Array([280, 290]), shape: [2], dtype: "<d" });
      g.create_dataset({ name: "sample_x", data: new Float64Array([1, 2, 3]), shape: [3], dtype: "<d" });
      g.create_dataset({ name: "sample_y", data: new Float64Array([7, 8]), shape: [2], dtype: "<d" });
      g.create_dataset({ name: "count_time", data: new Float64Array([0.004]), shape: [1], dtype: "<d" });
      g.create_dataset({ name: "stxm_scan_type", data: ["sample image stack"], shape: [1], dtype: "S18" });
      f.close();
      const s = (await readNxstxm(p)).stacks[0];
      assert.deepEqual([s.nE, s.ny, s.nx], [2, 2, 3]);
      // [e, y, x] = 100x + 10e + y
      assert.equal(s.data[(1 * 2 + 0) * 3 + 2], 210);
      assert.equal(s.data[(0 * 2 + 1) * 3 + 1], 101);
      assert.deepEqual(Array.from(s.dwell), [4, 4]);
      assert.deepEqual(Array.from(s.x), [1, 2, 3]);
    } finally {
      cleanup();
    }
  });

  it("reads the older per-field @axis convention and @signal=1, with string fields as bytes", async () => {
    const { dir, cleanup } = tempDir();
    try {
      const h5 = await loadH5wasm();
      const p = join(dir, "old.h5");
      const f = new h5.File(p, "w");
      const e = f.create_group("entry7");
      e.create_attribute("NX_class", "NXentry");
      e.create_dataset({ name: "definition", data: new Uint8Array([78, 88, 115, 116, 120, 109]) }); // "NXstxm" as bytes
      const g = e.create_group("detector");
      g.create_attribute("NX_class", "NXdata");
      const d = Float64Array.from({ length: 2 * 2 * 3 }, (_, i) => i);
      g.create_dataset({ name: "counts", data: d, shape: [2, 2, 3], dtype: "<d" });
      (g.get("counts") as unknown as Writable).create_attribute("signal", new Int32Array([1]));
      const axis = (name: string, v: number[], ax: number): void => {
        g.create_dataset({ name, data: Float64Array.from(v), shape: [v.length], dtype: "<d" });
        (g.get(name) as unknown as Writable).create_attribute("axis", new Int32Array([ax]));
      };
      axis("energy", [700, 710], 1);
      axis("sample_y", [0, 1], 2);
      axis("sample_x", [0, 1, 2], 3);
      f.close();
      const s = (await readNxstxm(p)).stacks[0];
      assert.equal(s.metadata.axesConvention, "axis");
      assert.deepEqual([s.nE, s.ny, s.nx], [2, 2, 3]);
      assert.deepEqual(Array.from(s.data), Array.from(d));
      assert.equal(s.channel, "detector");
      assert.deepEqual(Array.from(s.dwell), [1, 1]);
    } finally {
      cleanup();
    }
  });

  it("orders entries and channels naturally (entry2 before entry10) when the file does not track creation order", async () => {
    const { dir, cleanup } = tempDir();
    try {
      const h5 = await loadH5wasm();
      const p = join(dir, "many.h5");
      const f = new h5.File(p, "w");
      for (const en of ["entry10", "entry1", "entry2"]) {
        const e = nxEntry(f, en);
        for (const ch of ["counter10", "counter2"]) {
          const g = nxData(e, ch);
          g.create_dataset({ name: "data", data: new Float64Array([Number(ch.slice(7))]), shape: [1], dtype: "<d" });
          g.create_dataset({ name: "energy", data: new Float64Array([Number(en.slice(5))]), shape: [1], dtype: "<d" });
        }
      }
      f.close();
      const scan = await readNxstxm(p);
      assert.deepEqual(scan.metadata.entries, ["entry1", "entry2", "entry10"]);
      assert.deepEqual(scan.stacks.map((s) => `${s.energies[0]}/${s.channel}`), ["1/counter2", "1/counter10", "2/counter2", "2/counter10", "10/counter2", "10/counter10"]);
      assert.equal(scan.stacks[0].scanType, "point");
    } finally {
      cleanup();
    }
  });

  it("counts NaN/Inf, or refuses them with rejectNonFinite", async () => {
    const a = tinyStack();
    const bad = makeStack({ ...a, data: Float64Array.from(a.data, (v, i) => (i === 3 ? NaN : i === 5 ? -Infinity : v)), metadata: {} });
    const bytes = await encodeNxstxm(bad);
    assert.equal((await parseNxstxm(bytes)).stacks[0].metadata.nonFiniteCount, 2);
    await assert.rejects(parseNxstxm(bytes, { name: "bad.h5", rejectNonFinite: true }), {
      message: "bad.h5: /entry1/PMT/data: expected finite numbers, got 2 NaN/Infinity values (of 24)",
    });
  });
});

describe("NXstxm bad input", () => {
  it("refuses an HDF5 file without an NXstxm entry, listing what it found", async () => {
    const { dir, cleanup } = tempDir();
    try {
      const h5 = await loadH5wasm();
      const p = join(dir, "tomo.h5");
      const f = new h5.File(p, "w");
      const e = f.create_group("entry");
      e.create_attribute("NX_class", "NXentry");
      e.create_dataset({ name: "definition", data: "NXtomo" });
      f.close();
      await assert.rejects(readNxstxm(p), {
        message: 'tomo.h5: NXentry/definition: expected at least one NXentry with definition "NXstxm" (or an NXsubentry with it, or a group holding <channel>/data and <channel>/energy), got entry (NX_class "NXentry", definition "NXtomo")',
      });
      const empty = join(dir, "empty.h5");
      new h5.File(empty, "w").close();
      await assert.rejects(readNxstxm(empty), {
        message: 'empty.h5: NXentry/definition: expected at least one NXentry with definition "NXstxm" (or an NXsubentry with it, or a group holding <channel>/data and <channel>/energy), got no NXentry groups',
      });
    } finally {
      cleanup();
    }
  });

  it("refuses a file that is not HDF5, and a truncated one", async () => {
    const { dir, cleanup } = tempDir();
    try {
      const p = join(dir, "text.hdf5");
      writeFileSync(p, "ScanDefinition = {};");
      await assert.rejects(readNxstxm(p), {
        message: 'text.hdf5: signature: expected an HDF5 file (bytes 89 48 44 46 0d 0a 1a 0a, "\\x89HDF\\r\\n\\x1a\\n"), got 53 63 61 6e 44 65 66 69',
      });
      const full = await encodeNxstxm(tinyStack());
      const cut = join(dir, "cut.h5");
      writeFileSync(cut, full.subarray(0, Math.floor(full.length / 2)));
      await assert.rejects(readNxstxm(cut), {
        message: "cut.h5: HDF5: expected a readable HDF5 file, got one the HDF5 library cannot open (truncated or damaged?): truncated file: eof = 6675, sblock->base_addr = 0, stored_eof = 13350",
      });
    } finally {
      cleanup();
    }
  });

  it("refuses a channel without energies, and a dataset declaring more data than the file holds (before reading it)", async () => {
    const { dir, cleanup } = tempDir();
    try {
      const h5 = await loadH5wasm();
      const p = join(dir, "odd.h5");
      const f = new h5.File(p, "w");
      const e = nxEntry(f, "entry1");
      const g = nxData(e, "counter0");
      g.create_dataset({ name: "data", data: new Float64Array(4), shape: [2, 2], dtype: "<d" });
      g.create_dataset({ name: "stxm_scan_type", data: "sample line spectrum" });
      const big = nxData(e, "counter1");
      const ds = big.create_dataset({ name: "data", data: new Float64Array(1), shape: [1, 1, 1], maxshape: [null, null, null], chunks: [1, 1, 1], dtype: "<d" });
      ds.resize([3000, 40000, 40000]); // metadata only: the file stays tiny
      f.close();
      await assert.rejects(readNxstxm(p), { message: "odd.h5: /entry1/counter0/energy: expected photon energies (2 values, eV), got no energy dataset" });
      await assert.rejects(readNxstxm(p, { maxValues: 1e12 }), { message: "odd.h5: /entry1/counter0/energy: expected photon energies (2 values, eV), got no energy dataset" });
      const g2 = new h5.File(p, "a");
      (g2.get("entry1/counter0") as InstanceType<typeof h5.Group>).create_dataset({ name: "energy", data: new Float64Array([280, 281]), shape: [2], dtype: "<d" });
      g2.close();
      await assert.rejects(readNxstxm(p), {
        message:
          "odd.h5: /entry1/counter1/data: declares shape [3000, 40000, 40000] of float64 = 38400000000000 bytes, more than the 13676-byte file can hold; expected data that was written (its chunks were never written: read the written part with the select option)",
      });
    } finally {
      cleanup();
    }
  });

  it("refuses axes whose lengths disagree with the data shape", async () => {
    const { dir, cleanup } = tempDir();
    try {
      const h5 = await loadH5wasm();
      const p = join(dir, "sizes.h5");
      const f = new h5.File(p, "w");
      const e = nxEntry(f, "entry1");
      const g = nxData(e, "counter0");
      g.create_attribute("axes", ["energy", "sample_y", "sample_x"]);
      g.create_dataset({ name: "data", data: new Float64Array(24), shape: [2, 3, 4], dtype: "<d" });
      g.create_dataset({ name: "energy", data: new Float64Array([280, 281]), shape: [2], dtype: "<d" });
      g.create_dataset({ name: "sample_y", data: new Float64Array(3), shape: [3], dtype: "<d" });
      g.create_dataset({ name: "sample_x", data: new Float64Array(6), shape: [6], dtype: "<d" }); // 5 would be bin edges
      f.close();
      await assert.rejects(readNxstxm(p), { message: "sizes.h5: /entry1/counter0/sample_x: expected 4 values of positions (one per index of the dimension it spans; data shape [2, 3, 4]), got shape [6]" });
    } finally {
      cleanup();
    }
  });

  it("refuses an unknown option and an absurd claimed size", async () => {
    await assert.rejects(readNxstxm("x.h5", { region: 0 } as never), {
      message: 'readNxstxm: unknown option "region"; expected one of: name, rejectNonFinite, maxValues, select',
    });
    const bytes = await encodeNxstxm(tinyStack());
    await assert.rejects(parseNxstxm(bytes, { name: "big.h5", maxValues: 10 }), {
      message: "big.h5: /entry1/PMT/data: claims 2 × 3 × 4 = 24 values; refusing to allocate more than 10 values (raise the maxValues option, or read part of it with the select option)",
    });
  });
});

describe("NXstxm slots (hand-checked)", () => {
  it("toEYX puts a [x=3, e=2] array in [e, y, x] order", () => {
    // src[x][e] = 10x + e  →  out[e][x]
    const src = Float64Array.from([0, 1, 10, 11, 20, 21]);
    assert.deepEqual(Array.from(toEYX(src, [3, 2], 1, -1, 0)), [0, 10, 20, 1, 11, 21]);
    assert.deepEqual(Array.from(toEYX(Float64Array.from([7]), [], -1, -1, -1)), [7]);
  });

  it("scanSlots: energy by name or units, x/y by name, kinds by rank and axes", () => {
    const pick = (d: string[], u: string[], st = ""): unknown => {
      const s = scanSlots(d, u, st, "f.h5", "/g");
      return [s.eDim, s.yDim, s.xDim, s.kind, s.scanType];
    };
    assert.deepEqual(pick(["sample_x", "energy", "sample_y"], ["", "", ""]), [1, 2, 0, "stack", "stack"]);
    assert.deepEqual(pick(["mono", "a", "b"], ["keV", "", ""]), [0, 1, 2, "stack", "stack"]);
    assert.deepEqual(pick(["time", "sample_y", "sample_x"], ["s", "", ""]), [0, 1, 2, "frames", "stack"]);
    assert.deepEqual(pick(["zone_plate", "line_position"], ["", ""], "sample focus"), [-1, 0, 1, "focus", "image"]);
    assert.deepEqual(pick(["theta", "sample_x"], ["deg", ""]), [-1, 0, 1, "sinogram", "image"]);
    assert.deepEqual(pick(["line_position", "photon_energy"], ["", ""]), [1, -1, 0, "line", "line"]);
    assert.deepEqual(pick(["sample_x"], [""]), [-1, -1, 0, "profile", "image"]);
    assert.deepEqual(pick([], []), [-1, -1, -1, "point", "point"]);
    assert.throws(() => scanSlots(["energy", "photon_energy"], ["", ""], "", "f.h5", "/g"), {
      message: "f.h5: /g: expected at most one energy axis, got energy (dimension 0), photon_energy (dimension 1)",
    });
  });
});
