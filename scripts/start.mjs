// `npm start` after setup: JupyterLab from .venv on notebooks/, on loopback with a token.
import { spawn } from "node:child_process";
import path from "node:path";
import { ROOT, VENV_BIN, jupyterEnv } from "./lib.mjs";

const noDisplay = !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY && process.platform === "linux";
const args = ["lab", "--ip=127.0.0.1", `--ServerApp.root_dir=${path.join(ROOT, "notebooks")}`];
if (noDisplay) args.push("--no-browser");
if (process.getuid?.() === 0) args.push("--allow-root");
args.push(...process.argv.slice(2));
console.log(`starting JupyterLab on notebooks/ (loopback only; open the URL with the token printed below)`);
const p = spawn(path.join(VENV_BIN, "jupyter"), args, { stdio: "inherit", env: jupyterEnv() });
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => p.kill(sig));
p.on("close", (code) => process.exit(code ?? 0));
