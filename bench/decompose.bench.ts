/**
 * edgeworks decomposition vs numpy / scikit-learn, side by side in one run:
 *
 *   npx tsx bench/decompose.bench.ts            (74,700 × 50, then 1,000,000 × 100)
 *   npx tsx bench/decompose.bench.ts --small    (skip the 1,000,000 × 100 case)
 *
 * Data are generated here (seeded) and written as Float64 binaries to a temporary directory
 * that bench/decompose_ref.py reads, so both sides see the same bytes. The Python side runs
 * with OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE removed from its environment (native kernels).
 * Times are the best of several repeats; ratios are edgeworks / numpy (< 1 = edgeworks faster).
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pca, nmf, nnlsPixels } from "../src/decompose";
import { createRng } from "../src/linalg";

const ROOT = resolve(__dirname, "..");
const PY = join(ROOT, ".venv", "bin", "python");

function bestOf<T>(repeats: number, fn: () => T): { t: number; out: T } {
  let best = Infinity;
  let out!: T;
  for (let r = 0; r < repeats; r++) {
    const t0 = process.hrtime.bigint();
    out = fn();
    best = Math.min(best, Number(process.hrtime.bigint() - t0) / 1e9);
  }
  return { t: best, out };
}

/** Mixtures of k Gaussian-peak spectra with thickness variation and noise (as the O K pre-edge). */
function makeData(seed: number, n: number, E: number, k: number): { X: Float64Array; S: Float64Array } {
  const rng = createRng(seed);
  const S = new Float64Array(k * E);
  for (let t = 0; t < k; t++) {
    for (let j = 0; j < E; j++) {
      const e = j / (E - 1);
      S[t * E + j] = Math.exp(-0.5 * ((e - 0.2 - (0.6 * t) / Math.max(k - 1, 1)) / 0.07) ** 2) + 0.2 + 0.3 * e;
    }
  }
  const X = new Float64Array(n * E);
  const f = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let t = 0; t < k; t++) { f[t] = -Math.log(1 - rng.uniform()); s += f[t]; }
    const thick = 0.5 + rng.uniform();
    for (let j = 0; j < E; j++) {
      let v = 0;
      for (let t = 0; t < k; t++) v += (f[t] / s) * thick * S[t * E + j];
      X[i * E + j] = v + 0.02 * rng.normal();
    }
  }
  return { X, S };
}

function runPython(mode: string, dir: string): Record<string, number> {
  const env = { ...process.env };
  delete env.OPENBLAS_CORETYPE;
  delete env.OPENBLAS_L2_SIZE;
  const r = spawnSync(PY, [join(__dirname, "decompose_ref.py"), mode, dir], { env, encoding: "utf8", maxBuffer: 1 << 24 });
  if (r.status !== 0) throw new Error(`decompose_ref.py ${mode} failed:\n${r.stderr}`);
  return JSON.parse(r.stdout.trim().split("\n").pop() as string);
}

const fmt = (s: number): string => (s < 1 ? `${(s * 1000).toFixed(1)} ms` : `${s.toFixed(2)} s`);
const rows: string[][] = [];
function row(task: string, ours: number, theirs: number, ref: string, target: string): void {
  const ratio = ours / theirs;
  rows.push([task, fmt(ours), fmt(theirs), ref, ratio.toFixed(2), target]);
}

