// `npm run figures`: execute every notebook in notebooks/ headless on the edgeworks kernel,
// writing the executed notebooks, their figures and an index to build/figures/.
import fs from "node:fs";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { ROOT, PY, jupyterEnv } from "./lib.mjs";

const dir = path.join(ROOT, "notebooks");
const notebooks = fs.readdirSync(dir).filter((f) => f.endsWith(".ipynb")).sort().map((f) => path.join(dir, f));
const out = path.join(ROOT, "build", "figures");
const r = spawnSync(PY, [path.join(ROOT, "python", "run_notebooks.py"), out, ...notebooks], { stdio: "inherit", env: jupyterEnv() });
process.exit(r.status ?? 1);
