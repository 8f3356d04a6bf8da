// Install the edgeworks kernel and widgets into another Jupyter: `npm run install-jupyter -- --user`
// (~/.local/share/jupyter) or `-- --prefix <env prefix>` (<prefix>/share/jupyter). Run `npm run setup` first.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { ROOT, installKernelspec, installLabextension } from "./lib.mjs";

const args = process.argv.slice(2);
let dataDir;
if (args[0] === "--user") dataDir = path.join(os.homedir(), ".local", "share", "jupyter");
else if (args[0] === "--prefix" && args[1]) dataDir = path.join(path.resolve(args[1]), "share", "jupyter");
else {
  console.error("usage: npm run install-jupyter -- --user | --prefix <environment prefix, e.g. $CONDA_PREFIX or a venv>");
  process.exit(2);
}
if (!fs.existsSync(path.join(ROOT, "dist", "kernel-ext", "main.js")) || !fs.existsSync(path.join(ROOT, "widgets", "labextension", "package.json"))) {
  console.error("the kernel or the labextension is not built: run `npm run setup` in the repository first");
  process.exit(1);
}
installKernelspec(dataDir);
installLabextension(dataDir);
console.log(`installed the kernelspec "TypeScript (edgeworks)" and the edgeworks-widgets labextension into ${dataDir}`);
console.log("that JupyterLab also needs ipywidgets 8 (pip install ipywidgets) for the widget manager");
