/**
 * A stack larger than memory, preprocessed from its file in bands of rows:
 *
 *   npx tsx bench/outofcore.bench.ts                 (250 energies × 2048 × 2048 float32 = 4.2 GB NXstxm)
 *   npx tsx bench/outofcore.bench.ts --ny 512 --nx 512 (a quick run)
 *   npx tsx bench/outofcore.bench.ts --sdf --energies 100 --ny 1024 --nx 1024
 *                                                    (the same stack as SDF text: .hdr + one .xim per energy)
 *
 * The file is written once by python/make_big_nxstxm.py (h5py, one energy plane at a time) into
 * the temporary directory and reused. The preprocessing runs in a child process (openStack →
 * preprocessSeriesInBands with an alignment region and narrow table energies) so that its peak RSS
 * (`process.resourceUsage().maxRSS`) is its own; the bench prints the time, the peak memory (also
 * when the first band is done: phase 1 = I₀, the alignment region and its shifts), the table's
 * size and the load average. numpy is not run on the NXstxm file: holding this stack in memory needs 4.2 GB as float32 and
 * three times that as float64 intermediates, which is the point of the out-of-core path.
 *
 * With `--sdf` the NXstxm stack is converted once to SDF (edgeworks' writer) and the bench also
 * times reading the whole stack into memory, by edgeworks (`readStack`) and by numpy
 * (`np.loadtxt` of every `.xim`, as Python STXM tools read them), and one band read the way
 * openStack read SDF bands before its line index (every file's whole text scanned for the band's
 * rows, `parseXim` with `rows`), times the number of bands.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join, resolve } from "node:path";

const ROOT = resolve(__dirname, "..");
const PY = join(ROOT, ".venv", "bin", "python");
const arg = (name: string, def: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : def;
};
const nE = arg("energies", 250), ny = arg("ny", 2048), nx = arg("nx", 2048), bandRows = arg("band", 8);
const sdf = process.argv.includes("--sdf");
const h5 = join(tmpdir(), `edgeworks-big-${nE}x${ny}x${nx}.hdf5`);
if (!existsSync(h5)) {
  console.log(`writing ${h5} (${((nE * ny * nx * 4) / 1e9).toFixed(2)} GB) with h5py …`);
  const w = spawnSync(PY, [join(ROOT, "python", "make_big_nxstxm.py"), h5, "--energies", String(nE), "--ny", String(ny), "--nx", String(nx)], { stdio: "inherit" });
  if (w.status !== 0) throw new Error("make_big_nxstxm.py failed");
}
const sdfDir = join(tmpdir(), `edgeworks-big-sdf-${nE}x${ny}x${nx}`);
const file = sdf ? join(sdfDir, "big.hdr") : h5;
if (sdf && !existsSync(file)) {
  console.log(`writing ${file} (SDF text, from ${h5}) …`);
  const conv = `const { readStack, writeSdf } = require("./src/io"); const { mkdirSync } = require("node:fs");
    (async () => { mkdirSync(${JSON.stringify(sdfDir)}, { recursive: true }); writeSdf(${JSON.stringify(file)}, await readStack(${JSON.stringify(h5)}), { time: "2026-12-02T00:00:00Z" }); })().catch((e) => { console.error(e); process.exit(1); });`;
  const w = spawnSync(process.execPath, ["--max-old-space-size=16384", "-r", "tsx/cjs", "-e", conv], { cwd: ROOT, stdio: "inherit" });
  if (w.status !== 0) throw new Error("SDF conversion failed");
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
const gb = (sdf ? readdirSync(sdfDir).reduce((a, f) => a + statSync(join(sdfDir, f)).size, 0) : statSync(file).size) / 1e9;
console.log(`stack ${nE} × ${ny} × ${nx} ${sdf ? "" : "float32 "}in ${gb.toFixed(2)} GB of ${sdf ? "SDF text" : "NXstxm"}, bands of ${bandRows} rows (${out.bands} bands)`);
console.log(`table ${out.pixels} pixels × ${out.energies} energies (${out.tableMB.toFixed(0)} MB); largest shift ${out.shiftsMax.toFixed(2)} px`);
console.log(`phase 1 (I₀, alignment region, shifts) and the first band: ${out.phase1Seconds.toFixed(1)} s, peak RSS ${(out.phase1RssMB / 1024).toFixed(2)} GiB`);
console.log(`time ${out.seconds.toFixed(1)} s; peak RSS ${(out.maxRssMB / 1024).toFixed(2)} GiB (stack on disk ${gb.toFixed(2)} GB)`);
console.log(`load average ${loadavg().map((v) => v.toFixed(1)).join(", ")} (1, 5, 15 min)`);

if (sdf) {
  /** Run a script in a child process and return its last line as JSON. */
  const child = (cmd: string, args: string[]): Record<string, number> => {
    const r = spawnSync(cmd, args, { cwd: ROOT, encoding: "utf8", maxBuffer: 1 << 24 });
    if (r.status !== 0) throw new Error(r.stderr || r.stdout);
    return JSON.parse(r.stdout.trim().split("\n").pop() as string) as Record<string, number>;
  };
  const whole = child(process.execPath, ["--max-old-space-size=16384", "-r", "tsx/cjs", "-e", `
    const { readStack } = require("./src/io");
    (async () => { const t0 = process.hrtime.bigint(); const s = await readStack(${JSON.stringify(file)});
      console.log(JSON.stringify({ seconds: Number(process.hrtime.bigint() - t0) / 1e9, maxRssMB: process.resourceUsage().maxRSS / 1024, n: s.data.length })); })();`]);
  // the band read of openStack before the line index: every file's whole text parsed for its rows
  const oneBand = child(process.execPath, ["-r", "tsx/cjs", "-e", `
    const { parseXim } = require("./src/io"); const { readFileSync, readdirSync } = require("node:fs"); const { join } = require("node:path");
    const dir = ${JSON.stringify(sdfDir)}; const t0 = process.hrtime.bigint();
    for (const f of readdirSync(dir).filter((f) => f.endsWith(".xim")).sort()) parseXim(readFileSync(join(dir, f), "latin1"), { name: f, nRows: ${ny}, nCols: ${nx}, rows: [0, ${bandRows}] });
    console.log(JSON.stringify({ seconds: Number(process.hrtime.bigint() - t0) / 1e9 }));`]);
  const np = child(PY, ["-c", `
import glob, json, resource, time, numpy as np
t0 = time.perf_counter()
files = sorted(glob.glob(${JSON.stringify(join(sdfDir, "big_a*.xim"))}))
stack = np.empty((len(files), ${ny}, ${nx}))
for k, f in enumerate(files):
    stack[k] = np.loadtxt(f, delimiter="\t", usecols=range(${nx}))
print(json.dumps({"seconds": time.perf_counter() - t0, "maxRssMB": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, "n": stack.size}))`]);
  if (whole.n !== np.n) throw new Error(`edgeworks read ${whole.n} values, numpy ${np.n}`);
  console.log(`read the whole stack into memory: edgeworks readStack ${whole.seconds.toFixed(1)} s (peak ${(whole.maxRssMB / 1024).toFixed(2)} GiB), numpy loadtxt ${np.seconds.toFixed(1)} s (peak ${(np.maxRssMB / 1024).toFixed(2)} GiB): ratio ${(whole.seconds / np.seconds).toFixed(2)}`);
  console.log(`out-of-core preprocessing ÷ numpy's read alone: ${(out.seconds / np.seconds).toFixed(2)}`);
  console.log(`one band of ${bandRows} rows by re-parsing every file (before the line index): ${oneBand.seconds.toFixed(1)} s, × ${out.bands} bands ≈ ${(oneBand.seconds * out.bands).toFixed(0)} s`);
}
