// Seeded fuzzing of the NXstxm reader: byte flips inside data chunks and anywhere else in the
// file (headers, indexes, heaps), truncations, attributes edited to invalid values, and signals
// or axes pointed at datasets of the wrong type. For every case the reader must either throw a
// StxmFileError or return exactly what it returns for the clean file: never another error,
// never different values.
//
// The base file (python/make_nexus_layouts.py, fuzz_base.h5) is written the way a careful
// beamline would write it: checksummed metadata (libver "latest"), gzip + fletcher32 chunks,
// fixed-length attributes; so every flipped byte that matters is detectable. (A flip inside an
// uncompressed, unchecksummed dataset cannot be detected by any reader: it is just another value.)
import { createRng } from "../../src/linalg/createRng";
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { StxmFileError } from "../../src/io/errors";
import { loadH5wasm } from "../../src/io/h5wasmLoader";
import { readNxstxm } from "../../src/io/nxstxm";
import type { StxmScan } from "../../src/io/scan";
import { makeLayoutFiles } from "./nexusLayoutFiles";

/** The library's seeded generator (mulberry32), uniform in [0, 1). */
function rng(seed: number): () => number {
  const r = createRng(seed);
  return () => r.uniform();
}

/** What must be identical to the clean reading (x and y may be counted 0, 1, 2, … with a warning saying so). */
function essence(scan: StxmScan): Record<string, string> {
  const out: Record<string, string> = { stacks: String(scan.stacks.length) };
  scan.stacks.forEach((s, i) => {
    out[`${i}.shape`] = `${s.nE} ${s.ny} ${s.nx}`;
    out[`${i}.data`] = Array.from(s.data).join(" ");
    out[`${i}.energies`] = Array.from(s.energies).join(" ");
    out[`${i}.x`] = Array.from(s.x).join(" ");
    out[`${i}.y`] = Array.from(s.y).join(" ");
    out[`${i}.dwell`] = Array.from(s.dwell).join(" ");
    const mons = (s.metadata.monitors ?? {}) as Record<string, { data: Float64Array }>;
    out[`${i}.monitors`] = Object.entries(mons).map(([k, m]) => `${k}: ${Array.from(m.data).join(" ")}`).join("; ");
  });
  return out;
}

/** Fields that differ from the clean reading and are not explained by a warning. */
function unexplained(got: Record<string, string>, want: Record<string, string>, warnings: readonly string[]): string[] {
  const counted = warnings.some((w) => / counted 0, 1, 2, …$/.test(w));
  return Object.keys({ ...want, ...got }).filter((k) => got[k] !== want[k] && !(counted && /\.(x|y)$/.test(k)));
}

type H5 = Awaited<ReturnType<typeof loadH5wasm>>;
type Attrs = { create_attribute(n: string, d: unknown, shape?: number[] | null, dtype?: string | null): void; delete_attribute(n: string): number; attrs: Record<string, unknown> };

