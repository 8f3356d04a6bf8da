// Measurements (reported, never asserted): the selector at 75,000 and 1,000,000 synthetic points
// (three abundances of a noisy triangle, six samples): cell start → first draw (first finished
// raster), the view's own first draw, frame times while panning, the longest main-thread block
// (longtask) from mouse-down to 2 s after mouse-up of a pan and of a rectangle, and mouse-up →
// the kernel has the selection (the kernel's own Date.now() when it applied the update, against
// the page's at pointerup) and → the kernel's echo received by the page.
/* global PerformanceObserver -- used inside page.evaluate (browser code) */
import { runCell, waitIdle, plotMapping, at, drag, watchKernel } from "./notebookPage.mjs";

/** Kernel cell defining `perfData(n)` (also used by bench/selector-vs-jscatter.mjs). */
export const PERF_SETUP = `import * as ewPerf from "edgeworks";
import { endmemberSelector as perfSelector } from "edgeworks/kernel";
const perfData = (n: number) => {
  const W = new Float64Array(n * 3); let s = 12345;
  const rnd = () => (s = (s * 16807) % 2147483647) / 2147483647;
  for (let i = 0; i < n; i++) { const a = -Math.log(rnd()), b = -Math.log(rnd()), c = -Math.log(rnd()) * 0.5, t = a + b + c;
    W[3 * i] = a / t + 0.02 * (rnd() - 0.5); W[3 * i + 1] = b / t + 0.02 * (rnd() - 0.5); W[3 * i + 2] = c / t; }
  const per = Math.ceil(n / 6), nx = 1000, ny = Math.ceil(per / nx);
  const T = ewPerf.makePixelTable({ data: new Float64Array(n), nPixels: n, nE: 1, energies: [530],
    sample: Int32Array.from({ length: n }, (_, i) => Math.floor(i / per)), x: Int32Array.from({ length: n }, (_, i) => (i % per) % nx),
    y: Int32Array.from({ length: n }, (_, i) => Math.floor((i % per) / nx)), brightness: Float64Array.from({ length: n }, () => rnd()),
    samples: Array.from({ length: 6 }, (_, j) => ({ name: \`sample \${j + 1}\`, ny, nx })) });
  return { M: ewPerf.matrix(W, n, 3, ["pixel", "component"]), T };
};
console.log("__done__");`;

