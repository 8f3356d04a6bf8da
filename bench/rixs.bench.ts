/**
 * edgeworks RIXS reduction vs a numpy implementation of the same steps, in one run:
 *
 *   npx tsx bench/rixs.bench.ts            (100 frames of 2048 × 512, 16-bit TIFF)
 *   npx tsx bench/rixs.bench.ts --small    (20 frames of 1024 × 256, to try it out)
 *
 * The frames (LNMO 4.8 V O K-edge model of src/simulate/rixsModel.ts, planted curvature and
 * tilt, Poisson counts, bias, cosmic-ray hits) are written once to a temporary folder as an
 * ALS-style scan table + one TIFF per frame + dark.tif + elastic.tif; both sides read the same
 * files and do the same steps (read TIFF, mask saturated, subtract dark, cosmic rays by the local-
 * median test, curvature from the elastic frame, integrate with sub-pixel redistribution, I₀ and
 * exposure, stack, elastic-line calibration): edgeworks with readScanTable + fitCurvature +
 * processRixsScan, numpy with bench/rixs_ref.py (a persistent process; the sides alternate round
 * by round and the best round of each is reported). Ratio = edgeworks time / numpy time.
 */
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir, loadavg } from "node:os";
import { join, resolve } from "node:path";
import { createRng } from "../src/linalg/createRng";
import { encodeTiff, readScanTable, readTiffFrames, fitCurvature, removeCosmicRays, subtractDark, processRixsScan } from "../src/rixs";
import { rixsModel, rixsIntensity } from "../src/simulate/rixsModel";
import { reexecWithHugePages } from "./_hugePages";

const ROOT = resolve(__dirname, "..");
const PY = join(ROOT, ".venv", "bin", "python");
const small = process.argv.includes("--small");
const N = small ? 20 : 100, ROWS = small ? 1024 : 2048, COLS = small ? 256 : 512;
const DISP = 20.4 / ROWS, OFFSET = 517.0, TILT = 0.006, CURV = 1.5e-5;
/** Half-width (rows) of the peak fits: the elastic line is 0.35 eV FWHM, 35 rows at 2048 rows. */
const HW = Math.round(0.8 / DISP);

function writeData(dir: string): void {
  const rng = createRng(100);
  const model = rixsModel("LNMO", "4.8 V");
  const c0 = (COLS - 1) / 2;
  const shift = Float64Array.from({ length: COLS }, (_, c) => TILT * (c - c0) + CURV * (c - c0) ** 2);
  const poisson = (lam: number): number => {
    if (lam >= 10) return rng.poisson(lam);
    const u = rng.uniform();
    let k = 0, p = Math.exp(-lam), F = p;
    while (u > F && k < 200) { k++; p *= lam / k; F += p; }
    return k;
  };
  const frame = (ein: number, scale: number, cosmics: number): Uint16Array => {
    const sub = 8, nT = (ROWS + 16) * sub, tab = new Float64Array(nT);
    for (let t = 0; t < nT; t++) tab[t] = scale * rixsIntensity(model, ein, OFFSET + DISP * (t / sub - 8));
    const img = new Uint16Array(ROWS * COLS);
    for (let r = 0; r < ROWS; r++) for (let c = 0; c < COLS; c++) {
      const u = (r - shift[c] + 8) * sub, k = Math.floor(u), w = u - k;
      img[r * COLS + c] = Math.min(65535, 100 + poisson((1 - w) * tab[k] + w * tab[k + 1] + 1));
    }
    for (let h = 0; h < cosmics; h++) {
      const i = rng.int(ROWS * COLS);
      img[i] = Math.min(65535, img[i] + 300 + rng.int(3000));
    }
    return img;
  };
  mkdirSync(join(dir, "Andor"), { recursive: true });
  const lines = ["X Motor: BL 8 Energy", ["Time", "Frame #", "BL 8 Energy", "Izero", "Exposure (s)", "Filename"].join("\t")];
  for (let i = 0; i < N; i++) {
    const e = 527 + (i * 9.9) / (N - 1), i0 = 1.2e7 * (1 + 0.01 * rng.normal());
    const name = `scan-${String(i + 1).padStart(5, "0")}`;
    writeFileSync(join(dir, "Andor", `${name}.tif`), encodeTiff([{ data: frame(e, 15 * DISP * 60 * 8, 20), width: COLS, height: ROWS }]));
    lines.push(["00:00:00", String(i + 1), e.toFixed(6), i0.toFixed(2), "60", name].join("\t"));
  }
  writeFileSync(join(dir, "scan-AI.txt"), lines.join("\n") + "\n");
  const dark = new Uint16Array(ROWS * COLS);
  for (let i = 0; i < dark.length; i++) dark[i] = 100 + poisson(1);
  writeFileSync(join(dir, "dark.tif"), encodeTiff([{ data: dark, width: COLS, height: ROWS }]));
  writeFileSync(join(dir, "elastic.tif"), encodeTiff([{ data: frame(527, 15 * DISP * 600 * 8, 20), width: COLS, height: ROWS }]));
}

