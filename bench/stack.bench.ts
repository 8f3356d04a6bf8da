/**
 * edgeworks STXM preprocessing vs numpy, side by side in one run:
 *
 *   npx tsx bench/stack.bench.ts            (the simulated O K plateau series, then 1,000,000 px × 100 energies)
 *   npx tsx bench/stack.bench.ts --small    (skip the 1,000,000 × 100 case)
 *   npx tsx bench/stack.bench.ts --rounds 3 (the plateau case in 3 alternating rounds; default 2)
 *   npx tsx bench/stack.bench.ts --settle 0 (no idle before each step of the 10⁶-pixel case; default 8 s)
 *   npx tsx bench/stack.bench.ts --paired 20 (20 rounds of the paired single-pass steps, see
 *                                             _pairedSteps.ts; default 12, 0 to skip)
 *
 * Steps timed (per series, summed over samples): OD (I0 from the free region + −ln(I/I0)),
 * align (computeShifts + applyShifts bilinear + cropToCommon), normalise (normalizePixels), table
 * (toPixelTable over 520–535 eV) and noise (noiseFilter 10 %); `filter` is table + noise and
 * `no align` every step but the alignment (the steps of src/stack without the FFTs). The raw counts are written to a
 * temporary directory as a little-endian binary that bench/stack_ref.py reads, so both sides see the
 * same bytes. Times are the best of several repeats (the 10⁶-pixel case: one run); ratios are
 * edgeworks / numpy (< 1 = edgeworks faster). Peak memory is the process' maximum RSS
 * (`process.resourceUsage().maxRSS`; Python: `ru_maxrss`), i.e. for the whole run up to that point.
 * Both sides drop each intermediate (OD, aligned stack) as soon as the next step has consumed it;
 * edgeworks reuses buffers as numpy's views do: a step run once (the 10⁶-pixel case) works in
 * place in the OD's buffer as `preprocessStack` does (`applyShifts` `out` = its input,
 * `cropToCommon` `inPlace`, numpy takes a view; `normalizePixels` `out` = its input); a repeated
 * step must not overwrite its own input, so there the shift goes into one more buffer, cropped in
 * place, and the normalisation writes into the OD's buffer, free by then.
 *
 * Like with like: both sides shift bilinearly (`applyShifts` `method: "bilinear"`; its default,
 * Lanczos with 8 taps per axis, is more work and NaNs a different rim, which is why the row
 * counts used to differ), and the cross-check line compares numpy's table with edgeworks' row by
 * row at the same pixels (written by stack_ref.py after its timings). The bench re-runs itself
 * with GLIBC_TUNABLES=glibc.malloc.hugetlb=1 (see _hugePages.ts) so that large typed arrays get
 * transparent huge pages as numpy's arrays do (numpy madvises every array ≥ 4 MiB itself).
 *
 * Memory temperature (the 10⁶-pixel case): on VMs that report free memory to their host
 * (virtio-balloon free page reporting, as the development VMs do) a page freed more than a couple
 * of seconds ago faults in the host again when it is touched, several times the cost of a page
 * freed just before (touching 600 MB: ~0.1 s against ~2 s there). numpy reuses what its own
 * intermediates freed an instant before; edgeworks makes fewer intermediates (it works in the
 * OD's buffer) and V8 frees dropped arrays only at its next collection, so without a pause a step
 * that writes a new array (the table, the noise filter's kept rows) met cold memory on the
 * edgeworks side and warm memory on numpy's. Each step of that case therefore starts after
 * `--settle` seconds idle on both sides, as a step in its own notebook cell would; memory a step
 * frees and reuses within itself stays warm on either side. `bench/memoryTemperature.bench.ts`
 * times the two writing steps both ways (cold and warm) on each side.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { simulateOxygenPlateau, createRng } from "../src/simulate";
import { makeStack, type Stack } from "../src/types/stack";
import {
  applyShifts,
  computeShifts,
  cropToCommon,
  extractI0,
  noiseFilter,
  normalizePixels,
  opticalDensity,
  toPixelTable,
  type PixelTableInput,
  type Rect,
} from "../src/stack";
import type { PixelTable } from "../src/types/pixel-table";
import { reexecWithHugePages } from "./_hugePages";
import { sleepSeconds } from "./_sleep";
import { pairedSteps, reportPaired } from "./_pairedSteps";
import { bestOf } from "./_bestOf";

const ROOT = resolve(__dirname, "..");
const PY = join(ROOT, ".venv", "bin", "python");

/** The process' peak RSS so far, bytes. */
const maxRss = (): number => process.resourceUsage().maxRSS * 1024;

