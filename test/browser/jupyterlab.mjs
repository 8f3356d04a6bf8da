// Starts a real JupyterLab (from .venv) on loopback with a token, on a copy of notebooks, for browser tests.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { ROOT, VENV_BIN, jupyterEnv } from "../../scripts/lib.mjs";

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
    s.on("error", reject);
  });
}

/**
 * Start JupyterLab serving a temporary copy of the given notebooks; resolves when it answers.
 * `options.link`: folders of notebooks/ linked into the copy (e.g. "simulated-data", so the
 * simulated files are not written again); `options.settings`: user settings by plugin id
 * (e.g. the widget manager's saveState); `options.files`: more files written into the copy
 * (`{ name: text }`); `options.venvBin` and `options.env`: another Python environment's bin folder
 * and environment (default this checkout's .venv and `jupyterEnv()`), as a bench that starts
 * another widget library's JupyterLab does; `options.timeoutMs`: how long to wait (60 s).
 */
export async function startLab(notebooks, options = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "edgeworks-lab-"));
  for (const nb of notebooks) fs.copyFileSync(path.join(ROOT, "notebooks", nb), path.join(dir, nb));
  // a linked folder that does not exist yet (notebooks/simulated-data in a fresh checkout before
  // any notebook has run) is made first: a dangling link makes the notebooks' mkdir fail (ENOENT)
  for (const d of options.link ?? []) {
    fs.mkdirSync(path.join(ROOT, "notebooks", d), { recursive: true });
    fs.symlinkSync(path.join(ROOT, "notebooks", d), path.join(dir, d));
  }
  for (const [name, text] of Object.entries(options.files ?? {})) fs.writeFileSync(path.join(dir, name), text);
  const configDir = path.join(dir, ".jupyter-config");
  for (const [id, value] of Object.entries(options.settings ?? {})) {
    const [pkg, plugin] = id.split(":");
    const f = path.join(configDir, "lab", "user-settings", pkg, `${plugin}.jupyterlab-settings`);
    fs.mkdirSync(path.dirname(f), { recursive: true });
    fs.writeFileSync(f, JSON.stringify(value));
  }
  const port = await freePort();
  const token = randomBytes(12).toString("hex");
  const log = fs.openSync(path.join(dir, "jupyterlab.log"), "w");
  const proc = spawn(
    path.join(options.venvBin ?? VENV_BIN, "jupyter"),
    ["lab", "--no-browser", "--ip=127.0.0.1", `--port=${port}`, `--IdentityProvider.token=${token}`, `--ServerApp.root_dir=${dir}`, "--LabApp.expose_app_in_browser=True", "--ServerApp.open_browser=False", ...(process.getuid?.() === 0 ? ["--allow-root"] : [])],
    { env: { ...(options.env ?? jupyterEnv()), JUPYTER_CONFIG_DIR: configDir }, stdio: ["ignore", log, log], detached: true },
  );
  const url = `http://127.0.0.1:${port}`;
  const t0 = Date.now();
  for (;;) {
    try {
      const r = await fetch(`${url}/api/status?token=${token}`);
      if (r.ok) break;
    } catch {
      /* not up yet */
    }
    if (proc.exitCode !== null) throw new Error(`JupyterLab exited with ${proc.exitCode}; log: ${path.join(dir, "jupyterlab.log")}`);
    if (Date.now() - t0 > (options.timeoutMs ?? 60000)) {
      try {
        process.kill(-proc.pid, "SIGTERM");
      } catch {
        /* already gone */
      }
      throw new Error(`JupyterLab did not answer within ${(options.timeoutMs ?? 60000) / 1000} s (stopped); log: ${path.join(dir, "jupyterlab.log")}`);
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  return {
    url,
    token,
    dir,
    stop() {
      try {
        process.kill(-proc.pid, "SIGTERM");
      } catch {
        /* already gone */
      }
    },
  };
}
