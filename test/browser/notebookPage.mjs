// Driving a JupyterLab notebook from a Playwright page: open, run all, append and run a cell,
// wait for the kernel, read and count canvas pixels. Used by the browser tests.

/** Open a notebook and wait until its kernel is idle; returns the kernel name. */
export async function openNotebook(page, lab, name) {
  await page.goto(`${lab.url}/lab/tree/${name}?token=${lab.token}`);
  await page.waitForFunction((n) => window.jupyterapp?.shell.currentWidget?.context?.path === n && window.jupyterapp.shell.currentWidget.sessionContext, name, { timeout: 90000 });
  await page.waitForFunction(() => {
    const s = window.jupyterapp.shell.currentWidget.sessionContext;
    return s.session?.kernel?.status === "idle";
  }, null, { timeout: 90000 });
  return page.evaluate(() => window.jupyterapp.shell.currentWidget.sessionContext.session.kernel.name);
}

/** Which checks needed the second load of {@link reopenSaved}. */
export const raceLoads = [];
/** When each such first load ran ({ from, to }, Date.now() ms): its "widget model not found" errors are the race's, excused and reported by the suite. */
export const raceWindows = [];
/** When (Date.now() ms) the edgeworks labextension said it drew saved widget outputs again after the race (its console.info; filled by the suite). */
export const repairLog = [];

/**
 * Open a saved notebook again (its kernel shut down first by the caller) and wait for a view
 * matching `selector` to be drawn from the saved widget state. JupyterLab's widget manager
 * sometimes declares itself restored before it has read the reopened document's saved state, and
 * then shows "widget model not found" (jupyterlab/jupyterlab#15361, jupyter-widgets/ipywidgets#3888);
 * the edgeworks labextension redraws such outputs in place (widgets/src/restoreRace.ts). If no
 * view appears within `timeout` even so, the page is loaded once more. Returns whether the view
 * was drawn, after how many loads, and whether the labextension repaired outputs meanwhile.
 */
export async function reopenSaved(page, lab, name, selector, timeout = 30000) {
  const from = Date.now();
  for (let load = 1; load <= 2; load++) {
    if (load === 1) await openNotebook(page, lab, name);
    else {
      raceWindows.push({ from, to: Date.now() });
      await page.reload();
      await page.waitForFunction((n) => window.jupyterapp?.shell.currentWidget?.context?.path === n, name, { timeout: 90000 });
    }
    try {
      await page.locator(selector).first().waitFor({ timeout });
      return { drawn: true, loads: load, repaired: repairLog.some((t) => t >= from) };
    } catch {
      /* not drawn: load again (once) */
    }
  }
  return { drawn: false, loads: 2, repaired: repairLog.some((t) => t >= from) };
}

/** Keep every status message and every widget echo the page receives (for timings and failure reports). */
export async function watchKernel(page) {
  await page.evaluate(() => {
    window.__statusLog = [];
    window.__echoes = [];
    const k = window.jupyterapp.shell.currentWidget.sessionContext.session.kernel;
    k.iopubMessage.connect((_k, m) => {
      if (m.header.msg_type === "status") window.__statusLog.push(`${m.content.execution_state} ← ${m.parent_header.msg_type ?? "?"} ${String(m.parent_header.msg_id ?? "").slice(0, 8)}`);
      if (m.header.msg_type === "comm_msg" && m.content.data?.method === "echo_update") window.__echoes.push(performance.now());
      if (m.header.msg_type === "comm_msg" && m.content.data?.method === "custom" && m.content.data.content?.type === "error") window.__echoes.push(-performance.now());
    });
  });
}

/** Wait until the kernel has been idle for `quiet` ms. */
export async function waitIdle(page, timeout = 120000, quiet = 400) {
  const t0 = Date.now();
  let since = 0;
  while (Date.now() - t0 < timeout) {
    const st = await page.evaluate(() => window.jupyterapp.shell.currentWidget.sessionContext.session.kernel.status);
    if (st === "idle") {
      if (!since) since = Date.now();
      if (Date.now() - since >= quiet) return;
    } else since = 0;
    await page.waitForTimeout(100);
  }
  throw new Error(`the kernel did not become idle within ${timeout / 1000} s`);
}

