// The end-member selector beside jupyter-scatter, in one run, on the same synthetic points.
//
//   node bench/selector-vs-jscatter.mjs [--points 75000,1000000] [--repeat 1]
//
// Not part of CI. Needs `node scripts/setup.mjs` done (edgeworks kernel and labextension in
// .venv), /usr/bin/chromium (or CHROMIUM_PATH) and network access to PyPI the first time: the
// jupyter-scatter side runs in a throwaway venv outside the repo, $JSCATTER_VENV (default
// /tmp/jscatter-venv), created when missing with the versions measured on 2026-12-02:
// jupyterlab 4.6.6, jupyter-scatter 1.0.1 (regl-scatterplot, WebGL), anywidget 0.11.0,
// ipywidgets 8.1.9, ipykernel 7.4.0, numpy 2.4.6, pandas 3.1.1.
//
// Two JupyterLabs (edgeworks kernel; Python kernel with jupyter-scatter), one headless Chromium
// with software WebGL (SwiftShader: jupyter-scatter draws with WebGL), one page each. For each
// size, edgeworks then jupyter-scatter (interleaved), the same data: the noisy triangle of
// test/browser/perfChecks.mjs (three abundances, six samples; x, y = the first two), coloured
// by sample. Measured in the page (never asserted):
//  - cell start → first draw: the cell that creates and shows the widget is run; done when its
//    canvas shows > 2000 coloured pixels (the points, polled every animation frame);
//  - pan and lasso: 15 / 24 mouse moves, each followed by two animation frames; the frame time is
//    the interval between animation frames during the moves (median / max), edgeworks' own draw
//    time beside it;
//  - longest main-thread block: the longest `longtask` (PerformanceObserver) from mouse-down to
//    2 s after mouse-up, and the longest gap between animation frames in that window;
//  - mouse-up → kernel has the selection: the page's Date.now() at pointerup against the kernel's
//    own Date.now() / time.time() when the update was applied (edgeworks:
//    `sel.model.lastFrontendUpdate.at`; jupyter-scatter: an observer of `widget.selection`);
//    edgeworks also mouse-up → echo_update received by the page.
/* global window, requestAnimationFrame, PerformanceObserver -- used inside page.evaluate (browser code) */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium } from "playwright-core";
import { chromiumPath, CHROMIUM_HINT } from "../scripts/lib.mjs";
import { startLab } from "../test/browser/jupyterlab.mjs";
import { insertAndRun, openNotebook, runCell, waitIdle, watchKernel } from "../test/browser/notebookPage.mjs";
import { PERF_SETUP } from "../test/browser/perfChecks.mjs";

const VENV = process.env.JSCATTER_VENV ?? "/tmp/jscatter-venv";
const PINS = ["jupyterlab==4.6.6", "jupyter-scatter==1.0.1", "anywidget==0.11.0", "ipywidgets==8.1.9", "ipykernel==7.4.0", "numpy==2.4.6", "pandas==3.1.1"];
const arg = (name, dflt) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : dflt;
};
const SIZES = arg("--points", "75000,1000000").split(",").map(Number);
const REPEAT = Number(arg("--repeat", "1"));

