/**
 * Progress bars that update in place: one `display_data` with a display id, then
 * `update_display_data` at most every `minIntervalMs`. HTML for JupyterLab, text for
 * consoles and saved notebooks.
 *
 * @module
 */
import { randomUUID } from "node:crypto";
import { contextStore, getKernel } from "./context";
import { KeyboardInterrupt } from "./interrupt";
import { escapeHtml } from "./display";

/** Options of {@link progress}. */
export interface ProgressOptions {
  /** Text before the bar. Default "". */
  label?: string;
  /** Minimum time between two updates sent to the front-end, ms. Default 100. */
  minIntervalMs?: number;
}

/** A running progress bar. */
export interface Progress {
  /** Set the amount done (0 … total) and an optional message. Throws KeyboardInterrupt once the cell was interrupted. */
  update(done: number, message?: string): void;
  /** Add `n` (default 1) to the amount done. */
  tick(n?: number): void;
  /** Mark finished (always sends the final state). */
  done(message?: string): void;
}

function render(label: string, done: number, total: number, message: string, elapsedMs: number) {
  const frac = total > 0 ? Math.min(1, Math.max(0, done / total)) : 0;
  const pct = Math.round(frac * 100);
  const secs = (elapsedMs / 1000).toFixed(1);
  const text = `${label ? label + " " : ""}[${"#".repeat(Math.round(frac * 30)).padEnd(30, ".")}] ${done}/${total} (${pct} %) ${secs} s${message ? " — " + message : ""}`;
  const html =
    `<div class="edgeworks-progress" style="font-family:sans-serif;font-size:12px">` +
    `${label ? `<span>${escapeHtml(label)}</span> ` : ""}` +
    `<progress value="${done}" max="${total}" style="width:240px;vertical-align:middle"></progress> ` +
    `<span>${done}/${total} (${pct} %) ${secs} s${message ? " — " + escapeHtml(message) : ""}</span></div>`;
  return { "text/html": html, "text/plain": text };
}

/**
 * Show a progress bar for `total` steps. Outside the edgeworks kernel it does nothing.
 * @example
 * const p = progress(200, { label: "NMF" });
 * for (let i = 0; i < 200; i++) { step(); p.tick(); }
 * p.done();
 */
export function progress(total: number, options: ProgressOptions = {}): Progress {
  if (!Number.isFinite(total) || total < 0) throw new RangeError(`progress: total must be a finite number ≥ 0, got ${total}`);
  const k = getKernel();
  const label = options.label ?? "";
  const minInterval = options.minIntervalMs ?? 100;
  const id = randomUUID();
  const t0 = Date.now();
  let last = 0;
  let current = 0;
  const send = (update: boolean, message = "") =>
    k?.publish(update ? "update_display_data" : "display_data", {
      data: render(label, current, total, message, Date.now() - t0),
      metadata: {},
      transient: { display_id: id },
    });
  send(false);
  // The bar belongs to the cell that made it: once that cell is interrupted, the loop driving
  // the bar stops at its next update.
  const signal = contextStore().getStore()?.signal;
  const p: Progress = {
    update(done, message) {
      if (signal?.aborted) throw new KeyboardInterrupt();
      current = done;
      const now = Date.now();
      if (now - last >= minInterval) {
        last = now;
        send(true, message);
      }
    },
    tick(n = 1) {
      p.update(current + n);
    },
    done(message = "done") {
      send(true, message);
    },
  };
  return p;
}