interface Times {
  od: number;
  align: number;
  normalise: number;
  /** toPixelTable over 520–535 eV */
  table: number;
  /** noiseFilter 10 % */
  noise: number;
  /** table + noise */
  filter: number;
}

interface EdgeworksRun {
  times: Times;
  rows: number;
  removed: number;
  shifts: { dx: Float64Array; dy: Float64Array }[];
  peaks: Record<string, number>;
  /** the pixel table (for the cross-check with numpy's) and each sample's common rectangle */
  table: PixelTable;
  rects: Rect[];
}

/**
 * The edgeworks steps; `settle` seconds of idle before each timed step (the large case, see
 * {@link main}: every step meets memory at the same temperature on both sides).
 */
function runEdgeworks(samples: { stack: Stack; region: Rect }[], repeats: number, alignRepeats: number, settle = 0): EdgeworksRun {
  const times: Times = { od: 0, align: 0, normalise: 0, table: 0, noise: 0, filter: 0 };
  const peaks: Record<string, number> = {}; // peak RSS after each step (the last sample's)
  const inputs: PixelTableInput[] = [];
  const shifts: { dx: Float64Array; dy: Float64Array }[] = [];
  const rects: Rect[] = [];
  for (const s of samples) {
    // each intermediate is dropped once the next step has it, as stack_ref.py `del`s them (peak memory)
    sleepSeconds(settle);
    const odR = bestOf(repeats, () => opticalDensity(s.stack, { i0: extractI0(s.stack, { region: s.region }) }).stack);
    times.od += odR.t;
    peaks.od = maxRss();
    let od: Stack | null = odR.out;
    const odData = od.data as Float64Array; // reused for the shifted or the normalised stack
    let shiftBuf: Float64Array | null = null; // the shifted stack, cropped in place
    sleepSeconds(settle);
    const al = bestOf(alignRepeats, () => {
      const sh = computeShifts(od as Stack);
      shiftBuf ??= alignRepeats === 1 ? odData : new Float64Array(odData.length);
      // bilinear, as stack_ref.py (the default, Lanczos with 8 taps per axis, does more work)
      const crop = cropToCommon(applyShifts(od as Stack, sh, { method: "bilinear", out: shiftBuf }), sh, { inPlace: true });
      return { sh, aligned: crop.stack, rect: crop.rect };
    });
    od = null;
    shiftBuf = null;
    (odR as { out: Stack | null }).out = null;
    times.align += al.t;
    peaks.align = maxRss();
    shifts.push(al.out.sh);
    rects.push(al.out.rect);
    let aligned: Stack | null = al.out.aligned;
    (al.out as { aligned: Stack | null }).aligned = null;
    // in place when run once; else into the OD's buffer unless the aligned stack is in it (then a new array)
    const normOut = repeats === 1 ? (aligned.data as Float64Array) : alignRepeats === 1 ? undefined : odData;
    sleepSeconds(settle);
    const nm = bestOf(repeats, () => normalizePixels(aligned as Stack, { background: [520, 526], area: [525, 535], brightness: [535, 560], out: normOut }));
    aligned = null;
    times.normalise += nm.t;
    peaks.normalise = maxRss();
    inputs.push({ stack: nm.out.stack, brightness: nm.out.brightness });
  }
  sleepSeconds(settle);
  const tb = bestOf(repeats, () => toPixelTable(inputs, { energyRange: [520, 535] }).table);
  times.table = tb.t;
  peaks.table = maxRss();
  sleepSeconds(settle);
  const nf = bestOf(repeats, () => noiseFilter(tb.out, { range: [520, 526], fraction: 0.1 }));
  times.noise = nf.t;
  peaks.noise = maxRss();
  times.filter = tb.t + nf.t;
  return { times, rows: tb.out.nPixels, removed: nf.out.removed, shifts, peaks, table: tb.out, rects };
}

