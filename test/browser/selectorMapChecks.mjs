// gent2017-s16-end-member-selection.ipynb, after the kernel set the group "kernel half" (#ff00ff):
// the per-sample maps hold exactly the table's pixels with the group's pixels in its colour;
// hovering an isolated point shows that pixel's spectrum (compared with the kernel's table row)
// and marks its map pixel; hovering a map pixel marks its point on the scatter.
import { runCell, plotMapping } from "./notebookPage.mjs";

function parseJson(out) {
  try {
    return JSON.parse(/\{"[a-z]+".*\}/s.exec(out)[0]);
  } catch {
    return { error: out.slice(0, 400) };
  }
}

/** Kernel code: per sample the number of pixels and of "kernel half" pixels, and 10 grouped and 10 ungrouped spots. */
const MAP_CODE = `{ const g = sel.groups["kernel half"]; const inG = new Uint8Array(sel.size); for (const i of g) inG[i] = 1;
  const per = T.samples.map((s) => ({ name: s.name, pixels: 0, grouped: 0 }));
  for (let i = 0; i < T.nRows; i++) { per[T.sample[i]].pixels++; if (inG[i]) per[T.sample[i]].grouped++; }
  const out: number[] = []; for (let i = 0; i < T.nRows && out.length < 10; i += 97) if (!inG[i]) out.push(i);
  const spots = [...Array.from(g.filter((_, k) => k % 211 === 0).slice(0, 10)), ...out].map((i) => ({ i, grouped: inG[i], s: T.sample[i], x: T.x[i], y: T.y[i] }));
  console.log(JSON.stringify({ per, spots })); console.log("__done__"); }`;

/**
 * Kernel code: given the plot mapping, the point (among the 60 of largest x and 60 of largest y)
 * farthest on screen from any other point, its screen position (CSS px in the plot area), and
 * its table row (float32); plus a second point j (the middle row) with its map pixel and screen position.
 */
function hoverCode(m) {
  return `{ const m = ${JSON.stringify({ x0: m.x0, x1: m.x1, y0: m.y0, y1: m.y1, width: m.width, height: m.height })};
  const k = sel.model.get("n_components"), c = sel.model.get("coords"), cx = sel.model.get("x_component"), cy = sel.model.get("y_component"), n = sel.size;
  const U = (i: number) => ((c[i * k + cx] - m.x0) / (m.x1 - m.x0)) * m.width, V = (i: number) => ((m.y1 - c[i * k + cy]) / (m.y1 - m.y0)) * m.height;
  const byX = Array.from({ length: n }, (_, i) => i).sort((a, b) => U(b) - U(a)).slice(0, 60);
  const byY = Array.from({ length: n }, (_, i) => i).sort((a, b) => V(a) - V(b)).slice(0, 60);
  let best = -1, gap = -1;
  for (const i of [...byX, ...byY]) { let d = Infinity; for (let j = 0; j < n; j++) if (j !== i) d = Math.min(d, Math.hypot(U(j) - U(i), V(j) - V(i)));
    if (U(i) > 8 && V(i) > 8 && U(i) < m.width - 8 && V(i) < m.height - 8 && d > gap) { gap = d; best = i; } }
  const row = (i: number) => Array.from(Float32Array.from(T.data.subarray(i * T.nE, (i + 1) * T.nE)));
  const j = Math.floor(n / 2);
  console.log(JSON.stringify({ point: { i: best, u: U(best), v: V(best), gap, row: row(best), s: T.sample[best], x: T.x[best], y: T.y[best] },
    mapPoint: { i: j, u: U(j), v: V(j), row: row(j), s: T.sample[j], x: T.x[j], y: T.y[j] } })); console.log("__done__"); }`;
}

/** The map canvas of sample s in the widget: its page box and scale (CSS px per map pixel). */
async function mapBox(widget, s) {
  return widget.locator(`canvas.edgeworks-map-canvas[data-sample-index="${s}"]`).evaluate((c) => {
    const r = c.getBoundingClientRect();
    return { left: r.left, top: r.top, scale: (r.width - 2) / c.width };
  });
}

/** Wait until the view reports the spectrum of point i; returns { index, values, label }. */
async function hoverState(page, widget, i) {
  await page.waitForFunction((el, want) => el.dataset.hoverIndex === String(want) && el.dataset.hoverSpectrum, await widget.elementHandle(), i, { timeout: 15000 }).catch(() => {});
  return widget.evaluate((el) => ({ index: Number(el.dataset.hoverIndex ?? -1), values: (el.dataset.hoverSpectrum ?? "").split(",").filter(Boolean).map(Number), label: el.dataset.hoverLabel ?? "" }));
}

const sameRow = (a, b) => a.length === b.length && a.length > 0 && a.every((v, e) => v === b[e]);