/** Run every cell and wait until the kernel is idle. */
export async function runAll(page, timeout = 150000) {
  await page.evaluate(() => window.jupyterapp.commands.execute("notebook:run-all-cells"));
  await page.waitForTimeout(500);
  await waitIdle(page, timeout);
}

/** Append a code cell at the end of the open notebook and start running it; resolves to its index. */
export function insertAndRun(page, code) {
  return page.evaluate((src) => {
    const nb = window.jupyterapp.shell.currentWidget.content;
    nb.model.sharedModel.insertCell(nb.widgets.length, { cell_type: "code", source: src });
    nb.activeCellIndex = nb.widgets.length - 1;
    window.jupyterapp.commands.execute("notebook:run-cell");
    return nb.widgets.length - 1;
  }, code);
}

/**
 * Append a code cell at the end, run it, and return the text of its output once it printed
 * "__done__" (the code should end with `console.log("__done__")`) or failed.
 */
export async function runCell(page, code, timeout = 60000) {
  const idx = await insertAndRun(page, code);
  await page.waitForFunction((i) => {
    const cell = window.jupyterapp.shell.currentWidget.content.widgets[i];
    const out = cell?.node.querySelector(".jp-OutputArea");
    return out && (/__done__/.test(out.textContent) || out.querySelector("[data-mime-type='application/vnd.jupyter.stderr']") || /Error/.test(out.textContent));
  }, idx, { timeout });
  return page.evaluate((i) => window.jupyterapp.shell.currentWidget.content.widgets[i].node.querySelector(".jp-OutputArea").textContent, idx);
}

/** Pixels of a canvas whose RGB is within `tol` of each given "#rrggbb" colour: { colour: count }. */
export async function countColors(locator, colors, tol = 40) {
  return locator.evaluate((c, args) => {
    const ctx = c.getContext("2d");
    const d = ctx.getImageData(0, 0, c.width, c.height).data;
    const want = args.colors.map((h) => [parseInt(h.slice(1, 3), 16), parseInt(h.slice(3, 5), 16), parseInt(h.slice(5, 7), 16)]);
    const out = Object.fromEntries(args.colors.map((h) => [h, 0]));
    for (let p = 0; p < d.length; p += 4) {
      want.forEach(([r, g, b], j) => {
        if (Math.abs(d[p] - r) <= args.tol && Math.abs(d[p + 1] - g) <= args.tol && Math.abs(d[p + 2] - b) <= args.tol) out[args.colors[j]]++;
      });
    }
    return out;
  }, { colors, tol });
}

/** The canvas mapping: its page box, the plot box inside it and the data domain. */
export async function plotMapping(locator) {
  return locator.evaluate((c) => {
    const r = c.getBoundingClientRect();
    const [left, top, width, height] = c.dataset.plot.split(",").map(Number);
    const [x0, x1, y0, y1] = c.dataset.domain.split(",").map(Number);
    return { rect: { left: r.left, top: r.top }, left, top, width, height, x0, x1, y0, y1 };
  });
}

/** Page position → data coordinates, the same arithmetic as the widget (plot.ts toData). */
export function toData(m, px, py) {
  const u = px - m.rect.left - m.left;
  const v = py - m.rect.top - m.top;
  return [m.x0 + (u / m.width) * (m.x1 - m.x0), m.y1 - (v / m.height) * (m.y1 - m.y0)];
}

/** Page position of a point given as fractions of the plot box. */
export function at(m, fx, fy) {
  return [Math.round(m.rect.left + m.left + fx * m.width), Math.round(m.rect.top + m.top + fy * m.height)];
}

/**
 * Drag through page positions (integers) with the mouse, holding `modifier` ("Shift", "Alt")
 * if given; returns performance.now() in the page just before the button is released.
 */
export async function drag(page, points, modifier) {
  if (modifier) await page.keyboard.down(modifier);
  await page.mouse.move(points[0][0], points[0][1]);
  await page.mouse.down();
  for (const [x, y] of points.slice(1)) await page.mouse.move(x, y);
  const t = await page.evaluate(() => performance.now());
  await page.mouse.up();
  if (modifier) await page.keyboard.up(modifier);
  return t;
}