function small(): void {
  const n = 74700, E = 50, k = 3, nmfIter = 200, pcaComponents = 20;
  const { X, S } = makeData(1, n, E, k);
  const dir = mkdtempSync(join(tmpdir(), "edgeworks-bench-"));
  writeFileSync(join(dir, "X.f64"), Buffer.from(X.buffer, X.byteOffset, X.byteLength));
  writeFileSync(join(dir, "S.f64"), Buffer.from(S.buffer, S.byteOffset, S.byteLength));
  writeFileSync(join(dir, "meta.json"), JSON.stringify({ nRows: n, nCols: E, k, nmfIter, pcaComponents }));
  try {
    const py = runPython("small", dir);
    const p0 = bestOf(7, () => pca(X, n, E, { scores: false }));
    const dRatio = Math.max(...(py.pca_ratio as unknown as number[]).map((v, j) => Math.abs(v - p0.out.explainedVarianceRatio[j]) / v));
    row("PCA centred, eigen only (Gram + eigensolver)", p0.t, py.pca_eigh, "numpy (X−μ)ᵀ(X−μ) + eigh", "≤ 1.0");
    const p1 = bestOf(5, () => pca(X, n, E, { nComponents: pcaComponents }));
    row(`PCA + ${pcaComponents} score columns`, p1.t, py.pca_sklearn, "sklearn PCA.fit_transform", "—");
    const Xn = X.map((v) => Math.max(v, 0));
    const m = bestOf(3, () => nmf(Xn, n, E, { k, solver: "cd", init: "nndsvda", tol: 0, maxIter: nmfIter }));
    row(`NMF cd k=${k}, ${nmfIter} iterations`, m.t, py.nmf_cd, "sklearn NMF(cd, nndsvda)", "≤ 0.5");
    const q = bestOf(5, () => nnlsPixels(X, n, E, S, k));
    let rs = 0;
    for (const v of q.out.residualNorm) rs += v;
    row(`NNLS all pixels, ${k} end members`, q.t, py.nnls_vectorised, "numpy vectorised active set", "≤ 0.5");
    row(`NNLS all pixels, ${k} end members`, q.t, py.nnls_scipy_loop, "scipy.optimize.nnls loop", "—");
    console.log(`\n74,700 × 50 (numpy ${py.numpy}; OPENBLAS_CORETYPE unset for Python)`);
    printTable();
    console.log(`checks: PCA variance ratios max rel. diff ${dRatio.toExponential(1)}; NMF error edgeworks ${m.out.reconstructionError.toPrecision(10)} vs sklearn ${Number(py.nmf_cd_error).toPrecision(10)} (${py.nmf_cd_iter} iter); NNLS Σ residual ${rs.toPrecision(10)} vs ${Number(py.nnls_residual_sum).toPrecision(10)}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function printTable(): void {
  const head = ["task", "edgeworks", "reference", "reference is", "ratio", "target"];
  const all = [head, ...rows];
  const w = head.map((_, c) => Math.max(...all.map((r) => r[c].length)));
  for (const [i, r] of all.entries()) {
    console.log(r.map((s, c) => s.padEnd(w[c])).join(" | "));
    if (i === 0) console.log(w.map((x) => "-".repeat(x)).join("-|-"));
  }
  rows.length = 0;
}

function largeChild(dir: string): void {
  // fresh process: data, then PCA; report peak RSS
  const n = 1_000_000, E = 100;
  const { X } = makeData(2, n, E, 3);
  writeFileSync(join(dir, "X.f64"), Buffer.from(X.buffer, X.byteOffset, X.byteLength));
  writeFileSync(join(dir, "meta.json"), JSON.stringify({ nRows: n, nCols: E }));
  global.gc?.();
  const rss0 = process.resourceUsage().maxRSS;
  const cur0 = process.memoryUsage().rss;
  const t0 = process.hrtime.bigint();
  const r = pca(X, n, E, { nComponents: 20 });
  const t = Number(process.hrtime.bigint() - t0) / 1e9;
  const rss1 = process.resourceUsage().maxRSS;
  console.log(JSON.stringify({ t, rss0, cur0, rss1, ratio0: r.explainedVarianceRatio[0] }));
}

function large(): void {
  const dir = mkdtempSync(join(tmpdir(), "edgeworks-bench-large-"));
  try {
    const child = spawnSync(process.execPath, ["--expose-gc", "--max-old-space-size=8192", "--import", "tsx", __filename, "--large-child", dir], { encoding: "utf8" });
    if (child.status !== 0) throw new Error(`large child failed:\n${child.stderr}`);
    const ours = JSON.parse(child.stdout.trim().split("\n").pop() as string);
    const py = runPython("large", dir);
    row("PCA centred, 20 components + scores", ours.t, py.pca_eigh, "numpy (X−μ)ᵀ(X−μ) + eigh", "—");
    console.log("\n1,000,000 × 100");
    printTable();
    const mb = (kb: number): string => `${(kb / 1024).toFixed(0)} MB`;
    console.log(`peak RSS edgeworks: ${mb(ours.rss1)} (data alone ${mb(ours.rss0)}: +${mb(ours.rss1 - ours.rss0)} for PCA incl. 160 MB of scores)`);
    console.log(`peak RSS numpy:     ${mb(py.maxrss_kb)} (data alone ${mb(py.maxrss_data_kb)}: +${mb(py.maxrss_kb - py.maxrss_data_kb)})`);
    console.log(`check: first variance ratio ${ours.ratio0.toPrecision(12)} vs ${py.ratio0.toPrecision(12)}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const argv = process.argv.slice(2);
if (argv[0] === "--large-child") {
  largeChild(argv[1]);
} else {
  small();
  if (!argv.includes("--small")) large();
}