function ensureVenv() {
  if (fs.existsSync(path.join(VENV, "bin", "jupyter-lab")) && fs.existsSync(path.join(VENV, "lib")) && spawnSync(path.join(VENV, "bin", "python"), ["-c", "import jscatter, ipykernel"]).status === 0) return;
  console.log(`creating ${VENV} (${PINS.join(", ")}) …`);
  for (const [cmd, args] of [
    ["python3", ["-m", "venv", VENV]],
    [path.join(VENV, "bin", "pip"), ["install", "-q", ...PINS]],
  ]) {
    const r = spawnSync(cmd, args, { stdio: "inherit" });
    if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} exited with ${r.status}: the jupyter-scatter venv could not be made (is PyPI reachable?)`);
  }
}

const notebook = (kernel) =>
  JSON.stringify({ cells: [], metadata: { kernelspec: kernel }, nbformat: 4, nbformat_minor: 5 });

/** JupyterLab of the jupyter-scatter venv (test/browser/jupyterlab.mjs' startLab), serving a temporary folder with bench.ipynb. */
const startJscatterLab = () =>
  startLab([], {
    files: { "bench.ipynb": notebook({ name: "python3", display_name: "Python 3", language: "python" }) },
    venvBin: path.join(VENV, "bin"),
    env: { ...process.env, PATH: `${VENV}/bin:${process.env.PATH}`, VIRTUAL_ENV: VENV },
    timeoutMs: 90000,
  });

/** In-page instruments: long tasks since load, pointer-up times, an animation-frame recorder. */
const INSTRUMENTS = () => {
  window.__longtasks = [];
  try {
    new PerformanceObserver((l) => {
      for (const e of l.getEntries()) window.__longtasks.push([e.startTime, e.duration]);
    }).observe({ type: "longtask", buffered: true });
  } catch {
    window.__longtasks = null;
  }
  window.__ups = [];
  window.addEventListener("pointerup", () => window.__ups.push([Date.now(), performance.now()]), { capture: true });
  window.__frames = null;
  window.__startFrames = () => {
    const f = (window.__frames = []);
    const tick = (t) => {
      if (window.__frames !== f) return;
      f.push(t);
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  };
  window.__stopFrames = () => {
    const f = window.__frames ?? [];
    window.__frames = null;
    return f;
  };
};

/** Insert a cell that displays a widget, run it; resolve when `selector` inside its output shows > 2000 coloured pixels: seconds. */
async function firstDraw(page, code, selector) {
  const t0 = Date.now();
  const idx = await insertAndRun(page, code);
  await page.waitForFunction(
    ([i, sel]) => {
      const out = window.jupyterapp.shell.currentWidget.content.widgets[i]?.node.querySelector(".jp-OutputArea");
      if (!out) return false;
      if (/Error|Traceback/.test(out.querySelector("[data-mime-type='application/vnd.jupyter.stderr']")?.textContent ?? "")) throw new Error(out.textContent.slice(0, 400));
      const cs = [...out.querySelectorAll(sel)].filter((c) => c.width * c.height > 40000);
      for (const c of cs) {
        const ctx = c.getContext("2d");
        if (!ctx) continue;
        const d = ctx.getImageData(0, 0, c.width, c.height).data;
        let k = 0;
        for (let p = 0; p < d.length; p += 16) if (d[p + 3] > 0 && Math.max(d[p], d[p + 1], d[p + 2]) - Math.min(d[p], d[p + 1], d[p + 2]) > 60) k++;
        if (k * 4 > 2000) {
          c.dataset.benchCell = String(i);
          return true;
        }
      }
      return false;
    },
    [idx, selector],
    { timeout: 300000, polling: "raf" },
  );
  return { seconds: (Date.now() - t0) / 1000, idx };
}

const median = (a) => (a.length ? [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)] : NaN);

/** Drag through page points (each move followed by two animation frames); frame intervals, long tasks and gaps up to 2 s after mouse-up. */
async function gesture(page, pts) {
  await page.mouse.move(pts[0][0], pts[0][1]);
  await page.evaluate(() => window.__startFrames());
  const tDown = await page.evaluate(() => performance.now());
  await page.mouse.down();
  const moveFrames = [];
  for (const [x, y] of pts.slice(1)) {
    await page.mouse.move(x, y);
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  }
  const ups = await page.evaluate(() => window.__ups.length);
  await page.mouse.up();
  await page.waitForFunction((n) => window.__ups.length > n, ups);
  const [upWall, upPerf] = await page.evaluate(() => window.__ups[window.__ups.length - 1]);
  const movesEnd = upPerf;
  await page.waitForTimeout(2000);
  const frames = await page.evaluate(() => window.__stopFrames());
  for (let i = 1; i < frames.length; i++) if (frames[i] > tDown && frames[i] <= movesEnd) moveFrames.push(frames[i] - frames[i - 1]);
  let gap = 0;
  for (let i = 1; i < frames.length; i++) gap = Math.max(gap, frames[i] - frames[i - 1]);
  const longest = await page.evaluate(([a, b]) => (window.__longtasks ? Math.max(0, ...window.__longtasks.filter(([s, d]) => s + d >= a && s <= b).map(([, d]) => d)) : NaN), [tDown, upPerf + 2000]);
  return { upWall, upPerf, frameMedianMs: median(moveFrames), frameMaxMs: Math.max(...moveFrames), longTaskMs: longest, rafGapMs: gap };
}

/** Page points of a loop (lasso) around (fx, fy) with radii (rx, ry) as fractions of box b. */
const loop = (b, fx, fy, rx, ry, n = 24) =>
  Array.from({ length: n + 1 }, (_, i) => [Math.round(b.x + b.width * (fx + rx * Math.cos((2 * Math.PI * i) / n))), Math.round(b.y + b.height * (fy + ry * Math.sin((2 * Math.PI * i) / n)))]);
const line = (b, fx, fy, dx, dy, n = 15) => Array.from({ length: n + 1 }, (_, i) => [Math.round(b.x + b.width * fx + dx * i), Math.round(b.y + b.height * fy + dy * i)]);

const PY_SETUP = `import math, time, numpy as np, pandas as pd, jscatter
def perf_data(n):
    # The noisy triangle of test/browser/perfChecks.mjs, the same generator (x, y: the first two abundances).
    s = 12345
    x = np.empty(n); y = np.empty(n)
    for i in range(n):
        s = (s * 16807) % 2147483647; a = -math.log(s / 2147483647)
        s = (s * 16807) % 2147483647; b = -math.log(s / 2147483647)
        s = (s * 16807) % 2147483647; c = -math.log(s / 2147483647) * 0.5
        t = a + b + c
        s = (s * 16807) % 2147483647; x[i] = a / t + 0.02 * (s / 2147483647 - 0.5)
        s = (s * 16807) % 2147483647; y[i] = b / t + 0.02 * (s / 2147483647 - 0.5)
    per = -(-n // 6)
    return pd.DataFrame({"x": x.astype(np.float32), "y": y.astype(np.float32), "sample": pd.Categorical([f"sample {k + 1}" for k in np.arange(n) // per])})
print("__done__")`;

async function measureEdgeworks(page, n) {
  await page.bringToFront();
  await runCell(page, `const perf${n} = perfData(${n}); console.log("__done__")`, 300000);
  await waitIdle(page);
  const fd = await firstDraw(page, `const perfSel${n} = perfSelector(perf${n}.M, perf${n}.T, { colorBy: "sample" }); perfSel${n}`, "canvas.edgeworks-plot-canvas");
  await waitIdle(page);
  const widget = page.locator(".edgeworks-selector").last();
  await widget.scrollIntoViewIfNeeded();
  const canvas = widget.locator("canvas.edgeworks-plot-canvas");
  await page.waitForTimeout(500);
  const m = await canvas.evaluate((c) => {
    const r = c.getBoundingClientRect();
    const [l, t, w, h] = c.dataset.plot.split(",").map(Number);
    return { x: r.left + l, y: r.top + t, width: w, height: h };
  });
  await widget.locator("button.edgeworks-tool-pan").click();
  const own0 = Number(await canvas.evaluate((c) => c.dataset.frames));
  const pan = await gesture(page, line(m, 0.5, 0.5, 4, 2));
  const own = await canvas.evaluate((c) => ({ n: Number(c.dataset.frames), list: c.dataset.frameMs.split(",").map(Number) }));
  const ownPan = own.list.slice(-Math.min(own.n - own0, own.list.length));
  await canvas.dblclick();
  await page.waitForTimeout(1500);
  await widget.locator("button.edgeworks-tool-lasso").click();
  const echoes = await page.evaluate(() => window.__echoes.length);
  const lasso = await gesture(page, loop(m, 0.45, 0.55, 0.2, 0.2));
  await page.waitForFunction((b) => window.__echoes.length > b, echoes, { timeout: 60000 });
  const echo = await page.evaluate(() => window.__echoes[window.__echoes.length - 1]);
  await waitIdle(page);
  const out = await runCell(page, `console.log("kernel", perfSel${n}.model.lastFrontendUpdate?.at, Object.values(perfSel${n}.groups)[0]?.length ?? 0); console.log("__done__")`);
  const [, at, sel] = /kernel (\d+) (\d+)/.exec(out) ?? [];
  await runCell(page, `perfSel${n}.model.close(); console.log("__done__")`);
  return { firstDrawS: fd.seconds, pan, ownPanMedianMs: median(ownPan), ownPanMaxMs: Math.max(...ownPan), lasso, kernelMs: Number(at) - lasso.upWall, echoMs: echo - lasso.upPerf, selected: Number(sel) };
}

async function measureJscatter(page, n) {
  await page.bringToFront();
  await runCell(page, `df${n} = perf_data(${n}); print("__done__")`, 300000);
  await waitIdle(page);
  const fd = await firstDraw(page, `sc${n} = jscatter.Scatter(data=df${n}, x="x", y="y", color_by="sample", height=380)\nsel_at${n} = []\nsc${n}.widget.observe(lambda c: sel_at${n}.append(time.time() * 1000), names="selection")\nsc${n}.show()`, "canvas");
  await waitIdle(page);
  const canvas = page.locator(`canvas[data-bench-cell]`).last();
  await canvas.scrollIntoViewIfNeeded();
  await page.waitForTimeout(500);
  const m = await canvas.evaluate((c) => {
    const r = c.getBoundingClientRect();
    return { x: r.left, y: r.top, width: r.width, height: r.height };
  });
  const pan = await gesture(page, line(m, 0.5, 0.5, 4, 2));
  await runCell(page, `sc${n}.mouse("lasso"); print("__done__")`);
  await waitIdle(page);
  await page.waitForTimeout(500);
  const lasso = await gesture(page, loop(m, 0.45, 0.55, 0.2, 0.2));
  await waitIdle(page);
  const out = await runCell(page, `print("kernel", int(sel_at${n}[-1]) if sel_at${n} else -1, len(sc${n}.widget.selection) if sc${n}.widget.selection is not None else 0); print("__done__")`);
  const [, at, sel] = /kernel (-?\d+) (\d+)/.exec(out) ?? [];
  await runCell(page, `sc${n}.widget.close(); del df${n}; print("__done__")`);
  return { firstDrawS: fd.seconds, pan, lasso, kernelMs: Number(at) > 0 ? Number(at) - lasso.upWall : NaN, selected: Number(sel) };
}

ensureVenv();
const load0 = os.loadavg();
let ew, js, browser;
const rows = [];
try {
  ew = await startLab(["getting-started.ipynb"]);
  fs.writeFileSync(path.join(ew.dir, "bench.ipynb"), notebook({ name: "edgeworks", display_name: "TypeScript (edgeworks)", language: "typescript" }));
  js = await startJscatterLab();
  const exe = chromiumPath();
  if (!exe) throw new Error(`Chromium not found — ${CHROMIUM_HINT}`);
  browser = await chromium.launch({
    executablePath: exe,
    args: ["--no-sandbox", "--use-angle=swiftshader", "--enable-unsafe-swiftshader", "--ignore-gpu-blocklist", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", "--disable-renderer-backgrounding", "--disable-background-timer-throttling", "--disable-backgrounding-occluded-windows"],
  });
  const ewPage = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  const jsPage = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  for (const p of [ewPage, jsPage]) await p.addInitScript(INSTRUMENTS);
  await openNotebook(ewPage, ew, "bench.ipynb");
  await watchKernel(ewPage);
  await openNotebook(jsPage, js, "bench.ipynb");
  const s1 = await runCell(ewPage, PERF_SETUP, 120000);
  if (!/__done__/.test(s1)) throw new Error(`edgeworks setup cell failed: ${s1.slice(0, 300)}`);
  const s2 = await runCell(jsPage, PY_SETUP, 120000);
  if (!/__done__/.test(s2)) throw new Error(`jupyter-scatter setup cell failed: ${s2.slice(0, 300)}`);
  for (let r = 0; r < REPEAT; r++) {
    for (const n of SIZES) {
      const e = await measureEdgeworks(ewPage, n);
      console.log(`edgeworks ${n}: ${JSON.stringify(e)}`);
      const j = await measureJscatter(jsPage, n);
      console.log(`jupyter-scatter ${n}: ${JSON.stringify(j)}`);
      rows.push({ n, e, j });
    }
  }
} finally {
  await browser?.close().catch(() => {});
  ew?.stop();
  js?.stop();
}
const load1 = os.loadavg();
const f = (v, d = 0) => (Number.isFinite(v) ? v.toFixed(d) : "—");
console.log(`\nload average (1 min) ${load0[0].toFixed(1)} at the start, ${load1[0].toFixed(1)} at the end; ${os.cpus().length} cores; ${new Date().toISOString()}`);
console.log("| points | widget | cell → first draw (s) | pan frame median / max (ms) | lasso frame median / max (ms) | longest block pan / lasso (ms) | longest rAF gap pan / lasso (ms) | mouse-up → kernel has it (ms) | selected |");
console.log("|---|---|---|---|---|---|---|---|---|");
for (const { n, e, j } of rows) {
  console.log(`| ${n.toLocaleString("en")} | edgeworks | ${f(e.firstDrawS, 2)} | ${f(e.pan.frameMedianMs)} / ${f(e.pan.frameMaxMs)} (draw ${f(e.ownPanMedianMs)} / ${f(e.ownPanMaxMs)}) | ${f(e.lasso.frameMedianMs)} / ${f(e.lasso.frameMaxMs)} | ${f(e.pan.longTaskMs)} / ${f(e.lasso.longTaskMs)} | ${f(e.pan.rafGapMs)} / ${f(e.lasso.rafGapMs)} | ${f(e.kernelMs)} (echo ${f(e.echoMs)}) | ${e.selected} |`);
  console.log(`| ${n.toLocaleString("en")} | jupyter-scatter | ${f(j.firstDrawS, 2)} | ${f(j.pan.frameMedianMs)} / ${f(j.pan.frameMaxMs)} | ${f(j.lasso.frameMedianMs)} / ${f(j.lasso.frameMaxMs)} | ${f(j.pan.longTaskMs)} / ${f(j.lasso.longTaskMs)} | ${f(j.pan.rafGapMs)} / ${f(j.lasso.rafGapMs)} | ${f(j.kernelMs)} | ${j.selected} |`);
}
