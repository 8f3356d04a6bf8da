// Shared helpers of the setup, start, test and figures scripts: paths, steps, stamps.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const VENV = path.join(ROOT, ".venv");
export const VENV_BIN = path.join(VENV, "bin");
export const PY = path.join(VENV_BIN, "python");
export const STAMPS = path.join(ROOT, ".setup");
/** Where the kernelspec and the labextension are installed (the venv's Jupyter data dir). */
export const JUPYTER_DATA = path.join(VENV, "share", "jupyter");

/** The environment for Jupyter commands: the venv first on PATH. */
export function jupyterEnv(extra = {}) {
  return { ...process.env, PATH: `${VENV_BIN}:${process.env.PATH}`, VIRTUAL_ENV: VENV, ...extra };
}

/** Run a command; on failure print which step failed and what to do, then exit. */
export function run(step, cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { stdio: opts.quiet ? "pipe" : "inherit", cwd: ROOT, ...opts });
  if (r.status !== 0) {
    if (opts.quiet) {
      process.stderr.write(r.stdout?.toString() ?? "");
      process.stderr.write(r.stderr?.toString() ?? "");
    }
    fail(step, `\`${cmd} ${args.join(" ")}\` exited with ${r.status ?? r.signal}${r.error ? ` (${r.error.message})` : ""}`, opts.hint);
  }
  return r;
}

export function fail(step, what, hint) {
  process.stderr.write(`\nsetup step "${step}" failed: ${what}\n${hint ? `what to do: ${hint}\n` : ""}`);
  process.exit(1);
}

/** Hash of files' contents (missing files hash as empty) and extra strings. */
export function hashOf(files, extra = []) {
  const h = createHash("sha256");
  for (const f of files) {
    h.update(f);
    if (fs.existsSync(f)) h.update(fs.readFileSync(f));
  }
  for (const e of extra) h.update(e);
  return h.digest("hex");
}

/** All files below `dir` (recursively) with one of the extensions. */
export function listFiles(dir, exts) {
  const out = [];
  if (!fs.existsSync(dir)) return out;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...listFiles(p, exts));
    else if (exts.some((x) => e.name.endsWith(x))) out.push(p);
  }
  return out.sort();
}

/** Whether the stamp `name` holds `hash`. */
export function stampIs(name, hash) {
  const f = path.join(STAMPS, name);
  return fs.existsSync(f) && fs.readFileSync(f, "utf8") === hash;
}

export function writeStamp(name, hash) {
  fs.mkdirSync(STAMPS, { recursive: true });
  fs.writeFileSync(path.join(STAMPS, name), hash);
}

/** The kernel's JavaScript heap limit in MiB: three quarters of the machine's memory, at least 2 GiB. */
export function heapLimitMiB() {
  return Math.max(2048, Math.floor((os.totalmem() / 2 ** 20) * 0.75));
}

/** The kernelspec of the edgeworks kernel (argv runs this checkout's compiled kernel with this Node). */
export function kernelSpec() {
  return JSON.stringify(
    {
      // Node's default heap limit (~4 GiB) aborts a kernel holding a few large stacks: allow three
      // quarters of the machine's memory (the rest for typed arrays, which live outside the heap).
      argv: [process.execPath, `--max-old-space-size=${heapLimitMiB()}`, path.join(ROOT, "dist", "kernel-ext", "main.js"), "kernel", "--config-path", "{connection_file}"],
      display_name: "TypeScript (edgeworks)",
      language: "typescript",
      interrupt_mode: "signal",
      // Transparent huge pages for large typed arrays, as numpy has them (it madvises every array
      // ≥ 4 MiB): glibc's malloc then advises the chunks it maps, and ArrayBuffers come from
      // malloc/calloc. Where THP is in `madvise` mode, filling 800 MB takes ~0.12–0.45 s instead
      // of ~0.55 s with a fault per 4 KiB. jupyter_client substitutes ${VAR} from its own
      // environment (string.Template.safe_substitute), so the user's GLIBC_TUNABLES follow (and a
      // later setting of the same tunable wins); unset, the literal "${GLIBC_TUNABLES}" stays,
      // which glibc ignores (an entry without "=" ends the list).
      env: { GLIBC_TUNABLES: "glibc.malloc.hugetlb=1:${GLIBC_TUNABLES}" },
      metadata: { debugger: false },
    },
    null,
    2,
  );
}

/** Whether `<dataDir>/kernels/edgeworks/kernel.json` is the current spec. */
export function kernelspecCurrent(dataDir) {
  const f = path.join(dataDir, "kernels", "edgeworks", "kernel.json");
  return fs.existsSync(f) && fs.readFileSync(f, "utf8") === kernelSpec();
}

/** Write the kernelspec into a Jupyter data dir (`<dataDir>/kernels/edgeworks`). */
export function installKernelspec(dataDir) {
  const dir = path.join(dataDir, "kernels", "edgeworks");
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, "kernel.json"), kernelSpec());
  fs.copyFileSync(path.join(ROOT, "kernel-ext", "logo-64x64.png"), path.join(dir, "logo-64x64.png"));
}

/** Copy the built labextension into `<dataDir>/labextensions/edgeworks-widgets`. */
export function installLabextension(dataDir) {
  const target = path.join(dataDir, "labextensions", "edgeworks-widgets");
  fs.rmSync(target, { recursive: true, force: true });
  fs.cpSync(path.join(ROOT, "widgets", "labextension"), target, { recursive: true });
  fs.writeFileSync(
    path.join(target, "install.json"),
    JSON.stringify({ packageManager: "npm", packageName: "edgeworks-widgets", uninstallInstructions: `delete ${target}` }, null, 2),
  );
}

/**
 * The Chromium the browser tests drive: $CHROMIUM_PATH, else Debian's /usr/bin/chromium; null
 * when neither is an executable file.
 */
export function chromiumPath() {
  const p = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
  try {
    fs.accessSync(p, fs.constants.X_OK);
    return p;
  } catch {
    return null;
  }
}

/** The one command that installs the browser the tests use, for messages. */
export const CHROMIUM_HINT = "run `sudo apt-get update && sudo apt-get install -y chromium` (Debian's Chromium), or set CHROMIUM_PATH to a Chromium or Chrome binary";
