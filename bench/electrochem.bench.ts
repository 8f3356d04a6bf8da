/**
 * edgeworks cycler analyses vs pandas / numpy / scipy and cellpy, side by side in one run:
 *
 *   npx tsx bench/electrochem.bench.ts
 *
 * A 1,000,000-row cycler record (50 cycles of 10,000-row charges and discharges with rests,
 * irregular time steps, 0.5 mV voltage noise; seeded) is generated here and written as Float64
 * binaries to a temporary directory that bench/electrochem_ref.py reads, so both sides see the
 * same bytes. Tasks: capacities of every half-cycle (edgeworks `cycleCapacities` vs pandas runs +
 * groupby of trapezoid increments) and dQ/dV of every half-cycle (edgeworks `dqdv` vs the same
 * steps in numpy/scipy, and vs cellpy's ica.Converter). The Python process is persistent and the
 * two sides alternate round by round (best of the rounds is reported), with a pause before each
 * round. Times are CPU times of the process (user + system; Python's time.process_time), both sides
 * single-threaded here: on a shared machine with more runnable processes than cores, wall time
 * mostly measures waiting. Ratio = edgeworks time / reference time (< 1: edgeworks faster).
 */
import { spawn } from "node:child_process";
import type { ChildProcessWithoutNullStreams } from "node:child_process";
import { createInterface } from "node:readline";
import { mkdtempSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir, loadavg, availableParallelism } from "node:os";
import { join, resolve } from "node:path";
import { cycleCapacities, dqdv, type CyclerData } from "../src/electrochem";
import { createRng } from "../src/linalg";
import { reexecWithHugePages } from "./_hugePages";

const ROOT = resolve(__dirname, "..");
const PY = join(ROOT, ".venv", "bin", "python");
const MASS = 5; // mg

/** 50 cycles × (10,000-row charge + 10,000-row discharge + rests) ≈ 1,000,000 rows. */
function makeRecord(seed: number, cycles = 50, perHalf = 10000): CyclerData {
  const rng = createRng(seed);
  const n = cycles * (2 * perHalf + 40) + 20;
  const time = new Float64Array(n), voltage = new Float64Array(n), current = new Float64Array(n);
  const I = 0.025; // mA (5 mA/g)
  const curve = (x: number) => 3.2 + 1.3 * x + 0.06 * Math.tanh((x - 0.35) / 0.03) + 0.04 * Math.tanh((x - 0.75) / 0.02);
  let t = 0, k = 0;
  const push = (v: number, i: number, dt: number) => { time[k] = t; voltage[k] = v + 0.0005 * rng.normal(); current[k] = i; k++; t += dt; };
  for (let r = 0; r < 20; r++) push(3.1, 0, 60);
  for (let c = 0; c < cycles; c++) {
    for (const sign of [1, -1]) {
      for (let j = 0; j < perHalf; j++) {
        const x = j / (perHalf - 1);
        push(curve(sign > 0 ? x : 1 - x) + sign * 0.03, sign * I * (1 + 1e-3 * rng.normal()), 8 + 4 * rng.uniform());
      }
      for (let r = 0; r < 20; r++) push(voltage[k - 1] - sign * 0.002, 0, 60);
    }
  }
  return { file: "bench", format: "bench", nPoints: k, time: time.subarray(0, k), voltage: voltage.subarray(0, k), current: current.subarray(0, k), extra: {}, metadata: {}, warnings: [] };
}

class Py {
  private proc: ChildProcessWithoutNullStreams;
  private lines: AsyncIterableIterator<string>;
  constructor() {
    this.proc = spawn(PY, [join(__dirname, "electrochem_ref.py")]);
    this.proc.stderr.on("data", (d) => process.stderr.write(d));
    this.lines = createInterface({ input: this.proc.stdout })[Symbol.asyncIterator]();
  }
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  async cmd(line: string): Promise<any> {
    this.proc.stdin.write(line + "\n");
    const r = await this.lines.next();
    if (r.done) throw new Error(`electrochem_ref.py exited during "${line}"`);
    return JSON.parse(r.value);
  }
  close(): void {
    this.proc.stdin.end();
  }
}

/** CPU time (user + system) of `fn`, s: on a shared, overloaded machine wall time mostly measures waiting for a core. */
function time<T>(fn: () => T): { t: number; out: T } {
  const c0 = process.cpuUsage();
  const out = fn();
  const c = process.cpuUsage(c0);
  return { t: (c.user + c.system) / 1e6, out };
}
const settle = (): Promise<void> => new Promise((r) => setTimeout(r, 250));
const fmt = (s: number): string => (s < 1 ? `${(s * 1000).toFixed(1)} ms` : `${s.toFixed(2)} s`);
const rows: string[][] = [];

// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function compare<T>(py: Py, task: string, label: string, ref: string, rounds: number, ours: () => T): Promise<{ out: T; theirs: any; ratio: number }> {
  let best = Infinity, bestRef = Infinity;
  let out!: T;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  let theirs: any;
  for (let r = 0; r < rounds; r++) {
    await settle();
    const a = time(ours);
    best = Math.min(best, a.t);
    out = a.out;
    await settle();
    theirs = await py.cmd(`run ${task} 1`);
    bestRef = Math.min(bestRef, theirs.t);
  }
  rows.push([label, fmt(best), fmt(bestRef), ref, (best / bestRef).toFixed(2)]);
  return { out, theirs, ratio: best / bestRef };
}

async function main(): Promise<void> {
  const data = makeRecord(7);
  const dir = mkdtempSync(join(tmpdir(), "edgeworks-echem-bench-"));
  const py = new Py();
  try {
    for (const [name, a] of [["time", data.time], ["voltage", data.voltage], ["current", data.current]] as const) writeFileSync(join(dir, `${name}.f64`), Buffer.from(a.buffer, a.byteOffset, a.byteLength));
    writeFileSync(join(dir, "meta.json"), JSON.stringify({ mass_mg: MASS }));
    const v = await py.cmd(`load ${dir}`);
    const c = await compare(py, "capacities", "capacities of 100 half-cycles", "pandas runs + groupby trapezoid", 5, () => cycleCapacities(data, { mass: MASS }));
    const d = await compare(py, "dqdv_numpy", "dQ/dV of 100 half-cycles (5 mV, fwhm 10 mV)", "numpy/scipy, cellpy's steps", 5, () => dqdv(data, { mass: MASS }));
    let cellpyRow: { ratio: number; theirs: { points: number; sumAbs: number } } | undefined;
    if (v.cellpy) cellpyRow = await compare(py, "dqdv_cellpy", "dQ/dV of 100 half-cycles", `cellpy ${v.cellpy} ica.Converter`, 3, () => dqdv(data, { mass: MASS }));
    console.log(`\n${data.nPoints.toLocaleString("en-US")}-row cycler record — numpy ${v.numpy}, pandas ${v.pandas}, scipy ${v.scipy}, cellpy ${v.cellpy ?? "not installed"}, Node ${process.versions.node}, ${availableParallelism()} CPUs, load average ${loadavg()[0].toFixed(1)}; best CPU time of alternating rounds`);
    const head = ["task", "edgeworks", "reference", "reference is", "ratio"];
    const table = [head, ...rows];
    const w = head.map((_, k) => Math.max(...table.map((r) => r[k].length)));
    for (const [i, r] of table.entries()) {
      console.log(r.map((s, k) => s.padEnd(w[k])).join(" | "));
      if (i === 0) console.log(w.map((x) => "-".repeat(x)).join("-|-"));
    }
    const qSum = c.out.halfCycles.reduce((s, h) => s + h.capacity, 0);
    const pts = d.out.reduce((s, cu) => s + cu.dqdv.length, 0);
    const sumAbs = d.out.reduce((s, cu) => s + cu.dqdv.reduce((a, y) => a + Math.abs(y), 0), 0);
    console.log(`checks: half-cycles ${c.out.halfCycles.length} vs ${c.theirs.n}; Σ capacity rel. diff ${Math.abs(qSum / c.theirs.sumQ - 1).toExponential(1)}; ` +
      `dQ/dV points ${pts} vs ${d.theirs.points}; Σ|dQ/dV| rel. diff ${Math.abs(sumAbs / d.theirs.sumAbs - 1).toExponential(1)}` +
      (cellpyRow ? ` (cellpy: ${cellpyRow.theirs.points} points, ${Math.abs(sumAbs / cellpyRow.theirs.sumAbs - 1).toExponential(1)})` : ""));
    console.log(`pipeline (capacities + dQ/dV) vs pandas/numpy: ${pipelineRatio(rows[0], rows[1])}`);
  } finally {
    py.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

function seconds(s: string): number {
  return s.endsWith(" ms") ? parseFloat(s) / 1000 : parseFloat(s);
}
function pipelineRatio(a: string[], b: string[]): string {
  const ours = seconds(a[1]) + seconds(b[1]);
  const theirs = seconds(a[2]) + seconds(b[2]);
  return `${fmt(ours)} vs ${fmt(theirs)} = ${(ours / theirs).toFixed(2)} (target ≤ 0.5)`;
}

// large typed arrays get transparent huge pages, as numpy's do (glibc tunable; see _hugePages.ts)
reexecWithHugePages();
main().catch((e) => {
  console.error(e);
  process.exit(1);
});
