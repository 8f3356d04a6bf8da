/**
 * The single-pass steps of bench/stack.bench.ts (OD, normalise, table, noise) timed on both sides
 * back to back. The whole-pipeline rounds of that bench time every edgeworks step, then every
 * numpy step, some ten seconds later; on a VM whose speed changes by up to 2.5× from one
 * few-minute period to the next, a step of a few milliseconds can then land in a fast period on
 * one side and a slow one on the other. Here `stack_ref.py --serve` keeps its intermediates and
 * times one step on request, so each round runs a step best-of-N in edgeworks and best-of-N in
 * numpy within a fraction of a second (which side goes first alternates by round), and the
 * ratio of every round is kept: its median says how the two compare in the same conditions.
 * @module
 */
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import type { Stack } from "../src/types/stack";
import { bestOf as timed } from "./_bestOf";
import { applyShifts, computeShifts, cropToCommon, extractI0, noiseFilter, normalizePixels, opticalDensity, toPixelTable, type PixelTableInput, type Rect } from "../src/stack";

/** The steps timed in pairs. */
export const PAIRED_STEPS = ["od", "normalise", "table", "noise"] as const;
export type PairedStep = (typeof PAIRED_STEPS)[number];

/** Per step: each round's best-of-N time (s) on either side. */
export type PairedTimes = Record<PairedStep, { ew: number[]; np: number[] }>;

/** The best of `repeats` runs of `fn`, seconds. */
const bestOf = (repeats: number, fn: () => unknown): number => timed(repeats, fn).t;

/**
 * The edgeworks side: every intermediate kept, each step a function timed best of `repeats`
 * (OD and normalise summed over the samples, as stack_ref.py does). As in the pipeline rounds,
 * OD writes a new array each time and the normalisation writes into a buffer of its own.
 */
function edgeworksSteps(samples: { stack: Stack; region: Rect }[], repeats: number): Record<PairedStep, () => number> {
  const prepared = samples.map((s) => {
    const i0 = (): ReturnType<typeof extractI0> => extractI0(s.stack, { region: s.region });
    const od = opticalDensity(s.stack, { i0: i0() }).stack;
    const sh = computeShifts(od);
    const aligned = cropToCommon(applyShifts(od, sh, { method: "bilinear" }), sh, { inPlace: true }).stack;
    const out = new Float64Array(aligned.data.length);
    const norm = (): ReturnType<typeof normalizePixels> => normalizePixels(aligned, { background: [520, 526], area: [525, 535], brightness: [535, 560], out });
    const nm = norm();
    return { od: () => opticalDensity(s.stack, { i0: i0() }), norm, input: { stack: nm.stack, brightness: nm.brightness } as PixelTableInput };
  });
  const inputs = prepared.map((p) => p.input);
  const table = toPixelTable(inputs, { energyRange: [520, 535] }).table;
  return {
    od: () => prepared.reduce((t, p) => t + bestOf(repeats, p.od), 0),
    normalise: () => prepared.reduce((t, p) => t + bestOf(repeats, p.norm), 0),
    table: () => bestOf(repeats, () => toPixelTable(inputs, { energyRange: [520, 535] })),
    noise: () => bestOf(repeats, () => noiseFilter(table, { range: [520, 526], fraction: 0.1 })),
  };
}

/**
 * Run `rounds` rounds of the paired steps.
 *
 * @param py - the Python interpreter; `script` stack_ref.py; `metaPath` the inputs it reads
 *   (written for the pipeline rounds); `prefix` where it writes its table.
 * @returns each round's times per step and side.
 */
export async function pairedSteps(py: string, script: string, metaPath: string, prefix: string, samples: { stack: Stack; region: Rect }[], rounds: number, repeats: number, env: NodeJS.ProcessEnv): Promise<PairedTimes> {
  const child = spawn(py, [script, metaPath, prefix, "--serve"], { env, stdio: ["pipe", "pipe", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (b: Buffer) => (stderr += b.toString()));
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const next = async (): Promise<{ step?: string; t?: number; error?: string }> => {
    const r = await lines.next();
    if (r.done) throw new Error(`stack_ref.py --serve ended early: ${stderr}`);
    return JSON.parse(r.value);
  };
  try {
    await next(); // its own pipeline run, done once before serving
    const ew = edgeworksSteps(samples, repeats);
    const numpy = async (step: PairedStep): Promise<number> => {
      child.stdin.write(`${step}\n`);
      const r = await next();
      if (r.step !== step || typeof r.t !== "number") throw new Error(`stack_ref.py --serve answered ${JSON.stringify(r)} to ${step}`);
      return r.t;
    };
    const times = Object.fromEntries(PAIRED_STEPS.map((k) => [k, { ew: [] as number[], np: [] as number[] }])) as PairedTimes;
    for (let r = 0; r < rounds; r++) {
      for (const step of PAIRED_STEPS) {
        if (r % 2 === 0) {
          times[step].ew.push(ew[step]());
          times[step].np.push(await numpy(step));
        } else {
          times[step].np.push(await numpy(step));
          times[step].ew.push(ew[step]());
        }
      }
    }
    return times;
  } finally {
    child.stdin.end();
    child.kill();
  }
}

/** The paired table: per step the best time on each side, their ratio, and the median and range of the rounds' ratios. */
export function reportPaired(title: string, times: PairedTimes): void {
  console.log(`\n${title}`);
  console.log("step        edgeworks (s)   numpy (s)   ratio   round ratios: median  [min, max]");
  for (const step of PAIRED_STEPS) {
    const { ew, np } = times[step];
    const ratios = ew.map((t, i) => t / np[i]).sort((a, b) => a - b);
    const mid = ratios.length % 2 ? ratios[(ratios.length - 1) / 2] : (ratios[ratios.length / 2 - 1] + ratios[ratios.length / 2]) / 2;
    const a = Math.min(...ew);
    const b = Math.min(...np);
    console.log(
      `${step.padEnd(10)} ${a.toFixed(4).padStart(14)} ${b.toFixed(4).padStart(11)} ${(a / b).toFixed(2).padStart(7)} ${mid.toFixed(2).padStart(21)}  [${ratios[0].toFixed(2)}, ${ratios[ratios.length - 1].toFixed(2)}]`,
    );
  }
}