describe("HDF5 fuzzing (seeded): a StxmFileError or the clean file's exact values", function () {
  this.timeout(120000);
  let dir = "";
  let cleanup = (): void => undefined;
  let base = new Uint8Array(0);
  let chunks: Record<string, [number, number][]> = {};
  let clean: Record<string, string> = {};
  const tally = { same: 0, error: 0 };

  before(async function () {
    const t = makeLayoutFiles();
    if (!t) return this.skip();
    ({ dir, cleanup } = t);
    base = readFileSync(join(dir, "fuzz_base.h5"));
    chunks = JSON.parse(readFileSync(join(dir, "fuzz_base.chunks.json"), "utf8")) as Record<string, [number, number][]>;
    const scan = await readNxstxm(join(dir, "fuzz_base.h5"));
    assert.deepEqual(scan.warnings, []);
    const s = scan.stacks[0];
    // The clean file holds the planted values: 10000 e + 100 y + x + 0.25.
    assert.deepEqual([s.nE, s.ny, s.nx], [4, 12, 10]);
    s.data.forEach((v, i) => assert.equal(v, 10000 * Math.floor(i / 120) + 100 * Math.floor((i % 120) / 10) + (i % 10) + 0.25));
    clean = essence(scan);
  });
  after(() => {
    cleanup();
    if (tally.same + tally.error > 0) console.log(`    (fuzz: ${tally.error} cases refused with a StxmFileError, ${tally.same} read the same values)`);
  });

  async function check(bytes: Uint8Array, label: string): Promise<void> {
    const p = join(dir, "case.h5");
    writeFileSync(p, bytes);
    await checkFile(p, label);
  }

  async function checkFile(p: string, label: string): Promise<void> {
    let scan: StxmScan;
    try {
      scan = await readNxstxm(p, { name: "case.h5" });
    } catch (e) {
      assert.ok(e instanceof StxmFileError, `${label}: expected a StxmFileError, got ${(e as Error)?.name}: ${(e as Error)?.message}`);
      assert.match(e.message, /^case\.h5: /, label);
      tally.error++;
      return;
    }
    const bad = unexplained(essence(scan), clean, scan.warnings);
    assert.deepEqual(bad, [], `${label}: read without error but ${bad.join(", ")} differ from the clean file (warnings: ${scan.warnings.join(" | ") || "none"})`);
    tally.same++;
  }

  it("flips one bit or byte inside every chunk of every dataset (200 cases)", async () => {
    const rand = rng(20261201);
    const all = Object.entries(chunks).flatMap(([ds, cs]) => cs.map(([off, size]) => ({ ds, off, size })));
    assert.ok(all.length >= 10);
    for (let i = 0; i < 200; i++) {
      const c = all[i % all.length];
      const at = c.off + Math.floor(rand() * c.size);
      const mask = rand() < 0.5 ? 1 << Math.floor(rand() * 8) : 0xff;
      const b = Uint8Array.from(base);
      b[at] ^= mask;
      await check(b, `chunk of ${c.ds}: byte ${at} ^= ${mask}`);
    }
  });

  it("flips bytes anywhere else in the file: superblock, object headers, chunk indexes (300 cases)", async () => {
    const rand = rng(7);
    const inChunk = (o: number): boolean => Object.values(chunks).some((cs) => cs.some(([off, size]) => o >= off && o < off + size));
    let n = 0;
    while (n < 300) {
      const at = Math.floor(rand() * base.length);
      if (inChunk(at)) continue;
      const mask = rand() < 0.7 ? 1 << Math.floor(rand() * 8) : 1 + Math.floor(rand() * 255);
      const b = Uint8Array.from(base);
      b[at] ^= mask;
      await check(b, `header byte ${at} ^= ${mask}`);
      n++;
    }
  });

  it("truncates the file at 60 lengths (and to nothing)", async () => {
    const rand = rng(11);
    for (let i = 0; i < 60; i++) {
      const len = Math.floor(rand() * base.length);
      await check(base.subarray(0, len), `truncated to ${len} bytes`);
    }
  });

  it("edits attributes to invalid values and points the signal / axes at datasets of the wrong type (120 cases)", async () => {
    const h5: H5 = await loadH5wasm();
    const rand = rng(5);
    const pick = <T>(a: readonly T[]): T => a[Math.floor(rand() * a.length)];
    const names = ["energy", "sample_y", "sample_x", "count_time", "nope", "data", "stxm_scan_type", "energy_text", "data_text", "data_int8"];
    const set = (o: Attrs, k: string, v: unknown): void => {
      if (k in o.attrs) o.delete_attribute(k);
      if (Array.isArray(v) && typeof v[0] === "string") o.create_attribute(k, v, [v.length], "S20");
      else if (typeof v === "number") o.create_attribute(k, Number.isInteger(v) ? new Int32Array([v]) : new Float64Array([v]));
      else if (Array.isArray(v)) o.create_attribute(k, Int32Array.from(v as number[]));
      else o.create_attribute(k, v as string);
    };
    const edits: ((g: Attrs, e: Attrs) => string)[] = [
      (g) => {
        const v = pick<unknown>(["", "nope", "stxm_scan_type", "energy_text", "data_text", 7, ["data", "data"]]);
        set(g, "signal", v);
        return `@signal = ${JSON.stringify(v)}`;
      },
      (g) => {
        const len = Math.floor(rand() * 5);
        const v = Array.from({ length: len }, () => pick(names));
        if (len === 0) set(g, "axes", 3);
        else set(g, "axes", v);
        return `@axes = ${JSON.stringify(len === 0 ? 3 : v)}`;
      },
      (g) => {
        const a = pick(["energy", "sample_y", "sample_x", "count_time", "nope"]);
        const v = pick<unknown>([-1, 3, 0.5, "a", [0, 1], [2, 0], 2, 1, 0]);
        set(g, `${a}_indices`, v);
        return `@${a}_indices = ${JSON.stringify(v)}`;
      },
      (g) => {
        const k = pick(["signal", "axes", "energy_indices", "sample_y_indices", "sample_x_indices"]);
        if (k in g.attrs) g.delete_attribute(k);
        return `delete @${k}`;
      },
      (g, e) => {
        const target = rand() < 0.5 ? g : e;
        const v = pick(["NXmonitor", "", "NXdata", "NXentry", "NXsubentry", "x"]);
        set(target, "NX_class", v);
        return `${target === g ? "counter0" : "entry1"}@NX_class = ${JSON.stringify(v)}`;
      },
    ];
    for (let i = 0; i < 120; i++) {
      const p = join(dir, "case.h5");
      writeFileSync(p, base);
      const f = new h5.File(p, "a");
      const done: string[] = [];
      try {
        const g = f.get("entry1/counter0") as unknown as Attrs & InstanceType<H5["Group"]>;
        const e = f.get("entry1") as unknown as Attrs;
        // Datasets of the wrong type for the edits to point at.
        g.create_dataset({ name: "energy_text", data: ["520", "525", "530", "540"], shape: [4], dtype: "S4" });
        g.create_dataset({ name: "data_text", data: Array.from({ length: 480 }, () => "x"), shape: [4, 12, 10], dtype: "S1" });
        g.create_dataset({ name: "data_int8", data: new Int8Array(480), shape: [4, 12, 10], dtype: "<b" });
        const k = 1 + Math.floor(rand() * 3);
        for (let j = 0; j < k; j++) done.push(pick(edits)(g, e));
      } finally {
        f.close();
      }
      await checkFile(p, done.join("; "));
    }
  });

  it("reads the clean file the same after all the damaged ones (the HDF5 library is left in a good state)", async () => {
    assert.deepEqual(essence(await readNxstxm(join(dir, "fuzz_base.h5"))), clean);
  });
});
