// NXstxm layouts real beamlines write, and faulty files, made by python/make_nexus_layouts.py
// with h5py; the good ones compared value by value with h5py's reading in
// test/fixtures/io/nexus_layouts.json, the faulty ones must give a StxmFileError naming the
// dataset and the fault (never values).
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import fs, { mkdirSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { StxmFileError } from "../../src/io/errors";
import { parseNxstxm, readNxstxm, type SlotAxis } from "../../src/io/nxstxm";
import { encodeNxstxm } from "../../src/io/nxstxmWriter";
import { readStxm } from "../../src/io/readStack";
import { monitorOf } from "../../src/io/scan";
import type { Stack } from "../../src/types/stack";
import ref from "../fixtures/io/nexus_layouts.json";
import { assertSameStack } from "./helpers";
import { makeLayoutFiles } from "./nexusLayoutFiles";

interface RefLayout {
  shape: number[];
  data: number[];
  energies: number[];
  y: number[];
  x: number[];
  dwell: number[];
  kind: string;
  axes: string[];
}
const REF = ref as unknown as Record<string, RefLayout>;

/** Values written to fd 2 (where HDF5 prints its error stack) while `fn` runs. */
async function stderrDuring<T>(fn: () => Promise<T>): Promise<{ out: string; result?: T; error?: unknown }> {
  const original = fs.writeSync;
  const parts: string[] = [];
  (fs as { writeSync: unknown }).writeSync = (fd: number, b: unknown, ...rest: unknown[]): number => {
    if (fd === 2) {
      parts.push(typeof b === "string" ? b : Buffer.from(b as Uint8Array).toString());
      return typeof b === "string" ? b.length : (b as Uint8Array).byteLength;
    }
    return (original as (...a: unknown[]) => number)(fd, b, ...rest);
  };
  try {
    return { out: parts.join(""), result: await fn() };
  } catch (error) {
    return { out: parts.join(""), error };
  } finally {
    (fs as { writeSync: unknown }).writeSync = original;
  }
}

function part(s: Stack, e: [number, number], y: [number, number], x: [number, number]): number[] {
  const out: number[] = [];
  for (let i = e[0]; i < e[1]; i++) for (let j = y[0]; j < y[1]; j++) for (let k = x[0]; k < x[1]; k++) out.push(s.data[(i * s.ny + j) * s.nx + k]);
  return out;
}

describe("NeXus layouts (python/make_nexus_layouts.py, h5py reference)", function () {
  let dir = "";
  let cleanup = (): void => undefined;
  before(function () {
    const t = makeLayoutFiles();
    if (!t) this.skip();
    else ({ dir, cleanup } = t);
  });
  after(() => cleanup());

  const expectedWarnings: Record<string, RegExp[]> = {
    "i08_axis_attrs.nxs": [/^\/entry1\/Counter1: fields mono_readback, photon_energy all have @axis=1; used photon_energy \(@primary=1\)$/],
    "no_nx_class.h5": [/^\/entry1: no NXentry with definition "NXstxm"; read as NXstxm by its conventional names \(Counter0\/data, energy\)$/, /dimensions of data \[3, 4, 5\] taken by conventional names \[energy, sample_y, sample_x\]$/],
    "no_attrs_xy.h5": [
      /^\/entry1: no NXentry with definition "NXstxm"; read as NXstxm by its conventional names \(Counter0\/data, energy\)$/,
      /dimensions of data \[3, 5, 4\] taken by conventional names \[energy, sample_x, sample_y\] \(the lengths of sample_x and sample_y say the last two dimensions are x, y rather than NXstxm's y, x\)$/,
    ],
    "no_attrs_square.h5": [
      /^\/entry1: no NXentry with definition "NXstxm"; read as NXstxm by its conventional names \(Counter0\/data, energy\)$/,
      /dimensions of data \[3, 4, 4\] taken by conventional names \[energy, sample_y, sample_x\] \(sample_x and sample_y have the same length, so the file cannot tell whether the image is stored y, x as NXstxm says or x, y; NXstxm's order was taken\)$/,
    ],
    "classless_channel.h5": [/^\/entry1\/counter0: no NX_class "NXdata"; read as a detector channel by its conventional names \(data, energy\)$/],
    "mono_disagrees.h5": [/^\/entry1\/instrument\/monochromator\/energy disagrees with \/entry1\/counter0\/energy by up to 0\.5 eV; used \/entry1\/counter0\/energy$/],
    "image_many_energies.h5": [/^\/entry1\/counter0\/energy: 3 photon energies, not all equal, but no dimension of data \[4, 5\] is an energy axis; used the first, 280 eV, for the whole scan$/],
    "bin_edges.h5": [/^\/entry1\/counter0\/sample_x: 6 values for 5 points \(bin edges\); used the bin centres$/],
    "aborted.h5": [/^\/entry1\/counter0\/data: energy frames 2, 3 of 4 are all 0, HDF5's fill value for chunks never written/],
  };

  for (const name of Object.keys(REF).filter((k) => !k.startsWith("_"))) {
    it(`${name}: ${REF[name].kind}, axes [${REF[name].axes.map((a) => a || "–").join(", ")}], value by value as h5py reads it`, async () => {
      const r = REF[name];
      const scan = await readNxstxm(join(dir, name));
      assert.equal(scan.stacks.length, 1);
      const s = scan.stacks[0];
      assert.deepEqual([s.nE, s.ny, s.nx], r.shape);
      assert.deepEqual(Array.from(s.data), r.data);
      assert.deepEqual(Array.from(s.energies), r.energies);
      assert.deepEqual(Array.from(s.y), r.y);
      assert.deepEqual(Array.from(s.x), r.x);
      assert.deepEqual(Array.from(s.dwell), r.dwell);
      assert.equal(s.metadata.kind, r.kind);
      const axes = s.metadata.axes as Record<"e" | "y" | "x", SlotAxis>;
      assert.deepEqual([axes.e.name, axes.y.name, axes.x.name], r.axes);
      const want = expectedWarnings[name] ?? [];
      assert.equal(scan.warnings.length, want.length, scan.warnings.join("\n"));
      want.forEach((re, i) => assert.match(scan.warnings[i], re));
    });
  }

  it("scan types: focus, sinogram and 1-D images are 'image'; frames without an energy axis are 'stack' with the one photon energy repeated", async () => {
    const types = await Promise.all(["pollux_focus.hdf5", "sinogram.h5", "frames.h5", "line_transposed.h5", "point.h5", "rank0.h5"].map(async (f) => (await readNxstxm(join(dir, f))).stacks[0].scanType));
    assert.deepEqual(types, ["image", "image", "stack", "line", "point", "point"]);
    const foc = (await readNxstxm(join(dir, "pollux_focus.hdf5"))).stacks[0];
    // y spans the zone plate the scan varied, not the constant sample_y.
    assert.deepEqual(Array.from(foc.y), [-5620, -5615, -5610, -5605]);
    assert.equal((foc.metadata.axes as Record<string, SlotAxis>).y.units, "um");
    // Without NeXus attributes, a group named control holding data is the monitor.
    const plain = (await readNxstxm(join(dir, "no_nx_class.h5"))).stacks[0];
    assert.equal(monitorOf(plain)?.data[1], 400 - 1.25 / 1e6);
    const frames = (await readNxstxm(join(dir, "frames.h5"))).stacks[0];
    assert.deepEqual(Array.from((frames.metadata.axes as Record<string, SlotAxis>).e.values ?? []), [0, 1, 2]);
    assert.equal((frames.metadata.axes as Record<string, SlotAxis>).e.units, "s");
    const line = (await readNxstxm(join(dir, "line_transposed.h5"))).stacks[0];
    assert.deepEqual(Array.from(line.metadata.lineSampleX as Float64Array), [-2, -1.75, -1.5, -1.25, -1]);
  });

  it("every layout written back by writeNxstxm reads the same: values, axes with their names and units, kind", async () => {
    for (const name of Object.keys(REF).filter((k) => !k.startsWith("_"))) {
      const a = (await readNxstxm(join(dir, name))).stacks[0];
      const b = (await parseNxstxm(await encodeNxstxm(a), { name: "back.h5" })).stacks[0];
      assertSameStack(b, a);
      assert.equal(b.metadata.kind, a.metadata.kind, name);
      const [ax, bx] = [a.metadata.axes, b.metadata.axes] as Record<"e" | "y" | "x", SlotAxis>[];
      for (const k of ["e", "y", "x"] as const) {
        assert.equal(bx[k].name, ax[k].name || bx[k].name, `${name} ${k} name`);
        if (ax[k].units) assert.equal(bx[k].units, ax[k].units, `${name} ${k} units`); // else the writer adds eV / µm
        assert.deepEqual(Array.from(bx[k].values ?? []), Array.from(ax[k].values ?? []), `${name} ${k} values`);
      }
    }
  });

  const faults: [string, string][] = [
    ["bad_data_strings.h5", "/entry1/counter0/data: expected detector values: numbers (integers or floats), got a fixed-length string (3 bytes)"],
    ["bad_data_vlen_strings.h5", "/entry1/counter0/data: expected detector values: numbers (integers or floats), got a variable-length string"],
    ["bad_data_complex.h5", "/entry1/counter0/data: expected detector values: numbers (integers or floats), got complex numbers (a compound of r, i)"],
    ["bad_data_compound.h5", "/entry1/counter0/data: expected detector values: numbers (integers or floats), got a compound type (members counts, flag)"],
    ["bad_data_opaque.h5", "/entry1/counter0/data: expected detector values: numbers (integers or floats), got an opaque type (8 bytes)"],
    ["bad_energy_strings.h5", "/entry1/counter0/energy: expected photon energies (eV): numbers (integers or floats), got a fixed-length string (3 bytes)"],
    ["bad_energy_nan.h5", "/entry1/counter0/energy: expected finite photon energies (eV), got NaN at index 1"],
    ["bad_sample_x_strings.h5", "/entry1/counter0/sample_x: expected positions: numbers (integers or floats), got a fixed-length string (1 bytes)"],
    ["bad_sample_x_inf.h5", "/entry1/counter0/sample_x: expected finite positions, got Infinity at index 2"],
    ["bad_count_time_strings.h5", "/entry1/counter0/count_time: expected count times (s): numbers (integers or floats), got a fixed-length string (3 bytes)"],
    ["bad_count_time_negative.h5", "/entry1/counter0/count_time: expected non-negative count times (s), got -0.002 at index 1"],
    ["bad_lzf.h5", "/entry1/counter0/data: is compressed with lzf (filter id 32000), which this HDF5 build (h5wasm) cannot decode; expected gzip/deflate, szip or no compression (re-save the file, e.g. with h5repack -f GZIP=4)"],
    ["bad_gzip_chunk.h5", '/entry1/counter0/data: could not be read: the HDF5 library reported "filter returned failure during read" (damaged file?)'],
    ["bad_fletcher32.h5", '/entry1/counter0/data: could not be read: the HDF5 library reported "filter returned failure during read" (damaged file?)'],
    [
      "bad_huge_unwritten.h5",
      "/entry1/counter0/data: declares shape [2, 10000, 10000] of float64 = 1600000000 bytes, more than the 172288-byte file can hold; expected data that was written (its chunks were never written: read the written part with the select option)",
    ],
    ["bad_external_link.h5", "/entry1/counter0/data: is an external link to other_file.h5:/d; expected data stored in this file (external links are not followed)"],
    ["bad_axes_conflict.h5", '/entry1/counter0@axes: names "energy" for dimension 0, but @energy_indices says [1]; expected the two to agree (which one is right cannot be known)'],
  ];
  for (const [file, msg] of faults) {
    it(`refuses ${file} naming the dataset and the fault, with nothing printed on stderr`, async () => {
      const got = await stderrDuring(() => readNxstxm(join(dir, file)));
      assert.ok(got.error instanceof StxmFileError, `expected a StxmFileError, got ${String(got.error ?? "data")}`);
      assert.equal(got.error.message, `${file}: ${msg}`);
      assert.equal(got.out, "", "HDF5's error stack is captured into the error, not printed");
    });
  }

  it("refuses a FIFO, a character device and a directory behind an HDF5 name, without opening them", async function () {
    const sub = join(dir, "special");
    mkdirSync(sub, { recursive: true });
    try {
      execFileSync("mkfifo", [join(sub, "pipe.h5")]);
    } catch {
      this.skip();
    }
    symlinkSync("/dev/zero", join(sub, "zero.h5"));
    await assert.rejects(readNxstxm(join(sub, "pipe.h5")), { name: "StxmFileError", message: `${join(sub, "pipe.h5").replace(/^.*\//, "")}: file: is a named pipe (FIFO); expected a regular file` });
    await assert.rejects(readNxstxm(join(sub, "zero.h5")), { name: "StxmFileError", message: "zero.h5: file: is a character device; expected a regular file" });
    await assert.rejects(readStxm(join(sub, "zero.h5")), { name: "StxmFileError" });
    await assert.rejects(readNxstxm(sub), { name: "StxmFileError", message: "special: file: is a directory; expected a file (pass one of the files inside it)" });
  });

  describe("reading part of a stack (select)", () => {
    it("an energy range, a region of interest and bands of rows equal the same part of the full read (data, axes, dwell, monitor)", async () => {
      const p = join(dir, "big_gzip.h5");
      const full = (await readNxstxm(p)).stacks[0];
      assert.deepEqual([full.nE, full.ny, full.nx], [6, 40, 30]);
      const roi = (await readNxstxm(p, { select: { energyIndices: [1, 4], rows: [5, 27], columns: [3, 20] } })).stacks[0];
      assert.deepEqual([roi.nE, roi.ny, roi.nx], [3, 22, 17]);
      assert.deepEqual(Array.from(roi.data), part(full, [1, 4], [5, 27], [3, 20]));
      assert.deepEqual(Array.from(roi.energies), Array.from(full.energies.slice(1, 4)));
      assert.deepEqual(Array.from(roi.y), Array.from(full.y.slice(5, 27)));
      assert.deepEqual(Array.from(roi.x), Array.from(full.x.slice(3, 20)));
      assert.deepEqual(Array.from(roi.dwell), Array.from(full.dwell.slice(1, 4)));
      assert.deepEqual(Array.from(monitorOf(roi)?.data ?? []), part({ ...full, data: monitorOf(full)?.data ?? new Float64Array(0) }, [1, 4], [5, 27], [3, 20]));
      assert.deepEqual(roi.metadata.selection, { energyIndices: [1, 4], rows: [5, 27], columns: [3, 20] });

      const byEv = (await readNxstxm(p, { select: { energyRange: [700.4, 701.6] } })).stacks[0];
      assert.deepEqual(Array.from(byEv.energies), [700.5, 701, 701.5]);
      assert.deepEqual(Array.from(byEv.data), part(full, [1, 4], [0, 40], [0, 30]));

      // Bands of 16 rows (the last one 8), put back together, give the full stack.
      const joined = new Float64Array(full.data.length);
      for (let y0 = 0; y0 < 40; y0 += 16) {
        const y1 = Math.min(40, y0 + 16);
        const band = (await readNxstxm(p, { select: { rows: [y0, y1] } })).stacks[0];
        assert.deepEqual(Array.from(band.y), Array.from(full.y.slice(y0, y1)));
        for (let e = 0; e < 6; e++) joined.set(band.data.subarray(e * (y1 - y0) * 30, (e + 1) * (y1 - y0) * 30), (e * 40 + y0) * 30);
      }
      assert.deepEqual(Array.from(joined), Array.from(full.data));
    });

    it("a stack stored x, y without NeXus attributes: a region of interest equals the same part of the full read", async () => {
      const p = join(dir, "no_attrs_xy.h5");
      const full = (await readNxstxm(p)).stacks[0];
      const roi = (await readNxstxm(p, { select: { energyIndices: [1, 3], rows: [1, 3], columns: [2, 5] } })).stacks[0];
      assert.deepEqual([roi.nE, roi.ny, roi.nx], [2, 2, 3]);
      assert.deepEqual(Array.from(roi.data), part(full, [1, 3], [1, 3], [2, 5]));
      assert.deepEqual(Array.from(roi.y), Array.from(full.y.slice(1, 3)));
      assert.deepEqual(Array.from(roi.x), Array.from(full.x.slice(2, 5)));
      // planted data[e, y, x] = 10000 e + 100 y + x + 0.25, whatever the order on disk
      assert.equal(roi.data[0], 10000 + 100 + 2 + 0.25);
    });

    it("an aborted pyStxm stack (unmeasured energies NaN): a warning naming the frames and the select that reads the measured ones, which equal the planted values", async () => {
      const p = join(dir, "pystxm_aborted.hdf5");
      const scan = await readNxstxm(p);
      assert.deepEqual(scan.warnings, [
        "/entry0/counter0/data: energy frames 2, 3 of 4 are all NaN: not measured (an aborted scan? pyStxm fills a stack with NaN before measuring it) (kept; metadata.nonFiniteCount); select: { energyIndices: [0, 2] } reads the measured ones alone",
      ]);
      assert.equal(scan.stacks[0].metadata.nonFiniteCount, 40);
      const measured = await readNxstxm(p, { select: { energyIndices: [0, 2] } });
      assert.deepEqual(measured.warnings, []);
      const s = measured.stacks[0];
      assert.deepEqual([s.nE, s.ny, s.nx], [2, 4, 5]);
      for (let e = 0; e < 2; e++) for (let y = 0; y < 4; y++) for (let x = 0; x < 5; x++) assert.equal(s.data[(e * 4 + y) * 5 + x], 10000 * e + 100 * y + x + 0.25);
      assert.deepEqual(Array.from(s.energies), [280, 285.25]);
      // a selection names the frames by their index in the whole stack
      const mid = (await readNxstxm(p, { select: { energyIndices: [1, 3], rows: [0, 2] } })).warnings;
      assert.deepEqual(mid, ["/entry0/counter0/data: energy frame 2 of 4 is all NaN: not measured (an aborted scan? pyStxm fills a stack with NaN before measuring it) (kept; metadata.nonFiniteCount); select: { energyIndices: [1, 2] } reads the measured ones alone"]);
    });

    it("an aborted pystxmcontrol stack (.stxm, unmeasured energies written as 0): a warning naming the frames; the measured ones equal the planted values", async () => {
      const p = join(dir, "pystxmcontrol_aborted.stxm");
      const scan = await readStxm(p);
      assert.deepEqual(scan.warnings, [
        "/entry0/default/data: energy frames 2, 3 of 4 are all 0: probably not measured (an aborted scan? some writers, pystxmcontrol among them, write the stack as zeros before measuring it); select: { energyIndices: [0, 2] } reads the measured ones alone",
      ]);
      const s = (await readNxstxm(p, { select: { energyIndices: [0, 2] } })).stacks[0];
      for (let e = 0; e < 2; e++) for (let y = 0; y < 4; y++) for (let x = 0; x < 5; x++) assert.equal(s.data[(e * 4 + y) * 5 + x], 10000 * e + 100 * y + x + 0.25);
      assert.deepEqual(Array.from(s.dwell), [2, 2]);
    });

    it("reads the written energies of an aborted stack without warnings", async () => {
      const s = await readNxstxm(join(dir, "aborted.h5"), { select: { energyIndices: [0, 2] } });
      assert.deepEqual(s.warnings, []);
      assert.equal(s.stacks[0].data[0], 0.25);
      assert.equal(s.stacks[0].data[s.stacks[0].data.length - 1], 10000 + 300 + 4 + 0.25);
    });

    it("reads a small part of a huge dataset whose chunks were never written (fill values, with a warning), while the whole is refused", async () => {
      const p = join(dir, "bad_huge_unwritten.h5");
      const scan = await readNxstxm(p, { select: { rows: [0, 2], columns: [100, 150] } });
      const s = scan.stacks[0];
      assert.deepEqual([s.nE, s.ny, s.nx], [2, 2, 50]);
      assert.ok(s.data.every((v) => v === 0));
      assert.deepEqual(Array.from(s.x.subarray(0, 2)), [100, 101]);
      assert.deepEqual(scan.warnings, ["/entry1/counter0/data: all 200 values read are 0, HDF5's fill value for chunks never written: probably not measured"]);
      await assert.rejects(readNxstxm(p, { select: { rows: [0, 100] } }), {
        message:
          "bad_huge_unwritten.h5: /entry1/counter0/data: declares the selected part [2, 100, 10000] of shape [2, 10000, 10000] of float64 = 16000000 bytes, more than the 172288-byte file can hold; expected data that was written (its chunks were never written: read the written part with the select option)",
      });
    });

    it("refuses ranges outside the stack, naming the option and the shape", async () => {
      const p = join(dir, "big_gzip.h5");
      await assert.rejects(readNxstxm(p, { select: { rows: [10, 80] } }), {
        name: "RangeError",
        message: `readNxstxm: option select.rows: expected [start, end) with 0 ≤ start < end ≤ 40 (${p}: /entry1/counter0, slots [6, 40, 30]), got [10,80]`,
      });
      await assert.rejects(readNxstxm(p, { select: { energyRange: [100, 200] } }), { message: "readNxstxm: option select.energyRange: no energy of /entry1/counter0 lies in [100, 200] eV (energies 700…702.5 eV)" });
      await assert.rejects(readNxstxm(p, { select: { energyIndices: [0, 1], energyRange: [700, 701] } }), { message: "readNxstxm: option select: give either energyRange (eV) or energyIndices, not both" });
      await assert.rejects(readNxstxm(p, { select: { y: [0, 1] } as never }), { message: 'readNxstxm select: unknown option "y"; expected one of: energyRange, energyIndices, rows, columns' });
    });
  });
});
