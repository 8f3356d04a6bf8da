/**
 * The two preprocessing steps that mostly write new memory — the pixel table (`toPixelTable`
 * over 520–535 eV) and the noise filter (`noiseFilter`, fraction 0.1) — on a normalised stack of
 * 1000 × 1000 pixels × 100 energies, edgeworks against the same steps in numpy
 * (`bench/memory_ref.py`, as `bench/stack_ref.py` does them) on the same data, each side timed at
 * two memory temperatures: "cold", the first run after an idle pause, and "warm", the best of three
 * runs right after one (each run's result dropped before the next).
 *
 *   npx tsx bench/memoryTemperature.bench.ts [--pause 8]
 *
 * Why: the table (≈ 470 MB here) and the kept rows (≈ 420 MB) are new arrays, and filling them is
 * mostly first-touch page faults. On the development VMs memory that was freed more than a few
 * seconds ago has been reported free to the host (virtio-balloon free page reporting) and faults in
 * the host again, at several times the cost. In `bench/stack.bench.ts` numpy's table and noise
 * steps land on memory its own intermediates freed milliseconds before (it holds ≈ 1.6 GB more
 * of them at that point); edgeworks, which makes no such intermediates (the OD buffer is shifted and
 * normalised in place), meets fresh memory, and the arrays it drops are freed only at V8's next
 * collection. This bench compares the two at the same temperature. Both sides must keep the same
 * number of rows.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { noiseFilter, toPixelTable } from "../src/stack";
import type { PixelTable } from "../src/types/pixel-table";
import type { Stack } from "../src/types/stack";
import { makeStack } from "../src/types/stack";
import { reexecWithHugePages } from "./_hugePages";
import { sleepSeconds } from "./_sleep";

const ROOT = resolve(__dirname, "..");
const PY = join(ROOT, ".venv", "bin", "python");

/**
 * A normalised-looking stack `[100, 1000, 1000]` (Float64): 80 energies over 520–535 eV, 20 up to
 * 560 eV (the grid of stack.bench's large case), smooth spectra with a per-pixel noise level, and
 * the pixels of a 100-column strip NaN (as the rim that alignment leaves), so the table drops rows.
 */
function normalisedStack(): Stack {
  const ny = 1000, nx = 1000, nE = 100, n = ny * nx;
  const energies = Float64Array.from({ length: nE }, (_, i) => (i < 80 ? 520 + (15 * i) / 79 : 535 + ((i - 79) * 25) / 20));
  const data = new Float64Array(nE * n);
  for (let e = 0; e < nE; e++) {
    const base = 0.2 + 0.8 * Math.exp(-0.5 * ((energies[e] - 530) / 1.5) ** 2);
    const off = e * n;
    for (let p = 0; p < n; p++) {
      const amp = 0.01 + 0.04 * (((p * 2654435761) >>> 0) % 1000) / 1000;
      data[off + p] = p % nx >= 900 ? NaN : base + amp * Math.sin(0.7 * e + p);
    }
  }
  const x = Float64Array.from({ length: nx }, (_, i) => 0.05 * i);
  const y = Float64Array.from({ length: ny }, (_, i) => 0.05 * i);
  return makeStack({ data, nE, ny, nx, energies, x, y, quantity: "od", source: "bench" });
}

interface Side {
  table: { cold: number; warm: number };
  noise: { cold: number; warm: number };
  rows: number;
  /** the table's columns (energies in 520–535 eV); edgeworks' side only */
  cols?: number;
  kept: number;
}

function runEdgeworks(stack: Stack, pause: number): Side {
  const range: [number, number] = [520, 535];
  const noiseOpts = { range: [520, 526] as [number, number], fraction: 0.1 };
  sleepSeconds(pause);
  let t0 = performance.now();
  let table: PixelTable | null = toPixelTable([{ stack }], { energyRange: range }).table;
  const tableCold = (performance.now() - t0) / 1000;
  sleepSeconds(pause);
  t0 = performance.now();
  let kept: PixelTable | null = noiseFilter(table, noiseOpts).table;
  const noiseCold = (performance.now() - t0) / 1000;
  const rows = table.nPixels;
  const cols = table.nE;
  const nKept = kept.nPixels;
  kept = null;
  let noiseWarm = Infinity;
  for (let k = 0; k < 3; k++) {
    t0 = performance.now();
    kept = noiseFilter(table, noiseOpts).table;
    noiseWarm = Math.min(noiseWarm, (performance.now() - t0) / 1000);
    kept = null;
  }
  table = null;
  let tableWarm = Infinity;
  for (let k = 0; k < 3; k++) {
    t0 = performance.now();
    table = toPixelTable([{ stack }], { energyRange: range }).table;
    tableWarm = Math.min(tableWarm, (performance.now() - t0) / 1000);
    table = null;
  }
  return { table: { cold: tableCold, warm: tableWarm }, noise: { cold: noiseCold, warm: noiseWarm }, rows, cols, kept: nKept };
}

function main(): void {
  const pi = process.argv.indexOf("--pause");
  const pause = pi > 0 ? Number(process.argv[pi + 1]) : 8;
  const stack = normalisedStack();
  const dir = mkdtempSync(join(tmpdir(), "edgeworks-memory-bench-"));
  try {
    const path = join(dir, "stack.bin");
    const d = stack.data as Float64Array;
    writeFileSync(path, new Uint8Array(d.buffer, d.byteOffset, d.byteLength));
    const ew = runEdgeworks(stack, pause);
    const args = [join(ROOT, "bench", "memory_ref.py"), path, String(stack.nE), String(stack.ny), String(stack.nx), JSON.stringify(Array.from(stack.energies)), String(pause)];
    const r = spawnSync(PY, args, { encoding: "utf8", maxBuffer: 1 << 24 });
    if (r.status !== 0) throw new Error(`memory_ref.py failed: ${r.stderr}`);
    const np = JSON.parse(r.stdout.trim().split("\n").pop() as string) as Side;
    if (np.rows !== ew.rows || np.kept !== ew.kept) throw new Error(`the two sides differ: table rows ${ew.rows} vs numpy ${np.rows}, kept ${ew.kept} vs ${np.kept}`);
    console.log(`table over 520–535 eV of ${stack.ny * stack.nx} pixels × ${stack.nE} energies (${ew.rows} rows × ${ew.cols}), then the noise filter (${ew.kept} kept);`);
    console.log(`"cold": the first run after a ${pause} s pause; "warm": best of 3 right after a run`);
    console.log("step     memory   edgeworks (s)   numpy (s)   ratio");
    for (const step of ["table", "noise"] as const) {
      for (const k of ["cold", "warm"] as const) {
        const e = ew[step][k];
        const p = np[step][k];
        console.log(`${step.padEnd(8)} ${k.padEnd(6)} ${e.toFixed(3).padStart(15)} ${p.toFixed(3).padStart(11)} ${(e / p).toFixed(2).padStart(7)}`);
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

reexecWithHugePages();
main();