export async function selectorMapChecks(page, widget, canvas, check, shot, measures) {
  // 1. The maps after the kernel set the groups.
  const want = parseJson(await runCell(page, MAP_CODE));
  await widget.scrollIntoViewIfNeeded();
  await page.waitForTimeout(300);
  const got = await widget.evaluate((el, spots) => {
    const maps = [...el.querySelectorAll("canvas.edgeworks-map-canvas")];
    const per = maps.map((c) => {
      const d = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
      let pixels = 0, grouped = 0;
      for (let p = 0; p < d.length; p += 4) {
        if (d[p + 3] > 0) pixels++;
        if (d[p] === 255 && d[p + 1] === 0 && d[p + 2] === 255 && d[p + 3] === 255) grouped++;
      }
      return { name: c.dataset.sample, pixels, grouped };
    });
    const at = (spots ?? []).map((sp) => Array.from(maps[sp.s].getContext("2d").getImageData(sp.x, sp.y, 1, 1).data));
    return { per, at, drawMs: Number(el.querySelector(".edgeworks-selector-maps")?.dataset.drawMs) };
  }, want.spots);
  measures.s16MapDrawMs = got.drawMs;
  const spotsOk = (want.spots ?? []).every((sp, k) => (sp.grouped ? got.at[k].join() === "255,0,255,255" : got.at[k][3] === 255 && !(got.at[k][0] === 255 && got.at[k][2] === 255)));
  check(
    "one map per sample: exactly the table's pixels drawn, the kernel's group pixels in its colour (per-sample counts and 20 spots)",
    !want.error && JSON.stringify(got.per) === JSON.stringify(want.per) && want.per.some((p) => p.grouped > 0) && spotsOk,
    `kernel ${JSON.stringify(want.per ?? want.error)}, page ${JSON.stringify(got.per)}, spots ${spotsOk ? "ok" : JSON.stringify(got.at)}; map redraw ${got.drawMs} ms`,
  );

  // 2. Hover an isolated point: its spectrum (the kernel's row) and its map pixel marked.
  const m = await plotMapping(canvas);
  const h = parseJson(await runCell(page, hoverCode(m)));
  await widget.scrollIntoViewIfNeeded();
  await page.waitForTimeout(300);
  const m2 = await plotMapping(canvas);
  const p = h.point;
  await page.mouse.move(m2.rect.left + m2.left + 5, m2.rect.top + m2.top + 5);
  await page.mouse.move(Math.round(m2.rect.left + m2.left + p.u), Math.round(m2.rect.top + m2.top + p.v));
  const s1 = await hoverState(page, widget, p.i);
  check(
    "hovering a point shows that pixel's spectrum (= the kernel's table row) and labels it",
    s1.index === p.i && sameRow(s1.values, p.row) && s1.label.startsWith(`pixel ${p.i} (`) && s1.label.endsWith(`, ${p.x}, ${p.y})`),
    `point ${p.i} (${p.gap.toFixed(1)} px from the next), view shows ${s1.index}, ${s1.values.length} values, label "${s1.label}"`,
  );
  const mk = await widget.evaluate((el) => {
    const mk = el.querySelector(".edgeworks-map-marker");
    const c = mk?.parentElement?.querySelector("canvas");
    if (!mk || mk.style.display === "none" || !c) return null;
    const s = (c.getBoundingClientRect().width - 2) / c.width;
    const size = parseFloat(mk.style.width);
    return { sample: Number(c.dataset.sampleIndex), x: (parseFloat(mk.style.left) + size / 2 - 1) / s - 0.5, y: (parseFloat(mk.style.top) + size / 2 - 1) / s - 0.5 };
  });
  check(
    "hovering a point marks its pixel on its sample's map",
    mk && mk.sample === p.s && Math.abs(mk.x - p.x) < 1e-3 && Math.abs(mk.y - p.y) < 1e-3,
    `want sample ${p.s} (${p.x}, ${p.y}), marker ${JSON.stringify(mk)}`,
  );
  await shot("selector-hover-point.png", widget);

  // 3. Hover a map pixel: its point marked on the scatter, its spectrum shown.
  const q = h.mapPoint;
  const box = await mapBox(widget, q.s);
  // Whole page pixels (mouse events carry integers) whose map pixel, by the view's arithmetic, is (x, y).
  const whole = (origin, k) => [Math.round(origin + 1 + (k + 0.5) * box.scale), Math.floor(origin + 1 + (k + 0.5) * box.scale), Math.ceil(origin + 1 + (k + 0.5) * box.scale)].find((p) => Math.floor((p - origin - 1) / box.scale) === k);
  await page.mouse.move(whole(box.left, q.x), whole(box.top, q.y));
  const s2 = await hoverState(page, widget, q.i);
  const ring = await widget.evaluate((el) => {
    const svg = el.querySelector(".edgeworks-hover-marker");
    return svg && svg.style.display !== "none" ? { x: Number(svg.dataset.x), y: Number(svg.dataset.y) } : null;
  });
  check(
    "hovering a map pixel marks its point on the scatter and shows its spectrum",
    s2.index === q.i && sameRow(s2.values, q.row) && ring && Math.abs(ring.x - (m2.left + q.u)) < 0.01 && Math.abs(ring.y - (m2.top + q.v)) < 0.01,
    `pixel (${q.x}, ${q.y}) of sample ${q.s} = point ${q.i}; view shows ${s2.index}, marker at ${JSON.stringify(ring)}, want (${(m2.left + q.u).toFixed(2)}, ${(m2.top + q.v).toFixed(2)})`,
  );
  measures.s16HoverIndexMs = Number(await widget.evaluate((el) => el.dataset.hoverIndexMs));
  await shot("selector-hover-map.png", widget);
  await page.mouse.move(5, 5);
}
