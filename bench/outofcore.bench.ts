/**
 * A stack larger than memory, preprocessed from its file in bands of rows:
 *
 *   npx tsx bench/outofcore.bench.ts                 (250 energies × 2048 × 2048 float32 = 4.2 GB NXstxm)
 *   npx tsx bench/outofcore.bench.ts --ny 512 --nx 512 (a quick run)
 *
 * The file is written once by python/make_big_nxstxm.py (h5py, one energy plane at a time) into
 * the temporary directory and reused. The preprocessing runs in a child process (openStack →
 * preprocessSeriesInBands with an alignment region and narrow table energies) so that its peak RSS
 * (`process.resourceUsage().maxRSS`) is its own; the bench prints the time, the peak memory (also
 * when the first band is done: phase 1 = I₀, the alignment region and its shifts), the table's
 * size and the load average. numpy is not run here: holding this stack in memory needs 4.2 GB as float32 and
 * three times that as float64 intermediates, which is the point of the out-of-core path.
 */
import { spawnSync } from "node:child_process";
import { existsSync, statSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join, resolve } from "node:path";

const ROOT = resolve(__dirname, "..");
const PY = join(ROOT, ".venv", "bin", "python");
const arg = (name: string, def: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : def;
};
const nE = arg("energies", 250), ny = arg("ny", 2048), nx = arg("nx", 2048), bandRows = arg("band", 8);
const file = join(tmpdir(), `edgeworks-big-${nE}x${ny}x${nx}.hdf5`);
if (!existsSync(file)) {
  console.log(`writing ${file} (${((nE * ny * nx * 4) / 1e9).toFixed(2)} GB) with h5py …`);
  const w = spawnSync(PY, [join(ROOT, "python", "make_big_nxstxm.py"), file, "--energies", String(nE), "--ny", String(ny), "--nx", String(nx)], { stdio: "inherit" });
  if (w.status !== 0) throw new Error("make_big_nxstxm.py failed");
}
const script = `
const { openStack } = require("./src/io");
const { preprocessSeriesInBands } = require("./src/stack");
(async () => {
  const t0 = process.hrtime.bigint();
  let phase1 = null;
  const src = await openStack(${JSON.stringify(file)});
  const cy = Math.floor(src.ny / 2), cx = Math.floor(src.nx / 2), h = Math.min(128, cy);
  const r = await preprocessSeriesInBands([{ stack: src, name: "big", freeRegion: { x0: 4, y0: 0, x1: 60, y1: src.ny } }], {
    normalize: { background: [515, 526], area: [526, 535], brightness: [540, 565] }, energyRange: [527, 533],
    noise: { fraction: 0.1, range: [527, 528.3] }, bandRows: ${bandRows},
    onBand: (b) => { if (b.band === 0) phase1 = { seconds: Number(process.hrtime.bigint() - t0) / 1e9, maxRssMB: process.resourceUsage().maxRSS / 1024 }; },
    align: { region: { x0: cx - h, y0: cy - h, x1: cx + h, y1: cy + h } },
  });
  const t = Number(process.hrtime.bigint() - t0) / 1e9;
  console.log(JSON.stringify({ seconds: t, phase1Seconds: phase1.seconds, phase1RssMB: phase1.maxRssMB, maxRssMB: process.resourceUsage().maxRSS / 1024, pixels: r.table.nPixels, energies: r.table.nE, tableMB: r.table.data.length * 8 / 1e6, bands: r.samples[0].bands, shiftsMax: Math.max(...r.samples[0].shifts.dx.map(Math.abs), ...r.samples[0].shifts.dy.map(Math.abs)) }));
})().catch((e) => { console.error(e); process.exit(1); });`;
const run = spawnSync(process.execPath, ["--max-old-space-size=8192", "-r", "tsx/cjs", "-e", script], { cwd: ROOT, encoding: "utf8", maxBuffer: 1 << 24 });
if (run.status !== 0) throw new Error(run.stderr || run.stdout);
const out = JSON.parse(run.stdout.trim().split("\n").pop() as string) as Record<string, number>;
const gb = statSync(file).size / 1e9;
console.log(`stack ${nE} × ${ny} × ${nx} float32 in ${gb.toFixed(2)} GB of NXstxm, bands of ${bandRows} rows (${out.bands} bands)`);
console.log(`table ${out.pixels} pixels × ${out.energies} energies (${out.tableMB.toFixed(0)} MB); largest shift ${out.shiftsMax.toFixed(2)} px`);
console.log(`phase 1 (I₀, alignment region, shifts) and the first band: ${out.phase1Seconds.toFixed(1)} s, peak RSS ${(out.phase1RssMB / 1024).toFixed(2)} GiB`);
console.log(`time ${out.seconds.toFixed(1)} s; peak RSS ${(out.maxRssMB / 1024).toFixed(2)} GiB (stack on disk ${gb.toFixed(2)} GB)`);
console.log(`load average ${loadavg().map((v) => v.toFixed(1)).join(", ")} (1, 5, 15 min)`);