async function edgeworks(dir: string): Promise<{ dispersion: number; offset: number; cosmics: number; curvature: readonly number[]; row: Float64Array }> {
  const table = readScanTable(join(dir, "scan-AI.txt"));
  const dark = readTiffFrames(join(dir, "dark.tif"))[0];
  const el = readTiffFrames(join(dir, "elastic.tif"))[0];
  const curvature = fitCurvature(removeCosmicRays(subtractDark(el, { dark }).frame).frame, { halfWidth: HW });
  const r = await processRixsScan(table, { dark, curvature, calibration: { halfWidth: HW, searchHalfWidth: 2 * HW } });
  const m = r.pixelMap;
  return { dispersion: r.calibration.dispersion, offset: r.calibration.offset, cosmics: r.cosmicPixels, curvature: curvature.coefficients, row: m.data.slice((N >> 1) * m.nCols, ((N >> 1) + 1) * m.nCols) };
}

// large typed arrays get transparent huge pages, as numpy's do (glibc tunable; see _hugePages.ts)
reexecWithHugePages();
(async () => {
  const dir = mkdtempSync(join(tmpdir(), "rixs-bench-"));
  try {
    let t0 = Date.now();
    writeData(dir);
    console.log(`data: ${N} frames of ${ROWS} × ${COLS} (16-bit TIFF, ${((N * ROWS * COLS * 2) / 2 ** 20).toFixed(0)} MiB) written in ${((Date.now() - t0) / 1000).toFixed(1)} s; load average ${loadavg()[0].toFixed(1)}`);
    const env = { ...process.env };
    delete env.OPENBLAS_CORETYPE;
    delete env.OPENBLAS_L2_SIZE;
    const py = spawn(PY, [join(__dirname, "rixs_ref.py")], { env });
    py.stderr.on("data", (d) => process.stderr.write(d));
    const lines = createInterface({ input: py.stdout })[Symbol.asyncIterator]();
    let best = Infinity, bestRef = Infinity;
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    let ours: any, theirs: any;
    const rounds = small ? 3 : 2;
    for (let k = 0; k < rounds; k++) {
      await new Promise((r) => setTimeout(r, 250));
      t0 = Date.now();
      ours = await edgeworks(dir);
      best = Math.min(best, (Date.now() - t0) / 1000);
      await new Promise((r) => setTimeout(r, 250));
      py.stdin.write(`run ${HW} ${dir}\n`);
      const line = await lines.next();
      if (line.done) throw new Error("rixs_ref.py exited");
      theirs = JSON.parse(line.value);
      bestRef = Math.min(bestRef, theirs.t);
      console.log(`round ${k + 1}: edgeworks ${((Date.now() - t0) / 1000 - theirs.t).toFixed(2)} s, numpy ${theirs.t.toFixed(2)} s`);
    }
    py.stdin.end();
    let scale = 0, diff = 0;
    ours.row.forEach((v: number, j: number) => { const w = theirs.row[j]; if (Number.isFinite(v) && w !== null) { scale = Math.max(scale, Math.abs(w)); diff = Math.max(diff, Math.abs(v - w)); } });
    console.log(`\n| task | edgeworks | numpy | ratio | target |\n|---|---|---|---|---|`);
    console.log(`| ${N} frames ${ROWS} × ${COLS} → calibrated map | ${best.toFixed(2)} s | ${bestRef.toFixed(2)} s | ${(best / bestRef).toFixed(2)} | ≤ 1.0 |`);
    console.log(`\nsame answer: dispersion ${ours.dispersion.toPrecision(8)} vs ${theirs.dispersion.toPrecision(8)} eV/px (planted ${DISP.toPrecision(8)}), offset ${ours.offset.toFixed(4)} vs ${theirs.offset.toFixed(4)} eV (planted ${OFFSET}), ` +
      `cosmic-ray pixels ${ours.cosmics} vs ${theirs.cosmics}, curvature [${ours.curvature.slice(1).map((v: number) => v.toPrecision(4)).join(", ")}] vs [${theirs.curvature.slice(1).map((v: number) => v.toPrecision(4)).join(", ")}] (planted ${TILT}, ${CURV}), ` +
      `middle spectrum largest difference ${(diff / scale).toExponential(2)} of its scale`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
})();