/** Write the raw counts and the meta JSON that stack_ref.py reads; returns the meta file's path. */
function writeNumpyInputs(dir: string, samples: { stack: Stack; region: Rect }[], dtype: "float64" | "float32", repeats: number, alignRepeats: boolean, settle = 0): string {
  const path = join(dir, `raw-${dtype}.bin`);
  let total = 0;
  for (const s of samples) total += s.stack.data.length;
  const all = dtype === "float32" ? new Float32Array(total) : new Float64Array(total);
  let off = 0;
  for (const s of samples) {
    all.set(s.stack.data, off);
    off += s.stack.data.length;
  }
  writeFileSync(path, new Uint8Array(all.buffer, all.byteOffset, all.byteLength));
  const meta = {
    path,
    dtype,
    repeats,
    alignRepeats,
    settle,
    samples: samples.map((s) => ({ nE: s.stack.nE, ny: s.stack.ny, nx: s.stack.nx, energies: Array.from(s.stack.energies), region: s.region })),
  };
  const metaPath = join(dir, "meta.json");
  writeFileSync(metaPath, JSON.stringify(meta));
  return metaPath;
}

/** The environment of the Python side (the OpenBLAS overrides some test setups make, removed). */
function pyEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.OPENBLAS_CORETYPE;
  delete env.OPENBLAS_L2_SIZE;
  return env;
}

