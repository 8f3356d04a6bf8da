/**
 * applyShifts' kernels against each other in one run (alternating rounds, so a change of the
 * machine's load hits all alike):
 *
 *   npx tsx bench/shift.bench.ts           (the plateau series and one 1000 × 1000 × 20 stack)
 *   npx tsx bench/shift.bench.ts --small   (the plateau series only)
 *
 * The plateau series: `simulateOxygenPlateau({ seed: 2017 })`, 6 samples, each after
 * `opticalDensity` and shifted by its own `computeShifts`. The large stack: seeded noise on a
 * smooth background, shifts from −3.1 to +3.9 px in x and +1.7 to −2.7 px in y. Each kernel
 * writes into one reused output per stack (`out`), as preprocessStack does. Printed: the best time
 * of each kernel, ns per value, and the ratio lanczos / bilinear (the default kernel does 10 + 10
 * taps per value, bilinear 4).
 */
import { loadavg } from "node:os";
import { simulateOxygenPlateau } from "../src/simulate";
import { applyShifts, computeShifts, extractI0, opticalDensity, type ShiftMethod, type Shifts } from "../src/stack";
import { makeStack, type Stack } from "../src/types";

const METHODS: ShiftMethod[] = ["lanczos", "bilinear", "fourier"];

function seconds(fn: () => void): number {
  const t0 = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t0) / 1e9;
}

function run(name: string, stacks: Stack[], shifts: Shifts[], rounds: number): void {
  const outs = stacks.map((s) => new Float64Array(s.data.length));
  const best = new Map<ShiftMethod, number>(METHODS.map((m) => [m, Infinity]));
  for (let r = 0; r < rounds; r++) {
    for (const method of METHODS) {
      const t = seconds(() => stacks.forEach((s, i) => applyShifts(s, shifts[i], { method, out: outs[i] })));
      best.set(method, Math.min(best.get(method)!, t));
    }
  }
  const values = stacks.reduce((a, s) => a + s.data.length, 0);
  const parts = METHODS.map((m) => `${m} ${best.get(m)!.toFixed(3)} s (${((best.get(m)! / values) * 1e9).toFixed(1)} ns/value)`);
  console.log(`${name}, ${values.toLocaleString("en-US")} values, best of ${rounds}: ${parts.join(", ")}; lanczos / bilinear ${(best.get("lanczos")! / best.get("bilinear")!).toFixed(2)}`);
}

function main(): void {
  console.log(`applyShifts kernels; load average ${loadavg().map((v) => v.toFixed(2)).join(", ")} (1, 5, 15 min)`);
  const sim = simulateOxygenPlateau({ seed: 2017 });
  const ods = sim.samples.map((s) => opticalDensity(s.stack, { i0: extractI0(s.stack, { region: s.freeRegion }) }).stack);
  const shifts = ods.map((od) => computeShifts(od));
  run(`plateau series (${ods.length} × [${ods[0].nE}, ${ods[0].ny}, ${ods[0].nx}])`, ods, shifts, 7);
  if (!process.argv.includes("--small")) {
    const nE = 20, ny = 1000, nx = 1000;
    const data = new Float64Array(nE * ny * nx);
    let q = 1;
    for (let i = 0; i < data.length; i++) {
      q = (Math.imul(q, 1664525) + 1013904223) >>> 0;
      data[i] = q / 2 ** 32 + ((i % nx) - 500) ** 2 / 1e5;
    }
    const big = makeStack({ data, nE, ny, nx, energies: Array.from({ length: nE }, (_, e) => 500 + e) });
    const sh = { dx: Array.from({ length: nE }, (_, e) => 0.37 * e - 3.1), dy: Array.from({ length: nE }, (_, e) => -0.23 * e + 1.7) };
    run(`one stack [${nE}, ${ny}, ${nx}]`, [big], [sh], 3);
  }
  console.log(`load average ${loadavg().map((v) => v.toFixed(2)).join(", ")}`);
}

main();
