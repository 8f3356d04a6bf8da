// Browser test: real JupyterLab in headless Chromium (Debian's chromium, driven by playwright-core).
// Opens getting-started.ipynb, runs all cells, checks the widget renders, drags a brush, and reads
// the selected count back from the kernel in the next cell. Screenshots go to test-results/browser/.
import fs from "node:fs";
import path from "node:path";
import { chromium } from "playwright-core";
import { ROOT } from "../../scripts/lib.mjs";
import { startLab } from "./jupyterlab.mjs";

const OUT = path.join(ROOT, "test-results", "browser");
fs.mkdirSync(OUT, { recursive: true });
const results = [];
function check(name, ok, detail = "") {
  results.push({ name, ok });
  console.log(`  ${ok ? "✔" : "✘"} ${name}${detail ? ` — ${detail}` : ""}`);
}

const lab = await startLab(["getting-started.ipynb"]);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"],
});
let page;
try {
  page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  const consoleErrors = [];
  page.on("console", (m) => m.type() === "error" && consoleErrors.push(m.text()));
  await page.goto(`${lab.url}/lab/tree/getting-started.ipynb?token=${lab.token}`);
  await page.waitForFunction(() => window.jupyterapp && window.jupyterapp.shell.currentWidget && window.jupyterapp.shell.currentWidget.sessionContext, null, { timeout: 90000 });
  await page.waitForFunction(() => {
    const s = window.jupyterapp.shell.currentWidget.sessionContext;
    return s.session && s.session.kernel && s.session.kernel.status === "idle";
  }, null, { timeout: 90000 });
  const kernelName = await page.evaluate(() => window.jupyterapp.shell.currentWidget.sessionContext.session.kernel.name);
  // Keep every status message the page receives, to explain a kernel that stays busy.
  await page.evaluate(() => {
    window.__statusLog = [];
    window.jupyterapp.shell.currentWidget.sessionContext.session.kernel.iopubMessage.connect((_k, m) => {
      if (m.header.msg_type === "status") window.__statusLog.push(`${m.content.execution_state} ← ${m.parent_header.msg_type ?? "?"} ${String(m.parent_header.msg_id ?? "").slice(0, 8)}`);
    });
  });
  check("the notebook opens on the edgeworks kernel", kernelName === "edgeworks", kernelName);

  await page.evaluate(() => window.jupyterapp.commands.execute("notebook:run-all-cells"));
  const chart = page.locator(".jp-OutputArea-output .vega-embed").first();
  await chart.waitFor({ timeout: 60000 });
  check("a vega-lite chart renders in a cell", true);

  const widget = page.locator(".edgeworks-scatter canvas").first();
  let rendered = true;
  try {
    await widget.waitFor({ timeout: 60000 });
  } catch {
    rendered = false;
  }
  const errorText = await page.locator("text=Error displaying widget").count();
  check("the scatter widget renders (no 'Error displaying widget')", rendered && errorText === 0, `errors shown: ${errorText}`);

  // Wait until all cells have run (the kernel is idle again).
  await page.waitForFunction(() => window.jupyterapp.shell.currentWidget.sessionContext.session.kernel.status === "idle", null, { timeout: 60000 });
  await widget.scrollIntoViewIfNeeded();
  const box = await widget.boundingBox();
  // Brush over the left part of the plot, where the first cluster lies.
  const x0 = box.x + box.width * 0.12, y0 = box.y + box.height * 0.08;
  const x1 = box.x + box.width * 0.5, y1 = box.y + box.height * 0.85;
  await page.mouse.move(x0, y0);
  await page.mouse.down();
  for (let i = 1; i <= 10; i++) await page.mouse.move(x0 + ((x1 - x0) * i) / 10, y0 + ((y1 - y0) * i) / 10);
  await page.mouse.up();
  await page.waitForFunction(() => /^[1-9]\d* of 400 points selected/.test(document.querySelector(".edgeworks-scatter-status")?.textContent ?? ""), null, { timeout: 10000 }).catch(() => {});
  const status = await page.locator(".edgeworks-scatter-status").first().textContent();
  const viewCount = Number(/^(\d+) of/.exec(status ?? "")?.[1] ?? 0);
  check("dragging a brush selects points in the view", viewCount > 0, status ?? "");

  // Run the cell that prints the kernel-side selection.
  await page.waitForTimeout(500);
  await page.evaluate(async () => {
    const nb = window.jupyterapp.shell.currentWidget.content;
    const idx = nb.widgets.findIndex((c) => c.model.sharedModel.getSource().includes("selected ${w.selection.length}"));
    nb.activeCellIndex = idx;
    await window.jupyterapp.commands.execute("notebook:run-cell");
  });
  await page.waitForFunction(() => {
    const nb = window.jupyterapp.shell.currentWidget.content;
    const cell = nb.widgets.find((c) => c.model.sharedModel.getSource().includes("selected ${w.selection.length}"));
    return /selected \d+ points/.test(cell?.node.querySelector(".jp-OutputArea")?.textContent ?? "");
  }, null, { timeout: 30000 });
  const printed = await page.evaluate(() => {
    const nb = window.jupyterapp.shell.currentWidget.content;
    const cell = nb.widgets.find((c) => c.model.sharedModel.getSource().includes("selected ${w.selection.length}"));
    return cell.node.querySelector(".jp-OutputArea").textContent;
  });
  const kernelCount = Number(/selected (\d+) points/.exec(printed)?.[1] ?? -1);
  check("the next cell prints the brushed count from the kernel", kernelCount > 0 && kernelCount === viewCount, `kernel: ${kernelCount}, view: ${viewCount}`);
  check("no widget errors in the browser console", !consoleErrors.some((e) => /widget|edgeworks/i.test(e)), consoleErrors.filter((e) => /widget|edgeworks/i.test(e)).slice(0, 3).join(" | "));
} catch (e) {
  check("browser test ran to the end", false, e.message.split("\n")[0]);
  const log = await page?.evaluate(() => window.__statusLog ?? []).catch(() => []);
  if (log?.length) console.log(`  last status messages:\n    ${log.slice(-20).join("\n    ")}`);
} finally {
  if (page) await page.screenshot({ path: path.join(OUT, "getting-started.png"), fullPage: false }).catch(() => {});
  await browser.close();
  lab.stop();
}
const passed = results.filter((r) => r.ok).length;
const failed = results.length - passed;
console.log(`browser: ${passed} passed, ${failed} failed (screenshot: ${path.relative(ROOT, path.join(OUT, "getting-started.png"))})`);
fs.writeFileSync(path.join(OUT, "summary.json"), JSON.stringify({ passed, failed }));
process.exit(failed ? 1 : 0);