async function measure(page, n) {
  const before = await page.locator(".edgeworks-selector").count();
  await runCell(page, `const perf${n} = perfData(${n}); console.log("__done__")`, 120000);
  await waitIdle(page);
  const t0 = Date.now();
  await page.evaluate((src) => {
    const nb = window.jupyterapp.shell.currentWidget.content;
    nb.model.sharedModel.insertCell(nb.widgets.length, { cell_type: "code", source: src });
    nb.activeCellIndex = nb.widgets.length - 1;
    window.jupyterapp.commands.execute("notebook:run-cell");
  }, `const perfSel${n} = perfSelector(perf${n}.M, perf${n}.T, { colorBy: "sample" }); perfSel${n}`);
  const widget = page.locator(".edgeworks-selector").nth(before);
  const canvas = widget.locator("canvas.edgeworks-plot-canvas");
  await canvas.waitFor({ timeout: 120000 });
  await page.waitForFunction((i) => Number(document.querySelectorAll(".edgeworks-selector canvas.edgeworks-plot-canvas")[i]?.dataset.rasters ?? 0) >= 1, before, { timeout: 120000 });
  const cellToDrawS = (Date.now() - t0) / 1000;
  await waitIdle(page);
  await widget.scrollIntoViewIfNeeded();
  const viewFirstDrawMs = Number(await canvas.evaluate((c) => c.dataset.firstDrawMs));
  // Pan: 15 moves, each followed by one animation frame.
  await widget.locator("button.edgeworks-tool-pan").click();
  const m = await plotMapping(canvas);
  const framesBefore = Number(await canvas.evaluate((c) => c.dataset.frames));
  const [sx, sy] = at(m, 0.5, 0.5);
  await page.mouse.move(sx, sy);
  const panDown = await page.evaluate(() => performance.now());
  await page.mouse.down();
  const tp = Date.now();
  for (let j = 1; j <= 15; j++) {
    await page.mouse.move(sx + 4 * j, sy + 2 * j);
    await page.evaluate(() => new Promise((r) => globalThis.requestAnimationFrame(() => globalThis.requestAnimationFrame(r))));
  }
  await page.mouse.up();
  const panWallMs = Date.now() - tp;
  const frames = await canvas.evaluate((c) => ({ n: Number(c.dataset.frames), list: c.dataset.frameMs.split(",").map(Number) }));
  await page.waitForTimeout(2000);
  const panBlockMs = await longestTask(page, panDown);
  const drawn = frames.n - framesBefore;
  const panFrames = frames.list.slice(-Math.min(drawn, frames.list.length));
  const median = [...panFrames].sort((a, b) => a - b)[Math.floor(panFrames.length / 2)];
  await canvas.dblclick();
  // Mouse-up → kernel: a rectangle.
  await widget.locator("button.edgeworks-tool-rect").click();
  const m2 = await plotMapping(canvas);
  const echoes = await page.evaluate(() => window.__echoes.length);
  const rectDown = await page.evaluate(() => performance.now());
  const t = await drag(page, [at(m2, 0.3, 0.3), at(m2, 0.5, 0.5), at(m2, 0.7, 0.7)]);
  await page.waitForFunction((b) => window.__echoes.length > b, echoes, { timeout: 60000 });
  const echo = await page.evaluate(() => window.__echoes[window.__echoes.length - 1]);
  const upWall = await page.evaluate(() => window.__perfUps[window.__perfUps.length - 1]);
  await page.waitForTimeout(2000);
  const rectBlockMs = await longestTask(page, rectDown);
  await waitIdle(page);
  const out = await runCell(page, `console.log("kernel", Object.values(perfSel${n}.groups)[0]?.length ?? 0, perfSel${n}.model.lastFrontendUpdate?.at ?? -1); console.log("__done__")`);
  const [, sel, kernelAt] = /kernel (\d+) (-?\d+)/.exec(out) ?? [];
  const selected = Number(sel ?? -1);
  // Free the kernel and the page of this widget.
  await runCell(page, `perfSel${n}.model.close(); console.log("__done__")`);
  return { points: n, cellToFirstDrawS: cellToDrawS, viewFirstDrawMs, panFramesDrawn: drawn, panFrameMedianMs: median, panFrameMaxMs: Math.max(...panFrames), panWallMs, panLongestBlockMs: panBlockMs, rectLongestBlockMs: rectBlockMs, mouseUpToKernelHasItMs: Number(kernelAt) - upWall, mouseUpToEchoMs: Math.round(echo - t), selected };
}

/** The longest long task (PerformanceObserver "longtask") that started after `since` (page performance.now()), ms; 0 when none. */
async function longestTask(page, since) {
  return page.evaluate((a) => Math.max(0, ...window.__perfLongTasks.filter(([s, d]) => s + d >= a).map(([, d]) => Math.round(d))), since);
}

export async function perfChecks(page, check, measures) {
  await watchKernel(page); // the page may have been reloaded since
  await page.evaluate(() => {
    window.__perfLongTasks = [];
    new PerformanceObserver((l) => {
      for (const e of l.getEntries()) window.__perfLongTasks.push([e.startTime, e.duration]);
    }).observe({ type: "longtask" });
    window.__perfUps = [];
    window.addEventListener("pointerup", () => window.__perfUps.push(Date.now()), { capture: true });
  });
  const out = await runCell(page, PERF_SETUP, 60000);
  if (!/__done__/.test(out)) throw new Error(`perf setup cell failed: ${out.slice(0, 300)}`);
  measures.synthetic = [];
  for (const n of [75000, 1000000]) {
    const r = await measure(page, n);
    measures.synthetic.push(r);
    console.log(`  measure: ${JSON.stringify(r)}`);
    check(`the selector draws and selects at ${n.toLocaleString("en")} points`, r.selected > 0 && r.panFramesDrawn > 0, `${r.selected} selected, ${r.panFramesDrawn} pan frames`);
  }
}
