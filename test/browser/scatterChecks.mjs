// getting-started.ipynb: the scatter-selection widget renders, a rectangle drag selects points
// (highlighted in the view, sent on mouse-up), the next cell reads the same count from the kernel,
// and w.select(…) from the kernel is highlighted.
import { openNotebook, runAll, runCell, countColors, watchKernel } from "./notebookPage.mjs";

export async function scatterChecks(page, lab, check, shot) {
  const kernelName = await openNotebook(page, lab, "getting-started.ipynb");
  check("getting-started opens on the edgeworks kernel", kernelName === "edgeworks", kernelName);
  await watchKernel(page);
  await runAll(page);
  const canvas = page.locator(".edgeworks-scatter canvas.edgeworks-plot-canvas").first();
  let rendered = true;
  try {
    await canvas.waitFor({ timeout: 60000 });
  } catch {
    rendered = false;
  }
  const errorText = await page.locator("text=Error displaying widget").count();
  check("the scatter widget renders (no 'Error displaying widget')", rendered && errorText === 0, `errors shown: ${errorText}`);
  await canvas.scrollIntoViewIfNeeded();
  const box = await canvas.boundingBox();
  const x0 = box.x + box.width * 0.12, y0 = box.y + box.height * 0.08;
  const x1 = box.x + box.width * 0.5, y1 = box.y + box.height * 0.85;
  const echoes = await page.evaluate(() => window.__echoes.length);
  await page.mouse.move(x0, y0);
  await page.mouse.down();
  for (let i = 1; i <= 10; i++) await page.mouse.move(x0 + ((x1 - x0) * i) / 10, y0 + ((y1 - y0) * i) / 10);
  const midDrag = await page.evaluate(() => window.__echoes.length);
  await page.mouse.up();
  check("nothing is sent to the kernel while dragging", midDrag === echoes, `echoes during the drag: ${midDrag - echoes}`);
  await page.waitForFunction(() => /^[1-9]\d* of 400 points selected/.test(document.querySelector(".edgeworks-scatter-status")?.textContent ?? ""), null, { timeout: 10000 }).catch(() => {});
  const status = await page.locator(".edgeworks-scatter-status").first().textContent();
  const viewCount = Number(/^(\d+) of/.exec(status ?? "")?.[1] ?? 0);
  check("dragging a rectangle selects points in the view", viewCount > 0, status ?? "");
  await page.waitForTimeout(300);
  const red = (await countColors(canvas, ["#d62728"]))["#d62728"];
  check("the selected points are highlighted", red > 0, `${red} highlighted pixels`);
  const printed = await runCell(page, "console.log(`kernel: ${w.selection.length} points`); console.log('__done__')");
  const kernelCount = Number(/kernel: (\d+) points/.exec(printed)?.[1] ?? -1);
  check("the next cell reads the same selection in the kernel", kernelCount === viewCount, `kernel: ${kernelCount}, view: ${viewCount}`);
  await runCell(page, "w.select(Array.from({ length: 400 }, (_, i) => i).filter((i) => i % 2 === 0)); console.log('__done__')");
  await page.waitForFunction(() => /^200 of 400 points selected/.test(document.querySelector(".edgeworks-scatter-status")?.textContent ?? ""), null, { timeout: 10000 }).catch(() => {});
  await page.waitForTimeout(300);
  const red2 = (await countColors(canvas, ["#d62728"]))["#d62728"];
  const status2 = await page.locator(".edgeworks-scatter-status").first().textContent();
  check("w.select(…) from the kernel is highlighted in the view", /^200 of 400/.test(status2) && red2 > 0, `${status2.slice(0, 24)}; highlighted pixels ${red} → ${red2}`);
  await shot("getting-started.png", page.locator(".edgeworks-scatter").first());
}
