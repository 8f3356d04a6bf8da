// `npm test` after setup: type-check (library, tests and the notebooks' .ts), lint, unit and reference tests (mocha), kernel conformance
// and protocol tests plus every notebook (pytest + jupyter_client + nbclient), and the browser
// test in real JupyterLab. Ends with one line "N passed, N failed" summing every suite.
import { spawn } from "node:child_process";
import path from "node:path";
import { ROOT, PY, jupyterEnv, chromiumPath, CHROMIUM_HINT } from "./lib.mjs";

const node = process.execPath;
const bin = (p) => path.join(ROOT, "node_modules", ...p.split("/"));

/** Run a command, streaming its output, and return { code, out }. */
function run(cmd, args, env = process.env) {
  return new Promise((resolve) => {
    const p = spawn(cmd, args, { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    p.stdout.on("data", (d) => (process.stdout.write(d), (out += d)));
    p.stderr.on("data", (d) => (process.stderr.write(d), (out += d)));
    p.on("close", (code) => resolve({ code, out }));
  });
}

const suites = [
  {
    name: "type-check (tsc --noEmit)",
    cmd: [node, [bin("typescript/bin/tsc"), "-p", "tsconfig.json", "--noEmit"]],
    count: (r) => ({ passed: r.code === 0 ? 1 : 0, failed: r.code === 0 ? 0 : 1 }),
  },
  {
    // The notebooks' .ts sources (jupytext pairs) against the library's sources: notebooks/tsconfig.json.
    name: "type-check notebooks (tsc -p notebooks --noEmit)",
    cmd: [node, [bin("typescript/bin/tsc"), "-p", "notebooks", "--noEmit"]],
    count: (r) => ({ passed: r.code === 0 ? 1 : 0, failed: r.code === 0 ? 0 : 1 }),
  },
  {
    name: "lint (eslint)",
    cmd: [node, [bin("eslint/bin/eslint.js"), "src", "kernel-ext", "widgets/src", "test", "scripts", "bench", "notebooks"]],
    count: (r) => ({ passed: r.code === 0 ? 1 : 0, failed: r.code === 0 ? 0 : 1 }),
  },
  {
    name: "unit and reference tests (mocha)",
    cmd: [node, [bin("mocha/bin/mocha.js")]],
    count: (r) => ({
      passed: Number(/(\d+) passing/.exec(r.out)?.[1] ?? 0),
      failed: Number(/(\d+) failing/.exec(r.out)?.[1] ?? (r.code === 0 ? 0 : 1)),
      skipped: Number(/(\d+) pending/.exec(r.out)?.[1] ?? 0),
    }),
  },
  {
    name: "kernel conformance, comm/widget protocol, notebooks (pytest)",
    cmd: [PY, ["-m", "pytest", "-q", "-rs", "-p", "no:cacheprovider", "test/kernel", "test/notebooks"]],
    env: jupyterEnv(),
    count: (r) => {
      const last = r.out.trim().split("\n").reverse().find((l) => /\d+ (passed|failed|error)/.test(l)) ?? "";
      const n = (w) => Number(new RegExp(`(\\d+) ${w}`).exec(last)?.[1] ?? 0);
      const failed = n("failed") + n("errors?");
      return { passed: n("passed"), failed: failed || (r.code === 0 ? 0 : 1), skipped: n("skipped") };
    },
  },
  {
    name: "widgets in real JupyterLab + Chromium (playwright-core)",
    // Outside CI, a machine without Chromium reports the suite as not run (setup said how to install it).
    notRun: () => (chromiumPath() === null && !process.env.CI ? `no Chromium: ${CHROMIUM_HINT}` : null),
    cmd: [node, [path.join(ROOT, "test", "browser", "widgets.test.mjs")]],
    env: jupyterEnv(),
    count: (r) => {
      const m = /browser: (\d+) passed, (\d+) failed/.exec(r.out);
      return m ? { passed: Number(m[1]), failed: Number(m[2]) } : { passed: 0, failed: 1 };
    },
  },
];

const only = process.argv.slice(2);
const totals = { passed: 0, failed: 0, skipped: 0 };
const lines = [];
for (const s of suites) {
  if (only.length && !only.some((o) => s.name.includes(o))) continue;
  console.log(`\n=== ${s.name} ===`);
  const why = s.notRun?.();
  if (why) {
    console.log(`not run: ${why}`);
    lines.push(`NOT RUN ${s.name}: ${why}`);
    continue;
  }
  const t0 = Date.now();
  const r = await run(s.cmd[0], s.cmd[1], s.env ?? process.env);
  const c = s.count(r);
  totals.passed += c.passed;
  totals.failed += c.failed;
  totals.skipped += c.skipped ?? 0;
  lines.push(`${c.failed ? "FAIL" : "ok  "} ${s.name}: ${c.passed} passed, ${c.failed} failed${c.skipped ? `, ${c.skipped} skipped` : ""} (${((Date.now() - t0) / 1000).toFixed(0)} s)`);
}
console.log("\n=== summary ===");
for (const l of lines) console.log(l);
console.log(`${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ""}`);
process.exit(totals.failed ? 1 : 0);
