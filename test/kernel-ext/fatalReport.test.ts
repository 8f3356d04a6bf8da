// The kernel's fatal-error report: Node writes it when the heap runs out, and the restarted
// kernel turns it into a message (kernel-ext/fatalReport.ts).
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { armFatalReport, reportDirectory } from "../../kernel-ext/fatalReport";

describe("fatal-error report of the kernel", () => {
  it("is written by Node when the heap runs out, and read once by the next start", function () {
    this.timeout(120000);
    const conn = path.join(os.tmpdir(), `edgeworks-test-conn-${process.pid}-${Date.now()}.json`);
    const dir = reportDirectory(conn);
    fs.rmSync(dir, { recursive: true, force: true });
    const script = `
      require("tsx/cjs");
      const { armFatalReport } = require(${JSON.stringify(path.resolve(__dirname, "../../kernel-ext/fatalReport.ts"))});
      if (armFatalReport(${JSON.stringify(conn)}) !== "") process.exit(3);
      const b = []; for (;;) b.push(new Array(1e5).fill(1.5));`;
    const r = spawnSync(process.execPath, ["--max-old-space-size=64", "-e", script], { encoding: "utf8", cwd: path.resolve(__dirname, "../..") });
    assert.notEqual(r.status, 0);
    assert.match(r.stderr, /heap/i);
    const notice = armFatalReport(conn);
    assert.match(notice, /ran out of memory/);
    assert.match(notice, /variables of earlier cells are gone/);
    assert.equal(armFatalReport(conn), "", "the report is read once");
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
