/**
 * The noise filter on 1,000,000 rows × 80 energies, edgeworks (`noiseFilter`, fraction 0.1) and
 * numpy (`bench/noise_ref.py`: std over the background columns, sort, `table[keep]`) on the same
 * table, each timed twice: "cold", the first run after an idle pause, and "warm", the best of three
 * runs right after one (memory freed seconds before is reused).
 *
 *   npx tsx bench/noiseMemory.bench.ts [--pause 8]
 *
 * Why: most of the step is the copy of the kept rows into a new 576 MB array, i.e. first-touch
 * page faults. On the development VM memory that was freed more than a few seconds ago has been
 * reported free to the host (virtio-balloon free page reporting) and faults in the host again, so
 * the same code takes about twice as long cold as warm. In `bench/stack.bench.ts`, numpy's noise
 * step runs on memory its table step has just freed (its temporaries), edgeworks' (which makes no
 * such temporaries) on cold memory; this bench compares the two at the same temperature.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { noiseFilter } from "../src/stack";
import { PIXEL_DIMS, type PixelTable } from "../src/types/pixel-table";
import { reexecWithHugePages } from "./_hugePages";

const ROOT = resolve(__dirname, "..");
const PY = join(ROOT, ".venv", "bin", "python");

function pauseMs(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function main(): void {
  const pi = process.argv.indexOf("--pause");
  const pause = pi > 0 ? Number(process.argv[pi + 1]) : 8;
  const n = 1_000_000;
  const nE = 80;
  const bg = 22; // the O K background columns 520–526 eV of a 520–535 eV grid of 80
  const energies = Float64Array.from({ length: nE }, (_, i) => 520 + (15 * i) / (nE - 1));
  const data = new Float64Array(n * nE);
  for (let r = 0; r < n; r++) {
    const amp = 0.02 + 0.05 * ((r * 2654435761) % 1000) / 1000;
    for (let j = 0; j < nE; j++) data[r * nE + j] = Math.sin(0.3 * j + r) * amp + j / nE;
  }
  const table: PixelTable = {
    data, nPixels: n, nE, nRows: n, nCols: nE, dims: PIXEL_DIMS, energies, sample: new Int32Array(n), x: new Int32Array(n), y: new Int32Array(n),
    brightness: new Float64Array(n), samples: [{ name: "bench", ny: 1000, nx: 1000 }],
  };
  const dir = mkdtempSync(join(tmpdir(), "edgeworks-noise-bench-"));
  try {
    const path = join(dir, "table.bin");
    writeFileSync(path, new Uint8Array(data.buffer));
    const range: [number, number] = [520, energies[bg - 1]];
    pauseMs(pause * 1000);
    let t0 = performance.now();
    let kept: PixelTable | null = noiseFilter(table, { range, fraction: 0.1 }).table;
    const cold = (performance.now() - t0) / 1000;
    const rows = kept.nPixels;
    kept = null;
    let warm = Infinity;
    for (let k = 0; k < 3; k++) {
      t0 = performance.now();
      kept = noiseFilter(table, { range, fraction: 0.1 }).table;
      warm = Math.min(warm, (performance.now() - t0) / 1000);
      kept = null;
    }
    const r = spawnSync(PY, [join(ROOT, "bench", "noise_ref.py"), path, String(n), String(nE), String(bg), String(pause)], { encoding: "utf8" });
    if (r.status !== 0) throw new Error(`noise_ref.py failed: ${r.stderr}`);
    const np = JSON.parse(r.stdout.trim().split("\n").pop() as string) as { cold: number; warm: number };
    console.log(`noise filter, ${n} rows × ${nE} energies (${rows} kept), after a ${pause} s pause ("cold") and right after a run ("warm", best of 3)`);
    console.log("           edgeworks (s)   numpy (s)   ratio");
    for (const k of ["cold", "warm"] as const) {
      const e = k === "cold" ? cold : warm;
      console.log(`${k.padEnd(10)} ${e.toFixed(3).padStart(14)} ${np[k].toFixed(3).padStart(11)} ${(e / np[k]).toFixed(2).padStart(7)}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

reexecWithHugePages();
main();
