// `node scripts/notebooks-sync.mjs`: the notebooks' .ts files are their source; write each
// notebooks/<name>.ipynb from its .ts (no outputs, ids of unchanged cells kept). With `--check`
// it writes nothing and names the pairs out of step. See python/notebooks_sync.py.
import fs from "node:fs";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { ROOT, PY, jupyterEnv, fail } from "./lib.mjs";

if (!fs.existsSync(PY)) fail("notebooks", ".venv/bin/python is missing", "run `npm run setup` first (it installs jupytext into .venv)");
const r = spawnSync(PY, [path.join(ROOT, "python", "notebooks_sync.py"), ...process.argv.slice(2)], { stdio: "inherit", env: jupyterEnv() });
process.exit(r.status ?? 1);