function runNumpy(dir: string, samples: { stack: Stack; region: Rect }[], dtype: "float64" | "float32", repeats: number, alignRepeats: boolean, settle = 0): {
  times: Times;
  peakRss: number;
  peaks: Record<string, number>;
  rows: number;
  removed: number;
  shifts: { dx: number[]; dy: number[] }[];
} {
  const metaPath = writeNumpyInputs(dir, samples, dtype, repeats, alignRepeats, settle);
  const env = pyEnv();
  // numpy writes its table and the rows' positions there after the timed steps (for tableDiff)
  const r = spawnSync(PY, [join(ROOT, "bench", "stack_ref.py"), metaPath, join(dir, "np-table")], { encoding: "utf8", env, maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(`stack_ref.py failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split("\n").pop() as string);
}

function report(title: string, ts: Times, np: Times): void {
  console.log(`\n${title}`);
  console.log("step        edgeworks (s)   numpy (s)   ratio");
  const keys: (keyof Times)[] = ["od", "align", "normalise", "table", "noise"];
  let a = 0;
  let b = 0;
  const line = (k: string, x: number, y: number): void => console.log(`${k.padEnd(10)} ${x.toFixed(3).padStart(14)} ${y.toFixed(3).padStart(11)} ${(x / y).toFixed(2).padStart(7)}`);
  for (const k of keys) {
    a += ts[k];
    b += np[k];
    line(k, ts[k], np[k]);
  }
  line("filter", ts.filter, np.filter);
  line("no align", a - ts.align, b - np.align);
  line("total", a, b);
}

function maxShiftDiff(a: { dx: ArrayLike<number>; dy: ArrayLike<number> }[], b: { dx: ArrayLike<number>; dy: ArrayLike<number> }[]): number {
  let m = 0;
  a.forEach((s, i) => {
    for (let e = 0; e < s.dx.length; e++) m = Math.max(m, Math.abs(s.dx[e] - b[i].dx[e]), Math.abs(s.dy[e] - b[i].dy[e]));
  });
  return m;
}

/**
 * The two pixel tables side by side: numpy's (written by stack_ref.py to `<prefix>.f64`, its
 * rows' sample, y, x in the uncropped images to `<prefix>.pos.i32`) against edgeworks' rows at
 * the same pixels. Returns the rows found on one side only, the largest absolute difference of
 * the common rows' values, that relative to the largest |value| of numpy's table, and the largest
 * difference within a row relative to that row's largest |value| (the normalisation divides
 * every row by its own area, which magnifies the rows of thin pixels alike on both sides).
 */
function tableDiff(prefix: string, ew: EdgeworksRun, samples: { stack: Stack }[]): { onlyEw: number; onlyNp: number; maxAbs: number; rel: number; rowRel: number } {
  const f64 = readFileSync(`${prefix}.f64`);
  const i32 = readFileSync(`${prefix}.pos.i32`);
  const npData = new Float64Array(f64.buffer, f64.byteOffset, f64.byteLength / 8);
  const pos = new Int32Array(i32.buffer, i32.byteOffset, i32.byteLength / 4);
  const nE = ew.table.nE;
  const nNp = pos.length / 3;
  if (npData.length !== nNp * nE) throw new Error(`stack_ref.py wrote ${npData.length} values for ${nNp} rows × ${nE} energies`);
  // per sample: uncropped pixel index → numpy row + 1
  const lookup = samples.map((s) => new Int32Array(s.stack.ny * s.stack.nx));
  for (let r = 0; r < nNp; r++) lookup[pos[3 * r]][pos[3 * r + 1] * samples[pos[3 * r]].stack.nx + pos[3 * r + 2]] = r + 1;
  let scale = 0;
  for (let i = 0; i < npData.length; i++) scale = Math.max(scale, Math.abs(npData[i]));
  let onlyEw = 0;
  let common = 0;
  let maxAbs = 0;
  let rowRel = 0;
  const t = ew.table;
  for (let r = 0; r < t.nPixels; r++) {
    const s = t.sample[r];
    const rect = ew.rects[s];
    const q = lookup[s][(t.y[r] + rect.y0) * samples[s].stack.nx + t.x[r] + rect.x0] - 1;
    if (q < 0) {
      onlyEw++;
      continue;
    }
    common++;
    let dr = 0;
    let vr = 0;
    for (let j = 0; j < nE; j++) {
      dr = Math.max(dr, Math.abs(t.data[r * nE + j] - npData[q * nE + j]));
      vr = Math.max(vr, Math.abs(npData[q * nE + j]));
    }
    maxAbs = Math.max(maxAbs, dr);
    rowRel = Math.max(rowRel, dr / vr);
  }
  return { onlyEw, onlyNp: nNp - common, maxAbs, rel: maxAbs / scale, rowRel };
}

/** One line comparing the two sides' results. */
function crossCheck(ew: EdgeworksRun, np: { rows: number; removed: number; shifts: { dx: number[]; dy: number[] }[] }, dir: string, samples: { stack: Stack }[]): string {
  const d = tableDiff(join(dir, "np-table"), ew, samples);
  return (
    `rows ${ew.rows} (numpy ${np.rows}; ${d.onlyEw} only in edgeworks', ${d.onlyNp} only in numpy's), removed ${ew.removed} (numpy ${np.removed}), ` +
    `max |shift difference| ${maxShiftDiff(ew.shifts, np.shifts).toExponential(2)} px, max |table difference| ${d.maxAbs.toExponential(2)} (${d.rel.toExponential(2)} of the largest |value|; within a row at most ${d.rowRel.toExponential(2)} of its largest)`
  );
}

/** A 1000 × 1000 × 100 stack of counts (Float32): drifting smooth particles, Poisson-like noise. */
function bigStack(): { stack: Stack; region: Rect } {
  const ny = 1000;
  const nx = 1000;
  const nE = 100;
  const n = ny * nx;
  const rng = createRng(99);
  const energies = Float64Array.from({ length: nE }, (_, i) => (i < 80 ? 520 + (15 * i) / 79 : 535 + ((i - 79) * 25) / 20));
  const thick = new Float32Array(n);
  for (let p = 0; p < 400; p++) {
    const cx = rng.range(0, 880);
    const cy = rng.range(0, 1000);
    const r = rng.range(8, 40);
    const T = rng.range(0.3, 1.4);
    for (let y = Math.max(0, Math.floor(cy - r)); y < Math.min(ny, Math.ceil(cy + r)); y++) {
      for (let x = Math.max(0, Math.floor(cx - r)); x < Math.min(880, Math.ceil(cx + r)); x++) {
        const q = ((x - cx) ** 2 + (y - cy) ** 2) / (r * r);
        if (q < 1) thick[y * nx + x] += T * Math.sqrt(1 - q);
      }
    }
  }
  const data = new Float32Array(nE * n);
  for (let e = 0; e < nE; e++) {
    const E = energies[e];
    const mu = 0.35 + 0.85 * Math.exp(-0.5 * ((E - 529.2) / 0.55) ** 2) + 0.5 * Math.exp(-0.5 * ((E - 530.8) / 0.45) ** 2) + 0.9 * (0.5 + Math.atan((E - 535.8) / 1) / Math.PI);
    const sx = Math.round(2 * Math.sin(e / 17));
    const sy = Math.round(2 * Math.cos(e / 23));
    const i0 = 3000;
    for (let y = 0; y < ny; y++) {
      const yy = Math.min(ny - 1, Math.max(0, y - sy));
      for (let x = 0; x < nx; x++) {
        const xx = Math.min(nx - 1, Math.max(0, x - sx));
        const lam = i0 * Math.exp(-thick[yy * nx + xx] * mu);
        data[e * n + y * nx + x] = Math.max(0, Math.round(lam + Math.sqrt(lam) * (rng.uniform() + rng.uniform() + rng.uniform() - 1.5) * 2));
      }
    }
  }
  return { stack: makeStack({ data, nE, ny, nx, energies }), region: { x0: 900, y0: 0, x1: 1000, y1: 1000 } };
}

async function main(): Promise<void> {
  const small = process.argv.includes("--small");
  const dir = mkdtempSync(join(tmpdir(), "edgeworks-stack-bench-"));
  try {
    const t0 = process.hrtime.bigint();
    const sim = simulateOxygenPlateau({ seed: 2017 });
    const tSim = Number(process.hrtime.bigint() - t0) / 1e9;
    const samples = sim.samples.map((s) => ({ stack: s.stack, region: s.freeRegion }));
    const px = samples.reduce((a, s) => a + s.stack.ny * s.stack.nx, 0);
    console.log(`simulated O K plateau: ${samples.length} samples, ${px} pixels × ${samples[0].stack.nE} energies in ${tSim.toFixed(2)} s`);
    // rounds alternate the two sides, so that a change of the machine's load hits both alike
    const ri = process.argv.indexOf("--rounds");
    const rounds = ri > 0 ? Math.max(1, Number(process.argv[ri + 1]) || 1) : 2;
    const ts = runEdgeworks(samples, 5, 3);
    const np = runNumpy(dir, samples, "float64", 5, true);
    for (let r = 1; r < rounds; r++) {
      const a = runEdgeworks(samples, 5, 3).times;
      const b = runNumpy(dir, samples, "float64", 5, true).times;
      for (const k of Object.keys(a) as (keyof Times)[]) {
        ts.times[k] = Math.min(ts.times[k], a[k]);
        np.times[k] = Math.min(np.times[k], b[k]);
      }
    }
    ts.times.filter = ts.times.table + ts.times.noise;
    np.times.filter = np.times.table + np.times.noise;
    report(`plateau series (${px} px × ${samples[0].stack.nE} E; best of 5, align best of 3, in each of ${rounds} alternating rounds)`, ts.times, np.times);
    console.log(crossCheck(ts, np, dir, samples));
    const pi = process.argv.indexOf("--paired");
    const pairedRounds = pi > 0 ? Math.max(0, Number(process.argv[pi + 1]) || 0) : 12;
    if (pairedRounds > 0) {
      const metaPath = writeNumpyInputs(dir, samples, "float64", 5, false);
      const paired = await pairedSteps(PY, join(ROOT, "bench", "stack_ref.py"), metaPath, join(dir, "np-table-paired"), samples, pairedRounds, 5, pyEnv());
      reportPaired(`single-pass steps paired (${pairedRounds} rounds; in each, a step best of 5 in edgeworks and best of 5 in numpy back to back, which side first alternating)`, paired);
    }
    if (!small) {
      const big = bigStack();
      const before = process.resourceUsage().maxRSS * 1024;
      const si = process.argv.indexOf("--settle");
      const settle = si > 0 ? Math.max(0, Number(process.argv[si + 1]) || 0) : 8;
      const bt = runEdgeworks([big], 1, 1, settle);
      const peak = process.resourceUsage().maxRSS * 1024;
      const bn = runNumpy(dir, [big], "float32", 1, false, settle);
      report(`1,000,000 px × 100 E (input Float32 counts, 400 MB; one run, each step after ${settle} s idle)`, bt.times, bn.times);
      console.log(crossCheck(bt, bn, dir, [big]));
      console.log(`peak RSS: edgeworks ${(peak / 2 ** 30).toFixed(2)} GiB (${(before / 2 ** 30).toFixed(2)} GiB before the run, input included); numpy ${(bn.peakRss / 2 ** 30).toFixed(2)} GiB`);
      const gib = (p: Record<string, number>): string => ["od", "align", "normalise", "table", "noise"].map((k) => `${k} ${(p[k] / 2 ** 30).toFixed(2)}`).join(", ");
      console.log(`peak RSS (GiB) after each step: edgeworks ${gib(bt.peaks)}; numpy ${gib(bn.peaks)}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

reexecWithHugePages();
main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
