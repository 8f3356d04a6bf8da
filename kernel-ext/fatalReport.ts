/**
 * When the kernel dies of a fatal error (above all, running out of JavaScript heap), Node can
 * write a diagnostic report but the front-end only sees "the kernel appears to have died". The
 * kernel asks Node for that report in a directory of its own (one per connection file, which
 * Jupyter reuses when it restarts the kernel); the restarted kernel reads it and says what
 * happened in the first cell it runs.
 *
 * @module
 */
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import v8 from "node:v8";

/** Directory for the fatal-error report of the kernel started with `connectionFile`. */
export function reportDirectory(connectionFile: string): string {
  const key = createHash("sha1").update(path.resolve(connectionFile)).digest("hex").slice(0, 16);
  return path.join(os.tmpdir(), "edgeworks-kernel", key);
}

const FILE = "fatal-report.json";

/**
 * Ask Node to write a report on a fatal error into {@link reportDirectory}, and return a
 * message about the previous kernel's fatal error if one left a report (the report is removed).
 * @example
 * const notice = armFatalReport("/run/jupyter/kernel-1.json"); // "" on a normal start
 */
export function armFatalReport(connectionFile: string): string {
  const dir = reportDirectory(connectionFile);
  let notice = "";
  const file = path.join(dir, FILE);
  try {
    if (fs.existsSync(file)) {
      const r = JSON.parse(fs.readFileSync(file, "utf8")) as { header?: { event?: string; trigger?: string }; javascriptHeap?: { totalMemory?: number } };
      const event = r.header?.event ?? "a fatal error";
      const heap = r.javascriptHeap?.totalMemory;
      const limit = v8.getHeapStatistics().heap_size_limit;
      const gib = (b: number) => `${(b / 2 ** 30).toFixed(1)} GiB`;
      notice = /heap|memory/i.test(event)
        ? `The previous kernel ran out of memory ("${event}"${heap ? `, ${gib(heap)} of JavaScript heap in use` : ""}; the limit is ${gib(limit)}) and was restarted: the variables of earlier cells are gone. Work on smaller pieces (e.g. readStack's select, openStack with preprocessSeriesInBands), or free large arrays you no longer need.`
        : `The previous kernel stopped with a fatal error ("${event}") and was restarted: the variables of earlier cells are gone. Node's report: ${file}.old`;
      fs.renameSync(file, file + ".old");
    }
  } catch {
    notice = "";
  }
  try {
    fs.mkdirSync(dir, { recursive: true });
    process.report.directory = dir;
    process.report.filename = FILE;
    process.report.reportOnFatalError = true;
  } catch {
    // Reports are a diagnostic; a kernel without them still runs.
  }
  return notice;
}
